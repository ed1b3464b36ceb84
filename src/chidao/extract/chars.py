"""Character classes of Vietnamese letters for regular expressions (upper and lower case apart)."""
from __future__ import annotations

import unicodedata

_BASE = "aăâbcdđeêghiklmnoôơpqrstuưvxyfjwz"
_TONES = ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")


def _letters() -> str:
    out = []
    for b in _BASE:
        for t in _TONES:
            c = unicodedata.normalize("NFC", b + t)
            if len(c) == 1:
                out.append(c)
    return "".join(dict.fromkeys(out))


LOWER_LETTERS = _letters()
UPPER_LETTERS = "".join(c.upper() for c in LOWER_LETTERS)
LOWER = "[" + LOWER_LETTERS + "]"
UPPER = "[" + UPPER_LETTERS + "]"
LETTER = "[" + LOWER_LETTERS + UPPER_LETTERS + "]"
