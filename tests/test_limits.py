"""Every limit docs/limits.md states, tested at its edge: at the limit is accepted, one past it is refused."""

from __future__ import annotations

import pytest

from dashboard.static_map import MAX_PIXELS, parse_size
from extraction.reader import MAX_ARTICLE_BYTES, ArticleError, check_size
from extraction.store import MAX_STORED_ARTICLE_BYTES


def test_article_at_the_size_limit_is_read_and_one_byte_more_is_refused() -> None:
    check_size(MAX_ARTICLE_BYTES)
    with pytest.raises(ArticleError, match="limit"):
        check_size(MAX_ARTICLE_BYTES + 1)


def test_stored_article_limit_is_below_the_reader_limit() -> None:
    check_size(MAX_STORED_ARTICLE_BYTES, limit=MAX_STORED_ARTICLE_BYTES)
    with pytest.raises(ArticleError):
        check_size(MAX_STORED_ARTICLE_BYTES + 1, limit=MAX_STORED_ARTICLE_BYTES)
    assert MAX_STORED_ARTICLE_BYTES < MAX_ARTICLE_BYTES


@pytest.mark.parametrize("text", ["200x200", f"{MAX_PIXELS}x{MAX_PIXELS}"])
def test_export_sizes_at_the_edges_are_accepted(text: str) -> None:
    assert parse_size(text)


@pytest.mark.parametrize("text", ["199x200", f"200x{MAX_PIXELS + 1}"])
def test_export_sizes_past_the_edges_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match="out of range"):
        parse_size(text)
