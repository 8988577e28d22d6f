"""Finding claims in an article (placeholder until the rule pipeline lands)."""

from __future__ import annotations

from extraction.model import Article, Claim


def find_claims(article: Article) -> tuple[Claim, ...]:
    """Every movement claim in ``article``."""
    return ()
