"""The shipped geography data: shapes, representative points, regions, and the public helpers."""

from __future__ import annotations

import itertools
import json
import math

import pytest
import shapely
from shapely.geometry import Point, shape
from shapely.prepared import prep

from geo import country_name, country_shapes_path, great_circle
from geo.lexicon import countries, divisions, more_divisions, regions
from geo.names import fold

SHAPES = {f["properties"]["iso_a2"]: shape(f["geometry"])
          for f in json.loads(country_shapes_path().read_text())["features"]}


def test_country_shapes_are_small_enough_for_the_browser() -> None:
    assert country_shapes_path().stat().st_size < 400_000


def test_every_shape_has_iso_codes_and_a_name() -> None:
    for feature in json.loads(country_shapes_path().read_text())["features"]:
        props = feature["properties"]
        assert len(props["iso_a2"]) == 2 and len(props["iso_a3"]) == 3 and props["name"]


@pytest.mark.parametrize("code", sorted(c for c in countries() if c in SHAPES))
def test_representative_point_lies_inside_its_country(code: str) -> None:
    country = countries()[code]
    assert country.lat is not None and country.lon is not None
    assert SHAPES[code].buffer(0.05).contains(Point(country.lon, country.lat))


@pytest.mark.parametrize(("code", "lat_range", "lon_range"), [
    ("US", (25, 49), (-125, -67)),   # the lower 48, not Alaska
    ("NO", (58, 71), (4, 31)),       # the mainland, not Svalbard
    ("FR", (42, 51), (-5, 8)),       # metropolitan France, not French Guiana
])
def test_representative_point_is_on_the_mainland(code: str, lat_range: tuple[float, float],
                                                  lon_range: tuple[float, float]) -> None:
    country = countries()[code]
    assert country.lat is not None and country.lon is not None
    assert lat_range[0] <= country.lat <= lat_range[1] and lon_range[0] <= country.lon <= lon_range[1]


def test_crimea_is_drawn_inside_ukraine() -> None:
    assert SHAPES["UA"].contains(Point(34.4, 45.3))
    assert not SHAPES["RU"].contains(Point(34.4, 45.3))


def test_region_points_lie_in_or_just_off_their_country() -> None:
    # Small islands (Snake Island) are missing from 1:50m shapes, so allow half a degree of sea.
    for region in regions():
        if region.country and region.country in SHAPES:  # Svalbard has no shape of its own
            assert SHAPES[region.country].distance(Point(region.lon, region.lat)) < 0.5, region.name


def test_division_points_lie_inside_their_country() -> None:
    for division in divisions():
        assert SHAPES[division.country].buffer(0.3).contains(Point(division.lon, division.lat)), division.name


def test_country_name_reads_both_code_lengths() -> None:
    assert country_name("PL") == "Poland"
    assert country_name("deu") == "Germany"
    assert country_name("ZZ") is None


def test_great_circle_starts_and_ends_on_its_points_and_bows_north() -> None:
    path = great_circle((-79.0, 35.1), (11.8, 49.6), n=32)
    assert len(path) == 33 and path[0] == (-79.0, 35.1) and path[-1] == (11.8, 49.6)
    assert max(lat for _, lat in path) > 49.6  # the great circle from the US to Europe arcs north
    assert shapely.LineString(path).is_valid


def test_great_circle_across_the_antimeridian_does_not_jump() -> None:
    path = great_circle((170.0, 0.0), (-170.0, 0.0), n=8)
    assert all(abs(b[0] - a[0]) < 10 for a, b in itertools.pairwise(path))
    assert math.isclose(path[4][1], 0.0, abs_tol=1e-9)


def test_every_country_s_division_points_lie_inside_it() -> None:
    # What the 1:50m shapes leave out lies off them: islands (the Bahamas' outer cays, American Samoa's
    # Manu'a), exclaves (Melilla) and Somaliland's regions. Anything more means a wrong point.
    table = more_divisions()
    widened = {code: prep(shape.buffer(0.5)) for code, shape in SHAPES.items()}
    outside = [d.name for d in map(table.division, range(len(table.rows)))
               if d.country in widened and not widened[d.country].contains(Point(d.lon, d.lat))]
    assert len(outside) <= len(table.rows) // 100, outside


def test_the_division_table_files_every_division_under_its_own_name() -> None:
    table = more_divisions()
    for index in range(0, len(table.rows), 97):
        d = table.division(index)
        assert index in table.by_key[fold(d.name).removeprefix("the ")], d.name
