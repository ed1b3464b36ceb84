"""The whole extraction: normalised text in, ``Extraction`` out. Pure and deterministic."""
from __future__ import annotations

from chidao.extract.chars import LOWER as L, UPPER as U  # noqa: E402

import re

from chidao.extract.bodies import Context, canonical, find_mentions, learn_abbreviations, with_coreference
from chidao.extract.citations import find_references
from chidao.extract.layout import analyse, province_level
from chidao.extract.model import Extraction
from chidao.extract.outline import paragraphs
from chidao.extract.clauses import TaskFinder
from chidao.extract.tasks import find_tasks
from chidao.extract.dates import find_dates

# "thành lập Đoàn kiểm tra liên ngành kiểm tra …": the full name of a body the document sets up
ESTABLISHED = re.compile(r"[Tt]hành lập\s+(?P<name>(?:Hội đồng|Đoàn|Tổ|Ban|Ủy ban)\s[^()\n.;:]{3,300}?)"
                         r"(?=\s*(?:\(|;|\.|:|\n|$|\s+do\s|\s+trên địa bàn|\s+tỉnh\s+" + U + r"|\s+gồm))")
ALIAS = re.compile(r"\(\s*(?:sau đây\s+)?gọi\s+(?:tắt|chung)\s+là\s*:?\s*(?P<short>[^()]{2,80}?)\s*\)")
# "Trung tâm Kiểm soát bệnh tật tỉnh (CDC Đồng Nai)": the short name the document then uses
SHORT_NAME = re.compile(r"\(\s*(?P<short>[A-ZĐ]{2,10}(?:\s+" + U + L + r"+){1,3})\s*\)")
INVESTOR_AFTER = re.compile(r"\s*[(,–-]\s*(?:là\s+)?(?:[Nn]hà đầu tư|[Cc]hủ đầu tư)")
FOCAL = re.compile(r"\b(huyện|thị xã|thành phố|quận|xã|phường|thị trấn)\s+(" + U + L + r"+(?:\s+" + U + L + r"+){0,3})")


def _focal(text: str, subject: str | None, place: str | None, issuer: str | None,
           province: str | None = None) -> str | None:
    """The locality a document is about: "trên địa bàn huyện Bình Gia" in its subject, or its issuer's
    (never the province itself, be it a centrally-run city)."""
    for source in (subject or "", issuer or ""):
        found = [(m.group(1), m.group(2)) for m in FOCAL.finditer(source)
                 if not re.search(r"Chủ tịch\s+(?:UBND|Ủy ban nhân dân)\s*$", source[:m.start()])]  # a role holder's name
        found = [f for f in found if (f[0] != "thành phố" or len(found) == 1) and f[1] != province]
        if found:
            lv, name = found[-1]
            return f"{lv} {name}"
    if place and issuer and place != province and not issuer.endswith("tỉnh " + place):
        m = re.search(r"\b(huyện|thị xã|thành phố|quận)\s+" + re.escape(place), text)
        if m:
            return f"{m.group(1)} {place}"
        if "huyện" in (issuer or "").lower() or re.search(r"\bhuyện\b", issuer or ""):
            return f"huyện {place}"
    return None


def extract(text: str, source: str | None = None) -> Extraction:
    """Extract metadata, citations and tasks from the normalised text of one document."""
    layout = analyse(text)
    doc = layout.document
    own = (doc.number or "").replace(" ", "")
    references = [r for r in find_references(text, 0, len(text), layout.province)
                  if not (own and "/" in own and own[0].isdigit() and r.number == own)]  # "(Kèm theo Quyết định số …)"
    ctx = Context(province=layout.province, issuer=doc.issuer, abbreviations=learn_abbreviations(text),
                  addressees=list(doc.addressees))
    ctx.province_is_city = province_level(layout.province) == "thành phố"
    own = FOCAL.search(doc.issuer or "")
    if own and own.group(2) != layout.province:
        ctx.issuer_locality = f"{own.group(1)} {own.group(2)}"
    if doc.issuer and doc.issuer.startswith("Sở "):
        ctx.own_department = canonical(doc.issuer, ctx)
    ctx.focal = _focal(text, doc.subject, doc.place, doc.issuer, layout.province)
    ctx.collecting = True
    everything = find_mentions(text, layout.body_start, layout.body_end, ctx)
    ctx.collecting = False
    companies = [m for m in everything if m.head.lower() in ("công ty", "tập đoàn", "tổng công ty")]
    named = [m for m in companies if INVESTOR_AFTER.match(text, m.end)]  # "Công ty … (nhà đầu tư Dự án …)"
    ctx.investors = tuple(dict.fromkeys(n for m in named or companies for n in m.names))
    known = {n for m in everything for n in m.names}
    ctx.established = [(m.start(), canonical(m.group("name"), ctx))
                       for m in ESTABLISHED.finditer(text, layout.body_start, layout.body_end)]
    known.update(name for _, name in ctx.established)
    ctx.known = sorted(known, key=len, reverse=True)
    aliases = sorted([*ALIAS.finditer(text, layout.body_start, len(text)),
                      *SHORT_NAME.finditer(text, layout.body_start, len(text))], key=lambda m: m.start())
    for m in aliases:
        before = [x for x in everything if x.end <= m.start() and m.start() - x.end <= 3 and len(x.names) == 1]
        if before:
            ctx.aliases[" ".join(m.group("short").split())] = before[-1].names[0]
    ctx.mentions = [with_coreference(m, ctx) for m in everything]
    ctx.mention_starts = [m.start for m in ctx.mentions]
    ctx.mentions_range = (layout.body_start, layout.body_end)
    titles = doc.type in ("Bản tin", "Tin bài")
    paras, _ = paragraphs(text, layout.body_start, layout.body_end, layout.lines, titles=titles)
    if layout.appendix_start is not None:
        paras += paragraphs(text, layout.appendix_start, len(text), layout.lines, titles=titles)[0]
    issuer_side = _issuer_side(doc.issuer, ctx)
    finder = TaskFinder(text, ctx, doc.type, _digest_start(doc.type, doc.subject, doc.date) or doc.date, issuer_side,
                        list(doc.addressees))
    tasks = find_tasks(text, paras, finder)
    return Extraction(source=source, document=doc, references=references, tasks=tasks)


def _digest_start(doc_type: str | None, subject: str | None, posted: str | None) -> str | None:
    """A weekly digest ("… trong tuần (từ ngày 03/11 đến ngày 09/11/2025)") reports directions given
    during the week it covers: deadlines are read from the first day of that week, not from the day
    the digest was posted, when its title names the week."""
    if doc_type != "Bản tin" or not subject:
        return None
    days = [d for d in find_dates(subject, base=posted) if d.granularity == "day"]
    if len(days) < 2 or days[-1].year is None or days[0].first is None:
        return None
    first, last = days[0], days[-1]
    year = first.year if first.year is not None and not first.inferred else last.year - (first.first > last.first)  # "từ ngày 29/12 đến 04/01/2026"
    return f"{year:04d}-{first.first[0]:02d}-{first.first[1]:02d}"


def _issuer_side(issuer: str | None, ctx: Context) -> set[str]:
    """Names that stand for the issuing authority itself, never assignees of its own document."""
    side = {"Ủy ban nhân dân tỉnh", "UBND tỉnh", "Chính phủ", "Thủ tướng Chính phủ", "Thường trực Ủy ban nhân dân tỉnh"}
    if ctx.province and province_level(ctx.province) == "thành phố":
        side |= {"Ủy ban nhân dân thành phố", "UBND thành phố", "Ủy ban nhân dân thành phố " + ctx.province}
    if issuer and not issuer.startswith("Văn phòng"):  # an office writes for its leaders and is given work itself
        side.add(issuer)
        from chidao.extract.bodies import canonical
        side.add(canonical(issuer, ctx))
        if ctx.focal and issuer.endswith(ctx.focal):
            side.add(issuer[: -len(ctx.focal)].strip())
    return side
