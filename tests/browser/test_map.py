"""The dashboard in a real headless Chromium: the map paints, an arc click shows quotes, nothing leaves localhost."""

from __future__ import annotations

import io
import json

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.deck import ARCS, screen_xy
from tests.browser.conftest import ARTIFACTS, ROOT, Session

SOURCE = "000_d006306aaf21b2e6"

pytestmark = pytest.mark.browser


def _non_blank_fraction(png: bytes) -> float:
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    pixels = list(image.get_flattened_data()) if hasattr(image, "get_flattened_data") else list(image.getdata())
    background = max(set(pixels[:: max(1, len(pixels) // 2000)]), key=pixels.count)
    return sum(1 for p in pixels[::7] if p != background) / len(pixels[::7])


def test_map_paints_without_leaving_localhost(session: Session) -> None:
    session.open()
    session.page.screenshot(path=str(ARTIFACTS / "dashboard_full.png"), full_page=True)
    png = session.page.locator("[data-testid='stDeckGlJsonChart']").first.screenshot(
        path=str(ARTIFACTS / "dashboard_map.png")
    )
    assert _non_blank_fraction(png) > 0.2, "the map canvas is (nearly) blank"
    assert session.outside_requests() == []


def _screen(lon: float, lat: float, view: dict[str, float], box: dict[str, float]) -> tuple[float, float]:
    """Where deck.gl's MapView (pitch 0) draws ``lon``, ``lat`` in the canvas ``box`` opened on ``view``."""
    x, y = screen_xy(lon, lat, view["zoom"])
    cx, cy = screen_xy(view["longitude"], view["latitude"], view["zoom"])
    return box["x"] + box["width"] / 2 + (x - cx), box["y"] + box["height"] / 2 + (y - cy)


def test_clicking_an_arc_shows_its_attribution(session: Session) -> None:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.query_params.update({"view": "one", "sources": SOURCE})
    at.run()
    spec = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    (arcs,) = [layer["data"] for layer in spec["layers"] if layer["id"] == ARCS]
    arc = max(arcs, key=lambda a: a["width"])  # the widest short (non-great-circle) arc: straight from above

    session.open(f"?view=one&sources={SOURCE}")
    box = session.page.locator("[data-testid='stDeckGlJsonChart'] canvas").first.bounding_box()
    assert box is not None
    clicked = False
    for t in (0.8, 0.7, 0.9, 0.6, 0.5):
        lon = arc["from"][0] + t * (arc["to"][0] - arc["from"][0])
        lat = arc["from"][1] + t * (arc["to"][1] - arc["from"][1])
        x, y = _screen(lon, lat, spec["initialViewState"], box)
        session.page.mouse.click(x, y)
        session.page.wait_for_timeout(500)
        session.wait_ready()
        if session.page.locator("[data-testid='stSidebar'] .quote").count() > 0:
            clicked = True
            break
    session.page.screenshot(path=str(ARTIFACTS / "dashboard_selected.png"), full_page=True)
    assert clicked, f"clicking along {arc['tooltip']} selected nothing"
    assert f"movement={arc['movement_id']}" in session.page.url
    sidebar = session.page.locator("[data-testid='stSidebar']").inner_text()
    assert arc["tooltip"].split(":")[0] in sidebar
    assert session.page.locator("[data-testid='stSidebar'] blockquote mark").count() > 0
    assert session.outside_requests() == [], json.dumps(session.outside_requests())
