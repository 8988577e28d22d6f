"""The map as a still picture (PNG or SVG), drawn on the server with matplotlib and geopandas, offline.

It draws the same reconciliation the dashboard shows (:func:`extraction.flows.reconcile` for the chosen
sources): great-circle curves with arrowheads, widths by count, count labels, node markers, alert rings,
buildup discs and ruled-out crosses, a legend, the title, the credit line and the data attribution.
A combined claim is drawn as combined (thin, pale, dashed lines and one ``2,000 combined`` label), never as
separate full flows; places that could not be resolved are never drawn; negated claims are crosses.

The projection is a Lambert azimuthal equal-area projection centred on what is drawn, so a flow from
Fort Bragg, North Carolina to Poland keeps both of its ends on the map at a true-ish shape.
"""

from __future__ import annotations

import io
import json
import math
import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

import geopandas as gpd
import matplotlib
import numpy as np
import shapely
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from pyproj import Transformer
from shapely.geometry import box

import geo
from dashboard.basemap import countries_around, country_labels
from dashboard.credits import DATA_ATTRIBUTION, credit_line
from dashboard.deck import KIND_COLOURS
from dashboard.labels import Box, Label, LabelLayout, disc, figure, label_key, no_destination, text_size
from extraction.flows import Reconciliation, home_place, place_key
from extraction.model import Source
from geo import Place

Format = Literal["png", "svg"]

SIZES: dict[str, tuple[int, int]] = {"1920x1080": (1920, 1080), "1080x1080": (1080, 1080), "1200x675": (1200, 675)}
DEFAULT_SIZE = (1920, 1080)
DESIGN_DPI = 100  # sizes are pixels at this resolution; a higher --dpi scales the same layout up (print)
PRINT_DPI = 300
MAX_PIXELS = 12000

FONT = "DejaVu Sans"  # ships with matplotlib: every machine renders the same glyphs
INK = "#1d1d1d"
MUTED = "#5b5b5b"
LAND = "#efece6"
SEA = "#dce6ee"
BORDER = "#b4b0a8"
HIGHLIGHT_LAND = "#e4dccb"
COMBINED_COLOUR = "#7f93b8"
COUNTRY_NAME = "#8c877d"
RULED_OUT_COLOUR = "#303030"
ARC_POINTS = 64


@dataclass(frozen=True)
class MapText:
    """The words on the picture.

    Attributes:
        title: Large headline.
        subtitle: One line under it (may be empty).
        credit: ``Sources: CNN, 2 Feb 2022; ...``.
        attribution: Data attribution for the basemap and gazetteer.
    """

    title: str
    subtitle: str
    credit: str
    attribution: str = DATA_ATTRIBUTION


@dataclass(frozen=True)
class Frame:
    """Output size: ``width`` x ``height`` pixels at :data:`DESIGN_DPI`, rendered at ``dpi``."""

    width: int = DEFAULT_SIZE[0]
    height: int = DEFAULT_SIZE[1]
    dpi: int = DESIGN_DPI

    @property
    def scale(self) -> float:
        """Type and line scale: 1.0 for a 1080-pixel short side."""
        return min(self.width, self.height) / 1080.0


def parse_size(text: str) -> tuple[int, int]:
    """``1920x1080`` (or ``1920×1080``) to ``(1920, 1080)``.

    Raises:
        ValueError: when the text is not two positive integers, or the picture would be absurdly large.
    """
    parts = text.lower().replace("×", "x").split("x")
    if len(parts) != 2 or not all(p.strip().isdigit() for p in parts):
        raise ValueError(f"size must look like 1920x1080 (known sizes: {', '.join(SIZES)}), not {text!r}")
    width, height = (int(p) for p in parts)
    if not (200 <= width <= MAX_PIXELS and 200 <= height <= MAX_PIXELS):
        raise ValueError(f"size {text!r} is out of range: each side must be 200 to {MAX_PIXELS} pixels")
    return width, height


def default_title(reconciliation: Reconciliation) -> str:
    """A plain headline for the view: how many sources it draws from."""
    n = len(reconciliation.source_ids)
    return "Troop movements reported in the news" + ("" if n == 0 else f" ({n} source{'s' if n != 1 else ''})")


def map_text(
    reconciliation: Reconciliation, sources: Sequence[Source], title: str | None = None, subtitle: str | None = None
) -> MapText:
    """The title, subtitle and credit line for a view (defaults where none are given)."""
    default_sub = "Every figure as the article states it; combined totals are never split"
    return MapText(
        title=title if title else default_title(reconciliation),
        subtitle=default_sub if subtitle is None else subtitle,
        credit=credit_line(sources, reconciliation.source_ids),
    )


# ---------------------------------------------------------------------------------------------------------------
# What to draw: a pure function from a reconciliation to drawing items (tested without matplotlib).


@dataclass(frozen=True)
class Arc:
    """One curve from an origin to one destination."""

    movement_id: str
    kind: str
    origin: Place
    destination: Place
    count: int | None
    combined: bool


@dataclass(frozen=True)
class Mark:
    """A point symbol with a label: ``node``, ``origin``, ``destination``, ``alert``, ``buildup``, ``ruled_out``."""

    kind: str
    place: Place
    label: str
    count: int | None = None


@dataclass(frozen=True)
class Drawing:
    """Everything the picture shows, in drawing order."""

    arcs: tuple[Arc, ...]
    marks: tuple[Mark, ...]
    combined_labels: tuple[tuple[tuple[Place, ...], str], ...]


def _placed(places: Iterable[Place]) -> list[Place]:
    return [p for p in places if p.resolved]


def drawing(reconciliation: Reconciliation) -> Drawing:
    """What the picture shows for a reconciliation (unresolved places are left out, negations are crosses).

    Args:
        reconciliation: Movements of the chosen sources.

    Returns:
        Arcs, point marks with their labels, and one label per combined movement.
    """
    arcs: list[Arc] = []
    marks: list[Mark] = []
    combined: list[tuple[tuple[Place, ...], str]] = []
    dest_lines: dict[tuple[str, float | None, float | None], tuple[Place, list[str], int]] = {}
    origins: dict[str, Place] = {}
    for m in reconciliation.movements:
        count = m.consensus.low
        text = figure(m)
        dests = _placed(m.destinations)
        if m.kind == "alert":
            where = m.origin if m.origin is not None and m.origin.resolved else home_place(m.force)
            if where is not None:
                marks.append(Mark("alert", where, f"{m.force}: {text} on alert", count))
            continue
        if m.kind == "buildup":
            for p in dests:
                marks.append(Mark("buildup", p, f"{m.force} buildup: {text}\n{p.name}", count))
            continue
        if not dests:
            if m.origin is not None and m.origin.resolved:  # troops leaving, destination not stated
                marks.append(Mark("destination", m.origin, no_destination(m, text), count))
            continue
        has_origin = m.origin is not None and m.origin.resolved
        if has_origin and m.origin is not None:
            origins.setdefault(m.origin.name, m.origin)
            arcs.extend(Arc(m.id, m.kind, m.origin, p, count, m.combined) for p in dests)
        if m.combined:
            combined.append((tuple(dests), f"{text} combined\n{_names(dests)}"))
            continue
        for p in dests:
            key = label_key(p)
            line = text if has_origin else f"{text} (origin not stated)"
            if has_origin and m.origin is not None:
                line = f"{text} from {_short(m.origin)}"
            place, lines, total = dest_lines.get(key, (p, [], 0))
            dest_lines[key] = (place, [*lines, line] if line not in lines else lines, total + (count or 0))
    for r in reconciliation.ruled_out:
        for p in _placed(r.places):
            marks.append(Mark("ruled_out", p, r.label))
    for place, lines, total in dest_lines.values():
        marks.append(Mark("destination", place, "\n".join([place.name, *lines]), total or None))
    for place in origins.values():
        if all(place_key(place) != place_key(mark.place) for mark in marks if mark.kind == "destination"):
            marks.append(Mark("origin", place, place.name))
    for places, _ in combined:
        for p in places:
            if all(place_key(p) != place_key(mark.place) for mark in marks if mark.kind == "destination"):
                marks.append(Mark("node", p, p.name))
    return Drawing(tuple(arcs), tuple(_dedupe(marks)), tuple(combined))


def _dedupe(marks: list[Mark]) -> list[Mark]:
    seen: set[tuple[str, object]] = set()
    out = []
    for mark in marks:
        where: object
        if mark.kind == "origin":
            where = mark.place.name
        elif mark.kind == "destination":  # one per place drawn: a city and its country are two, each with figures
            where = label_key(mark.place)
        else:
            where = place_key(mark.place)
        key = (mark.kind, where)
        if key not in seen:
            seen.add(key)
            out.append(mark)
    return out


def _names(places: Sequence[Place]) -> str:
    names = [p.name for p in places]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _short(place: Place) -> str:
    return place.name.split(",")[0]


# ---------------------------------------------------------------------------------------------------------------
# Projection and extent.


def _lonlat(place: Place) -> tuple[float, float]:
    return float(place.lon or 0.0), float(place.lat or 0.0)


def _centre(points: Sequence[tuple[float, float]]) -> tuple[float, float]:
    """The spherical mean of points, rounded to whole degrees (so the basemap cache is reused)."""
    if not points:
        return 15.0, 50.0
    x = y = z = 0.0
    for lon, lat in points:
        lo, la = math.radians(lon), math.radians(lat)
        x += math.cos(la) * math.cos(lo)
        y += math.cos(la) * math.sin(lo)
        z += math.sin(la)
    lon = math.degrees(math.atan2(y, x))
    lat = math.degrees(math.atan2(z, math.hypot(x, y)))
    return float(round(lon)), float(round(lat))


def _crs(centre: tuple[float, float]) -> str:
    return f"+proj=laea +lat_0={centre[1]:g} +lon_0={centre[0]:g} +datum=WGS84 +units=m +no_defs"


@lru_cache(maxsize=16)
def _transformer(crs: str) -> Transformer:
    return Transformer.from_crs("EPSG:4326", crs, always_xy=True)


def _east_of_antimeridian(coords: np.ndarray) -> np.ndarray:
    return np.column_stack([np.where(coords[:, 0] < 0, coords[:, 0] + 360.0, coords[:, 0]), coords[:, 1]])


@lru_cache(maxsize=2)
def _countries(path: str) -> gpd.GeoDataFrame | None:
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except (OSError, ValueError):
        return None
    world = gpd.GeoDataFrame.from_features(data["features"], crs="EPSG:4326").explode(index_parts=False)
    # A part drawn across the antimeridian (Russia's Chukotka) comes as one ring from +180 to -180; its
    # negative longitudes are moved east by 360 so the ring is whole instead of a band across the globe.
    wraps = (world.bounds["maxx"] - world.bounds["minx"]) > 180
    shifted = shapely.transform(world.loc[wraps, "geometry"].values, _east_of_antimeridian)
    world.loc[wraps, "geometry"] = shapely.make_valid(shifted)
    return world


@lru_cache(maxsize=16)
def _basemap(path: str, centre: tuple[float, float]) -> gpd.GeoDataFrame | None:
    """Countries within reach of the centre, projected (cached per centre)."""
    world = _countries(path)
    if world is None:
        return None
    # The azimuthal projection blows up towards the antipode: keep the side of the globe facing the centre.
    lon, lat = centre
    window = box(max(-180.0, lon - 100.0), max(-89.9, lat - 90.0), min(180.0, lon + 100.0), min(89.9, lat + 90.0))
    window = window.segmentize(1.0)  # cut edges follow the meridians and parallels once projected
    near = world.clip(window).explode(index_parts=False)
    near = near[near.geom_type.isin(("Polygon", "MultiPolygon"))]  # clipping leaves stray edges as lines
    projected = near.to_crs(_crs(centre))
    projected["geometry"] = projected.geometry.simplify(4000)  # 4 km: invisible at these scales, 5x faster
    return projected


def _project(points: Sequence[tuple[float, float]], crs: str) -> tuple[list[float], list[float]]:
    xs, ys = _transformer(crs).transform([p[0] for p in points], [p[1] for p in points])
    return list(xs), list(ys)


def _extent(xs: Sequence[float], ys: Sequence[float], aspect: float) -> tuple[float, float, float, float]:
    """A box around the points with room for labels, widened to the map area's aspect (width / height)."""
    if not xs:
        xs, ys = [-1.5e6, 1.5e6], [-1.0e6, 1.0e6]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    width, height = max(x1 - x0, 8e5), max(y1 - y0, 6e5)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    width, height = width * 1.3 + 6e5, height * 1.3 + 6e5  # labels beside the easternmost and top places
    if width / height < aspect:
        width = height * aspect
    else:
        height = width / aspect
    return cx - width / 2, cx + width / 2, cy - height / 2, cy + height / 2


# ---------------------------------------------------------------------------------------------------------------
# Drawing.


def line_width(count: int | None, scale: float = 1.0) -> float:
    """Curve width in points: grows with the square root of the count, so 300 and 3,000 both read."""
    if count is None:
        return 1.6 * scale
    return (1.4 + 0.11 * math.sqrt(max(count, 0))) * scale


def _rgb(kind: str) -> tuple[float, float, float]:
    r, g, b = KIND_COLOURS.get(kind, (90, 90, 90))
    return r / 255, g / 255, b / 255


class _Labeller:
    """Places labels with :class:`dashboard.labels.LabelLayout` (the live map's rule) in display pixels."""

    def __init__(self, ax: Axes, fig: Figure) -> None:
        self.ax = ax
        self.fig = fig
        self.height = fig.bbox.height
        bbox = ax.get_window_extent()
        self.layout = LabelLayout(frame=self._box(bbox.x0, bbox.y0, bbox.x1, bbox.y1))

    def _box(self, x0: float, y0: float, x1: float, y1: float) -> Box:
        """Matplotlib's display box (y up) as a screen box (y down)."""
        return (x0, self.height - y1, x1, self.height - y0)

    def block_display(self, x0: float, y0: float, x1: float, y1: float) -> None:
        self.layout.block(self._box(x0, y0, x1, y1))

    def block(self, x: float, y: float, radius_px: float) -> None:
        dx, dy = self.ax.transData.transform((x, y))
        self.layout.block(disc(dx, self.height - dy, radius_px))

    def name(self, x: float, y: float, text: str, size: float, **style: Any) -> None:
        """A country's name at its label point, or beside it, or nothing when anything else is there already."""
        px = self.fig.dpi / 72.0
        width, height = text_size(text, size * px, False, STATIC_LINE_HEIGHT)
        ax_, ay_ = self.ax.transData.transform((x, y))
        gap = 0.5 * size * px  # between two names side by side
        placed = self.layout.place(Label(ax_, self.height - ay_, width + 2 * gap, height, optional=True))
        if placed is not None:  # centred on the point, or just beside it where that is free
            dx = (placed.left + gap + width / 2 - ax_) / px
            dy = -(placed.top + height / 2 - (self.height - ay_)) / px
            self.ax.annotate(text, (x, y), xytext=(dx, dy), textcoords="offset points", ha="center", va="center",
                             fontsize=size, fontfamily=FONT, annotation_clip=False, zorder=4, **style)

    def place(self, x: float, y: float, text: str, size: float, gap: float = 0.0, **style: Any) -> None:
        px = self.fig.dpi / 72.0
        pad = LABEL_PAD * size * px
        width, height = text_size(text, size * px, style.get("fontweight") == "bold", STATIC_LINE_HEIGHT)
        ax_, ay_ = self.ax.transData.transform((x, y))
        sx, sy = ax_, self.height - ay_
        placed = self.layout.place(Label(sx, sy, width + 2 * pad, height + 2 * pad, max(gap, 0.7 * size) * px))
        assert placed is not None  # only optional labels are ever left out
        leader = {"arrowstyle": "-", "color": "#777777", "linewidth": 0.8, "shrinkA": 0, "shrinkB": 3}
        # The text's top-left corner, inside its padded box, as an offset from the place (points, y up).
        dx, dy = (placed.left + pad - sx) / px, -(placed.top + pad - sy) / px
        self.ax.annotate(text, (x, y), xytext=(dx, dy), textcoords="offset points", ha="left", va="top",
                         fontsize=size, fontfamily=FONT, linespacing=1.1, annotation_clip=False,
                         bbox={"boxstyle": f"round,pad={LABEL_PAD * 0.9:g}", "facecolor": (1, 1, 1, 0.8),
                               "edgecolor": "none"},
                         arrowprops=leader if placed.leader else None, zorder=20, **style)


Corner = Literal["lower left", "lower right", "upper left", "upper right"]


def _free_corner(axes: Any, width: float, height: float, points: Sequence[Any]) -> Corner:
    """The corner of the map (lower left first) where a legend of this size covers the fewest marks."""
    corners: dict[Corner, tuple[float, float]] = {
        "lower left": (axes.x0, axes.y0), "lower right": (axes.x1 - width, axes.y0),
        "upper left": (axes.x0, axes.y1 - height), "upper right": (axes.x1 - width, axes.y1 - height)}

    def covered(corner: tuple[float, float]) -> int:
        x0, y0 = corner
        return sum(1 for x, y in points if x0 - 10 <= x <= x0 + width + 10 and y0 - 10 <= y <= y0 + height + 10)

    return min(corners, key=lambda name: covered(corners[name]))


def _radius(mark: Mark) -> float:
    """A mark's radius in points (half its marker size)."""
    radius = {"alert": 17.0, "buildup": 11 + 0.03 * math.sqrt(mark.count or 10000), "ruled_out": 9.0}
    return radius.get(mark.kind, 5.0)


LABEL_PAD = 0.2  # white box around a label, in font sizes
STATIC_LINE_HEIGHT = 1.3  # matplotlib's line height at linespacing 1.1, in font sizes


def _legend_handles(scale: float) -> list[Line2D]:
    def line(colour: Any, width: float, label: str, **kw: Any) -> Line2D:
        return Line2D([], [], color=colour, linewidth=width * scale, label=label, **kw)

    def point(marker: str, label: str, **kw: Any) -> Line2D:
        return Line2D([], [], linestyle="none", marker=marker, label=label, **kw)

    return [
        line(_rgb("deploy"), line_width(1000), "Deployment (arrow points where troops go)"),
        line(_rgb("relocate"), line_width(1000), "Troops already abroad moving on"),
        line(COMBINED_COLOUR, 1.6, "One total for several places (not split)", linestyle=(0, (4, 2))),
        line(MUTED, line_width(300), "Width by troops: 300"),
        line(MUTED, line_width(3000), "3,000"),
        point("o", "Troops on alert, not yet moving", markerfacecolor="none", markeredgecolor=_rgb("alert"),
              markeredgewidth=2.5 * scale, markersize=14 * scale),
        point("o", "Forces gathering (buildup)", markerfacecolor=(*_rgb("buildup"), 0.35),
              markeredgecolor=_rgb("buildup"), markersize=14 * scale),
        point("X", "Ruled out by the sources", color=RULED_OUT_COLOUR, markersize=11 * scale),
    ]


def render(
    reconciliation: Reconciliation,
    text: MapText,
    frame: Frame = Frame(),
    fmt: Format = "png",
    shapes_path: str | None = None,
) -> bytes:
    """Draw the map for a reconciliation and return the file's bytes.

    Args:
        reconciliation: Movements of the chosen sources (:func:`extraction.flows.reconcile`).
        text: Title, subtitle, credit line and data attribution.
        frame: Pixel size (at :data:`DESIGN_DPI`) and output resolution.
        fmt: ``png`` or ``svg``.
        shapes_path: Country shapes GeoJSON; defaults to :func:`geo.country_shapes_path`.

    Returns:
        PNG or SVG bytes (SVG text stays text, escaped, in DejaVu Sans).
    """
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "troop-movements", "font.family": FONT}):
        fig = _figure(reconciliation, text, frame, shapes_path or str(geo.country_shapes_path()))
        out = io.BytesIO()
        metadata: dict[str, Any] = {"Software": None} if fmt == "png" else {"Date": None, "Creator": None}
        fig.savefig(out, format=fmt, dpi=frame.dpi, metadata=metadata)
    return out.getvalue()


LINE_SPACING = 1.2


@dataclass(frozen=True)
class _Block:
    lines: tuple[str, ...]
    size: float

    @property
    def height(self) -> float:
        """Height in design pixels."""
        return len(self.lines) * self.size * LINE_SPACING * DESIGN_DPI / 72


@dataclass(frozen=True)
class _Layout:
    title: _Block
    subtitle: _Block
    credit: _Block
    attribution: _Block
    title_y: float
    subtitle_y: float
    credit_y: float
    attribution_y: float
    header: float
    footer: float


def _block(text: str, size: float, width_px: float, max_lines: int, bold: bool = False) -> _Block:
    """Text wrapped to the frame (shrunk one step first when it would need more than ``max_lines``)."""
    for step in (1.0, 0.82, 0.7):
        per_char = (0.66 if bold else 0.58) * size * step * DESIGN_DPI / 72
        lines = textwrap.wrap(text, max(12, int(width_px / per_char))) or [""]
        if len(lines) <= max_lines:
            return _Block(tuple(lines), size * step)
    return _Block((*lines[: max_lines - 1], textwrap.shorten(" ".join(lines[max_lines - 1:]), len(lines[0]))),
                  size * step)


def _text_layout(text: MapText, frame: Frame) -> _Layout:
    """Where the header and footer text go, in design pixels from the top; long text wraps, never runs off."""
    s = frame.scale
    width = frame.width - 72 * s
    title = _block(text.title, 30 * s, width, 2, bold=True)
    subtitle = _block(text.subtitle, 15 * s, width, 2)
    credit = _block(text.credit, 12 * s, width, 4)
    attribution = _block(text.attribution, 10.5 * s, width, 2)
    title_y = 28 * s
    subtitle_y = title_y + title.height + 8 * s
    header = (subtitle_y + subtitle.height if text.subtitle else title_y + title.height) + 22 * s
    footer = 14 * s + credit.height + 6 * s + attribution.height + 12 * s
    credit_y = frame.height - footer + 14 * s
    return _Layout(title, subtitle, credit, attribution, title_y, subtitle_y, credit_y,
                   credit_y + credit.height + 6 * s, header, footer)


def _figure(reconciliation: Reconciliation, text: MapText, frame: Frame, shapes_path: str) -> Figure:
    s = frame.scale
    fig = Figure(figsize=(frame.width / DESIGN_DPI, frame.height / DESIGN_DPI), dpi=frame.dpi, facecolor="white")
    canvas = FigureCanvasAgg(fig)  # a renderer for measuring the legend (savefig picks the format's own canvas)
    layout = _text_layout(text, frame)
    header, footer, margin = layout.header / frame.height, layout.footer / frame.height, 36 * s / frame.width
    ax = fig.add_axes((0.0, footer, 1.0, 1.0 - header - footer))
    ax.set_axis_off()
    ax.add_patch(matplotlib.patches.Rectangle((0, 0), 1, 1, transform=ax.transAxes, facecolor=SEA, zorder=0))

    items = drawing(reconciliation)
    lonlats = [_lonlat(a.origin) for a in items.arcs] + [_lonlat(a.destination) for a in items.arcs]
    lonlats += [_lonlat(m.place) for m in items.marks]
    centre = _centre(lonlats)
    crs = _crs(centre)
    curves = [_project(geo.great_circle(_lonlat(a.origin), _lonlat(a.destination), ARC_POINTS), crs)
              for a in items.arcs]
    px, py = _project(lonlats, crs) if lonlats else ([], [])
    xs = [x for c in curves for x in c[0]] + px
    ys = [y for c in curves for y in c[1]] + py
    map_w, map_h = frame.width, frame.height * (1.0 - header - footer)
    x0, x1, y0, y1 = _extent(xs, ys, map_w / map_h)

    basemap = _basemap(shapes_path, centre)
    if basemap is not None:
        highlight = {p.country_code for a in items.arcs for p in (a.destination,) if p.country_code}
        highlight |= {m.place.country_code for m in items.marks if m.kind in ("destination", "buildup")
                      and m.place.country_code}
        fills = [HIGHLIGHT_LAND if code in highlight else LAND for code in basemap["iso_a2"]]
        basemap.plot(ax=ax, color=fills, edgecolor=BORDER, linewidth=0.6 * s, zorder=1)
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect("equal")

    # Curves: widest first so thin ones stay visible on top; combined ones pale and dashed.
    order = sorted(range(len(items.arcs)), key=lambda i: -(items.arcs[i].count or 0))
    for i in order:
        arc, (cx, cy) = items.arcs[i], curves[i]
        colour = COMBINED_COLOUR if arc.combined else _rgb(arc.kind)
        width = line_width(None, s) if arc.combined else line_width(arc.count, s)
        end = len(cx) - 4
        ax.plot(cx[: end + 1], cy[: end + 1], color=colour, linewidth=width, solid_capstyle="round",
                linestyle=(0, (5, 3)) if arc.combined else "-", alpha=0.8 if arc.combined else 0.9, zorder=5)
        ax.annotate("", xy=(cx[-1], cy[-1]), xytext=(cx[end], cy[end]), annotation_clip=False, zorder=6,
                    arrowprops={"arrowstyle": "-|>", "color": colour, "linewidth": width * 0.6,
                                "mutation_scale": (10 + 2.2 * width) * (0.8 if arc.combined else 1.0),
                                "shrinkA": 0, "shrinkB": 4 * s, "alpha": 0.8 if arc.combined else 1.0})

    proj = _transformer(crs)
    legend = ax.legend(handles=_legend_handles(s), loc="lower left", fontsize=11 * s, frameon=True,
                       framealpha=0.92, edgecolor="#cccccc", borderpad=0.8, labelspacing=0.55, handlelength=2.6,
                       title="Legend", title_fontsize=11.5 * s, alignment="left")
    legend.set_zorder(30)
    box_ = legend.get_window_extent(canvas.get_renderer())
    marks = [ax.transData.transform(proj.transform(*_lonlat(m.place))) for m in items.marks]
    corner = _free_corner(ax.get_window_extent(), box_.width, box_.height, marks)
    if corner != "lower left":  # a mark lies under the legend in its usual corner: move it to a free one
        legend.set_loc(corner)
        box_ = legend.get_window_extent(canvas.get_renderer())
    labeller = _Labeller(ax, fig)
    labeller.block_display(box_.x0, box_.y0, box_.x1, box_.y1)
    for arc in items.arcs:  # keep labels off the arrowheads
        for p in (arc.origin, arc.destination):
            labeller.block(*proj.transform(*_lonlat(p)), 10 * s * fig.dpi / 72)
    for mark in items.marks:
        x, y = proj.transform(*_lonlat(mark.place))
        if mark.kind == "alert":
            ax.plot(x, y, marker="o", markersize=34 * s, markerfacecolor="none", markeredgecolor=_rgb("alert"),
                    markeredgewidth=4 * s, zorder=8)
        elif mark.kind == "buildup":
            ax.plot(x, y, marker="o", markersize=(22 + 0.06 * math.sqrt(mark.count or 10000)) * s,
                    markerfacecolor=(*_rgb("buildup"), 0.3), markeredgecolor=_rgb("buildup"),
                    markeredgewidth=1.5 * s, zorder=7)
        elif mark.kind == "ruled_out":
            ax.plot(x, y, marker="X", markersize=16 * s, color=RULED_OUT_COLOUR, markeredgecolor="white",
                    markeredgewidth=1.2 * s, zorder=25)  # above any label box
        else:
            ax.plot(x, y, marker="o", markersize=8 * s, color=INK, markeredgecolor="white",
                    markeredgewidth=1.5 * s, zorder=9)
        labeller.block(x, y, _radius(mark) * s * fig.dpi / 72)  # keep labels off the symbol itself
    for mark in sorted(items.marks, key=lambda m: ("destination", "ruled_out", "buildup", "alert", "origin",
                                                   "node").index(m.kind)):
        x, y = proj.transform(*_lonlat(mark.place))
        label_size = 13 * s if mark.kind in ("destination", "alert", "buildup") else 11.5 * s
        colour = {"alert": "#7a5a00", "buildup": "#8a1414", "ruled_out": RULED_OUT_COLOUR}.get(mark.kind, INK)
        weight = "bold" if mark.kind in ("destination", "alert", "buildup") else "normal"
        style = "italic" if mark.kind in ("origin", "node") else "normal"
        labeller.place(x, y, mark.label, label_size, gap=(_radius(mark) + 3) * s,
                       color=colour if mark.kind != "origin" else MUTED, fontweight=weight, fontstyle=style)
    for places, label in items.combined_labels:
        pts = [proj.transform(*_lonlat(p)) for p in places]
        labeller.place(sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts), label, 12.5 * s,
                       color="#3d5382", fontweight="bold")
    # The countries the flows touch and their neighbours, named as on the live map where nothing else is.
    touched = {p.country_code for a in items.arcs for p in (a.origin, a.destination) if p.country_code}
    touched |= {m.place.country_code for m in items.marks if m.place.country_code}
    for country in countries_around(touched, country_labels()):
        x, y = proj.transform(country.lon, country.lat)
        if x0 <= x <= x1 and y0 <= y <= y1 and math.isfinite(x):
            labeller.name(x, y, country.name, 10.5 * s, color=COUNTRY_NAME, fontstyle="italic")


    def put(y_px: float, block: _Block, **style: Any) -> None:
        fig.text(margin, 1.0 - y_px / frame.height, "\n".join(block.lines), fontsize=block.size, va="top", ha="left",
                 fontfamily=FONT, linespacing=LINE_SPACING, **style)

    put(layout.title_y, layout.title, fontweight="bold", color=INK)
    if text.subtitle:
        put(layout.subtitle_y, layout.subtitle, color=MUTED)
    put(layout.credit_y, layout.credit, color=INK)
    put(layout.attribution_y, layout.attribution, color=MUTED)
    return fig

