"""The Streamlit app driven by AppTest on the real extraction of seeds/ (no browser)."""

from __future__ import annotations

import json
import re
import urllib.parse
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.deck import LAYER_IDS, PICKABLE, VISIBLE_PX, screen_xy

APP = str(Path(__file__).resolve().parents[1] / "app.py")
SOURCE_000 = "000_d006306aaf21b2e6"
SOURCE_004 = "004_a374f66bd177442f"


def run(**params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def deck(at: AppTest) -> dict[str, Any]:
    (chart,) = at.get("deck_gl_json_chart")
    return json.loads(chart.proto.json)  # type: ignore[no-any-return]


def flow_figures(at: AppTest, destination: str) -> list[str]:
    """The figures of every drawn flow (arc or marker) that goes only to ``destination``, once per movement."""
    pattern = re.compile(rf"→ {re.escape(destination)}: ([^ ]+) \(")
    found: dict[str, str] = {}  # an arc and the dot at its end are one movement
    for layer in deck(at)["layers"]:
        if layer["id"] in PICKABLE:
            for obj in layer["data"]:
                match = pattern.search(obj["tooltip"])
                if match:
                    found[obj["movement_id"]] = match.group(1)
    return list(found.values())


def labels(at: AppTest) -> list[str]:
    return [d["text"] for layer in deck(at)["layers"] if layer["id"] == "labels" for d in layer["data"]]


def test_deck_has_fixed_layers_and_no_network_basemap() -> None:
    spec = deck(run())
    assert tuple(layer["id"] for layer in spec["layers"]) == LAYER_IDS
    assert spec.get("mapStyle") in (None, "__MAP_STYLE__") and "mapProvider" not in spec
    assert {layer["id"] for layer in spec["layers"] if layer.get("pickable")} == PICKABLE
    (basemap,) = [layer["data"] for layer in spec["layers"] if layer["id"] == "basemap"]  # a data: URL in the page
    assert basemap.startswith("data:application/json,")
    assert json.loads(urllib.parse.unquote(basemap.split(",", 1)[1]))["features"], "the country shapes are drawn"


def test_source_000_view_shows_its_own_poland_figure() -> None:
    at = run(view="one", sources=SOURCE_000)
    assert flow_figures(at, "Poland") == ["1,700"]
    assert "Poland 1,700" in labels(at)


def test_source_004_view_shows_its_own_poland_figure() -> None:
    at = run(view="one", sources=SOURCE_004)
    assert flow_figures(at, "Poland") == ["2,000"]
    assert any(text.startswith("Poland 2,000") for text in labels(at))


def test_switching_source_in_the_sidebar_redraws_with_its_numbers() -> None:
    at = run(view="one", sources=SOURCE_000)
    at.sidebar.selectbox(key="source_one").set_value(SOURCE_004).run()
    assert flow_figures(at, "Poland") == ["2,000"]
    assert at.query_params["sources"] == [SOURCE_004] or at.query_params["sources"] == SOURCE_004


def click_first_arc(at: AppTest) -> dict[str, Any]:
    """Inject the map selection a click on the first pickable object makes; rerun; return the object."""
    layer = next(layer for layer in deck(at)["layers"] if layer["id"] in PICKABLE and layer["data"])
    obj: dict[str, Any] = layer["data"][0]
    at.session_state["map"] = {"selection": {"indices": {layer["id"]: [0]}, "objects": {layer["id"]: [obj]}}}
    at.run()
    assert not at.exception
    return obj


def test_selecting_an_arc_lists_its_quotes() -> None:
    at = run()
    obj = click_first_arc(at)
    quotes = [m.value for m in at.sidebar.markdown if "class='quote'" in m.value]
    assert quotes and all("<blockquote>" in q for q in quotes)
    assert "<mark>" in quotes[0]
    assert at.query_params["movement"] in (obj["movement_id"], [obj["movement_id"]])


def test_each_quote_says_who_is_credited_or_that_no_one_is() -> None:
    at = run()
    picker = at.sidebar.selectbox(key="movement_pick")
    poland = next(i for i, label in enumerate(picker.options) if label.endswith("→ Poland"))
    at = picker.select_index(poland).run()
    quotes = [m.value for m in at.sidebar.markdown if "class='quote'" in m.value]
    credits = [q.split("<small>")[1].split("</small>")[0] for q in quotes]
    assert any(c.endswith("credited to CNN") for c in credits)  # Business Insider's 2,000, per CNN
    assert any(c.endswith("no one credited") for c in credits)  # CNN in Spanish credits no one for its 1,700
    assert not any("credited to no" in c for c in credits)


def test_a_movement_chosen_from_the_list_lists_its_quotes() -> None:
    at = run()
    picker = at.sidebar.selectbox(key="movement_pick")
    assert picker.value == "" and not any("class='quote'" in m.value for m in at.sidebar.markdown)
    poland = next(i for i, label in enumerate(picker.options) if label.endswith("→ Poland"))
    at = picker.select_index(poland).run()
    assert not at.exception
    chosen = at.sidebar.selectbox(key="movement_pick").value
    assert chosen and at.query_params["movement"] in (chosen, [chosen])
    assert any("class='quote'" in m.value for m in at.sidebar.markdown)
    assert any(h.value.endswith("→ Poland") for h in at.sidebar.subheader)
    at = at.sidebar.selectbox(key="movement_pick").select_index(0).run()  # back to "none"
    assert "movement" not in at.query_params
    assert not any("class='quote'" in m.value for m in at.sidebar.markdown)


def test_the_list_follows_an_arc_click() -> None:
    at = run()
    obj = click_first_arc(at)
    assert at.sidebar.selectbox(key="movement_pick").value == obj["movement_id"]


def test_query_params_round_trip() -> None:
    at = run(view="several", sources=f"{SOURCE_004},{SOURCE_000}")
    assert at.sidebar.radio(key="view").value == "several"
    assert at.sidebar.multiselect(key="sources_several").value == [SOURCE_004, SOURCE_000]
    params = {k: at.query_params[k] for k in ("view", "sources")}
    again = run(**{k: v if isinstance(v, str) else v[0] for k, v in params.items()})
    assert deck(again) == deck(at)


def test_a_shared_movement_link_reopens_the_selection() -> None:
    at = run()
    movement = next(obj["movement_id"] for layer in deck(at)["layers"] if layer["id"] in PICKABLE
                    for obj in layer["data"])
    reopened = run(movement=movement)
    assert any("class='quote'" in m.value for m in reopened.sidebar.markdown)


@pytest.mark.parametrize("layer", ["alert-rings", "buildup-marks", "ruled-out-marks", "flow-destination-markers"])
def test_every_mark_opens_its_quotes(layer: str) -> None:
    at = run()
    (obj, *_) = next(lay["data"] for lay in deck(at)["layers"] if lay["id"] == layer)
    at.session_state["map"] = {"selection": {"indices": {layer: [0]}, "objects": {layer: [obj]}}}
    at.run()
    assert at.sidebar.selectbox(key="movement_pick").value == obj["movement_id"]
    quotes = [m.value for m in at.sidebar.markdown if "class='quote'" in m.value]
    assert quotes and all("<blockquote>" in q for q in quotes)


def test_a_ruled_out_link_names_what_is_ruled_out() -> None:
    at = run()
    (cross, *_) = next(lay["data"] for lay in deck(at)["layers"] if lay["id"] == "ruled-out-marks")
    reopened = run(movement=cross["movement_id"])
    assert any("not to" in h.value for h in reopened.sidebar.subheader)
    assert any(m.value.startswith("**no** troops · ruled out") for m in reopened.sidebar.markdown)
    assert any("class='quote'" in m.value for m in reopened.sidebar.markdown)


def test_choosing_a_movement_far_away_brings_it_into_view() -> None:
    at = run()
    alert = next(lay["data"][0] for lay in deck(at)["layers"] if lay["id"] == "alert-rings")  # in the US

    def on_screen(view: dict[str, float]) -> bool:
        x, y = screen_xy(*alert["position"], view["zoom"])
        cx, cy = screen_xy(view["longitude"], view["latitude"], view["zoom"])
        return abs(x - cx) < VISIBLE_PX[0] / 2 and abs(y - cy) < VISIBLE_PX[1] / 2

    assert not on_screen(deck(at)["initialViewState"])  # the map opens on Europe
    assert on_screen(deck(run(movement=alert["movement_id"]))["initialViewState"])


def test_frame_every_origin_is_kept_in_the_link() -> None:
    at = run()
    at.sidebar.toggle(key="every_origin").set_value(True).run()
    assert at.query_params["frame"] in ("origins", ["origins"])
    wide = deck(at)["initialViewState"]
    reopened = run(frame="origins")
    assert reopened.sidebar.toggle(key="every_origin").value is True
    assert deck(reopened)["initialViewState"] == wide
    assert wide["zoom"] < deck(run())["initialViewState"]["zoom"]  # Fort Bragg is on screen too


@pytest.mark.parametrize(
    "params",
    [
        {"view": "bogus"},
        {"view": "one", "sources": "does-not-exist"},
        {"view": "several", "sources": ",,,<script>"},
        {"movement": "m-nope"},
        {"movement": "x" * 5000, "view": ""},
    ],
)
def test_garbage_query_params_fall_back_to_the_default(params: dict[str, str]) -> None:
    at = run(**params)
    assert not at.error
    assert deck(at)["layers"]
    assert not any("class='quote'" in m.value for m in at.sidebar.markdown)


def test_comparison_table_shows_consensus_flags_and_arithmetic() -> None:
    at = run()
    frames = [df.value for df in at.dataframe]
    table = next(f.data if hasattr(f, "data") else f for f in frames
                 if "check" in (f.data if hasattr(f, "data") else f).columns)
    assert {"movement", "consensus", "flag", "check"} <= set(table.columns)
    assert any(str(c).endswith("✓") or "≠" in str(c) for c in table["check"]), "no arithmetic check shown"
    assert any("differ" in str(flag) or "agree" in str(flag) for flag in table["flag"])


def test_one_story_is_a_line_of_words_not_a_chart_of_one_dot() -> None:
    at = run()
    captions = " ".join(c.value for c in at.caption)
    assert "Timeline: 1 story, 5 sources, published 2 Feb 2022." in captions  # not "1 stories"
    assert not at.get("vega_lite_chart")
