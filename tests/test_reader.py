from __future__ import annotations

from pathlib import Path

import pytest

from extraction.reader import ArticleError, decode, html_to_text, is_html, load_article, read_header


def test_date_header_and_byline_are_read() -> None:
    header = read_header(" date 2022-02-02 By Ann Smith and Bo Lee, CNN\n\nBody text.")
    assert header.published == "2022-02-02"
    assert header.byline == "Ann Smith and Bo Lee"
    assert header.outlet == "CNN"
    assert header.title is None


def test_first_short_line_is_the_headline_without_video_time() -> None:
    header = read_header("Allies send troops east 5:23\n\nThe body starts here.")
    assert header.title == "Allies send troops east"


def test_cp1252_text_is_decoded() -> None:
    assert decode("caf\u00e9 \u2019".encode("cp1252")) == "caf\u00e9 \u2019"


def test_binary_is_refused_with_a_reason() -> None:
    with pytest.raises(ArticleError, match="binary"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00")


def test_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(ArticleError, match="no such file"):
        load_article(tmp_path / "gone.txt")


def test_metadata_file_fills_outlet(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Headline here\n\nBody.", encoding="utf-8")
    (tmp_path / "metadata.toml").write_text('[a]\noutlet = "Daily Example"\nbyline = "unknown"\n', encoding="utf-8")
    article = load_article(tmp_path / "a.txt")
    assert article.source.outlet == "Daily Example"
    assert article.source.byline is None
    assert article.source.title == "Headline here"


def test_html_is_recognised_by_suffix_or_leading_tag() -> None:
    assert is_html("page.HTM", "plain words")
    assert is_html("pasted text", "  <!DOCTYPE html><html><body>x</body></html>")
    assert is_html("pasted text", "<p>About 1,200 troops.</p>")
    assert not is_html("note.txt", "Troops <b>not</b> at the start\n<p>later</p>")


def test_bare_html_fragment_gives_its_text() -> None:
    text, _ = html_to_text("<p>About 1,200 troops will deploy to Poland, officials said.</p><script>x()</script>")
    assert text == "About 1,200 troops will deploy to Poland, officials said."


@pytest.mark.parametrize(
    ("text", "published", "title"),
    [
        pytest.param("date: 2023-05-30\nTroops leave for the coast\n\nBody.", "2023-05-30",
                     "Troops leave for the coast", id="colon"),
        pytest.param("date 2023-05-30\n\nBody.", "2023-05-30", None, id="no-colon"),
        pytest.param("date: unknown\nTroops leave for the coast\n\nBody.", None, "Troops leave for the coast",
                     id="unknown"),
    ],
)
def test_date_header_is_not_the_headline_but_the_line_after_it_may_be(
    text: str, published: str | None, title: str | None
) -> None:
    header = read_header(text)
    assert header.published == published and header.title == title
