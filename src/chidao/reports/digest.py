"""The weekly direction digest, "Chỉ đạo, điều hành nổi bật của UBND tỉnh trong tuần (từ ngày …
đến ngày …)", in the form of the Office's weekly bulletin (seed 001): a headline line listing
every document of the range, then one section per document: what it directed, its citation
(type, number, date), who directed it, and its tasks with assignees and deadlines.

Every sentence is built from the stored fields only (subject, type, number, date, issuer,
signer, tasks); nothing is invented. :func:`build_digest` is pure; :func:`digest_from_store`
reads the documents; :func:`render_html` and :func:`write_docx` render it.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from chidao.store.tasks import TaskLine

SHOWN_STATUSES = ("proposed", "open", "in_progress", "done")  # a task not tracked (rejected) is left out


@dataclass
class DigestTask:
    task_id: int
    assignees: list[str]
    coordinators: list[str]
    action: str
    due: dt.date | None
    deadline: str  # the due date as dd/mm/yyyy, or how the document put it
    sentence: str


@dataclass
class DigestItem:
    document_id: int
    doc_type: str | None
    number: str | None
    date_text: str | None
    issuer: str | None
    subject: str | None
    signer: dict | None
    headline: str
    citation: str
    intro: str
    directed_by: str
    tasks: list[DigestTask] = field(default_factory=list)


@dataclass
class Digest:
    start: dt.date
    end: dt.date
    title: str
    items: list[DigestItem]

    @property
    def headline(self) -> str:
        return "; ".join(item.headline for item in self.items)


@dataclass
class DocumentFacts:
    """The stored fields of a document the digest uses."""

    id: int
    doc_type: str | None
    number: str | None
    date_text: str | None
    issuer: str | None
    subject: str | None
    signer: dict | None
    source_name: str = ""


# --- sentences ----------------------------------------------------------------------------------

def vn_date(value: dt.date | str | None) -> str:
    """``dd/mm/yyyy`` for a day, ``tháng mm/yyyy`` for a month-only date, ``năm yyyy`` for a year."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    parts = value.split("-")
    if len(parts) == 3:
        return f"{parts[2]}/{parts[1]}/{parts[0]}"
    if len(parts) == 2:
        return f"tháng {parts[1]}/{parts[0]}"
    return f"năm {parts[0]}"


def _date_phrase(date_text: str | None) -> str:
    text = vn_date(date_text)
    if not text:
        return ""
    return f"ngày {text}" if text[0].isdigit() else text


def _lower_first(text: str) -> str:
    """Lower the first letter of a sentence, not of an acronym or a name kept in capitals."""
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def _clean(text: str | None) -> str:
    return " ".join((text or "").split()).strip(" ;,.:")


_ABOUT = re.compile(r"^(?:v/v|về việc|về)\s+", re.IGNORECASE)


def citation(doc: DocumentFacts) -> str:
    """``Công văn số 2418/SYT-NVY ngày 22/06/2022`` (the parts that are stored)."""
    parts = [doc.doc_type or "Văn bản"]
    if doc.number:
        parts.append(f"số {doc.number}")
    if doc.date_text:
        parts.append(_date_phrase(doc.date_text))
    return " ".join(parts)


def headline(doc: DocumentFacts) -> str:
    """What the document decided or directed, in the style of the bulletin's headlines."""
    subject = _clean(doc.subject)
    kind = doc.doc_type or "Văn bản"
    if not subject:
        return citation(doc)
    about = _ABOUT.match(subject)
    rest = _lower_first(subject[about.end():]) if about else _lower_first(subject)
    if kind == "Công văn":
        return f"Chỉ đạo về việc {rest}"
    if about:
        return f"{kind} về việc {rest}" if about.group(0).lower().startswith(("về việc", "v/v")) else f"{kind} về {rest}"
    if rest.lower().startswith(kind.lower()) or kind in ("Thông báo", "Bản tin", "Tin bài"):
        return _upper_first(rest)
    return f"{kind} {rest}"


def directed_by(doc: DocumentFacts) -> str:
    """``đồng chí Nguyễn Hữu Tín, Phó Chủ tịch (KT. Chủ tịch)`` from the signer, or the issuer."""
    signer = doc.signer or {}
    name, title, authority = (_clean(signer.get(k)) for k in ("name", "title", "authority"))
    if re.search(r"[;:]", title):  # the recipients' list read into the title: keep its last part
        title = _clean(title.split(",")[-1])
    if name:
        text = f"đồng chí {name}" + (f", {title}" if title else "")
        if authority:
            text += f" ({authority})"
        return text
    return doc.issuer or ""


def intro(doc: DocumentFacts) -> str:
    subject = _clean(doc.subject)
    issuer = doc.issuer or "Cơ quan ban hành"
    about = ""
    if subject:
        m = _ABOUT.match(subject)
        if m:
            about = f" {m.group(0).strip().lower().replace('v/v', 'về việc')} {_lower_first(subject[m.end():])}"
        elif doc.doc_type == "Công văn":
            about = f" về việc {_lower_first(subject)}"
        elif doc.doc_type in ("Thông báo", "Bản tin", "Tin bài"):
            about = f" về {_lower_first(subject)}"
        else:
            about = f" {_lower_first(subject)}"
    sentence = f"{issuer} ban hành {citation(doc)}{about}."
    who = directed_by(doc)
    if who and who != doc.issuer:
        sentence += f" Văn bản do {who} ký."
    return sentence


def _names(names: list[str]) -> str:
    names = [n for n in names if n]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " và " + names[-1]


def task_sentence(assignees: list[str], coordinators: list[str], action: str, deadline: str) -> str:
    """``Sở Y tế chủ trì, phối hợp với Công an tỉnh rà soát …; thời hạn: 31/07/2022.``"""
    action = _clean(action)
    who = _names(assignees)
    if who and action.lower().startswith(who.lower()):
        text = action
    elif who:
        text = f"{who} {_lower_first(action)}"
    else:
        text = _upper_first(action)
    unnamed = [c for c in coordinators if c.lower() not in action.lower()]
    if unnamed:
        text += f" (phối hợp: {_names(unnamed)})"
    if deadline:
        text += f"; thời hạn: {deadline}"
    return _upper_first(text) + "."


# --- building -----------------------------------------------------------------------------------

def _deadline(line: TaskLine) -> str:
    from chidao.tracking.views import deadline_label
    return _clean(deadline_label(line))


def build_item(doc: DocumentFacts, lines: Iterable[TaskLine]) -> DigestItem:
    tasks = []
    for line in lines:
        assignees = [n for n, _ in line.assignees]
        coordinators = [n for n, _ in line.coordinators]
        deadline = _deadline(line)
        tasks.append(DigestTask(line.id, assignees, coordinators, _clean(line.action), line.due_date, deadline,
                                task_sentence(assignees, coordinators, line.action, deadline)))
    return DigestItem(doc.id, doc.doc_type, doc.number, doc.date_text, doc.issuer, doc.subject, doc.signer,
                      headline(doc), citation(doc), intro(doc), directed_by(doc), tasks)


def title_for(start: dt.date, end: dt.date, who: str = "UBND tỉnh") -> str:
    first = f"{start.day:02d}/{start.month:02d}" + (f"/{start.year}" if start.year != end.year else "")
    return (f"Chỉ đạo, điều hành nổi bật của {who} trong tuần "
            f"(từ ngày {first} đến ngày {end:%d/%m/%Y})")


def build_digest(start: dt.date, end: dt.date, documents: list[tuple[DocumentFacts, list[TaskLine]]],
                 who: str = "UBND tỉnh") -> Digest:
    """The digest of the given documents (already chosen for the range), by date then id."""
    from chidao.tracking.deadlines import earliest_day
    ordered = sorted(documents, key=lambda d: (earliest_day(d[0].date_text) or start, d[0].id))
    return Digest(start, end, title_for(start, end, who), [build_item(doc, lines) for doc, lines in ordered])


def digest_from_store(store, start: dt.date, end: dt.date, who: str = "UBND tỉnh") -> Digest:
    """The current version of every document dated from ``start`` to ``end`` (a month-only
    date by its first day), with its tasks that are not rejected."""
    from sqlalchemy import select

    from chidao.store.models import DocumentRow
    from chidao.store.tasks import TaskQuery, list_tasks
    from chidao.tracking.deadlines import earliest_day
    chosen = []
    with store.read() as session:
        rows = session.execute(select(DocumentRow.id, DocumentRow.doc_type, DocumentRow.number,
                                      DocumentRow.date_text, DocumentRow.issuer, DocumentRow.subject,
                                      DocumentRow.signer, DocumentRow.source_name)
                               .where(DocumentRow.superseded_by_id.is_(None),
                                      DocumentRow.date_text >= start.isoformat()[:7],
                                      DocumentRow.date_text <= end.isoformat())).all()
        for row in rows:
            day = earliest_day(row.date_text)
            if day is None or not start <= day <= end:
                continue
            lines = list_tasks(session, TaskQuery(statuses=SHOWN_STATUSES, document_id=row.id))
            lines.sort(key=lambda x: x.id)
            chosen.append((DocumentFacts(*row), lines))
    return build_digest(start, end, chosen, who)


# --- rendering ----------------------------------------------------------------------------------

HTML = """<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<title>{{ digest.title }}</title>
<style>
body { font-family: "Times New Roman", serif; font-size: 14pt; max-width: 52em; margin: 2em auto; line-height: 1.45; }
h1 { font-size: 16pt; text-align: center; }
h2 { font-size: 14pt; margin-top: 1.6em; }
.headline { font-style: italic; text-align: justify; }
ul.tasks li { margin: .3em 0; text-align: justify; }
.due { white-space: nowrap; font-weight: bold; }
</style>
</head>
<body>
<article class="digest">
<h1>{{ digest.title }}</h1>
{% if digest.items %}
<p class="headline">{{ digest.headline }}</p>
{% for item in digest.items %}
<section class="item" id="vb-{{ item.document_id }}">
<h2>{{ item.headline }}</h2>
<p class="intro">{{ item.intro }}</p>
{% if item.tasks %}
<p>Các nhiệm vụ được giao:</p>
<ul class="tasks">
{% for task in item.tasks %}<li>{{ task.sentence }}</li>
{% endfor %}</ul>
{% endif %}
</section>
{% endfor %}
{% else %}
<p>Không có văn bản nào trong khoảng thời gian này.</p>
{% endif %}
</article>
</body>
</html>
"""


def render_html(digest: Digest) -> str:
    """A whole HTML page; every stored text is escaped (Jinja2 autoescape)."""
    from jinja2 import Environment
    env = Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True)
    return env.from_string(HTML).render(digest=digest)


def digest_document(digest: Digest):
    """The digest as a python-docx Document (Times New Roman 14)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    from chidao.reports.docx import new_document, para
    doc = new_document(14)
    para(doc, digest.title, bold=True, size=14, align=WD_ALIGN_PARAGRAPH.CENTER, after=12)
    if not digest.items:
        para(doc, "Không có văn bản nào trong khoảng thời gian này.", indent=True)
    else:
        para(doc, digest.headline, italic=True, indent=True)
    for item in digest.items:
        p = para(doc, item.headline, bold=True)
        p.paragraph_format.space_before = Pt(12)
        para(doc, item.intro, indent=True)
        if item.tasks:
            para(doc, "Các nhiệm vụ được giao:", indent=True)
            for task in item.tasks:
                para(doc, f"- {task.sentence}", indent=True)
    return doc


def write_html(digest: Digest, path: Path | str) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_html(digest), encoding="utf-8")
    return path


def write_docx(digest: Digest, path: Path | str) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    digest_document(digest).save(path)
    return path


__all__ = ["Digest", "DigestItem", "DigestTask", "DocumentFacts", "build_digest", "citation", "digest_document",
           "digest_from_store", "headline", "render_html", "task_sentence", "title_for", "vn_date", "write_docx",
           "write_html"]
