"""What the URL holds (view, sources, selected movement), read and written as pure functions."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
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
    """

    view: View
    sources: tuple[str, ...]
    movement: str | None = None

    def to_params(self) -> dict[str, str]:
        """The query parameters that reopen this state (defaults are left out)."""
        params: dict[str, str] = {"view": self.view}
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
