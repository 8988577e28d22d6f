"""Property tests: any text gives claims without an exception, and every quote sits at its offsets."""

from __future__ import annotations

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
