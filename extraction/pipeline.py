"""From articles to the contract's document: read, find claims, collect errors."""

from __future__ import annotations

from collections.abc import Iterable

from extraction.claims import find_claims
from extraction.model import Article, Claim, Document
from extraction.reader import ArticleError, article_paths, load_article

EXTRACTOR_VERSION = "0.1.0"


def extract(article: Article) -> tuple[Claim, ...]:
    """Every movement claim in one article, in text order."""
    return find_claims(article)


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
