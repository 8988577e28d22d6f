"""Structured extraction: article text to troop-movement claims (the contract in CONTRACT.md)."""

from __future__ import annotations

from extraction.spacy_import import defer_spacy_cli

defer_spacy_cli()  # before anything imports spaCy

from extraction.model import KINDS, Article, Claim, Document, Evidence, Source  # noqa: E402
from extraction.pipeline import EXTRACTOR_VERSION, extract, extract_paths  # noqa: E402
from extraction.reader import ArticleError, article_from_text, load_article  # noqa: E402

__all__ = [
    "EXTRACTOR_VERSION",
    "KINDS",
    "Article",
    "ArticleError",
    "Claim",
    "Document",
    "Evidence",
    "Source",
    "article_from_text",
    "extract",
    "extract_paths",
    "load_article",
]
