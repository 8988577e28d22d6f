"""The deck spec, selection to attributions, the URL state and escaping: pure functions, no browser."""

from __future__ import annotations

import itertools
import json
import urllib.parse

from dashboard.attribution import article_html, attributions, highlight, picked_movement, quote_html
from dashboard.basemap import border_segments, load_basemap
from dashboard.comparison import comparison_rows
from dashboard.deck import (
    ALERTS,
    ARCS,
    ARCS_GREAT_CIRCLE,
    BASEMAP,
    BORDERS,
    BUILDUPS,
    COMBINED_WIDTH,
    COUNTRY_NAMES,
    DESTINATION_MARKERS,
    LABELS,
    LAYER_IDS,
    PICKABLE,
    RULED_OUT,
    TEXT_PRIMER,
    build_deck,
    build_layers,
    view_state,
    width_px,
)
from dashboard.state import ViewState, parse_params
from extraction.flows import reconcile
from extraction.model import Source
from tests.builders import claim, country, nowhere, region, site

PL, DE, RO, US, UA = (country(c) for c in ("PL", "DE", "RO", "US", "UA"))
BRAGG = site("Fort Bragg, North Carolina", "US", 35.14, -79.0)


def _layers(claims, sources=("s1",)):  # type: ignore[no-untyped-def]
    return {layer["id"]: layer for layer in build_layers(reconcile(claims, list(sources)), None)}


def test_layers_have_fixed_ids_and_only_flows_are_pickable() -> None:
    layers = build_layers(reconcile([claim("s1", 1000, (RO,), origin=DE)], ["s1"]), None)
    assert tuple(layer["id"] for layer in layers) == LAYER_IDS
    assert {layer["id"] for layer in layers if layer["pickable"]} == PICKABLE == {
        ARCS, ARCS_GREAT_CIRCLE, DESTINATION_MARKERS, ALERTS, BUILDUPS, RULED_OUT}  # every mark opens its quotes


def test_deck_json_needs_no_network() -> None:
    spec = json.loads(build_deck(reconcile([claim("s1", 1000, (RO,), origin=DE)], ["s1"]), None).to_json())
    assert spec.get("mapStyle") in (None, "__MAP_STYLE__")  # Streamlit drops the sentinel and fetches nothing
    assert "mapProvider" not in spec
    assert "http" not in json.dumps(spec)
    text_layers = [layer for layer in spec["layers"] if layer["@@type"] == "TextLayer"]
    assert text_layers and all(layer["characterSet"] == "auto" for layer in text_layers)
    units = [layer["radiusUnits"] for layer in spec["layers"] if "radiusUnits" in layer]
    assert units and set(units) == {"pixels"}  # literal strings, not accessor expressions


def test_arc_width_follows_the_stated_scale_and_labels_show_counts() -> None:
    layers = _layers([claim("s1", 1700, (PL,), origin=DE)])
    (arc,) = layers[ARCS]["data"]
    assert arc["width"] == width_px(1700) == 1700 / 250
    assert arc["colour_from"][3] < arc["colour_to"][3]  # fades in from the origin: direction cue
    assert "Poland 1,700" in [label["text"] for label in layers[LABELS]["data"]]


def test_transatlantic_moves_are_great_circles() -> None:
    layers = _layers([claim("s1", 1700, (PL,), origin=BRAGG)])
    assert layers[ARCS]["data"] == [] and len(layers[ARCS_GREAT_CIRCLE]["data"]) == 1
    assert layers[ARCS_GREAT_CIRCLE]["greatCircle"] is True


def test_combined_claim_reads_as_combined_not_two_full_flows() -> None:
    layers = _layers([claim("s1", 2000, (PL, DE), origin=US)])
    arcs = layers[ARCS_GREAT_CIRCLE]["data"]
    assert len(arcs) == 2 and {a["width"] for a in arcs} == {COMBINED_WIDTH}
    texts = [label["text"] for label in layers[LABELS]["data"]]
    assert texts.count("2,000 combined\nPoland and Germany") == 1
    assert not any(t.startswith(("Poland", "Germany")) for t in texts)


def test_flow_without_origin_is_a_destination_marker_not_an_arc() -> None:
    layers = _layers([claim("s1", 2000, (PL,))])
    assert layers[ARCS]["data"] == [] and layers[ARCS_GREAT_CIRCLE]["data"] == []
    assert len(layers[DESTINATION_MARKERS]["data"]) == 1
    assert any(label["text"].startswith("Poland 2,000") for label in layers[LABELS]["data"])


def test_alert_is_a_ring_at_the_home_country_with_its_count() -> None:
    layers = _layers([claim("s1", 8500, (), kind="alert")])
    (ring,) = layers[ALERTS]["data"]
    assert ring["position"][0] < -60  # the United States, the force's home country
    assert "US: 8,500 on alert\nUnited States" in [label["text"] for label in layers[LABELS]["data"]]


def test_buildup_shows_its_wording_and_ruled_out_its_marker() -> None:
    layers = _layers([
        claim("s1", None, (UA,), kind="buildup", force="RU", count_text="tens of thousands"),
        claim("s1", None, (UA,), negated=True),
    ])
    texts = [label["text"] for label in layers[LABELS]["data"]]
    assert "RU buildup: tens of thousands\nUkraine" in texts and "US forces: not to Ukraine" in texts
    assert len(layers[RULED_OUT]["data"]) == 1


def test_unresolved_places_are_never_drawn() -> None:
    layers = _layers([claim("s1", 500, (nowhere("Camp Nowhere"),))])
    assert all(not layers[i]["data"] for i in LAYER_IDS if i not in (TEXT_PRIMER, BASEMAP, BORDERS))


def test_troops_leaving_with_no_destination_are_a_dot_where_they_leave() -> None:
    niger = site("Niamey", "NE", 13.5, 2.1)
    layers = _layers([claim("s1", 1000, (), origin=niger, kind="withdraw")])
    (dot,) = layers[DESTINATION_MARKERS]["data"]
    assert dot["position"] == [2.1, 13.5] and dot["movement_id"]  # clickable, where the troops leave
    assert [label["text"] for label in layers[LABELS]["data"]] == ["Niamey: 1,000\n(withdraw, no destination stated)"]


def test_sources_that_differ_show_on_the_consensus_label() -> None:
    layers = _layers([claim("s1", 1700, (PL,), origin=BRAGG), claim("s2", 1700, (PL,), origin=BRAGG),
                      claim("s3", 2000, (PL,), origin=BRAGG)], sources=("s1", "s2", "s3"))
    assert [label["text"] for label in layers[LABELS]["data"]] == ["Poland 1,700–2,000 ⚑"]
    agreed = _layers([claim("s1", 1700, (PL,), origin=BRAGG), claim("s2", 1700, (PL,), origin=BRAGG)], ("s1", "s2"))
    assert [label["text"] for label in agreed[LABELS]["data"]] == ["Poland 1,700"]


def test_selection_to_movement_id_tolerates_garbage() -> None:
    obj = {"movement_id": "m-1", "tooltip": "x"}
    assert picked_movement({"selection": {"indices": {ARCS: [0]}, "objects": {ARCS: [obj]}}}) == "m-1"
    for junk in (None, "x", {}, {"selection": []}, {"objects": {ARCS: ["nope"]}}, {"objects": 3}):
        assert picked_movement(junk) is None  # type: ignore[arg-type]


def test_attributions_group_claims_by_source() -> None:
    a, b, c = claim("s1", 1000, (RO,), origin=DE), claim("s2", 1000, (RO,), origin=DE), claim("s1", 1000, (RO,))
    rec = reconcile([a, b, c], ["s1", "s2"])
    groups = attributions(rec.movements[0], [Source("s2", ""), Source("s1", "")])
    assert [(g.source.id, g.claims) for g in groups] == [("s2", (b,)), ("s1", (a, c))]


def test_quotes_are_escaped_and_highlighted() -> None:
    hostile = claim("s1", 1700, (PL,), quote="<script>alert(1)</script> 1,700 troops to Poland <img src=x>")
    html = quote_html(hostile)
    assert "<script>" not in html and "<img" not in html and "&lt;script&gt;" in html
    assert "<mark>1,700</mark>" in html and "<mark>Poland</mark>" in html
    assert highlight("a<b", ["<"]) == "a<mark>&lt;</mark>b"


def test_article_reader_highlights_the_quote_escaped() -> None:
    text = "<b>Intro</b> 1,700 troops to Poland. End"
    start = text.index("1,700")
    c = claim("s1", 1700, (PL,), quote=text[start : start + 24])
    c = c.__class__(**{**c.__dict__, "evidence": c.evidence.__class__(start, start + 24, text[start : start + 24])})
    html = article_html(text, c)
    assert html.startswith("&lt;b&gt;Intro") and "<strong id='quote'>" in html and "<mark>1,700</mark>" in html


def test_query_params_round_trip_and_garbage_falls_back() -> None:
    ids = ["a", "b", "c"]
    state = ViewState("several", ("c", "a"), "m-123")
    assert parse_params(state.to_params(), ids) == state
    assert parse_params({"view": "one", "sources": "b"}, ids) == ViewState("one", ("b",))
    garbage = {"view": "<script>", "sources": "zzz,,", "movement": ""}
    assert parse_params(garbage, ids) == ViewState("all", ("a", "b", "c"))
    assert parse_params({"view": "one", "sources": "nope"}, ids) == ViewState("one", ("a",))
    assert parse_params({"view": ["several"], "sources": ["x,b"]}, ids) == ViewState("several", ("b",))


def test_comparison_marks_disagreement_and_combined_only() -> None:
    claims = [claim("s1", 1700, (PL,), origin=BRAGG), claim("s2", 2000, (PL,), origin=BRAGG),
              claim("s3", 2000, (PL, DE), origin=US)]
    sources = [Source("s1", "", outlet="A"), Source("s2", "", outlet="B"), Source("s3", "", outlet="C")]
    rows = comparison_rows(reconcile(claims, ["s1", "s2", "s3"]), sources)
    poland = next(r for r in rows if r["movement"].endswith("→ Poland"))
    assert poland["A (s1)"] == "1,700" and poland["B (s2)"] == "2,000" and poland["C (s3)"] == "in combined total"
    assert poland["flag"].startswith("sources differ") and poland["consensus"] == "1,700–2,000"


def test_destination_counts_keep_their_place_when_other_labels_crowd_them() -> None:
    layers = _layers([claim("s1", 8500, kind="alert", origin=PL), claim("s1", 1700, (PL,), origin=BRAGG),
                      claim("s1", 2000, (PL,), origin=DE)])
    by_text = {label["text"]: label for label in layers[LABELS]["data"]}
    poland = by_text["Poland 1,700 · 2,000"]
    assert 0 < poland["offset"][0] < 40 and abs(poland["offset"][1]) < 15  # right beside Poland's marker
    alert = by_text["US: 8,500 on alert\nPoland"]
    assert alert["offset"] != poland["offset"]  # the alert note, which would cover it, goes elsewhere


def test_text_is_drawn_over_arcs_that_pass_above_it() -> None:
    spec = json.loads(build_deck(reconcile([claim("s1", 1700, (PL,), origin=BRAGG)], ["s1"]), None).to_json())
    text_layers = [layer for layer in spec["layers"] if layer["@@type"] == "TextLayer"]
    assert text_layers and all(layer["parameters"] == {"depthCompare": "always"} for layer in text_layers)


def test_a_figure_for_a_region_names_the_region_not_just_a_point_inside_a_country() -> None:
    eastern = region("Eastern Europe", 50.0, 25.0)  # its middle lies in Ukraine
    labels = [label["text"] for label in _layers([claim("s1", 3000, (eastern,), origin=US)])[LABELS]["data"]]
    assert labels == ["Eastern Europe (region) 3,000"]
    labels = [label["text"] for label in _layers([claim("s1", 3000, (UA,), origin=US)])[LABELS]["data"]]
    assert labels == ["Ukraine 3,000"]


def test_selected_movement_off_screen_is_brought_into_view() -> None:
    rec = reconcile([claim("s1", 1000, (RO,), origin=DE), claim("s1", 1700, (PL,), origin=BRAGG),
                     claim("s1", 8500, (), kind="alert")], ["s1"])
    alert = next(m.id for m in rec.movements if m.kind == "alert")  # its ring is in the United States
    default, chosen = view_state(rec), view_state(rec, selected=alert)
    assert default["longitude"] > 0 and chosen["longitude"] < -60  # the map opens on Europe, then moves
    assert view_state(rec, selected=rec.movements[0].id) == default  # already in view: the map stays


def test_country_names_are_those_the_flows_touch_and_their_neighbours() -> None:
    basemap = {"type": "FeatureCollection", "features": []}
    rec = reconcile([claim("s1", 1000, (RO,), origin=DE)], ["s1"])
    names = {row["text"] for row in _by_id(build_layers(rec, basemap))[COUNTRY_NAMES]["data"]}
    assert names and names <= {"Germany", "Romania", "Poland", "Czechia", "Austria", "Switzerland", "France",
                               "Luxembourg", "Belgium", "Netherlands", "Denmark", "Ukraine", "Moldova", "Hungary",
                               "Serbia", "Bulgaria"}
    assert "Spain" not in names and "Russia" not in names
    assert _by_id(build_layers(rec, None))[COUNTRY_NAMES]["data"] == []  # no basemap, no names


def _by_id(layers):  # type: ignore[no-untyped-def]
    return {layer["id"]: layer for layer in layers}


def test_borders_are_drawn_once_over_unoutlined_shapes() -> None:
    rec = reconcile([claim("s1", 1000, (RO,), origin=DE)], ["s1"])
    layers = _by_id(build_layers(rec, load_basemap()))
    assert layers[BASEMAP]["stroked"] is False and layers[BASEMAP]["data"]["features"]
    segments = layers[BORDERS]["data"]
    assert len(segments) > 1000 and all(len(s) == 4 for s in segments)
    ends = {frozenset({(s[0], s[1]), (s[2], s[3])}) for s in segments}
    assert len(ends) == len(segments), "a border segment is drawn twice"
    # Land borders only: every segment is an edge of two countries' shapes; coasts (one country's edge, even when
    # a rounded sliver runs along it and back) are left to the fill, and each shared edge is drawn.
    owners: dict[frozenset[tuple[float, float]], int] = {}
    for feature in layers[BASEMAP]["data"]["features"]:
        geometry = feature["geometry"]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        edges = {frozenset({tuple(a), tuple(b)}) for polygon in polygons for ring in polygon
                 for a, b in itertools.pairwise(ring) if a != b}
        for edge in edges:
            owners[edge] = owners.get(edge, 0) + 1
    assert all(owners.get(edge, 0) == 2 for edge in ends), "a coast or an edge of no shape is drawn"
    assert ends == {edge for edge, n in owners.items() if n == 2}, "a land border is missing"
    assert _by_id(build_layers(rec, None))[BORDERS]["data"] == []  # no basemap, no borders


def test_the_basemap_goes_as_an_unchanging_url_that_holds_the_same_shapes() -> None:
    basemap = load_basemap()
    one = json.loads(build_deck(reconcile([claim("s1", 1000, (RO,), origin=DE)], ["s1"]), basemap).to_json())
    two = json.loads(build_deck(reconcile([claim("s1", 300, (PL,), origin=BRAGG)], ["s1"]), basemap,
                                selected=None).to_json())
    for layer_id in (BASEMAP, BORDERS):
        url = _by_id(one["layers"])[layer_id]["data"]
        assert url == _by_id(two["layers"])[layer_id]["data"], "the URL changes between reruns: redrawn each time"
        assert url.startswith("data:application/json,") and "#" not in url
        sent = json.loads(urllib.parse.unquote(url.removeprefix("data:application/json,")))
        expected = basemap if layer_id == BASEMAP else [list(s) for s in border_segments()]
        assert sent == expected
    flows = _by_id(one["layers"])[DESTINATION_MARKERS]["data"]
    assert isinstance(flows, list) and flows  # what changes goes inline


def test_every_frame_starts_with_one_transparent_letter_whatever_the_map_shows() -> None:
    # Text leaves drawing state behind; when no text was drawn before a layer, software WebGL rebuilt that layer's
    # program. One letter first, in every view, keeps the state every later layer meets the same.
    for rec, basemap in ((reconcile([claim("s1", 1000, (RO,), origin=DE)], ["s1"]), load_basemap()),
                         (reconcile([], []), None)):
        first = build_layers(rec, basemap)[0]
        assert first["type"] == "TextLayer" and first["id"] == TEXT_PRIMER and not first["pickable"]
        (row,) = first["data"]
        assert row["text"].strip() and row["colour"][3] == 0  # drawn, and invisible



def test_article_reader_marks_every_quote_of_the_source_once() -> None:
    text = "First 1,700 troops to Poland. Then 300 troops to Germany. End"
    quotes = [claim("s1", n, (place,), quote=q) for n, place, q in
              ((1700, PL, "1,700 troops to Poland"), (300, DE, "300 troops to Germany"))]
    placed = [c.__class__(**{**c.__dict__, "evidence": c.evidence.__class__(text.index(c.evidence.text),
              text.index(c.evidence.text) + len(c.evidence.text), c.evidence.text)}) for c in quotes]
    html = article_html(text, list(reversed(placed)))
    assert html.count("<strong") == 2 and html.count("id='quote'") == 1
    assert html.index("1,700") < html.index("id='quote'") + 60 and "<mark>Germany</mark>" in html


def test_a_city_and_its_country_each_keep_their_own_label_and_a_missing_figure_says_so() -> None:
    # The two are one country to the consensus, but two places on the map: each label sits at its own mark.
    rzeszow = site("Rzeszów", "PL", 50.04, 22.0)
    layers = _layers([claim("s1", 100, (rzeszow,), origin=DE), claim("s1", None, (PL,))])
    texts = {row["text"]: row["position"] for row in layers[LABELS]["data"]}
    assert "Rzeszów 100" in texts
    assert "Poland (no figure, no origin)" in texts  # not "Poland troops", which reads as Poland's own
    assert not any(text.endswith(" troops") for text in texts)


def test_a_place_with_many_figures_wraps_between_figures_and_drops_a_lone_no_figure() -> None:
    guam = site("Guam", "US", 13.44, 144.79)
    okinawa = site("Okinawa", "JP", 26.33, 127.8)
    layers = _layers([claim("s1", 4100, (guam,), origin=okinawa, kind="relocate"),
                      claim("s1", 900, (guam,)), claim("s1", 7800, (guam,), kind="relocate"),
                      claim("s1", None, (guam,), origin=BRAGG)])
    (text,) = [row["text"] for row in layers[LABELS]["data"] if row["text"].startswith("Guam")]
    lines = text.split("\n")
    assert len(lines) > 1 and all(len(line) <= 30 for line in lines), lines  # no label runs off a 620 px canvas
    assert "4,100" in text and "(no figure" not in text  # the figures say it; "no figure" only when alone
