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
import threading
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from functools import lru_cache

from geo.collector import collector_paused
from geo.gazetteer import Gazetteer, Town
from geo.lexicon import Division, common_words, countries, divisions, installations, more_divisions, regions, words
from geo.names import fold, index_keys
from geo.place import Place, Precision, unresolved

# Prior weights. Curated entries are ranked above towns; among towns a capital and population count.
KIND_PRIOR = {"installation": 100.0, "country": 90.0, "region": 85.0, "admin": 70.0}
KIND_LABEL = {"installation": "military installation", "country": "country", "region": "region",
              "admin": "state or province", "town": "town"}
# The population baseline: a town scores TOWN_PRIOR + PEOPLE_WEIGHT * log10(people). A division from
# ISO 3166-2 / GeoNames (not named by hand) is scored the same way, its people counted as if twice as many
# at the first level (its count sums only its towns, and a division outranks a town of equal size).
TOWN_PRIOR = 10.0
PEOPLE_WEIGHT = 5.0
DIVISION_EDGE = {1: 0.3, 2: 0.0}  # in powers of ten
BIG_CITY = 1_000_000  # a town this large outranks a division of the same name elsewhere, not the one it lies in
CONTEXT_BONUS = 30.0
QUALIFIER_RADIUS_KM = 150.0
SAME_SPOT_KM = 10.0
CITY_DIVISION_KM = 60.0  # a division whose point lies this near a town of its name is named for that town
CACHE_SIZE = 50_000  # names whose candidates are kept; articles repeat their places
# An alternate name counts by how near it is to the place's own name: a spelling (Kiev for Kyiv, Jenin
# for Janin) is nearly as good as the name; another name altogether (Berea, an old name of Aleppo;
# Victoria for Hong Kong) is not what an article means when a place bears it as its own name.
SPELLING_PENALTY = 3.0
ALTERNATE_PENALTY = 15.0
SPELLING_LIKENESS = 0.7  # difflib ratio of the folded names at or above which an alternate is a spelling
ALTERNATE_MIN_POPULATION = 10_000  # below this, a town is found by its own name only
TOWNS_PER_NAME = 10  # the most populous namesakes; a smaller one wins only through a qualifier
MAX_MENTION = 120
COUNTY_WORDS = ("County", "Parish")
COUNTY_WORD_MISSING = PEOPLE_WEIGHT * 1.0  # a county named without its word counts as if ten times smaller
MIN_PEOPLE_NAME = 4  # letters of a place name read out of a word for its people ("Iowa" from "Iowans")
# Ranking with the article's other places (resolve(..., article=...)): a namesake inside a division the
# article names, near one of its places, or in the country most of its places are in gains this much.
ARTICLE_DIVISION_BONUS = 40.0
ARTICLE_NEAR_BONUS = 35.0
ARTICLE_NEAR_KM = 161.0
ARTICLE_FAR_KM = 800.0  # the nearness bonus fades to nothing at this distance
ARTICLE_COUNTRY_BONUS = 45.0  # times the share of the article's places in the candidate's country
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
    other_name: bool = False  # ... and that name is another name altogether, not a spelling (Kanawha for Charleston)
    abbreviation: bool = False  # "Ky.", "W.Va.": a place by itself only when asked for, not in running text
    hand_named: bool = True  # False for divisions from ISO 3166-2 / GeoNames, guarded in running text

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


@dataclass(frozen=True)
class _Article:
    """What the other places of a mention's article say: its countries, the divisions it names, its points."""

    places: tuple[Place, ...]
    country_share: dict[str, float]
    divisions: frozenset[tuple[str, str]]
    points: tuple[tuple[float, float], ...]


_NO_ARTICLE = _Article((), {}, frozenset(), ())


@dataclass(frozen=True)
class _Reading:
    """How the current mention is read: met in running text, or asked for by name; and its article."""

    running_text: bool
    article: _Article


_RUNNING_TEXT = _Reading(True, _NO_ARTICLE)


def _named_for_their_city(found: list[Candidate]) -> list[Candidate]:
    """Drop a division (from ISO 3166-2 / GeoNames) that bears the name of a town inside it or next to it.

    ``Istanbul``, ``Manchester`` or ``Kursk`` asked for alone is the city; its province is ``Kursk Oblast``.
    A town that bears the name only as another name altogether (Kanawha, an old name of Charleston) does
    not count: Kanawha County is named for the river, not for Charleston.
    """
    towns = [c for c in found if c.kind == "town" and not c.other_name]
    if not towns:
        return found

    def named_for_a_town(d: Candidate) -> bool:
        first_level = str(d.place.gazetteer_id).startswith("admin1:")
        return any(t.place.country_code == d.place.country_code
                   and ((first_level and t.admin == d.admin) or _km_apart(t, d) < CITY_DIVISION_KM) for t in towns)

    return [c for c in found if c.hand_named or c.kind != "admin" or not named_for_a_town(c)]


def _cities_yield_to_their_division(found: list[Candidate]) -> list[Candidate]:
    """A city of a million that lies in a first-level division of its name ranks below it (New York).

    The division holds the city and more people besides, so the population baseline picks it; a capital
    keeps its rank (``Washington`` in the news is the capital, the government).
    """
    divisions_here = {(c.place.country_code, c.admin) for c in found if c.kind == "admin" and c.hand_named
                      and str(c.place.gazetteer_id).startswith("admin1:")}
    if not divisions_here:
        return found
    below = KIND_PRIOR["admin"] - SPELLING_PENALTY
    return [replace(c, prior=min(c.prior, below), basis=f"{c.basis}, in the division of its name")
            if c.kind == "town" and c.population >= BIG_CITY and not c.basis.startswith("capital")
            and (c.place.country_code, c.admin) in divisions_here else c for c in found]


def _point_like(c: Candidate) -> bool:
    """A town, an installation or a second-level division: a place that nearness can pick among namesakes."""
    return c.kind in ("town", "installation") or str(c.place.gazetteer_id).startswith("admin2:")


def _km_apart(a: Candidate, b: Candidate) -> float:
    pa, pb = a.place, b.place
    if pa.lat is None or pa.lon is None or pb.lat is None or pb.lon is None:
        return math.inf
    return _km((pa.lat, pa.lon), (pb.lat, pb.lon))


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
        self.more_divisions = more_divisions()
        self.curated_division_codes = {(d.country, d.code, d.admin2) for d in divisions()}
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
        self._local = threading.local()  # the reading of the mention being resolved, per thread
        # gazetteer id of every town candidate made so far -> (country, folded first-level division), so an
        # article's towns say which divisions it is about (at most one entry per GeoNames place)
        self._town_division: dict[str, tuple[str, str]] = {}
        self.not_places: frozenset[str] = frozenset(_key(n) for n in lexicon["not_places"])
        self.titles: frozenset[str] = frozenset(lexicon["person_titles"])
        self.speech: frozenset[str] = frozenset(lexicon["speech_verbs"])
        self.prefixes: frozenset[str] = frozenset(lexicon["name_prefixes"])
        # (ending of a word for a place's people, ending of the place's name): Texan -> Texas, Abkhaz -> Abkhazia
        self.people_endings: list[tuple[str, str]] = [(a, b) for a, b in lexicon["people_endings"]]
        self._index_countries()
        self._index_divisions()
        self._index_regions()
        self._index_installations()

    @property
    def _reading(self) -> _Reading:
        return getattr(self._local, "reading", _RUNNING_TEXT)

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
        for key, name in self.more_divisions.first_level.items():
            self.admin_names.setdefault(key, name)
        for d in divisions():
            candidate = self._division_candidate(d)
            # Abbreviations (N.C., Calif., NC) qualify another name in running text; asked for alone, they
            # are the state.
            names = (d.name, *d.aliases)
            self._add(tuple(a for a in names if "." not in a and not a.isupper()), candidate)
            self._add(tuple(a for a in names if "." in a or a.isupper()), replace(candidate, abbreviation=True))
            for alias in names:
                self._add_qualifier(alias, admin=(d.country, fold(d.name)))

    def _more_division_candidates(self, key: str) -> list[Candidate]:
        """The divisions of ``data/divisions.csv`` filed under a key, made into candidates on demand."""
        out = []
        for index in self.more_divisions.by_key.get(key, ()):
            d = self.more_divisions.division(index)
            if d.country in countries() and (d.country, d.code, d.admin2) not in self.curated_division_codes:
                out.append(self._division_candidate(d))
        return out

    def _division_candidate(self, d: Division) -> Candidate:
        country = countries()[d.country].name
        if d.level == 1:
            name = d.name if d.country == "US" else f"{d.name}, {country}"
            place = Place(name, "", d.lat, d.lon, d.country, "admin", f"admin1:{d.country}.{d.code}")
            admin, basis = fold(d.name), "first-level division"
        else:  # "Anderson County, Texas", "Somme, France": it lies in its first-level division
            state = self.us_states.get(d.code) if d.country == "US" else None
            place = Place(f"{d.name}, {state or country}", "", d.lat, d.lon, d.country, "admin",
                          f"admin2:{d.country}.{d.code}.{d.admin2}")
            admin, basis = self.admin_names.get((d.country, d.code), ""), "second-level division"
        if d.curated:
            prior = KIND_PRIOR["admin"]
        else:
            prior = TOWN_PRIOR + PEOPLE_WEIGHT * (math.log10(max(d.population, 10)) + DIVISION_EDGE[d.level])
            basis += f" of {d.population:,} people" if d.population else ""
        return Candidate(place, "admin", admin, prior, basis, population=d.population, hand_named=d.curated)

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
        prior = TOWN_PRIOR + PEOPLE_WEIGHT * math.log10(max(town.population, 10))
        basis = f"town of {town.population:,}"
        alternate = fold(town.name) != key and key not in index_keys(town.name)
        spelling = not alternate or SequenceMatcher(None, key, fold(town.name)).ratio() >= SPELLING_LIKENESS
        # A capital or a city of a million is known by its own name and its spellings, not by other names.
        if town.capital and spelling:
            prior, basis = 80.0, f"capital of {country.name if country else town.country}"
        elif town.population >= BIG_CITY and spelling:
            prior, basis = KIND_PRIOR["admin"] + 5.0, f"city of {town.population:,}"
        if alternate:
            prior -= SPELLING_PENALTY if spelling else ALTERNATE_PENALTY
            basis += f", also spelled '{key}'" if spelling else f", also called '{key}'"
        place = Place(name, "", town.lat, town.lon, town.country, "city", f"geonames:{town.geonameid}")
        self._town_division[str(place.gazetteer_id)] = (town.country, admin)
        return Candidate(place, "town", admin, prior, basis, population=town.population, alternate=alternate,
                         other_name=not spelling)

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
            out.extend(self._more_division_candidates(k))
            out.extend(self._town_candidate(t, k) for t in self.gazetteer.towns(k, TOWNS_PER_NAME))
        return _cities_yield_to_their_division(out)

    def qualifier(self, text: str) -> Qualifier | None:
        """Read a qualifier: a division, a country, a region, or failing those a known town."""
        key = _key(text)
        first, _, rest = key.partition(" ")
        if key not in self.qualifiers and first in self.directions and rest in self.qualifiers:
            key = rest  # "southeastern Poland" qualifies as Poland; "North Carolina" stays itself
        if key in self.qualifiers:
            return self.qualifiers[key]
        if key not in self.common:  # a first-level division of data/divisions.csv: "Nyala, South Darfur"
            admins = frozenset((c.place.country_code or "", c.admin) for c in self._more_division_candidates(key)
                               if str(c.place.gazetteer_id).startswith("admin1:"))
            if admins:
                return Qualifier(text, frozenset(), admins)
        found = [c for c in self.curated.get(key, []) if c.kind == "region"]
        if found:
            members = {m for r in regions() if f"region:{r.id}" == found[0].place.gazetteer_id for m in r.members}
            return Qualifier(text, frozenset(members), frozenset())
        towns = self.gazetteer.towns(key)
        if towns and key not in self.common:
            return Qualifier(text, frozenset(), frozenset(), (towns[0].lat, towns[0].lon))
        return None

    # -- resolving -------------------------------------------------------------------------------

    def resolve(self, mention: str, context: str = "", running_text: bool = True,
                article: Sequence[Place] = ()) -> Place:
        """Resolve one mention; see :func:`resolve` and :func:`resolve_in_article`."""
        self._local.reading = _Reading(running_text, self._article_evidence(article))
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
        if not running_text:
            demonym = self._demonym(text, mention)
            if demonym is not None:
                return demonym
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
        elif not self._reading.running_text:  # "Kanawha", "DeKalb": a county asked for without the word
            found = found + self._counties_without_their_word(key)
        if self._reading.running_text:
            found = [c for c in found if not c.abbreviation and (c.hand_named or self._division_allowed(key, ctx, c))]
        bare = re.sub(r"^[Tt]he\s+", "", head).replace(".", "")
        found = [c for c in found if not c.exact_case or bare == c.exact_case.replace(".", "")]
        if self._reading.running_text and qualifier is None:
            if key in self.demonyms:  # "Malian border patrols": Mali's people, not Malian, China
                found = [c for c in found if c.kind in ("country", "region")]
            if bare.isupper() and len(bare) <= 3:  # "the LAC" (Line of Actual Control) is no province of Chad
                found = [c for c in found if c.exact_case or c.kind in ("country", "region")]
        if not found:
            return None
        return self._choose(found, key, head, mention, ctx, qualifier)

    def _counties_without_their_word(self, key: str) -> list[Candidate]:
        """The counties and parishes called ``key`` plus the word, ranked as if ten times smaller.

        ``Oconee`` asked for by itself is Oconee County; ``Kanawha`` is Kanawha County (180,000 people)
        rather than a hamlet of 600 in Iowa; ``Lancaster`` stays the city, as the county is not ten
        times larger. The name without its word is weaker evidence than the name a town bears itself.
        """
        return [replace(c, prior=c.prior - COUNTY_WORD_MISSING, basis=f"{c.basis}, asked for without '{word}'")
                for word in COUNTY_WORDS for c in self.candidates(f"{key} {fold(word)}")
                if str(c.place.gazetteer_id).startswith("admin2:")]

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
        found = _named_for_their_city(found)
        # Nearness to the article's places decides between namesakes that are points (Paris, France or
        # Texas). It does not turn a state into a town near them (California, Pennsylvania), nor a country
        # the article's places lie in (Mexico next to Mexico City's suburbs); a country the article says
        # nothing else of may give way (Palestine, Texas, in an article about Texan towns).
        top = max(found, key=lambda c: c.prior)
        near = _point_like(top) or (top.kind == "country" and not self._article_in_country(top))
        scored = sorted(((self._score(c, key, ctx, near), c) for c in found), key=lambda sc: -sc[0])
        (best_score, best), rest = scored[0], scored[1:]
        if best.kind == "town" and not self._town_allowed(best, key, head, ctx, qualifier):
            return None
        if best_score > best.prior:
            notes.append("the article's other places point to it" if self._reading.article.places
                         else "the sentence points to it")
        # The runner-up is the best candidate somewhere else; the town around a base is no alternative.
        elsewhere = [c for _, c in rest if not _same_spot(best, c)] or [c for _, c in rest]
        runner = elsewhere[0] if elsewhere else (max(rejected, key=lambda c: c.prior) if rejected else None)
        why = self._explain(best, runner, notes, qualifier is not None and bool(rejected))
        p = best.place  # built directly: dataclasses.replace costs a fifth of a lookup
        return Place(p.name, mention, p.lat, p.lon, p.country_code, p.precision, p.gazetteer_id, why,
                     runner.label if runner else None)

    def _score(self, c: Candidate, key: str, ctx: str, near: bool = True) -> float:
        score = c.prior
        if self._reading.article.places:
            score += self._article_score(c, near)
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
        if not self._reading.running_text:  # asked for by name: "Boston" is Boston
            if fold(head).startswith("the ") and not fold(best.place.name).startswith("the "):
                return False
            return not (best.alternate and best.population < ALTERNATE_MIN_POPULATION)
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

    def _division_allowed(self, key: str, ctx: str, c: Candidate) -> bool:
        """In running text, a division from ISO 3166-2 / GeoNames named by an everyday word needs its country.

        Many are (``Central``, ``Coast``, ``Eastern``: ``data/common_words.txt`` lists them); ``Chechnya``
        or ``Uttar Pradesh`` is specific enough by itself.
        """
        if key not in self.common:
            return True
        cc = c.place.country_code or ""
        return any(k in ctx for k in self.country_keys.get(cc, []) if k != f" {key} ")

    def _demonym(self, text: str, mention: str) -> Place | None:
        """A demonym asked for by itself (``Russian``, ``Americans``) names its country."""
        key = _key(text)
        code = self.demonyms.get(key)
        if code is None or any(c.kind != "town" for c in self.candidates(key)):
            return None
        country = countries().get(code)
        if country is None or country.lat is None:
            return None
        found = [c for c in self.candidates(_key(country.name)) if c.kind == "country"]
        if not found:
            return None
        p = found[0].place
        return Place(p.name, mention, p.lat, p.lon, p.country_code, p.precision, p.gazetteer_id,
                     f"demonym: '{text}' refers to {country.name}; shown at the country's point")

    def _people_of(self, text: str, mention: str) -> Place | None:
        """A word for the people of a division or region, asked for by itself, names it.

        ``Texans``, ``Ontarians``, ``Dagestani``, ``Abkhaz``: the name is the word with its ending swapped
        (``data/lexicon.json``, ``people_endings``). Only countries, regions and first-level divisions
        are tried, as a town's people are seldom named so, and only when no place bears the word itself.
        """
        key = _key(text)
        words = [key, key[:-1]] if key.endswith("s") else [key]
        found: list[Candidate] = []
        for word in words:
            for ending, name_ending in self.people_endings:
                if not word.endswith(ending):
                    continue
                name = word[: len(word) - len(ending)] + name_ending
                if len(name) >= MIN_PEOPLE_NAME and name != key:
                    found.extend(c for c in self.candidates(name) if c.kind in ("country", "region")
                                 or (c.kind == "admin" and not str(c.place.gazetteer_id).startswith("admin2:")))
        if not found:
            return None
        p = max(found, key=lambda c: c.prior).place
        return Place(p.name, mention, p.lat, p.lon, p.country_code, p.precision, p.gazetteer_id,
                     f"demonym: '{text}' read as the people of {p.name}; shown at its point")

    def _article_evidence(self, article: Sequence[Place]) -> _Article:
        places = tuple(p for p in article if p.resolved and p.lat is not None and p.lon is not None)
        if not places:
            return _NO_ARTICLE
        countries_named = Counter(p.country_code for p in places if p.country_code)
        share = {cc: n / len(places) for cc, n in countries_named.items()}
        divisions_named = frozenset(d for d in map(self._first_level_division, places) if d is not None)
        divisions_named |= {self._town_division[str(p.gazetteer_id)] for p in places
                            if str(p.gazetteer_id) in self._town_division}
        points = tuple((float(p.lat), float(p.lon)) for p in places if p.precision in ("city", "site", "admin")
                       and p.lat is not None and p.lon is not None)
        return _Article(places, share, divisions_named, points)

    def _first_level_division(self, p: Place) -> tuple[str, str] | None:
        """(country, folded name) of a first-level division place (``admin1:US.TX``), else None."""
        gid = str(p.gazetteer_id)
        if not gid.startswith("admin1:"):
            return None
        country, _, code = gid.removeprefix("admin1:").partition(".")
        name = self.admin_names.get((country, code))
        return (country, name) if name else None

    def _article_in_country(self, c: Candidate) -> bool:
        """Whether any of the article's other places lies in the candidate's country."""
        return self._reading.article.country_share.get(c.place.country_code or "", 0.0) > 0

    def _article_score(self, c: Candidate, near: bool) -> float:
        """How well a candidate fits the article's other places: same division, nearby, same country.

        A division the article's places lie in counts as named (Georgia the state, for an article that
        names Atlanta). ``near`` is False where the name's most likely reading is an area (see
        :meth:`_choose`): then neither nearness nor lying in a named division lifts a town over it.
        """
        art = self._reading.article
        cc = c.place.country_code or ""
        bonus = ARTICLE_COUNTRY_BONUS * art.country_share.get(cc, 0.0)
        inside = c.kind in ("town", "installation", "admin") and c.admin and (cc, c.admin) in art.divisions
        if inside and (near or not _point_like(c)):  # Mexico next to Mexico City's suburbs is still Mexico
            bonus += ARTICLE_DIVISION_BONUS
        if near and _point_like(c) and art.points and c.place.lat is not None and c.place.lon is not None:
            here = (c.place.lat, c.place.lon)
            nearest = min(_km(here, p) for p in art.points)
            if nearest < ARTICLE_FAR_KM:
                fade = min(1.0, (ARTICLE_FAR_KM - nearest) / (ARTICLE_FAR_KM - ARTICLE_NEAR_KM))
                bonus += ARTICLE_NEAR_BONUS * fade
        return bonus

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
        if not self._reading.running_text:
            people = self._people_of(text, mention)
            if people is not None:
                return people
        if key in self.common:
            return unresolved(mention, f"'{text}' is an everyday English word and nothing ties it to a place")
        known = self.candidates(key)
        if known:  # "Gao" in running text with nothing around it: a name, but not shown to be this place's
            example = max(known, key=lambda c: c.prior).place.name
            return unresolved(mention, f"'{text}' is also the name of {example}, but nothing in the sentence "
                                       "says the place is meant")
        return unresolved(mention, f"no installation, region, country or GeoNames place is called '{text}'")


@lru_cache(maxsize=1)
def default_resolver() -> Resolver:
    """The process-wide resolver, built on first use."""
    with collector_paused():
        return Resolver()


def resolve(mention: str, context: str = "", *, running_text: bool = True) -> Place:
    """Resolve a place mention, as an article writes it, to a Place.

    Args:
        mention: ``Fort Bragg, N.C.``, ``Kiev``, ``the Baltic states``, ``Ukraine's border``.
        context: The sentence the mention sits in; it breaks ties (``Atlanta`` makes Georgia the state).
        running_text: True (the default) for a name met in running text: everyday words (``Reading``,
            ``Buffalo``), lowercase words, acronyms, lone abbreviations (``Ky.``) and demonyms stay
            unresolved unless a qualifier or the sentence ties them to a place, and one-word division
            names from ISO 3166-2 need their country in the sentence. False for a name asked for as a
            place (``python -m geo``): ``Boston`` is Boston, ``Ky.`` Kentucky, ``Russian`` Russia.

    Returns:
        The best Place, with ``why`` and ``runner_up`` filled in, or an unresolved Place with the reason.
        Never raises.
    """
    return resolve_in_article(mention, (), context, running_text=running_text)


def resolve_in_article(mention: str, article: Sequence[Place], context: str = "", *,
                       running_text: bool = True) -> Place:
    """Resolve a mention with its article's other places deciding between namesakes.

    A namesake inside a division the article names (``Paris`` in an article that names Texas or
    Lamar County), near one of its places (within 161 km, fading out by 800 km), or in the country most
    of its places are in, gains over the most populous one. Call it after a first pass that resolved
    the article's mentions one by one (:func:`resolve`), passing the places of the *other* mentions.

    Args:
        mention: The name as written.
        article: The article's other resolved places (unresolved ones are ignored); empty = :func:`resolve`.
        context: The sentence the mention sits in.
        running_text: As for :func:`resolve`.

    Returns:
        The best Place; its ``why`` says when the article's places decided it. Never raises.
    """
    if not isinstance(mention, str):
        return unresolved(str(mention), "not text")
    try:
        return default_resolver().resolve(mention, context if isinstance(context, str) else "", running_text,
                                          tuple(article))
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
