"""Terminal views (Rich) of tasks, events, search hits, bodies, statistics and documents.

Headers and labels are Vietnamese; names and texts from documents are shown literally
(``Text`` objects, never read as markup).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from chidao.registry import Registry
from chidao.store.tasks import TaskLine
from chidao.tracking.lifecycle import EVENT_LABELS, STATUS_LABELS, EventKind, Status, Timeliness
from chidao.tracking.stats import COLUMNS, BodyStats
from chidao.tracking.views import assignee_names, deadline_label, timeliness_of

_STYLES = {Timeliness.OVERDUE: "bold red", Timeliness.DONE_LATE: "yellow",
           Timeliness.DONE_ON_TIME: "green", Timeliness.ON_TRACK: "cyan"}


def vn(d: dt.date | None) -> str:
    """dd/mm/yyyy, or an empty string."""
    return d.strftime("%d/%m/%Y") if d else ""


def short(text: str, n: int) -> str:
    """``text`` on one line, cut to ``n`` characters with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def timeliness_text(state: Timeliness | None) -> Text:
    return Text(state.value, style=_STYLES.get(state, "")) if state else Text("")


def ingest_line(result) -> Text:
    """One line per ingested file: ✓ new, ↻ new version, = already stored (failures go to stderr)."""
    if result.status == "exists":
        return Text(f"= {result.path} — đã có trong kho (văn bản #{result.document_id})")
    if result.status == "version":
        return Text(f"↻ {result.path} — văn bản #{result.document_id}, phiên bản mới của #{result.previous_id} "
                    f"({result.tasks} nhiệm vụ; {result.superseded} nhiệm vụ cũ đánh dấu bị thay thế)")
    return Text(f"✓ {result.path} — văn bản #{result.document_id}, {result.tasks} nhiệm vụ")


def task_table(lines: Iterable[TaskLine], day: dt.date, registry: Registry, body: str | None) -> tuple[Table, int]:
    """The tasks with their timeliness on ``day``; and how many there are."""
    title = f"Nhiệm vụ — tình hình tại ngày {vn(day)}" + (f" — {body}" if body else "")
    table = Table(title=title)
    for header, kw in (("ID", {"justify": "right"}), ("Văn bản", {}), ("Cơ quan chủ trì", {"max_width": 40}),
                       ("Nội dung", {"max_width": 60}), ("Hạn", {}), ("Trạng thái", {}), ("Tình hình", {})):
        table.add_column(header, **kw)
    count = 0
    for line in lines:
        doc = " ".join(x for x in (line.doc_number or f"#{line.document_id}",
                                   vn(line.doc_date) or line.doc_date_text) if x)
        table.add_row(str(line.id), Text(doc), Text("\n".join(assignee_names(line, registry, day))),
                      Text(short(line.action, 110)), deadline_label(line), STATUS_LABELS[Status(line.status)],
                      timeliness_text(timeliness_of(line, day)))
        count += 1
    return table, count


def task_detail(detail, record: dict, day: dt.date, registry: Registry) -> list[RenderableType]:
    """A task: head line, fields, and its audit trail."""
    line, doc = detail.line, detail.document
    head = Text(f"Nhiệm vụ #{line.id}", style="bold").append(f" — {record['status_label']}")
    if record["timeliness"]:
        head.append(" — ").append(record["timeliness"], style="bold").append(f" (tại ngày {vn(day)})")
    if line.due_date:
        deadline = (line.deadline_text + " → " if line.deadline_text else "") + deadline_label(line)
    else:
        deadline = f"{line.deadline_text} ({deadline_label(line)})" if line.deadline_text else "chưa có hạn"
    fields = [
        ("Văn bản", f"#{doc.id} {doc.doc_type or ''} {doc.number or ''} {vn(doc.doc_date) or doc.date_text or ''}"
                    f" — {doc.issuer or ''}"),
        ("Cơ quan chủ trì", "; ".join(assignee_names(line, registry, day))),
        ("Phối hợp", "; ".join(n for n, _ in line.coordinators)),
        ("Nội dung", line.action),
        ("Thời hạn", deadline),
        ("Xin gia hạn", f"đến {vn(line.extension_asked_to)} (chờ duyệt)" if line.extension_asked_to else ""),
        ("Hoàn thành", vn(line.completed_on)),
        ("Thay thế", f"bởi văn bản #{line.superseded_by_id}" if line.superseded_by_id else ""),
        ("Trích đoạn", short(doc.text[detail.start:detail.end], 600)),
    ]
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column()
    for name, value in fields:
        if value and value.strip():
            grid.add_row(name, Text(value))
    log = Table(title="Nhật ký")
    for header in ("Lúc", "Người", "Sự kiện", "Ngày", "Chi tiết"):
        log.add_column(header)
    for e in detail.events:
        kind = EVENT_LABELS[EventKind(e.kind)] if e.kind in EventKind._value2member_map_ else e.kind
        log.add_row(e.at.astimezone().strftime("%d/%m/%Y %H:%M"), Text(e.actor or ""), kind, vn(e.on_date),
                    Text(event_details(e.data)))
    return [head, grid, log]


_DETAIL_WORDS = {"to": "đến", "from": "từ", "due": "hạn", "reason": "lý do", "decision": "văn bản",
                 "text": "", "before": "trước", "after": "sau", "asked": "đề nghị", "received_on": "ngày nhận",
                 "document_id": "văn bản #", "lapsed_extension": "bỏ đề nghị gia hạn đến",
                 "completed_on": "đã hoàn thành"}
_FIELDS = {"deadline": "hạn", "assignee": "cơ quan chủ trì", "coordinator": "cơ quan phối hợp",
           "action": "nội dung"}


def event_details(data: dict) -> str:
    """An event's details in words: ``đến 20/08/2021; lý do: …``."""
    parts = []
    for key, value in (data or {}).items():
        if value in (None, [], "") or key == "at_ingest":
            continue
        if key == "field":
            parts.append(_FIELDS.get(value, value))
            continue
        if isinstance(value, list):
            value = ", ".join(map(str, value))
        elif isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
            value = vn(dt.date.fromisoformat(value))
        word = _DETAIL_WORDS.get(key, key)
        parts.append(f"{word}{value}" if word.endswith("#") else (f"{word}: {value}" if word else str(value)))
    return short("; ".join(parts), 160)


def hits_table(query: str, hits) -> Table:
    """Search hits with their snippets, the matched words highlighted."""
    table = Table(title=f"Kết quả tìm “{query}”", show_lines=True)
    for header, kw in (("Loại", {}), ("ID", {"justify": "right"}), ("Văn bản", {}), ("Trích đoạn", {"ratio": 1})):
        table.add_column(header, **kw)
    for h in hits:
        snippet = Text(h.snippet.text)
        for start, end in h.snippet.marks:
            snippet.stylize("bold yellow", start, end)
        kind = ("văn bản" + (" (số)" if h.exact else "")) if h.kind == "document" else "nhiệm vụ"
        table.add_row(kind, str(h.id), Text(" ".join(x for x in (h.doc_type, h.doc_number, vn(h.doc_date)) if x)),
                      snippet)
    return table


def bodies_table(records: list[dict], day: dt.date) -> Table:
    table = Table(title=f"Cơ quan tại ngày {vn(day)}")
    for header in ("Cơ quan", "Cấp", "Tỉnh", "Hiệu lực", "Tình trạng"):
        table.add_column(header)
    for r in records:
        first, last = (dt.date.fromisoformat(r[k]) if r[k] else None for k in ("valid_from", "valid_to"))
        span = f"{vn(first) or '…'} – {vn(last) or '…'}" if first or last else ""
        if r["active"]:
            status = Text("đang hoạt động")
        else:
            status = Text("nay là: " + "; ".join(r["successors"]) if r["successors"]
                          else "không còn / chưa thành lập", style="yellow")
        table.add_row(r["name"], r["level"], r["province"] or "trung ương", span, status)
    return table


def stats_table(rows: list[BodyStats], total: BodyStats | None, day: dt.date,
                start: dt.date | None, end: dt.date | None) -> Table:
    period = ""
    if start or end:
        period = " — giao" + (f" từ {vn(start)}" if start else "") + (f" đến {vn(end)}" if end else "")
    table = Table(title=f"Thống kê nhiệm vụ theo cơ quan tại ngày {vn(day)}{period}")
    table.add_column("Cơ quan")
    table.add_column("Tổng", justify="right")
    for column in COLUMNS:
        table.add_column(column.value.capitalize(), justify="right")
    for r in rows + ([total] if total else []):
        table.add_row(Text(r.body), str(r.total), *(str(r.counts[c]) for c in COLUMNS),
                      style="bold" if r is total else None)
    return table


def document_view(record: dict) -> list[Text]:
    """A document, its versions and its citations both ways, as lines."""
    lines = [Text(f"Văn bản #{record['id']}", style="bold").append(
        f" {record['type'] or ''} {record['number'] or ''} — {record['issuer'] or ''}, "
        f"{record['date'] or 'không rõ ngày'}", style="")]
    if record["subject"]:
        lines.append(Text(f"  {record['subject']}"))
    received = vn(dt.date.fromisoformat(record["received_on"])) if record["received_on"] else "chưa ghi"
    lines.append(Text(f"  Tệp gốc: {record['file']} ({record['source_name']}); ngày nhận: {received}"))
    if len(record["versions"]) > 1:
        lines.append(Text("  Phiên bản: " + ", ".join(
            f"#{v['id']} (v{v['version']}{', hiện hành' if v['current'] else ''})" for v in record["versions"])))
    lines.append(Text(f"  Dẫn chiếu {len(record['cites'])} văn bản:"))
    for r in record["cites"]:
        where = f" → văn bản #{r['document_id']} trong kho" if r["document_id"] else ""
        lines.append(Text(f"    - {r['type'] or ''} {r['number']} {r['date'] or ''}{where}"))
    lines.append(Text(f"  Được dẫn chiếu bởi {len(record['cited_by'])} văn bản:"))
    for r in record["cited_by"]:
        lines.append(Text(f"    - #{r['document_id']} {r['type'] or ''} {r['number'] or ''} {r['date'] or ''}"))
    return lines


def documents_table(records: list[dict]) -> Table:
    table = Table(title="Văn bản")
    for header in ("ID", "Loại", "Số", "Ngày", "Cơ quan ban hành", "Trích yếu"):
        table.add_column(header)
    for r in records:
        table.add_row(str(r["id"]) + ("" if r["current"] else " (cũ)"), r["type"] or "", Text(r["number"] or ""),
                      r["date"] or "", Text(r["issuer"] or ""), Text(short(r["subject"] or r["source_name"], 80)))
    return table
