"""From articles to the contract's document: read, find claims, collect errors."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

from extraction.claims import find_claims
from extraction.model import Article, Claim, Document
from extraction.reader import ArticleError, article_paths, load_article
from extraction.timing import with_time

_RULE_FILES = ("claims.py", "lexicon.py", "numbers.py", "places.py", "units.py", "attribution.py", "nlp.py",
               "timing.py")


def _rules_digest() -> str:
    """A short hash of the files that decide what a claim is, so stored claims are redone when they change."""
    here = Path(__file__).parent
    h = hashlib.sha256()
    for name in _RULE_FILES:
        h.update((here / name).read_bytes())
    return h.hexdigest()[:10]


EXTRACTOR_VERSION = f"0.2.0+{_rules_digest()}"


def extract(article: Article) -> tuple[Claim, ...]:
    """Every movement claim in one article, in text order, with its date and the period it refers to."""
    return with_time(find_claims(article), article.source.published)


def extract_paths(paths: Iterable[str]) -> tuple[Document, list[str]]:
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
        claims.extend(extract(article))
    return Document(tuple(sources), tuple(claims)), errors
