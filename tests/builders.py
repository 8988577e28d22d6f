"""Small claims built in code, one pattern each, for the flows and dashboard tests."""

from __future__ import annotations

from extraction.model import Claim, Evidence
from geo.place import Place, unresolved

COORDS = {
    "PL": ("Poland", 52.1, 19.4),
    "DE": ("Germany", 51.2, 10.4),
    "RO": ("Romania", 45.9, 25.0),
    "US": ("United States", 39.1, -98.2),
    "UA": ("Ukraine", 49.0, 31.4),
    "FR": ("France", 46.6, 2.4),
}


def country(code: str) -> Place:
    name, lat, lon = COORDS[code]
    return Place(name, name, lat, lon, code, "country", f"ne:{code}")


def site(name: str, code: str, lat: float, lon: float) -> Place:
    return Place(name, name, lat, lon, code, "site" if "Fort" in name else "city", f"test:{name}")


def region(name: str, lat: float, lon: float) -> Place:
    return Place(name, name, lat, lon, None, "region", f"region:{name.lower()}")


def nowhere(name: str) -> Place:
    return unresolved(name, "not in the test gazetteer")


_counter = iter(range(1_000_000))


def claim(
    source: str = "s1",
    count: int | None = 1000,
    to: tuple[Place, ...] = (),
    origin: Place | None = None,
    kind: str = "deploy",
    force: str = "US",
    negated: bool = False,
    count_text: str | None = None,
    unit: str | None = None,
    quote: str | None = None,
    attributed_to: str | None = None,
) -> Claim:
    n = next(_counter)
    text = quote or f"{count_text or count} troops to {', '.join(p.mention for p in to)}"
    return Claim(
        id=f"{source}:{n}",
        source_id=source,
        kind=kind,  # type: ignore[arg-type]
        negated=negated,
        count=count,
        count_text=count_text or (f"{count:,}" if count is not None else None),
        force=force,
        unit=unit,
        origin=origin,
        destinations=tuple(to),
        attributed_to=attributed_to,
        evidence=Evidence(0, len(text), text),
    )
