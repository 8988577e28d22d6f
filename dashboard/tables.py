"""Data exports: the claims as CSV (one row per claim) and the flows as GeoJSON (great-circle LineStrings).

Article text is hostile input. In CSV, a cell a spreadsheet would run as a formula (starting with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return) is prefixed with ``'`` so it is read as text.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any

import geo
from extraction.flows import Reconciliation
from extraction.model import Claim, Source
from geo import Place

FORMULA_STARTS: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")
CLAIM_COLUMNS: tuple[str, ...] = (
    "claim_id", "source_id", "outlet", "published", "source_title", "kind", "negated", "count", "count_text",
    "force", "unit", "attributed_to", "quote", "start", "end", "refers_to_start", "refers_to_end", "refers_to_text",
    "origin", "origin_mention", "origin_lat", "origin_lon", "origin_precision",
    "destinations", "destination_mentions", "destination_lats", "destination_lons", "destination_precisions",
)
ARC_POINTS = 64


def neutralise(value: object) -> object:
    """A cell value safe to open in a spreadsheet: text that starts like a formula gets a leading ``'``."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _coord(value: float | None) -> str:
    return "" if value is None else f"{value:.5f}"


def claim_row(claim: Claim, source: Source | None) -> dict[str, Any]:
    """One claim as a flat row; several destinations are joined with ``; `` in the same order in every column."""
    origin: Place | None = claim.origin
    dests = claim.destinations
    return {
        "claim_id": claim.id,
        "source_id": claim.source_id,
        "outlet": source.outlet if source else None,
        "published": source.published if source else None,
        "source_title": source.title if source else None,
        "kind": claim.kind,
        "negated": claim.negated,
        "count": claim.count,
        "count_text": claim.count_text,
        "force": claim.force,
        "unit": claim.unit,
        "attributed_to": claim.attributed_to,
        "quote": claim.evidence.text,
        "start": claim.evidence.start,
        "end": claim.evidence.end,
        "refers_to_start": claim.refers_to.start if claim.refers_to else None,
        "refers_to_end": claim.refers_to.end if claim.refers_to else None,
        "refers_to_text": claim.refers_to.text if claim.refers_to else None,
        "origin": origin.name if origin else None,
        "origin_mention": origin.mention if origin else None,
        "origin_lat": _coord(origin.lat) if origin else None,
        "origin_lon": _coord(origin.lon) if origin else None,
        "origin_precision": origin.precision if origin else None,
        "destinations": "; ".join(p.name for p in dests),
        "destination_mentions": "; ".join(p.mention for p in dests),
        "destination_lats": "; ".join(_coord(p.lat) for p in dests),
        "destination_lons": "; ".join(_coord(p.lon) for p in dests),
        "destination_precisions": "; ".join(p.precision for p in dests),
    }


def claims_csv(claims: Sequence[Claim], sources: Sequence[Source], source_ids: Sequence[str]) -> bytes:
    """The chosen sources' claims as UTF-8 CSV (with a BOM, so spreadsheets read the accents right).

    Every claim is a row, including negated claims and claims whose places could not be resolved (their
    coordinates are empty).

    Args:
        claims: Claims of any sources.
        sources: Every known source (for outlet, date and headline).
        source_ids: The sources to export, in this order.

    Returns:
        CSV bytes with the columns of :data:`CLAIM_COLUMNS`.
    """
    by_id = {s.id: s for s in sources}
    order = {sid: i for i, sid in enumerate(source_ids)}
    chosen = sorted((c for c in claims if c.source_id in order), key=lambda c: (order[c.source_id],
                                                                               c.evidence.start))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CLAIM_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for claim in chosen:
        row = claim_row(claim, by_id.get(claim.source_id))
        writer.writerow({k: neutralise(v) for k, v in row.items()})
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _lonlat(place: Place) -> tuple[float, float]:
    return float(place.lon or 0.0), float(place.lat or 0.0)


def flow_features(reconciliation: Reconciliation) -> list[dict[str, Any]]:
    """One GeoJSON Feature per drawn curve: a movement's origin to one of its resolved destinations.

    Movements with no stated origin, alerts and buildups have no line and are not included; neither are
    unresolved places. A combined movement gives one line per destination, each carrying the one combined
    count and ``combined: true`` (the count is for all of them together, never per line).
    """
    features = []
    for m in reconciliation.movements:
        if m.kind in ("alert", "buildup") or m.origin is None or not m.origin.resolved:
            continue
        dests = [p for p in m.destinations if p.resolved]
        for p in dests:
            line = geo.great_circle(_lonlat(m.origin), _lonlat(p), ARC_POINTS)
            features.append({
                "type": "Feature",
                "geometry": {"type": "LineString", "coordinates": [[round(x, 5), round(y, 5)] for x, y in line]},
                "properties": {
                    "movement_id": m.id,
                    "kind": m.kind,
                    "force": m.force,
                    "origin": m.origin.name,
                    "destination": p.name,
                    "count": m.consensus.count,
                    "count_text": m.consensus.text,
                    "agreement": m.agreement,
                    "combined": m.combined,
                    "combined_destinations": "; ".join(d.name for d in dests) if m.combined else None,
                    "source_ids": ",".join(m.source_ids),
                    "claim_ids": ",".join(c.id for c in m.claims),
                },
            })
    return features


def flows_geojson(reconciliation: Reconciliation) -> bytes:
    """The flows of a reconciliation as a GeoJSON FeatureCollection (WGS84), UTF-8 bytes."""
    collection = {"type": "FeatureCollection", "features": flow_features(reconciliation)}
    return json.dumps(collection, ensure_ascii=False, indent=1).encode("utf-8")
