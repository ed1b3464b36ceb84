"""The document text as HTML with tasks, citations and deadlines marked in place.

Every piece of text is wrapped in ``<span class="seg" data-start=N>`` so that a selection
in the browser maps back to offsets in the stored text.
"""
from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str  # "task", "ref" or "due"
    ref: int | None = None  # task id, or the cited document's id


def deadline_spans(text: str, tasks: list[tuple[int, int, int, str | None]]) -> list[Span]:
    """Where each task's deadline phrase occurs inside the task's own span."""
    out = []
    for task_id, start, end, phrase in tasks:
        if phrase:
            at = text.find(phrase, start, max(end, start + len(phrase)))
            if at >= 0:
                out.append(Span(at, at + len(phrase), "due", task_id))
    return out


def render(text: str, spans: list[Span]) -> Markup:
    """HTML of ``text`` cut at every span boundary, each piece wrapped by its spans."""
    spans = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    cuts = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    parts = []
    for a, b in zip(cuts, cuts[1:]):
        inner = Markup('<span class="seg" data-start="{}">{}</span>').format(a, text[a:b])
        for s in sorted((s for s in spans if s.start <= a and b <= s.end), key=_depth):
            inner = _wrap(s, inner, a == s.start)
        parts.append(inner)
    return Markup("").join(parts)


def _depth(span: Span) -> int:
    return {"due": 0, "ref": 1, "task": 2}[span.kind]


def _wrap(span: Span, inner: Markup, first: bool) -> Markup:
    if span.kind == "ref":
        if span.ref is not None:
            return Markup('<a class="hl-ref" href="/documents/{}">{}</a>').format(span.ref, inner)
        return Markup('<span class="hl-ref">{}</span>').format(inner)
    if span.kind == "due":
        return Markup('<span class="hl-due">{}</span>').format(inner)
    anchor = Markup(' id="t{}"').format(span.ref) if first else Markup("")
    return Markup('<span class="hl-task" data-task="{}"{}>{}</span>').format(span.ref, anchor, inner)


__all__ = ["Span", "deadline_spans", "escape", "render"]
