"""Hostile articles in a real Chromium: their markup shows as text, never runs, and nothing leaves localhost."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dashboard.views import ARTICLES_ENV
from extraction import extract_paths
from extraction.flows import reconcile
from extraction.store import DB_ENV
from tests.browser.conftest import Session, start_server, stop_server
from tests.hostile_articles import SCRIPT, write_hostile_seeds

pytestmark = pytest.mark.browser

INJECTED = """() => ({
  scripts: [...document.querySelectorAll('script')].filter(s => s.textContent.includes('alert(1)')).length,
  imgs: [...document.querySelectorAll('img')].filter(i => i.getAttribute('src') === 'x'
        || /^https?:\\/\\/(?!127\\.0\\.0\\.1|localhost)/.test(i.src)).length,
  links: [...document.querySelectorAll('a')].filter(a => /^\\s*javascript:/i.test(a.getAttribute('href') || '')
        || /evil\\.example|example\\.com/.test(a.getAttribute('href') || '')).length,
})"""


@pytest.fixture(scope="module")
def hostile_seeds(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_hostile_seeds(tmp_path_factory.mktemp("hostile-seeds"))


@pytest.fixture(scope="module")
def hostile_server(hostile_seeds: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = tmp_path_factory.mktemp("db") / "articles.sqlite"
    proc, url = start_server({ARTICLES_ENV: str(hostile_seeds), DB_ENV: str(db)})
    try:
        yield url
    finally:
        stop_server(proc)


@pytest.fixture()
def hostile_session(browser: Any, hostile_server: str) -> Iterator[tuple[Session, list[str]]]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    s = Session(page, hostile_server)
    dialogs: list[str] = []
    page.on("request", lambda r: s.requests.append(r.url))
    page.on("websocket", lambda ws: s.websockets.append(ws))
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        yield s, dialogs
    finally:
        context.close()


def _check_page(s: Session, dialogs: list[str]) -> None:
    assert dialogs == [], f"a dialog opened: {dialogs}"
    hrefs = s.page.evaluate("() => [...document.querySelectorAll('a')].map(a => a.getAttribute('href'))")
    assert s.page.evaluate(INJECTED) == {"scripts": 0, "imgs": 0, "links": 0}, hrefs
    assert s.outside_requests() == []


def test_hostile_article_markup_is_shown_as_text_and_never_runs(
    hostile_session: tuple[Session, list[str]], hostile_seeds: Path
) -> None:
    s, dialogs = hostile_session
    s.open()
    _check_page(s, dialogs)  # the overview table is a canvas: the markup is checked as text in the quotes below

    document, _ = extract_paths([str(hostile_seeds)])
    movements = reconcile(document.claims, [src.id for src in document.sources]).movements
    assert movements, "the hostile article should still put movements on the map"
    for movement in movements[:3]:
        s.open(f"?movement={movement.id}")
        _check_page(s, dialogs)
        assert SCRIPT in s.page.locator("[data-testid='stSidebar']").inner_text() or "<img src=x" in \
            s.page.locator("[data-testid='stSidebar']").inner_text(), "the quote's markup should show as text"
