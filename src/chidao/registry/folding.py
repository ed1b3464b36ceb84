"""Folding of Vietnamese text into a key for loose comparison."""
from __future__ import annotations

import re
import unicodedata

_NON_ALNUM = re.compile(r"[\W_]+")


class _Marks(dict):
    """A translation table built lazily: each character maps to itself without marks."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        base = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
        self[code] = base
        return base


_MARKS = _Marks({ord("đ"): "d", ord("Đ"): "D"})


def strip_marks(text: str) -> str:
    """Remove tone and vowel marks; ``đ`` becomes ``d``. Case is kept."""
    return unicodedata.normalize("NFC", text).translate(_MARKS)


def fold(text: str) -> str:
    """Lower case, marks removed (đ → d), each run of other characters one space.

    >>> fold("Sở KH&ĐT tỉnh Lạng Sơn")
    'so kh dt tinh lang son'
    """
    return _NON_ALNUM.sub(" ", strip_marks(text).lower()).strip()
