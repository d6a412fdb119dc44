"""Server-rendered SVG bar charts (no JavaScript, no inline style: the strict CSP holds). Every chart carries
a title and a description; the page shows the same numbers in a data table beside it."""

import itertools

from django.utils.html import escape
from django.utils.safestring import mark_safe

INK, MUTED, BAR = "#1b1f24", "#55606e", "#0b5cad"
_ids = itertools.count(1)


def _svg(width, height, title, desc, body) -> str:
    n = next(_ids)
    return mark_safe(  # noqa: S308 - every dynamic part is escaped where it is built
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" '
        f'role="img" aria-labelledby="ins{n}t ins{n}d" class="chart" font-family="sans-serif" font-size="12">'
        f'<title id="ins{n}t">{escape(title)}</title><desc id="ins{n}d">{escape(desc)}</desc>{"".join(body)}</svg>'
    )


def hbars(items: list[tuple[str, int]], title: str, desc: str, width=640) -> str:
    """Horizontal bars: one (label, value) per row, longest label on the left."""
    row, label_w = 22, 220
    height = max(row * len(items) + 10, 40)
    top = max((v for _, v in items), default=0) or 1
    body = []
    for i, (label, value) in enumerate(items):
        y = 5 + i * row
        w = (width - label_w - 60) * value / top
        short = label if len(label) <= 34 else label[:33] + "…"
        body.append(
            f'<text x="{label_w - 6}" y="{y + 15}" text-anchor="end" fill="{INK}">{escape(short)}</text>'
            f'<rect x="{label_w}" y="{y + 3}" width="{w:.1f}" height="{row - 6}" fill="{BAR}"/>'
            f'<text x="{label_w + w + 4:.1f}" y="{y + 15}" fill="{MUTED}">{value}</text>'
        )
    return _svg(width, height, title, desc, body)


def columns(items: list[tuple[str, int]], title: str, desc: str, width=640, height=220) -> str:
    """Vertical bars over time (monthly trend); every label under its bar, value above."""
    if not items:
        return _svg(width, 40, title, desc, [])
    top = max(v for _, v in items) or 1
    slot = (width - 20) / len(items)
    plot = height - 40
    body = []
    for i, (label, value) in enumerate(items):
        h = plot * value / top
        x = 10 + i * slot
        body.append(
            f'<rect x="{x + slot * 0.15:.1f}" y="{20 + plot - h:.1f}" width="{slot * 0.7:.1f}" height="{h:.1f}" '
            f'fill="{BAR}"/><text x="{x + slot / 2:.1f}" y="{16 + plot - h:.1f}" text-anchor="middle" '
            f'fill="{MUTED}">{value}</text><text x="{x + slot / 2:.1f}" y="{height - 6}" text-anchor="middle" '
            f'font-size="10" fill="{INK}">{escape(label)}</text>'
        )
    return _svg(width, height, title, desc, body)
