"""Property tests: any text gives claims without an exception, and every quote sits at its offsets."""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extraction import article_from_text, extract

WORDS = st.sampled_from([
    "troops", "soldiers", "1,700", "about", "to", "from", "Poland", "Fort", "Bragg", ",", "N.C.", "not",
    "deploy", "will", "sent", "the", "82nd", "Airborne", "Division", "alert", "“", "”", "Kyiv", "and", ".",
    "tens", "of", "thousands", "Russia", "gathered", "near", "border", "\n", "said", "Kirby", "$", "million",
])


def check(text: str) -> None:
    for claim in extract(article_from_text(text, source_id="fuzz")):
        ev = claim.evidence
        assert 0 <= ev.start <= ev.end <= len(text)
        assert text[ev.start:ev.end] == ev.text
        assert claim.kind in ("deploy", "relocate", "alert", "withdraw", "buildup", "pledge")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_any_unicode_text_is_safe(text: str) -> None:
    check(text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(WORDS, max_size=80).map(" ".join))
def test_claim_shaped_word_salad_is_safe(text: str) -> None:
    check(text)


# Hostile shapes of text, each with a time bound far above what it takes (a quadratic slip would blow it).
PATHOLOGICAL = {
    "punctuation run": "“" * 20_000 + " 500 troops will deploy to Poland. " + "”" * 20_000,
    "one endless sentence": "1,000 troops to Poland and " * 2_000,
    "thousands of numbers": " ".join(f"{i:,}" for i in range(10_000)) + " troops",
    "no spaces at all": "x" * 1_000_000,
    "nested quotes": "He said “she said ‘they said “troops will go to Latvia” today’ again” twice. " * 500,
    "capitals": "Fort Camp Base " * 30_000,
}


@pytest.mark.parametrize("name", sorted(PATHOLOGICAL))
def test_hostile_shapes_finish_quickly(name: str) -> None:
    text = PATHOLOGICAL[name]
    extract(article_from_text("About 100 troops will go to Latvia.", source_id="warm"))
    began = time.perf_counter()
    check(text)
    assert time.perf_counter() - began < 8.0


@pytest.mark.slow
@settings(max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(min_size=0, max_size=5000) | st.lists(WORDS, max_size=400).map(" ".join))
def test_nightly_extractor_fuzz(text: str) -> None:
    check(text)


@pytest.mark.slow
@settings(max_examples=5000, deadline=None)
@given(st.text(max_size=200), st.text(max_size=400))
def test_nightly_resolver_fuzz(mention: str, context: str) -> None:
    import geo

    place = geo.resolve(mention, context)
    assert place.precision in geo.PRECISIONS
    assert place.resolved or place.why
