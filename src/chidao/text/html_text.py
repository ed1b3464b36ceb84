"""Main-content text of a web page (BeautifulSoup): block elements become lines, tables rows."""
from __future__ import annotations

import codecs
import re
from collections.abc import Iterable

from bs4 import BeautifulSoup, Comment, NavigableString, Tag
from bs4.element import CData, Declaration, Doctype, ProcessingInstruction

from .decoding import bom_encoding, detect
from .errors import ContentError

_DROP = {"script", "style", "noscript", "template", "nav", "aside", "form", "button", "input", "select",
         "textarea", "iframe", "svg", "canvas", "object", "embed", "head", "title", "dialog", "menu", "map"}
_PAGE_CHROME = {"header", "footer"}  # dropped unless inside the main content
_CHROME_ROLES = {"navigation", "banner", "contentinfo", "search", "complementary", "menu", "menubar"}
_CHROME_CLASS = re.compile(
    r"(?:^|[-_ ])(?:nav|navbar|navigation|menu|breadcrumbs?|sidebar|share|social|cookies?|skip|related)(?:$|[-_ ])",
    re.IGNORECASE)
_SKIP_LINK = re.compile(
    r"^\s*(?:skip\s+to|jump\s+to|nhảy\s+(?:đến|tới)|bỏ\s+qua|chuyển\s+(?:đến|tới)|đi\s+(?:đến|tới))", re.IGNORECASE)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_BLOCK = {"address", "article", "blockquote", "body", "center", "dd", "details", "div", "dl", "dt", "fieldset",
          "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "li",
          "main", "ol", "p", "pre", "section", "summary", "ul", "caption", "html", "tr", "td", "th"}
_SKIPPED_STRINGS = (Comment, CData, Declaration, Doctype, ProcessingInstruction)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
_CHROME_SHARE = 0.3


def decode_html(data: bytes) -> str:
    """The page as text: byte-order mark, then a declared Unicode charset, else detection."""
    codec = bom_encoding(data)
    if codec:
        return data.decode(codec, errors="replace")
    declared = _CHARSET.search(data[:4096])
    if declared:
        name = declared.group(1).decode("ascii", "replace")
        try:
            if codecs.lookup(name).name.startswith("utf-8"):
                return data.decode("utf-8")
        except (LookupError, UnicodeDecodeError):
            pass
    return detect(data)[1]


def read_html(data: bytes) -> str:
    """The normalised-layout text of the main content of an HTML page's bytes."""
    try:
        soup = BeautifulSoup(decode_html(data), "html.parser")
    except ContentError:
        raise
    except Exception as exc:  # a parser failure on malformed markup
        raise ContentError(f"không đọc được HTML ({type(exc).__name__}: {exc})") from None
    remove_chrome(soup)
    return "\n".join(render(main_content(soup)))


def remove_chrome(soup: BeautifulSoup) -> None:
    """Drop scripts, navigation, forms, hidden elements, skip links and page headers/footers."""
    total = len(_text(soup))
    doomed: list[Tag] = []
    pending: list[Tag] = [soup]
    while pending:
        for child in pending.pop().find_all(True, recursive=False):
            (doomed if _is_chrome(child, total) else pending).append(child)
    for tag in doomed:
        tag.decompose()


def _is_chrome(tag: Tag, total: int) -> bool:
    name = tag.name.lower()
    if name in _DROP:
        return True
    if name in _PAGE_CHROME and tag.find_parent(["main", "article"]) is None:
        return True
    if tag.has_attr("hidden") or tag.get("aria-hidden") == "true" or _HIDDEN_STYLE.search(tag.get("style", "")):
        return True
    if name == "a" and _SKIP_LINK.match(tag.get_text()):
        return True
    marks = " ".join([*tag.get("class", []), tag.get("id", "")])
    if tag.get("role") not in _CHROME_ROLES and not _CHROME_CLASS.search(marks):
        return False
    if name in ("html", "body", "main", "article") or tag.find(["main", "article"]):
        return False
    return len(_text(tag)) <= _CHROME_SHARE * total


def _text(node) -> str:
    return " ".join(node.get_text(" ").split())


def main_content(soup: BeautifulSoup) -> Tag:
    """``<main>``, else the largest ``<article>``, else the element holding most paragraph text
    (with the page's ``<h1>`` put first when it lies outside that element)."""
    main = soup.find("main") or soup.find(attrs={"role": "main"})
    if main is not None and _text(main):
        return main
    articles = [a for a in soup.find_all("article") if _text(a)]
    if articles:
        return max(articles, key=lambda a: len(_text(a)))
    body = soup.body or soup
    credit: dict[int, tuple[Tag, int]] = {}
    for para in body.find_all("p"):
        parent = para.parent
        _, so_far = credit.get(id(parent), (parent, 0))
        credit[id(parent)] = (parent, so_far + len(_text(para)))
    if not credit:
        return body
    best, amount = max(credit.values(), key=lambda item: item[1])
    if amount < 0.5 * len(_text(body)):
        return body
    heading = best.find("h1") or body.find("h1")
    if heading is not None and not any(node is heading for node in best.descendants):
        wrapper = soup.new_tag("div")
        wrapper.append(soup.new_string(_text(heading)))
        best.insert(0, wrapper)
    return best


def render(root: Tag, nested: bool = False) -> list[str]:
    """Lines of ``root``: one per block element, one per table row (cells joined by `` | ``).

    In a nested table (``nested``) a row's cells are joined by a space. The walk keeps
    its own stack, so deeply nested markup cannot exhaust Python's recursion limit.
    """
    lines: list[str] = []
    buffer: list[str] = []

    def flush() -> None:
        line = " ".join("".join(buffer).split())
        buffer.clear()
        if line:
            lines.append(line)

    stack: list[tuple[str, object]] = [("children", root)]
    while stack:
        action, node = stack.pop()
        if action == "text":
            buffer.append(node)
        elif action == "flush":
            flush()
        elif action == "children":
            stack.extend(reversed([step for child in node.children for step in _steps(child)]))
        elif action == "table":
            flush()
            caption = node.find("caption")
            if caption is not None and caption.find_parent("table") is node and _text(caption):
                lines.append(_text(caption))
            lines.extend(_table_rows(node, nested))
        elif action == "pre":  # preformatted text keeps its line breaks
            flush()
            for line in node.get_text().split("\n"):
                buffer.append(line)
                flush()
        elif action == "item":
            flush()
            stack += [("mark", (node, len(lines))), ("flush", None), ("children", node)]
        elif action == "mark":
            item, first = node
            if first < len(lines):
                lines[first] = _marker(item, lines[first]) + lines[first]
    flush()
    return lines


def _steps(node) -> list[tuple[str, object]]:
    """What rendering ``node`` takes, in order."""
    if isinstance(node, NavigableString):
        return [] if isinstance(node, _SKIPPED_STRINGS) else [("text", str(node))]
    if not isinstance(node, Tag):
        return []
    name = node.name.lower()
    if name == "br":
        return [("flush", None)]
    if name in ("table", "li", "pre") or name not in _BLOCK:
        return [({"table": "table", "li": "item", "pre": "pre"}.get(name, "children"), node)]
    return [("flush", None), ("children", node), ("flush", None)]


def _table_rows(table: Tag, nested: bool) -> Iterable[str]:
    for row in table.find_all("tr"):
        if row.find_parent("table") is not table:
            continue
        cells = [" ".join(render(cell, nested=True)) for cell in row.find_all(["td", "th"], recursive=False)]
        if any(cells):
            yield (" " if nested else " | ").join(cells)


_HAS_MARKER = re.compile(r"^(?:[-+•*–—]|\d+[.)]|[a-zđ][.)]|[IVXLC]+\.)\s")


def _marker(item: Tag, first_line: str) -> str:
    """"3. " for the third item of an ordered list, "- " in a bulleted one, unless already written."""
    parent = item.find_parent(["ol", "ul"])
    if parent is None or _HAS_MARKER.match(first_line):
        return ""
    if parent.name == "ul":
        return "- "
    start = int(parent.get("start", "1")) if str(parent.get("start", "1")).isdigit() else 1
    siblings = parent.find_all("li", recursive=False)
    position = next((i for i, li in enumerate(siblings) if li is item), 0)
    return f"{start + position}. "
