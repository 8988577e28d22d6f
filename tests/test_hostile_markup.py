"""Article text is hostile: every HTML, SVG and CSV the app builds carries it escaped or neutralised."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from dashboard.attribution import article_html, highlight, link_html, quote_html
from dashboard.export import ExportOptions, export_bytes
from dashboard.tables import claims_csv, neutralise
from extraction import Document, extract_paths
from tests.builders import claim, country
from tests.hostile_articles import IMG, SCRIPT, write_hostile_seeds

ROOT = Path(__file__).resolve().parents[1]
MARKUP = re.compile(r"<(script|img|a|iframe|svg|object)\b", re.IGNORECASE)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Document:
    document, errors = extract_paths([str(write_hostile_seeds(tmp_path_factory.mktemp("seeds")))])
    assert not errors and document.claims, "the hostile article must still yield claims"
    return document


def test_highlight_escapes_text_and_terms() -> None:
    out = highlight(f"500 troops {SCRIPT} {IMG}", ["500", "<script>"])
    assert not MARKUP.search(out.replace("<mark>", "").replace("</mark>", ""))
    assert "&lt;script&gt;" in out


def test_quote_and_article_html_escape_the_hostile_article(hostile: Document) -> None:
    for c in hostile.claims:
        assert not MARKUP.search(quote_html(c))
    article = f"x {SCRIPT} " + hostile.claims[0].evidence.text
    assert not MARKUP.search(article_html(article, hostile.claims[0]))


def test_quote_with_markup_in_places_is_escaped() -> None:
    c = claim(to=(country("PL"),), quote=f"About 500 troops {SCRIPT} will deploy to Poland.")
    assert "&lt;script&gt;alert&#40;1&#41;&lt;/script&gt;" in quote_html(c)  # HTML and Markdown both defused


@pytest.mark.parametrize("cell", ["=HYPERLINK(\"http://evil.example\")", "+1", "-1+2", "@SUM(A1)", "\t=1", "\r=1"])
def test_csv_cells_that_start_like_formulas_are_neutralised(cell: str) -> None:
    assert str(neutralise(cell)).startswith("'")


def test_csv_export_of_hostile_article_has_no_live_formula(hostile: Document) -> None:
    c = claim(quote="=cmd|' /C calc'!A0 500 troops to Poland", attributed_to="@evil", to=(country("PL"),))
    rows = list(csv.reader(io.StringIO(claims_csv([c, *hostile.claims], hostile.sources,
                                                  [s.id for s in hostile.sources] + ["s1"]).decode("utf-8"))))
    for row in rows[1:]:
        for value in row:
            assert not value.startswith(("=", "+", "-", "@")), value


def test_svg_export_carries_article_text_escaped(hostile: Document) -> None:
    svg = export_bytes(hostile, ExportOptions("svg", tuple(s.id for s in hostile.sources),
                                               title=f"Title {SCRIPT}", subtitle=IMG)).decode("utf-8")
    assert not re.search(r"<script\b|<img\b|<a\b|<foreignObject\b", svg, re.IGNORECASE)


def test_pydeck_standalone_html_is_never_used() -> None:
    """pydeck's ``to_html`` does not escape tooltip values, so article text must never go through it."""
    offenders = [
        str(p.relative_to(ROOT))
        for folder in ("dashboard", "extraction", "geo")
        for p in (ROOT / folder).rglob("*.py")
        if re.search(r"\bto_html\s*\(", p.read_text(encoding="utf-8"))
    ] + (["app.py"] if re.search(r"\bto_html\s*\(", (ROOT / "app.py").read_text(encoding="utf-8")) else [])
    assert offenders == []


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        pytest.param("https://example.org/a?b=1&c=2", True, id="https-with-query"),
        pytest.param("http://example.org/x\" onmouseover=\"alert(1)", True, id="quote-in-url-stays-in-href"),
        pytest.param("javascript:alert(1)", False, id="javascript-scheme"),
        pytest.param("data:text/html,<script>x</script>", False, id="data-scheme"),
        pytest.param("  ", False, id="blank"),
        pytest.param(None, False, id="none"),
    ],
)
def test_article_url_is_an_escaped_link_that_opens_apart(url: str | None, shown: bool) -> None:
    link = link_html(url)
    if not shown:
        assert link is None
        return
    assert link is not None and link.count('"') == 6  # href, target, rel: no attribute smuggled in
    assert 'rel="noopener noreferrer"' in link and 'target="_blank"' in link
    assert 'onmouseover="' not in link and "<script" not in link
