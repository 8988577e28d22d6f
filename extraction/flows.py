"""Claims to map-ready flows, per source and reconciled across sources.

Nothing here invents a fact. A combined claim (one count, several destinations) stays one flow and is never
split into per-country numbers; a missing origin stays missing; negated claims never become flows (they
become :class:`RuledOut` markers); places the gazetteer could not resolve are listed, never drawn.

Grouping rules (each is tested in ``tests/test_flows.py``):

* **Within one source** two claims are one flow (one movement mentioned twice, several quotes) when they are
  not negated, have the same kind family (``deploy`` and ``relocate`` are both a *move*), the same force, the
  same destination set (by :func:`place_key`), the same count (both may be missing), and compatible origins
  and units (equal, or stated in only one of them). Alerts ignore destinations: an alert names where troops
  *could* go, so two alerts of one force with the same count in one article are one alert.
* **Across sources** flows are one *movement* when they have the same kind family, force and destination
  set, and their origins are in the same country (``Germany`` and ``Vilseck, Bavaria`` agree at different
  precision). A flow with no origin joins the one movement with the same family, force and destinations that
  has a placed origin, only when there is exactly one such movement; otherwise it stays on its own.
  Different destination sets are never merged: ``2,000 to Poland and Germany`` is not the same movement as
  ``1,700 to Poland``; the source that gives only the combined figure is flagged ``combined only``.
* Alerts across sources group by force alone; buildups by force and place.
* **Disputes of kind**: a claim that names no place but gives the figure another source gives for a
  movement of another kind ("8,500 ... sent last month" beside four sources' "8,500 ... on alert") joins
  that movement, when exactly one movement of the same force has another source stating that figure; the
  movement is then flagged with both kinds (:attr:`Movement.kind_dispute`: ``alert / sent``) instead of the
  claim sitting unplaced and uncompared. The consensus is unchanged: the figure is the same.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from extraction.model import Claim
from geo import Place, country_name, resolve

Agreement = Literal["agree", "differ", "single", "no figure"]

MOVE_KINDS: frozenset[str] = frozenset({"deploy", "relocate"})
KIND_WORDS: dict[str, str] = {"move": "sent", "alert": "alert", "withdraw": "withdrawn", "buildup": "buildup",
                              "pledge": "pledged"}
"""Each kind family as a reader says it in a dispute of kind: ``alert / sent``."""
PRECISION_RANK: dict[str, int] = {"site": 5, "city": 4, "admin": 3, "country": 2, "region": 1, "unresolved": 0}


def family(kind: str) -> str:
    """The kind family used for grouping: ``deploy`` and ``relocate`` are both ``move``."""
    return "move" if kind in MOVE_KINDS else kind


def place_key(place: Place) -> str:
    """What makes two places the same destination: the country where known, else the gazetteer id or name.

    Destinations are compared by country so that one source's ``Rzeszów`` and another's ``Poland`` are the
    same movement at different precision; regions (no country code) compare by their own id.
    """
    if place.country_code and place.precision != "region":
        return place.country_code
    return place.gazetteer_id or place.name.casefold()


def _dest_keys(places: Iterable[Place]) -> frozenset[str]:
    return frozenset(place_key(p) for p in places)


def _origin_key(place: Place | None) -> str | None:
    return None if place is None else place_key(place)


def _stable_id(prefix: str, *parts: object) -> str:
    digest = hashlib.sha1("|".join(map(str, parts)).encode("utf-8")).hexdigest()[:10]
    return f"{prefix}-{digest}"


def format_count(count: int | None, count_text: str | None = None) -> str:
    """A count for display: ``1,700``; the wording where no number is stated; ``troops`` where neither."""
    if count is not None:
        return f"{count:,}"
    return count_text or "troops"


@dataclass(frozen=True)
class Flow:
    """One source's account of one movement: origin to destinations, with every claim behind it.

    Attributes:
        id: Stable id, from the source and the grouping key.
        source_id: The source (article) that states it.
        kind: The contract kind of the first claim (``deploy``, ``relocate``, ``alert`` ...).
        force: Whose troops (``US``, ``RU``, ``NATO``).
        count: Troops as stated, or ``None``.
        count_text: The count as written.
        unit: Named formation, where one mention gives it.
        origin: Where they come from, as this source states it; ``None`` when it doesn't.
        destinations: Where they go; several for a combined claim (one count for all of them).
        claims: The claims (quotes) behind the flow, in text order.
    """

    id: str
    source_id: str
    kind: str
    force: str
    count: int | None
    count_text: str | None
    unit: str | None
    origin: Place | None
    destinations: tuple[Place, ...]
    claims: tuple[Claim, ...]

    @property
    def combined(self) -> bool:
        """Whether one count covers several destinations (drawn as combined, never split)."""
        return len(_dest_keys(self.destinations)) > 1


@dataclass(frozen=True)
class RuledOut:
    """A movement the sources rule out (negated claims): ``US forces: not to Ukraine``."""

    id: str
    force: str
    places: tuple[Place, ...]
    claims: tuple[Claim, ...]

    @property
    def label(self) -> str:
        """The marker's text."""
        where = ", ".join(p.name for p in self.places if p.resolved) or "?"
        return f"{self.force} forces: not to {where}"


@dataclass(frozen=True)
class SourceFlows:
    """Everything one source says, ready for the map."""

    source_id: str
    flows: tuple[Flow, ...]
    ruled_out: tuple[Claim, ...]
    unplaced: tuple[Claim, ...]


@dataclass(frozen=True)
class Figure:
    """One source's figure for a movement."""

    source_id: str
    count: int | None
    count_text: str | None


@dataclass(frozen=True)
class Consensus:
    """What most sources state: one number, or a range where the most frequent figures tie."""

    low: int | None
    high: int | None
    text: str

    @property
    def count(self) -> int | None:
        """The single consensus number, or ``None`` for a range or no figure."""
        return self.low if self.low == self.high else None


@dataclass(frozen=True)
class Movement:
    """Flows from several sources that describe the same movement.

    Attributes:
        id: Stable id from the grouping key (the same across views).
        kind: The most frequent contract kind among its flows.
        force: Whose troops.
        origin: The most frequently stated origin (most precise on a tie); ``None`` when no source states one.
        destinations: Where they go.
        flows: Every source's flow, in source order.
        consensus: What most sources state.
        agreement: ``agree``, ``differ``, ``single`` (one source gives a figure) or ``no figure``.
        combined_only: Sources that give this movement only inside a combined total to more places.
    """

    id: str
    kind: str
    force: str
    origin: Place | None
    destinations: tuple[Place, ...]
    flows: tuple[Flow, ...]
    consensus: Consensus
    agreement: Agreement
    combined_only: tuple[str, ...] = ()

    @property
    def combined(self) -> bool:
        """Whether one count covers several destinations."""
        return len(_dest_keys(self.destinations)) > 1

    @property
    def figures(self) -> tuple[Figure, ...]:
        """Each source's figure(s), one per flow."""
        return tuple(Figure(f.source_id, f.count, f.count_text) for f in self.flows)

    @property
    def source_ids(self) -> tuple[str, ...]:
        """The sources behind the movement, without repeats."""
        return tuple(dict.fromkeys(f.source_id for f in self.flows))

    @property
    def claims(self) -> tuple[Claim, ...]:
        """Every claim behind the movement."""
        return tuple(c for f in self.flows for c in f.claims)

    @property
    def kind_dispute(self) -> tuple[str, ...]:
        """The kinds the sources give when they differ (``("alert", "sent")``, most stated first), else ``()``."""
        families = Counter(family(f.kind) for f in self.flows)
        if len(families) < 2:
            return ()
        return tuple(KIND_WORDS.get(k, k) for k, _ in families.most_common())

    @property
    def label(self) -> str:
        """``Germany → Romania``, ``? → Poland, Germany``, ``US on alert``, ``RU buildup at Crimea``."""
        origin = self.origin.name if self.origin else "?"
        where = ", ".join(p.name for p in self.destinations)
        if self.kind == "alert":
            place = self.origin.name if self.origin else (where or "no place stated")
            return f"{self.force} troops on alert ({place})"
        if self.kind == "buildup":
            return f"{self.force} buildup at {where or 'no place stated'}"
        if not where:
            return f"{origin} → no destination stated"
        return f"{origin} → {where}"


@dataclass(frozen=True)
class ArithmeticCheck:
    """Parts and a total that both exist: ``1,700 + 300 = 2,000``.

    Attributes:
        total_id: The movement (or flow) carrying the total.
        part_ids: The movements whose destinations partition the total's.
        total: The total's count.
        parts: The parts' counts, in the order of ``part_ids``.
    """

    total_id: str
    part_ids: tuple[str, ...]
    total: int
    parts: tuple[int, ...]

    @property
    def adds_up(self) -> bool:
        """Whether the parts sum to the total."""
        return sum(self.parts) == self.total

    @property
    def text(self) -> str:
        """``1,700 + 300 = 2,000 ✓`` or ``1,700 + 500 = 2,200 ≠ 2,000``."""
        parts = " + ".join(f"{p:,}" for p in self.parts)
        if self.adds_up:
            return f"{parts} = {self.total:,} ✓"
        return f"{parts} = {sum(self.parts):,} ≠ {self.total:,}"


@dataclass(frozen=True)
class Reconciliation:
    """Movements across the chosen sources, plus what is ruled out and what could not be placed."""

    source_ids: tuple[str, ...]
    movements: tuple[Movement, ...]
    ruled_out: tuple[RuledOut, ...]
    unplaced: tuple[Claim, ...]
    checks: tuple[ArithmeticCheck, ...]

    def movement(self, movement_id: str | None) -> Movement | None:
        """The movement with this id, or ``None``."""
        return next((m for m in self.movements if m.id == movement_id), None)


def _compatible(a: object | None, b: object | None) -> bool:
    return a is None or b is None or a == b


def _same_flow(flow: Flow, claim: Claim) -> bool:
    if family(flow.kind) != family(claim.kind) or flow.force != claim.force or flow.count != claim.count:
        return False
    if claim.kind == "alert":
        return True
    if _dest_keys(flow.destinations) != _dest_keys(claim.destinations):
        return False
    return _compatible(_origin_key(flow.origin), _origin_key(claim.origin)) and _compatible(flow.unit, claim.unit)


def _usable_origin(claim: Claim) -> Place | None:
    return claim.origin if claim.origin is not None and claim.origin.resolved else None


def _has_unresolved(claim: Claim) -> bool:
    places = [*claim.destinations, *([claim.origin] if claim.origin else [])]
    return any(not p.resolved for p in places)


def _more_precise(kept: tuple[Place, ...], other: tuple[Place, ...]) -> tuple[Place, ...]:
    """Of two ways one source names the same destinations (``Russia``, later ``Vladivostok``), the finer."""
    if not kept:
        return other
    if not other:
        return kept
    rank = sum(PRECISION_RANK[p.precision] for p in other) - sum(PRECISION_RANK[p.precision] for p in kept)
    return other if rank > 0 else kept


def source_flows(source_id: str, claims: Iterable[Claim]) -> SourceFlows:
    """Turn one source's claims into flows (see the module docstring for when two claims are one flow).

    Args:
        source_id: The source whose claims these are; claims of other sources are ignored.
        claims: Claims, in text order.

    Returns:
        Flows, negated claims (ruled out), and claims naming a place that couldn't be placed or no place at
        all (listed under the map, never drawn).
    """
    flows: list[Flow] = []
    ruled_out: list[Claim] = []
    unplaced: list[Claim] = []
    for claim in claims:
        if claim.source_id != source_id:
            continue
        if claim.negated:
            ruled_out.append(claim)
            continue
        if _has_unresolved(claim):
            unplaced.append(claim)
        placed = any(p.resolved for p in claim.destinations) or _usable_origin(claim) is not None
        if not placed and claim.kind != "alert":
            if claim not in unplaced:
                unplaced.append(claim)
            continue
        for i, flow in enumerate(flows):
            if _same_flow(flow, claim):
                flows[i] = Flow(
                    id=flow.id,
                    source_id=source_id,
                    kind=flow.kind,
                    force=flow.force,
                    count=flow.count,
                    count_text=flow.count_text or claim.count_text,
                    unit=flow.unit or claim.unit,
                    origin=flow.origin or _usable_origin(claim),
                    destinations=_more_precise(flow.destinations, claim.destinations),
                    claims=(*flow.claims, claim),
                )
                break
        else:
            flows.append(
                Flow(
                    id=_stable_id("f", source_id, claim.id),
                    source_id=source_id,
                    kind=claim.kind,
                    force=claim.force,
                    count=claim.count,
                    count_text=claim.count_text,
                    unit=claim.unit,
                    origin=_usable_origin(claim),
                    destinations=claim.destinations,
                    claims=(claim,),
                )
            )
    return SourceFlows(source_id, tuple(flows), tuple(ruled_out), tuple(unplaced))


def consensus(figures: Sequence[Figure]) -> tuple[Consensus, Agreement]:
    """What most sources state, and whether they agree.

    Each source votes once for each distinct number it states. The most frequent number wins; a tie is
    shown as a range (``1,700–2,000``). Sources without a number don't vote.

    Args:
        figures: Every source's figure for one movement.

    Returns:
        The consensus and the agreement flag.
    """
    votes: Counter[int] = Counter()
    for source_id in dict.fromkeys(f.source_id for f in figures):
        votes.update({f.count for f in figures if f.source_id == source_id and f.count is not None})
    if not votes:
        wording = next((f.count_text for f in figures if f.count_text), None)
        return Consensus(None, None, wording or "no figure"), "no figure"
    top = max(votes.values())
    leaders = sorted(n for n, v in votes.items() if v == top)
    low, high = leaders[0], leaders[-1]
    text = f"{low:,}" if low == high else f"{low:,}–{high:,}"
    voters = {f.source_id for f in figures if f.count is not None}
    if len(votes) > 1:
        return Consensus(low, high, text), "differ"
    return Consensus(low, high, text), "agree" if len(voters) > 1 else "single"


def _group_key(flow: Flow) -> tuple[str, str, frozenset[str]]:
    if flow.kind == "alert":
        return ("alert", flow.force, frozenset())
    return (family(flow.kind), flow.force, _dest_keys(flow.destinations))


def _pick_origin(flows: Sequence[Flow]) -> Place | None:
    origins = [f.origin for f in flows if f.origin is not None]
    if not origins:
        return None
    counts = Counter(p.name for p in origins)
    return max(origins, key=lambda p: (counts[p.name], PRECISION_RANK.get(p.precision, 0)))


def group_movements(flows: Sequence[Flow]) -> list[list[Flow]]:
    """Group flows from several sources into movements (rules in the module docstring).

    A movement holds at most one flow per source: when one source gives two different figures for the same
    key (a total and "another 2,000" to Europe), they are two movements, and another source's flow joins the
    one stating its number, else the first without that source.

    Args:
        flows: Flows of any number of sources.

    Returns:
        Groups of flows, in order of first appearance.
    """
    groups: list[tuple[tuple[str, str, frozenset[str], str | None], list[Flow]]] = []
    by_key: dict[tuple[str, str, frozenset[str], str | None], list[list[Flow]]] = {}
    placed_origins: dict[tuple[str, str, frozenset[str]], set[str]] = {}

    def place(flow: Flow, key: tuple[str, str, frozenset[str], str | None]) -> None:
        open_groups = [g for g in by_key.get(key, []) if all(f.source_id != flow.source_id for f in g)]
        same_count = [g for g in open_groups if any(f.count == flow.count for f in g)]
        candidates = same_count or open_groups
        if candidates:
            candidates[0].append(flow)
            return
        group = [flow]
        groups.append((key, group))
        by_key.setdefault(key, []).append(group)
        if key[3] is not None:
            placed_origins.setdefault(key[:3], set()).add(key[3])

    later: list[Flow] = []
    for flow in flows:
        base = _group_key(flow)
        origin = None if base[0] == "alert" else _origin_key(flow.origin)
        if origin is None and base[0] != "alert":
            later.append(flow)
        else:
            place(flow, (*base, origin))
    for flow in later:
        base = _group_key(flow)
        origins = placed_origins.get(base, set())
        place(flow, (*base, next(iter(origins))) if len(origins) == 1 else (*base, None))
    return [g for _, g in groups]


def _movement(group: Sequence[Flow], wider: dict[tuple[str, str], list[tuple[frozenset[str], set[str]]]]) -> Movement:
    first = group[0]
    base = _group_key(first)
    origin_keys = sorted({k for f in group if (k := _origin_key(f.origin)) is not None})
    cons, agreement = consensus([Figure(f.source_id, f.count, f.count_text) for f in group])
    mine = {f.source_id for f in group}
    combined_only: set[str] = set()
    if base[0] != "alert" and base[2]:
        for dests, stating in wider.get(base[:2], []):
            if base[2] < dests:
                combined_only.update(stating - mine)
    destinations = max((f.destinations for f in group), key=lambda ds: sum(PRECISION_RANK[p.precision] for p in ds))
    return Movement(
        id=_stable_id("m", *base[:2], ",".join(sorted(base[2])), origin_keys[0] if origin_keys else ""),
        kind=Counter(f.kind for f in group).most_common(1)[0][0],
        force=first.force,
        origin=_pick_origin(group),
        destinations=destinations,
        flows=tuple(group),
        consensus=cons,
        agreement=agreement,
        combined_only=tuple(sorted(combined_only)),
    )


def arithmetic_checks(items: Sequence[tuple[str, str, frozenset[str], int | None]]) -> list[ArithmeticCheck]:
    """Find totals whose destinations are exactly covered by other items', and check the sums.

    An item is ``(id, group, destination keys, count)``; only items of the same group (force and kind family)
    are compared, and parts must not overlap. The cover with the fewest parts is reported, largest first.

    Args:
        items: Candidate totals and parts.

    Returns:
        One check per total that has a cover.
    """
    by_group: dict[str, list[tuple[str, frozenset[str], int]]] = {}
    for item_id, group, dests, count in items:
        if count is not None:
            by_group.setdefault(group, []).append((item_id, dests, count))
    checks: list[ArithmeticCheck] = []
    for total_id, group, dests, total in items:
        if total is None or len(dests) < 2:
            continue
        parts = [p for p in by_group.get(group, []) if p[0] != total_id and p[1] < dests]
        for depth in range(2, len(dests) + 1):
            cover = _cover(dests, parts, depth)
            if cover is not None:
                ordered = sorted(cover, key=lambda part: -part[2])  # largest part first: 1,700 + 300
                checks.append(ArithmeticCheck(total_id, tuple(i for i, _, _ in ordered), total,
                                              tuple(c for *_, c in ordered)))
                break
    return checks


def _cover(
    remaining: frozenset[str], parts: Sequence[tuple[str, frozenset[str], int]], depth: int
) -> list[tuple[str, frozenset[str], int]] | None:
    """An exact cover of ``remaining`` by at most ``depth`` disjoint parts (first found), or ``None``."""
    if not remaining:
        return []
    if depth == 0:
        return None
    key = min(remaining)  # every cover has exactly one part holding this key: branch only on those
    for part in parts:
        if key in part[1] and part[1] <= remaining:
            rest = _cover(remaining - part[1], parts, depth - 1)
            if rest is not None:
                return [part, *rest]
    return None


def _unique_ids(movements: Sequence[Movement]) -> tuple[Movement, ...]:
    seen: Counter[str] = Counter()
    out = []
    for m in movements:
        seen[m.id] += 1
        out.append(m if seen[m.id] == 1 else replace(m, id=f"{m.id}-{seen[m.id]}"))
    return tuple(out)


def _join_disputes_of_kind(groups: Sequence[list[Flow]], unplaced: Sequence[Claim]) -> set[str]:
    """Add each placeless claim that gives another source's figure with another kind to that movement's group.

    Returns:
        The ids of the claims that joined a movement (no longer unplaced).
    """
    joined: set[str] = set()
    for claim in unplaced:
        if claim.negated or claim.count is None or claim.destinations or claim.origin is not None:
            continue
        matches = [
            g for g in groups
            if g[0].force == claim.force and family(g[0].kind) != family(claim.kind)
            and any(f.count == claim.count and f.source_id != claim.source_id for f in g)
        ]
        if len(matches) != 1:
            continue
        matches[0].append(Flow(_stable_id("f", claim.source_id, claim.id), claim.source_id, claim.kind, claim.force,
                               claim.count, claim.count_text, claim.unit, None, (), (claim,)))
        joined.add(claim.id)
    return joined


def reconcile(claims: Iterable[Claim], source_ids: Sequence[str]) -> Reconciliation:
    """Flows of the chosen sources grouped into movements, with consensus, flags and arithmetic checks.

    Args:
        claims: Claims of any sources; only those of ``source_ids`` are used.
        source_ids: The sources to reconcile (one source gives that source's own figures).

    Returns:
        The reconciliation, movements in order of first appearance.
    """
    by_source: dict[str, list[Claim]] = {sid: [] for sid in source_ids}
    for claim in claims:
        if claim.source_id in by_source:
            by_source[claim.source_id].append(claim)
    per_source = [source_flows(sid, by_source[sid]) for sid in source_ids]
    groups = group_movements([f for s in per_source for f in s.flows])
    joined = _join_disputes_of_kind(groups, [c for s in per_source for c in s.unplaced])
    wider: dict[tuple[str, str], list[tuple[frozenset[str], set[str]]]] = {}
    for g in groups:
        key = _group_key(g[0])
        wider.setdefault(key[:2], []).append((key[2], {f.source_id for f in g if f.count is not None}))
    movements = _unique_ids([_movement(g, wider) for g in groups])
    negated: dict[tuple[str, frozenset[str]], list[Claim]] = {}
    for s in per_source:
        for claim in s.ruled_out:
            negated.setdefault((claim.force, _dest_keys(claim.destinations)), []).append(claim)
    ruled_out = tuple(
        RuledOut(_stable_id("r", force, *sorted(keys)), force, cs[0].destinations, tuple(cs))
        for (force, keys), cs in negated.items()
    )
    items = [(m.id, f"{family(m.kind)}|{m.force}", _dest_keys(m.destinations), m.consensus.count) for m in movements]
    return Reconciliation(
        source_ids=tuple(source_ids),
        movements=movements,
        ruled_out=ruled_out,
        unplaced=tuple(c for s in per_source for c in s.unplaced if c.id not in joined),
        checks=tuple(arithmetic_checks(items)),
    )


def home_place(force: str) -> Place | None:
    """Where to draw an alert that names no origin: the force's home country (``US``), if it is one country."""
    code = force.split(",")[0].strip()
    name = country_name(code) if len(code) in (2, 3) else None
    if name is None:
        return None
    place = resolve(name)
    return place if place.resolved else None
