"""Build the compact SVG paths of the choropleth maps from the region GeoJSON committed in the repository.

    python scripts/build_map_paths.py            # writes pantas/insights/data/map_paths.json

Pure Python (no GIS libraries): an equirectangular projection scaled by cos(latitude) of the map's centre,
Douglas–Peucker simplification in screen units, tiny islands dropped (each region keeps at least its largest
ring). The output is committed; the application reads only that file, never the GeoJSON or ../shared.
Re-run it when the boundary files change (ADR 0075).
"""

import json
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROVINCES = ROOT / "pantas/static/pantas/geo/provinces.geojson"
REGENCIES = ROOT / "pantas/registry/data/regions/regencies.geojson"
OUTPUT = ROOT / "pantas/insights/data/map_paths.json"

NATIONAL_WIDTH = 1000  # viewBox width of the national map; heights follow the geography
PROVINCE_WIDTH = 600  # viewBox width of a province's regency map
TOLERANCE = 0.6  # Douglas–Peucker tolerance in viewBox units (national map)
REGENCY_TOLERANCE = 1.2  # coarser for the drill-down maps, which hold 514 regions in all
MIN_AREA = 1.5  # rings smaller than this (viewBox units²) are dropped, except each region's largest


def _rings(geometry):
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    for polygon in polygons:
        yield from polygon


class Projection:
    def __init__(self, features, width, max_height=None, margin=4):
        xs, ys = [], []
        for f in features:
            for ring in _rings(f["geometry"]):
                xs.extend(p[0] for p in ring)
                ys.extend(p[1] for p in ring)
        self.lon0, self.lat1 = min(xs), max(ys)
        self.kx = math.cos(math.radians((min(ys) + max(ys)) / 2))
        span = max((max(xs) - min(xs)) * self.kx, 1e-9)
        self.scale = (width - 2 * margin) / span
        if max_height and (max(ys) - min(ys)) * self.scale + 2 * margin > max_height:
            self.scale = (max_height - 2 * margin) / (max(ys) - min(ys))
            width = math.ceil(span * self.scale + 2 * margin)
        self.margin = margin
        self.width = width
        self.height = math.ceil((max(ys) - min(ys)) * self.scale + 2 * margin)

    def __call__(self, lon, lat):
        return (
            self.margin + (lon - self.lon0) * self.kx * self.scale,
            self.margin + (self.lat1 - lat) * self.scale,
        )


def _distance(p, a, b):
    (x, y), (x1, y1), (x2, y2) = p, a, b
    dx, dy = x2 - x1, y2 - y1
    if dx == dy == 0:
        return math.hypot(x - x1, y - y1)
    t = max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)))
    return math.hypot(x - x1 - t * dx, y - y1 - t * dy)


def douglas_peucker(points, tolerance):
    """Iterative Douglas–Peucker (no recursion limit on long coastlines)."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        index, worst = None, tolerance
        for i in range(first + 1, last):
            d = _distance(points[i], points[first], points[last])
            if d > worst:
                index, worst = i, d
        if index is not None:
            keep[index] = True
            stack.extend([(first, index), (index, last)])
    return [p for p, k in zip(points, keep, strict=True) if k]


def _area(points):
    return (
        abs(
            sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1], strict=True))
        )
        / 2
    )


def _fmt(v):
    return f"{v:.1f}".rstrip("0").rstrip(".")


def region_path(geometry, project, tolerance=TOLERANCE):
    rings = []
    for ring in _rings(geometry):
        pts = [project(lon, lat) for lon, lat in ring]
        # A closed ring: simplify the open polyline, the closing segment is implicit in "Z".
        simple = douglas_peucker(pts[:-1] if pts[0] == pts[-1] else pts, tolerance)
        rings.append((_area(simple), simple))
    largest = max(range(len(rings)), key=lambda i: rings[i][0])
    parts = []
    for i, (area, pts) in enumerate(rings):
        if len(pts) < 3 or (area < MIN_AREA and i != largest):
            continue
        head, *tail = pts
        parts.append(
            f"M{_fmt(head[0])} {_fmt(head[1])}L" + " ".join(f"{_fmt(x)} {_fmt(y)}" for x, y in tail) + "Z"
        )
    return "".join(parts)


def _centroid(path_rings_source, project):
    # Label anchor: centre of the bounding box of the largest ring (good enough for a dot on small screens).
    best = max(
        ([project(lon, lat) for lon, lat in ring] for ring in _rings(path_rings_source)),
        key=_area,
    )
    xs, ys = [p[0] for p in best], [p[1] for p in best]
    return [round((min(xs) + max(xs)) / 2, 1), round((min(ys) + max(ys)) / 2, 1)]


def build():
    provinces = json.loads(PROVINCES.read_text(encoding="utf-8"))["features"]
    regencies = json.loads(REGENCIES.read_text(encoding="utf-8"))["features"]
    national = Projection(provinces, NATIONAL_WIDTH)
    out = {
        "about": "Generated by scripts/build_map_paths.py from the region GeoJSON (provenance: "
        "pantas/registry/data/PROVENANCE.md; boundaries MIT, Copyright (c) 2024 Cahya DSN, cahyadsn/wilayah_boundaries). "
        "Display boundaries, not legal ones.",
        "provinces": {
            "viewbox": [national.width, national.height],
            "regions": {
                f["properties"]["code"]: {
                    "name": f["properties"]["name"],
                    "d": region_path(f["geometry"], national),
                    "c": _centroid(f["geometry"], national),
                }
                for f in sorted(provinces, key=lambda f: f["properties"]["code"])
            },
        },
        "regencies": {},
    }
    by_province = {}
    for f in regencies:
        by_province.setdefault(f["properties"]["province_code"], []).append(f)
    for code, features in sorted(by_province.items()):
        projection = Projection(features, PROVINCE_WIDTH, max_height=PROVINCE_WIDTH)
        out["regencies"][code] = {
            "viewbox": [projection.width, projection.height],
            "regions": {
                f["properties"]["code"]: {
                    "name": f["properties"]["name"],
                    "d": region_path(f["geometry"], projection, REGENCY_TOLERANCE),
                    "c": _centroid(f["geometry"], projection),
                }
                for f in sorted(features, key=lambda f: f["properties"]["code"])
            },
        }
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(json.dumps(out, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    return OUTPUT


if __name__ == "__main__":
    path = build()
    sys.stdout.write(f"wrote {path.relative_to(ROOT)} ({path.stat().st_size // 1024} KB)\n")
