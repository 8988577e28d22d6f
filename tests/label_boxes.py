"""Where deck.gl draws the labels and marks of a deck spec on screen (for the label tests, browser or not)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from dashboard.deck import (
    ALERT_RADIUS_PX,
    ALERTS,
    BUILDUPS,
    COUNTRY_NAMES,
    COUNTRY_SIZE_PX,
    DESTINATION_MARKERS,
    LABEL_SIZE_PX,
    LABELS,
    NODES,
    RULED_OUT,
    RULED_OUT_SIZE_PX,
    nearest_copy,
    screen_xy,
)
from dashboard.labels import Box, disc, text_size

Canvas = dict[str, float]  # x, y, width, height of the map's canvas on the page (as Playwright gives it)


def projector(spec: dict[str, Any], canvas: Canvas) -> Callable[[list[float]], tuple[float, float]]:
    """Where deck.gl's MapView (pitch 0, the world repeated) opened on the spec's view draws a ``[lon, lat]``."""
    view = spec["initialViewState"]
    cx, cy = screen_xy(view["longitude"], view["latitude"], view["zoom"])

    def at(position: list[float]) -> tuple[float, float]:
        x, y = screen_xy(nearest_copy(position[0], view["longitude"]), position[1], view["zoom"])
        return canvas["x"] + canvas["width"] / 2 + (x - cx), canvas["y"] + canvas["height"] / 2 + (y - cy)

    return at


def label_boxes(spec: dict[str, Any], canvas: Canvas) -> tuple[list[tuple[str, Box]], list[Box]]:
    """Every label's text and box, and the box of every mark no label may cover (a buildup disc's middle)."""
    at = projector(spec, canvas)
    layers = {layer["id"]: layer for layer in spec["layers"]}
    texts = []
    for layer_id, size, bold in ((LABELS, LABEL_SIZE_PX, True), (COUNTRY_NAMES, COUNTRY_SIZE_PX, False)):
        for row in layers[layer_id]["data"]:
            x, y = at(row["position"])
            width, height = text_size(row["text"], size, bold)
            left, top = x + row["offset"][0], y + row["offset"][1]
            texts.append((row["text"], (left, top, left + width, top + height)))
    marks = [disc(*at(row["position"]), ALERT_RADIUS_PX) for row in layers[ALERTS]["data"]]
    marks += [disc(*at(row["position"]), RULED_OUT_SIZE_PX / 2 - 1) for row in layers[RULED_OUT]["data"]]
    marks += [disc(*at(row["position"]), row["radius"]) for layer in (DESTINATION_MARKERS, NODES)
              for row in layers[layer]["data"]]
    marks += [disc(*at(row["position"]), 6) for row in layers[BUILDUPS]["data"]]
    return texts, marks
