"""Server-rendered choropleth maps of the 38 provinces and of one province's regencies (ADR 0075).

The paths come from `data/map_paths.json`, generated at build time by `scripts/build_map_paths.py` from the
committed GeoJSON. The SVG scales with its viewBox (phones at 390 px included), uses presentation attributes
only (strict CSP, no `style=`), and comes with a data table so screen readers and text browsers get the same
figures. Suppressed cells (`None`) are hatched grey and labelled "disembunyikan".
"""

import itertools
import json
from collections.abc import Callable
from functools import cache
from pathlib import Path

from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from .formatting import format_count, format_decimal

MAP_PATHS = Path(__file__).resolve().parent / "data" / "map_paths.json"
# Sequential single-hue scale (light → dark), readable by colour-blind visitors; 5 classes.
SCALE = ["#e8f0f8", "#b9d0e8", "#7faad3", "#3f79b5", "#0f4c8a"]
NO_DATA, STROKE, SUPPRESSED = "#eef0f3", "#8d96a3", "#c4c9d0"
_ids = itertools.count(1)


@cache
def _paths() -> dict:
    return json.loads(MAP_PATHS.read_text(encoding="utf-8"))


def province_shapes() -> dict:
    return _paths()["provinces"]


def regency_shapes(province_code: str) -> dict:
    return _paths()["regencies"][province_code]


def _breaks(values: list[float]) -> list[float]:
    """Upper bounds of the 5 classes: equal-count (quantile) breaks over the distinct published values."""
    distinct = sorted(set(values))
    if not distinct:
        return []
    if len(distinct) <= len(SCALE):
        return distinct
    return [
        distinct[min(len(distinct) - 1, round((i + 1) * len(distinct) / len(SCALE)) - 1)] for i in range(5)
    ]


def _colour(value, breaks):
    for i, upper in enumerate(breaks):
        if value <= upper:
            return SCALE[
                i if len(breaks) == len(SCALE) else round(i * (len(SCALE) - 1) / max(len(breaks) - 1, 1))
            ]
    return SCALE[-1]


def _fmt(value) -> str:
    return format_count(value) if isinstance(value, int) else format_decimal(value)


def choropleth(
    shapes: dict,
    values: dict,
    *,
    title: str,
    legend_title: str,
    link: Callable[[str], str] | None = None,
    region_label: str,
) -> str:
    """An inline SVG map + legend + data table. `values`: region code → number, or None when suppressed;
    regions without an entry have no data."""
    n = next(_ids)
    width, height = shapes["viewbox"]
    regions = shapes["regions"]
    published = [v for v in values.values() if v is not None]
    breaks = _breaks(published)
    hidden = _("disembunyikan")
    no_data = _("tidak ada data")
    body = [
        f'<defs><pattern id="hatch{n}" width="6" height="6" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><rect width="6" height="6" fill="{NO_DATA}"/>'
        f'<line x1="0" y1="0" x2="0" y2="6" stroke="{SUPPRESSED}" stroke-width="3"/></pattern></defs>'
    ]
    for code, region in regions.items():
        value = values.get(code, "missing")
        if value == "missing":
            fill, label = NO_DATA, no_data
        elif value is None:
            fill, label = f"url(#hatch{n})", hidden
        else:
            fill, label = _colour(value, breaks), _fmt(value)
        shape = (
            f'<path d="{region["d"]}" fill="{fill}" stroke="{STROKE}" stroke-width="0.5" '
            f'data-code="{escape(code)}" data-value="{escape(label)}">'
            f"<title>{escape(region['name'])}: {escape(label)}</title></path>"
        )
        if link:
            shape = f'<a href="{escape(link(code))}" aria-label="{escape(region["name"])}: {escape(label)}">{shape}</a>'
        body.append(shape)
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" class="choropleth" '
        f'role="img" aria-labelledby="map{n}t map{n}d" preserveAspectRatio="xMidYMid meet">'
        f'<title id="map{n}t">{escape(title)}</title>'
        f'<desc id="map{n}d">{escape(_("Peta; angka lengkap ada pada tabel di bawah peta."))}</desc>'
        f"{''.join(body)}</svg>"
    )
    legend = _legend(breaks, legend_title, n)
    table = _table(
        regions, values, title=title, region_label=region_label, legend_title=legend_title, link=link
    )
    return mark_safe(f'<figure class="map">{svg}{legend}{table}</figure>')  # noqa: S308 - escaped above


def _legend(breaks, legend_title, n) -> str:
    items = []
    lower = None
    for i, upper in enumerate(breaks):
        colour = _colour(upper, breaks)
        text = _fmt(upper) if lower is None or lower == upper else f"{_fmt(lower)}–{_fmt(upper)}"
        items.append(
            f'<li><svg viewBox="0 0 14 14" width="14" height="14" aria-hidden="true">'
            f'<rect width="14" height="14" fill="{colour}"/></svg> {escape(text)}</li>'
        )
        lower = upper + 1 if isinstance(upper, int) else upper
        del i
    items.append(
        f'<li><svg viewBox="0 0 14 14" width="14" height="14" aria-hidden="true"><rect width="14" height="14" '
        f'fill="url(#hatch{n})"/></svg> {escape(_("disembunyikan (jumlah terlalu kecil)"))}</li>'
    )
    items.append(
        f'<li><svg viewBox="0 0 14 14" width="14" height="14" aria-hidden="true"><rect width="14" height="14" '
        f'fill="{NO_DATA}" stroke="{SUPPRESSED}"/></svg> {escape(_("tidak ada data"))}</li>'
    )
    return f'<figcaption><span class="legend-title">{escape(legend_title)}</span><ul class="legend">{"".join(items)}</ul></figcaption>'


def _table(regions, values, *, title, region_label, legend_title, link) -> str:
    rows = []
    for code, region in regions.items():
        if code not in values:
            continue
        value = values[code]
        name = escape(region["name"])
        if link:
            name = format_html('<a href="{}">{}</a>', link(code), region["name"])
        cell = escape(_("disembunyikan")) if value is None else _fmt(value)
        rows.append(
            f'<tr data-code="{escape(code)}"><th scope="row">{name}</th><td class="num">{cell}</td></tr>'
        )
    return (
        f'<details class="map-table"><summary>{escape(_("Tabel data peta"))}</summary><div class="table-wrap"><table>'
        f'<caption>{escape(title)}</caption><thead><tr><th scope="col">{escape(region_label)}</th>'
        f'<th scope="col">{escape(legend_title)}</th></tr></thead><tbody>{"".join(rows)}</tbody></table></div></details>'
    )


def province_choropleth(
    values: dict, *, legend_title: str = "", link: Callable[[str], str] | None = None, title: str = ""
) -> str:
    """The 38 provinces coloured by `values` (province code → number | None when suppressed)."""
    legend_title = legend_title or _("Jumlah")
    return choropleth(
        province_shapes(),
        values,
        title=title or legend_title,
        legend_title=legend_title,
        link=link,
        region_label=_("Provinsi"),
    )


def regency_choropleth(
    province_code: str,
    values: dict,
    *,
    legend_title: str,
    link: Callable[[str], str] | None = None,
    title: str = "",
) -> str:
    """The kabupaten/kota of one province (regency code in dotted form, e.g. "73.71")."""
    return choropleth(
        regency_shapes(province_code),
        values,
        title=title or legend_title,
        legend_title=legend_title,
        link=link,
        region_label=_("Kabupaten/kota"),
    )
