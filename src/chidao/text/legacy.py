"""The legacy Vietnamese 8-bit encodings TCVN3 (ABC) and VNI-Windows.

The code tables live in ``data/tcvn3.tsv`` and ``data/vni.tsv`` (byte sequence → letter).
Bytes a table does not list are read as Windows-1252, as the fonts of both families do.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from importlib import resources

SCHEMES = ("tcvn3", "vni")

# Windows-1252 leaves these bytes undefined; they decode to the C1 control of the same value.
_CP1252_UNDEFINED = {0x81, 0x8D, 0x8F, 0x90, 0x9D}


def _load_table(scheme: str) -> dict[bytes, str]:
    if scheme not in SCHEMES:
        raise ValueError(f"unknown legacy encoding {scheme!r}; expected one of {SCHEMES}")
    text = resources.files("chidao.text").joinpath(f"data/{scheme}.tsv").read_text("utf-8")
    table: dict[bytes, str] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        hex_bytes, letter = line.split("\t")
        table[bytes.fromhex(hex_bytes)] = unicodedata.normalize("NFC", letter)
    return table


@lru_cache(maxsize=None)
def decode_table(scheme: str) -> dict[bytes, str]:
    """Byte sequence → letter for ``scheme``, with every byte's Windows-1252 reading as fallback.

    For VNI a mark byte is also accepted in the other case than its base letter.
    """
    table = {bytes([b]): _cp1252_char(b) for b in range(256)}
    listed = _load_table(scheme)
    table.update(listed)
    if scheme == "vni":
        for seq, letter in listed.items():
            if len(seq) == 2:
                other_case_mark = bytes([seq[0], seq[1] ^ 0x20])
                table.setdefault(other_case_mark, letter)
    return table


@lru_cache(maxsize=None)
def encode_table(scheme: str) -> dict[str, bytes]:
    """Letter → byte sequence for ``scheme`` (the canonical form only)."""
    return {letter: seq for seq, letter in _load_table(scheme).items()}


def _cp1252_char(byte: int) -> str:
    if byte in _CP1252_UNDEFINED:
        return chr(byte)
    return bytes([byte]).decode("cp1252")


@lru_cache(maxsize=None)
def _decoder(scheme: str) -> tuple[dict[int, str], re.Pattern | None, dict[str, str]]:
    """Fast decoding tables over the Latin-1 reading of the bytes: one map per single byte,
    and a pattern with its map for base-plus-mark pairs."""
    table = decode_table(scheme)
    singles = {seq[0]: letter for seq, letter in table.items() if len(seq) == 1}
    pairs = {seq.decode("latin-1"): letter for seq, letter in table.items() if len(seq) == 2}
    if not pairs:
        return singles, None, pairs
    bases = "".join(sorted({key[0] for key in pairs}))
    marks = "".join(sorted({key[1] for key in pairs}))
    return singles, re.compile(f"[{re.escape(bases)}][{re.escape(marks)}]"), pairs


def decode(data: bytes, scheme: str) -> str:
    """Decode ``data`` written in ``scheme`` ("tcvn3" or "vni") to NFC text."""
    singles, pair_pattern, pairs = _decoder(scheme)
    raw = data.decode("latin-1")  # one character per byte
    if pair_pattern is None:
        text = raw.translate(singles)
    else:
        pieces, done = [], 0
        for match in pair_pattern.finditer(raw):
            letter = pairs.get(match.group())
            if letter is not None:  # no byte is both a base and a mark, so no pair is missed
                pieces += [raw[done:match.start()].translate(singles), letter]
                done = match.end()
        pieces.append(raw[done:].translate(singles))
        text = "".join(pieces)
    if scheme == "tcvn3":
        text = restore_capitals(text)
    return unicodedata.normalize("NFC", text)


def encode(text: str, scheme: str) -> bytes:
    """Encode ``text`` in ``scheme``; the inverse of :func:`decode`.

    TCVN3 has no capital vowels with a tone mark: like the ABC capital fonts (.VnTimeH)
    they are written with the small letter's code, and :func:`decode` restores the
    capital inside words and lines written in capitals. Raises ``ValueError`` for a
    character the scheme cannot write.
    """
    table = encode_table(scheme)
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        seq = table.get(char)
        if seq is None and scheme == "tcvn3" and char.isupper():
            seq = table.get(char.lower())
        if seq is None:
            seq = _encode_plain(char, scheme)
        out += seq
    return bytes(out)


@lru_cache(maxsize=None)
def _table_bytes(scheme: str) -> frozenset[int]:
    """Bytes the scheme uses for letters, which other characters therefore cannot use."""
    return frozenset(b for seq in _load_table(scheme) for b in seq if b >= 0x80)


def _encode_plain(char: str, scheme: str) -> bytes:
    try:
        seq = char.encode("cp1252")
    except UnicodeEncodeError:
        raise ValueError(f"{char!r} cannot be written in {scheme.upper()}") from None
    if seq[0] in _table_bytes(scheme):
        raise ValueError(f"{char!r} cannot be written in {scheme.upper()}")
    return seq


_WORD = re.compile(r"\w+")
_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"
# A small toned vowel opening a line (after any list marker) or a sentence.
_SENTENCE_START = re.compile(
    r"((?:^|[.!?]\s)[ \t]*(?:[-+•*]\s*|\d+(?:\.\d+)*[.)]\s*|[a-zđ]\)\s*)?)"
    r"([àảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ])",
    re.MULTILINE)


def _caps_word(word: str) -> bool:
    """A word in capitals whose toned vowels came out small (no ASCII small letter)."""
    smalls = [c for c in word if c.islower()]
    return bool(smalls) and all(not c.isascii() for c in smalls) and any(c.isupper() for c in word[1:])


def restore_capitals(text: str) -> str:
    """Undo TCVN3's small toned vowels inside capital words and lines, and at the start of
    a line or sentence (where a capital is due but VN3 has none)."""
    text = "\n".join(_restore_line(line) for line in text.split("\n"))
    return _SENTENCE_START.sub(lambda m: m.group(1) + m.group(2).upper(), text)


def _toned_capital(word: str) -> bool:
    """A word holding a capital vowel with a tone mark (which TCVN3 can only have restored)."""
    return any(c.isupper() and any(m in _TONE_MARKS for m in unicodedata.normalize("NFD", c)) for c in word)


def _restore_line(line: str) -> str:
    line = _WORD.sub(lambda m: m.group().upper() if _caps_word(m.group()) else m.group(), line)
    has_ascii_small = any(c.islower() and c.isascii() for c in line)
    if not has_ascii_small and any(_toned_capital(w) for w in _WORD.findall(line)):
        return line.upper()
    return line
