"""Which language an article is written in, so that a text the extractor can't read is named, not misread.

The extractor reads English only. py3langid's model ships inside its wheel (nothing is downloaded); it is
loaded on the first check, not at import, as only adding an article needs it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any, Final

import pycountry

MIN_LETTERS: Final = 60
"""Fewer letters than this are too little to tell a language by; such a text is let through as English."""

MIN_CONFIDENCE: Final = 0.95
"""How sure (probability) the identifier must be before a text is called another language than English."""

SAMPLE_CHARACTERS: Final = 20_000
"""The identifier reads at most this much of the start of an article: enough to tell, and fast on 2 MB."""


@dataclass(frozen=True)
class Language:
    """A language as identified: ISO 639-1 code, English name, and the identifier's probability."""

    code: str
    name: str
    confidence: float

    @property
    def english(self) -> bool:
        """Whether the extractor can read it."""
        return self.code == "en"


@cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _name(code: str) -> str:
    found = pycountry.languages.get(alpha_2=code)
    return str(found.name) if found is not None else code


def identify(text: str) -> Language | None:
    """The language of ``text``, or ``None`` when there are too few letters to tell."""
    sample = text[:SAMPLE_CHARACTERS]
    if sum(ch.isalpha() for ch in sample) < MIN_LETTERS:
        return None
    code, probability = _identifier().classify(sample)
    return Language(str(code), _name(str(code)), float(probability))


def unreadable_language(text: str) -> Language | None:
    """The language of ``text`` when it is surely not English (the extractor would find nothing), else ``None``."""
    found = identify(text)
    if found is None or found.english or found.confidence < MIN_CONFIDENCE:
        return None
    return found
