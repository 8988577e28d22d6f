"""Who to credit on an exported map or a presentation: the sources shown and the data behind the basemap."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from extraction.model import Source

DATA_ATTRIBUTION = "Places: GeoNames (CC BY 4.0). Country shapes: Natural Earth (public domain)."


def display_date(published: str | None) -> str | None:
    """``2022-02-02`` as ``2 Feb 2022``; anything that is not an ISO date is returned unchanged."""
    if not published:
        return None
    try:
        day = date.fromisoformat(published)
    except ValueError:
        return published
    return f"{day.day} {day:%b %Y}"


def outlet_name(source: Source) -> str:
    """The outlet as a reader would name it; an article whose outlet is unknown says so (with its file id)."""
    return source.outlet or f"unnamed outlet ({source.id})"


def source_credit(source: Source) -> str:
    """``CNN, 2 Feb 2022``: the outlet (else the headline, else 'unnamed outlet') and the publication date."""
    name = source.outlet or source.title or outlet_name(source)
    when = display_date(source.published)
    return f"{name}, {when}" if when else name


def credit_line(sources: Sequence[Source], source_ids: Sequence[str]) -> str:
    """``Sources: CNN, 2 Feb 2022; Business Insider, 2 Feb 2022`` for the chosen sources, in their order.

    Args:
        sources: Every known source (for outlets and dates).
        source_ids: The sources shown; ids without a record are credited by id.

    Returns:
        One line; repeated credits (two articles of one outlet on one day) appear once.
    """
    by_id = {s.id: s for s in sources}
    credits = [source_credit(by_id.get(sid, Source(id=sid, path=""))) for sid in source_ids]
    if not credits:
        return "Sources: none selected"
    return "Sources: " + "; ".join(dict.fromkeys(credits))
