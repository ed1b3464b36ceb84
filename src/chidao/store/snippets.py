"""Snippets of the original text around the words a folded query matched."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from chidao.registry import strip_marks

WIDTH = 200


@dataclass(frozen=True)
class Snippet:
    """A piece of text and the spans in it to highlight."""

    text: str
    marks: tuple[tuple[int, int], ...] = ()

    def marked(self, left: str = "«", right: str = "»") -> str:
        out, pos = [], 0
        for start, end in self.marks:
            out += [self.text[pos:start], left, self.text[start:end], right]
            pos = end
        out.append(self.text[pos:])
        return "".join(out)


def _fold_char(ch: str) -> str:
    base = strip_marks(ch).lower()
    return base[0] if base and base[0].isascii() and base[0].isalnum() else " "


# Latin letters with their marks (Vietnamese included), digits, ASCII: one character each.
_TABLE = {i: _fold_char(chr(i)) for i in (*range(0x80), *range(0xC0, 0x250), *range(0x1E00, 0x1F00))}


@lru_cache(maxsize=256)
def fold_aligned(text: str) -> str:
    """``text`` folded character by character, so that indices stay those of ``text``
    (characters outside the Latin script become spaces, as ``fold`` drops them)."""
    folded = text.translate(_TABLE)
    if folded.isascii():
        return folded
    return "".join(c if c.isascii() else " " for c in folded)


def make_snippet(text: str, terms: list[str], width: int = WIDTH) -> Snippet:
    """The window of ``text`` holding most of the (folded) ``terms``, with them marked."""
    if not text:
        return Snippet("")
    if not terms:
        return Snippet(_clip(text, 0, width)[0])
    folded = fold_aligned(text)
    pattern = re.compile(r"(?<![a-z0-9])(?:" + "|".join(re.escape(t) for t in sorted(set(terms), key=len, reverse=True))
                         + r")(?![a-z0-9])")
    hits = [(m.start(), m.end(), m.group()) for m in pattern.finditer(folded)]
    if not hits:
        return Snippet(_clip(text, 0, width)[0])
    phrase = re.search(r"(?<![a-z0-9])" + r"[^a-z0-9\n]{1,3}".join(map(re.escape, terms)) + r"(?![a-z0-9])",
                       folded) if len(terms) > 1 else None
    if phrase:
        centre = phrase.start()
    else:
        best, best_score = 0, -1
        for i, (start, _, _) in enumerate(hits):
            inside = {h[2] for h in hits[i:] if h[1] <= start + width}
            if len(inside) > best_score:
                best, best_score = i, len(inside)
        centre = hits[best][0]
    lo = max(0, centre - width // 4)
    piece, lo, hi = _clip(text, lo, lo + width)
    offset = len(piece) - len(piece.lstrip("…"))
    marks = [(s - lo + offset, e - lo + offset) for s, e, _ in hits if s >= lo and e <= hi]
    return Snippet(piece, _merge(piece, marks))


def _merge(text: str, marks: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Join marks separated by up to three blanks or signs, so that a phrase
    ("giải phóng mặt bằng", "95/TB-UBND") is marked once."""
    merged: list[tuple[int, int]] = []
    for start, end in marks:
        gap = text[merged[-1][1]:start] if merged else "x"
        if merged and len(gap) <= 3 and not any(c.isalnum() or c == "\n" for c in gap):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return tuple(merged)


def _clip(text: str, lo: int, hi: int) -> tuple[str, int, int]:
    """text[lo:hi] widened or narrowed to whole words, one line, with ellipses."""
    hi = min(len(text), hi)
    while lo > 0 and text[lo - 1].isalnum():
        lo -= 1
    while hi < len(text) and text[hi].isalnum() and hi - lo < WIDTH * 2:
        hi += 1
    piece = text[lo:hi].replace("\n", " ")
    return ("…" if lo > 0 else "") + piece + ("…" if hi < len(text) else ""), lo, hi
