"""Adding one's own articles through the dashboard's helper, against a real database file."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.articles import add_articles, revision
from extraction.store import MAX_STORED_ARTICLE_BYTES, open_store

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = "Officials said about 600 soldiers will deploy to Latvia next week."


def test_each_article_gets_its_own_outcome_and_a_bad_one_loses_nothing(tmp_path: Path) -> None:
    store = open_store(tmp_path / "a.sqlite3", seeds=ROOT / "seeds")
    outcomes = add_articles(
        store,
        [("good.txt", ARTICLE.encode()), ("image.txt", b"\x89PNG\x00\x00\x00" * 10), ("empty.txt", b"")],
        pasted="Roughly 900 troops will be sent to Estonia, officials said.",
        outlet="Example Times",
        published="2022-02-03",
    )
    assert [o.ok for o in outcomes] == [True, False, False, True]
    assert "binary" in outcomes[1].message
    assert [a.outlet for a in store.list()] == ["Example Times", "Example Times"]
    assert len(store.documents().claims) == 2


def test_duplicate_is_recognised_not_stored_twice(tmp_path: Path) -> None:
    store = open_store(tmp_path / "a.sqlite3", seeds=ROOT / "seeds")
    first = add_articles(store, [("a.txt", ARTICLE.encode())], "")
    second = add_articles(store, [("b.txt", ARTICLE.encode())], "")
    assert first[0].ok and second[0].ok and "already added as" in second[0].message
    assert len(store.list()) == 1


def test_seed_text_is_not_copied_into_the_store(tmp_path: Path) -> None:
    store = open_store(tmp_path / "a.sqlite3", seeds=ROOT / "seeds")
    seed = next((ROOT / "seeds").glob("*.txt"))
    outcome = add_articles(store, [(seed.name, seed.read_bytes())], "")[0]
    assert "seed" in outcome.message
    assert store.list() == []


def test_oversized_upload_is_refused_with_the_limit(tmp_path: Path) -> None:
    store = open_store(tmp_path / "a.sqlite3", seeds=ROOT / "seeds")
    at_limit = (ARTICLE + " ").encode() * (MAX_STORED_ARTICLE_BYTES // (len(ARTICLE) + 1))
    over = b"x" * (MAX_STORED_ARTICLE_BYTES + 1)
    ok, refused = add_articles(store, [("big.txt", at_limit[:MAX_STORED_ARTICLE_BYTES]), ("huge.txt", over)], "")
    assert ok.ok, ok.message
    assert not refused.ok and "huge.txt" in refused.message


def test_revision_changes_with_every_edit(tmp_path: Path) -> None:
    store = open_store(tmp_path / "a.sqlite3", seeds=ROOT / "seeds")
    empty = revision(store)
    article_id = store.add_text(ARTICLE, filename="a.txt").article_id
    added = revision(store)
    store.rename(article_id, outlet="Renamed Daily")
    renamed = revision(store)
    store.remove(article_id)
    assert len({empty, added, renamed}) == 3 and revision(store) == empty


GERMAN = ("Die Bundeswehr verlegt im kommenden Jahr eine Brigade mit rund 4800 Soldaten nach Litauen, "
          "wie das Verteidigungsministerium am Mittwoch in Berlin mitteilte.")
FRENCH = ("Le ministère des Armées a annoncé mercredi l'envoi de trois cents soldats supplémentaires en "
          "Roumanie afin de renforcer le flanc oriental de l'alliance.")
NO_MOVEMENT = ("The city council met on Tuesday to discuss the new bridge over the river, and the mayor "
               "promised that the work would be finished before the winter.")


@pytest.mark.parametrize(
    ("name", "text", "ok", "expected"),
    [
        pytest.param("bundeswehr.txt", GERMAN, False, "reads as German; only English is read", id="german"),
        pytest.param("armees.txt", FRENCH, False, "reads as French; only English is read", id="french"),
        pytest.param("council.txt", NO_MOVEMENT, True, "no claims: it names no troops", id="english-no-claims"),
        pytest.param("latvia.txt", ARTICLE, True, "(1 claim)", id="english-one-claim"),
    ],
)
def test_adding_an_article_says_what_became_of_it(tmp_path: Path, name: str, text: str, ok: bool,
                                                  expected: str) -> None:
    store = open_store(tmp_path / "a.sqlite3", seeds=ROOT / "seeds")
    (outcome,) = add_articles(store, [(name, text.encode())], "")
    assert outcome.ok is ok and expected in outcome.message
    assert outcome.message.startswith(f"{name}: ") and outcome.message.count(f"{name}:") == 1
    assert len(store.list()) == (1 if ok else 0)


def test_pasted_text_is_named_once_in_its_message(tmp_path: Path) -> None:
    store = open_store(tmp_path / "a.sqlite3", seeds=ROOT / "seeds")
    (outcome,) = add_articles(store, [], ARTICLE)
    assert outcome.ok and outcome.message.count("pasted text") == 1


def test_an_unexpected_error_names_the_article_and_keeps_the_others(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    store = open_store(tmp_path / "a.sqlite3", seeds=ROOT / "seeds")
    real = store.add_bytes

    def flaky(raw: bytes, filename: str, **kwargs: object) -> object:
        if filename == "cursed.txt":
            raise RuntimeError("something nobody planned for")
        return real(raw, filename, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(store, "add_bytes", flaky)
    outcomes = add_articles(store, [("cursed.txt", b"x"), ("latvia.txt", ARTICLE.encode())], "")
    assert [o.ok for o in outcomes] == [False, True]
    assert outcomes[0].message.startswith("cursed.txt: could not be added because of an unexpected error")
    assert "Traceback" not in outcomes[0].message and len(store.list()) == 1
