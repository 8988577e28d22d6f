"""Score the resolver on the public toponym corpora, context-free and with each article's places.

    .venv/bin/python -m tests.evaluate_geo ../shared/external/geo/cases.jsonl

The case file (``../shared/external/geo/README.md``: LGL, TR-News, GeoVirus; toponyms, gold points and
document ids, no article text) is read where it lies, never copied into the project. Each toponym is
resolved as asked for by name (``running_text=False``, as ``python -m geo`` does): once by itself, then
with the other places of its document (:func:`geo.resolver.resolve_in_article`). The figure is
Acc@161 with country credit (``+ctry`` in the shared scorer): a country answer counts as right when the
gold point lies inside that country's shape.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from shapely import prepare
from shapely.geometry import Point, shape

from geo import country_shapes_path
from geo.place import Place
from geo.resolver import resolve, resolve_in_article

ACC_KM = 161.0


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in km between two (lat, lon) points."""
    lat1, lon1, lat2, lon2 = (math.radians(v) for v in (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(min(1.0, h)))


def load_shapes() -> dict[str, Any]:
    """Prepared country shapes by ISO alpha-2, for the country credit."""
    out = {}
    for f in json.loads(Path(country_shapes_path()).read_text(encoding="utf-8"))["features"]:
        geometry = shape(f["geometry"])
        prepare(geometry)
        out[f["properties"]["iso_a2"]] = geometry
    return out


def right(case: dict[str, Any], place: Place, shapes: dict[str, Any]) -> bool:
    """Within 161 km of the gold point, or a country answer whose shape holds it."""
    if not place.resolved or place.lat is None or place.lon is None:
        return False
    if km((case["lat"], case["lon"]), (place.lat, place.lon)) < ACC_KM:
        return True
    shape_of = shapes.get(place.country_code or "")
    return (place.precision == "country" and case["feature"] in ("country", "unmarked") and shape_of is not None
            and bool(shape_of.contains(Point(case["lon"], case["lat"]))))


def resolve_documents(cases: list[dict[str, Any]]) -> tuple[dict[str, Place], dict[str, Place]]:
    """Each case's place, by itself and with its document's other places (keyed by case id)."""
    alone: dict[str, Place] = {}
    together: dict[str, Place] = {}
    by_doc: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for case in cases:
        by_doc[(case["dataset"], case["doc"])].append(case)
    for doc_cases in by_doc.values():
        first = {c["toponym"]: resolve(c["toponym"], running_text=False) for c in doc_cases}
        for case in doc_cases:
            alone[case["id"]] = first[case["toponym"]]
            others = [p for name, p in first.items() if name != case["toponym"]]
            together[case["id"]] = resolve_in_article(case["toponym"], others, running_text=False)
    return alone, together


def figures(cases: list[dict[str, Any]], places: dict[str, Place], shapes: dict[str, Any]) -> dict[str, float]:
    """Coverage and Acc@161 (+ctry) per dataset."""
    out: dict[str, float] = {}
    by_set: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for case in cases:
        by_set[case["dataset"]].append(case)
    for name, rows in sorted(by_set.items()):
        out[f"{name} coverage"] = sum(places[c["id"]].resolved for c in rows) / len(rows)
        out[f"{name} acc161"] = sum(right(c, places[c["id"]], shapes) for c in rows) / len(rows)
    return out


def main(argv: list[str] | None = None, out: Callable[[str], None] = print) -> int:
    """Print the context-free and the with-context figures of every dataset in the case file."""
    parser = argparse.ArgumentParser(prog="python -m tests.evaluate_geo", description=__doc__)
    parser.add_argument("cases", type=Path, help="cases.jsonl (one toponym mention a line)")
    args = parser.parse_args(argv)
    cases = [json.loads(line) for line in args.cases.read_text(encoding="utf-8").splitlines() if line.strip()]
    shapes = load_shapes()
    alone, together = resolve_documents(cases)
    free, with_context = figures(cases, alone, shapes), figures(cases, together, shapes)
    out(f"{'':22} {'context-free':>12} {'with context':>12}")
    for key in free:
        out(f"{key:22} {100 * free[key]:>11.1f}% {100 * with_context[key]:>11.1f}%")
    return 0


if __name__ == "__main__":
    sys.exit(main())
