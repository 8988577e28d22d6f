"""Every limit docs/limits.md states, tested at its edge: at the limit is accepted, one past it is refused."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.comparison import MAX_COLUMNS, comparison_rows
from dashboard.static_map import MAX_PIXELS, parse_size
from extraction.flows import reconcile
from extraction.model import Claim, Source
from extraction.reader import MAX_ARTICLE_BYTES, ArticleError, check_size
from extraction.store import MAX_STORED_ARTICLE_BYTES
from tests.builders import claim, country


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


def _poland_claims(figures: list[int]) -> tuple[list[Claim], list[Source]]:
    """One source per figure, each putting that many troops in Poland."""
    claims = [claim(f"s{n:02d}", figure, (country("PL"),)) for n, figure in enumerate(figures)]
    sources = [Source(f"s{n:02d}", "", outlet=f"Outlet {n}") for n in range(len(figures))]
    return claims, sources


@pytest.mark.parametrize("extra", [0, 1])
def test_comparison_shows_at_most_max_columns_sources_but_counts_them_all(extra: int) -> None:
    # Six say 1,000 and six say 2,000 (a tie); a thirteenth source saying 2,000 settles it, column or not.
    figures = [1000] * (MAX_COLUMNS // 2) + [2000] * (MAX_COLUMNS // 2) + [2000] * extra
    claims, sources = _poland_claims(figures)
    rows = comparison_rows(reconcile(claims, [s.id for s in sources]), sources)
    shown = [k for k in rows[0] if k.startswith("Outlet")]
    assert len(shown) == MAX_COLUMNS
    assert rows[0]["consensus"] == ("2,000" if extra else "1,000–2,000")


def test_the_app_says_when_sources_are_left_out_of_the_columns() -> None:
    def page(count: int) -> None:
        from dashboard.views import comparison_table
        from extraction.flows import reconcile
        from extraction.model import Source
        from tests.builders import claim, country

        claims = [claim(f"s{n:02d}", 1000, (country("PL"),)) for n in range(count)]
        sources = [Source(f"s{n:02d}", "", outlet=f"Outlet {n}") for n in range(count)]
        comparison_table(reconcile(claims, [s.id for s in sources]), sources)

    for count, expect_note in ((MAX_COLUMNS, False), (MAX_COLUMNS + 1, True)):
        at = AppTest.from_function(page, args=(count,), default_timeout=60).run()
        assert not at.exception
        notes = [c.value for c in at.caption if "sources as columns" in c.value]
        assert bool(notes) == expect_note
        if expect_note:
            assert notes[0].startswith(f"Showing {MAX_COLUMNS} of {MAX_COLUMNS + 1} sources")
