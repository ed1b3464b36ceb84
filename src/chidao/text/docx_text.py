"""Text of a Word (.docx) document: paragraphs and tables in document order, then footnotes."""
from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsmap

from .docx_numbering import Numbering
from .errors import ContentError

_W = "{%s}" % nsmap["w"]
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
MAX_UNPACKED = 200 * 1024 * 1024
MAX_RATIO = 100
MAX_PARTS = 5000

# Elements whose text is not part of the visible document.
_SKIP = {_W + name for name in ("pPr", "rPr", "del", "moveFrom", "delText", "instrText", "footnoteReference",
                                "endnoteReference", "commentReference", "footnoteRef")} | {_FALLBACK}
_CHARS = {_W + "tab": "\t", _W + "br": "\n", _W + "cr": "\n", _W + "noBreakHyphen": "-", _W + "softHyphen": ""}
_CONTAINERS = {_W + name for name in ("sdt", "sdtContent", "customXml", "ins", "moveTo", "smartTag")}


def check_archive(data: bytes, max_unpacked: int = MAX_UNPACKED) -> None:
    """Refuse a package that is not a ZIP archive or would expand absurdly (a zip bomb)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise ContentError(f"tệp Word bị hỏng: không phải gói ZIP hợp lệ ({exc})") from None
    unpacked = sum(info.file_size for info in infos)
    packed = sum(info.compress_size for info in infos)
    if len(infos) > MAX_PARTS:
        raise ContentError(f"từ chối: gói Word chứa {len(infos)} phần (có thể là bom nén)")
    if unpacked > max_unpacked or (unpacked > 1024 * 1024 and unpacked > MAX_RATIO * max(packed, 1)):
        raise ContentError(f"từ chối: gói Word giải nén ra {unpacked / 1e6:.0f} MB (có thể là bom nén)")


def read_docx(data: bytes) -> str:
    """The normalised-layout text of a .docx file's bytes."""
    check_archive(data)
    try:
        body = docx.Document(io.BytesIO(data)).element.body
        lines = list(block_lines(body, numbering=_numbering(data)))
        lines += footnote_lines(data)
    except ContentError:
        raise
    except Exception as exc:  # python-docx and lxml raise many kinds for a damaged package
        raise ContentError(f"tệp Word bị hỏng hoặc không đọc được ({type(exc).__name__}: {exc})") from None
    return "\n".join(lines)


def _numbering(data: bytes) -> Numbering:
    """The document's list definitions, from ``word/numbering.xml`` and ``word/styles.xml``."""
    parts = {}
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = set(archive.namelist())
        for name in ("word/numbering.xml", "word/styles.xml"):
            parts[name] = parse_xml(archive.read(name)) if name in names else None
    return Numbering(parts["word/numbering.xml"], parts["word/styles.xml"])


def block_lines(container, nested: bool = False, numbering: Numbering | None = None) -> Iterator[str]:
    """Lines of the paragraphs and tables directly in ``container`` (body, cell, text box…).

    In a nested table (``nested``) a row's cells are joined by a space, so the row stays
    inside its outer cell. With ``numbering``, a paragraph of an automatic list gets its label.
    """
    for child in container:
        if child.tag == _W + "p":
            text, boxes = _inline(child)
            label = numbering.label(child) if numbering is not None else ""
            lines = list(_clean_lines(text)) or [""]
            if label:  # an empty numbered paragraph still shows its number (a table's TT column)
                lines[0] = f"{label} {lines[0]}".strip()
            yield from (line for line in lines if line)
            for box in boxes:
                yield from block_lines(box, nested, numbering)
        elif child.tag == _W + "tbl":
            yield from _table_rows(child, nested, numbering)
        elif child.tag in _CONTAINERS:
            yield from block_lines(child, nested, numbering)


def _table_rows(table, nested: bool, numbering: Numbering | None) -> Iterator[str]:
    for row in _children(table, "tr"):
        cells = [" ".join(block_lines(cell, True, numbering)) for cell in _children(row, "tc")]
        if any(cells):
            yield (" " if nested else " | ").join(cells)


def _children(element, name: str) -> Iterator:
    """Children named ``name``, looking through content controls that wrap rows or cells."""
    for child in element:
        if child.tag == _W + name:
            yield child
        elif child.tag in _CONTAINERS:
            yield from _children(child, name)


def _inline(paragraph) -> tuple[str, list]:
    """The visible text of a paragraph and the text boxes anchored in it."""
    pieces: list[str] = []
    boxes: list = []

    def walk(element) -> None:
        for child in element:
            tag = child.tag
            if tag in _SKIP or not isinstance(tag, str):
                continue
            if tag == _W + "t":
                pieces.append(child.text or "")
            elif tag in _CHARS:
                pieces.append(_CHARS[tag])
            elif tag == _W + "txbxContent":
                boxes.append(child)
            else:
                walk(child)

    walk(paragraph)
    return "".join(pieces), boxes


def _clean_lines(text: str) -> Iterator[str]:
    for line in text.split("\n"):
        line = " ".join(line.split())
        if line:
            yield line


def footnote_lines(data: bytes) -> list[str]:
    """One line per footnote, from ``word/footnotes.xml`` when the package has one."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        if "word/footnotes.xml" not in archive.namelist():
            return []
        root = parse_xml(archive.read("word/footnotes.xml"))
    lines = []
    for note in root.iterfind(_W + "footnote"):
        if note.get(_W + "type") not in (None, "normal"):
            continue  # separators
        text = " ".join(block_lines(note, nested=True))
        if text:
            lines.append(text)
    return lines
