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
FRAME_WIDTH_PX = 1280  # the map's height is derived from this and the aspect

_HIDE_CONTROLS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stToolbar"], footer {display: none !important;}
.block-container {padding-top: 1rem !important; padding-bottom: 0.5rem !important; max-width: 100% !important;}
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


def map_height(aspect: tuple[int, int], width: int = FRAME_WIDTH_PX) -> int:
    """The map's pixel height that, with the title and footer, fills a frame of the given aspect."""
    total = width * aspect[1] // aspect[0]
    return max(320, total - 190)


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
    st.markdown(f"<h1 style='font-size:2.6rem;margin:0'>{html.escape(title)}</h1>"
                f"<p style='font-size:1.25rem;color:#555;margin:0 0 0.5rem 0'>{html.escape(subtitle)}</p>",
                unsafe_allow_html=True)
    names = {s.id: outlet_name(s) for s in sources}
    deck = build_deck(reconciliation, basemap, None, names, every_origin)
    st.pydeck_chart(deck, height=map_height(presentation.aspect), key="present-map")
    items = " ".join(
        f"<span style='white-space:nowrap;margin-right:1.2em'><span style='display:inline-block;width:0.8em;"
        f"height:0.8em;margin-right:0.3em;background:rgb{entry.colour}'></span>{html.escape(entry.text)}</span>"
        for entry in legend()
    )
    st.markdown(f"<div style='font-size:0.8rem;line-height:1.5'>{items}</div>", unsafe_allow_html=True)
    st.markdown(f"<p style='font-size:0.95rem;margin:0.3rem 0 0 0'>"
                f"{html.escape(credit_line(sources, reconciliation.source_ids))}</p>"
                f"<p style='font-size:0.8rem;color:#666;margin:0'>{html.escape(DATA_ATTRIBUTION)}</p>",
                unsafe_allow_html=True)
