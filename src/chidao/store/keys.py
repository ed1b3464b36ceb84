"""Keys for loose matching: numbers and symbols, years."""
from __future__ import annotations

import re

from chidao.registry import fold

_NUMERIC = re.compile(r"\b0+(?=\d)")
_YEAR_IN_NUMBER = re.compile(r"/((?:19|20)\d\d)/")
_YEAR = re.compile(r"^(\d{4})")


def number_key(number: str | None) -> str | None:
    """A number and symbol folded, leading zeros dropped: ``05/QĐ-UBND`` → ``5 qd ubnd``.

    None when there is no number, or only a symbol without its number (a draft's ``/TB-UBND``).
    """
    if not number:
        return None
    key = _NUMERIC.sub("", fold(number))
    return key or None


def has_number(number: str | None) -> bool:
    """Whether a number and symbol carries its number (``/TB-UBND`` does not)."""
    return bool(number) and any(ch.isdigit() for ch in number.split("/")[0].split("-")[0])


def year_of(date_text: str | None, number: str | None = None) -> int | None:
    """The year of a document: from its date (ISO, maybe partial) or a ``n/yyyy/…`` number."""
    if date_text:
        m = _YEAR.match(date_text)
        if m:
            return int(m.group(1))
    if number:
        m = _YEAR_IN_NUMBER.search(number)
        if m:
            return int(m.group(1))
    return None
