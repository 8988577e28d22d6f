"""The map as a pydeck spec: a pure function of a reconciliation, with fixed layer ids and no network."""

from __future__ import annotations

import functools
import json
import math
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import matplotlib
import pydeck as pdk
from matplotlib.ft2font import FT2Font, LoadFlags
from pydeck.bindings.json_tools import default_serialize

from extraction.flows import Movement, Reconciliation, home_place, place_key
from geo import Place, great_circle

BASEMAP = "basemap"
ARCS = "flow-arcs"
ARCS_GREAT_CIRCLE = "flow-arcs-great-circle"
ARROWHEADS = "flow-arrowheads"
DESTINATION_MARKERS = "flow-destination-markers"
NODES = "nodes"
ALERTS = "alert-rings"
BUILDUPS = "buildup-marks"
RULED_OUT = "ruled-out-marks"
LABELS = "labels"
LAYER_IDS: tuple[str, ...] = (
    BASEMAP,
    NODES,
    ALERTS,
    BUILDUPS,
    RULED_OUT,
    ARCS,
    ARCS_GREAT_CIRCLE,
    ARROWHEADS,
    DESTINATION_MARKERS,
    LABELS,
)
PICKABLE: frozenset[str] = frozenset({ARCS, ARCS_GREAT_CIRCLE, DESTINATION_MARKERS})

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
LABEL_SIZE_PX = 13  # the labels' font size
LABEL_LINE_PX = 15  # one line of label text
LABEL_PAD_PX = 2  # between labels side by side
LABEL_MAX_SHIFTS = 12  # lines a label may move before it is left where it was


def screen_xy(lon: float, lat: float, zoom: float) -> tuple[float, float]:
    """Web Mercator pixel coordinates at ``zoom`` (deck.gl's 512-pixel world at zoom 0)."""
    scale = 512 * 2 ** zoom
    lat = max(-85.05, min(85.05, lat))
    y = (1 - math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)) / math.pi) / 2 * scale
    return (lon + 180) / 360 * scale, y


# A FreeType face must not be used by two threads at once (it corrupts memory), and Streamlit runs each
# session's script on a thread of its own.
_FONT_LOCK = threading.Lock()


@functools.cache
def _advance_px(char: str) -> float:
    """How far ``char`` moves the pen in the labels' font (DejaVu Sans Bold, shipped with matplotlib)."""
    with _FONT_LOCK:
        font = _label_font()
        index = font.get_char_index(ord(char))
        if index == 0:  # not in the font: the browser falls back to another; assume a wide character
            return 0.8 * LABEL_SIZE_PX
        advance = font.load_glyph(index, flags=LoadFlags.NO_SCALE).horiAdvance
        return float(advance) * LABEL_SIZE_PX / font.units_per_EM


@functools.cache
def _label_font() -> FT2Font:
    return FT2Font(str(Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans-Bold.ttf"))


def _label_box(label: dict[str, Any], zoom: float) -> tuple[float, float, float, float]:
    lon, lat = label["position"]
    x, y = screen_xy(lon, lat, zoom)
    lines = label["text"].split("\n")
    width = max(sum(_advance_px(c) for c in line) for line in lines)
    height = len(lines) * LABEL_LINE_PX
    x += label["offset"][0] - {"start": 0.0, "middle": width / 2, "end": width}[label.get("anchor", "middle")]
    y += label["offset"][1] - height / 2  # deck.gl centres text on its position vertically
    return (x - LABEL_PAD_PX, y, x + width + LABEL_PAD_PX, y + height)  # a line's height already has a gap


def _overlaps(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _placements(label: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Where ``label`` may go, nearest first.

    As given, then mirrored to the other side of its place, then each of those a line further away from the
    place, a line nearer, two lines further, and so on.
    """
    x, y = label["offset"]
    anchor = label.get("anchor", "middle")
    sides = [(anchor, x)]
    if anchor in ("start", "end"):
        sides.append(("end" if anchor == "start" else "start", -x))
    away = -1 if y < 0 else 1
    shifts = [0] + [sign * n * LABEL_LINE_PX for n in range(1, LABEL_MAX_SHIFTS + 1) for sign in (away, -away)]
    for shift in shifts:
        for side_anchor, side_x in sides:
            yield {**label, "anchor": side_anchor, "offset": [side_x, y + shift]}


def declutter_labels(labels: list[dict[str, Any]], zoom: float) -> list[dict[str, Any]]:
    """Move labels that would print over each other at the map's opening ``zoom`` to free places nearby.

    Each label's box is estimated on screen (position projected, pixel offset, anchor, lines and characters).
    In list order (the first are the most important and never move), a label that overlaps one already
    placed takes the nearest free placement of :func:`_placements` (the other side of its place, then a line
    at a time up or down); when none is free within :data:`LABEL_MAX_SHIFTS` lines it stays where it was.
    Zooming in only moves places apart, so what is clear at the opening zoom stays clear.
    """
    placed: list[tuple[float, float, float, float]] = []
    out = []
    for label in labels:
        boxed = ((c, _label_box(c, zoom)) for c in _placements(label))
        chosen, box = next(((c, box) for c, box in boxed if not any(_overlaps(box, b) for b in placed)),
                           (label, _label_box(label, zoom)))
        placed.append(box)
        out.append(chosen)
    return out


def build_layers(
    reconciliation: Reconciliation,
    basemap: dict[str, Any] | None,
    selected: str | None = None,
    source_names: dict[str, str] | None = None,
    zoom: float | None = None,
) -> list[dict[str, Any]]:
    """The layer specs (plain dicts: ``type``, ``id`` and deck.gl props) for one reconciliation.

    Args:
        reconciliation: The movements of the chosen sources.
        basemap: Country shapes (:func:`dashboard.basemap.load_basemap`), or ``None`` to draw none.
        selected: The selected movement id, highlighted.
        source_names: Source id to outlet, for tooltips.
        zoom: The map's opening zoom, at which labels are kept apart (default: :func:`view_state`'s).

    Returns:
        One dict per layer id in :data:`LAYER_IDS`, in drawing order.
    """
    names = source_names or {}
    arcs: list[dict[str, Any]] = []
    great_arcs: list[dict[str, Any]] = []
    arrows: list[dict[str, Any]] = []
    markers: list[dict[str, Any]] = []
    alerts: list[dict[str, Any]] = []
    buildups: list[dict[str, Any]] = []
    ruled: list[dict[str, Any]] = []
    labels: list[dict[str, Any]] = []
    node_totals: dict[str, tuple[Place, int]] = {}
    dest_labels: dict[str, tuple[Place, list[str]]] = {}

    def add_node(place: Place, count: int | None) -> None:
        key = place_key(place) if place.precision in ("country", "region") else place.name
        prev = node_totals.get(key, (place, 0))
        node_totals[key] = (prev[0], prev[1] + (count or 0))

    for m in reconciliation.movements:
        colour = _colour(m, selected)
        count = m.consensus.low
        text = m.consensus.text if m.consensus.low is not None or m.kind == "buildup" else "troops"
        dests = [p for p in m.destinations if p.resolved]
        row = _flow_row(m, names)
        if m.kind == "alert":
            where = m.origin or home_place(m.force)
            if where is not None:
                alerts.append({**row, "position": _pos(where), "colour": [*colour, 230]})
                labels.append({"position": _pos(where), "text": f"{text} on alert", "colour": [120, 90, 0, 255],
                               "offset": [0, 28], "anchor": "middle"})
            continue
        if m.kind == "buildup":
            for p in dests:
                buildups.append({**row, "position": _pos(p), "radius": 40000 + 600 * math.sqrt(count or 10000),
                                 "colour": [*colour, 110]})
            if dests:
                labels.append({"position": _centroid(dests), "text": f"{m.force}: {text}", "colour": [150, 20, 20, 255],
                               "offset": [16, -16], "anchor": "start"})
            continue
        if not dests:
            continue
        if m.origin is None or not m.origin.resolved:
            for p in dests:
                markers.append({**row, "position": _pos(p), "colour": [*colour, 120 if m.combined else 220],
                                "radius": 6 + width_px(None if m.combined else count)})
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
                if not m.combined:
                    add_node(p, count)
        if m.combined:
            labels.append({"position": _centroid(dests), "text": f"{text} combined", "colour": [70, 90, 130, 255],
                           "offset": [0, -20], "anchor": "middle"})
        else:
            for p in dests:
                entry = dest_labels.setdefault(place_key(p), (p, []))
                entry[1].append(text if m.origin is not None else f"{text} (no origin)")

    counts = []  # the destination figures: placed first, so other labels make way for them
    for place, texts in dest_labels.values():
        lines = list(dict.fromkeys(texts))
        if place.precision == "region":
            # A region's dot is only its middle (Eastern Europe's lies in Ukraine): the label says what it stands for.
            lines.insert(0, f"{place.name} (region)")
        counts.append({"position": _pos(place), "text": "\n".join(lines), "colour": [20, 20, 20, 255],
                       "offset": [10, 10], "anchor": "start"})
    for r in reconciliation.ruled_out:
        for p in r.places:
            if p.resolved:
                ruled.append({"position": _pos(p), "text": "✕"})
                labels.append({"position": _pos(p), "text": r.label, "colour": [40, 40, 40, 255], "offset": [0, 22],
                               "anchor": "middle"})
    labels = declutter_labels([*counts, *labels], view_state(reconciliation)["zoom"] if zoom is None else zoom)
    nodes = [{"position": _pos(p), "name": p.name, "total": total, "radius": 4 + math.sqrt(total) / 6}
             for p, total in node_totals.values()]

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
    return [
        layer("GeoJsonLayer", BASEMAP, basemap or {"type": "FeatureCollection", "features": []}, stroked=True,
              filled=True, getFillColor=[236, 233, 226], getLineColor=[170, 170, 170], lineWidthMinPixels=0.6),
        layer("ScatterplotLayer", NODES, nodes, getPosition="position", getRadius="radius", radiusUnits="pixels",
              getFillColor=[60, 60, 60, 70], stroked=True, getLineColor=[60, 60, 60, 160], lineWidthMinPixels=1),
        layer("ScatterplotLayer", ALERTS, alerts, getPosition="position", getRadius=18, radiusUnits="pixels",
              filled=False, stroked=True, getLineColor="colour", lineWidthMinPixels=4),
        layer("ScatterplotLayer", BUILDUPS, buildups, getPosition="position", getRadius="radius",
              getFillColor="colour", stroked=True, getLineColor=[200, 30, 30, 220], lineWidthMinPixels=2),
        layer("TextLayer", RULED_OUT, ruled, getPosition="position", getText="text", getSize=26,
              getColor=[40, 40, 40, 255], characterSet="auto", fontFamily="DejaVu Sans, sans-serif",
              parameters=ON_TOP),
        layer("ArcLayer", ARCS, arcs, **arc_props),
        layer("ArcLayer", ARCS_GREAT_CIRCLE, great_arcs, greatCircle=True, **arc_props),
        layer("SolidPolygonLayer", ARROWHEADS, arrows, getPolygon="polygon", getFillColor="colour"),
        layer("ScatterplotLayer", DESTINATION_MARKERS, markers, getPosition="position", getRadius="radius",
              radiusUnits="pixels", getFillColor="colour", stroked=True, getLineColor=[255, 255, 255, 230],
              lineWidthMinPixels=2, autoHighlight=True),
        layer("TextLayer", LABELS, labels, getPosition="position", getText="text", getColor="colour",
              getSize=LABEL_SIZE_PX, getTextAnchor="anchor", getPixelOffset="offset", characterSet="auto",
              fontFamily="DejaVu Sans, sans-serif", fontWeight="bold", outlineWidth=3,
              outlineColor=[255, 255, 255, 230], fontSettings={"sdf": True}, parameters=ON_TOP),
    ]


def view_state(reconciliation: Reconciliation, every_origin: bool = False) -> dict[str, float]:
    """Centre and zoom that fit the drawn places (Europe when nothing is placed).

    When origins and destinations span more than 60° of longitude, only destinations are framed,
    unless ``every_origin`` asks for the whole span (Fort Bragg and Poland both on screen).
    """
    def placed(places: Iterable[Place]) -> list[tuple[float, float]]:
        return [(float(p.lon), float(p.lat)) for p in places if p.resolved and p.lon is not None and p.lat is not None]

    points = placed(p for m in reconciliation.movements for p in (*m.destinations, *([m.origin] if m.origin else [])))
    if points and not every_origin and max(x for x, _ in points) - min(x for x, _ in points) > 60:
        # Transatlantic: frame where the troops go (labels stay readable); arcs enter from the edge.
        points = placed(p for m in reconciliation.movements for p in m.destinations) or points
    if not points:
        return {"longitude": 15.0, "latitude": 50.0, "zoom": 3.0, "pitch": 0.0, "bearing": 0.0}
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    span = max(max(lons) - min(lons), (max(lats) - min(lats)) * 1.6, 30.0)
    zoom = max(1.0, min(6.0, math.log2(360.0 / span) - 0.5))
    return {"longitude": (min(lons) + max(lons)) / 2, "latitude": (min(lats) + max(lats)) / 2, "zoom": round(zoom, 2),
            "pitch": 0.0, "bearing": 0.0}


def _pydeck_kwargs(spec: dict[str, Any]) -> dict[str, Any]:
    """Pydeck reads every string as an accessor expression; quote the ones that are plain values."""
    out = {}
    for key, value in spec.items():
        if key == "type":
            continue
        if isinstance(value, str) and key not in ("id",) and not key.startswith("get"):
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
) -> pdk.Deck:
    """The pydeck Deck: no map provider and no map style, so the browser fetches nothing.

    The basemap is the ``basemap`` GeoJsonLayer of country shapes drawn by deck.gl itself.

    Args:
        reconciliation: The movements of the chosen sources.
        basemap: Country shapes, or ``None``.
        selected: The selected movement id.
        source_names: Source id to outlet, for tooltips.
        every_origin: Frame every origin too, not only the destinations.

    Returns:
        A Deck whose layers have the ids in :data:`LAYER_IDS`.
    """
    view = view_state(reconciliation, every_origin)
    layers = [pdk.Layer(spec["type"], **_pydeck_kwargs(spec))
              for spec in build_layers(reconciliation, basemap, selected, source_names, view["zoom"])]
    return CompactDeck(
        layers=layers,
        initial_view_state=pdk.ViewState(**view),
        # No provider and no map_style argument: pydeck then sends its "__MAP_STYLE__" sentinel, which Streamlit
        # drops without substituting a style. An explicit map_style=None would make Streamlit fetch Carto's.
        map_provider=None,
        tooltip={"text": "{tooltip}"},
    )
