"""The spaCy pipeline: a blank English tokenizer with sentence splitting; no statistical model."""

from __future__ import annotations

import re
from functools import lru_cache

import spacy
from spacy.attrs import IDX, LENGTH, ORTH
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc

from geo.collector import collector_paused

# AP-style US state and other abbreviations that end in a full stop but do not end a sentence.
ABBREVIATIONS: tuple[str, ...] = (
    "Ala.", "Ariz.", "Ark.", "Calif.", "Colo.", "Conn.", "Del.", "Fla.", "Ga.", "Ill.", "Ind.", "Kan.",
    "Kans.", "Ky.", "La.", "Md.", "Mass.", "Mich.", "Minn.", "Miss.", "Mo.", "Mont.", "Neb.", "Nev.",
    "N.H.", "N.J.", "N.M.", "N.Y.", "N.C.", "N.D.", "Okla.", "Ore.", "Pa.", "R.I.", "S.C.", "S.D.",
    "Tenn.", "Tex.", "Vt.", "Va.", "Wash.", "W.Va.", "Wis.", "Wyo.", "D.C.", "U.S.", "U.K.", "U.N.",
    "Gen.", "Lt.", "Col.", "Maj.", "Sgt.", "Adm.", "Capt.", "Cmdr.", "Gov.", "Sen.", "Rep.", "Sept.",
)


# Words that, capitalised after an abbreviation such as "U.S.", start a new sentence.
SENTENCE_STARTERS: frozenset[str] = frozenset({
    "The", "These", "Those", "This", "That", "He", "She", "It", "They", "We", "But", "However", "In",
    "Meanwhile", "A", "An", "On", "At", "After", "Before", "Earlier", "Later", "Also",
})


MAX_SENTENCE_TOKENS = 160
_ABBREVIATION_THEN_CAPITAL = re.compile(r"\w\.\s+[A-Z]")


# What spaCy's sentencizer ends a sentence on: ".", "!", "?" and their counterparts in other scripts.
_SENTENCE_PUNCT = frozenset(Sentencizer.default_punct_chars)


def _sentencizer_starts(doc: Doc, texts: list[str]) -> list[int]:
    """Where spaCy's sentencizer starts sentences: after an end mark, the next token that is not punctuation.

    Only the few tokens after an end mark are looked at, where the sentencizer visits every token.
    """
    starts = [0]
    after = 0  # the first token not yet passed over
    for end in [i for i, text in enumerate(texts) if text in _SENTENCE_PUNCT]:
        if end < after:
            continue  # inside the run of marks and quotes that ended the last sentence
        after = end + 1
        while after < len(texts) and (texts[after] in _SENTENCE_PUNCT or doc[after].is_punct):
            after += 1
        if after < len(texts):
            starts.append(after)
    return starts


@Language.component("sentences")
def sentences(doc: Doc) -> Doc:
    """Sentence starts: spaCy's sentencizer rule, then abbreviations, then cuts in run-on sentences.

    - The sentencizer's rule (see :func:`_sentencizer_starts`), applied to the plain token list.
    - A sentence also starts after ``U.S.`` or ``N.C.`` when the next word opens one ("... in the
      U.S. The troops ..."), which the tokenizer's abbreviations would otherwise hide.
    - No real sentence runs past ``MAX_SENTENCE_TOKENS``; cutting one that does (at a comma when it
      can) keeps the claim finder linear in the text.

    Only the starts are marked; the other tokens keep spaCy's "unknown", which ``Doc.sents`` reads as
    "not a start" (one token is marked "not a start" so that the document counts as split).
    """
    tw = words(doc)
    texts = tw.text
    if len(texts) < 2:
        return doc
    starts = set(_sentencizer_starts(doc, texts))
    if _ABBREVIATION_THEN_CAPITAL.search(tw.full):
        for i in range(len(texts) - 1):
            if texts[i].endswith(".") and len(texts[i]) > 1 and texts[i + 1] in SENTENCE_STARTERS:
                starts.add(i + 1)
    if len(texts) > MAX_SENTENCE_TOKENS:
        run = 0
        for i in range(len(texts)):
            run = 0 if i in starts else run + 1
            if run >= MAX_SENTENCE_TOKENS or (run >= MAX_SENTENCE_TOKENS // 2 and texts[i - 1] in (",", ";")):
                starts.add(i)
                run = 0
    doc[1].is_sent_start = 1 in starts
    for i in starts:
        doc[i].is_sent_start = True
    return doc


@lru_cache(maxsize=1)
def pipeline() -> Language:
    """The shared English pipeline (built once per process)."""
    with collector_paused():
        nlp = spacy.blank("en")
        nlp.max_length = 100_000_000  # only the tokenizer runs: the parser's memory limit does not apply
        for abbr in ABBREVIATIONS:
            nlp.tokenizer.add_special_case(abbr, [{ORTH: abbr}])  # type: ignore[union-attr]
        nlp.add_pipe("sentences")
    return nlp


class Words:
    """Plain-Python views of a document's tokens; indexing a spaCy Doc in a loop is slow."""

    __slots__ = ("full", "idx", "lower", "text")

    def __init__(self, doc: Doc) -> None:
        full = doc.user_data.get("source_text")
        if full is None:
            full = doc.text
        spans = doc.to_array([IDX, LENGTH]).tolist() if len(doc) else []
        self.full: str = full
        self.idx: list[int] = [start for start, _ in spans]
        self.text: list[str] = [full[start:start + length] for start, length in spans]
        self.lower: list[str] = [t.lower() for t in self.text]

    def span_text(self, start: int, end: int) -> str:
        """The text of tokens ``start`` to ``end`` (exclusive), as ``doc[start:end].text`` gives it."""
        if end <= start:
            return ""
        return self.full[self.idx[start]:self.idx[end - 1] + len(self.text[end - 1])]


def read(nlp: Language, text: str) -> Doc:
    """Run the pipeline on ``text``, remembering the text so :class:`Words` need not rebuild it."""
    doc = nlp.make_doc(text)
    doc.user_data["source_text"] = text
    for _, component in nlp.pipeline:
        doc = component(doc)
    return doc


def words(doc: Doc) -> Words:
    """The cached :class:`Words` of ``doc``."""
    cached = doc.user_data.get("words")
    if cached is None:
        cached = Words(doc)
        doc.user_data["words"] = cached
    return cached
