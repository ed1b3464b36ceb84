"""Decode the bytes of a plain-text document whose encoding is not declared.

Unicode (UTF-8, UTF-16/32 with a byte-order mark, UTF-16 without one) is recognised by
its structure; otherwise each candidate reading (UTF-8 with repairs, Windows-1258,
TCVN3, VNI) is scored by how Vietnamese the result looks and the best one wins.
"""
from __future__ import annotations

import codecs
import unicodedata

from . import legacy, vietnamese
from .errors import ContentError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL_OK = set(b"\t\n\r\f\v\x1a")
_MAX_ODDNESS = 0.15
_SAMPLE = 64 * 1024


def bom_encoding(data: bytes) -> str | None:
    """The codec named by a leading byte-order mark, if any."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return codec
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    zeros_even, zeros_odd = even.count(0) / len(even), odd.count(0) / len(odd)
    if zeros_odd > 0.3 and zeros_even < 0.05:
        return "utf-16-le"
    if zeros_even > 0.3 and zeros_odd < 0.05:
        return "utf-16-be"
    return None


def _decode_strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


def _looks_binary(data: bytes) -> bool:
    sample = data[:_SAMPLE]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 0x20 and b not in _CONTROL_OK)
    return controls > max(2, len(sample) // 100)


def decode_as(data: bytes, name: str) -> str:
    """Decode ``data`` with a candidate name from :data:`CANDIDATES`, never failing."""
    if name == "utf-8":
        text = data.decode("utf-8", errors="replace")
    elif name == "windows-1258":
        text = data.decode("cp1258", errors="replace")
    else:
        text = legacy.decode(data, name)
    return unicodedata.normalize("NFC", text)


CANDIDATES = ("utf-8", "windows-1258", *legacy.SCHEMES)


def rank(data: bytes) -> list[tuple[int, str]]:
    """(score, encoding) for every candidate reading of ``data``, best first."""
    scored = [(vietnamese.score(decode_as(data, name)), -order, name) for order, name in enumerate(CANDIDATES)]
    return [(score, name) for score, _, name in sorted(scored, reverse=True)]


def detect(data: bytes) -> tuple[str, str]:
    """(encoding name, text) of the most Vietnamese-looking reading of ``data``.

    Raises :class:`ContentError` when the bytes are not text.
    """
    codec = bom_encoding(data) or _utf16_without_bom(data)
    if codec:
        text = _decode_strict(data, codec)
        if text is None:
            raise ContentError(f"không phải văn bản (chữ {codec.upper()} bị hỏng)")
        return codec, text
    if _looks_binary(data):
        raise ContentError("không phải văn bản (nội dung nhị phân)")
    utf8 = _decode_strict(data, "utf-8")
    if utf8 is not None:
        return "utf-8", utf8
    score, best = rank(data[:_SAMPLE])[0]
    text = decode_as(data, best)
    sample = text[:_SAMPLE]
    ascii_share = sum(c.isascii() for c in sample) / max(len(sample), 1)
    if vietnamese.oddness(sample) > _MAX_ODDNESS or (score < 0 and ascii_share < 0.5):
        raise ContentError("không phải văn bản (phần lớn không giải mã được)")
    return best, text
