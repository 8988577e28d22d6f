"""Structured extraction: article text to troop-movement claims (the contract in CONTRACT.md)."""

from __future__ import annotations

from extraction.spacy_import import defer_spacy_cli

defer_spacy_cli()  # before anything imports spaCy

from extraction.model import KINDS, Article, Claim, Document, Evidence, Kind, Source  # noqa: E402
from extraction.pipeline import (  # noqa: E402
    DEFAULT_EXTRACTOR,
    EXTRACTOR_VERSION,
    Extractor,
    SyntaxExtractor,
    extract,
    extract_paths,
)
from extraction.reader import ArticleError, article_from_text, load_article  # noqa: E402

__all__ = [
    "DEFAULT_EXTRACTOR",
    "EXTRACTOR_VERSION",
    "KINDS",
    "Article",
    "ArticleError",
    "Claim",
    "Document",
    "Evidence",
    "Extractor",
    "Kind",
    "Source",
    "SyntaxExtractor",
    "article_from_text",
    "extract",
    "extract_paths",
    "load_article",
]
