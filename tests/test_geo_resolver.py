"""The resolver places what articles name, records why, and refuses to guess."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo import demonym_country, place_phrases, resolve
from geo.resolver import build_place_phrases


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2, dl = math.radians(lat1), math.radians(lat2), math.radians(lon2 - lon1)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def assert_near(mention: str, lat: float, lon: float, within_km: float = 25.0, context: str = "") -> None:
    place = resolve(mention, context)
    assert place.resolved, f"{mention!r} unresolved: {place.why}"
    assert place.lat is not None and place.lon is not None
    distance = km(place.lat, place.lon, lat, lon)
    assert distance <= within_km, f"{mention!r} -> {place.name} is {distance:.0f} km off"


# Places the seed articles name, as they name them.
SEED_PLACES = [
    ("Fort Bragg, N.C.", 35.14, -79.01, "site"),
    ("Fort Bragg", 35.14, -79.01, "site"),
    ("Fort Bragg in North Carolina", 35.14, -79.01, "site"),
    ("Vilseck, Germany", 49.61, 11.80, "city"),
    ("Kiev", 50.45, 30.52, "city"),
    ("Kyiv", 50.45, 30.52, "city"),
    ("Europe", 50.0, 15.0, "region"),
    ("Eastern Europe", 50.0, 25.0, "region"),
    ("Crimea", 45.3, 34.4, "region"),
    ("the border with Ukraine", 49.5, 37.0, "region"),
    ("Ukraine's border with Russia", 49.5, 37.0, "region"),
]


@pytest.mark.parametrize(("mention", "lat", "lon", "precision"), SEED_PLACES)
def test_seed_place_is_placed_within_25_km(mention: str, lat: float, lon: float, precision: str) -> None:
    assert_near(mention, lat, lon)
    assert resolve(mention).precision == precision


@pytest.mark.parametrize(
    ("mention", "code"),
    [("Poland", "PL"), ("Germany", "DE"), ("Romania", "RO"), ("Ukraine", "UA"), ("Belarus", "BY"),
     ("Russia", "RU"), ("the United States", "US"), ("the U.S.", "US"), ("America", "US"), ("Britain", "GB"),
     ("the U.K.", "GB"), ("Holland", "NL"), ("Türkiye", "TR"), ("Burma", "MM"), ("the Czech Republic", "CZ")],
)
def test_country_names_and_aliases_give_the_country_code(mention: str, code: str) -> None:
    place = resolve(mention)
    assert (place.precision, place.country_code) == ("country", code)


def test_fort_bragg_without_qualifier_is_the_army_post_never_california() -> None:
    place = resolve("Fort Bragg", "Troops from Fort Bragg will deploy to Poland.")
    assert place.country_code == "US" and place.gazetteer_id == "inst:fort-bragg"
    assert place.runner_up is not None and "California" in place.runner_up
    assert "installation" in place.why


def test_fort_bragg_calif_is_the_california_town() -> None:
    place = resolve("Fort Bragg, Calif.")
    assert place.name == "Fort Bragg, California"
    assert_near("Fort Bragg, Calif.", 39.45, -123.81)
    assert "qualifier" in place.why


@pytest.mark.parametrize(("former", "current"), [("Fort Liberty", "fort-bragg"), ("Fort Cavazos", "fort-hood"),
                                                 ("Fort Moore", "fort-benning"), ("Ft. Bragg", "fort-bragg")])
def test_former_and_later_installation_names_are_the_same_site(former: str, current: str) -> None:
    assert resolve(former).gazetteer_id == f"inst:{current}"


def test_air_base_by_its_informal_name_resolves_to_the_installation() -> None:
    place = resolve("Mihail Kogalniceanu air base")
    assert place.precision == "site" and place.country_code == "RO"
    assert_near("Mihail Kogalniceanu air base", 44.36, 28.49, 5)


@pytest.mark.parametrize(("spelling", "lat", "lon"), [("Grafenwoehr", 49.71, 11.91), ("Grafenwöhr", 49.71, 11.91),
                                                       ("Constanta", 44.18, 28.63), ("Constanța", 44.18, 28.63),
                                                       ("Rzeszow", 50.04, 22.00), ("Kharkov", 49.98, 36.25)])
def test_transliterations_and_diacritics_fold_to_the_same_place(spelling: str, lat: float, lon: float) -> None:
    assert_near(spelling, lat, lon)


def test_state_qualifier_picks_the_town_in_that_division() -> None:
    assert_near("Munster, Lower Saxony", 52.99, 10.09, 5)
    assert_near("Vilseck, Bavaria", 49.61, 11.80, 5)
    assert_near("Reading, Pa.", 40.34, -75.93, 5)
    assert_near("Columbus, Ga.", 32.46, -84.99, 10)


def test_a_capital_beats_a_village_and_population_breaks_ties() -> None:
    assert resolve("Warsaw").country_code == "PL"
    assert resolve("Paris").country_code == "FR"
    assert resolve("Moscow").country_code == "RU"


def test_georgia_is_the_us_state_when_the_sentence_is_american() -> None:
    place = resolve("Georgia", "Soldiers left Fort Stewart near Savannah, Georgia, on Tuesday.")
    assert (place.precision, place.country_code) == ("admin", "US")
    assert place.runner_up is not None


def test_georgia_is_the_country_beside_ukraine_and_nato() -> None:
    place = resolve("Georgia", "NATO has pledged support to Ukraine and Georgia against Russia.")
    assert (place.precision, place.country_code) == ("country", "GE")
    assert resolve("Fort Stewart, Georgia").country_code == "US"
    assert resolve("Tbilisi").country_code == "GE"


@pytest.mark.parametrize("mention", ["the Baltic states", "the Baltics", "NATO's eastern flank", "the Black Sea region",
                                     "the Middle East", "the Horn of Africa", "Donbas", "the Persian Gulf",
                                     "western Iraq", "northern Syria", "the eastern Mediterranean", "the Indo-Pacific",
                                     "the Belarus-Ukraine border", "Eastern European"])
def test_region_names_and_adjectival_aliases_are_regions(mention: str) -> None:
    assert resolve(mention).precision == "region"


@pytest.mark.parametrize("mention", ["Ukraine's border", "the Ukrainian border", "the border with Ukraine"])
def test_border_phrasings_reach_the_russia_ukraine_border(mention: str) -> None:
    assert resolve(mention).gazetteer_id == "region:russia-ukraine-border"


@pytest.mark.parametrize("mention", ["Poland.", "  Poland ", "the Poland", "Poland's", "“Poland”"])
def test_punctuation_articles_and_possessives_are_ignored(mention: str) -> None:
    assert resolve(mention).country_code == "PL"


@pytest.mark.parametrize("mention", ["Of", "Will", "March", "Alert", "Reading", "Friday", "May", "NATO",
                                     "the White House", "the Pentagon"])
def test_everyday_words_and_institutions_stay_unresolved(mention: str) -> None:
    place = resolve(mention, f"Troops moved in {mention} to the base.")
    assert not place.resolved and place.why


@pytest.mark.parametrize("mention", ["Xqzzyville", "asdf qwer", "", "   ", "1234", "!!!", "x" * 500, "Fort Nowhere"])
def test_nonsense_is_unresolved_with_a_reason(mention: str) -> None:
    place = resolve(mention)
    assert place.precision == "unresolved" and place.lat is None and place.why


def test_resolve_never_raises_on_odd_input() -> None:
    for text in ["\x00", "(", ",", ", ,", " in ", "the", "'s", "Fort", "a" * 10_000, "🙂", "Kyiv, ,", "(Poland"]:
        resolve(text, text)


def test_every_choice_says_why() -> None:
    for mention in ["Kyiv", "Poland", "Crimea", "Fort Bragg, N.C.", "Ramstein"]:
        assert resolve(mention).why


def test_demonyms_name_their_country() -> None:
    assert demonym_country("Russian") == "RU"
    assert demonym_country("American") == "US"
    assert demonym_country("Polish") == "PL"
    assert demonym_country("Americans") == "US"
    assert demonym_country("Table") is None


def test_place_phrases_hold_names_and_aliases_but_not_everyday_words() -> None:
    phrases = place_phrases()
    for phrase in ["poland", "the baltic states", "fort bragg", "fort liberty", "kyiv", "eastern europe", "crimea"]:
        assert phrase in phrases
    for word in ["us", "march", "reading", "of", "will"]:
        assert word not in phrases
    assert all(p == p.lower() for p in phrases)


def test_the_place_phrase_file_is_what_its_build_script_would_write() -> None:
    # A change to the lexicon, the gazetteer or the filter must come with `python data/build/place_phrases.py`.
    built = build_place_phrases()
    stored = place_phrases()
    assert stored == built, f"stale data/place_phrases.txt: {sorted(built ^ stored)[:10]}"


def test_a_surname_that_is_also_a_town_stays_unresolved_in_its_sentence() -> None:
    assert not resolve("Austin", "Defense Secretary Lloyd Austin approved the order.").resolved
    assert not resolve("Kirby", "Pentagon press secretary John Kirby told reporters.").resolved
    assert resolve("Austin", "Soldiers flew from Austin to Fort Bragg.").country_code == "US"


def test_a_capital_that_speaks_is_still_the_capital() -> None:
    assert resolve("Kyiv", "Kyiv said it was ready to talk.").country_code == "UA"


def test_the_sentence_can_name_the_division_of_an_ambiguous_town() -> None:
    assert_near("Munster", 52.99, 10.09, 5, context="Dutch troops trained at Munster in Lower Saxony.")


def test_a_qualifier_that_fits_no_candidate_leaves_the_name_unresolved() -> None:
    place = resolve("Fort Bragg, Germany")
    assert not place.resolved and "Germany" in place.why


def test_loose_qualifiers_still_place_the_name() -> None:
    assert_near("Rzeszow in southeastern Poland", 50.04, 22.00)
    assert_near("Constanta on the Black Sea", 44.18, 28.63)
    assert_near("Kyiv (Kiev)", 50.45, 30.52)
    assert_near("Fort Bragg (N.C.)", 35.14, -79.01)


def test_settlement_words_keep_the_reading_to_towns() -> None:
    assert resolve("Djibouti City").precision == "city"
    assert resolve("the port of Constanta").country_code == "RO"


@pytest.mark.parametrize("mention", ["TASS", "Stryker", "Black Hawk", "Patriot", "Osprey"])
def test_agencies_and_weapon_systems_that_share_a_town_name_stay_unresolved(mention: str) -> None:
    assert not resolve(mention, f"The report cited {mention} on Monday.").resolved


def test_an_all_capitals_capital_still_resolves() -> None:
    assert resolve("KYIV").country_code == "UA"


@pytest.mark.parametrize("mention", ["Malian", "Chadian", "Canadian", "English", "Somali", "Thai"])
def test_a_demonym_in_running_text_is_no_town_or_division_of_that_name(mention: str) -> None:
    # Malian, China and Canadian, Victoria exist; "Malian border patrols" means Mali's.
    assert not resolve(mention, f"{mention} soldiers patrol the border.").resolved


def test_a_demonym_asked_for_by_itself_is_its_country() -> None:
    assert resolve("Malian", running_text=False).country_code == "ML"


@pytest.mark.parametrize(("mention", "expected"), [("LAC", None), ("US", "US"), ("UAE", "AE"), ("TEXAS", "US"),
                                                    ("Saudi", "SA")])
def test_a_three_letter_acronym_is_a_place_only_when_it_is_the_places_own_short_name(
        mention: str, expected: str | None) -> None:
    # "along the LAC" (Line of Actual Control) is not Lac, a province of Chad.
    place = resolve(mention, f"Troops were deployed along the {mention} on Monday.")
    assert (place.country_code if place.resolved else None) == expected


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80), st.text(max_size=200))
def test_resolve_never_raises_and_unresolved_places_carry_a_reason(mention: str, context: str) -> None:
    place = resolve(mention, context)
    assert place.resolved or (place.lat is None and place.why)


def test_a_descriptor_says_which_kind_of_place_is_meant() -> None:
    assert resolve("the state of Georgia").precision == "admin"
    assert resolve("the country of Georgia").country_code == "GE"
    assert resolve("the Kharkiv region").precision == "admin"


def test_a_name_left_unplaced_in_running_text_says_which_place_it_could_be() -> None:
    found = resolve("Gao")  # a short name with nothing around it: not placed in running text
    assert not found.resolved and "also the name of Gao" in found.why
    assert "no installation" in resolve("Xqzzyv").why
