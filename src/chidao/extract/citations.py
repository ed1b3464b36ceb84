"""Citations of other documents: "Quyết định số 1101/QĐ-UBND ngày 17/7/2023" → Reference.

The grammar is a kind word (from the document-kind table, or its symbol code), an optional
"số", then a number-and-symbol; a date and an issuer ("của Thủ tướng Chính phủ") may follow.
A bare "và số 1554/QĐ-UBND" after a citation inherits its kind.
"""
from __future__ import annotations

from chidao.extract.chars import LOWER as L

import datetime as dt
import re
from functools import lru_cache

from chidao.extract.model import Reference
from chidao.extract.symbols import issuer_from_symbol, normalize_number
from chidao.registry.doctypes import doc_types

# number and symbol: 1101/QĐ-UBND, 24/2023/NĐ-CP, 46-NQ/TU, 3485 /VP-KT, 88/2019/QH14
NUMBER = (
    r"(?P<num>\d{1,6}[a-zA-Z]?(?:\s*/\s*\d{4})?\s*/\s*[A-ZĐ][A-Za-zĐđ0-9&.]*(?:\s*-\s*[A-ZĐ][A-Za-zĐđ0-9&.]*)*"
    r"|\d{1,6}\s*-\s*[A-ZĐ][A-Za-zĐđ]*\s*/\s*[A-ZĐ][A-Za-zĐđ0-9]*(?:-[A-ZĐ][A-Za-zĐđ0-9]*)*)"
)
DAY = r"(?:ngày\s+)?(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>\d{4})"
DAY_WORDS = r"ngày\s+(?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2})\s+năm\s+(?P<y2>\d{4})"
DATE_AFTER = re.compile(r"\s*,?\s*(?:được\s+)?(?:ban hành\s+)?(?:" + DAY_WORDS + "|" + DAY + r")")
OF_ISSUER = re.compile(
    r"[ \t]*(?:,[ \t]*)?của[ \t]+(?P<iss>[A-ZĐÂ][^\s,;:.()\u00b9\u00b2\u00b3\u2070-\u209f]*"
    r"(?:[ \t]+[^\s,;:.()\u00b9\u00b2\u00b3\u2070-\u209f]+){0,8}?)"
    r"(?=[ \t]+(?:về|quy định|hướng dẫn|ban hành|phê duyệt|trên|cho|tại|theo|v/v|và\s+(?:các\s+)?số)\b|[,;:.()\n\u00b9\u00b2\u00b3\u2070-\u209f]|$)")
# "Luật Đầu tư số 61/2020/QH14", "Bộ luật Lao động số 45/2019/QH14": a name between kind and number
LAW = re.compile(r"(?<![\wÀ-ỹ])(?P<kind>Bộ luật|Luật|Pháp lệnh)\s+(?:(?!\b(?:số|Nghị|Quyết|Thông|Chỉ|Công)\b)(?:[^\n,;:.()]|,\s*(?=" + L + r"))){2,90}?"
                 r"\s+(?:năm\s+\d{4}\s+)?số\s*:?\s*" + NUMBER)
CONTINUE = re.compile(r"\s*(?:,|và|;)\s*(?:các\s+)?số\s*:?\s*" + NUMBER)


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern:
    names = set()
    for t in doc_types():
        names.add(t.name)
        names.update(t.also_names)
        for code in (t.code, *t.also_codes):
            if code:
                names.add(code)
    alts = "|".join(sorted((re.escape(n) for n in names), key=len, reverse=True))
    return re.compile(
        r"(?<![\wÀ-ỹ])(?P<kind>" + alts + r")(?:\s*:)?(?:\s+(?:số|Số))?\s*:?\s*" + NUMBER + r"(?![\w/])",
        re.IGNORECASE)


_SYMBOL = re.compile(NUMBER + r"(?![\w/])")  # numbers are rare: find them first, then read the words before


@lru_cache(maxsize=1)
def _kind_by_code() -> dict[str, str]:
    table = {}
    for t in doc_types():
        for code in (t.code, *t.also_codes):
            if code:
                table[code.upper()] = t.name
    return table


def _kind_name(written: str) -> str:
    """The kind's display name for the word as written (case-normalised)."""
    up = written.upper()
    by_code = _kind_by_code()
    if written.isupper() and up in by_code and len(written) <= 4:
        return by_code[up]
    for t in doc_types():
        if t.name.lower() == written.lower():
            return t.name
        for alt in t.also_names:
            if alt.lower() == written.lower():
                return alt
    return by_code.get(up, written)


def _date_after(text: str, pos: int) -> tuple[str | None, int]:
    m = DATE_AFTER.match(text, pos)
    if not m:
        return None, pos
    d, mo, y = (m.group("d2"), m.group("m2"), m.group("y2")) if m.group("d2") else (m.group("d"), m.group("m"), m.group("y"))
    try:
        when = dt.date(int(y), int(mo), int(d))
    except ValueError:  # 31/02: not a date
        return None, pos
    if not 1900 <= when.year <= 2100:
        return None, pos
    return when.isoformat(), m.end()


def find_references(text: str, start: int = 0, end: int | None = None,
                    province: str | None = None) -> list[Reference]:
    """Every citation inside ``text[start:end]``, each at its place, in text order."""
    end = len(text) if end is None else end
    pattern = _pattern()
    refs: list[Reference] = []
    for m in LAW.finditer(text, start, end):
        date, after = _date_after(text, m.end("num"))
        norm = normalize_number(m.group("num"))
        refs.append(Reference(type=m.group("kind"), number=norm, date=date,
                              issuer=issuer_from_symbol(norm, province), start=m.start(), end=after))
    pos = start
    while True:
        sym = _SYMBOL.search(text, pos, end)
        if not sym:
            break
        m = next((k for k in pattern.finditer(text, max(pos, sym.start() - 60), min(end, sym.end() + 1))
                  if k.start("num") == sym.start("num")), None)
        if not m:
            pos = sym.end()
            continue
        kind = _kind_name(m.group("kind"))
        # "Quyết định số ... và số ..." continue with the same kind
        match_start, num_end, number = m.start(), m.end("num"), m.group("num")
        while True:
            while number.endswith("."):  # a full stop ends the sentence, not the symbol
                number, num_end = number[:-1], num_end - 1
            date, after = _date_after(text, num_end)
            issuer = None
            im = OF_ISSUER.match(text, after)
            if im:
                issuer = im.group("iss").strip()
            norm = normalize_number(number)
            refs.append(Reference(type=kind, number=norm, date=date,
                                  issuer=issuer or issuer_from_symbol(norm, province),
                                  start=match_start, end=after))
            c = CONTINUE.match(text, im.end() if im else after)  # "số 17/CT-UBND … của UBND tỉnh A và số 09/CT-UBND …"
            if not c or c.end() > end:
                pos = after
                break
            match_start, num_end, number = c.start("num"), c.end("num"), c.group("num")
    refs.sort(key=lambda r: (r.start, -r.end))
    kept: list[Reference] = []
    for r in refs:  # "Luật … pháp luật số 80/2015/QH13": one citation, though "luật số …" matches too
        if kept and r.start < kept[-1].end and r.number == kept[-1].number:
            continue
        kept.append(r)
    return kept
