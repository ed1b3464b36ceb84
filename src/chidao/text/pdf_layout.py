"""Rebuild paragraphs from the positioned lines of a PDF (pure functions, no PDF library).

A PDF holds lines, not paragraphs. Lines are joined back into paragraphs unless
something says a new paragraph starts: the previous line ends a sentence (a colon or
semicolon followed by a small letter does not) or stops short of the right margin, the
line opens a list item, a wider vertical gap, a centred or all-capital title line.
Page numbers and running headers or footers are dropped.
"""
from __future__ import annotations

import math
import re
import statistics
from dataclasses import dataclass


@dataclass(frozen=True)
class Line:
    """One printed line (or table row) with its position on its page, in points."""

    text: str
    page: int
    x0: float
    x1: float
    top: float
    bottom: float
    fixed: bool = False  # a line of columns: never joined to another line
    table: bool = False  # a table row: never joined, never taken for a running header


@dataclass(frozen=True)
class Geometry:
    """The text block of the document: left and right margins and the usual line pitch."""

    left: float
    right: float
    pitch: float

    @property
    def width(self) -> float:
        return max(self.right - self.left, 1.0)


_PAGE_NUMBER = re.compile(
    r"^(?:trang|page)?\s*[-–—]?\s*\d{1,4}\s*(?:(?:/|trên|of)\s*\d{1,4})?\s*[-–—]?$", re.IGNORECASE)
_ITEM = re.compile(
    r"^(?:\d{1,3}(?:\.\d{1,3})*[.)]\s"        # 1.  1.2.  3)
    r"|\d{1,3}(?:\.\d{1,3})+\s+[^\W\d_]"       # 1.2 Sở …
    r"|[IVXLC]{1,6}[.)]\s"                     # II.
    r"|[a-zđ][.)]\s"                           # a)  b.
    r"|[-+•–—*∙●○▪]\s"                         # bullets
    r"|(?:Điều|Chương|Mục|Phần)\s+[\dIVXLC]+[.:])")
_SENTENCE_END = set(".:;!?")
_CLOSERS = " \"'”’»)]"
_EDGE_LINES = 2


def is_page_number(text: str) -> bool:
    """"12", "- 2 -", "Trang 3", "3/10"."""
    return bool(_PAGE_NUMBER.match(text.strip()))


def _furniture_key(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.lower().split()))


def drop_furniture(pages: list[list[Line]]) -> list[list[Line]]:
    """Remove page numbers and headers or footers repeated on most pages.

    Only the first and last lines of a page are considered.
    """
    def edges(lines: list[Line]) -> list[Line]:
        free = [line for line in lines if not line.table]
        return free[:_EDGE_LINES] + free[-_EDGE_LINES:]

    seen: dict[str, set[int]] = {}
    for number, lines in enumerate(pages):
        for line in edges(lines):
            seen.setdefault(_furniture_key(line.text), set()).add(number)
    repeated = {key for key, where in seen.items() if len(where) >= 2 and len(where) > len(pages) / 2}
    kept = []
    for lines in pages:
        edge = {id(line) for line in edges(lines)}
        kept.append([line for line in lines if id(line) not in edge
                     or not (is_page_number(line.text) or _furniture_key(line.text) in repeated)])
    return kept


def measure(lines: list[Line]) -> Geometry:
    """Margins (robust to a few odd lines) and the median distance between line tops."""
    free = [line for line in lines if not (line.fixed or line.table)] or lines
    lefts = sorted(line.x0 for line in free)
    rights = sorted(line.x1 for line in free)
    left = lefts[len(lefts) // 10]
    right = rights[min(len(rights) - 1, math.ceil(len(rights) * 0.9) - 1)]
    steps = [b.top - a.top for a, b in zip(free, free[1:]) if a.page == b.page and b.top > a.top]
    pitch = statistics.median(steps) if steps else 0.0
    return Geometry(left, right, pitch)


def _centred(line: Line, geo: Geometry) -> bool:
    """Inset from both margins by about the same amount (a full justified line is not)."""
    inset_left, inset_right = line.x0 - geo.left, geo.right - line.x1
    both_inset = min(inset_left, inset_right) >= 0.02 * geo.width
    return both_inset and abs(inset_left - inset_right) <= 0.06 * geo.width


def _capitals(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _last_mark(text: str) -> str:
    """The last character before any closing quotes or brackets."""
    stripped = text.rstrip(_CLOSERS)
    return stripped[-1] if stripped else ""


def continues(prev: Line, line: Line, geo: Geometry) -> bool:
    """True when ``line`` carries on the paragraph of ``prev``."""
    if prev.fixed or line.fixed or prev.table or line.table or _ITEM.match(line.text):
        return False
    mark = _last_mark(prev.text)
    if mark in _SENTENCE_END and not (mark in ":;" and line.text[:1].islower()):
        return False
    if prev.page == line.page and geo.pitch and line.top - prev.top > 1.4 * geo.pitch:
        return False
    if _capitals(prev.text) != _capitals(line.text):
        return False
    prev_centred, line_centred = _centred(prev, geo), _centred(line, geo)
    if prev_centred or line_centred:
        # a long centred title wrapped onto a second centred line
        return prev_centred and line_centred and prev.x1 - prev.x0 >= 0.5 * geo.width
    return prev.x1 >= geo.right - 0.12 * geo.width


def paragraphs(pages: list[list[Line]]) -> list[str]:
    """The paragraphs of a document given its lines page by page, in reading order."""
    pages = drop_furniture(pages)
    lines = [line for page in pages for line in page if line.text.strip()]
    if not lines:
        return []
    geo = measure(lines)
    out: list[str] = []
    prev: Line | None = None
    for line in lines:
        text = " ".join(line.text.split())
        if prev is not None and continues(prev, line, geo):
            out[-1] = f"{out[-1]} {text}"
        else:
            out.append(text)
        prev = line
    return out
