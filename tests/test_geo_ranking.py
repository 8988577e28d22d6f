"""Names asked for by themselves, divisions of every country, and ranking with an article's other places."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo import resolve
from geo.place import Place
from geo.resolver import Candidate, _named_for_their_city, resolve_in_article


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = (math.radians(v) for v in (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def asked(name: str) -> Place:
    return resolve(name, running_text=False)


# (asked for, country, precision, a point it must lie within 500 km of: division points are estimates)
ASKED_FOR = [
    pytest.param("Boston", "US", "city", (42.36, -71.06), id="everyday-word-city"),
    pytest.param("Buffalo", "US", "city", (42.89, -78.88), id="animal-named-city"),
    pytest.param("Ky.", "US", "admin", (37.5, -85.3), id="state-abbreviation"),
    pytest.param("W.Va.", "US", "admin", (38.6, -80.6), id="two-part-abbreviation"),
    pytest.param("Ont.", "CA", "admin", (49.0, -84.5), id="province-abbreviation"),
    pytest.param("NSW", "AU", "admin", (-32.2, 147.0), id="australian-state-initials"),
    pytest.param("Uttar Pradesh", "IN", "admin", (27.0, 80.9), id="indian-state"),
    pytest.param("Dagestan", "RU", "admin", (43.0, 47.0), id="russian-republic"),
    pytest.param("Zamfara State", "NG", "admin", (12.1, 6.2), id="division-with-its-kind"),
    pytest.param("Rapides Parish", "US", "admin", (31.2, -92.5), id="louisiana-parish"),
    pytest.param("Licking County", "US", "admin", (40.1, -82.5), id="county"),
    pytest.param("Oconee", "US", "admin", (33.8, -83.4), id="county-without-the-word"),
    pytest.param("Somme", "FR", "admin", (49.9, 2.3), id="french-departement"),
    pytest.param("Istanbul", "TR", "city", (41.0, 29.0), id="division-named-for-its-city"),
    pytest.param("New York", "US", "admin", (42.9, -75.5), id="state-holds-its-city"),
    pytest.param("Washington", "US", "city", (38.9, -77.04), id="capital-keeps-its-rank"),
    pytest.param("Jenin", "PS", "city", (32.46, 35.3), id="spelling-beats-a-village"),
    pytest.param("Santa Ana", "US", "city", (33.75, -117.87), id="own-name-beats-another-name-of-a-big-city"),
]


@pytest.mark.parametrize(("name", "country", "precision", "point"), ASKED_FOR)
def test_a_name_asked_for_is_placed_as_a_gazetteer_would(name: str, country: str, precision: str,
                                                            point: tuple[float, float]) -> None:
    place = asked(name)
    assert place.resolved, place.why
    assert (place.country_code, place.precision) == (country, precision), place.why
    assert place.lat is not None and place.lon is not None
    assert km((place.lat, place.lon), point) < 500, place.name


# Villages of 500 to 999 people (GeoNames): local news names them, and no larger place bears their names.
VILLAGES = [
    pytest.param("Bowdle", "US", (45.45, -99.65), id="prairie-town"),
    pytest.param("Blanchardville", "US", (42.81, -89.86), id="village-in-wisconsin"),
    pytest.param("Unsleben", "DE", (50.38, 10.25), id="bavarian-village"),
    pytest.param("Noxen", "US", (41.42, -76.06), id="pennsylvania-hamlet"),
]


@pytest.mark.parametrize(("name", "country", "point"), VILLAGES)
def test_a_village_of_a_few_hundred_people_is_found(name: str, country: str, point: tuple[float, float]) -> None:
    place = asked(name)
    assert place.resolved, place.why
    assert (place.country_code, place.precision) == (country, "city"), place.why
    assert place.lat is not None and place.lon is not None
    assert km((place.lat, place.lon), point) < 10, place.name


@pytest.mark.parametrize(("word", "country"), [("Russian", "RU"), ("Americans", "US"), ("Georgian", "GE"),
                                               ("Palestinian", "PS")])
def test_a_demonym_asked_for_names_its_country(word: str, country: str) -> None:
    place = asked(word)
    assert (place.country_code, place.precision) == (country, "country")
    assert "demonym" in place.why


# A word for the people of a division or region, asked for by itself, names the place that the name would:
# (word, the place's own name, how the word's ending stands for the name's).
PEOPLE_OF = [
    ("Texans", "Texas", "plural-n-for-s"),
    ("Ohioan", "Ohio", "an-added"),
    ("Ontarians", "Ontario", "an-for-o"),
    ("Floridian", "Florida", "ian-for-a"),
    ("Kentuckians", "Kentucky", "ian-for-y"),
    ("Dagestani", "Dagestan", "i-added"),
    ("Bavarians", "Bavaria", "first-level-outside-the-us"),
    ("Abkhaz", "Abkhazia", "ia-dropped-region"),
    ("South Ossetians", "South Ossetia", "two-word-region"),
]


@pytest.mark.parametrize(("word", "name"), [pytest.param(w, n, id=i) for w, n, i in PEOPLE_OF])
def test_a_word_for_a_divisions_people_names_the_division(word: str, name: str) -> None:
    people, place = asked(word), asked(name)
    assert people.resolved, people.why
    assert place.precision in ("admin", "region"), place.why
    assert (people.gazetteer_id, people.precision) == (place.gazetteer_id, place.precision), people.why
    assert "people of" in people.why


@pytest.mark.parametrize("word", ["Qwertyans", "Texan", "Floridians"])
def test_a_word_for_a_divisions_people_stays_unplaced_in_running_text(word: str) -> None:
    assert not resolve(word, f"{word} lined the road as the convoy passed.").resolved


def test_a_word_whose_stem_names_only_a_town_stays_unplaced() -> None:
    # "Atlantans" are Atlanta's people, but towns are not read out of such words (too many namesakes).
    assert not asked("Atlantans").resolved


# A bare name that a county bears with its word: the county counts as if ten times smaller than it is.
# (asked for, the place it must be, its precision, why)
COUNTY_OR_TOWN = [
    ("Travis", "Travis County, Texas", "admin", "no-town-of-that-name"),
    ("Hennepin", "Hennepin County, Minnesota", "admin", "only-a-village-elsewhere"),
    ("Macomb", "Macomb County, Michigan", "admin", "county-forty-times-the-town"),
    ("Oakland", "Oakland, California", "city", "county-under-ten-times-the-city"),
    ("Maricopa", "Maricopa, Arizona", "city", "county-holds-the-town-of-its-name"),
]


@pytest.mark.parametrize(("name", "expected", "precision"),
                         [pytest.param(n, e, p, id=i) for n, e, p, i in COUNTY_OR_TOWN])
def test_a_county_asked_for_without_its_word_must_outweigh_the_towns_tenfold(name: str, expected: str,
                                                                             precision: str) -> None:
    place = asked(name)
    assert (place.name, place.precision) == (expected, precision), place.why


def test_a_county_without_its_word_stays_a_town_in_running_text() -> None:
    place = resolve("Hennepin", "Buses left Hennepin at dawn.")
    assert place.precision != "admin", place.why


def _candidate(name: str, kind: str, gid: str, other_name: bool = False) -> Candidate:
    place = Place(name, "", 38.35, -81.63, "US", "city" if kind == "town" else "admin", gid)
    return Candidate(place, kind, "west virginia", 20.0, "test", hand_named=False, other_name=other_name)


@pytest.mark.parametrize(("other_name", "kept"), [(False, False), (True, True)], ids=["own-name", "another-name"])
def test_a_division_gives_way_only_to_a_town_that_bears_its_name_as_its_own(other_name: bool, kept: bool) -> None:
    county = _candidate("Elk County", "admin", "admin2:US.WV.001")
    town = _candidate("Elkton", "town", "geonames:1", other_name=other_name)
    assert (county in _named_for_their_city([county, town])) is kept


@pytest.mark.parametrize("sentence", ["Russian troops moved west.", "Buffalo roam the plains in March.",
                                      "He said Ky. was next."])
def test_running_text_keeps_its_guards(sentence: str) -> None:
    word = sentence.split()[0] if not sentence.startswith("He") else "Ky."
    assert not resolve(word, sentence).resolved


@pytest.mark.parametrize("word", ["Central", "Coast", "Eastern", "Capital", "Maritime"])
def test_divisions_named_by_everyday_words_need_their_country_in_running_text(word: str) -> None:
    assert resolve(word, f"{word} officials met on Monday.").precision != "admin"


@pytest.mark.parametrize(("word", "country"), [("Chechnya", "RU"), ("Tigray", "ET"), ("Uttar Pradesh", "IN")])
def test_divisions_with_names_of_their_own_resolve_in_running_text(word: str, country: str) -> None:
    place = resolve(word, f"Troops moved into {word} on Monday.")
    assert (place.country_code, place.precision) == (country, "admin"), place.why


def place_of(name: str) -> Place:
    return asked(name)


# (mention, the article's other places, a point the answer must lie within 161 km of)
IN_ARTICLE = [
    pytest.param("Paris", ["Texas", "Dallas"], (33.66, -95.56), id="texan-paris"),
    pytest.param("Dublin", ["Columbus", "Ohio"], (40.10, -83.11), id="ohio-dublin"),
    pytest.param("Georgia", ["Atlanta", "Savannah"], (32.7, -83.4), id="state-not-country"),
    pytest.param("Georgia", ["Tbilisi", "Russia"], (42.3, 43.4), id="country-not-state"),
    pytest.param("Anderson County", ["Palestine, Texas", "Tyler"], (31.8, -95.6), id="county-in-the-state"),
    pytest.param("Paris", [], (48.85, 2.35), id="no-article-the-largest"),
    pytest.param("California", ["Pittsburgh", "Harrisburg"], (37.2, -119.5), id="a-state-stays-a-state"),
    pytest.param("Mexico", ["Guadalajara", "Monterrey"], (23.0, -102.0), id="a-country-the-article-is-in"),
    pytest.param("Palestine", ["Tyler", "Texas"], (31.76, -95.63), id="a-country-the-article-is-not-in"),
]


@pytest.mark.parametrize(("mention", "others", "point"), IN_ARTICLE)
def test_the_article_decides_between_namesakes(mention: str, others: list[str], point: tuple[float, float]) -> None:
    place = resolve_in_article(mention, [place_of(o) for o in others], running_text=False)
    assert place.lat is not None and place.lon is not None
    assert km((place.lat, place.lon), point) < 161, f"{place.name}: {place.why}"


def test_unresolved_article_places_change_nothing() -> None:
    nothing = [resolve("Xqzzyville")]
    assert resolve_in_article("Paris", nothing, running_text=False) == asked("Paris")


def test_the_why_says_the_article_decided() -> None:
    place = resolve_in_article("Dublin", [place_of("Ohio")], running_text=False)
    assert "article" in place.why


ARTICLE_NAMES = ["Paris", "Texas", "Dublin", "Ohio", "Georgia", "Kursk Oblast", "Xqzzyville", "Russian", "NSW",
                 "Anderson County", "the Baltic states", "Fort Bragg, N.C."]


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=60), st.lists(st.sampled_from(ARTICLE_NAMES), max_size=6), st.booleans())
def test_any_mention_with_any_article_gives_a_place_or_a_reason(mention: str, others: list[str],
                                                                 running_text: bool) -> None:
    place = resolve_in_article(mention, [place_of(o) for o in others], running_text=running_text)
    assert "resolver error" not in place.why
    assert place.resolved or place.why
