"""How Vietnamese a text looks: syllable spelling rules and a plausibility score.

Used to choose among candidate decodings of a legacy text file. The onsets, rhymes and
frequent syllables are data files under ``data/``.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from importlib import resources

_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_STOP_TONES = {"\u0301", "\u0323"}  # the only tones a syllable ending in p, t, c, ch takes
_FRONT = tuple("eêiy")
_WORD = re.compile(r"[^\W\d_]+")


def _words(name: str) -> frozenset[str]:
    text = resources.files("chidao.text").joinpath(f"data/{name}").read_text("utf-8")
    lines = (line for line in text.splitlines() if not line.startswith("#"))
    return frozenset(unicodedata.normalize("NFC", w) for line in lines for w in line.split())


@lru_cache(maxsize=None)
def _tables() -> tuple[tuple[str, ...], frozenset[str], frozenset[str]]:
    onsets = tuple(sorted(_words("onsets.txt") | {""}, key=len, reverse=True))
    return onsets, _words("rhymes.txt"), _words("frequent_syllables.txt")


def split_tone(syllable: str) -> tuple[str, str | None]:
    """``("trương", "\\u0300")`` for "trường": the toneless letters and the tone mark."""
    marks = [c for c in unicodedata.normalize("NFD", syllable) if c in _TONES]
    if len(marks) > 1:
        return syllable, "invalid"
    bare = "".join(c for c in unicodedata.normalize("NFD", syllable) if c not in _TONES)
    return unicodedata.normalize("NFC", bare), (marks[0] if marks else None)


def _spelling_ok(onset: str, rhyme: str) -> bool:
    front = rhyme.startswith(_FRONT)
    if onset in ("k", "gh", "ngh"):
        return front
    if onset in ("c", "q", "ng"):
        return not front
    if onset == "g":
        return not rhyme.startswith(("e", "ê"))
    return True


@lru_cache(maxsize=65536)
def is_syllable(word: str) -> bool:
    """True when ``word`` (any case) is spelled as a Vietnamese syllable."""
    onsets, rhymes, _ = _tables()
    bare, tone = split_tone(word.lower())
    if tone == "invalid":
        return False
    for onset in onsets:
        if not bare.startswith(onset):
            continue
        rhyme = bare[len(onset):]
        if rhyme in rhymes and _spelling_ok(onset, rhyme):
            if tone is not None and rhyme.endswith(("p", "t", "c", "ch")) and tone not in _STOP_TONES:
                continue
            return True
    return False


def _suspicious(char: str) -> int:
    """Penalty for a character that a wrong decoding tends to produce."""
    if char == "\ufffd":
        return 5
    code = ord(char)
    if code < 0x20 and char not in "\t\n\r\f":
        return 5
    if 0x7F <= code < 0xA0:
        return 5
    if 0xA1 <= code <= 0xBF or char in "×÷":
        return 2
    if char.isalpha() and not _is_latin_letter(char):
        return 2
    if unicodedata.category(char) == "Mn":
        return 1
    return 0


@lru_cache(maxsize=4096)
def _is_latin_letter(char: str) -> bool:
    return unicodedata.name(char, "").startswith("LATIN")


def score(text: str) -> int:
    """Higher for text that reads as Vietnamese: good syllables up, odd characters down."""
    _, _, frequent = _tables()
    total = 0
    for match in _WORD.finditer(text):
        word = match.group()
        if is_syllable(word):
            total += 2 if word.lower() in frequent else 1
        elif not word.isascii():
            total -= 2
    total -= sum(_suspicious(c) for c in text if not c.isascii() or ord(c) < 0x20)
    return total


def oddness(text: str) -> float:
    """Share of the non-space characters that look like decoding debris (0 to 1)."""
    chars = [c for c in text if not c.isspace()]
    if not chars:
        return 0.0
    odd = sum(1 for c in chars if _suspicious(c) >= 2)
    return odd / len(chars)
