"""Presentation mode: the map alone, full frame, with a large title, the legend and the credits; no controls.

It shows the credit line and the data attribution. Opened with ``?present=16x9`` (or ``1x1``); ``title`` and
``subtitle`` in the URL replace the default words, and the usual ``view``/``sources`` parameters still choose the
sources.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import streamlit as st

from dashboard.credits import DATA_ATTRIBUTION, credit_line, outlet_name
from dashboard.deck import build_deck, legend
from dashboard.static_map import default_title
from extraction.flows import Reconciliation
from extraction.model import Source

PRESENT_PARAM = "present"
ASPECTS: dict[str, tuple[int, int]] = {"16x9": (16, 9), "1x1": (1, 1)}
# The window is the frame (1920×1080 for 16:9, 1080×1080 for 1:1): the map takes the height the title, legend
# and credits leave, so all of them are inside the screenshot and the map covers over 70% of it.
FRAMES: dict[tuple[int, int], tuple[int, int]] = {(16, 9): (1920, 1080), (1, 1): (1080, 1080)}
TEXT_PX = {(16, 9): 205, (1, 1): 255}
PAGE_PAD_PX = 16  # the page's margin left and right of the map

_HIDE_CONTROLS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stToolbar"], footer {display: none !important;}
.block-container {padding: 0.6rem 16px 0 16px !important; max-width: 100% !important;}
</style>
"""


@dataclass(frozen=True)
class Presentation:
    """What presentation mode shows, read from the URL (a pure value, tested without Streamlit)."""

    aspect: tuple[int, int]
    title: str | None
    subtitle: str | None


def parse_presentation(params: Mapping[str, str | Sequence[str]]) -> Presentation | None:
    """``None`` unless ``present`` is in the URL; an unknown aspect falls back to 16:9.

    Args:
        params: ``st.query_params.to_dict()`` or any mapping of strings.

    Returns:
        The presentation settings, or ``None`` for the normal dashboard.
    """
    def first(key: str) -> str | None:
        value = params.get(key)
        if value is None:
            return None
        text = value if isinstance(value, str) else (value[0] if value else "")
        return text.strip()[:200] or None

    aspect = first(PRESENT_PARAM)
    if aspect is None and PRESENT_PARAM not in params:
        return None
    return Presentation(ASPECTS.get((aspect or "").lower().replace(":", "x"), ASPECTS["16x9"]), first("title"),
                        first("subtitle"))


def map_size(aspect: tuple[int, int]) -> tuple[int, int]:
    """The map's canvas in pixels: the frame's width, and the height the title, legend and credits leave."""
    width, height = FRAMES.get(aspect, FRAMES[(16, 9)])
    return width - 2 * PAGE_PAD_PX, height - TEXT_PX.get(aspect, TEXT_PX[(16, 9)])


def show(
    presentation: Presentation,
    reconciliation: Reconciliation,
    sources: Sequence[Source],
    basemap: dict[str, object] | None,
    every_origin: bool = True,
) -> None:
    """Draw presentation mode (call it instead of the normal layout, then ``st.stop()``).

    Args:
        presentation: Aspect and words, from :func:`parse_presentation`.
        reconciliation: The movements of the sources shown.
        sources: Every known source (for the credit line).
        basemap: Country shapes (:func:`dashboard.basemap.load_basemap`), or ``None``.
        every_origin: Frame every origin too (default), so a transatlantic flow shows both ends.
    """
    st.markdown(_HIDE_CONTROLS, unsafe_allow_html=True)
    title = presentation.title or default_title(reconciliation)
    subtitle = presentation.subtitle or "Every figure as the article states it; combined totals are never split"
    st.markdown(f"<h1 style='font-size:2.2rem;margin:0;padding:0'>{html.escape(title)}</h1>"
                f"<p style='font-size:1.1rem;color:#555;margin:0'>{html.escape(subtitle)}</p>",
                unsafe_allow_html=True)
    names = {s.id: outlet_name(s) for s in sources}
    size = map_size(presentation.aspect)
    deck = build_deck(reconciliation, basemap, None, names, every_origin, size)
    st.pydeck_chart(deck, height=size[1], key="present-map")
    items = " ".join(
        f"<span style='white-space:nowrap;margin-right:1.2em'><span style='display:inline-block;width:0.8em;"
        f"height:0.8em;margin-right:0.3em;background:rgb{entry.colour}'></span>"
        f"{html.escape(entry.text.split(' (')[0])}</span>"
        for entry in legend()  # without the explanations in brackets, so the legend fits the frame
    )
    st.markdown(f"<div style='font-size:0.75rem;line-height:1.35'>{items}</div>", unsafe_allow_html=True)
    st.markdown(f"<p style='font-size:0.85rem;margin:0'>"
                f"{html.escape(credit_line(sources, reconciliation.source_ids))}</p>"
                f"<p style='font-size:0.75rem;color:#666;margin:0'>{html.escape(DATA_ATTRIBUTION)}</p>",
                unsafe_allow_html=True)
