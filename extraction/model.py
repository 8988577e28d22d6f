"""Domain objects of the extraction contract (see CONTRACT.md): sources, claims, evidence."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from geo.place import Place


class Kind(StrEnum):
    """What a claim says troops do (the contract's ``kind``); each member equals its contract string."""

    DEPLOY = "deploy"  # sent to a place
    RELOCATE = "relocate"  # already abroad, moving on
    ALERT = "alert"  # readied, no move yet
    WITHDRAW = "withdraw"  # pulled out or going home
    BUILDUP = "buildup"  # gathering at a place
    PLEDGE = "pledge"  # promised, no decision


KINDS: tuple[str, ...] = tuple(k.value for k in Kind)


@dataclass(frozen=True)
class Source:
    """One article: where it came from and who published it."""

    id: str
    path: str
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    byline: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return the contract's JSON shape."""
        return {
            "id": self.id,
            "path": self.path,
            "title": self.title,
            "outlet": self.outlet,
            "published": self.published,
            "byline": self.byline,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Source:
        """Build a Source from its JSON shape."""
        return cls(
            id=str(data["id"]),
            path=str(data.get("path") or ""),
            title=data.get("title"),
            outlet=data.get("outlet"),
            published=data.get("published"),
            byline=data.get("byline"),
        )


@dataclass(frozen=True)
class Article:
    """A decoded article: its source record and the text that evidence offsets point into."""

    source: Source
    text: str


@dataclass(frozen=True)
class Evidence:
    """The exact quote behind a claim: ``text == article[start:end]``."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        """Return the contract's JSON shape."""
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True)
class Claim:
    """One statement in one article about troops moving, gathering or being readied."""

    id: str
    source_id: str
    kind: Kind
    negated: bool
    count: int | None
    count_text: str | None
    force: str
    unit: str | None
    origin: Place | None
    destinations: tuple[Place, ...]
    attributed_to: str | None
    evidence: Evidence
    hedged: bool = field(default=False)

    def to_dict(self) -> dict[str, Any]:
        """Return the contract's JSON shape (plus ``hedged``)."""
        return {
            "id": self.id,
            "source_id": self.source_id,
            "kind": str(self.kind),
            "negated": self.negated,
            "count": self.count,
            "count_text": self.count_text,
            "force": self.force,
            "unit": self.unit,
            "origin": self.origin.to_dict() if self.origin else None,
            "destinations": [d.to_dict() for d in self.destinations],
            "attributed_to": self.attributed_to,
            "evidence": self.evidence.to_dict(),
            "hedged": self.hedged,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Claim:
        """Build a Claim from its JSON shape."""
        ev = data["evidence"]
        origin = data.get("origin")
        return cls(
            id=str(data["id"]),
            source_id=str(data["source_id"]),
            kind=Kind(data["kind"]),
            negated=bool(data.get("negated")),
            count=None if data.get("count") is None else int(data["count"]),
            count_text=data.get("count_text"),
            force=str(data.get("force") or ""),
            unit=data.get("unit"),
            origin=Place.from_dict(origin) if origin else None,
            destinations=tuple(Place.from_dict(d) for d in data.get("destinations") or []),
            attributed_to=data.get("attributed_to"),
            evidence=Evidence(int(ev["start"]), int(ev["end"]), str(ev["text"])),
            hedged=bool(data.get("hedged")),
        )


@dataclass(frozen=True)
class Document:
    """The whole extraction output: ``{"sources": [...], "claims": [...]}``."""

    sources: tuple[Source, ...]
    claims: tuple[Claim, ...]

    def to_dict(self) -> dict[str, Any]:
        """Return the contract's JSON shape."""
        return {
            "sources": [s.to_dict() for s in self.sources],
            "claims": [c.to_dict() for c in self.claims],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        """Build a Document from its JSON shape."""
        return cls(
            sources=tuple(Source.from_dict(s) for s in data.get("sources") or []),
            claims=tuple(Claim.from_dict(c) for c in data.get("claims") or []),
        )
