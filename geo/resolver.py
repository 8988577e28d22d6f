"""One resolver for every place mention: installations, regions, countries, divisions, then GeoNames towns.

A mention is read the way an article writes it (``Fort Bragg, N.C.``, ``the Baltic states``,
``Ukraine's border``). The resolver splits off a qualifier (``, N.C.`` / ``in North Carolina``),
collects candidates for the name from every lexicon, scores them with priors (an installation beats a
town of the same name, a country beats a town, a capital beats a village, larger population wins) and
the sentence's context, and returns the best as a :class:`~geo.place.Place` whose ``why`` says what
decided it and whose ``runner_up`` names the best rejected candidate.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass, replace
from functools import lru_cache

from geo.collector import collector_paused
from geo.gazetteer import Gazetteer, Town
from geo.lexicon import common_words, countries, divisions, installations, regions, words
from geo.names import fold, index_keys
from geo.place import Place, Precision, unresolved

# Prior weights. Curated entries are ranked above towns; among towns a capital and population count.
KIND_PRIOR = {"installation": 100.0, "country": 90.0, "region": 85.0, "admin": 70.0}
KIND_LABEL = {"installation": "military installation", "country": "country", "region": "region",
              "admin": "state or province", "town": "town"}
BIG_CITY = 1_000_000  # a town this large outranks a first-level division of the same name ("New York")
CONTEXT_BONUS = 30.0
QUALIFIER_RADIUS_KM = 150.0
SAME_SPOT_KM = 10.0
CACHE_SIZE = 50_000  # names whose candidates are kept; articles repeat their places
ALTERNATE_PENALTY = 10.0  # "Victoria" is a name of Hong Kong, but not the one an article means
ALTERNATE_MIN_POPULATION = 10_000  # below this, a town is found by its own name only
TOWNS_PER_NAME = 10  # the most populous namesakes; a smaller one wins only through a qualifier
MAX_MENTION = 120
_TRAILING = " \t\r\n.,;:!?\"'“”‘’]}"
_LEADING = " \t\r\n\"'“”‘’[{"
_OF_FORM = re.compile(r"^(?:the\s+)?(\w+)\s+of\s+(.+)$", re.IGNORECASE)


@dataclass(frozen=True)
class Candidate:
    """One possible reading of a name, before scoring picks among them."""

    place: Place
    kind: str
    admin: str  # folded first-level division name, "" where unknown
    prior: float
    basis: str
    exact_case: str = ""  # for an all-capitals alias such as "US": the mention must be written so
    population: int = 0  # towns only
    alternate: bool = False  # a town found through one of its alternate names (Kiev for Kyiv)

    @property
    def label(self) -> str:
        """A short description for ``why`` and ``runner_up``."""
        p = self.place
        suffix = f", {p.country_code}" if p.country_code and p.precision in ("city", "site") else ""
        return f"{p.name}{suffix} ({KIND_LABEL[self.kind]})"


@dataclass(frozen=True)
class Qualifier:
    """What a qualifier such as ``N.C.``, ``Germany`` or ``Lower Saxony`` allows."""

    text: str
    countries: frozenset[str]
    admins: frozenset[tuple[str, str]]  # (country, folded division name)
    point: tuple[float, float] | None = None

    def admits(self, c: Candidate) -> bool:
        """Whether a candidate lies where the qualifier says."""
        cc = c.place.country_code
        if cc and (cc, c.admin) in self.admins:
            return True
        if cc in self.countries:
            return True
        if self.point and c.place.lat is not None and c.place.lon is not None:
            return _km(self.point, (c.place.lat, c.place.lon)) <= QUALIFIER_RADIUS_KM
        return False


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = (math.radians(v) for v in (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


def _same_spot(a: Candidate, b: Candidate) -> bool:
    """Whether two candidates are the same place in effect (within a few kilometres)."""
    pa, pb = a.place, b.place
    if pa.lat is None or pa.lon is None or pb.lat is None or pb.lon is None:
        return False
    return _km((pa.lat, pa.lon), (pb.lat, pb.lon)) < SAME_SPOT_KM


def _key(text: str) -> str:
    """Fold a name and drop a leading article: ``The Baltic States`` -> ``baltic states``."""
    key = fold(text)
    return key[4:] if key.startswith("the ") else key


class Resolver:
    """Holds the lexicon indexes; build once (see :func:`default_resolver`)."""

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        """Index every curated name; GeoNames towns stay in the gazetteer's own index."""
        self.gazetteer = gazetteer or Gazetteer()
        self.curated: dict[str, list[Candidate]] = defaultdict(list)
        self.qualifiers: dict[str, Qualifier] = {}
        self.demonyms: dict[str, str] = {}
        self.country_keys: dict[str, list[str]] = defaultdict(list)
        self.admin_names: dict[tuple[str, str], str] = {}
        self.us_states = {d.code: d.name for d in divisions() if d.country == "US"}
        # Division names used to label towns; UK nations are left to the country name.
        self.division_names = {(d.country, d.code): d.name for d in divisions() if d.country not in ("US", "GB")}
        lexicon = words()
        self.descriptors: list[str] = sorted((fold(d) for d in lexicon["descriptors"]), key=len, reverse=True)
        # "the state of X", "X City": the descriptor says which kind of place is meant
        self.descriptor_kinds: dict[str, list[str]] = lexicon["descriptor_kinds"]
        self.variants: dict[str, str] = lexicon["prefix_variants"]
        self.directions: frozenset[str] = frozenset(lexicon["directions"])
        self.cues: dict[str, dict[str, list[str]]] = lexicon["context_cues"]
        self.common = common_words()
        self._seen: dict[str, list[Candidate]] = {}
        self.not_places: frozenset[str] = frozenset(_key(n) for n in lexicon["not_places"])
        self.titles: frozenset[str] = frozenset(lexicon["person_titles"])
        self.speech: frozenset[str] = frozenset(lexicon["speech_verbs"])
        self.prefixes: frozenset[str] = frozenset(lexicon["name_prefixes"])
        self._index_countries()
        self._index_divisions()
        self._index_regions()
        self._index_installations()

    # -- building the indexes -------------------------------------------------------------------

    def _add(self, names: tuple[str, ...], candidate: Candidate, exact: bool = True) -> None:
        for name in names:
            exact_case = name if exact and name.isupper() and len(name.replace(".", "")) <= 3 else ""
            for key in {_key(k) for k in index_keys(name)}:
                if key and all(c.place.gazetteer_id != candidate.place.gazetteer_id for c in self.curated[key]):
                    self.curated[key].append(replace(candidate, exact_case=exact_case))

    def _add_qualifier(self, text: str, country: str | None = None, admin: tuple[str, str] | None = None) -> None:
        """File a name as a qualifier; a name shared by a country and a division (Georgia) admits both."""
        key = _key(text)
        previous = self.qualifiers.get(key, Qualifier(text, frozenset(), frozenset()))
        self.qualifiers[key] = Qualifier(
            previous.text,
            previous.countries | ({country} if country else set()),
            previous.admins | ({admin} if admin else set()),
        )

    def _index_countries(self) -> None:
        for c in countries().values():
            for demonym in c.demonyms:
                self.demonyms.setdefault(fold(demonym), c.code)
            names = (c.name, *c.aliases)
            keys = sorted({_key(n) for n in names if len(n) > 3 or "." in n}, key=len, reverse=True)
            self.country_keys[c.code] = [f" {k} " for k in keys]
            for alias in names:
                self._add_qualifier(alias, country=c.code)
            if c.lat is None or c.lon is None:
                continue
            place = Place(c.name, "", c.lat, c.lon, c.code, "country", f"ne:{c.alpha3}")
            self._add(names, Candidate(place, "country", "", KIND_PRIOR["country"], "country name"))

    def _index_divisions(self) -> None:
        for d in divisions():
            self.admin_names[(d.country, d.code)] = fold(d.name)
            name = f"{d.name}, {countries()[d.country].name}" if d.country != "US" else d.name
            place = Place(name, "", d.lat, d.lon, d.country, "admin", f"admin1:{d.country}.{d.code}")
            # Abbreviations (N.C., Calif., NC) only ever qualify another name; full names also stand alone.
            standalone = tuple(a for a in (d.name, *d.aliases) if "." not in a and not a.isupper())
            self._add(standalone, Candidate(place, "admin", fold(d.name), KIND_PRIOR["admin"], "first-level division"))
            for alias in (d.name, *d.aliases):
                self._add_qualifier(alias, admin=(d.country, fold(d.name)))

    def _index_regions(self) -> None:
        for r in regions():
            precision: Precision = "region"
            place = Place(r.name, "", r.lat, r.lon, r.country, precision, f"region:{r.id}")
            self._add((r.name, *r.aliases), Candidate(place, "region", "", KIND_PRIOR["region"], "named region"))

    def _index_installations(self) -> None:
        for i in installations():
            name = f"{i.name}, {i.admin1}" if i.country == "US" else i.name
            place = Place(name, "", i.lat, i.lon, i.country, "site", f"inst:{i.id}")
            candidate = Candidate(place, "installation", fold(i.admin1), KIND_PRIOR["installation"],
                                  "military installation")
            self._add((i.name, *i.aliases), candidate, exact=False)

    # -- candidates ------------------------------------------------------------------------------

    def _town_candidate(self, town: Town, key: str) -> Candidate:
        admin = self.admin_names.get((town.country, town.admin1), "")
        country = countries().get(town.country)
        if town.country == "US" and town.admin1 in self.us_states:
            name = f"{town.name}, {self.us_states[town.admin1]}"
        else:
            division = self.division_names.get((town.country, town.admin1))
            # "Kyiv, Ukraine" rather than "Kyiv, Kyiv City"
            if division is None or fold(division).startswith(fold(town.name)):
                division = country.name if country else town.country
            name = f"{town.name}, {division}"
        prior = 10.0 + 5.0 * math.log10(max(town.population, 10))
        basis = f"town of {town.population:,}"
        if town.capital:
            prior, basis = 80.0, f"capital of {country.name if country else town.country}"
        elif town.population >= BIG_CITY:
            prior, basis = KIND_PRIOR["admin"] + 5.0, f"city of {town.population:,}"
        alternate = fold(town.name) != key and key not in index_keys(town.name)
        if alternate:
            prior -= ALTERNATE_PENALTY
            basis += f", also spelled '{key}'"
        place = Place(name, "", town.lat, town.lon, town.country, "city", f"geonames:{town.geonameid}")
        return Candidate(place, "town", admin, prior, basis, population=town.population, alternate=alternate)

    def candidates(self, key: str) -> list[Candidate]:
        """Every curated entry and GeoNames town filed under a folded key (and its spelling variants)."""
        cached = self._seen.get(key)
        if cached is None:
            if len(self._seen) >= CACHE_SIZE:
                self._seen.clear()
            cached = self._seen[key] = self._gather(key)
        return cached

    def _gather(self, key: str) -> list[Candidate]:
        keys = [key]
        for short, long in self.variants.items():
            if key.startswith(short):
                keys.append(long + key[len(short) :])
        out: list[Candidate] = []
        for k in keys:
            out.extend(self.curated.get(k, []))
            out.extend(self._town_candidate(t, k) for t in self.gazetteer.towns(k, TOWNS_PER_NAME))
        return out

    def qualifier(self, text: str) -> Qualifier | None:
        """Read a qualifier: a division, a country, a region, or failing those a known town."""
        key = _key(text)
        first, _, rest = key.partition(" ")
        if key not in self.qualifiers and first in self.directions and rest in self.qualifiers:
            key = rest  # "southeastern Poland" qualifies as Poland; "North Carolina" stays itself
        if key in self.qualifiers:
            return self.qualifiers[key]
        found = [c for c in self.curated.get(key, []) if c.kind == "region"]
        if found:
            members = {m for r in regions() if f"region:{r.id}" == found[0].place.gazetteer_id for m in r.members}
            return Qualifier(text, frozenset(members), frozenset())
        towns = self.gazetteer.towns(key)
        if towns and key not in self.common:
            return Qualifier(text, frozenset(), frozenset(), (towns[0].lat, towns[0].lon))
        return None

    # -- resolving -------------------------------------------------------------------------------

    def resolve(self, mention: str, context: str = "") -> Place:
        """Resolve one mention; see :func:`resolve`."""
        text = mention.strip(_LEADING).rstrip(_TRAILING).strip(_LEADING)
        if text.endswith(")") and "(" not in text:
            text = text[:-1].rstrip(_TRAILING)
        if text.startswith("(") and ")" not in text:
            text = text[1:].strip(_LEADING)
        if not text:
            return unresolved(mention, "empty mention")
        if len(text) > MAX_MENTION:
            return unresolved(mention, "too long to be a place name")
        if not any(ch.isalpha() for ch in text):
            return unresolved(mention, "no letters: not a place name")
        if _key(text) in self.not_places:
            return unresolved(mention, f"'{text}' names an institution, outlet or weapon, not a place")
        ctx = f" {fold(context)} " if context else ""
        loose: list[tuple[str, str]] = []  # readings whose qualifier meant nothing to us
        contradicted = ""
        for head, qual in self._splits(text):
            qualifier = self.qualifier(qual) if qual else None
            if qual and qualifier is None:
                loose.append((head, qual))
                continue
            place = self._resolve_name(head, mention, ctx, qualifier)
            if place is None and qualifier is not None and self.candidates(_key(head)):
                contradicted = contradicted or f"'{qual}' rules out every place called '{head}'"
            if place is not None:
                metonym = place.why.startswith("capital") or "city of" in place.why  # "Kyiv said" is a government
                if place.precision == "city" and not qualifier and self._named_as_person(head, context, metonym):
                    return unresolved(mention, f"'{head}' is a person's name in this sentence ({place.name} "
                                               "shares it)")
                return place
        for head, qual in loose:
            place = self._resolve_name(head, mention, ctx, None)
            if place is not None and place.precision != "city":
                return replace(place, why=f"'{qual}' not understood as a qualifier; {place.why}")
        if contradicted:
            return unresolved(mention, contradicted)
        return self._fallbacks(text, mention, ctx)

    def _splits(self, text: str) -> list[tuple[str, str]]:
        """Readings of the text as (name, qualifier), the qualified ones first."""
        out: list[tuple[str, str]] = []
        if "," in text:
            head, _, qual = text.rpartition(",")
            out.append((head.strip(), qual.strip()))
        match = re.match(r"^(.+?)\s*\(([^)]+)\)$", text)
        if match:
            out.append((match.group(1), match.group(2)))
        for sep in (" in ", " near ", " outside ", " on "):
            if sep in text:
                head, _, qual = text.rpartition(sep)
                out.append((head.strip(), qual.strip()))
        out.append((text, ""))
        return [(h, q) for h, q in out if h]

    def _resolve_name(self, head: str, mention: str, ctx: str, qualifier: Qualifier | None,
                      kinds: list[str] | None = None) -> Place | None:
        """Pick among the candidates for one name; ``ctx`` is the folded sentence, space-padded."""
        key = _key(head)
        found = self.candidates(key)
        possessive = re.sub(r"(?:'|’)s?$", "", head)
        if not found and possessive != head:
            key = _key(possessive)
            found = self.candidates(key)
        if kinds:  # "Djibouti City" is the city, "the state of Georgia" the state
            found = [c for c in found if c.kind in kinds]
        bare = re.sub(r"^[Tt]he\s+", "", head).replace(".", "")
        found = [c for c in found if not c.exact_case or bare == c.exact_case.replace(".", "")]
        if not found:
            return None
        return self._choose(found, key, head, mention, ctx, qualifier)

    def _choose(self, found: list[Candidate], key: str, head: str, mention: str, ctx: str,
                qualifier: Qualifier | None) -> Place | None:
        notes: list[str] = []
        if qualifier is not None:
            admitted = [c for c in found if qualifier.admits(c)]
            if not admitted:
                return None
            rejected = [c for c in found if c not in admitted]
            notes.append(f"qualifier '{qualifier.text}' fits")
            found = admitted
        else:
            rejected = []
        ctx = ctx.replace(f" {key} ", " ")  # the mention itself is no evidence for its own reading
        scored = sorted(((self._score(c, key, ctx), c) for c in found), key=lambda sc: -sc[0])
        (best_score, best), rest = scored[0], scored[1:]
        if best.kind == "town" and not self._town_allowed(best, key, head, ctx, qualifier):
            return None
        if best_score > best.prior:
            notes.append("the sentence points to it")
        # The runner-up is the best candidate somewhere else; the town around a base is no alternative.
        elsewhere = [c for _, c in rest if not _same_spot(best, c)] or [c for _, c in rest]
        runner = elsewhere[0] if elsewhere else (max(rejected, key=lambda c: c.prior) if rejected else None)
        why = self._explain(best, runner, notes, qualifier is not None and bool(rejected))
        p = best.place  # built directly: dataclasses.replace costs a fifth of a lookup
        return Place(p.name, mention, p.lat, p.lon, p.country_code, p.precision, p.gazetteer_id, why,
                     runner.label if runner else None)

    def _score(self, c: Candidate, key: str, ctx: str) -> float:
        score = c.prior
        if not ctx:
            return score
        cc = c.place.country_code
        cues = self.cues.get(key, {})
        if cc and any(f" {w} " in ctx for w in cues.get(cc, [])):
            score += CONTEXT_BONUS
        elif cc and c.kind in ("town", "installation", "admin") and any(
            k in ctx for k in self.country_keys.get(cc, [])
        ):
            score += CONTEXT_BONUS / 2
        if c.admin and f" {c.admin} " in ctx:
            score += CONTEXT_BONUS / 2
        return score

    def _named_as_person(self, name: str, context: str, metonym: bool = False) -> bool:
        """Whether the sentence uses the name for a person: ``Lloyd Austin``, ``Kirby said``."""
        if not context or name not in context:
            return False
        for match in re.finditer(rf"(?<![\w.]){re.escape(name)}(?![\w])", context):
            before = context[: match.start()].split()
            after = context[match.end() :].lstrip(" ,").split()
            if after and after[0].strip(".,;:") in self.speech and not metonym:
                return True
            if not before:
                continue
            previous = before[-1]
            if previous in self.titles or " ".join(before[-2:]) in self.titles:
                return True
            capitalised = previous[:1].isupper() and previous.isalpha()
            if capitalised and previous not in self.prefixes and fold(previous) not in self.demonyms \
                    and not self.candidates(_key(f"{previous} {name}")) and len(before) > 1:
                return True
        return False

    def _town_allowed(self, best: Candidate, key: str, head: str, ctx: str,
                      qualifier: Qualifier | None) -> bool:
        """Guard against everyday words: ``in March`` is a month, not a town in England."""
        if qualifier is not None:
            return True
        if not any(ch.isupper() for ch in head):
            return False
        if fold(head).startswith("the ") and not fold(best.place.name).startswith("the "):
            return False  # "the White House" is not a town called White House; "The Hague" is
        major = best.prior >= KIND_PRIOR["admin"] - ALTERNATE_PENALTY  # a capital or a city of a million
        if head.isupper() and len(head) <= 5 and not major:
            return False  # an acronym (TASS) is not a village (Tass, Hungary); KYIV still is Kyiv
        if best.alternate and best.population < ALTERNATE_MIN_POPULATION:
            return False  # "Black Hawk" is an alternate name of Janesville, not what an article means
        if key in self.common or (len(key) <= 3 and " " not in key):
            cc = best.place.country_code or ""
            supported = any(k in ctx for k in self.country_keys.get(cc, []) if k != f" {key} ")
            return supported or best.prior >= KIND_PRIOR["admin"]
        return True

    def _explain(self, best: Candidate, runner: Candidate | None, notes: list[str], filtered: bool) -> str:
        why = f"{best.basis}: {best.place.name}"
        if notes:
            why += "; " + "; ".join(notes)
        if runner is not None:
            if filtered:
                why += f"; {runner.label} ruled out by the qualifier"
            elif runner.kind != best.kind and best.kind in KIND_PRIOR and best.prior > runner.prior:
                outranks = f"a {KIND_LABEL[best.kind]} outranks a {KIND_LABEL[runner.kind]} of the same name"
                why += f"; {outranks}, {runner.label}"
            else:
                why += f"; preferred over {runner.label}"
        return why

    def _fallbacks(self, text: str, mention: str, ctx: str) -> Place:
        """Generic shapes: ``X air base`` or ``the port of X`` with X a known place, ``eastern Poland``."""
        key = _key(text)
        of_form = _OF_FORM.match(text)
        if of_form and fold(of_form.group(1)) in self.descriptors:
            kinds = self.descriptor_kinds.get(of_form.group(1).lower())
            place = self._resolve_name(of_form.group(2), mention, ctx, None, kinds=kinds)
            if place is not None:
                return replace(place, why=f"'{of_form.group(1)} of' read as a description: {place.why}")
        for descriptor in self.descriptors:
            if key.endswith(" " + descriptor):
                words = text.split()
                stem = " ".join(words[: len(words) - len(descriptor.split())])
                place = self._resolve_name(stem, mention, ctx, None, kinds=self.descriptor_kinds.get(descriptor))
                if place is not None:
                    kind = "installation" if place.precision == "site" else place.precision
                    return replace(place, why=f"'{descriptor}' dropped; {kind} {place.name}: {place.why}")
        first, _, rest = key.partition(" ")
        if first in self.directions and rest:
            place = self._resolve_name(rest, mention, ctx, None)
            if place is not None and place.precision in ("country", "admin", "region"):
                return replace(place, why=f"{first} part of {place.name}, shown at its point: {place.why}")
        if key in self.common:
            return unresolved(mention, f"'{text}' is an everyday English word and nothing ties it to a place")
        return unresolved(mention, f"no installation, region, country or GeoNames place is called '{text}'")


@lru_cache(maxsize=1)
def default_resolver() -> Resolver:
    """The process-wide resolver, built on first use."""
    with collector_paused():
        return Resolver()


def resolve(mention: str, context: str = "") -> Place:
    """Resolve a place mention, as an article writes it, to a Place.

    Args:
        mention: ``Fort Bragg, N.C.``, ``Kiev``, ``the Baltic states``, ``Ukraine's border``.
        context: The sentence the mention sits in; it breaks ties (``Atlanta`` makes Georgia the state).

    Returns:
        The best Place, with ``why`` and ``runner_up`` filled in, or an unresolved Place with the reason.
        Never raises.
    """
    if not isinstance(mention, str):
        return unresolved(str(mention), "not text")
    try:
        return default_resolver().resolve(mention, context if isinstance(context, str) else "")
    except Exception as error:  # a resolver bug must not lose the claim
        return unresolved(mention, f"resolver error: {type(error).__name__}: {error}")


def demonym_country(word: str) -> str | None:
    """The ISO alpha-2 code a demonym or adjective refers to: ``Russian`` -> ``RU``.

    Args:
        word: ``Russian``, ``Americans``, ``Polish``.

    Returns:
        The code, or None where the word is not a known demonym.
    """
    return default_resolver().demonyms.get(fold(word.strip()))


def build_place_phrases(r: Resolver | None = None) -> frozenset[str]:
    """Work out the phrases of :func:`geo.lexicon.place_phrases` from the lexicon and the gazetteer.

    Countries, regions, installations and first-level divisions (full names only), plus towns of
    100,000 or more (folded too, and for cities of 500,000 or more their other spellings, such as
    ``kiev``) whose names are not everyday English words. Short all-capitals aliases such as ``US``
    are left out because, lowercased, they are ordinary words.

    Args:
        r: The resolver whose gazetteer and word lists to use (the default one when None).

    Returns:
        The phrases.
    """
    r = r or default_resolver()
    phrases: set[str] = set()
    for c in countries().values():
        phrases.update(n.lower() for n in (c.name, *c.aliases) if len(n.replace(".", "")) > 3 or "." in n)
    for g in regions():
        phrases.update(n.lower() for n in (g.name, *g.aliases))
    for i in installations():
        phrases.update(n.lower() for n in (i.name, *i.aliases) if len(n) > 3)
    for d in divisions():
        phrases.update(n.lower() for n in (d.name, *d.aliases) if "." not in n and not n.isupper())
    towns: set[str] = set()
    for town in r.gazetteer.largest(100_000):
        towns.update((town.name.lower(), fold(town.name)))  # "rzeszów" and "rzeszow"
        if town.population >= 500_000:
            towns.update(r.gazetteer.spellings(town))  # "kiev", "lvov"
    phrases.update(t for t in towns if len(t) >= 4 and t[0].isalpha() and fold(t) not in r.common)
    return frozenset(phrases)
