"""The map at the window sizes a briefing uses: labels apart, presentation frames, every mark clickable, any region.

Label boxes are computed on screen the way deck.gl draws them: the deck spec the server sent (read through
AppTest, the same code the page ran), projected into the canvas the browser actually laid out.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.deck import ALERTS, BUILDUPS, DESTINATION_MARKERS, LABELS, RULED_OUT
from dashboard.labels import overlap
from tests.browser.conftest import ARTIFACTS, ROOT, Session, start_server, stop_server
from tests.browser.test_map import _non_blank_fraction
from tests.label_boxes import label_boxes, projector

pytestmark = pytest.mark.browser

WINDOWS = [(1366, 768), (1920, 1080), (1080, 1080)]
DEV_CORPUS = ROOT.parent / "shared" / "dev" / "corpus"
OUTSIDE_EUROPE = ["34_ap_kabul_3000_kuwait_qatar.txt", "44_stripes_darwin_mrfd_2500.txt",
                  "39_reuters_niger_air_base_101.txt", "47_kbs_nk_special_forces_vladivostok.txt"]
LAND = (236, 233, 226)  # the basemap's fill


def _spec(query: dict[str, str] | None = None) -> dict[str, Any]:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.query_params.update(query or {})
    at.run()
    return json.loads(at.get("deck_gl_json_chart")[0].proto.json)  # type: ignore[no-any-return]


def _open(session: Session, size: tuple[int, int], query: str = "") -> dict[str, float]:
    session.page.set_viewport_size({"width": size[0], "height": size[1]})
    session.open(query)
    box = session.page.locator("[data-testid='stDeckGlJsonChart'] canvas").first.bounding_box()
    assert box is not None
    return box  # type: ignore[no-any-return]


@pytest.mark.parametrize("size", WINDOWS, ids=[f"{w}x{h}" for w, h in WINDOWS])
def test_labels_are_apart_and_name_their_place_at_every_window_size(session: Session, size: tuple[int, int]) -> None:
    spec = _spec()
    box = _open(session, size)
    session.page.screenshot(path=str(ARTIFACTS / f"map_{size[0]}x{size[1]}.png"))
    texts, marks = label_boxes(spec, box)
    canvas = (box["x"], box["y"], box["x"] + box["width"], box["y"] + box["height"])
    for n, (text, label) in enumerate(texts):
        for other, other_box in texts[n + 1:]:
            assert overlap(label, other_box) == 0, f"{text!r} overlaps {other!r} at {size}"
        assert all(overlap(label, mark) < 2 for mark in marks), f"{text!r} covers a mark at {size}"
    at = projector(spec, box)
    rows = next(layer for layer in spec["layers"] if layer["id"] == LABELS)["data"]
    places = {row["text"]: at(row["position"]) for row in rows}
    shown = {text for text, (x, y) in places.items() if canvas[0] <= x <= canvas[2] and canvas[1] <= y <= canvas[3]}
    for text, label in texts:
        if text in shown:  # a label whose place is on screen is wholly on screen
            assert overlap(label, canvas) == pytest.approx((label[2] - label[0]) * (label[3] - label[1])), text
    figures = [text for text in shown if any(ch.isdigit() for ch in text.split("\n")[0])]
    for place in ("Poland", "Germany", "Romania"):
        assert any(text.startswith(f"{place} ") for text in figures), f"no label names {place}: {figures}"


@pytest.mark.parametrize(("aspect", "size"), [("16x9", (1920, 1080)), ("1x1", (1080, 1080))])
def test_presentation_frame_is_mostly_map_with_the_credit_inside(
    session: Session, aspect: str, size: tuple[int, int]
) -> None:
    box = _open(session, size, f"?present={aspect}")
    session.page.screenshot(path=str(ARTIFACTS / f"present_{aspect}.png"))
    assert box["width"] * box["height"] >= 0.7 * size[0] * size[1], box
    credit = session.page.get_by_text("Sources:", exact=False).first.bounding_box()
    attribution = session.page.get_by_text("GeoNames", exact=False).first.bounding_box()
    legend = session.page.get_by_text("ruled out by the article", exact=False).first.bounding_box()
    for name, element in (("credit line", credit), ("data attribution", attribution), ("legend", legend)):
        assert element is not None and element["y"] + element["height"] <= size[1], f"the {name} is below the frame"
        assert element["y"] >= box["y"] + box["height"] - 1, f"the {name} is over the map"


def _click_mark(session: Session, spec: dict[str, Any], layer_id: str, obj: dict[str, Any], box: dict[str, float],
                dx: float = 0.0) -> bool:
    at = projector(spec, box)
    x, y = at(obj["position"])
    session.page.mouse.move(x + dx, y)  # deck.gl picks what is under the pointer on hover, then the click uses it
    # Until deck.gl shows the mark's tooltip: the first pick builds the picking programs, which in software WebGL
    # on a busy machine can take longer than any fixed wait.
    session.page.wait_for_function(
        "() => [...document.querySelectorAll('.deck-tooltip')].some(t => t.style.display !== 'none' && t.innerText)",
        timeout=15_000)
    session.page.mouse.click(x + dx, y)
    session.page.wait_for_timeout(500)
    session.wait_ready()
    return session.page.locator("[data-testid='stSidebar'] .quote").count() > 0


@pytest.mark.parametrize("layer_id", [ALERTS, BUILDUPS, RULED_OUT, DESTINATION_MARKERS])
def test_every_mark_type_opens_its_quotes(session: Session, layer_id: str) -> None:
    query = {"frame": "origins"} if layer_id == ALERTS else {}  # the alert ring is at home, in the United States
    spec = _spec(query)
    layers = {layer["id"]: layer for layer in spec["layers"]}
    crosses = [r["position"] for r in layers[RULED_OUT]["data"]]
    box = _open(session, (1366, 768), "?frame=origins" if query else "")
    at = projector(spec, box)
    right, bottom = box["x"] + box["width"] - 30, min(box["y"] + box["height"], 768) - 30
    on_screen = [r for r in layers[layer_id]["data"]
                 if box["x"] + 30 < at(r["position"])[0] < right and box["y"] + 30 < at(r["position"])[1] < bottom]
    assert on_screen, f"no {layer_id} mark is on screen"
    # The mark farthest from every ✕ (a ✕ is drawn over the disc it sits in, and takes the click there).
    obj = max(on_screen, key=lambda r: min(
        (abs(r["position"][0] - c[0]) + abs(r["position"][1] - c[1]) for c in crosses), default=0))
    # A ring is clicked on its western edge, away from the arcs that leave its middle.
    clicked = _click_mark(session, spec, layer_id, obj, box, dx=-16 if layer_id == ALERTS else 0)
    session.page.screenshot(path=str(ARTIFACTS / f"clicked_{layer_id}.png"))
    assert clicked, f"clicking {obj['tooltip']} opened no quotes"
    here = {r["movement_id"] for r in layers[layer_id]["data"] if r["position"] == obj["position"]}
    assert any(f"movement={movement}" in session.page.url for movement in here)  # the top one of those drawn here


@pytest.fixture(scope="module")
def outside_europe(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    missing = [name for name in OUTSIDE_EUROPE if not (DEV_CORPUS / name).exists()]
    if missing:
        pytest.skip(f"the dev set is not beside the repository ({DEV_CORPUS}): {missing}")
    folder = tmp_path_factory.mktemp("outside_europe")
    for name in OUTSIDE_EUROPE:
        shutil.copy(DEV_CORPUS / name, folder / name)
    proc, url = start_server({"TROOPS_ARTICLES": str(folder), "TROOPMAP_DB": str(folder / "store.sqlite3")})
    try:
        yield url, folder
    finally:
        stop_server(proc)


def test_articles_about_asia_africa_and_the_middle_east_draw_on_land(
    browser: Any, outside_europe: tuple[str, Path]
) -> None:
    url, _ = outside_europe
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    try:
        page = context.new_page()
        session = Session(page, url)
        page.on("websocket", lambda ws: session.websockets.append(ws))
        session.open()
        png = page.locator("[data-testid='stDeckGlJsonChart']").first.screenshot(
            path=str(ARTIFACTS / "map_outside_europe.png"))
    finally:
        context.close()
    from io import BytesIO

    from PIL import Image

    image = Image.open(BytesIO(png)).convert("RGB")
    pixels = list(image.get_flattened_data()) if hasattr(image, "get_flattened_data") else list(image.getdata())
    land = sum(1 for p in pixels[::5] if all(abs(a - b) <= 3 for a, b in zip(p, LAND, strict=True)))
    assert land / len(pixels[::5]) > 0.15, "the map around these stories is blank, not land"
    assert _non_blank_fraction(png) > 0.2
