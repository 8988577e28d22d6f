"""Stories in a real Chromium: three articles about other events are pasted in beside the seeds.

The map then shows one story at a time, the timeline all four, the seeds' story keeps its consensus and
flags the 8,500 dispute, and a copied link reopens the same story and range.
"""

from __future__ import annotations

import os
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.articles import user_store
from dashboard.comparison import comparison_rows
from extraction import extract_paths
from extraction.flows import reconcile
from extraction.store import DB_ENV, open_store
from tests.browser.conftest import ARTIFACTS, ROOT, Session, start_server, stop_server
from tests.story_articles import ARTICLES
from tests.test_app_stories import tooltips

pytestmark = pytest.mark.browser

SEEDS_STORY = "story:000_d006306aaf21b2e6"
SIDEBAR = "[data-testid='stSidebar']"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("stories-db") / "articles.sqlite3"


@pytest.fixture(scope="module")
def server(db: Path) -> Iterator[str]:
    """This module's own server (overrides conftest's), on a store that starts empty."""
    proc, url = start_server({DB_ENV: str(db)})
    try:
        yield url
    finally:
        stop_server(proc)


def _query(s: Session) -> dict[str, str]:
    return {k: v[0] for k, v in urllib.parse.parse_qs(urllib.parse.urlparse(s.page.url).query).items()}


def _story_shown(s: Session) -> str:
    box = s.page.locator(f"{SIDEBAR} [data-testid='stSelectbox']").first  # the story picker comes first
    return str(box.evaluate("e => [...e.querySelectorAll('input, [value]')]"
                            ".map(i => i.value || i.getAttribute('value')).join(' ') + e.innerText"))


def _paste(s: Session, text: str, outlet: str, published: str) -> None:
    sidebar = s.page.locator(SIDEBAR)
    if not sidebar.get_by_label("…or paste an article").is_visible():
        sidebar.get_by_text("Your articles", exact=True).click()
    sidebar.get_by_label("…or paste an article").fill(text)
    sidebar.get_by_label("Outlet (optional)").fill(outlet)
    sidebar.get_by_label("Date, YYYY-MM-DD (optional)").fill(published)
    sidebar.get_by_role("button", name="Add").click()
    s.page.wait_for_timeout(500)
    s.wait_ready()


def _app(query: dict[str, str], db: Path) -> AppTest:
    """The same app, server side, on the view a link opens (for what the browser draws on a canvas)."""
    before = os.environ[DB_ENV]
    os.environ[DB_ENV] = str(db)
    user_store.clear()
    try:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        at.query_params.update(query)
        at.run()
        return at
    finally:
        os.environ[DB_ENV] = before
        user_store.clear()


def test_three_articles_about_other_events_make_four_stories(session: Session, db: Path) -> None:
    s = session
    s.open()
    for article in ARTICLES:
        _paste(s, article.text, article.outlet, article.published)
        assert f"{article.name.split('.')[0]}" not in _story_shown(s)  # a story name, not a file name
        sidebar_text = s.page.locator(SIDEBAR).inner_text()
        assert "pasted text: added as" in sidebar_text and "pasted text: pasted text" not in sidebar_text
    s.page.screenshot(path=str(ARTIFACTS / "stories_added.png"), full_page=True)
    assert "Timeline: 4 stories, 8 sources" in s.page.inner_text("body")
    assert s.outside_requests() == []

    # The map shows one story at a time: each story's view draws only its own places.
    ids = [a.id for a in open_store(db).list()]  # in the order added: Lithuania, Korea, Estonia
    assert len(ids) == 3
    korea = tooltips(_app({"story": f"story:{ids[1]}"}, db))
    seeds_view = tooltips(_app({"story": SEEDS_STORY}, db))
    assert "Vladivostok" in korea and "Fort Bragg" not in korea and "Lithuania" not in korea
    assert "Fort Bragg" in seeds_view and "Vladivostok" not in seeds_view and "Lithuania" not in seeds_view


def test_the_seeds_story_is_unchanged_and_a_link_reopens_story_and_range(session: Session, db: Path) -> None:
    store = open_store(db)
    for article in ARTICLES:  # already there when the test above ran (then recognised as duplicates)
        store.add_text(article.text, filename="pasted text", outlet=article.outlet, published=article.published)
    s = session
    s.open(f"?story={SEEDS_STORY}&to=2023-06-30")  # the seeds (2022) and Estonia (2023), not the 2024 stories
    s.page.screenshot(path=str(ARTIFACTS / "stories_seeds.png"), full_page=True)
    query = _query(s)
    assert (query["story"], query["to"]) == (SEEDS_STORY, "2023-06-30")
    shown = _story_shown(s)
    assert "Feb 2022" in shown

    link = s.page.url
    s.page.goto("about:blank")
    s.page.goto(link)
    s.wait_ready()
    assert _query(s) == query and _story_shown(s) == shown

    # The seeds' consensus is what the seeds alone give, and the 8,500 dispute is flagged.
    seeds, _ = extract_paths([str(ROOT / "seeds")])
    alone = comparison_rows(reconcile(seeds.claims, [x.id for x in seeds.sources]), seeds.sources)
    at = _app({k: query[k] for k in ("story", "to")}, db)
    assert len(at.sidebar.selectbox(key="story").options) == 2
    table = next(df.value for df in at.dataframe if "check" in df.value.columns)
    assert list(table["consensus"]) == [r["consensus"] for r in alone]
    assert list(table[table["consensus"] == "8,500"]["flag"]).count("differ: alert / sent") == 1
