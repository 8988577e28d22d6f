"""From articles to the contract's document: read, find claims, collect errors.

Callers go through an :class:`Extractor`: text and source in, claims out. The one shipped here,
:class:`SyntaxExtractor`, reads the dependency parse (:mod:`extraction.events`); another (a larger
model, a remote service) can be added beside it without touching the callers.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Protocol

from extraction.claims import find_claims
from extraction.model import Article, Claim, Document
from extraction.parser import MODEL_PACKAGE, MODEL_VERSION
from extraction.reader import ArticleError, article_paths, load_article

_ROOT = Path(__file__).resolve().parent.parent
# What shapes a claim: the extraction and geography code, their word lists and data files, the model.
_SHAPING = ("extraction/*.py", "geo/*.py", "data/*.*")
_NOT_SHAPING = frozenset({"store.py", "store_cli.py", "__main__.py"})


class Extractor(Protocol):
    """Anything that turns an article into claims; ``version`` changes whenever its output may."""

    @property
    def version(self) -> str:
        """A string that changes whenever the claims for the same article may change."""
        ...

    def extract(self, article: Article) -> tuple[Claim, ...]:
        """Every movement claim in ``article``, in text order."""
        ...


@lru_cache(maxsize=1)
def _rules_digest() -> str:
    """A short hash of everything that decides what a claim is, so stored claims are redone when it changes."""
    h = hashlib.sha256(f"{MODEL_PACKAGE}=={MODEL_VERSION}".encode())
    for pattern in _SHAPING:
        for path in sorted(_ROOT.glob(pattern)):
            if path.name not in _NOT_SHAPING and path.is_file():
                h.update(path.name.encode())
                h.update(path.read_bytes())
    return h.hexdigest()[:10]


@dataclass(frozen=True)
class SyntaxExtractor:
    """Claims read from spaCy's dependency parse of the sentences that name troops."""

    @property
    def version(self) -> str:
        """``0.3.0+`` and the digest of the code, word lists, data files and model."""
        return f"0.3.0+{_rules_digest()}"

    def extract(self, article: Article) -> tuple[Claim, ...]:
        """Every movement claim in ``article``, in text order."""
        return find_claims(article)


DEFAULT_EXTRACTOR: Extractor = SyntaxExtractor()
EXTRACTOR_VERSION = DEFAULT_EXTRACTOR.version


def extract(article: Article, extractor: Extractor = DEFAULT_EXTRACTOR) -> tuple[Claim, ...]:
    """Every movement claim in one article, in text order."""
    return extractor.extract(article)


def extract_paths(
    paths: Iterable[str], extractor: Extractor = DEFAULT_EXTRACTOR
) -> tuple[Document, list[str]]:
    """Extract every article under ``paths``; returns the document and one message per failed file."""
    sources = []
    claims: list[Claim] = []
    errors: list[str] = []
    for path in article_paths(list(paths)):
        try:
            article = load_article(path)
        except ArticleError as exc:
            errors.append(str(exc))
            continue
        sources.append(article.source)
        claims.extend(extractor.extract(article))
    return Document(tuple(sources), tuple(claims)), errors
