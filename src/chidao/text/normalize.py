"""The normalised text every offset refers to: NFC, ``\\n`` line ends, one paragraph a line."""
from __future__ import annotations

import unicodedata


def normalize(text: str) -> str:
    """NFC with LF line endings and no byte-order mark."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans of the non-blank lines of ``text``, whitespace trimmed."""
    spans = []
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        s, e = pos, end
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            spans.append((s, e))
        pos = end + 1
    return spans
