"""Sentence starts: spaCy's sentencizer, plus abbreviations such as ``U.S.`` and run-on cuts."""

from __future__ import annotations

from functools import lru_cache

import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language
from spacy.tokens import Doc

from extraction.nlp import MAX_SENTENCE_TOKENS, pipeline, read

_PIECES = ["Troops", "went", "to", "Poland", ".", "!", "?", "...", "”", "“", ")", "(", ",", ";", "they", "said",
           "1,700", "U.S.", "Mr.", "—", "\n", "  ", "。", "؟", "-", "'s", "e.g.", "No", "2."]


def _starts(doc: Doc) -> list[int]:
    return [s.start for s in doc.sents]


@lru_cache(maxsize=1)
def _sentencizer() -> Language:
    """spaCy's own sentencizer, the reference."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=60))
def test_sentence_starts_are_the_sentencizer_s_where_no_abbreviation_rule_applies(pieces: list[str]) -> None:
    text = " ".join(p for p in pieces if p != "U.S.")
    doc = read(pipeline(), text)
    reference = _sentencizer()(pipeline().make_doc(text))  # the same tokens (our abbreviations included)
    assert _starts(doc) == _starts(reference)


def test_a_sentence_starts_after_an_abbreviation_when_the_next_word_opens_one() -> None:
    doc = read(pipeline(), "They flew from Fort Bragg, N.C. The troops landed in the U.S. Army base.")
    assert [s.text for s in doc.sents] == ["They flew from Fort Bragg, N.C.",
                                           "The troops landed in the U.S. Army base."]


def test_a_run_on_sentence_is_cut_at_a_comma_past_half_the_limit() -> None:
    text = " ".join(["troops", ","] * MAX_SENTENCE_TOKENS)
    doc = read(pipeline(), text)
    lengths = [len(s) for s in doc.sents]
    assert len(lengths) > 1
    assert all(MAX_SENTENCE_TOKENS // 2 <= n <= MAX_SENTENCE_TOKENS for n in lengths[:-1])


def test_an_empty_text_has_no_sentences() -> None:
    assert _starts(read(pipeline(), "")) == []
