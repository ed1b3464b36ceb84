"""Word's automatic list numbers ("1.", "a)", "II.", bullets), which are not in the text runs.

A paragraph is numbered through ``w:numPr`` (its own or its style's); ``word/numbering.xml``
says, per list and level, the number format, the pattern ("%1.%2.") and the start value.
:class:`Numbering` replays the counters in document order and gives each paragraph its label.
"""
from __future__ import annotations

from dataclasses import dataclass

from docx.oxml.ns import nsmap

_W = "{%s}" % nsmap["w"]
_BULLET = "-"
_KEPT_BULLETS = {"-", "+", "–", "*"}


@dataclass(frozen=True)
class Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1
    legal: bool = False  # w:isLgl: every number of the label in Arabic digits


def _val(element, path: str, default: str | None = None) -> str | None:
    found = element.find(path) if element is not None else None
    return found.get(_W + "val", default) if found is not None else default


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _levels(abstract) -> dict[int, Level]:
    levels = {}
    for lvl in abstract.iterfind(_W + "lvl"):
        levels[_int(lvl.get(_W + "ilvl"), 0)] = Level(
            fmt=_val(lvl, _W + "numFmt", "decimal") or "decimal",
            text=_val(lvl, _W + "lvlText", "") or "",
            start=_int(_val(lvl, _W + "start"), 1),
            legal=lvl.find(_W + "isLgl") is not None,
        )
    return levels


def to_roman(number: int) -> str:
    """12 → "XII"."""
    out = []
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                           (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while number >= value:
            out.append(letters)
            number -= value
    return "".join(out)


def to_letters(number: int) -> str:
    """1 → "a", 26 → "z", 27 → "aa" (Word repeats the letter)."""
    if number < 1:
        return str(number)
    return chr(ord("a") + (number - 1) % 26) * ((number - 1) // 26 + 1)


def format_number(number: int, fmt: str) -> str:
    """One counter written in a Word number format."""
    if fmt == "lowerLetter":
        return to_letters(number)
    if fmt == "upperLetter":
        return to_letters(number).upper()
    if fmt == "lowerRoman":
        return to_roman(number).lower()
    if fmt == "upperRoman":
        return to_roman(number)
    if fmt == "decimalZero":
        return f"{number:02d}"
    return str(number)


class Numbering:
    """The list definitions of one document and the running counters."""

    def __init__(self, numbering_root=None, styles_root=None) -> None:
        self._lists: dict[str, dict[int, Level]] = {}
        self._counters: dict[str, dict[int, int]] = {}
        if numbering_root is not None:
            abstracts = {a.get(_W + "abstractNumId"): _levels(a)
                         for a in numbering_root.iterfind(_W + "abstractNum")}
            for num in numbering_root.iterfind(_W + "num"):
                levels = dict(abstracts.get(_val(num, _W + "abstractNumId"), {}))
                for override in num.iterfind(_W + "lvlOverride"):
                    ilvl = _int(override.get(_W + "ilvl"), 0)
                    start = _val(override, _W + "startOverride")
                    if start is not None and ilvl in levels:
                        old = levels[ilvl]
                        levels[ilvl] = Level(old.fmt, old.text, _int(start, old.start), old.legal)
                self._lists[num.get(_W + "numId")] = levels
        self._style_numbering = self._styles(styles_root)

    @staticmethod
    def _styles(styles_root) -> dict[str, tuple[str, int]]:
        found: dict[str, tuple[str, int]] = {}
        if styles_root is None:
            return found
        based_on: dict[str, str] = {}
        for style in styles_root.iterfind(_W + "style"):
            style_id = style.get(_W + "styleId")
            num_pr = style.find(f"{_W}pPr/{_W}numPr")
            if num_pr is not None and _val(num_pr, _W + "numId"):
                found[style_id] = (_val(num_pr, _W + "numId"), _int(_val(num_pr, _W + "ilvl"), 0))
            parent = _val(style, _W + "basedOn")
            if parent:
                based_on[style_id] = parent
        for style_id in list(based_on):
            seen, current = set(), style_id
            while current not in found and current in based_on and current not in seen:
                seen.add(current)
                current = based_on[current]
            if current in found and style_id not in found:
                found[style_id] = found[current]
        return found

    def label(self, paragraph) -> str:
        """The list label of a ``w:p`` ("2.", "b)", "-") and advance its counter; "" if none."""
        ppr = paragraph.find(_W + "pPr")
        num_pr = ppr.find(_W + "numPr") if ppr is not None else None
        num_id, ilvl = None, 0
        style = _val(ppr, _W + "pStyle")
        if style in self._style_numbering:
            num_id, ilvl = self._style_numbering[style]
        if num_pr is not None:
            num_id = _val(num_pr, _W + "numId", num_id)
            ilvl = _int(_val(num_pr, _W + "ilvl"), ilvl)
        levels = self._lists.get(num_id) if num_id not in (None, "0") else None
        if not levels or ilvl not in levels:
            return ""
        counters = self._counters.setdefault(num_id, {})
        counters[ilvl] = counters.get(ilvl, levels[ilvl].start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        level = levels[ilvl]
        if level.fmt == "none":
            return ""
        if level.fmt == "bullet":
            return _bullet(level.text)
        text = level.text
        for k in range(9, -1, -1):
            if f"%{k + 1}" in text:
                parent = levels.get(k, Level())
                value = counters.get(k, parent.start)
                fmt = "decimal" if level.legal or parent.fmt in ("bullet", "none") else parent.fmt
                text = text.replace(f"%{k + 1}", format_number(value, fmt))
        return text.strip()


def _bullet(text: str) -> str:
    """A dash or plus bullet as written; any other (•, o, symbol-font glyphs) becomes a dash."""
    text = text.strip()
    return text if text in _KEPT_BULLETS else _BULLET
