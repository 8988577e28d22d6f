"""The map as a pydeck spec: a pure function of a reconciliation, with fixed layer ids and no network."""

from __future__ import annotations

import json
import math
import urllib.parse
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pydeck as pdk
from pydeck.bindings.json_tools import default_serialize

from dashboard.basemap import CountryLabel, border_segments, countries_around, country_labels
from dashboard.labels import (
    LINE_HEIGHT,
    NO_FIGURE,
    Label,
    destination_figure,
    disc,
    figure,
    label_key,
    leader_end,
    no_destination,
    place_labels,
    text_size,
)
from extraction.flows import Movement, Reconciliation, home_place, place_key
from geo import Place, great_circle

BASEMAP = "basemap"
BORDERS = "basemap-borders"
COUNTRY_NAMES = "country-names"
ARCS = "flow-arcs"
ARCS_GREAT_CIRCLE = "flow-arcs-great-circle"
ARROWHEADS = "flow-arrowheads"
DESTINATION_MARKERS = "flow-destination-markers"
NODES = "nodes"
ALERTS = "alert-rings"
BUILDUPS = "buildup-marks"
RULED_OUT = "ruled-out-marks"
LEADERS = "label-leaders"
LABELS = "labels"
TEXT_PRIMER = "text-primer"
# Drawing order: text is drawn over the marks it names. The primer comes first: see build_layers.
LAYER_IDS: tuple[str, ...] = (
    TEXT_PRIMER,
    BASEMAP,
    BORDERS,
    COUNTRY_NAMES,
    NODES,
    ALERTS,
    BUILDUPS,
    RULED_OUT,
    ARCS,
    ARCS_GREAT_CIRCLE,
    ARROWHEADS,
    DESTINATION_MARKERS,
    LEADERS,
    LABELS,
)
# Every mark opens the quotes behind it: each picked object carries the ``movement_id`` it draws.
PICKABLE: frozenset[str] = frozenset({ARCS, ARCS_GREAT_CIRCLE, DESTINATION_MARKERS, ALERTS, BUILDUPS, RULED_OUT})

KIND_COLOURS: dict[str, tuple[int, int, int]] = {
    "deploy": (31, 119, 180),
    "relocate": (230, 110, 0),
    "withdraw": (120, 80, 170),
    "pledge": (40, 150, 60),
    "alert": (200, 150, 0),
    "buildup": (200, 30, 30),
}
SELECTED_COLOUR = (250, 40, 160)
TROOPS_PER_PIXEL = 250
MIN_WIDTH, MAX_WIDTH = 2.0, 24.0
COMBINED_WIDTH = 2.0
GREAT_CIRCLE_KM = 2500.0
ARROW_DEG = 0.6


@dataclass(frozen=True)
class LegendEntry:
    """One line of the legend: a colour swatch and what it means."""

    colour: tuple[int, int, int]
    text: str


def width_px(count: int | None) -> float:
    """Arc width in pixels: one pixel per :data:`TROOPS_PER_PIXEL` troops, clamped to a readable range."""
    if count is None:
        return MIN_WIDTH
    return max(MIN_WIDTH, min(MAX_WIDTH, count / TROOPS_PER_PIXEL))


def legend() -> tuple[LegendEntry, ...]:
    """The legend shown beside the map (the scale is the one :func:`width_px` uses)."""
    kinds = tuple(LegendEntry(c, f"{k} (arc fades in from the origin; arrowhead at the destination)")
                  for k, c in KIND_COLOURS.items() if k not in ("alert", "buildup"))
    return (
        *kinds,
        LegendEntry((120, 120, 120),
                    f"arc width: 1 px per {TROOPS_PER_PIXEL:,} troops ({MIN_WIDTH:g}–{MAX_WIDTH:g} px)"),
        LegendEntry((170, 190, 220), "thin pale arcs + one 'combined' label: one total for several places, not split"),
        LegendEntry((31, 119, 180), "dot with a count, no arc: a flow whose origin no source states"),
        LegendEntry(KIND_COLOURS["alert"], "ring: troops on alert (at the origin, or the force's home country)"),
        LegendEntry(KIND_COLOURS["buildup"], "red disc: forces gathering at a place"),
        LegendEntry((40, 40, 40), "✕ ruled out by the article (e.g. 'US forces: not to Ukraine')"),
        LegendEntry(SELECTED_COLOUR, "selected movement"),
    )


def _pos(place: Place) -> list[float]:
    return [round(float(place.lon or 0.0), 4), round(float(place.lat or 0.0), 4)]


def _km(a: Place, b: Place) -> float:
    lat1, lon1, lat2, lon2 = (math.radians(float(v or 0.0)) for v in (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


def _arrowhead(origin: Place, target: Place, great: bool) -> list[list[float]]:
    """A small triangle at ``target`` pointing along the arc's last stretch."""
    before = great_circle(_pos_t(origin), _pos_t(target), 32)[-2] if great else _pos_t(origin)
    tip = _pos_t(target)
    dx, dy = tip[0] - before[0], tip[1] - before[1]
    norm = math.hypot(dx, dy) or 1.0
    ux, uy = dx / norm, dy / norm
    back = (tip[0] - ux * ARROW_DEG * 1.6, tip[1] - uy * ARROW_DEG * 1.6)
    return [
        [round(tip[0], 3), round(tip[1], 3)],
        [round(back[0] - uy * ARROW_DEG * 0.7, 3), round(back[1] + ux * ARROW_DEG * 0.7, 3)],
        [round(back[0] + uy * ARROW_DEG * 0.7, 3), round(back[1] - ux * ARROW_DEG * 0.7, 3)],
    ]


def _pos_t(place: Place) -> tuple[float, float]:
    return (float(place.lon or 0.0), float(place.lat or 0.0))


def _centroid(places: list[Place]) -> list[float]:
    return [round(sum(float(p.lon or 0) for p in places) / len(places), 4),
            round(sum(float(p.lat or 0) for p in places) / len(places), 4)]


def _colour(movement: Movement, selected: str | None) -> tuple[int, int, int]:
    return SELECTED_COLOUR if movement.id == selected else KIND_COLOURS.get(movement.kind, (90, 90, 90))


def _flow_row(movement: Movement, names: dict[str, str]) -> dict[str, Any]:
    outlets = ", ".join(names.get(s, s) for s in movement.source_ids)
    return {
        "movement_id": movement.id,
        "tooltip": f"{movement.label}: {movement.consensus.text} ({movement.kind}, {movement.force}) — {outlets}",
    }


# Arcs rise above the ground, so with depth testing they hide the text they pass over even seen from straight
# above; text is drawn over everything instead (deck.gl 9's parameter names).
ON_TOP = {"depthCompare": "always"}
BORDER_PX = 0.6  # coasts and land borders
LABEL_SIZE_PX = 13  # the labels' font size
COUNTRY_SIZE_PX = 12  # country names
LABEL_PAD_PX = 3  # white outline and breathing room around a label's text
RULED_OUT_SIZE_PX = 26  # the ✕
ALERT_RADIUS_PX = 18
DESTINATION_DOT_PX = 5  # the dot at a destination an arc ends at
MAX_COUNTRY_NAMES = 40  # the most prominent first; the rest only crowd the map
EARTH_CIRCUMFERENCE_M = 40_075_016.7
VISIBLE_PX = (620, 560)  # the live map's canvas beside the sidebar in a 1080-pixel-wide window: framed and labelled
FILL = 0.6  # the framed places span this share of the canvas; the rest is room for their labels
MIN_SPAN_DEG = 20.0  # one place alone is shown with its surroundings


def screen_xy(lon: float, lat: float, zoom: float) -> tuple[float, float]:
    """Web Mercator pixel coordinates at ``zoom`` (deck.gl's 512-pixel world at zoom 0)."""
    scale = 512 * 2 ** zoom
    lat = max(-85.05, min(85.05, lat))
    y = (1 - math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)) / math.pi) / 2 * scale
    return (lon + 180) / 360 * scale, y


def nearest_copy(lon: float, centre: float) -> float:
    """``lon`` on the copy of the world nearest ``centre`` (the map repeats east and west): the place as seen."""
    return lon + 360.0 * round((centre - lon) / 360.0)


def lonlat_at(x: float, y: float, zoom: float) -> tuple[float, float]:
    """The inverse of :func:`screen_xy`."""
    scale = 512 * 2 ** zoom
    lat = math.degrees(2 * math.atan(math.exp(math.pi * (1 - 2 * y / scale))) - math.pi / 2)
    return x / scale * 360 - 180, lat


def metres_per_px(lat: float, zoom: float) -> float:
    """Ground metres in one screen pixel at ``lat`` (for discs whose radius is in metres)."""
    return EARTH_CIRCUMFERENCE_M * math.cos(math.radians(lat)) / (512 * 2 ** zoom)


@dataclass(frozen=True)
class _Text:
    """A label before placement: where it belongs, what it says, how it looks."""

    position: list[float]
    text: str
    colour: list[int]
    gap: float = 8.0


def _place_texts(texts: list[_Text], countries: list[_Text], obstacles: list[tuple[float, float, float]],
                 view: dict[str, float], size: tuple[int, int]
                 ) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    """Labels, country names and leader lines placed clear of each other and of the marks at the opening view.

    ``obstacles`` are ``(lon, lat, radius_px)`` marks; labels stay inside the canvas of ``size`` pixels.
    Returns the rows of the ``labels``, ``country-names`` and
    ``label-leaders`` layers (text offsets in pixels from their place, as :mod:`dashboard.labels` placed them).
    """
    zoom = view["zoom"]

    centre = view["longitude"]
    marks = [(*screen_xy(nearest_copy(lon, centre), lat, zoom), r) for lon, lat, r in obstacles]

    def request(t: _Text, size: float, bold: bool, optional: bool) -> Label:
        x, y = screen_xy(nearest_copy(t.position[0], centre), t.position[1], zoom)
        width, height = text_size(t.text, size, bold)
        # Clear of the widest mark drawn at the label's own place (its dot, ring or disc).
        gap = max([t.gap, *(r + 3 for mx, my, r in marks if abs(mx - x) + abs(my - y) < 2)])
        return Label(x, y, width + 2 * LABEL_PAD_PX, height + LABEL_PAD_PX, gap, optional)

    requests = [request(t, LABEL_SIZE_PX, True, False) for t in texts]
    requests += [request(t, COUNTRY_SIZE_PX, False, True) for t in countries]
    boxes = [disc(*mark) for mark in marks]
    cx, cy = screen_xy(view["longitude"], view["latitude"], zoom)
    frame = (cx - size[0] / 2 + 4, cy - size[1] / 2 + 4, cx + size[0] / 2 - 4, cy + size[1] / 2 - 4)
    # Where the world repeats (the antimeridian), the next copy is drawn over one copy's labels: none may cross.
    walls = [x for x in (screen_xy(180.0 + 360.0 * k, 0.0, zoom)[0] for k in range(-2, 3)) if frame[0] < x < frame[2]]
    rows: list[dict[str, Any]] = []
    names: list[dict[str, Any]] = []
    leaders: list[dict[str, Any]] = []
    placements = place_labels(requests, boxes, frame, walls)
    for n, (t, req, placed) in enumerate(zip([*texts, *countries], requests, placements, strict=True)):
        if placed is None:
            continue
        offset = [round(placed.left + LABEL_PAD_PX - req.x, 1), round(placed.top + LABEL_PAD_PX / 2 - req.y, 1)]
        row = {"position": t.position, "text": t.text, "colour": t.colour, "offset": offset}
        (rows if n < len(texts) else names).append(row)
        if placed.leader:
            end = lonlat_at(*leader_end(placed, req.x, req.y), zoom)  # on the world copy the label is near
            start = [round(nearest_copy(t.position[0], centre), 4), t.position[1]]
            leaders.append({"from": start, "to": [round(end[0], 4), round(end[1], 4)]})
    return rows, names, leaders


def build_layers(
    reconciliation: Reconciliation,
    basemap: dict[str, Any] | None,
    selected: str | None = None,
    source_names: dict[str, str] | None = None,
    view: dict[str, float] | None = None,
    size: tuple[int, int] = VISIBLE_PX,
) -> list[dict[str, Any]]:
    """The layer specs (plain dicts: ``type``, ``id`` and deck.gl props) for one reconciliation.

    Args:
        reconciliation: The movements of the chosen sources.
        basemap: Country shapes (:func:`dashboard.basemap.load_basemap`), or ``None`` to draw none (and no
            country names).
        selected: The selected movement id, highlighted.
        source_names: Source id to outlet, for tooltips.
        view: The map's opening view, at which labels are kept apart and on screen (default: :func:`view_state`).
        size: The canvas in pixels, which the labels stay inside.

    Returns:
        One dict per layer id in :data:`LAYER_IDS`, in drawing order.
    """
    view = view or view_state(reconciliation, size=size)
    zoom = view["zoom"]
    names = source_names or {}
    arcs: list[dict[str, Any]] = []
    great_arcs: list[dict[str, Any]] = []
    arrows: list[dict[str, Any]] = []
    markers: list[dict[str, Any]] = []
    alerts: list[dict[str, Any]] = []
    buildups: list[dict[str, Any]] = []
    ruled: list[dict[str, Any]] = []
    texts: list[_Text] = []
    obstacles: list[tuple[float, float, float]] = []  # (lon, lat, radius px): marks no label may cover
    touched: set[str] = set()  # countries the flows touch, named with their neighbours
    node_totals: dict[str, tuple[Place, int]] = {}
    dest_labels: dict[tuple[str, float | None, float | None], tuple[Place, list[str]]] = {}

    def add_node(place: Place, count: int | None) -> None:
        key = place_key(place) if place.precision in ("country", "region") else place.name
        prev = node_totals.get(key, (place, 0))
        node_totals[key] = (prev[0], prev[1] + (count or 0))

    def touch(*places: Place | None) -> None:
        touched.update(p.country_code for p in places if p is not None and p.country_code)

    for m in reconciliation.movements:
        colour = _colour(m, selected)
        count = m.consensus.low
        text = figure(m)
        dests = [p for p in m.destinations if p.resolved]
        row = _flow_row(m, names)
        if m.kind == "alert":
            where = m.origin or home_place(m.force)
            if where is not None:
                touch(where)
                alerts.append({**row, "position": _pos(where), "colour": [*colour, 230]})
                obstacles.append((*_pos_t(where), ALERT_RADIUS_PX + 3))
                texts.append(_Text(_pos(where), f"{m.force}: {text} on alert\n{where.name}", [120, 90, 0, 255]))
            continue
        if m.kind == "buildup":
            for p in dests:
                radius = 40000 + 600 * math.sqrt(count or 10000)
                buildups.append({**row, "position": _pos(p), "radius": radius, "colour": [*colour, 110]})
                obstacles.append((*_pos_t(p), radius / metres_per_px(float(p.lat or 0.0), zoom) + 2))
            if dests:
                touch(*dests)
                # Clear of the disc when there is one place (the gap grows to the widest mark at the label's place).
                texts.append(_Text(_centroid(dests), f"{m.force} buildup: {text}\n{_wrapped(_names(dests))}",
                                   [150, 20, 20, 255]))
            continue
        if not dests:
            if m.origin is not None and m.origin.resolved:  # troops leaving, destination not stated: a dot there
                touch(m.origin)
                markers.append({**row, "position": _pos(m.origin), "colour": [*colour, 220],
                                "radius": 6 + width_px(count)})
                obstacles.append((*_pos_t(m.origin), 7 + width_px(count)))
                texts.append(_Text(_pos(m.origin), no_destination(m, text, "\n"), [20, 20, 20, 255]))
            continue
        touch(m.origin, *dests)
        if m.origin is None or not m.origin.resolved:
            for p in dests:
                radius = 6 + width_px(None if m.combined else count)
                markers.append({**row, "position": _pos(p), "colour": [*colour, 120 if m.combined else 220],
                                "radius": radius})
                obstacles.append((*_pos_t(p), radius + 1))
                add_node(p, None if m.combined else count)
        else:
            origin = m.origin
            add_node(origin, count)
            for p in dests:
                great = _km(origin, p) > GREAT_CIRCLE_KM
                alpha_to, alpha_from = (110, 25) if m.combined else (235, 50)
                arc = {
                    **row,
                    "from": _pos(origin),
                    "to": _pos(p),
                    "width": COMBINED_WIDTH if m.combined else width_px(count),
                    "colour_from": [*colour, alpha_from],
                    "colour_to": [*colour, alpha_to],
                }
                (great_arcs if great else arcs).append(arc)
                arrows.append({"polygon": _arrowhead(origin, p, great), "colour": [*colour, alpha_to]})
                # A dot at the destination, so the place can be clicked as well as the arc.
                markers.append({**row, "position": _pos(p), "colour": [*colour, alpha_to],
                                "radius": DESTINATION_DOT_PX})
                obstacles.append((*_pos_t(p), DESTINATION_DOT_PX + 2))
                if not m.combined:
                    add_node(p, count)
        if m.combined:
            texts.append(_Text(_centroid(dests), f"{text} combined\n{_names(dests)}", [70, 90, 130, 255]))
        else:
            for p in dests:
                entry = dest_labels.setdefault(label_key(p), (p, []))
                entry[1].append(destination_figure(m, m.origin is not None))

    counts = []  # the destination figures: placed first, so other labels make way for them
    for place, figures in dest_labels.values():
        # A region's dot is only its middle (Eastern Europe's lies in Ukraine): the label says what it stands for.
        name = f"{place.name} (region)" if place.precision == "region" else place.name
        counts.append(_Text(_pos(place), _figure_lines(name, list(dict.fromkeys(figures))), [20, 20, 20, 255]))
    for r in reconciliation.ruled_out:
        places = [p for p in r.places if p.resolved]
        touch(*places)
        for p in places:
            ruled.append({"movement_id": r.id, "tooltip": f"{r.label} (ruled out)", "position": _pos(p), "text": "✕"})
            obstacles.append((*_pos_t(p), RULED_OUT_SIZE_PX / 2 + 1))
            texts.append(_Text(_pos(p), r.label, [40, 40, 40, 255]))
    nodes = [{"position": _pos(p), "name": p.name, "total": total, "radius": 4 + math.sqrt(total) / 6}
             for p, total in node_totals.values()]
    obstacles += [(*_pos_t(p), 5 + math.sqrt(total) / 6) for p, total in node_totals.values()]
    countries = [_Text([c.lon, c.lat], c.name, [120, 120, 120, 255], 0.0)
                 for c in _named_countries(touched, basemap is not None)]
    labels, country_names, leaders = _place_texts([*counts, *texts], countries, obstacles, view, size)

    def layer(kind: str, layer_id: str, data: Any, **props: Any) -> dict[str, Any]:
        return {"type": kind, "id": layer_id, "data": data, "pickable": layer_id in PICKABLE, **props}

    arc_props = {
        "getSourcePosition": "from",
        "getTargetPosition": "to",
        "getSourceColor": "colour_from",
        "getTargetColor": "colour_to",
        "getWidth": "width",
        "widthUnits": "pixels",
        "getHeight": 0.5,
        "autoHighlight": True,
    }
    text_props = {"getPosition": "position", "getText": "text", "getColor": "colour", "getTextAnchor": '"start"',
                  "getAlignmentBaseline": '"top"', "getPixelOffset": "offset", "characterSet": "auto",
                  "fontFamily": "DejaVu Sans, sans-serif", "lineHeight": LINE_HEIGHT, "parameters": ON_TOP}
    return [
        # One transparent letter, drawn first in every frame. Drawing text leaves state behind that the layers after
        # it are drawn with, and a browser without a GPU (software WebGL) builds a layer's drawing code anew for each
        # state it meets: when the country names or the labels stopped drawing (a selection moved the view where no
        # country is named), every later layer was rebuilt, half a second. After this letter, every layer always
        # meets the same state.
        layer("TextLayer", TEXT_PRIMER, [{"position": [0.0, 0.0], "text": "x", "colour": [0, 0, 0, 0],
                                          "offset": [0, 0]}], getSize=COUNTRY_SIZE_PX, **text_props),
        # The shapes are filled, not outlined: the coasts are where the fill meets the background, and the land
        # borders are the borders layer, each line once (outlining every country drew each border twice, and a path
        # layer's joins cost most of a frame in software WebGL).
        layer("GeoJsonLayer", BASEMAP, basemap or {"type": "FeatureCollection", "features": []}, stroked=False,
              filled=True, getFillColor=[236, 233, 226]),
        # One row per segment, as a plain array: a quarter of the JSON that {"from": …, "to": …} rows would take.
        layer("LineLayer", BORDERS, border_segments() if basemap is not None else [],
              getSourcePosition="[this[0], this[1]]", getTargetPosition="[this[2], this[3]]",
              getColor=[170, 170, 170], getWidth=BORDER_PX, widthUnits="pixels"),
        layer("TextLayer", COUNTRY_NAMES, country_names, getSize=COUNTRY_SIZE_PX, **text_props),
        layer("ScatterplotLayer", NODES, nodes, getPosition="position", getRadius="radius", radiusUnits="pixels",
              getFillColor=[60, 60, 60, 70], stroked=True, getLineColor=[60, 60, 60, 160], lineWidthMinPixels=1),
        layer("ScatterplotLayer", ALERTS, alerts, getPosition="position", getRadius=ALERT_RADIUS_PX,
              radiusUnits="pixels", filled=True, getFillColor=[255, 255, 255, 1], stroked=True, getLineColor="colour",
              lineWidthMinPixels=4, autoHighlight=True),
        layer("ScatterplotLayer", BUILDUPS, buildups, getPosition="position", getRadius="radius",
              getFillColor="colour", stroked=True, getLineColor=[200, 30, 30, 220], lineWidthMinPixels=2,
              autoHighlight=True),
        layer("TextLayer", RULED_OUT, ruled, getPosition="position", getText="text", getSize=RULED_OUT_SIZE_PX,
              getColor=[40, 40, 40, 255], characterSet="auto", fontFamily="DejaVu Sans, sans-serif",
              parameters=ON_TOP),
        layer("ArcLayer", ARCS, arcs, **arc_props),
        layer("ArcLayer", ARCS_GREAT_CIRCLE, great_arcs, greatCircle=True, **arc_props),
        layer("SolidPolygonLayer", ARROWHEADS, arrows, getPolygon="polygon", getFillColor="colour"),
        layer("ScatterplotLayer", DESTINATION_MARKERS, markers, getPosition="position", getRadius="radius",
              radiusUnits="pixels", getFillColor="colour", stroked=True, getLineColor=[255, 255, 255, 230],
              lineWidthMinPixels=2, autoHighlight=True),
        layer("LineLayer", LEADERS, leaders, getSourcePosition="from", getTargetPosition="to",
              getColor=[110, 110, 110, 200], getWidth=1, widthUnits="pixels", parameters=ON_TOP),
        layer("TextLayer", LABELS, labels, getSize=LABEL_SIZE_PX, fontWeight="bold", outlineWidth=3,
              outlineColor=[255, 255, 255, 230], fontSettings={"sdf": True}, **text_props),
    ]


# A label line longer than this is broken at spaces, so a list of places stays near its marks on a small screen.
LABEL_LINE_CHARS = 28


def _wrapped(line: str) -> str:
    """``line`` broken at spaces into lines of at most ``LABEL_LINE_CHARS`` characters (a longer word stays whole)."""
    out: list[str] = []
    for word in line.split(" "):
        if out and len(out[-1]) + 1 + len(word) <= LABEL_LINE_CHARS:
            out[-1] += " " + word
        else:
            out.append(word)
    return "\n".join(out)


def _figure_lines(name: str, figures: list[str]) -> str:
    """A destination's label: its name and figures, a figure never split, lines of ``LABEL_LINE_CHARS`` at most.

    A movement with no number adds nothing to a place that has numbers: "(no figure)" is said only alone.
    """
    stated = [f for f in figures if not f.startswith(NO_FIGURE)]
    lines = [name]
    for k, item in enumerate(stated or figures):
        joined = f"{lines[-1]}{' · ' if k else ' '}{item}"
        if len(joined) <= LABEL_LINE_CHARS + (0 if k else 4):  # a short figure stays beside a long name
            lines[-1] = joined
        else:
            lines[-1] += " ·" if k else ""
            lines.append(item)
    return "\n".join(lines)


def _names(places: list[Place]) -> str:
    names = list(dict.fromkeys(p.name for p in places))
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _named_countries(touched: set[str], with_basemap: bool) -> list[CountryLabel]:
    """The countries the flows touch and their neighbours, most prominent first (none without a basemap)."""
    if not with_basemap:
        return []
    return countries_around(touched, country_labels())[:MAX_COUNTRY_NAMES]




def _placed(places: Iterable[Place | None]) -> list[tuple[float, float]]:
    return [(float(p.lon), float(p.lat)) for p in places
            if p is not None and p.resolved and p.lon is not None and p.lat is not None]


def _fit(points: list[tuple[float, float]], size: tuple[int, int]) -> dict[str, float]:
    """The view that shows ``points`` inside a canvas of ``size`` pixels, with room for labels around them."""
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    if max(lons) - min(lons) > 180:  # across the Pacific: frame the short way round
        lons = [x + 360 if x < 0 else x for x in lons]
    x0, y0 = screen_xy(min(lons), max(lats), 0)
    x1, y1 = screen_xy(max(lons), min(lats), 0)
    width, height = max(x1 - x0, MIN_SPAN_DEG / 360 * 512), max(y1 - y0, MIN_SPAN_DEG / 360 * 512 * 0.6)
    zoom = math.log2(min(size[0] * FILL / width, size[1] * FILL / height))
    # Never so far out that the world is narrower than the canvas (it would show twice, side by side).
    zoom = max(zoom, math.log2(size[0] / 512), 0.5)
    lon = (min(lons) + max(lons)) / 2
    lat = lonlat_at((x0 + x1) / 2, (y0 + y1) / 2, 0)[1]
    return {"longitude": round(lon - 360 if lon > 180 else lon, 4), "latitude": round(lat, 4),
            "zoom": round(min(6.0, zoom), 2), "pitch": 0.0, "bearing": 0.0}


def _on_screen(points: list[tuple[float, float]], view: dict[str, float], size: tuple[int, int]) -> bool:
    cx, cy = screen_xy(view["longitude"], view["latitude"], view["zoom"])
    for lon, lat in points:
        x, y = screen_xy(lon, lat, view["zoom"])
        if abs(x - cx) > size[0] / 2 - 40 or abs(y - cy) > size[1] / 2 - 40:
            return False
    return True


def _movement_places(reconciliation: Reconciliation, movement_id: str) -> list[tuple[float, float]]:
    for m in reconciliation.movements:
        if m.id == movement_id:
            extra = [m.origin or home_place(m.force)] if m.kind == "alert" else []
            return _placed([*m.destinations, *extra]) or _placed([m.origin])
    return next((_placed(r.places) for r in reconciliation.ruled_out if r.id == movement_id), [])


def view_state(reconciliation: Reconciliation, every_origin: bool = False, selected: str | None = None,
               size: tuple[int, int] = VISIBLE_PX) -> dict[str, float]:
    """Centre and zoom that fit what is drawn, anywhere in the world (Europe when nothing is placed).

    The destinations (buildups and ruled-out places too) are framed first; when the origins (and the places of
    troops on alert) lie more than 60° of longitude away, they are left off screen (the arcs enter from the
    edge) unless ``every_origin`` asks for them too. A ``selected`` movement that would be off screen is brought
    into view. ``size`` is the canvas in pixels.
    """
    alerts = _placed(m.origin or home_place(m.force) for m in reconciliation.movements if m.kind == "alert")
    where = _placed([*(p for m in reconciliation.movements for p in m.destinations),
                     *(p for r in reconciliation.ruled_out for p in r.places)]) or alerts
    origins = _placed(m.origin for m in reconciliation.movements if m.kind != "alert") + alerts
    points = where + origins
    if where and not every_origin and max(x for x, _ in points) - min(x for x, _ in points) > 60:
        points = where
    if not points:
        return {"longitude": 15.0, "latitude": 50.0, "zoom": 3.0, "pitch": 0.0, "bearing": 0.0}
    view = _fit(points, size)
    chosen = _movement_places(reconciliation, selected) if selected else []
    if chosen and not _on_screen(chosen, view, size):
        view = _fit(chosen, size)
    return view


# The layers whose data never changes while the app runs: sent as data: URLs, which deck.gl compares as strings.
UNCHANGING = (BASEMAP, BORDERS)
_DATA_URLS: dict[int, tuple[Any, str]] = {}  # id of the data -> (the data, kept alive; its URL)


def data_url(data: Any) -> str:
    """``data`` as a ``data:`` URL of its JSON, made once per object (the basemap is loaded once per process).

    Sent inline, the country shapes are new arrays after every rerun, and deck.gl rebuilds and redraws the whole
    basemap whenever anything else on the map changes (a selection, a story switch): most of a second in a
    browser without a GPU. A URL that has not changed is not loaded again. It stays inside the page: no request
    leaves the browser. Only ``#`` and ``%`` (and spaces and non-ASCII letters) need escaping; JSON's own
    punctuation is kept, so the URL is hardly longer than the JSON.
    """
    cached = _DATA_URLS.get(id(data))
    if cached is None or cached[0] is not data:
        text = json.dumps(data, separators=(",", ":"), ensure_ascii=False)
        cached = (data, "data:application/json," + urllib.parse.quote(text, safe='[]{},:."-_'))
        if len(_DATA_URLS) >= 8:  # only the basemap's few objects are meant to stay here
            _DATA_URLS.clear()
        _DATA_URLS[id(data)] = cached
    return cached[1]


def _pydeck_kwargs(spec: dict[str, Any]) -> dict[str, Any]:
    """Pydeck reads every string as an accessor expression; quote the ones that are plain values.

    The unchanging layers' data goes as a URL, which pydeck passes on as it is.
    """
    out = {}
    for key, value in spec.items():
        if key == "type":
            continue
        if key == "data" and spec["id"] in UNCHANGING and value:
            value = data_url(value)
        elif isinstance(value, str) and key not in ("id",) and not key.startswith("get"):
            value = f'"{value}"'
        out[key] = value
    return out


class CompactDeck(pdk.Deck):
    """A Deck serialised without indentation: pydeck's indented JSON would triple the payload."""

    def to_json(self) -> str:
        """The deck spec as compact JSON."""
        return json.dumps(self, sort_keys=True, default=default_serialize, separators=(",", ":"))


def build_deck(
    reconciliation: Reconciliation,
    basemap: dict[str, Any] | None,
    selected: str | None = None,
    source_names: dict[str, str] | None = None,
    every_origin: bool = False,
    size: tuple[int, int] = VISIBLE_PX,
) -> pdk.Deck:
    """The pydeck Deck: no map provider and no map style, so the browser fetches nothing.

    The basemap is the ``basemap`` GeoJsonLayer of country shapes drawn by deck.gl itself.

    Args:
        reconciliation: The movements of the chosen sources.
        basemap: Country shapes, or ``None``.
        selected: The selected movement id.
        source_names: Source id to outlet, for tooltips.
        every_origin: Frame every origin too, not only the destinations.
        size: The canvas in pixels, framed and labelled at the opening view.

    Returns:
        A Deck whose layers have the ids in :data:`LAYER_IDS`.
    """
    view = view_state(reconciliation, every_origin, selected, size)
    layers = [pdk.Layer(spec["type"], **_pydeck_kwargs(spec))
              for spec in build_layers(reconciliation, basemap, selected, source_names, view, size)]
    return CompactDeck(
        layers=layers,
        initial_view_state=pdk.ViewState(**view),
        # The world repeats east and west, so a map framed across the Pacific or zoomed out has no blank edge.
        views=[pdk.View(type="MapView", controller=True, repeat=True)],
        # No provider and no map_style argument: pydeck then sends its "__MAP_STYLE__" sentinel, which Streamlit
        # drops without substituting a style. An explicit map_style=None would make Streamlit fetch Carto's.
        map_provider=None,
        tooltip={"text": "{tooltip}"},
    )
