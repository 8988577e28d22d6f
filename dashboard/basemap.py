"""The world basemap and the country names drawn on it: two small committed files, read once.

``data/basemap.geojson`` holds every country (Natural Earth), simplified for a world map and cut at the
antimeridian; ``data/borders.geojson`` holds the coasts and land borders drawn over them, each line once;
``data/country_labels.csv`` holds Natural Earth's label point for each country, the zoom from which Natural Earth
names it, and its neighbours. All three are built by ``data/build/basemap.py``.
"""

from __future__ import annotations

import csv
import itertools
import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parents[1] / "data"
BASEMAP_PATH = DATA / "basemap.geojson"
BORDERS_PATH = DATA / "borders.geojson"
COUNTRY_LABELS_PATH = DATA / "country_labels.csv"


@dataclass(frozen=True)
class CountryLabel:
    """Where Natural Earth writes a country's name.

    Attributes:
        code: ISO 3166-1 alpha-2.
        name: The short name the geocoder uses (``Poland``, ``United States``).
        lon: Natural Earth's label point, inside the main land mass.
        lat: Natural Earth's label point.
        min_zoom: Natural Earth's ``MIN_LABEL``: the smaller, the more prominent the country.
        neighbours: ISO codes of the countries that touch it.
    """

    code: str
    name: str
    lon: float
    lat: float
    min_zoom: float
    neighbours: tuple[str, ...]


@lru_cache(maxsize=2)
def load_basemap(path: str = str(BASEMAP_PATH)) -> dict[str, Any] | None:
    """The world's country shapes as a GeoJSON FeatureCollection.

    Args:
        path: The basemap GeoJSON (default ``data/basemap.geojson``).

    Returns:
        The collection, or ``None`` when the file is missing or unreadable (the map is then drawn without one).
    """
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and isinstance(data.get("features"), list) else None


@lru_cache(maxsize=2)
def border_segments(path: str = str(BORDERS_PATH)) -> list[tuple[float, float, float, float]]:
    """The coasts and land borders as straight segments ``(lon0, lat0, lon1, lat1)``, each drawn once.

    Args:
        path: The borders GeoJSON, one MultiLineString feature (default ``data/borders.geojson``).

    Returns:
        The segments, or an empty list when the file is missing or unreadable (the shapes are then drawn unlined).
    """
    try:
        lines = json.loads(Path(path).read_text(encoding="utf-8"))["geometry"]["coordinates"]
        return [(a[0], a[1], b[0], b[1]) for line in lines for a, b in itertools.pairwise(line)]
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return []


@lru_cache(maxsize=2)
def country_labels(path: str = str(COUNTRY_LABELS_PATH)) -> dict[str, CountryLabel]:
    """Every country's label point by ISO code (empty when the file is missing or unreadable)."""
    try:
        with Path(path).open(encoding="utf-8", newline="") as handle:
            return {row["iso_a2"]: CountryLabel(row["iso_a2"], row["name"], float(row["lon"]), float(row["lat"]),
                                                float(row["min_label"]), tuple(row["neighbours"].split()))
                    for row in csv.DictReader(handle)}
    except (OSError, ValueError, KeyError):
        return {}


def countries_around(codes: Iterable[str], labels: dict[str, CountryLabel]) -> list[CountryLabel]:
    """The countries named by ``codes`` and their neighbours, most prominent first (Natural Earth's rank)."""
    wanted = set(codes)
    wanted |= {n for code in list(wanted) if code in labels for n in labels[code].neighbours}
    return sorted((labels[c] for c in wanted if c in labels), key=lambda c: (c.min_zoom, c.name))
