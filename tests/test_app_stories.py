"""Stories in the app (AppTest, a real store with three articles about other events beside the seeds)."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.articles import user_store
from dashboard.comparison import comparison_rows
from dashboard.deck import PICKABLE
from dashboard.views import MAX_QUOTES_SHOWN
from extraction import extract_paths
from extraction.flows import reconcile
from extraction.store import DB_ENV, ArticleStore, open_store
from tests.story_articles import ARTICLES
from tests.test_app import run

ROOT = Path(__file__).resolve().parents[1]
SEEDS_STORY = "story:000_d006306aaf21b2e6"


@contextmanager
def app_store(path: Path) -> Iterator[ArticleStore]:
    """The app's article store pointed at ``path`` for the duration."""
    opened = open_store(path, seeds=ROOT / "seeds")
    before = os.environ[DB_ENV]
    os.environ[DB_ENV] = str(path)
    user_store.clear()
    try:
        yield opened
    finally:
        os.environ[DB_ENV] = before
        user_store.clear()


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ArticleStore]:
    with app_store(tmp_path_factory.mktemp("stories") / "articles.sqlite3") as opened:
        for article in ARTICLES:
            opened.add_text(article.text, filename=article.name, outlet=article.outlet,
                            published=article.published, url=f"https://example.org/{article.name}?a=1&b=2")
        yield opened


def param(at: AppTest, name: str) -> str | None:
    value = at.query_params.get(name)
    return value[0] if isinstance(value, list) else value


def tooltips(at: AppTest) -> str:
    (chart,) = at.get("deck_gl_json_chart")
    spec = json.loads(chart.proto.json)
    return " ".join(str(obj.get("tooltip", "")) for layer in spec["layers"] if layer["id"] in PICKABLE
                    for obj in layer["data"])


def table(at: AppTest) -> Any:
    frames = [df.value for df in at.dataframe]
    return next(f.data if hasattr(f, "data") else f for f in frames
                if "check" in (f.data if hasattr(f, "data") else f).columns)


def story_id(store: ArticleStore, name: str) -> str:
    return next(a.id for a in store.list() if a.filename == name)


def test_the_default_view_is_the_latest_story_alone(store: ArticleStore) -> None:
    at = run()
    latest = story_id(store, "korea_russia.txt")
    assert param(at, "story") == f"story:{latest}"
    assert at.sidebar.selectbox(key="story").value == f"story:{latest}"
    assert "Vladivostok" in tooltips(at) and "Fort Bragg" not in tooltips(at)


def test_the_timeline_shows_every_story(store: ArticleStore) -> None:
    at = run()
    (chart,) = at.get("vega_lite_chart")
    text = str(chart.proto)  # the spec and its Arrow data, where each story's name is written
    options = at.sidebar.selectbox(key="story").options
    assert len(options) == 4
    for name in ("Lithuania", "Estonia", "Russia", "Poland"):
        assert name in text, name


def test_the_seeds_story_keeps_its_consensus_and_flags_the_8500_dispute(store: ArticleStore) -> None:
    at = run(story=SEEDS_STORY)
    shown = table(at)
    seeds, _ = extract_paths([str(ROOT / "seeds")])
    alone = comparison_rows(reconcile(seeds.claims, [s.id for s in seeds.sources]), seeds.sources)
    assert list(shown["movement"]) == [r["movement"] for r in alone]
    assert list(shown["consensus"]) == [r["consensus"] for r in alone]
    # The alert the others report and the one source that says "sent" are one movement, flagged; a source may
    # also say where those troops went ("deployed throughout Europe"), a movement of its own.
    alert = shown[shown["consensus"] == "8,500"]
    assert list(alert["flag"]).count("differ: alert / sent") == 1, list(alert["flag"])
    assert "Lithuania" not in tooltips(at) and "Vladivostok" not in tooltips(at)


def test_a_range_keeps_only_its_stories_and_the_link_reopens_story_and_range(store: ArticleStore) -> None:
    at = run(**{"from": "2023-01-01", "to": "2023-12-31"})
    assert [o.split(" · ")[0] for o in at.sidebar.selectbox(key="story").options] == ["United Kingdom → Estonia"]
    assert param(at, "story") == f"story:{story_id(store, 'estonia_rotation.txt')}"
    assert (param(at, "from"), param(at, "to")) == ("2023-01-01", "2023-12-31")
    again = run(**{k: v for k in ("story", "from", "to", "view") if (v := param(at, k))})
    # the Estonia story's map: its troops went on to the battlegroup at Tapa, a base in Estonia
    assert tooltips(again) == tooltips(at) and "United Kingdom → Tapa Army Base" in tooltips(again)


def test_switching_story_redraws_and_updates_the_link(store: ArticleStore) -> None:
    at = run()
    at.sidebar.selectbox(key="story").set_value(SEEDS_STORY).run()
    assert not at.exception
    assert param(at, "story") == SEEDS_STORY and "Fort Bragg" in tooltips(at)
    at.sidebar.radio(key="view").set_value("one").run()
    options = at.sidebar.selectbox(key="source_one").options  # labels: outlet, date, headline
    assert len(options) == len(list((ROOT / "seeds").glob("*.txt"))) and all("2022-02-02" in o for o in options)


def test_a_sources_article_is_sent_once_and_only_when_opened_with_its_link(store: ArticleStore) -> None:
    lithuania = story_id(store, "brigade_lithuania.txt")
    at = run(story=f"story:{lithuania}")
    picker = at.sidebar.selectbox(key="movement_pick")
    at = picker.select_index(1).run()
    sidebar = [m.value for m in at.sidebar.markdown]
    unquoted = "argued over the cost"  # in the article, in no quote
    assert not any(unquoted in m for m in sidebar)
    (link,) = [m for m in sidebar if m.startswith("<a href=")]
    assert 'href="https://example.org/brigade_lithuania.txt?a=1&amp;b=2"' in link
    assert 'rel="noopener noreferrer"' in link
    at = at.sidebar.toggle(key=f"read_{lithuania}").set_value(True).run()
    assert sum(unquoted in m.value for m in at.sidebar.markdown) == 1
    assert not at.exception


def test_an_article_is_moved_to_another_story_and_that_story_named(store: ArticleStore) -> None:
    estonia, korea = story_id(store, "estonia_rotation.txt"), story_id(store, "korea_russia.txt")
    try:
        at = run(story=f"story:{korea}")
        at.sidebar.selectbox(key=f"move_{estonia}").set_value(f"story:{korea}")
        at.sidebar.button(key=f"move_button_{estonia}").click().run()
        assert not at.exception
        assert store.get(estonia).story_key == f"story:{korea}"
        assert len(at.sidebar.selectbox(key="story").options) == 3
        at.sidebar.text_input(key=f"story_name_story:{korea}").input("Autumn and spring moves")
        at.sidebar.button(key="save_story_name").click().run()
        assert {store.get(i).story_name for i in (estonia, korea)} == {"Autumn and spring moves"}
        assert any(o.startswith("Autumn and spring moves") for o in at.sidebar.selectbox(key="story").options)
    finally:
        for article_id in (estonia, korea):
            store.set_story(article_id, key=None, name=None)


def test_a_movement_told_many_times_lists_some_quotes_and_counts_the_rest(tmp_path: Path) -> None:
    sentence = "About 1,200 soldiers were sent to Latvia, an official said. The day {i} was quiet otherwise. "
    text = "Many mentions of one move\n\n" + "".join(sentence.format(i=i) for i in range(MAX_QUOTES_SHOWN + 7))
    with app_store(tmp_path / "articles.sqlite3") as opened:
        added = opened.add_text(text, filename="repeats.txt", published="2024-02-01")
        at = run(story=f"story:{added.article_id}")
        picker = at.sidebar.selectbox(key="movement_pick")
        at = picker.select_index(1).run()
        quotes = sum(m.value.count("class='quote'") for m in at.sidebar.markdown)
        assert quotes == MAX_QUOTES_SHOWN
        assert any("and 7 more quotes" in c.value for c in at.sidebar.caption)
