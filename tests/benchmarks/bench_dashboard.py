"""Dashboard benchmark: server-side rerun time for a source switch, deck payload, page load to canvas.

Prints one line per figure, each with its target:

- ``seeds rerun (source switch)``: median AppTest rerun after picking another source (target ≤ 100 ms);
- ``seeds deck JSON``: size of the deck spec sent to the browser, all-sources view (≤ 500 KB);
- ``seeds page load to canvas``: headless Chromium, navigation to a painted map canvas (≤ 4 s);
- ``synthetic rerun`` and ``synthetic deck JSON``: the same with 1,000 generated articles (≤ 300 ms, ≤ 2 MB).
"""

from __future__ import annotations

import json
import os
import random
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from streamlit.testing.v1 import AppTest

from extraction.model import Claim, Document, Evidence, Source
from geo import resolve

APP = str(Path(__file__).resolve().parents[2] / "app.py")
PLACES = ["Poland", "Germany", "Romania", "Lithuania", "Latvia", "Estonia", "Hungary", "Slovakia", "Bulgaria",
          "Norway", "Italy", "Spain", "France", "United Kingdom", "Ukraine", "Belarus", "Fort Bragg, N.C.",
          "Fort Stewart", "Vilseck", "Grafenwoehr", "Ramstein Air Base", "Fort Hood", "Fort Campbell", "Rzeszów"]
KINDS = ["deploy", "deploy", "deploy", "relocate", "alert", "buildup"]


def synthetic_document(n_articles: int, seed: int = 7) -> Document:
    """``n_articles`` sources with 4–10 claims each, over a fixed pool of real places (reproducible)."""
    rng = random.Random(seed)
    places = [resolve(name) for name in PLACES]
    sources, claims = [], []
    for a in range(n_articles):
        sid = f"{a:05d}_synthetic"
        sources.append(Source(sid, f"synthetic/{sid}.txt", f"Headline {a}", f"Outlet {a % 40}", "2022-02-02"))
        for c in range(rng.randint(4, 10)):
            kind = rng.choice(KINDS)
            count = rng.choice([300, 500, 1000, 1700, 2000, 3000, 8500, None])
            dests = tuple(rng.sample(places, rng.choice([1, 1, 1, 2]))) if kind != "alert" else ()
            origin = rng.choice([None, *places[:6], places[16], places[18]]) if kind != "buildup" else None
            text = f"{count or 'Some'} troops moving, claim {c} of article {a}."
            claims.append(Claim(f"{sid}:{c}", sid, kind, rng.random() < 0.05, count,  # type: ignore[arg-type]
                                None if count is None else f"{count:,}", rng.choice(["US", "US", "RU", "NATO"]),
                                None, origin, dests, rng.choice([None, "Pentagon", "John Kirby"]),
                                Evidence(0, len(text), text)))
    return Document(tuple(sources), tuple(claims))


def _deck_bytes(at: AppTest) -> int:
    return len(at.get("deck_gl_json_chart")[0].proto.json.encode("utf-8"))


def _switch_times(source_ids: list[str], rounds: int) -> tuple[float, int]:
    """Median ms of a rerun after switching the source, and the all-sources deck size in bytes."""
    at = AppTest.from_file(APP, default_timeout=600)
    at.run()
    size = _deck_bytes(at)
    at.query_params["view"] = "one"
    at.query_params["sources"] = source_ids[0]
    at = AppTest.from_file(APP, default_timeout=600)
    at.query_params.update({"view": "one", "sources": source_ids[0]})
    at.run()
    for sid in source_ids[:rounds]:  # warm: first visit of each source fills its cache entry
        at.sidebar.selectbox(key="source_one").set_value(sid).run()
    times = []
    for i in range(rounds * 2):
        sid = source_ids[i % rounds]
        start = time.perf_counter()
        at.sidebar.selectbox(key="source_one").set_value(sid).run()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), size


BASELINE_APP = """
import pydeck as pdk
import streamlit as st
st.pydeck_chart(pdk.Deck(layers=[pdk.Layer("ScatterplotLayer", [{"p": [0, 0]}], get_position="p")],
                         map_provider=None))
"""


def _page_load_seconds(app: str | None = None) -> float:
    from playwright.sync_api import sync_playwright

    from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, start_server

    proc, url = start_server(app=app)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            warm = browser.new_page()
            warm.goto(url)
            warm.wait_for_selector("[data-testid='stDeckGlJsonChart'] canvas", timeout=120_000)
            warm.close()
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            start = time.perf_counter()
            page.goto(url)
            page.wait_for_selector("[data-testid='stDeckGlJsonChart'] canvas", timeout=60_000)
            page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')")
            elapsed = time.perf_counter() - start
            browser.close()
            return elapsed
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _report(name: str, value: float, unit: str, target: float) -> None:
    verdict = "ok" if value <= target else "OVER"
    print(f"{name}: {value:,.1f} {unit} (target ≤ {target:,.0f} {unit}) {verdict}", flush=True)


def main() -> dict[str, Any]:
    """Run every measurement and print one line each; returns the figures."""
    from extraction import extract_paths

    seeds = [s.id for s in extract_paths(["seeds"])[0].sources]
    rerun_ms, size = _switch_times(seeds, len(seeds))
    _report("seeds rerun (source switch, median)", rerun_ms, "ms", 100)
    _report("seeds deck JSON (all sources)", size / 1024, "KB", 500)
    try:
        load_s = _page_load_seconds()
        _report("seeds page load to canvas (headless chromium)", load_s, "s", 4)
        with tempfile.TemporaryDirectory() as tmp:
            baseline = Path(tmp) / "baseline_app.py"
            baseline.write_text(BASELINE_APP, encoding="utf-8")
            print(f"  baseline, a one-dot pydeck chart on this machine: {_page_load_seconds(str(baseline)):.1f} s",
                  flush=True)
    except Exception as exc:  # a missing chromium must not hide the other figures
        load_s = float("nan")
        print(f"seeds page load to canvas: not measured ({exc})", flush=True)

    with tempfile.TemporaryDirectory() as tmp:
        doc = synthetic_document(1000)
        path = Path(tmp) / "synthetic.json"
        path.write_text(json.dumps(doc.to_dict()), encoding="utf-8")
        os.environ["TROOPS_DOCUMENT"] = str(path)
        try:
            ids = [s.id for s in doc.sources]
            syn_ms, syn_size = _switch_times(ids, 8)
        finally:
            del os.environ["TROOPS_DOCUMENT"]
    print(f"synthetic corpus: {len(doc.sources):,} articles, {len(doc.claims):,} claims", flush=True)
    _report("synthetic rerun (source switch, median)", syn_ms, "ms", 300)
    _report("synthetic deck JSON (all sources)", syn_size / 1024, "KB", 2048)
    return {"seeds_rerun_ms": rerun_ms, "seeds_deck_kb": size / 1024, "page_load_s": load_s,
            "synthetic_rerun_ms": syn_ms, "synthetic_deck_kb": syn_size / 1024}


if __name__ == "__main__":
    main()
