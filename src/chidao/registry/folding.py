"""Folding of Vietnamese text into a key for loose comparison."""
from __future__ import annotations

import re
import unicodedata

_NON_ALNUM = re.compile(r"[\W_]+")
_D = str.maketrans({"đ": "d", "Đ": "D"})


def strip_marks(text: str) -> str:
    """Remove tone and vowel marks; ``đ`` becomes ``d``. Case is kept."""
    decomposed = unicodedata.normalize("NFD", text.translate(_D))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def fold(text: str) -> str:
    """Lower case, marks removed (đ → d), each run of other characters one space.

    >>> fold("Sở KH&ĐT tỉnh Lạng Sơn")
    'so kh dt tinh lang son'
    """
    return _NON_ALNUM.sub(" ", strip_marks(text).lower()).strip()
