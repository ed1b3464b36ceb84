"""Read a document file into the normalised text every extraction offset refers to.

The text is NFC with ``\\n`` line ends, one paragraph per line; a table is one row per
line with its cells joined by `` | ``. Every failure is a :class:`ReadError`.
"""
from __future__ import annotations

import os
from pathlib import Path

from .decoding import detect
from .docx_text import read_docx
from .errors import ContentError, ReadError
from .html_text import read_html
from .normalize import normalize
from .pdf_text import read_pdf
from .sniff import DOCX, HTML, PDF, Unsupported, sniff

MAX_BYTES = 20 * 1024 * 1024

_READERS = {
    PDF: read_pdf,
    DOCX: read_docx,
    HTML: read_html,
}


def read_document(path: str | os.PathLike, max_bytes: int = MAX_BYTES) -> str:
    """The normalised text of the document at ``path`` (.txt, .docx, .pdf, .html…)."""
    name = os.fspath(path)
    try:
        size = os.path.getsize(name)
        if size > max_bytes:
            raise ReadError(name, _too_large(size, max_bytes))
        with open(name, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise ReadError(name, "không tìm thấy tệp") from None
    except IsADirectoryError:
        raise ReadError(name, "là thư mục, không phải tệp") from None
    except PermissionError:
        raise ReadError(name, "không có quyền đọc tệp") from None
    except OSError as exc:
        raise ReadError(name, f"không đọc được tệp ({exc.strerror or exc})") from None
    return read_bytes(data, name, max_bytes)


def read_bytes(data: bytes, name: str, max_bytes: int = MAX_BYTES) -> str:
    """The normalised text of a document given as bytes; ``name`` gives the extension and
    names the file in errors."""
    if len(data) > max_bytes:
        raise ReadError(name, _too_large(len(data), max_bytes))
    if not data.strip():
        raise ReadError(name, "tệp rỗng")
    try:
        kind = sniff(data, Path(name).suffix)
        text = _READERS[kind](data) if kind in _READERS else detect(data)[1]
    except Unsupported as exc:
        raise ReadError(name, f"không phải loại văn bản được hỗ trợ: {exc}") from None
    except ContentError as exc:
        raise ReadError(name, exc.problem) from None
    except RecursionError:
        raise ReadError(name, "văn bản lồng nhau quá sâu, không đọc được") from None
    except Exception as exc:  # last resort: bad content must never escape as another error
        raise ReadError(name, f"không đọc được văn bản ({type(exc).__name__}: {exc})") from None
    text = normalize(text)
    if not text.strip():
        raise ReadError(name, "tệp rỗng (không có chữ)")
    return text


def _too_large(size: int, limit: int) -> str:
    return f"tệp quá lớn ({size / 1e6:.1f} MB; giới hạn {limit / 1e6:.1f} MB)"
