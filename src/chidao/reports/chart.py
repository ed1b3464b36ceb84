"""A completion-rate-by-body bar chart as PNG, drawn with Pillow (no plotting library needed)."""
from __future__ import annotations

import io
from pathlib import Path

from chidao.reports.period import BodyFigures, percent

FONT_DIRS = ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/usr/share/fonts/truetype/liberation",
             "/Library/Fonts", "C:/Windows/Fonts")
FONT_NAMES = ("DejaVuSans.ttf", "LiberationSans-Regular.ttf", "Arial.ttf", "arial.ttf")


def _font(size: int):
    """A TrueType font with Vietnamese letters when one is found, else Pillow's own."""
    from PIL import ImageFont
    for folder in FONT_DIRS:
        for name in FONT_NAMES:
            path = Path(folder) / name
            if path.is_file():
                return ImageFont.truetype(str(path), size)
    try:
        return ImageFont.load_default(size)
    except TypeError:  # Pillow < 10.1
        return ImageFont.load_default()


def _fit(draw, text: str, font, width: int) -> str:
    if draw.textlength(text, font=font) <= width:
        return text
    while text and draw.textlength(text + "…", font=font) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def rate_chart_png(rows: list[BodyFigures], title: str = "Tỷ lệ hoàn thành nhiệm vụ theo cơ quan",
                   limit: int = 20) -> bytes:
    """Horizontal bars: one per body (the ``limit`` with most tasks), its completion rate in %."""
    from PIL import Image, ImageDraw
    rows = [r for r in rows if r.assigned][:limit]
    scale = 2  # drawn at twice the size for a sharp print
    label_w, bar_w, bar_h, gap, top, right = 330 * scale, 400 * scale, 22 * scale, 8 * scale, 60 * scale, 130 * scale
    height = top + max(1, len(rows)) * (bar_h + gap) + 40 * scale
    width = label_w + bar_w + right
    img = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(img)
    font, small, bold = _font(13 * scale), _font(11 * scale), _font(15 * scale)
    draw.text((width // 2, 18 * scale), title, fill="black", font=bold, anchor="mt")
    x0 = label_w
    axis_y = top + len(rows) * (bar_h + gap)
    for tick in range(0, 101, 20):
        x = x0 + bar_w * tick // 100
        draw.line([(x, top - 6 * scale), (x, axis_y)], fill="#d0d0d0", width=1)
        draw.text((x, axis_y + 6 * scale), f"{tick}%", fill="#404040", font=small, anchor="mt")
    for i, row in enumerate(rows):
        y = top + i * (bar_h + gap)
        rate = row.rate or 0.0
        draw.text((x0 - 8 * scale, y + bar_h // 2), _fit(draw, row.body, font, label_w - 16 * scale),
                  fill="black", font=font, anchor="rm")
        end = x0 + max(1, int(bar_w * rate))
        draw.rectangle([x0, y, end, y + bar_h], fill="#1F4E78" if rate >= 0.5 else "#C0504D")
        draw.text((end + 6 * scale, y + bar_h // 2), f"{percent(rate)} ({row.done}/{row.assigned})",
                  fill="black", font=small, anchor="lm")
    if not rows:
        draw.text((width // 2, top), "Không có nhiệm vụ trong kỳ", fill="black", font=font, anchor="mt")
    draw.line([(x0, top - 6 * scale), (x0, axis_y)], fill="black", width=2)
    out = io.BytesIO()
    img.save(out, format="PNG", dpi=(192, 192))
    return out.getvalue()


__all__ = ["rate_chart_png"]
