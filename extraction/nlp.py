"""The spaCy pipeline: a blank English tokenizer with sentence splitting; no statistical model."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokens import Doc

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


@Language.component("abbreviation_boundaries")
def abbreviation_boundaries(doc: Doc) -> Doc:
    """Start a sentence after ``U.S.`` or ``N.C.`` when the next word clearly opens one."""
    for tok in doc[:-1]:
        nxt = doc[tok.i + 1]
        if tok.text.endswith(".") and len(tok.text) > 1 and nxt.text in SENTENCE_STARTERS:
            nxt.is_sent_start = True
    return doc


@lru_cache(maxsize=1)
def pipeline() -> Language:
    """The shared English pipeline (built once per process)."""
    nlp = spacy.blank("en")
    for abbr in ABBREVIATIONS:
        nlp.tokenizer.add_special_case(abbr, [{ORTH: abbr}])  # type: ignore[union-attr]
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("abbreviation_boundaries")
    return nlp
