"""The article store's API against a real SQLite file: add, list, rename, remove, duplicates, claims."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

import extraction.store as store_module
from extraction.model import Article, Claim, Evidence
from extraction.reader import ArticleError, read_article_bytes
from extraction.store import (
    KEEP,
    MAX_STORED_ARTICLE_BYTES,
    SCHEMA_VERSION,
    ArticleStore,
    NotStoredError,
    StoreError,
    article_id_for,
    default_db_path,
    open_store,
)
from tests.store_support import ROOT, article


@pytest.fixture
def store(tmp_path: Path) -> ArticleStore:
    return open_store(tmp_path / "articles.sqlite3")


def fake_claims(found: Article) -> tuple[Claim, ...]:
    """One claim per article whose evidence is the word "troops", as the real finder would quote it."""
    start = found.text.index("troops")
    return (
        Claim(
            id=f"{found.source.id}-c0", source_id=found.source.id, kind="deploy", negated=False, count=1200,
            count_text="About 1,200", force="US", unit=None, origin=None, destinations=(), attributed_to=None,
            evidence=Evidence(start, start + 6, found.text[start:start + 6]),
        ),
    )


def test_added_article_is_listed_with_its_metadata(store: ArticleStore) -> None:
    result = store.add_text(article(1), filename="one.txt", outlet="Daily Example", published="2022-02-02",
                            url="https://example.org/one")
    assert result.added and result.duplicate_of is None
    assert result.article_id == article_id_for(article(1))
    assert result.article_id.startswith("u_") and len(result.article_id) == 14
    assert "added as" in result.message
    [stored] = store.list()
    assert (stored.id, stored.filename, stored.outlet, stored.published, stored.url, stored.title) == (
        result.article_id, "one.txt", "Daily Example", "2022-02-02", "https://example.org/one",
        "Troops head east, report 1",
    )
    assert stored.added_at.endswith("Z")
    assert store.article(stored.id).text == article(1)


def test_text_header_fills_date_and_byline_and_arguments_win(store: ArticleStore) -> None:
    text = " date 2022-02-03 By Ann Smith, CNN\n\nAbout 3,000 troops will deploy to Romania."
    first = store.add_text(text, filename="a.txt")
    stored = store.get(first.article_id)
    assert (stored.published, stored.byline, stored.outlet) == ("2022-02-03", "Ann Smith", "CNN")
    second = store.add_text(text + " More.", filename="b.txt", outlet="Other", published="2022-01-01")
    stored = store.get(second.article_id)
    assert (stored.published, stored.outlet) == ("2022-01-01", "Other")


def test_same_text_twice_is_recognised_not_duplicated(store: ArticleStore) -> None:
    first = store.add_text(article(1), filename="one.txt")
    again = store.add_text(article(1).replace("\n", "\r\n") + "   \n", filename="copy.txt", outlet="Other")
    assert not again.added
    assert again.duplicate_of == first.article_id == again.article_id
    assert again.message == f"copy.txt: already added as {first.article_id}"
    assert [a.id for a in store.list()] == [first.article_id]
    assert store.get(first.article_id).outlet is None  # the duplicate changed nothing


def test_rename_changes_only_the_fields_given(store: ArticleStore) -> None:
    added = store.add_text(article(1), filename="one.txt", outlet="Old", published="2022-02-02")
    renamed = store.rename(added.article_id, outlet="New Outlet", title="New title")
    assert (renamed.outlet, renamed.title, renamed.published) == ("New Outlet", "New title", "2022-02-02")
    cleared = store.rename(added.article_id, published=None, outlet=KEEP)
    assert (cleared.outlet, cleared.published) == ("New Outlet", None)
    assert store.documents().sources[0].outlet == "New Outlet"


def test_rename_refuses_a_bad_date_and_an_unknown_id(store: ArticleStore) -> None:
    added = store.add_text(article(1), filename="one.txt", published="2022-02-02")
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        store.rename(added.article_id, published="2 Feb 2022")
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        store.rename(added.article_id, published="2022-02-30")
    with pytest.raises(NotStoredError, match="u_000000000000"):
        store.rename("u_000000000000", title="x")
    assert store.get(added.article_id).published == "2022-02-02"


def test_remove_deletes_the_article_and_its_claims(store: ArticleStore, tmp_path: Path) -> None:
    keep = store.add_text(article(1), filename="one.txt")
    gone = store.add_text(article(2), filename="two.txt")
    assert store.remove(gone.article_id).filename == "two.txt"
    assert [a.id for a in store.list()] == [keep.article_id]
    with sqlite3.connect(tmp_path / "articles.sqlite3") as conn:
        assert conn.execute("SELECT article_id FROM extractions").fetchall() == [(keep.article_id,)]
    with pytest.raises(NotStoredError):
        store.remove(gone.article_id)


def test_documents_hold_stored_claims_with_offsets_into_the_stored_text(
    store: ArticleStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_module, "extract", fake_claims)
    added = store.add_text("<html><body><article><p>" + article(1) + "</p></article></body></html>", "a.html")
    assert added.claim_count == 1
    document = store.documents()
    [claim] = document.claims
    text = store.article(added.article_id).text
    assert claim.source_id == added.article_id == document.sources[0].id
    assert text[claim.evidence.start:claim.evidence.end] == claim.evidence.text == "troops"


def test_claims_are_recomputed_only_when_the_extractor_version_changes(
    store: ArticleStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []

    def counting(found: Article) -> tuple[Claim, ...]:
        calls.append(found.source.id)
        return fake_claims(found)

    monkeypatch.setattr(store_module, "extract", counting)
    added = store.add_text(article(1), filename="one.txt")
    assert calls == [added.article_id]
    store.documents()
    store.documents()
    assert calls == [added.article_id]  # read back, not recomputed
    monkeypatch.setattr(store_module, "EXTRACTOR_VERSION", "9.9.9")
    assert len(store.documents().claims) == 1
    store.documents()
    assert calls == [added.article_id, added.article_id]  # recomputed once, then kept under the new version


def test_html_page_keeps_only_text_headline_date_and_byline(store: ArticleStore) -> None:
    page = (
        "<html><head><title>Troops head east | Daily Example</title>"
        '<meta name="author" content="Ann Smith">'
        '<meta property="article:published_time" content="2022-02-02T10:00:00Z">'
        '<meta property="og:site_name" content="Daily Example"></head><body>'
        + '<script>var secret = "9,999 troops"; track();</script>' * 50
        + "<nav>Home | World</nav><article><h1>Troops head east</h1>"
        "<p>About 1,200 troops of the 3rd Infantry Division will deploy from Fort Stewart to Poland, "
        "officials said.</p></article><style>p { color: red }</style></body></html>"
    )
    added = store.add_text(page, filename="page.html")
    text = store.article(added.article_id).text
    assert "About 1,200 troops" in text
    assert "<" not in text and "secret" not in text and "track()" not in text and "color" not in text
    stored = store.get(added.article_id)
    assert (stored.title, stored.published, stored.byline, stored.outlet) == (
        "Troops head east", "2022-02-02", "Ann Smith", "Daily Example",
    )


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda s: s.add_text("", filename="empty.txt"), "empty.txt: is empty"),
        (lambda s: s.add_text(" \n\t\n", filename="blank.txt"), "blank.txt: is empty"),
        (lambda s: s.add_text("x" * (MAX_STORED_ARTICLE_BYTES + 1), filename="big.txt"),
         "over the 2,097,152-byte limit"),
        (lambda s: s.add_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "photo.txt"), "binary"),
        (lambda s: s.add_bytes(b"troops \x81\x8d\x8f\x90\x9d \xff\xfe", "bad.txt"), "not UTF-8 or Windows-1252"),
        (lambda s: s.add_text("troops \udc81 moved", filename="surrogate.txt"), "not valid Unicode"),
        (lambda s: s.add_text("<html><body>" + "<script>var a = 1;</script>" * 500 + "</body></html>",
                              filename="scripts.html"), "no article text"),
    ],
    ids=["empty", "blank", "over-limit", "binary", "undecodable", "lone-surrogate", "only-scripts"],
)
def test_bad_input_is_refused_with_a_message_and_nothing_is_lost(store: ArticleStore, call, message: str) -> None:
    kept = store.add_text(article(1), filename="one.txt")
    with pytest.raises(ArticleError, match=message):
        call(store)
    assert [a.id for a in store.list()] == [kept.article_id]
    assert store.article(kept.article_id).text == article(1)


def test_file_over_the_limit_is_refused_before_it_is_read(store: ArticleStore, tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(MAX_STORED_ARTICLE_BYTES + 1)  # sparse: the size alone must refuse it
    with pytest.raises(ArticleError, match="over the"):
        store.add_bytes(read_article_bytes(big, MAX_STORED_ARTICLE_BYTES), big.name)
    assert store.list() == []


def test_bad_date_argument_is_refused(store: ArticleStore) -> None:
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        store.add_text(article(1), filename="one.txt", published="02/02/2022")
    assert store.list() == []


def test_database_path_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("TROOPMAP_DB", str(tmp_path / "x.sqlite3"))
    assert default_db_path() == tmp_path / "x.sqlite3"
    monkeypatch.delenv("TROOPMAP_DB")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert default_db_path() == tmp_path / "data" / "troopmap" / "articles.sqlite3"
    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert default_db_path() == tmp_path / "home" / ".local" / "share" / "troopmap" / "articles.sqlite3"
    opened = open_store()
    assert opened.path.is_file()


def test_schema_is_versioned_and_the_journal_is_wal(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "articles.sqlite3"
    open_store(path)
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    open_store(path)  # opening again migrates nothing and keeps the version
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_a_database_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "articles.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(StoreError, match="newer than this program"):
        open_store(path)


def test_pasted_html_fragment_is_stored_as_its_text(store: ArticleStore) -> None:
    added = store.add_text("<p>" + article(5).replace("\n\n", "</p><p>") + "</p>", filename="pasted text")
    assert store.article(added.article_id).text.startswith("Troops head east, report 5\nAbout 1,005 troops")


def test_a_seed_article_is_never_stored_again(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "000_seed.txt").write_text(article(3), encoding="utf-8")
    store = open_store(tmp_path / "articles.sqlite3", seeds=seeds)
    result = store.add_text(article(3) + "\n", filename="upload.txt")
    assert (result.added, result.duplicate_of) == (False, "000_seed")
    assert result.message == "upload.txt: already among the seed articles as 000_seed"
    assert store.list() == []
    assert store.add_text(article(4), filename="other.txt").added


def test_real_claims_read_back_equal_the_extractor_output(store: ArticleStore) -> None:
    text = (ROOT / "seeds" / "001_2c10a4d89854c289.txt").read_text(encoding="utf-8")
    added = store.add_text(text, filename="copy-of-a-seed.txt", outlet="CNN")  # no seeds folder given
    document = store.documents()
    expected = store_module.extract(store.article(added.article_id))
    assert expected, "the seed article has claims"
    assert document.claims == expected
    for claim in document.claims:
        assert text[claim.evidence.start:claim.evidence.end] == claim.evidence.text


def test_unreadable_stored_claims_are_found_again(
    store: ArticleStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_module, "extract", fake_claims)
    added = store.add_text(article(1), filename="one.txt")
    with sqlite3.connect(tmp_path / "articles.sqlite3") as conn:
        conn.execute("UPDATE extractions SET claims_json = '[{\"id\": 1}]'")
    assert [c.source_id for c in store.documents().claims] == [added.article_id]


def test_a_version_1_database_gains_story_columns_and_keeps_its_articles(tmp_path: Path) -> None:
    path = tmp_path / "articles.sqlite3"
    with sqlite3.connect(path) as conn:
        for statement in store_module._MIGRATIONS[0]:
            conn.execute(statement)
        conn.execute("INSERT INTO articles (id, content_sha256, text, filename, added_at) VALUES"
                     " ('u_000000000001', 'k1', 'About 1,200 troops went to Poland.', 'old.txt', '2024-01-01')")
        conn.execute("PRAGMA user_version = 1")
    opened = open_store(path)
    (kept,) = opened.list()
    assert (kept.id, kept.filename, kept.story_key, kept.story_name) == ("u_000000000001", "old.txt", None, None)
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 2


def test_an_article_is_moved_to_a_story_and_its_story_named(store: ArticleStore) -> None:
    added = store.add_text(article(7), filename="seven.txt")
    claims_before = store.documents().claims
    moved = store.set_story(added.article_id, key="story:seed_a", name="Spring rotation")
    assert (moved.story_key, moved.story_name) == ("story:seed_a", "Spring rotation")
    assert store.set_story(added.article_id, name=None).story_key == "story:seed_a"  # KEEP leaves the key
    assert store.documents().claims == claims_before  # a story changes the comparison, not the claims
    with pytest.raises(NotStoredError):
        store.set_story("u_ffffffffffff", key="story:x")
