"""Table-driven cases for the dependency-parse event rules, each sentence written for this test.

Every case names the claims that must come out of a short article (kind, negation, hedge, count,
destination countries, origin) or says that none may.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from extraction import Claim, article_from_text, extract


@dataclass(frozen=True)
class Expect:
    """What one claim must say; ``None`` fields are not checked."""

    kind: str | None = None
    negated: bool = False
    hedged: bool | None = None
    count: int | None = None
    to: tuple[str, ...] | None = None  # destination country codes
    origin: str | None = None  # a word of the origin's name, or its country code
    force: str | None = None
    unit: str | None = None
    extra: dict[str, object] = field(default_factory=dict)


def claims_of(text: str) -> list[Claim]:
    return list(extract(article_from_text(text, source_id="t")))


def matches(c: Claim, e: Expect) -> bool:
    if e.kind is not None and c.kind != e.kind:
        return False
    if c.negated != e.negated:
        return False
    if e.hedged is not None and c.hedged != e.hedged:
        return False
    if e.count is not None and c.count != e.count:
        return False
    if e.to is not None and tuple(d.country_code for d in c.destinations) != e.to:
        return False
    if e.origin is not None and (c.origin is None or (
            e.origin not in c.origin.name and e.origin != c.origin.country_code)):
        return False
    if e.force is not None and c.force != e.force:
        return False
    return e.unit is None or c.unit == e.unit


FOUND: dict[str, tuple[str, list[Expect]]] = {
    "active voice, count and destination": (
        "Spain will send 350 soldiers to Latvia in the spring.",
        [Expect("deploy", count=350, to=("LV",), force="ES")]),
    "passive voice": (
        "About 900 Marines are to be flown to Norway for the exercise.",
        [Expect("deploy", count=900, to=("NO",))]),
    "from X to Y": (
        "The army moved 2,400 troops from Estonia to Lithuania overnight.",
        [Expect(count=2400, to=("LT",), origin="EE")]),
    "to Y from X": (
        "Some 600 paratroopers were airlifted to Cyprus from Italy on Friday.",
        [Expect(count=600, to=("CY",), origin="IT")]),
    "two destinations of one total stay one claim": (
        "Roughly 4,000 sailors will head to Greece and Turkey next week.",
        [Expect(count=4000, to=("GR", "TR"))]),
    "two parts of one sentence, each with its place": (
        "Canada will send 1,200 soldiers to Latvia, while 300 will go to Estonia.",
        [Expect(count=1200, to=("LV",)), Expect(count=300, to=("EE",))]),
    "the subject of receive is the destination": (
        "Slovakia will receive 2,000 German troops this year.",
        [Expect("deploy", count=2000, to=("SK",), force="DE")]),
    "pledge": (
        "Norway pledged 150 soldiers for the new battalion.",
        [Expect("pledge", count=150, force="NO")]),
    "a promise to send is a pledge": (
        "Portugal promised to send 200 troops to Romania.",
        [Expect("pledge", count=200, to=("RO",))]),
    "a count joined to its noun across a modifier": (
        "About 1,100 Hawaii-based sailors will be moved to Japan.",
        [Expect(count=1100, to=("JP",), origin="Hawaii")]),
    "leave X for Y moves on": (
        "The 5th Rifle Brigade is garrisoned in Tartu. They will leave Tartu for Finland next month.",
        [Expect("deploy", to=("FI",), origin="Tartu", unit="5th Rifle Brigade")]),
    "leaving a place is a withdrawal from it": (
        "The last 400 soldiers left Bamako on Sunday.",
        [Expect("withdraw", count=400, origin="ML")]),
    "a return to their bases is a withdrawal": (
        "The commander ordered 3,000 troops to return to their bases in Omsk.",
        [Expect("withdraw", count=3000, to=("RU",))]),
    "a relative clause says where troops came from": (
        "The soldiers, who left Fort Bragg on Sunday, arrived in Rzeszow.",
        [Expect("deploy", to=("PL",), origin="Fort Bragg")]),
    "a hedged move": (
        "A spokesperson declined to confirm it but said the troops were likely moving towards Kursk.",
        [Expect("deploy", hedged=True, to=("RU",))]),
    "may is a hedge": (
        "Officials said 700 troops may be sent to Moldova.",
        [Expect(count=700, hedged=True, to=("MD",))]),
    "buildup along a border": (
        "Belarus has massed 20,000 troops along its border with Lithuania.",
        [Expect("buildup", count=20000)]),
    "alert": (
        "The ministry put 5,000 troops on high alert on Tuesday.",
        [Expect("alert", count=5000)]),
    "call-up is an alert": (
        "Serbia will call up 10,000 reservists, the minister said.",
        [Expect("alert", count=10000)]),
    "negated with not": (
        "Danish troops will not be deployed to Georgia, the minister said.",
        [Expect("deploy", negated=True, to=("GE",))]),
    "rather than negates only its own clause": (
        "Rather than sending troops to Ukraine, Washington will send 3,000 to Poland.",
        [Expect(negated=True, to=("UA",)), Expect("deploy", count=3000, to=("PL",))]),
    "instead of negates only its own clause": (
        "Instead of sending soldiers to Iraq, London will move 800 to Cyprus.",
        [Expect(negated=True, to=("IQ",)), Expect(count=800, to=("CY",))]),
    "ruled out": (
        "The chancellor ruled out sending German soldiers to Libya.",
        [Expect(negated=True, to=("LY",))]),
    "none of": (
        "None of the troops will go to Syria, officials stressed.",
        [Expect(negated=True, to=("SY",))]),
    "no plans to": (
        "Paris has no plans to deploy troops to Mali again.",
        [Expect(negated=True, to=("ML",))]),
    "ruled out for two places is ruled out for each": (
        "None of the troops will be heading to Yemen or Oman.",
        [Expect(negated=True, to=("YE",)), Expect(negated=True, to=("OM",))]),
    "remain where a move was expected": (
        "Some 200 soldiers will remain in Kabul, the official said.",
        [Expect(negated=True, count=200)]),
    "a demonym before territory is the country": (
        "Pyongyang has sent 3,000 soldiers onto Russian territory.",
        [Expect("deploy", count=3000, to=("RU",))]),
    "stationed somewhere, then leaving": (
        "Until June the 4th Mechanised Brigade was based in Herat, but withdrew from the province in July.",
        [Expect("withdraw", origin="AF", unit="4th Mechanised Brigade")]),
    "a return to their own bases needs no place": (
        "The visiting contingents will be flown back to their permanent bases by transport planes.",
        [Expect("withdraw")]),
    "those added go where their host goes": (
        "The plan moves 2,000 Texas-based soldiers to Alaska, along with 500 others from elsewhere.",
        [Expect(count=2000, to=("US",)), Expect(count=500, to=("US",))]),
    "a counted part with its own place": (
        "Analysts say there are about 30,000 troops massed along the border, 12,000 of them near Gomel.",
        [Expect("buildup", count=30000), Expect("buildup", count=12000, to=("BY",))]),
    "the government approving a deployment hosts it": (
        "The Slovak government approved the deployment of 700 Czech soldiers, officials said.",
        [Expect("deploy", count=700, to=("SK",), force="CZ")]),
    "those joining go where the others went": (
        "An advance party of 30 soldiers reached Kaunas on Monday, and 200 more will join them in May.",
        [Expect(count=30, to=("LT",)), Expect(count=200, to=("LT",))]),
    "people counted inside a formation are its troops": (
        "A French engineer company of about 120 people has been deployed to Romania.",
        [Expect("deploy", count=120, to=("RO",))]),
    "places named together across prepositions": (
        "Russia has massed 60,000 troops along the border with Georgia and in Abkhazia.",
        [Expect("buildup", count=60000)]),
    "a unit's home base said elsewhere is its origin": (
        "The 173rd Airborne Brigade is based in Vicenza, Italy.\n\n"
        "On Monday the 173rd Airborne Brigade was sent to Latvia.",
        [Expect(to=("LV",), origin="IT", unit="173rd Airborne Brigade")]),
    "the troops of the next sentence are those just counted": (
        "About 800 Marines landed in Darwin on Monday. The troops will move to Townsville next week.",
        [Expect(count=800, to=("AU",)), Expect(count=800, to=("AU",), extra={"second": True})]),
    "the sender is the subject of the movement, not any country before it": (
        "The plan sends 2,000 troops to Latvia and Estonia and 1,000 marines from Norway to Finland.",
        [Expect(count=1000, to=("FI",), origin="NO", force="unknown")]),
    "fewer troops somewhere is a withdrawal from it": (
        "By spring there will be 1,800 fewer soldiers in Kosovo than today.",
        [Expect("withdraw", count=1800, origin="XK")]),
    "what a group of troops did before is said of the group": (
        "A column of soldiers that were pulled out of Mali reached Niamey on Friday.",
        [Expect(to=("NE",), origin="ML")]),
    "the country refers back": (
        "The Bulgarian parliament approved the deployment of 500 Greek soldiers on the country's territory.",
        [Expect("deploy", count=500, to=("BG",), force="GR")]),
    "what is placed somewhere goes there, with the people it adds": (
        "Position an engineer company in Estonia, adding 90 personnel.",
        [Expect("deploy", count=90, to=("EE",))]),
    "figures joined under one verb are one group": (
        "Station a rotational brigade in Lithuania that will add 2,000 soldiers and another 800 personnel.",
        [Expect("deploy", count=2800, to=("LT",))]),
    "the same subject's next action is its movement": (
        "The 4th Brigade will finish its drills in Bavaria before returning to the United States.",
        [Expect("withdraw", to=("US",), unit="4th Brigade")]),
    "an unnamed formation that is moved is troops without a figure": (
        "Two engineer battalions were flown to Cyprus on Friday.",
        [Expect("deploy", count=None, to=("CY",))]),
    "formations put on standby": (
        "Three more air defence batteries were placed on standby, the ministry said.",
        [Expect("alert", count=None)]),
    "a hyphenated build-up of a named force": (
        "Officials worry about the build-up of Armenian military near the frontier.",
        [Expect("buildup", count=None, force="AM")]),
    "a move ruled out with no place is ruled out for where the article happens": (
        "Floods hit Mozambique on Monday. Aid flights landed in Mozambique and more arrive in Mozambique "
        "today. Portugal sent money, but the Portuguese prime minister ruled out sending soldiers.",
        [Expect("deploy", negated=True, to=("MZ",))]),
    "returning to a country abroad is a deployment": (
        "Dutch troops will return to Mali next year.",
        [Expect("deploy", to=("ML",), force="NL")]),
    "returning to one's own country is going home": (
        "Dutch troops will return to the Netherlands next year.",
        [Expect("withdraw", to=("NL",), force="NL")]),
    "a named unit moved is a claim without figure or place": (
        "The ministry said it was transferring the 7th Armoured Brigade.",
        [Expect("deploy", count=None, to=(), unit="7th Armoured Brigade")]),
    "a facility a country owns is placed at the town the sentence gives for it": (
        "The army pulled its soldiers out of Chad's main air base in the capital N'Djamena.",
        [Expect("withdraw", origin="Djamena")]),
    "the region is the one the sentence names": (
        "Britain sent extra soldiers to the region after fighting flared in the Balkans.",
        [Expect("deploy", to=(None,), origin=None)]),
    "after leaving a country abroad, a move into their own country is going home": (
        "Italian soldiers withdrew from Lebanon on Monday. Transport planes will fly 300 Italian soldiers "
        "to Pisa on Friday.",
        [Expect("withdraw", count=300, to=("IT",), force="IT")]),
    "troops joining a formation go where it is": (
        "About 500 Dutch soldiers will join the NATO battlegroup in Lithuania next year.",
        [Expect("deploy", count=500, to=("LT",), force="NL")]),
    "troops making up a formation somewhere go there": (
        "About 900 Marines will go to Guam. Another 1,100 are to make up most of a rotational force in Japan.",
        [Expect(count=1100, to=("JP",))]),
    "troops forming part of a formation go where it is": (
        "Some 300 Belgian soldiers will form part of the NATO battlegroup in Romania.",
        [Expect("deploy", count=300, to=("RO",), force="BE")]),
    "a force's bases left stand for its troops leaving": (
        "Italian troops arrived in Herat in 2005. Italy's outposts in Farah were abandoned in 2021.",
        [Expect("withdraw", origin="AF", force="IT")]),
    "a figure of an N-strong formation counts its troops": (
        "Japan will dispatch a 250-strong engineering unit to South Sudan.",
        [Expect("deploy", count=250, to=("SS",), force="JP")]),
    "the country that says 'it will' is the sender": (
        "France said it would withdraw its remaining 1,500 troops from Niger by the end of the year.",
        [Expect("withdraw", count=1500, origin="NE", force="FR")]),
    "a move into the sender's own region keeps its sender, and from abroad it is going home": (
        "Russia redeployed 10,000 troops from Belarus to the Kursk region.",
        [Expect("withdraw", count=10000, to=("RU",), origin="BY", force="RU")]),
    "the sentence still decides a namesake after the article's places": (
        "Germany has begun moving 500 soldiers from Munster to Lithuania.",
        [Expect(count=500, to=("LT",), origin="DE", force="DE")]),
    "denied reports of a move": (
        "Officials denied reports that 2,000 troops would be sent to Taiwan.",
        [Expect("deploy", negated=True, to=("TW",))]),
    "specialists counted inside a formation are its troops": (
        "The army sent a chemical unit of 60 specialists to Slovakia.",
        [Expect("deploy", count=60, to=("SK",))]),
    "troops rushed to a contested line": (
        "Pakistan rushed troops to the Line of Control after the attack.",
        [Expect("deploy", force="PK")]),
    "troops contributed to a force somewhere go there": (
        "Belgium will contribute 300 soldiers to the NATO force in Romania.",
        [Expect(count=300, to=("RO",), force="BE")]),
    "a country's province is the narrower place": (
        "Rwanda has deployed 1,000 soldiers to Mozambique's Cabo Delgado province.",
        [Expect("deploy", count=1000, to=("MZ",), origin="RW")]),
    "the unit that owns the moving unit is not a second mover": (
        "The 3rd Infantry Division's 1st Armored Brigade will relocate from Fort Stewart to Poland.",
        [Expect(to=("PL",), unit="1st Armored Brigade")]),
    "troops of two forces joined before the verb both go where it says, each counted apart": (
        "About 1,500 Polish soldiers and 500 Czech troops will be deployed to Estonia.",
        [Expect("deploy", count=1500, to=("EE",), force="PL"), Expect("deploy", count=500, to=("EE",), force="CZ")]),
    "'the regiment' names the unit before, and so its home base": (
        "The 4th Cavalry Regiment is based in Vilseck, Germany.\n\n"
        "The regiment's 900 soldiers will move to Hungary next week.",
        [Expect(count=900, to=("HU",), origin="DE", unit="4th Cavalry Regiment")]),
    "the government announcing a deployment sends the troops": (
        "Ottawa announced the deployment of an additional 350 troops to Latvia.",
        [Expect("deploy", count=350, to=("LV",), force="CA")]),
    "a hyphenated call-up is an alert": (
        "The call-up of 20,000 reservists began on Wednesday.",
        [Expect("alert", count=20000)]),
    "a pullback is a withdrawal": (
        "The ministry ordered a pullback of 3,000 troops from Transnistria.",
        [Expect("withdraw", count=3000, origin="MD")]),
    "a unit sending soldiers is their unit, not a second mover": (
        "The 4th Infantry Division is sending about 2,800 soldiers to Greece.",
        [Expect("deploy", count=2800, to=("GR",), unit="4th Infantry Division")]),
    "troops reinforcing others go where those are": (
        "About 800 more soldiers will reinforce the 1,000 British troops in Estonia.",
        [Expect("deploy", count=800, to=("EE",))]),
    "from X to Y when the parser hangs Y on X": (
        "About 2,000 Marines will sail from Camp Lejeune to Norway.",
        [Expect("deploy", count=2000, to=("NO",), origin="Lejeune")]),
}


@pytest.mark.parametrize("name", sorted(FOUND))
def test_sentence_gives_its_claims(name: str) -> None:
    text, expected = FOUND[name]
    found = claims_of(text)
    for e in expected:
        assert any(matches(c, e) for c in found), (e, [c.to_dict() for c in found])


NOTHING_DECIDED: dict[str, str] = {
    "an open question": "It is unclear whether any American forces would be deployed to Kyiv.",
    "how many": "It is not known how many soldiers will be sent to Niger.",
    "a hypothetical": "Allies would send 4,000 troops to Moldova only if the ceasefire collapses.",
    "a demand": "The council urged Armenia to withdraw its troops from the border.",
    "no decision": "No decision has been made to send troops to Taiwan, the official said.",
    "moved closer": "The soldiers have moved closer to Ukraine.",
    "stationed is not a movement": "About 35,000 US troops are stationed in Germany.",
    "a comparison": "The deployment is small compared with the roughly 40,000 soldiers already in Kuwait.",
    "an addition that is not troops": "In addition to the 300 soldiers, two Patriot batteries were put on standby.",
    "casualties": "At least 120 soldiers were killed in the attack near Bakhmut.",
    "money": "Congress approved 800 million dollars for troops in Poland.",
    "equipment only": "Germany will send 40 tanks to Lithuania.",
    "ready for a task, not to move": "The 3rd Cavalry Brigade is ready to assume its new training mission.",
    "a tally": "The move brings the total of British personnel in Estonia to 1,600.",
    "a dateline and a figure of people": "KYIV, Ukraine - More than 2,000 people fled the city on Monday.",
    "troops that are somewhere now": "Fewer than 2,500 US troops remain in Iraq.",
}


@pytest.mark.parametrize("name", sorted(NOTHING_DECIDED))
def test_sentence_gives_no_decided_movement(name: str) -> None:
    found = [c for c in claims_of(NOTHING_DECIDED[name]) if not c.negated]
    decided = [c for c in found if not c.hedged]
    if name == "a comparison" or name == "an addition that is not troops":
        assert all(c.count not in (40000, 300) for c in found), [c.to_dict() for c in found]
    else:
        assert decided == [], [c.to_dict() for c in decided]


def test_not_expected_before_a_date_is_not_a_negation() -> None:
    found = claims_of("The 3rd Artillery Brigade is not expected to arrive in Riga before March.")
    assert found and not any(c.negated for c in found), [c.to_dict() for c in found]


def test_north_korea_is_one_force_not_two() -> None:
    c = claims_of("The Democratic People's Republic of Korea has sent 10,000 soldiers to Russia.")
    assert [x.force for x in c] == ["KP"]


def test_headline_that_repeats_the_body_is_one_claim() -> None:
    text = ("Estonia to host 1,000 British troops\n\n"
            "Britain will send 1,000 troops to Estonia next year, the ministry said.\n")
    found = claims_of(text)
    assert [c.count for c in found] == [1000], [c.to_dict() for c in found]
    assert "next year" in found[0].evidence.text


def test_a_figure_of_something_else_is_not_a_troop_count() -> None:
    found = claims_of("After troops were sent to Estonia, 2,000 senators will travel to Tallinn.")
    assert [tuple(d.country_code for d in c.destinations) for c in found] == [("EE",)]
    assert all(c.count is None for c in found), [c.to_dict() for c in found]


def test_a_group_the_article_calls_troops_is_an_anchor_on_its_own() -> None:
    text = ("About 2,000 Redwolf fighters crossed into Mali last year.\n\n"
            "Redwolf will not go back to Niger, its commander said.")
    found = claims_of(text)
    ruled_out = [c for c in found if c.negated]
    assert [tuple(d.country_code for d in c.destinations) for c in ruled_out] == [("NE",)], [
        c.to_dict() for c in found]


def test_the_troops_of_the_next_sentence_carry_the_count() -> None:
    found = claims_of("About 800 Marines landed in Darwin on Monday. The troops will move to Townsville next week.")
    assert [(c.count, c.destinations[0].name.split(",")[0]) for c in found] == [(800, "Darwin"), (800, "Townsville")]


def test_a_movement_named_by_its_noun_after_troops_is_a_claim() -> None:
    text = ("About 900 Italian soldiers are leaving Lebanon.\n\n"
            "The pullout is expected to be completed by the end of March.\n\n"
            "Rome has ruled out a withdrawal from Kosovo.")
    found = claims_of(text)
    pullout = [c for c in found if "pullout" in c.evidence.text]
    assert [(c.kind, c.negated) for c in pullout] == [("withdraw", False)], [c.to_dict() for c in found]
    ruled_out = [c for c in found if "Kosovo" in c.evidence.text]
    assert [(c.kind, c.negated, c.origin and c.origin.country_code) for c in ruled_out] == [("withdraw", True, "XK")]


def test_a_movement_noun_that_is_only_talked_about_is_no_claim() -> None:
    text = "About 900 Italian soldiers are leaving Lebanon.\n\nThe chaotic withdrawal left many civilians behind."
    assert [c.evidence.text[:5] for c in claims_of(text)] == ["About"]


def test_a_ruled_out_move_gets_no_place_when_the_article_names_two_equally() -> None:
    found = claims_of("Talks were held in Chile and in Peru. The minister ruled out sending soldiers.")
    ruled_out = [c for c in found if c.negated]
    assert ruled_out and all(c.destinations == () for c in ruled_out), [c.to_dict() for c in found]


def test_bases_left_by_nobody_named_are_no_claim() -> None:
    found = claims_of("Italian troops arrived in Herat in 2005. The outposts in Farah were abandoned in 2021.")
    assert not any(c.kind == "withdraw" for c in found), [c.to_dict() for c in found]


def test_a_province_named_with_its_country_is_the_destination() -> None:
    (claim,) = claims_of("Rwanda has deployed 1,000 soldiers to Mozambique's Cabo Delgado province.")
    assert [d.precision for d in claim.destinations] == ["admin"], claim.to_dict()


def test_only_the_moving_unit_is_a_claim() -> None:
    found = claims_of("The 3rd Infantry Division's 1st Armored Brigade will relocate from Fort Stewart to Poland.")
    assert [c.unit for c in found] == ["1st Armored Brigade"], [c.to_dict() for c in found]


def test_they_in_the_next_sentence_are_the_troops_just_counted() -> None:
    found = claims_of("Spain announced it will send 300 troops to Latvia. They will arrive in Riga in March.")
    riga = [c for c in found if any("Riga" in d.name for d in c.destinations)]
    assert [(c.count, c.force) for c in riga] == [(300, "ES")], [c.to_dict() for c in found]


def test_troops_that_are_reinforced_are_not_the_ones_moving() -> None:
    found = claims_of("Britain's 1,000 troops in Estonia will be reinforced by 800 more.")
    assert not any(c.count == 1000 for c in found), [c.to_dict() for c in found]


def test_a_unit_sending_soldiers_is_one_claim() -> None:
    found = claims_of("The 4th Infantry Division is sending about 2,800 soldiers to Greece.")
    assert [c.count for c in found] == [2800], [c.to_dict() for c in found]


def test_a_demonym_before_a_word_of_land_is_its_country_never_a_namesake_town() -> None:
    # Malian, China exists; patrols at the Malian border are in Mali.
    (claim,) = claims_of("Chad will contribute 400 soldiers to Malian border patrols, its defence minister said.")
    assert [(d.name, d.precision) for d in claim.destinations] == [("Mali", "country")], claim.to_dict()


def test_an_acronym_is_not_a_province_that_shares_its_letters() -> None:
    # "the LAC" is the Line of Actual Control, not Lac, a province of Chad: shown as not found, never guessed.
    (claim,) = claims_of("China has deployed 20,000 troops along the LAC, officials said.")
    assert all(d.country_code != "TD" for d in claim.destinations), claim.to_dict()


@pytest.mark.parametrize(("text", "force", "origin"), [
    ("The junta ordered the U.S. to withdraw its nearly 1,000 military personnel from the country.", "US", None),
    ("Niger ordered France to withdraw its 1,500 troops from Niger.", "FR", "Niger"),
    ("The junta told Russia to move 300 troops from Mali to Niger.", "RU", "Mali"),
])
def test_the_one_ordered_to_move_is_the_force_not_a_place(text: str, force: str, origin: str | None) -> None:
    # Object control: in "X ordered Y to withdraw", Y moves; Y is neither X's force nor where Y leaves.
    (claim,) = claims_of(text)
    assert (claim.force, claim.origin.name if claim.origin else None) == (force, origin), claim.to_dict()
