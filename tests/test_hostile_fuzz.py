"""Fuzzing the parts the extractor and resolver fuzz tests don't reach: the article store and the flows layer."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extraction.flows import reconcile, source_flows
from extraction.model import Claim
from extraction.reader import ArticleError
from extraction.store import ArticleStore
from tests.builders import claim, country, nowhere, region, site

HOSTILE = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "\u202e", "&amp;", "=1+1", "\x00"]
WORDS = st.sampled_from(
    ["About", "500", "troops", "will", "deploy", "to", "Poland", "from", "Germany", "not", "1,000", "soldiers",
     "the", "US", "sent", "Romania", ".", ",", "\n\n", *HOSTILE]
)
TEXTS = st.one_of(st.text(max_size=400), st.lists(WORDS, max_size=80).map(" ".join))

PLACES = st.sampled_from([
    country("PL"), country("DE"), country("RO"), nowhere("<script>x</script>"), region("Baltics", 57.0, 24.0),
    site("Camp \u202eX", "PL", 52.0, 20.0),
])
CLAIMS = st.builds(
    claim,
    source=st.sampled_from(["s1", "s2", "s3"]),
    count=st.one_of(st.none(), st.integers(min_value=0, max_value=10**7)),
    to=st.lists(PLACES, max_size=3).map(tuple),
    origin=st.one_of(st.none(), PLACES),
    kind=st.sampled_from(["deploy", "withdraw", "buildup", "exercise"]),
    force=st.sampled_from(["US", "RU", "<b>NATO</b>"]),
    negated=st.booleans(),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=st.lists(TEXTS, min_size=1, max_size=3), outlet=st.one_of(st.none(), st.text(max_size=40)))
def test_stored_text_never_raises_and_keeps_quotes_at_their_offsets(texts: list[str], outlet: str | None) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        store = ArticleStore(Path(tmp) / "articles.sqlite")
        for text in texts:
            try:
                store.add_text(text, outlet=outlet)
            except ArticleError:
                continue  # empty or unusable text is refused with a message, which is the contract
        document = store.documents()
        for c in document.claims:
            article = store.article(c.source_id).text
            assert 0 <= c.evidence.start <= c.evidence.end <= len(article)
            assert article[c.evidence.start : c.evidence.end] == c.evidence.text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(claims=st.lists(CLAIMS, max_size=12))
def test_random_claims_reconcile_without_error(claims: list[Claim]) -> None:
    ids = sorted({c.source_id for c in claims})
    for sid in ids:
        source_flows(sid, [c for c in claims if c.source_id == sid])
    result = reconcile(claims, ids)
    seen = {c.id for m in result.movements for c in m.claims}
    assert seen <= {c.id for c in claims}
