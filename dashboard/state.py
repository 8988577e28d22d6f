"""What the URL holds (story, date range, view, sources, selected movement), read and written as pure functions."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

View = Literal["all", "one", "several"]
VIEWS: tuple[View, ...] = ("all", "one", "several")
VIEW_LABELS: dict[View, str] = {
    "all": "All sources (consensus)",
    "one": "One source",
    "several": "Several sources",
}


@dataclass(frozen=True)
class ViewState:
    """The shareable state of the screen.

    Attributes:
        view: ``all`` (consensus of every source), ``one`` or ``several``.
        sources: The chosen source ids (every source for ``all``).
        movement: The selected movement id, or ``None``.
        story: The story shown (its key), or ``None`` for the latest.
        start: First publication date of the range (``YYYY-MM-DD``), or ``None`` for no lower bound.
        end: Last publication date of the range, or ``None`` for no upper bound.
    """

    view: View
    sources: tuple[str, ...]
    movement: str | None = None
    story: str | None = None
    start: str | None = None
    end: str | None = None

    def to_params(self) -> dict[str, str]:
        """The query parameters that reopen this state (defaults are left out)."""
        params: dict[str, str] = {}
        for name, value in (("story", self.story), ("from", self.start), ("to", self.end)):
            if value:
                params[name] = value
        params["view"] = self.view
        if self.view != "all":
            params["sources"] = ",".join(self.sources)
        if self.movement:
            params["movement"] = self.movement
        return params


def _first(value: str | Sequence[str] | None) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return value[0] if value else ""


def parse_date(params: Mapping[str, str | Sequence[str]], name: str) -> str | None:
    """A ``YYYY-MM-DD`` query parameter, or ``None`` when it is missing or not a real date."""
    text = _first(params.get(name)).strip()[:10]
    try:
        return date.fromisoformat(text).isoformat() if len(text) == 10 else None
    except ValueError:
        return None


def parse_story(params: Mapping[str, str | Sequence[str]], story_keys: Sequence[str]) -> str | None:
    """The ``story`` query parameter when it names a story that exists, else ``None`` (the latest)."""
    wanted = _first(params.get("story")).strip()
    return wanted if wanted in story_keys else None


def parse_params(params: Mapping[str, str | Sequence[str]], source_ids: Sequence[str]) -> ViewState:
    """Read the state from query parameters; anything invalid falls back to the default, without error.

    Args:
        params: ``st.query_params`` or any mapping of strings.
        source_ids: The sources that exist, in display order.

    Returns:
        A valid state: unknown views become ``all``, unknown source ids are dropped, ``one`` keeps a single
        source. The movement id is kept as given (the app drops it when no drawn movement has it).
    """
    known = tuple(source_ids)
    view_text = _first(params.get("view")).strip().lower()
    view: View = view_text if view_text in VIEWS else "all"
    wanted = [s.strip() for s in _first(params.get("sources")).split(",") if s.strip()]
    chosen = tuple(s for s in dict.fromkeys(wanted) if s in known)
    movement = _first(params.get("movement")).strip()[:64] or None
    if view == "all" or not known:
        return ViewState("all", known, movement)
    if view == "one":
        return ViewState("one", chosen[:1] or known[:1], movement)
    return ViewState("several", chosen or known, movement)
