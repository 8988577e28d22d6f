"""Sources grouped into stories: the articles about one event, so that only they are compared.

Consensus, the comparison table and its flags only make sense among sources about the same event; figures
from different years are never averaged or called a disagreement. A *story* is such a group.

Grouping rules (each is tested in ``tests/test_stories.py``):

* Sources are taken in order of publication. A source joins a story when it was published at most
  :data:`STORY_WINDOW_DAYS` after the story's first source and shares at least one *(force, place)* with
  it: the same troops going to (or gathering at) the same country or region, as :func:`place_key` compares
  places. Of several such stories it joins the one it shares most with; otherwise it starts a story.
* A source with no publication date joins the story it shares most with, whatever its date; a source that
  shares nothing (no claim with a place) is a story of its own.
* The user's choices win: a source given a story key (:class:`StoryChoice`) joins the story with that key,
  or starts it; a story's name is the name a member was given, else one made from its forces, places and
  month (``United States → Poland, Germany · Feb 2022``).

A story's key is ``story:`` and the id of its first source, so it stays the same while sources are added.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Final

from extraction.flows import place_key
from extraction.model import Claim, Source
from geo import Place, country_name

STORY_WINDOW_DAYS: Final = 10
"""How long after a story's first article another one may still report the same event (news of one
deployment runs over a week or so: the announcement, the departures, the arrivals)."""

STORY_PREFIX: Final = "story:"
NAME_PLACES: Final = 3
"""Places named in a story's made-up name, most mentioned first."""


@dataclass(frozen=True)
class StoryChoice:
    """What a user chose for one source: the story it belongs to and the name of that story.

    Attributes:
        key: The story key to join (``story:...``), or ``None`` to leave it to the grouping rules.
        name: The name the user gave the source's story, or ``None``.
    """

    key: str | None = None
    name: str | None = None


@dataclass(frozen=True)
class Story:
    """Sources about one event.

    Attributes:
        key: ``story:`` and the id of its first source (or the key a user chose).
        name: The user's name for it, else one made from its forces, places and month.
        source_ids: Its sources, in order of publication (undated last).
        start: The first publication date, ``YYYY-MM-DD``, or ``None`` when no source is dated.
        end: The last publication date, or ``None``.
        claim_count: Claims of its sources.
    """

    key: str
    name: str
    source_ids: tuple[str, ...]
    start: str | None
    end: str | None
    claim_count: int


def _date(source: Source) -> date | None:
    try:
        return date.fromisoformat(source.published) if source.published else None
    except ValueError:
        return None


def _event_places(claim: Claim, leaving: bool = False) -> list[Place]:
    """A claim's resolved destinations; with ``leaving``, a withdrawal that names none gives the place it leaves."""
    if claim.negated:
        return []
    if leaving and not claim.destinations and claim.kind == "withdraw" and claim.origin is not None:
        return [claim.origin] if claim.origin.resolved else []
    return [p for p in claim.destinations if p.resolved]


def _shared_keys(claims: Iterable[Claim], leaving: bool = False) -> Counter[tuple[str, str]]:
    """Each (force, place) a source's placed claims name, with how often.

    Stories are grouped by destinations only: troops leaving a place and troops arriving there are not the
    same event. A story's name also counts the places troops only leave (``leaving``), so an article about a
    withdrawal is named for it.
    """
    keys: Counter[tuple[str, str]] = Counter()
    for claim in claims:
        for place in _event_places(claim, leaving):
            keys[(claim.force, place_key(place))] += 1
    return keys


@dataclass
class _Group:
    key: str
    first: date | None
    members: list[Source]
    keys: Counter[tuple[str, str]]


def _best(groups: Sequence[_Group], keys: Counter[tuple[str, str]], when: date | None) -> _Group | None:
    def overlap(g: _Group) -> int:
        return sum(min(keys[k], g.keys[k]) for k in keys.keys() & g.keys.keys())

    fitting = [
        g for g in groups
        if overlap(g) > 0 and (when is None or g.first is None or 0 <= (when - g.first).days <= STORY_WINDOW_DAYS)
    ]
    return max(fitting, key=overlap, default=None)


def _name(members: Sequence[Source], claims: Sequence[Claim]) -> str:
    keys = _shared_keys(claims, leaving=True)
    force = next((f for (f, _), _ in keys.most_common()), None)
    places = _place_names(claims)  # as this story's articles name them ("Kherson")
    where = list(dict.fromkeys(places[p] for (f, p), _ in keys.most_common() if f == force))[:NAME_PLACES]
    going = any(c.force == force and c.destinations and not c.negated for c in claims)
    dates = sorted(d for d in (_date(s) for s in members) if d is not None)
    month = dates[0].strftime("%b %Y") if dates else "undated"
    if force is None:
        head = members[0].title or members[0].outlet or members[0].id
        return f"{head[:60]} · {month}"
    # Troops only leaving: "United States out of Niger", not an arrow into the place they leave.
    return f"{_force_name(force)} {'→' if going else 'out of'} {', '.join(where)} · {month}"


def _force_name(force: str) -> str:
    """A force as a reader names it: ``KP`` is North Korea; an unnamed force is ``?``, as on the map's flows."""
    if force == "unknown":
        return "?"
    code = force.split(",")[0].strip()
    return (country_name(code) if len(code) in (2, 3) else None) or force


def _place_names(claims: Iterable[Claim]) -> dict[str, str]:
    names: dict[str, str] = {}
    for claim in claims:
        left = not claim.destinations  # a place only left is named itself: "out of Kherson", not of its country
        for place in _event_places(claim, leaving=True):
            names.setdefault(place_key(place), place.name.split(",")[0].strip() if left else _display(place))
    return names


def _display(place: Place) -> str:
    if place.precision in ("country", "region") or not place.country_code:
        return place.name
    return place.name.split(",")[-1].strip() if "," in place.name else place.name


def group_stories(
    sources: Sequence[Source], claims: Iterable[Claim], choices: Mapping[str, StoryChoice] | None = None
) -> tuple[Story, ...]:
    """Group sources into stories (rules in the module docstring).

    Args:
        sources: Every source, in any order.
        claims: Their claims.
        choices: The user's story choices by source id (only stored articles have any).

    Returns:
        The stories, latest first (by their last publication date; undated stories last).
    """
    choices = choices or {}
    by_source: dict[str, list[Claim]] = {s.id: [] for s in sources}
    for claim in claims:
        if claim.source_id in by_source:
            by_source[claim.source_id].append(claim)
    ordered = sorted(sources, key=lambda s: (_date(s) is None, _date(s) or date.min, s.id))
    groups: list[_Group] = []
    chosen: list[Source] = []
    for source in ordered:
        if (choices.get(source.id) or StoryChoice()).key:
            chosen.append(source)
            continue
        keys = _shared_keys(by_source[source.id])
        group = _best(groups, keys, _date(source))
        if group is None:
            groups.append(_Group(STORY_PREFIX + source.id, _date(source), [source], keys))
        else:
            group.members.append(source)
            group.keys.update(keys)
    for source in chosen:
        key = choices[source.id].key or ""
        group = next((g for g in groups if g.key == key), None)
        if group is None:
            groups.append(_Group(key, _date(source), [source], Counter()))
        else:
            group.members.append(source)
    stories = []
    for g in groups:
        members = sorted(g.members, key=lambda s: (_date(s) is None, _date(s) or date.min, s.id))
        member_claims = [c for s in members for c in by_source[s.id]]
        given = next((n for s in members if (n := (choices.get(s.id) or StoryChoice()).name)), None)
        dates = [s.published for s in members if s.published and _date(s) is not None]
        stories.append(Story(
            key=g.key,
            name=given or _name(members, member_claims),
            source_ids=tuple(s.id for s in members),
            start=min(dates) if dates else None,
            end=max(dates) if dates else None,
            claim_count=len(member_claims),
        ))
    stories.sort(key=lambda s: s.key)
    stories.sort(key=lambda s: s.end or "", reverse=True)  # latest first; undated ("") last; stable on ties
    return tuple(stories)


def in_range(source: Source, start: str | None, end: str | None) -> bool:
    """Whether a source was published within ``start``..``end`` (inclusive); undated sources always are."""
    if source.published is None:
        return True
    return (start is None or source.published >= start) and (end is None or source.published <= end)
