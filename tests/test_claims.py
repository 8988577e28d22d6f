"""One small article per pattern, written for the tests: what the claim finder must and must not find."""

from __future__ import annotations

from extraction import Claim, article_from_text, extract


def claims_of(text: str) -> list[Claim]:
    return list(extract(article_from_text(text, source_id="t")))


def only_claim(text: str) -> Claim:
    found = claims_of(text)
    assert len(found) == 1, [c.to_dict() for c in found]
    return found[0]


def codes(claim: Claim) -> list[str | None]:
    return [d.country_code for d in claim.destinations]


def test_plain_deployment_with_count_and_destination() -> None:
    c = only_claim("About 1,200 American soldiers will deploy to Lithuania next month.")
    assert (c.kind, c.count, c.count_text, c.force, c.negated) == ("deploy", 1200, "About 1,200", "US", False)
    assert codes(c) == ["LT"]


def test_evidence_offsets_point_into_the_text() -> None:
    text = "Headline words\n\nOfficials said 500 troops will be sent to Estonia.\n"
    c = only_claim(text)
    assert text[c.evidence.start:c.evidence.end] == c.evidence.text
    assert "500 troops" in c.evidence.text


def test_combined_destination_is_not_split() -> None:
    c = only_claim("Roughly 2,000 troops will go to Latvia and Estonia, officials said.")
    assert c.count == 2000
    assert codes(c) == ["LV", "EE"]


def test_number_words_are_counted() -> None:
    assert only_claim("Two thousand soldiers will be sent to Hungary.").count == 2000


def test_range_keeps_the_text_and_no_single_number() -> None:
    c = only_claim("Between 3,000 and 5,000 troops will deploy to Slovakia.")
    assert c.count is None
    assert c.count_text is not None and "3,000" in c.count_text and "5,000" in c.count_text


def test_vague_amount_has_text_but_no_count() -> None:
    c = only_claim("A few hundred marines will head to Norway.")
    assert c.count is None and c.count_text == "A few hundred"
    assert codes(c) == ["NO"]


def test_negation_rules_the_movement_out() -> None:
    c = only_claim("No American troops will be deployed to Ukraine, the Pentagon said.")
    assert c.negated and codes(c) == ["UA"]
    assert c.attributed_to == "Pentagon"


def test_off_the_table_is_a_negation() -> None:
    c = only_claim("The president said sending troops to Ukraine was off the table.")
    assert c.negated and codes(c) == ["UA"]


def test_not_permanent_is_not_a_negated_claim() -> None:
    assert claims_of("The officials said the moves were not permanent.") == []


def test_does_not_rule_out_is_a_hedge_not_a_negation() -> None:
    for c in claims_of("The Pentagon does not rule out sending 500 more troops to Poland."):
        assert not c.negated and c.hedged


def test_hedged_wording_is_never_a_decided_deployment() -> None:
    c = only_claim("The Pentagon could send up to 5,000 troops to Kuwait.")
    assert c.hedged and c.count == 5000


def test_alert_has_no_destination() -> None:
    c = only_claim("The Pentagon has put 4,000 troops on high alert.")
    assert (c.kind, c.count, c.destinations) == ("alert", 4000, ())


def test_unit_without_a_place() -> None:
    c = only_claim("The 101st Airborne Division has received prepare-to-deploy orders.")
    assert c.kind == "alert" and c.unit == "101st Airborne Division" and c.destinations == ()


def test_withdrawal_names_where_troops_leave() -> None:
    c = only_claim("The United States will withdraw about 2,500 troops from Iraq by the end of the year.")
    assert c.kind == "withdraw" and c.count == 2500
    assert c.origin is not None and c.origin.country_code == "IQ"


def test_buildup_is_a_gathering_not_a_flow() -> None:
    c = only_claim("Russia has massed more than 100,000 troops near Ukraine.")
    assert (c.kind, c.count, c.count_text, c.force) == ("buildup", 100000, "more than 100,000", "RU")


def test_troops_already_abroad_moving_on_are_a_relocation() -> None:
    c = only_claim("About 1,000 U.S. soldiers currently based in Germany will move to Romania.")
    assert c.kind == "relocate"
    assert c.origin is not None and c.origin.country_code == "DE" and codes(c) == ["RO"]


def test_newspaper_attribution() -> None:
    c = only_claim("About 1,000 troops will be sent to Romania, according to The Wall Street Journal.")
    assert c.attributed_to == "Wall Street Journal"


def test_per_attribution() -> None:
    c = only_claim("About 900 troops will be sent to Bulgaria, per the Financial Times.")
    assert c.attributed_to == "Financial Times"


def test_pledge_without_decision() -> None:
    c = only_claim("Denmark and Norway promised to send additional troops to Latvia.")
    assert c.kind == "pledge" and c.force == "DK,NO" and codes(c) == ["LV"]


def test_photo_caption_is_not_a_claim() -> None:
    text = "Soldiers deploy to Lithuania for exercises on May 3. Jane Doe/Getty Images\n\nThe body says nothing."
    assert claims_of(text) == []


def test_casualties_and_money_are_not_troop_counts() -> None:
    text = ("The war has killed over 13,000 people. Washington sent $650 million in aid to Ukraine. "
            "In 2014, 300 tanks moved to Crimea.")
    assert claims_of(text) == []


def test_troops_merely_stationed_are_not_a_movement() -> None:
    assert claims_of("NATO already has tens of thousands of other troops in Europe to call on.") == []


def test_two_counts_in_one_sentence_give_two_claims() -> None:
    found = claims_of("About 2,000 troops will go to Poland and 1,000 soldiers will travel from Germany to Romania.")
    assert [(c.count, codes(c)) for c in found] == [(2000, ["PL"]), (1000, ["RO"])]
    assert found[1].origin is not None and found[1].origin.country_code == "DE"


def test_anaphoric_negation_keeps_its_place() -> None:
    c = only_claim("These forces are not going to fight in Ukraine.")
    assert c.negated and codes(c) == ["UA"]


def test_same_input_gives_same_ids() -> None:
    text = "About 700 troops will deploy to Poland."
    assert [c.id for c in claims_of(text)] == [c.id for c in claims_of(text)]


def test_empty_article_gives_no_claims() -> None:
    assert claims_of("") == []
    assert claims_of("   \n\n  ") == []


def test_parts_of_a_total_keep_its_origin() -> None:
    found = claims_of("The Pentagon will withdraw about 9,000 troops from Germany, with roughly 5,000 returning "
                      "to the United States and about 4,000 moving to other countries, including Italy and Belgium.")
    assert [c.count for c in found] == [9000, 5000, 4000]
    assert all(c.origin is not None and c.origin.country_code == "DE" for c in found)
    assert codes(found[1]) == ["US"] and codes(found[2]) == ["IT", "BE"]
    assert found[0].kind == "withdraw" and found[2].kind == "relocate"


def test_capitalised_words_between_count_and_troops() -> None:
    c = only_claim("Britain will send an additional 350 Royal Marines to Poland.")
    assert c.count == 350 and c.force == "GB" and codes(c) == ["PL"]


def test_speaker_is_not_a_destination() -> None:
    c = only_claim("About 1,000 soldiers will move from Germany to Romania, Kirby said.")
    assert codes(c) == ["RO"]


def test_deployed_along_a_border_is_a_buildup() -> None:
    c = only_claim("China has deployed thousands of troops along its disputed border with India.")
    assert c.kind == "buildup" and c.force == "CN" and c.count is None and c.count_text == "thousands"


def test_station_in_is_a_destination() -> None:
    c = only_claim("Germany will station a brigade of about 4,800 soldiers in Lithuania permanently.")
    assert c.count == 4800 and codes(c) == ["LT"] and c.origin is None


def test_arrived_in_is_a_destination() -> None:
    c = only_claim("About 300 Marines arrived in Norway for a six-month rotation.")
    assert codes(c) == ["NO"] and c.origin is None


def test_elliptical_part_takes_the_verb_of_the_whole() -> None:
    found = claims_of("Roughly 14,000 additional troops will go to the Gulf region, including 3,000 to Saudi Arabia.")
    assert [(c.count, c.kind) for c in found][-1] == (3000, "deploy")
    assert codes(found[-1]) == ["SA"]


def test_speaker_city_is_not_the_sender() -> None:
    c = only_claim("Kiev says 2,000 Belarusian troops moved to Gomel in recent days.")
    assert c.origin is None and c.force == "BY"


def test_no_decision_is_not_a_decided_deployment() -> None:
    assert claims_of("No decision has been made to send troops to Taiwan, the official said.") == []


def test_withdrawal_without_a_count_keeps_where_troops_leave() -> None:
    c = only_claim("Russia has begun withdrawing troops from Crimea, state media reported.")
    assert c.kind == "withdraw" and c.count is None and c.origin is not None and c.origin.name == "Crimea"


def test_leaving_a_place_makes_it_the_origin() -> None:
    c = only_claim("About 1,000 soldiers will leave Germany and return to Fort Stewart, Georgia.")
    assert c.kind == "withdraw" and c.origin is not None and c.origin.country_code == "DE"
    assert [d.name for d in c.destinations] == ["Fort Stewart, Georgia"]


def test_one_paragraph_over_a_million_characters_is_read() -> None:
    sentence = "Officials said about 600 soldiers will deploy to Latvia next week. "
    text = sentence * (1_100_000 // len(sentence))
    found = claims_of(text)
    assert len(found) == text.count("600 soldiers")
    assert all(text[c.evidence.start:c.evidence.end] == c.evidence.text for c in found[:50])


def test_a_ministry_is_credited_by_its_whole_name() -> None:
    c = only_claim("Britain sent around 900 soldiers to Estonia on Monday, the Ministry of Defence said.")
    assert c.attributed_to == "Ministry of Defence"


def test_a_title_with_of_is_stripped_from_a_speaker() -> None:
    c = only_claim("About 300 troops will go to Chad, Secretary of Defense Lloyd Austin said.")
    assert c.attributed_to == "Lloyd Austin"


def test_a_place_after_a_capitalised_preposition_is_not_a_persons_name() -> None:
    c = only_claim("From Chad, some 400 French troops are scheduled to leave by air next week.")
    assert c.kind == "withdraw" and c.origin is not None and c.origin.country_code == "TD"
