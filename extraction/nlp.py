"""The spaCy pipeline: a blank English tokenizer with sentence splitting; no statistical model."""

from __future__ import annotations

import re
from functools import lru_cache

import spacy
from spacy.attrs import IDX, LENGTH, ORTH
from spacy.language import Language
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


@Language.component("abbreviation_boundaries")
def abbreviation_boundaries(doc: Doc) -> Doc:
    """Start a sentence after ``U.S.`` or ``N.C.`` when the next word opens one; cut run-on sentences."""
    tw = words(doc)
    texts = tw.text
    if _ABBREVIATION_THEN_CAPITAL.search(tw.full):
        for i in range(len(texts) - 1):
            if texts[i].endswith(".") and len(texts[i]) > 1 and texts[i + 1] in SENTENCE_STARTERS:
                doc[i + 1].is_sent_start = True
    if len(texts) > MAX_SENTENCE_TOKENS:
        # No real sentence runs this long; cutting it keeps the claim finder linear in the text.
        run = 0
        for tok in doc:
            run = 0 if tok.is_sent_start else run + 1
            if run >= MAX_SENTENCE_TOKENS or (run >= MAX_SENTENCE_TOKENS // 2 and texts[tok.i - 1] in (",", ";")):
                tok.is_sent_start = True
                run = 0
    return doc


@lru_cache(maxsize=1)
def pipeline() -> Language:
    """The shared English pipeline (built once per process)."""
    with collector_paused():
        nlp = spacy.blank("en")
        nlp.max_length = 100_000_000  # only the tokenizer runs: the parser's memory limit does not apply
        for abbr in ABBREVIATIONS:
            nlp.tokenizer.add_special_case(abbr, [{ORTH: abbr}])  # type: ignore[union-attr]
        nlp.add_pipe("sentencizer")
        nlp.add_pipe("abbreviation_boundaries")
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
