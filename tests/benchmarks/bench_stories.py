"""Stories benchmark: many articles about many events, and one very long article.

Prints one line per figure, each with its target:

- the dashboard on the 38 development articles (read from ``../shared/dev/corpus`` when it is there, else 40
  synthetic articles about events spread over six years) plus the seeds: the first run of a fresh session,
  the median rerun after switching story (≤ 150 ms) and after changing the publication range, and the
  largest deck JSON of any one story's view (≤ 500 KB);
- a 1 MB article of the project's own making (the same few sentences with varied numbers, about 6,000
  claims): the rerun that selects its biggest movement and what that rerun sends (≤ 2 MB), counted as the
  serialised size of every element the run produced; then, in headless Chromium, the time from choosing that
  movement until its quotes show and the map's frame is painted (≤ 1 s).
"""

from __future__ import annotations

import json
import os
import statistics
import tempfile
import time
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from streamlit.testing.v1 import AppTest

from extraction import Document, extract_paths
from extraction.flows import reconcile
from extraction.store import DB_ENV, open_store
from tests.benchmarks.bench_dashboard import synthetic_document
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, MAP_CANVAS, SCRIPT_IDLE, start_server, stop_server

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
DEV_CORPUS = ROOT.parent / "shared" / "dev" / "corpus"
FORCES = ["US", "RU", "DE", "GB", "FR", "NATO", "CA", "IT"]


def dated_synthetic(n_articles: int) -> Document:
    """Synthetic articles about different events: each its own date (45 days apart) and force."""
    doc = synthetic_document(n_articles, seed=11)
    start = date(2019, 1, 7)
    dates = {s.id: (start + timedelta(days=45 * i)).isoformat() for i, s in enumerate(doc.sources)}
    forces = {s.id: FORCES[i % len(FORCES)] for i, s in enumerate(doc.sources)}
    return Document(
        tuple(replace(s, published=dates[s.id]) for s in doc.sources),
        tuple(replace(c, force=forces[c.source_id], published=dates[c.source_id]) for c in doc.claims),
    )


def corpus() -> tuple[Document, str]:
    """The development articles (or the synthetic stand-in) plus the seeds, and what they are."""
    seeds, _ = extract_paths([str(ROOT / "seeds")])
    if DEV_CORPUS.is_dir():
        dev, _ = extract_paths([str(DEV_CORPUS)])
        label = f"{len(dev.sources)} development articles from {DEV_CORPUS}"
    else:
        dev = dated_synthetic(40)
        label = f"40 synthetic articles ({DEV_CORPUS} not found)"
    return Document(dev.sources + seeds.sources, dev.claims + seeds.claims), label


def _deck_bytes(at: AppTest) -> int:
    return len(at.get("deck_gl_json_chart")[0].proto.json.encode("utf-8"))


def _sent_bytes(at: AppTest) -> int:
    """The serialised size of every element of the last run: what the rerun sends to the browser."""
    total = 0
    stack: list[Any] = [at._tree]
    while stack:
        node = stack.pop()
        proto = getattr(node, "proto", None)
        if proto is not None and hasattr(proto, "ByteSize"):
            total += proto.ByteSize()
        children = getattr(node, "children", None)
        if isinstance(children, dict):
            stack.extend(children.values())
    return total


def _timed(action: Any) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def stories_figures() -> dict[str, float]:
    """First run, story-switch and range-change reruns, largest deck per story view."""
    doc, label = corpus()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "corpus.json"
        path.write_text(json.dumps(doc.to_dict()), encoding="utf-8")
        os.environ["TROOPS_DOCUMENT"] = str(path)
        try:
            at = AppTest.from_file(APP, default_timeout=600)
            first_ms = _timed(at.run)
            n_stories = len(at.sidebar.selectbox(key="story").options)
            decks = []
            for i in range(n_stories):  # warm: every story's first visit fills its cache entry
                at.sidebar.selectbox(key="story").select_index(i).run()
                decks.append(_deck_bytes(at))
            switches = [_timed(at.sidebar.selectbox(key="story").select_index(i % n_stories).run)
                        for i in range(2 * min(n_stories, 10))]
            days = sorted(date.fromisoformat(s.published) for s in doc.sources if s.published)
            low, high = days[0], days[-1]
            middle = low + (high - low) / 2
            ranges = [(low, high), (middle, high), (low, middle)]
            range_times = [_timed(at.sidebar.slider(key="published_range").set_range(*r).run) for r in ranges * 2]
        finally:
            del os.environ["TROOPS_DOCUMENT"]
    print(f"corpus: {label} plus the 5 seeds; {len(doc.claims):,} claims in {n_stories} stories", flush=True)
    figures = {"first_run_ms": first_ms, "story_switch_ms": statistics.median(switches),
               "range_change_ms": statistics.median(range_times), "largest_story_deck_kb": max(decks) / 1024}
    print(f"dashboard first run (fresh session): {first_ms:,.0f} ms", flush=True)
    _report("rerun on a story switch (median)", figures["story_switch_ms"], "ms", 150)
    print(f"rerun on a range change (median): {figures['range_change_ms']:,.0f} ms", flush=True)
    _report("deck JSON, largest story view", figures["largest_story_deck_kb"], "KB", 500)
    return figures


LONG_SENTENCES = (
    "About {n:,} soldiers from Fort Bragg were sent to Poland, a defence official said.",
    "The weather at the border stayed cold and grey for the {k}th day running.",
    "Officials said {m:,} troops were placed on alert in case they are needed in Romania.",
    "Local markets reported brisk trade in winter clothing, item {k} in a long list.",
)


def long_article(size: int = 1_000_000) -> str:
    """A made-up article of about ``size`` characters: a few movement sentences repeated, numbers varied."""
    parts: list[str] = ["Troops on the move: a very long report\n\n"]
    length, k = len(parts[0]), 0
    while length < size:
        k += 1
        sentence = LONG_SENTENCES[k % len(LONG_SENTENCES)].format(n=1700 if k % 8 else 300, m=8500, k=k)
        parts.append(sentence + ("\n\n" if k % 5 == 0 else " "))
        length += len(parts[-1])
    return "".join(parts)


def long_article_figures() -> dict[str, float]:
    """Select the biggest movement of a 1 MB article: rerun time and bytes the rerun sends."""
    text = long_article()
    store = open_store(seeds=ROOT / "seeds")  # main() points it at a throw-away file
    start = time.perf_counter()
    added = store.add_text(text, filename="long.txt", outlet="Long Test Post", published="2024-01-15")
    add_s = time.perf_counter() - start
    at = AppTest.from_file(APP, default_timeout=600)
    at.query_params["story"] = f"story:{added.article_id}"
    at.run()
    movements = reconcile(store.documents().claims, [added.article_id]).movements
    biggest = max(movements, key=lambda m: len(m.claims))
    picker = at.sidebar.selectbox(key="movement_pick")
    options = list(picker.options)
    if biggest.label not in options:
        raise RuntimeError(f"{biggest.label!r} is not among {options}")
    select_ms = _timed(picker.select_index(options.index(biggest.label)).run)
    quotes = sum(m.value.count("class='quote'") for m in at.sidebar.markdown)
    sent = _sent_bytes(at)
    rerun_ms = _timed(at.run)
    rerun_sent = _sent_bytes(at)
    try:
        browser_s = statistics.median(browser_selects(added.article_id, biggest.label, 3))
    except Exception as exc:  # a missing chromium must not hide the other figures
        browser_s = float("nan")
        print(f"1 MB article in a browser: not measured ({exc})", flush=True)
    print(f"1 MB article: {len(text):,} characters, {added.claim_count:,} claims, added in {add_s:.1f} s; "
          f"the selected movement has {quotes:,} quotes", flush=True)
    _report("1 MB article: selecting a movement", select_ms, "ms", 1000)
    _report("1 MB article: what that rerun sends", sent / 1024, "KB", 2048)
    print(f"  a plain rerun afterwards: {rerun_ms:,.0f} ms, {rerun_sent / 1024:,.0f} KB", flush=True)
    _report("1 MB article: choosing its biggest movement until its quotes show (headless chromium, median of 3)",
            browser_s, "s", 1)
    return {"long_select_ms": select_ms, "long_sent_kb": sent / 1024, "long_browser_select_s": browser_s}


def browser_selects(article_id: str, label: str, runs: int) -> list[float]:
    """Seconds from choosing the biggest movement in the sidebar list until its quotes are on screen."""
    from playwright.sync_api import sync_playwright

    proc, url = start_server()  # the same store: DB_ENV is set by main()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            times = []
            for _ in range(runs):
                page = browser.new_page(viewport={"width": 1400, "height": 1000})
                page.goto(f"{url}/?story=story:{article_id}")
                page.wait_for_selector(MAP_CANVAS, timeout=120_000)
                page.wait_for_function(SCRIPT_IDLE, timeout=120_000)
                page.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']").nth(1).click()
                option = page.get_by_role("option", name=label).first
                option.wait_for(timeout=30_000)
                start = time.perf_counter()
                option.click()
                page.wait_for_selector("[data-testid='stSidebar'] .quote", timeout=120_000)
                page.wait_for_function(SCRIPT_IDLE, timeout=120_000)
                page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
                times.append(time.perf_counter() - start)
                page.close()
            browser.close()
            return times
    finally:
        stop_server(proc)


def _report(name: str, value: float, unit: str, target: float) -> None:
    verdict = "ok" if value <= target else "OVER"
    print(f"{name}: {value:,.1f} {unit} (target ≤ {target:,.0f} {unit}) {verdict}", flush=True)


def main() -> dict[str, float]:
    """Run both measurements, on a throw-away article store, and print one line per figure."""
    from dashboard.articles import user_store

    with tempfile.TemporaryDirectory() as tmp:
        os.environ[DB_ENV] = str(Path(tmp) / "articles.sqlite3")  # never the user's own store
        user_store.clear()
        return {**stories_figures(), **long_article_figures()}


if __name__ == "__main__":
    main()
