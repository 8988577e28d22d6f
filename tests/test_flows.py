"""Flows per source and movements across sources: what is merged, what never is, and nothing invented."""

from __future__ import annotations

from extraction.flows import Figure, arithmetic_checks, consensus, reconcile, source_flows
from tests.builders import claim, country, nowhere, region, site

PL, DE, RO, US, UA = (country(c) for c in ("PL", "DE", "RO", "US", "UA"))
BRAGG = site("Fort Bragg, North Carolina", "US", 35.14, -79.0)
VILSECK = site("Vilseck, Bavaria", "DE", 49.61, 11.8)


def test_repeated_mention_in_one_source_is_one_flow_with_several_quotes() -> None:
    a = claim("s1", 1000, (RO,), origin=DE, kind="relocate")
    b = claim("s1", 1000, (RO,), origin=None, kind="relocate", unit="Stryker squadron")
    flows = source_flows("s1", [a, b]).flows
    assert len(flows) == 1
    assert flows[0].claims == (a, b)
    assert flows[0].unit == "Stryker squadron" and flows[0].origin == DE


def test_different_counts_in_one_source_are_two_flows() -> None:
    flows = source_flows("s1", [claim("s1", 1700, (PL,)), claim("s1", 2000, (PL,))]).flows
    assert [f.count for f in flows] == [1700, 2000]


def test_combined_destination_is_not_split() -> None:
    rec = reconcile([claim("s1", 2000, (PL, DE))], ["s1"])
    assert len(rec.movements) == 1
    movement = rec.movements[0]
    assert movement.combined and movement.consensus.count == 2000
    assert {p.name for p in movement.destinations} == {"Poland", "Germany"}


def test_same_movement_at_different_precision_is_merged() -> None:
    rec = reconcile([claim("s1", 1000, (RO,), origin=DE), claim("s2", 1000, (RO,), origin=VILSECK)], ["s1", "s2"])
    assert len(rec.movements) == 1
    assert rec.movements[0].agreement == "agree"
    assert rec.movements[0].source_ids == ("s1", "s2")


def test_different_destination_sets_are_not_merged() -> None:
    rec = reconcile([claim("s1", 2000, (PL, DE)), claim("s2", 2000, (PL,))], ["s1", "s2"])
    assert len(rec.movements) == 2


def test_different_origin_countries_are_not_merged() -> None:
    rec = reconcile([claim("s1", 1000, (RO,), origin=DE), claim("s2", 1000, (RO,), origin=US)], ["s1", "s2"])
    assert len(rec.movements) == 2


def test_different_forces_or_kinds_are_not_merged() -> None:
    rec = reconcile(
        [claim("s1", 1000, (UA,), force="RU", kind="buildup"), claim("s2", 1000, (UA,), force="US")], ["s1", "s2"]
    )
    assert len(rec.movements) == 2


def test_flow_without_origin_joins_the_one_placed_movement() -> None:
    rec = reconcile(
        [claim("s1", 1700, (PL,), origin=BRAGG), claim("s2", 1700, (PL,), origin=BRAGG), claim("s3", 2000, (PL,))],
        ["s1", "s2", "s3"],
    )
    assert len(rec.movements) == 1
    movement = rec.movements[0]
    assert movement.consensus.text == "1,700" and movement.agreement == "differ"
    assert [f.origin for f in movement.flows if f.source_id == "s3"] == [None]  # s3's own flow keeps no origin


def test_flow_without_origin_stays_alone_when_two_movements_could_take_it() -> None:
    rec = reconcile(
        [claim("s1", 1000, (RO,), origin=DE), claim("s2", 1000, (RO,), origin=US), claim("s3", 1000, (RO,))],
        ["s1", "s2", "s3"],
    )
    assert len(rec.movements) == 3
    assert [m.origin for m in rec.movements if m.source_ids == ("s3",)] == [None]


def test_missing_origin_stays_missing() -> None:
    rec = reconcile([claim("s1", 2000, (PL,))], ["s1"])
    assert rec.movements[0].origin is None


def test_consensus_is_the_most_stated_figure_and_a_tie_is_a_range() -> None:
    cons, flag = consensus([Figure("a", 1700, None), Figure("b", 1700, None), Figure("c", 2000, None)])
    assert (cons.text, flag) == ("1,700", "differ")
    cons, flag = consensus([Figure("a", 1700, None), Figure("b", 2000, None)])
    assert (cons.text, cons.count, flag) == ("1,700–2,000", None, "differ")
    cons, flag = consensus([Figure("a", None, "tens of thousands")])
    assert (cons.text, flag) == ("tens of thousands", "no figure")


def test_source_with_only_a_combined_total_is_flagged() -> None:
    rec = reconcile([claim("s1", 1700, (PL,)), claim("s2", 2000, (PL, DE))], ["s1", "s2"])
    poland = next(m for m in rec.movements if not m.combined)
    assert poland.combined_only == ("s2",)


def test_arithmetic_check_parts_and_total() -> None:
    claims = [
        claim("s1", 3000, (PL, DE, RO)),
        claim("s1", 2000, (PL, DE)),
        claim("s1", 1000, (RO,), origin=DE),
        claim("s1", 1700, (PL,), origin=BRAGG),
        claim("s1", 300, (DE,), origin=BRAGG),
    ]
    rec = reconcile(claims, ["s1"])
    texts = sorted(c.text for c in rec.checks)
    assert texts == ["1,700 + 300 = 2,000 ✓", "2,000 + 1,000 = 3,000 ✓"]


def test_arithmetic_check_reports_a_mismatch() -> None:
    items = [("t", "g", frozenset({"PL", "DE"}), 2500), ("a", "g", frozenset({"PL"}), 1700),
             ("b", "g", frozenset({"DE"}), 300)]
    (check,) = arithmetic_checks(items)
    assert not check.adds_up and check.text == "1,700 + 300 = 2,000 ≠ 2,500"


def test_negated_claims_are_ruled_out_never_flows() -> None:
    rec = reconcile([claim("s1", None, (UA,), negated=True)], ["s1"])
    assert rec.movements == ()
    assert [r.label for r in rec.ruled_out] == ["US forces: not to Ukraine"]


def test_unresolved_places_are_listed_not_drawn() -> None:
    c = claim("s1", 500, (nowhere("Camp Nowhere"),))
    rec = reconcile([c], ["s1"])
    assert rec.movements == () and rec.unplaced == (c,)


def test_regions_are_their_own_destinations() -> None:
    europe = region("Europe", 50.0, 10.0)
    rec = reconcile([claim("s1", 3000, (europe,), origin=US), claim("s2", 3000, (DE,), origin=US)], ["s1", "s2"])
    assert len(rec.movements) == 2


def test_two_figures_from_one_source_for_one_key_are_two_movements() -> None:
    europe = region("Europe", 50.0, 10.0)
    rec = reconcile([claim("s1", 3000, (europe,), origin=US), claim("s1", 2000, (europe,), origin=US),
                     claim("s2", 2000, (europe,), origin=US)], ["s1", "s2"])
    assert sorted(m.consensus.text for m in rec.movements) == ["2,000", "3,000"]
    assert len({m.id for m in rec.movements}) == 2


def _alerts_and(stray: object) -> list[object]:
    return [claim("s1", 8500, kind="alert"), claim("s2", 8500, kind="alert", origin=US), stray]


def test_a_placeless_claim_giving_anothers_figure_with_another_kind_joins_and_is_flagged() -> None:
    sent = claim("s3", 8500, kind="deploy", quote="8,500 that were sent last month")
    rec = reconcile(_alerts_and(sent), ["s1", "s2", "s3"])  # type: ignore[arg-type]
    (movement,) = rec.movements
    assert movement.kind == "alert" and movement.kind_dispute == ("alert", "sent")
    assert sent in movement.claims and sent not in rec.unplaced
    assert movement.consensus.count == 8500 and movement.agreement == "agree"


def test_kind_dispute_needs_the_same_figure_from_another_source() -> None:
    cases = [
        claim("s3", 9000, kind="deploy", quote="9,000 were sent"),  # another figure
        claim("s3", 8500, kind="deploy", to=(PL,), quote="8,500 to Poland"),  # has a place: its own flow
        claim("s3", 8500, kind="alert", quote="8,500 on alert"),  # same kind: no dispute
        claim("s3", 8500, kind="deploy", negated=True, quote="8,500 were not sent"),
    ]
    for stray in cases:
        rec = reconcile(_alerts_and(stray), ["s1", "s2", "s3"])  # type: ignore[arg-type]
        assert all(not m.kind_dispute for m in rec.movements), stray.evidence.text


def test_kind_dispute_is_not_joined_when_two_movements_could_take_it() -> None:
    claims = [claim("s1", 8500, kind="alert"), claim("s2", 8500, (PL,), origin=US, kind="buildup"),
              claim("s3", 8500, kind="deploy", quote="8,500 were sent")]
    rec = reconcile(claims, ["s1", "s2", "s3"])
    assert all(not m.kind_dispute for m in rec.movements)
    assert claims[2] in rec.unplaced
