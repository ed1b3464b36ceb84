"""A horizontal bar chart of completion rates per body, as inline SVG (server-side)."""
from __future__ import annotations

from urllib.parse import quote

from markupsafe import Markup

ROW, LABEL, BAR = 26, 260, 300


def completion_chart(rows: list[tuple[str | None, str, int, int]]) -> Markup:
    """``rows`` of (body id, name, tasks, done); each bar links to the body's task list."""
    if not rows:
        return Markup("<p>Chưa có nhiệm vụ nào được theo dõi.</p>")
    height = ROW * len(rows) + 10
    width = LABEL + BAR + 80
    parts = [Markup('<svg class="chart" role="img" aria-label="Tỷ lệ hoàn thành theo cơ quan" '
                    'xmlns="http://www.w3.org/2000/svg" width="{}" height="{}" viewBox="0 0 {} {}">')
             .format(width, height, width, height)]
    for i, (body_id, name, total, done) in enumerate(rows):
        y = 5 + i * ROW
        rate = done / total if total else 0.0
        label = name if len(name) <= 40 else name[:39] + "…"
        href = "/tasks?status=done&body=" + quote(body_id or "")
        parts.append(Markup(
            '<a href="{href}"><title>{name}: {done}/{total} hoàn thành</title>'
            '<text x="{lx}" y="{ty}" text-anchor="end" font-size="12" fill="#222">{label}</text>'
            '<rect x="{bx}" y="{y}" width="{full}" height="18" fill="#e5e7eb"/>'
            '<rect x="{bx}" y="{y}" width="{w:.1f}" height="18" fill="#15803d"/>'
            '<text x="{px}" y="{ty}" font-size="12" fill="#222">{pct:.0f}% ({done}/{total})</text></a>').format(
                href=href, name=name, done=done, total=total, lx=LABEL - 6, ty=y + 13, label=label,
                bx=LABEL, y=y, full=BAR, w=BAR * rate, px=LABEL + BAR + 6, pct=rate * 100))
    parts.append(Markup("</svg>"))
    return Markup("").join(parts)
