"""What a file really is, judged by its first bytes rather than by its name."""
from __future__ import annotations

import io
import re
import zipfile

from .decoding import bom_encoding

# Supported kinds.
PDF, DOCX, HTML, TEXT = "pdf", "docx", "html", "text"

_MAGIC = (
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "tệp Word 97-2003 (.doc) hoặc Office cũ; hãy lưu lại dạng .docx"),
    (b"{\\rtf", "văn bản RTF; hãy lưu lại dạng .docx"),
    (b"\x89PNG\r\n\x1a\n", "ảnh PNG (chưa hỗ trợ nhận dạng chữ)"),
    (b"\xff\xd8\xff", "ảnh JPEG (chưa hỗ trợ nhận dạng chữ)"),
    (b"GIF87a", "ảnh GIF"),
    (b"GIF89a", "ảnh GIF"),
    (b"II*\x00", "ảnh TIFF (chưa hỗ trợ nhận dạng chữ)"),
    (b"MM\x00*", "ảnh TIFF (chưa hỗ trợ nhận dạng chữ)"),
    (b"\x1f\x8b", "tệp nén gzip"),
    (b"7z\xbc\xaf\x27\x1c", "tệp nén 7-Zip"),
    (b"Rar!\x1a\x07", "tệp nén RAR"),
    (b"\x7fELF", "chương trình chạy được"),
)
_ZIP_KINDS = (
    ("xl/", "bảng tính Excel"),
    ("ppt/", "bản trình chiếu PowerPoint"),
)
_HTML_START = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S)


class Unsupported(Exception):
    """The content is a kind of file that cannot be read; the message names it."""


def sniff(data: bytes, extension: str = "") -> str:
    """One of PDF, DOCX, HTML, TEXT for ``data``; raises :class:`Unsupported` otherwise.

    ``extension`` (".html", ".txt", …) only decides between HTML and plain text for
    content that could be either.
    """
    head = data[:2048]
    if b"%PDF-" in head[:1024]:
        return PDF
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _zip_kind(data)
    for magic, what in _MAGIC:
        if head.startswith(magic):
            raise Unsupported(f"nội dung là {what}")
    if _looks_html(head):
        return HTML
    return HTML if extension.lower() in (".html", ".htm", ".xhtml") else TEXT


def _looks_html(head: bytes) -> bool:
    codec = bom_encoding(head)
    if codec in ("utf-16", "utf-32"):
        head = head.decode(codec, errors="ignore").encode("utf-8")
    elif codec:
        head = head[3:]
    return bool(_HTML_START.match(head))


def _zip_kind(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            mimetype = archive.read("mimetype").decode("ascii", "replace") if "mimetype" in names else ""
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, KeyError):
        return DOCX  # a damaged archive: let the Word reader report what is wrong
    if any(name.startswith("word/") for name in names):
        return DOCX
    if "opendocument.text" in mimetype:
        raise Unsupported("nội dung là văn bản OpenDocument (.odt); hãy lưu lại dạng .docx")
    for prefix, what in _ZIP_KINDS:
        if any(name.startswith(prefix) for name in names):
            raise Unsupported(f"nội dung là {what}, không phải văn bản")
    raise Unsupported("nội dung là tệp nén ZIP, không phải văn bản")
