"""The static map: what it draws (pure), golden PNGs compared with a tolerance, SVG text and escaping.

Golden images: ``tests/baseline/*.png``, rendered from ``tests/fixtures/seed_document.json`` (a frozen
extraction of the seeds, so extractor changes don't move the pictures). Regenerate them after an intended
change with ``TROOPS_REGENERATE_BASELINES=1 .venv/bin/python -m pytest tests/test_export_static_map.py``,
then look at them before committing.
"""

from __future__ import annotations

import io
import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from matplotlib.testing.compare import compare_images
from PIL import Image

from dashboard.static_map import Frame, MapText, drawing, map_text, parse_size, render
from extraction.flows import reconcile
from extraction.model import Document
from tests.builders import claim, country, nowhere, site

HERE = Path(__file__).parent
BASELINES = HERE / "baseline"
SEED_DOCUMENT = HERE / "fixtures" / "seed_document.json"
REGENERATE = os.environ.get("TROOPS_REGENERATE_BASELINES") == "1"
TOLERANCE = 2.0  # RMS over 0-255 grey levels, as geopandas' plotting tests use
FORT_BRAGG = site("Fort Bragg, North Carolina", "US", 35.14, -79.0)


def seed_document() -> Document:
    return Document.from_dict(json.loads(SEED_DOCUMENT.read_text(encoding="utf-8")))


def check_golden(name: str, png: bytes, tmp_path: Path) -> None:
    baseline = BASELINES / f"{name}.png"
    if REGENERATE or not baseline.exists():
        if not REGENERATE:
            pytest.fail(f"no baseline {baseline}; run with TROOPS_REGENERATE_BASELINES=1 to create it")
        BASELINES.mkdir(exist_ok=True)
        baseline.write_bytes(png)
        pytest.skip(f"regenerated {baseline}")
    actual = tmp_path / f"{name}.png"
    actual.write_bytes(png)
    result = compare_images(str(baseline), str(actual), tol=TOLERANCE)
    assert result is None, result


def test_golden_all_sources(tmp_path: Path) -> None:
    document = seed_document()
    reconciliation = reconcile(document.claims, [s.id for s in document.sources])
    png = render(reconciliation, map_text(reconciliation, document.sources), Frame(1200, 675))
    check_golden("seeds_all_1200x675", png, tmp_path)


def test_golden_single_source(tmp_path: Path) -> None:
    document = seed_document()
    reconciliation = reconcile(document.claims, ["000_d006306aaf21b2e6"])
    png = render(reconciliation, map_text(reconciliation, document.sources), Frame(1080, 1080))
    check_golden("seeds_cnn_1080x1080", png, tmp_path)


@pytest.mark.parametrize(("size", "dpi", "pixels"), [
    ((1920, 1080), 100, (1920, 1080)),
    ((1080, 1080), 100, (1080, 1080)),
    ((1200, 675), 100, (1200, 675)),
    ((1200, 675), 300, (3600, 2025)),
])
def test_png_has_the_requested_pixels(size: tuple[int, int], dpi: int, pixels: tuple[int, int]) -> None:
    reconciliation = reconcile([claim(to=(country("PL"),), origin=FORT_BRAGG)], ["s1"])
    png = render(reconciliation, MapText("t", "", "Sources: s1"), Frame(*size, dpi=dpi))
    with Image.open(io.BytesIO(png)) as image:
        assert image.size == pixels
        if dpi == 300:
            assert round(image.info["dpi"][0]) == 300


def test_svg_is_xml_with_title_and_credit_as_text() -> None:
    document = seed_document()
    reconciliation = reconcile(document.claims, [s.id for s in document.sources])
    text = map_text(reconciliation, document.sources, title="Troops to Europe")
    svg = render(reconciliation, text, Frame(1200, 675), "svg")
    root = ET.fromstring(svg)
    words = " ".join(t for t in root.itertext())
    assert "Troops to Europe" in words
    assert "Sources: CNN en Español, 2 Feb 2022; CNN, 2 Feb 2022" in words
    assert "GeoNames (CC BY 4.0)" in words


def test_hostile_title_and_quote_are_escaped_in_svg() -> None:
    evil = "<script>alert(1)</script>"
    reconciliation = reconcile([claim(to=(country("PL"),), origin=FORT_BRAGG, quote=evil, count_text=evil)], ["s1"])
    svg = render(reconciliation, MapText(evil, evil, f"Sources: {evil}"), Frame(1200, 675), "svg")
    assert b"<script" not in svg
    assert b"&lt;script&gt;" in svg
    ET.fromstring(svg)  # still well-formed


def test_combined_claim_is_one_label_and_pale_arcs() -> None:
    combined = claim(count=2000, to=(country("PL"), country("DE")), origin=country("US"))
    items = drawing(reconcile([combined], ["s1"]))
    assert [label for _, label in items.combined_labels] == ["2,000 combined\nPoland and Germany"]
    assert len(items.arcs) == 2 and all(a.combined for a in items.arcs)
    assert not [m for m in items.marks if m.kind == "destination"]  # no per-country "2,000" label


def test_unresolved_places_are_never_drawn() -> None:
    items = drawing(reconcile([claim(to=(nowhere("Zzyzx"),), origin=FORT_BRAGG)], ["s1"]))
    assert not items.arcs
    assert all(m.place.resolved for m in items.marks)
    assert "Zzyzx" not in " ".join(m.label for m in items.marks)


def test_negated_claim_is_a_ruled_out_mark_not_a_flow() -> None:
    items = drawing(reconcile([claim(count=None, to=(country("UA"),), negated=True)], ["s1"]))
    assert not items.arcs
    assert [(m.kind, m.label) for m in items.marks] == [("ruled_out", "US forces: not to Ukraine")]


def test_transatlantic_flow_keeps_both_ends_in_the_picture() -> None:
    reconciliation = reconcile([claim(count=1700, to=(country("PL"),), origin=FORT_BRAGG)], ["s1"])
    svg = render(reconciliation, MapText("t", "", "c"), Frame(1200, 675), "svg")
    words = " ".join(ET.fromstring(svg).itertext())
    assert "Fort Bragg, North Carolina" in words and "Poland" in words


def test_sources_that_differ_say_so_on_the_picture_too() -> None:
    claims = [claim("s1", 1700, (country("PL"),), FORT_BRAGG), claim("s2", 2000, (country("PL"),), FORT_BRAGG)]
    (poland,) = [m for m in drawing(reconcile(claims, ["s1", "s2"])).marks if m.kind == "destination"]
    assert poland.label == "Poland\n1,700–2,000 ⚑ from Fort Bragg"


def test_troops_leaving_with_no_destination_are_marked_where_they_leave() -> None:
    niger = site("Niamey", "NE", 13.5, 2.1)
    items = drawing(reconcile([claim(count=1000, origin=niger, kind="withdraw")], ["s1"]))
    assert [(m.kind, m.label) for m in items.marks] == [
        ("destination", "Niamey: 1,000 (withdraw, no destination stated)")]


def test_countries_around_the_flows_are_named_on_the_picture() -> None:
    reconciliation = reconcile([claim(count=1000, to=(country("RO"),), origin=country("DE"))], ["s1"])
    svg = render(reconciliation, MapText("t", "", "c"), Frame(1200, 675), "svg")
    words = set(" ".join(ET.fromstring(svg).itertext()).split())
    assert {"Austria", "Hungary", "Poland"} & words  # neighbours of the countries the flow touches
    assert not {"Spain", "Australia", "Canada"} & words  # not the rest of the world


def test_the_legend_moves_to_a_corner_free_of_marks() -> None:
    from matplotlib.transforms import Bbox

    from dashboard.static_map import _free_corner

    axes = Bbox.from_extents(0, 0, 1000, 600)
    assert _free_corner(axes, 300, 200, [(500, 300)]) == "lower left"  # the usual corner while it is free
    assert _free_corner(axes, 300, 200, [(50, 50), (950, 50)]) == "upper left"


def test_alert_and_buildup_marks() -> None:
    claims = [claim(count=8500, kind="alert"), claim(count=100000, kind="buildup", force="RU", to=(country("UA"),))]
    kinds = {m.kind: m.label for m in drawing(reconcile(claims, ["s1"])).marks}
    assert kinds["alert"] == "US: 8,500 on alert"
    assert kinds["buildup"] == "RU buildup: 100,000\nUkraine"


@pytest.mark.parametrize("text", ["12x", "axb", "1920", "10x10", "99999x1080"])
def test_bad_sizes_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_size(text)


def test_sizes_parse() -> None:
    assert parse_size("1920x1080") == (1920, 1080)
    assert parse_size("1080×1080") == (1080, 1080)


def test_a_city_and_its_country_are_two_marks_each_with_its_own_figures() -> None:
    rzeszow = site("Rzeszów", "PL", 50.04, 22.0)
    claims = [claim(count=100, to=(rzeszow,), origin=country("DE")), claim(count=None, to=(country("PL"),))]
    marks = {m.place.name: m.label for m in drawing(reconcile(claims, ["s1"])).marks if m.kind == "destination"}
    assert marks == {"Rzeszów": "Rzeszów\n100 from Germany", "Poland": "Poland\ntroops (origin not stated)"}
