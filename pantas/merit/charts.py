"""Hand-built SVG charts (no JavaScript): embedded inline in pages and in the PDF report.

Only presentation attributes are used (no `style=`), so the strict CSP needs no exception. Every text that
reaches the SVG is escaped here; callers pass plain strings and numbers.
"""

import itertools
import math
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from pantas.merit.formatting import percent_text

INK, MUTED, GRID = "#1b1f24", "#55606e", "#d5dae1"
CURRENT, PREVIOUS = "#8a1c1c", "#0b5cad"
_ids = itertools.count(1)  # unique title/desc ids when several charts share a page


@dataclass(frozen=True)
class Series:
    label: str
    values: list[float]  # 0..100 (percent of the aspect maximum), one per axis


def _n(value: float) -> str:
    """SVG coordinates: always a dot."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _svg(width, height, title, desc, body) -> str:
    n = next(_ids)
    return mark_safe(  # noqa: S308 - every dynamic part is escaped where it is built
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-labelledby="chart{n}t chart{n}d" class="chart" font-family="sans-serif">'
        f'<title id="chart{n}t">{escape(title)}</title><desc id="chart{n}d">{escape(desc)}</desc>{"".join(body)}</svg>'
    )


def radar(axes: list[str], series: list[Series], title: str) -> str:
    """Radar chart of per-aspect percentages; axes are numbered (the table beside it names them)."""
    size, cx, cy, r = 340, 170, 170, 120
    n = max(len(axes), 3)

    def point(i, pct):
        angle = -math.pi / 2 + 2 * math.pi * i / n
        return cx + r * pct / 100 * math.cos(angle), cy + r * pct / 100 * math.sin(angle)

    body = []
    for level in (25, 50, 75, 100):
        pts = " ".join(f"{_n(x)},{_n(y)}" for x, y in (point(i, level) for i in range(n)))
        body.append(f'<polygon points="{pts}" fill="none" stroke="{GRID}" stroke-width="1"/>')
    for i in range(n):
        x, y = point(i, 100)
        lx, ly = point(i, 114)
        body.append(f'<line x1="{cx}" y1="{cy}" x2="{_n(x)}" y2="{_n(y)}" stroke="{GRID}"/>')
        body.append(
            f'<text x="{_n(lx)}" y="{_n(ly + 4)}" text-anchor="middle" font-size="12" fill="{INK}">{i + 1}</text>'
        )
    for s, colour in zip(series, (CURRENT, PREVIOUS), strict=False):
        pts = " ".join(f"{_n(x)},{_n(y)}" for x, y in (point(i, v) for i, v in enumerate(s.values)))
        dash = "" if colour == CURRENT else ' stroke-dasharray="5 3"'
        opacity = "0.25" if colour == CURRENT else "0"
        body.append(
            f'<polygon points="{pts}" fill="{colour}" fill-opacity="{opacity}" stroke="{colour}" stroke-width="2"{dash}/>'
        )
    legend_y = size - 8
    for k, (s, colour) in enumerate(zip(series, (CURRENT, PREVIOUS), strict=False)):
        x = 10 + k * 170
        body.append(f'<rect x="{x}" y="{legend_y - 10}" width="12" height="12" fill="{colour}"/>')
        body.append(f'<text x="{x + 18}" y="{legend_y}" font-size="12" fill="{INK}">{escape(s.label)}</text>')
    desc = "; ".join(
        f"{s.label}: " + ", ".join(f"{i + 1}) {percent_text(v)}%" for i, v in enumerate(s.values))
        for s in series
    )
    return _svg(size, size + 14, title, desc, body)


def bars(labels: list[str], series: list[Series], title: str) -> str:
    """Horizontal bars per aspect (percent of its maximum), current cycle and, thinner, the previous one."""
    label_w, bar_w, row = 230, 300, 34
    height = row * len(labels) + 30
    body = []
    for tick in (0, 50, 100):
        x = label_w + bar_w * tick / 100
        body.append(f'<line x1="{_n(x)}" y1="0" x2="{_n(x)}" y2="{height - 24}" stroke="{GRID}"/>')
        body.append(
            f'<text x="{_n(x)}" y="{height - 8}" font-size="11" text-anchor="middle" fill="{MUTED}">{tick}%</text>'
        )
    for i, label in enumerate(labels):
        y = i * row + 4
        short = label if len(label) <= 34 else label[:33] + "…"
        body.append(f'<text x="0" y="{y + 14}" font-size="12" fill="{INK}">{escape(short)}</text>')
        for k, (s, colour) in enumerate(zip(series, (CURRENT, PREVIOUS), strict=False)):
            value = s.values[i] if i < len(s.values) else 0
            h = 14 if k == 0 else 7
            yy = y + (0 if k == 0 else 16)
            body.append(
                f'<rect x="{label_w}" y="{yy}" width="{_n(bar_w * value / 100)}" height="{h}" fill="{colour}"/>'
            )
            if k == 0:
                body.append(
                    f'<text x="{_n(label_w + bar_w * value / 100 + 4)}" y="{yy + 12}" font-size="11" '
                    f'fill="{INK}">{percent_text(value)}%</text>'
                )
    desc = "; ".join(
        f"{s.label}: "
        + ", ".join(f"{lab} {percent_text(v)}%" for lab, v in zip(labels, s.values, strict=False))
        for s in series
    )
    return _svg(label_w + bar_w + 50, height, title, desc, body)


def band_counts(counts: list[tuple[str, int]], title: str) -> str:
    """Vertical bars: how many agencies fall in each band."""
    width, height, top = 440, 220, 20
    peak = max((c for _b, c in counts), default=0) or 1
    slot = (width - 20) / max(len(counts), 1)
    body = [f'<line x1="10" y1="{height - 40}" x2="{width - 10}" y2="{height - 40}" stroke="{GRID}"/>']
    for i, (band, count) in enumerate(counts):
        h = (height - 40 - top) * count / peak
        x = 10 + i * slot + slot * 0.2
        body.append(
            f'<rect x="{_n(x)}" y="{_n(height - 40 - h)}" width="{_n(slot * 0.6)}" height="{_n(h)}" fill="{CURRENT}"/>'
        )
        cx = x + slot * 0.3
        body.append(
            f'<text x="{_n(cx)}" y="{_n(height - 44 - h)}" text-anchor="middle" font-size="13" fill="{INK}">{count}</text>'
        )
        body.append(
            f'<text x="{_n(cx)}" y="{height - 22}" text-anchor="middle" font-size="12" fill="{INK}">{escape(band)}</text>'
        )
    desc = ", ".join(f"{b}: {c}" for b, c in counts)
    return _svg(width, height, title or _("Jumlah instansi per kategori"), desc, body)
