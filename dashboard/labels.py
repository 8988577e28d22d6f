"""Label placement for the live map and the static exports: one module, one rule, on screen pixels.

Both callers project their places to screen pixels (the live map at its opening view in Web Mercator, the
export in its own projection), list the marks already drawn there as obstacles (✕, alert rings, buildup discs,
dots, the legend) and ask :func:`place_labels` where each label goes. The rule:

- Labels are placed in order; the first (the destination figures) are the most important.
- Each tries the eight places around its anchor, nearest first (right, left, above, below, then the corners),
  then the same eight a ring further out, joined to the anchor by a leader line; it takes the first that
  overlaps no label placed before it, no obstacle and does not leave the frame.
- When nothing is free it takes the candidate with the least overlap, so a label is never dropped; a label
  marked ``optional`` (a country's name) is dropped instead, since a country name away from its country would
  mislead.

The text is measured with the fonts both maps draw in (DejaVu Sans, shipped with matplotlib), so a box is the
size the text will be. Why not a library: adjustText (static images) moves labels iteratively by repulsion,
which takes seconds for a PNG that must render in under one and cannot serve the live map; deck.gl's collision
filter (``CollisionFilterExtension``) hides colliding labels rather than moving them, so a destination could
lose its name. This greedy search is deterministic and fast (a few milliseconds for the seeds).
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import matplotlib
from matplotlib.ft2font import FT2Font, LoadFlags

from extraction.flows import Movement, format_count
from geo import Place

Box = tuple[float, float, float, float]  # left, top, right, bottom in screen pixels (y grows downwards)

LINE_HEIGHT = 1.18  # a line of text, in font sizes (DejaVu Sans's ascent plus descent)
RINGS = (0.0, 2.5, 5.0, 8.0, 12.0, 17.0, 23.0, 30.0)  # how far out each ring of candidates is, in gaps
CLEAR = 1e-6  # square pixels of overlap that count as none (the areas are floating-point sums)
DISPUTED = "⚑"  # after a figure on which the sources differ

_FONT_LOCK = threading.Lock()  # a FreeType face must not be used by two threads at once (Streamlit sessions)


@functools.cache
def _font(bold: bool) -> FT2Font:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    return FT2Font(str(Path(matplotlib.get_data_path()) / "fonts" / "ttf" / name))


@functools.cache
def _advance(char: str, bold: bool) -> float:
    """How far ``char`` moves the pen, in font sizes."""
    with _FONT_LOCK:
        font = _font(bold)
        index = font.get_char_index(ord(char))
        if index == 0:  # not in the font: the browser falls back to another; assume a wide character
            return 0.8
        return float(font.load_glyph(index, flags=LoadFlags.NO_SCALE).horiAdvance) / font.units_per_EM


def text_size(text: str, size_px: float, bold: bool = True, line_height: float = LINE_HEIGHT) -> tuple[float, float]:
    """Width and height in pixels of ``text`` (one line per line break) at ``size_px``."""
    lines = text.split("\n")
    width = max(sum(_advance(c, bold) for c in line) for line in lines) * size_px
    return width, len(lines) * line_height * size_px


@dataclass(frozen=True)
class Label:
    """A label to place: its anchor on screen, its size, and how far it must keep from the anchor.

    Attributes:
        x: Anchor, screen pixels from the left.
        y: Anchor, screen pixels from the top.
        width: The label's box, pixels.
        height: The label's box, pixels.
        gap: Clearance between the anchor and the box (the mark's radius plus a little).
        optional: Centred on its anchor first, and dropped, not moved away, when its place is taken (country
            names).
    """

    x: float
    y: float
    width: float
    height: float
    gap: float = 6.0
    optional: bool = False


@dataclass(frozen=True)
class Placement:
    """Where a label went: its box's top-left corner on screen, and whether a leader line joins it."""

    left: float
    top: float
    width: float
    height: float
    leader: bool

    @property
    def box(self) -> Box:
        """``(left, top, right, bottom)``."""
        return (self.left, self.top, self.left + self.width, self.top + self.height)


def overlap(a: Box, b: Box) -> float:
    """The area two boxes share (0 when they only touch)."""
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return w * h if w > 0 and h > 0 else 0.0


def disc(x: float, y: float, radius: float) -> Box:
    """The box around a round mark (dot, ring, disc, ✕) centred on ``x``, ``y``."""
    return (x - radius, y - radius, x + radius, y + radius)


def _candidates(label: Label) -> list[tuple[float, float, bool]]:
    """Top-left corners to try, nearest first: the eight places around the anchor, then rings further out."""
    w, h, x, y = label.width, label.height, label.x, label.y
    out: list[tuple[float, float, bool]] = [(x - w / 2, y - h / 2, False)] if label.optional else []
    for ring in RINGS:
        g = label.gap * (1.0 + ring)
        around = [
            (x + g, y - h / 2), (x - g - w, y - h / 2),  # right, left
            (x - w / 2, y - g - h), (x - w / 2, y + g),  # above, below
            (x + g * 0.7, y - g * 0.7 - h), (x + g * 0.7, y + g * 0.7),  # upper right, lower right
            (x - g * 0.7 - w, y - g * 0.7 - h), (x - g * 0.7 - w, y + g * 0.7),  # upper left, lower left
        ]
        out.extend((left, top, ring > 0) for left, top in around)
    return out


class LabelLayout:
    """Labels placed one at a time, each clear of the marks and of the labels placed before it."""

    def __init__(self, obstacles: Sequence[Box] = (), frame: Box | None = None, walls: Sequence[float] = ()) -> None:
        """Start with the marks no label may cover, the visible area and the walls.

        ``frame`` ``None`` is unbounded. ``walls`` are x positions a label may not put between itself and its
        place (where one copy of the world ends and the next is drawn over it); that costs more than leaving the
        frame.
        """
        self.taken: list[Box] = list(obstacles)
        self.frame = frame
        self.walls = tuple(walls)

    def block(self, box: Box) -> None:
        """Keep labels off ``box`` (a mark drawn after the layout was started)."""
        self.taken.append(box)

    def place(self, label: Label) -> Placement | None:
        """Where ``label`` goes (``None`` for an optional label with no free place); its box is then taken."""
        best: tuple[float, float, bool] | None = None
        best_cost = float("inf")
        for left, top, leader in _candidates(label):
            if label.optional and leader:
                break
            box = (left, top, left + label.width, top + label.height)
            cost = sum(overlap(box, other) for other in self.taken)
            if self.frame is not None:
                cost += label.width * label.height - overlap(box, self.frame)
            if any(min(label.x, box[0]) < x < max(label.x, box[2]) for x in self.walls):  # across, or beyond
                cost += 2 * label.width * label.height
            if cost < best_cost:
                best, best_cost = (left, top, leader), cost
            if cost < CLEAR:
                break
        if best is None or (label.optional and best_cost >= CLEAR):
            return None
        placement = Placement(best[0], best[1], label.width, label.height, best[2])
        self.taken.append(placement.box)
        return placement


def place_labels(labels: Sequence[Label], obstacles: Sequence[Box] = (), frame: Box | None = None,
                 walls: Sequence[float] = ()) -> list[Placement | None]:
    """Where each label goes (``None`` for an optional label with no free place), in the order given.

    Args:
        labels: Most important first.
        obstacles: Boxes of marks no label may cover.
        frame: The visible area; a label that would leave it counts as overlapping.
        walls: x positions a label must not straddle (costs more than leaving the frame).

    Returns:
        One placement per label.
    """
    layout = LabelLayout(obstacles, frame, walls)
    return [layout.place(label) for label in labels]


def leader_end(placement: Placement, x: float, y: float) -> tuple[float, float]:
    """The point of a label's box nearest its anchor, where a leader line from the anchor ends."""
    left, top, right, bottom = placement.box
    return min(max(x, left), right), min(max(y, top), bottom)


def no_destination(movement: Movement, figure_text: str, between: str = " ") -> str:
    """The label of a movement that only says where troops leave: ``Niger: 1,000 (withdraw, no destination stated)``.

    ``between`` goes before the bracket: a line break on the live map, where the bracket is as long as the rest.
    """
    place = movement.origin.name if movement.origin is not None else "?"
    return f"{place}: {figure_text}{between}({movement.kind}, no destination stated)"


def figure(movement: Movement) -> str:
    """A movement's figure for a map label.

    The consensus; when sources differ, the range of every stated figure and ⚑ (``1,700–2,000 ⚑``), so the
    consensus map shows that a source disagrees.
    """
    counts = sorted({f.count for f in movement.figures if f.count is not None})
    if movement.agreement == "differ" and len(counts) > 1:
        return f"{format_count(counts[0])}–{format_count(counts[-1])} {DISPUTED}"
    if movement.consensus.low is None and movement.kind != "buildup":
        return "troops"
    return movement.consensus.text


NO_FIGURE = "(no figure"  # how a destination's label begins the entry of a movement that gives no number


def destination_figure(movement: Movement, has_origin: bool) -> str:
    """A movement's figure in the label at its destination, beside the place's name.

    "Ukraine troops" would read as Ukraine's own troops: a movement that gives no number says so.
    """
    text = figure(movement)
    if text == "troops":
        return NO_FIGURE + (")" if has_origin else ", no origin)")
    return text if has_origin else f"{text} (no origin)"


def label_key(place: Place) -> tuple[str, float | None, float | None]:
    """Which destination label a place's figures go in: one per place drawn (a city and its country are two)."""
    return place.name, place.lon, place.lat
