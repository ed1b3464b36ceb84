"""Task tables of plans: ``TT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian``.

A header row names the columns; each row under it with a lead body is a task. Rows whose
lead cell is empty are group headings ("I | Hoàn thiện thể chế | | |").
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from chidao.extract.bodies import Context, canonical, find_mentions
from chidao.extract.dates import find_cell_deadline
from chidao.extract.model import Task

SEP = " | "
SOURCE_COLUMN = re.compile(r"(?i)văn bản (?:giao|chỉ đạo)|nguồn giao|giao tại")  # "Văn bản giao": tasks of other documents
ROW_INDEX = re.compile(r"(?:\d{1,3}(?:\.\d{1,3})*|[IVXLC]{1,6}|[a-zđ])\.?")  # "8", "1.2", "IV", "a"
COLUMNS = {
    "action": re.compile(r"(?i)nội dung|nhiệm vụ|công việc|hoạt động|giải pháp"),
    "lead": re.compile(r"(?i)chủ trì|thực hiện|cơ quan chủ|đơn vị chủ|trách nhiệm|đầu mối"),
    "coord": re.compile(r"(?i)phối hợp"),
    "due": re.compile(r"(?i)thời gian|thời hạn|tiến độ|hoàn thành|thời điểm"),
}


@dataclass(frozen=True)
class Header:
    """Column indexes of a task table."""

    size: int
    action: int | None
    lead: int
    coord: int | None
    due: int | None
    cited: bool = False  # a column names the document that gave each task: the rows are earlier tasks


def cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of the cells of a table row (``a | b | c``), whitespace trimmed."""
    spans, pos = [], start
    while True:
        i = text.find(SEP, pos, end)
        stop = end if i < 0 else i
        s, e = pos, stop
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        spans.append((s, e))
        if i < 0:
            return spans
        pos = i + len(SEP)


def header(text: str, start: int, end: int) -> Header | None:
    """The columns of a header row, or None when the row is not a task-table header."""
    if SEP not in text[start:end]:
        return None
    found: dict[str, int] = {}
    row = cells(text, start, end)
    if ROW_INDEX.fullmatch(text[row[0][0]:row[0][1]]):
        return None  # "8 | Bố trí kinh phí thực hiện … | … | Cùng thời điểm …": a numbered row, not a header
    for i, (s, e) in enumerate(row):
        cell = text[s:e]
        if len(cell) > 60:
            return None
        for key in ("coord", "lead", "due", "action"):  # "phối hợp" before "thực hiện"
            if key not in found and COLUMNS[key].search(cell):
                found[key] = i
                break
    if "lead" not in found or ("action" not in found and "due" not in found):
        return None
    cited = any(SOURCE_COLUMN.search(text[a:b]) for a, b in row)
    return Header(len(row), found.get("action"), found["lead"], found.get("coord"), found.get("due"), cited)


def row_task(text: str, start: int, end: int, head: Header, ctx: Context, doc_date: str | None) -> Task | None:
    """The task of one row, or None for a group heading or a row of another shape."""
    row = cells(text, start, end)
    if abs(len(row) - head.size) > 1 or head.lead >= len(row):
        return None
    ls, le = row[head.lead]
    if le <= ls:
        return None
    assignees = _bodies(text, ls, le, ctx)
    if not assignees:
        return None
    coords: tuple[str, ...] = ()
    if head.coord is not None and head.coord < len(row):
        cs, ce = row[head.coord]
        coords = tuple(n for n in _bodies(text, cs, ce, ctx) if n not in assignees)
    deadline = None
    if head.due is not None and head.due < len(row):
        ds, de = row[head.due]
        if de > ds:
            deadline = find_cell_deadline(text, ds, de, doc_date)
    action = ""
    if head.action is not None and head.action < len(row):
        a, b = row[head.action]
        action = " ".join(text[a:b].split())[:300]
    return Task(assignees=assignees, coordinators=coords, action=action, deadline=deadline, start=start, end=end)


def _bodies(text: str, s: int, e: int, ctx: Context) -> tuple[str, ...]:
    names: list[str] = []
    ms = find_mentions(text, s, e, ctx)
    covered = sum(m.end - m.start for m in ms)
    if len(ms) == 1 and ms[0].collective and covered < 0.7 * (e - s):
        return (canonical(" ".join(text[s:e].split()), ctx),)  # "Các chủ rừng là tổ chức"
    for m in ms:
        names.extend(n for n in m.names if n not in names)
    if not names:
        cell = " ".join(text[s:e].split()).strip(" .;,")
        if cell and not re.fullmatch(r"[\d\W]*", cell):
            names = [ctx.aliases.get(part, canonical(part, ctx))  # "CDC Đồng Nai", defined in the text
                     for part in re.split(r"\s*[;,]\s*(?=[A-ZĐÀ-Ỹ])", cell) if part]
    return tuple(names)
