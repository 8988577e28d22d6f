"""The Place value: where a mention in an article was put on the map, and why."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

Precision = Literal["site", "city", "admin", "country", "region", "unresolved"]
PRECISIONS: tuple[str, ...] = ("site", "city", "admin", "country", "region", "unresolved")


@dataclass(frozen=True)
class Place:
    """A named place as resolved by the gazetteer.

    Attributes:
        name: Canonical name, e.g. ``Fort Bragg, North Carolina``.
        mention: The text as the article wrote it, e.g. ``Fort Bragg, N.C.``.
        lat: WGS84 latitude; ``None`` only when unresolved.
        lon: WGS84 longitude; ``None`` only when unresolved.
        country_code: ISO 3166-1 alpha-2, or ``None`` for a region spanning countries.
        precision: One of :data:`PRECISIONS`.
        gazetteer_id: ``geonames:<id>``, ``ne:<ISO3>``, ``inst:<slug>``, ``region:<slug>``.
        why: Human-readable reason for the choice (or for failing to choose).
        runner_up: The best rejected candidate, where there was one.
    """

    name: str
    mention: str
    lat: float | None
    lon: float | None
    country_code: str | None
    precision: Precision
    gazetteer_id: str | None
    why: str = ""
    runner_up: str | None = None

    @property
    def resolved(self) -> bool:
        """Whether the place has coordinates."""
        return self.precision != "unresolved" and self.lat is not None and self.lon is not None

    def to_dict(self) -> dict[str, Any]:
        """Return the contract's JSON shape (plus ``why`` and ``runner_up``)."""
        return {
            "name": self.name,
            "mention": self.mention,
            "lat": self.lat,
            "lon": self.lon,
            "country_code": self.country_code,
            "precision": self.precision,
            "gazetteer_id": self.gazetteer_id,
            "why": self.why,
            "runner_up": self.runner_up,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Place:
        """Build a Place from its JSON shape."""
        return cls(
            name=str(data["name"]),
            mention=str(data.get("mention") or data["name"]),
            lat=None if data.get("lat") is None else float(data["lat"]),
            lon=None if data.get("lon") is None else float(data["lon"]),
            country_code=data.get("country_code"),
            precision=data.get("precision", "unresolved"),
            gazetteer_id=data.get("gazetteer_id"),
            why=str(data.get("why") or ""),
            runner_up=data.get("runner_up"),
        )


def unresolved(mention: str, why: str) -> Place:
    """A place named in the text that could not be placed; kept, never dropped."""
    return Place(
        name=mention,
        mention=mention,
        lat=None,
        lon=None,
        country_code=None,
        precision="unresolved",
        gazetteer_id=None,
        why=why,
    )
