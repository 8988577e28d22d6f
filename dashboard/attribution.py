"""From a map selection to the claims behind it, and quotes as escaped, highlighted HTML.

Article text is hostile input: every piece of it passes through :func:`html.escape` before any markup is
added around it, so these functions are the only place the app builds HTML from article text.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from dashboard.credits import outlet_name
from dashboard.markup import markdown_safe
from extraction.flows import Movement, Reconciliation
from extraction.model import Claim, Source


@dataclass(frozen=True)
class SourceAttribution:
    """The claims one source makes about one movement."""

    source: Source
    claims: tuple[Claim, ...]


def picked_movement(selection: Mapping[str, Any] | None) -> str | None:
    """The movement id of the object clicked on the map, from ``st.pydeck_chart``'s selection state.

    Args:
        selection: ``{"indices": {layer: [i]}, "objects": {layer: [obj]}}`` (or an event holding it under
            ``selection``); anything else gives ``None``.

    Returns:
        The ``movement_id`` of the first selected object, or ``None``.
    """
    if not isinstance(selection, Mapping):
        return None
    if "selection" in selection and isinstance(selection["selection"], Mapping):
        selection = selection["selection"]
    objects = selection.get("objects")
    if not isinstance(objects, Mapping):
        return None
    for picked in objects.values():
        for obj in picked if isinstance(picked, list) else []:
            if isinstance(obj, Mapping) and isinstance(obj.get("movement_id"), str):
                return str(obj["movement_id"])
    return None


def attributions(movement: Movement, sources: Sequence[Source]) -> tuple[SourceAttribution, ...]:
    """Every claim behind a movement, grouped by source in the given source order."""
    by_id = {s.id: s for s in sources}
    grouped: dict[str, list[Claim]] = {}
    for claim in movement.claims:
        grouped.setdefault(claim.source_id, []).append(claim)
    order = [s.id for s in sources if s.id in grouped] + [sid for sid in grouped if sid not in by_id]
    return tuple(
        SourceAttribution(by_id.get(sid, Source(id=sid, path="")), tuple(grouped[sid])) for sid in order
    )


def source_label(source: Source) -> str:
    """``CNN, 2022-02-02: headline`` (plain text; escape before using it as HTML)."""
    head = outlet_name(source)
    when = f", {source.published}" if source.published else ""
    title = f": {source.title}" if source.title else ""
    return f"{head}{when}{title}"


def _terms(claim: Claim) -> list[str]:
    places = [p.mention for p in (*claim.destinations, *([claim.origin] if claim.origin else [])) if p.mention]
    return [t for t in [claim.count_text, *places, claim.unit] if t]


def highlight(text: str, terms: Sequence[str]) -> str:
    """``text`` as escaped HTML with each of ``terms`` wrapped in ``<mark>``.

    Args:
        text: Untrusted text.
        terms: Substrings to highlight (matched case-insensitively, longest first).

    Returns:
        Safe HTML: only ``<mark>`` tags are added, everything from ``text`` is escaped.
    """
    wanted = sorted({t for t in terms if t.strip()}, key=len, reverse=True)
    if not wanted:
        return markdown_safe(text)
    pattern = re.compile("|".join(re.escape(t) for t in wanted), re.IGNORECASE)
    out: list[str] = []
    last = 0
    for match in pattern.finditer(text):
        out.append(markdown_safe(text[last : match.start()]))
        out.append(f"<mark>{markdown_safe(match.group(0))}</mark>")
        last = match.end()
    out.append(markdown_safe(text[last:]))
    return "".join(out)


def quote_html(claim: Claim) -> str:
    """The claim's quote, escaped, with its number and places highlighted."""
    return highlight(claim.evidence.text, _terms(claim))


def article_html(article: str, claims: Claim | Sequence[Claim]) -> str:
    """The whole article, escaped, with each claim's quote in bold and its number and places highlighted.

    Quotes whose offsets don't match the text, or overlap an earlier quote, are left unmarked; the first
    marked quote carries ``id='quote'``.
    """
    wanted = [claims] if isinstance(claims, Claim) else list(claims)
    out: list[str] = []
    last = 0
    for claim in sorted(wanted, key=lambda c: (c.evidence.start, c.evidence.end)):
        start, end = claim.evidence.start, claim.evidence.end
        if not (last <= start <= end <= len(article)) or article[start:end] != claim.evidence.text:
            continue
        anchor = " id='quote'" if not out else ""
        out.append(markdown_safe(article[last:start]))
        out.append(f"<strong{anchor}>{highlight(article[start:end], _terms(claim))}</strong>")
        last = end
    out.append(markdown_safe(article[last:]))
    return "".join(out)


SAFE_SCHEMES = ("http://", "https://")


def link_html(url: str | None) -> str | None:
    """A user-given article URL as a safe link (escaped, opening apart from the app); ``None`` unless http(s)."""
    if not url or not url.strip().lower().startswith(SAFE_SCHEMES):
        return None
    href = html.escape(url.strip(), quote=True)
    return f"<a href=\"{href}\" target=\"_blank\" rel=\"noopener noreferrer\">{markdown_safe(url.strip())}</a>"


def overview_rows(reconciliation: Reconciliation, sources: Sequence[Source]) -> list[dict[str, str]]:
    """One row per movement on the map with the outlets behind it (the sidebar when nothing is selected)."""
    names = {s.id: outlet_name(s) for s in sources}
    return [
        {
            "movement": m.label,
            "kind": m.kind,
            "troops": m.consensus.text,
            "sources": ", ".join(names.get(s, s) for s in m.source_ids),
        }
        for m in reconciliation.movements
    ]
