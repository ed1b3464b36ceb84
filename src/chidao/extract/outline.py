"""The body as logical paragraphs with their outline markers (I. 1. 1.1. a) - +).

A paragraph split by a page break (a line that stops mid-sentence, footnotes between, and a
line that goes on in lower case) is one logical paragraph; footnotes are set aside.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from chidao.extract.chars import LOWER, UPPER

MARKER = re.compile(
    r"^\s*(?:\**)(?P<m>(?P<roman>[IVX]{1,5})\.|(?P<nums>\d{1,2}(?:\.\d{1,2}){1,3})\.?|(?P<num>\d{1,2})[.)]"
    r"|(?P<alpha>[a-zđ])\)|(?P<dash>[-–•])|(?P<plus>\+)|(?P<art>Điều\s+\d+)\.?)\s*")
FOOTNOTE = re.compile(r"^[\u00b9\u00b2\u00b3\u2070-\u2079]+")
TERMINAL = (".", ";", ":", "!", "?", "./.", "…")


@dataclass
class Para:
    """A logical paragraph: ``start``/``end`` span the lines it joins; ``body`` is after its marker."""

    start: int
    end: int
    body: int
    kind: str | None      # roman, nums, num, alpha, dash, plus, art, or None
    depth: int
    heading: bool


def _depth(kind: str | None, marker: str) -> int:
    if kind == "roman":
        return 1
    if kind == "art":
        return 1
    if kind == "num":
        return 2
    if kind == "nums":
        return 2 + marker.count(".")
    if kind == "alpha":
        return 6
    if kind == "dash":
        return 7
    if kind == "plus":
        return 8
    return 9


_UPPER_RE = re.compile(UPPER)
_LOWER_RE = re.compile(LOWER)


def _is_upper(s: str) -> bool:
    up, low = len(_UPPER_RE.findall(s, 0, 300)), len(_LOWER_RE.findall(s, 0, 300))
    return up + low >= 3 and up / (up + low) > 0.85


def paragraphs(text: str, start: int, end: int, lines: list[tuple[int, int]],
               titles: bool = False) -> tuple[list[Para], list[tuple[int, int]]]:
    """Logical paragraphs of ``text[start:end]`` and the footnote lines set aside.

    ``titles``: unmarked lines without final punctuation are section titles (digests, news).
    """
    body_lines = [(s, e) for s, e in lines if s >= start and e <= end]
    footnotes = [(s, e) for s, e in body_lines if FOOTNOTE.match(text[s:e])]
    content = [(s, e) for s, e in body_lines if not FOOTNOTE.match(text[s:e])]
    footnote_starts = [fs for fs, _ in footnotes]
    paras: list[Para] = []
    prev_end_line = None
    for s, e in content:
        line = text[s:e]
        m = MARKER.match(line)
        kind = next((k for k in ("roman", "nums", "num", "alpha", "dash", "plus", "art") if m and m.group(k)), None)
        if paras and kind is None and prev_end_line is not None:
            prev = text[paras[-1].start:paras[-1].end].rstrip(" *")
            k = bisect_left(footnote_starts, prev_end_line)
            footnote_between = k < len(footnotes) and footnotes[k][1] <= s
            first = line.lstrip(" *“\"(")[:1]
            if not prev.endswith(TERMINAL) and len(prev.split()) >= 8 and (first.islower() or footnote_between):
                paras[-1].end = e
                if paras[-1].kind is None:
                    paras[-1].heading = False
                    paras[-1].depth = 9
                prev_end_line = e
                continue
        body = s + (m.end() if m else 0)
        words = len(line.split())
        stripped = line.strip(" *")
        heading = False
        if _is_upper(stripped) and words <= 30:
            heading = True
        elif kind in ("roman", "nums", "num", "alpha", "art") and words <= 30 and not stripped.endswith((".", ";")) \
                and not re.search(r"\.\s+\S|:\s+\S", stripped[m.end() if m else 0:]):
            heading = True
        elif titles and kind is None and not stripped.endswith(TERMINAL) and words <= 60 and not stripped.endswith(","):
            heading = True
        depth = _depth(kind, m.group("m") if m else "")
        if kind is None and heading:
            depth = 0 if not _is_upper(stripped) else 1
        paras.append(Para(start=s, end=e, body=body, kind=kind, depth=depth, heading=heading))
        prev_end_line = e
    return paras, footnotes
