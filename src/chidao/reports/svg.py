"""A tiny horizontal bar chart as inline SVG (pure: text in, text out; every label escaped)."""
from __future__ import annotations

from html import escape

from chidao.reports.period import BodyFigures, percent


def rate_chart_svg(rows: list[BodyFigures], title: str = "Tỷ lệ hoàn thành nhiệm vụ theo cơ quan",
                   width: int = 720, bar: int = 22, gap: int = 8, label_width: int = 300) -> str:
    """One ``<rect class="bar">`` per body, its width the completion rate, labelled with the
    body's name and the rate (``66,7%``, or ``—`` when nothing was assigned)."""
    top, right = 36, 70
    plot = width - label_width - right
    height = top + len(rows) * (bar + gap) + gap
    out = [(f'<svg xmlns="http://www.w3.org/2000/svg" class="rate-chart" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}">'),
           f'<text x="{width // 2}" y="22" text-anchor="middle" font-weight="bold">{escape(title)}</text>']
    for i, row in enumerate(rows):
        y = top + i * (bar + gap)
        rate = row.rate or 0.0
        name = row.body if len(row.body) <= 45 else row.body[:44] + "…"
        label = percent(row.rate) or "—"
        out.append(f'<g class="row"><title>{escape(row.body)}: {escape(label)}</title>'
                   f'<text class="name" x="{label_width - 6}" y="{y + bar * 0.7:.0f}" text-anchor="end" '
                   f'font-size="13">{escape(name)}</text>'
                   f'<rect class="bar" x="{label_width}" y="{y}" width="{rate * plot:.1f}" height="{bar}" '
                   f'fill="#1f4e78"/>'
                   f'<text class="rate" x="{label_width + rate * plot + 4:.1f}" y="{y + bar * 0.7:.0f}" '
                   f'font-size="13">{escape(label)}</text></g>')
    out.append("</svg>")
    return "".join(out)


__all__ = ["rate_chart_svg"]
