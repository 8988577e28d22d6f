"""The load benchmark's websocket client against a real ``streamlit run app.py`` (small: 2 sessions x 2 switches)."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

import pytest

from extraction import extract_paths
from tests.benchmarks.bench_load import _check, drive
from tests.browser.conftest import start_server, stop_server
from tests.streamclient import Run, StreamSession

SOURCES = [s.id for s in extract_paths(["seeds"])[0].sources]
T = TypeVar("T")


def run_async(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run ``coroutine`` on an event loop of its own thread: the browser tests' Playwright keeps this one busy."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


@pytest.fixture(scope="module")
def url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    proc, address = start_server(env_extra={"TROOPMAP_DB": str(tmp_path_factory.mktemp("db") / "a.sqlite3")})
    try:
        yield address
    finally:
        stop_server(proc)


def test_concurrent_sessions_switch_sources_without_errors(url: str) -> None:
    first, reruns, errors = run_async(drive(url, SOURCES, sessions=2, switches=2))
    assert errors == []
    assert len(first) == 2 and len(reruns) == 4


def test_a_switch_redraws_the_map_with_that_source_s_numbers(url: str) -> None:
    async def switch() -> tuple[Run, Run]:
        async with StreamSession(url) as session:
            opened = await session.run(f"view=one&sources={SOURCES[0]}")
            switched = await session.run(f"view=one&sources={SOURCES[0]}", session.source_labels[4])
            return opened, switched

    opened, switched = run_async(switch())
    assert f"sources={SOURCES[4]}" in (switched.query_string or "")
    figures = {json.dumps(json.loads(run.deck_json)["layers"]) for run in (opened, switched)}
    assert len(figures) == 2, "the map changed with the source"
    assert "1,700" in opened.deck_json and "2,000" in switched.deck_json  # CNN in Spanish, then Business Insider


def test_the_check_catches_a_switch_that_did_not_happen() -> None:
    errors: list[str] = []
    stale = Run(0.1, "FINISHED_SUCCESSFULLY", deck_json="{}", query_string=f"view=one&sources={SOURCES[0]}")
    assert not _check(stale, SOURCES[1], "here", errors)
    assert errors and "URL not switched" in errors[0]
    assert not _check(Run(0.1, "FINISHED_WITH_COMPILE_ERROR", deck_json="{}"), None, "here", errors)
