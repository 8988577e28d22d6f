"""Dashboard benchmark: server-side rerun time for a source switch, deck payload, page load to a painted map.

Prints one line per figure, each with its target:

- ``seeds rerun (source switch)``: median AppTest rerun after picking another source (target ≤ 100 ms);
- ``seeds deck JSON``: size of the deck spec sent to the browser, all-sources view (≤ 500 KB);
- ``seeds page load to painted map``: headless Chromium, navigation until the frame holding the map has been
  drawn (median of three pages on a warm server and browser; ≤ 4 s), with when deck.gl first drew, the cold
  first page, and a one-dot pydeck app as this machine's floor;
- ``synthetic rerun`` and ``synthetic deck JSON``: the same with 1,000 generated articles (≤ 300 ms, ≤ 2 MB).
"""

from __future__ import annotations

import json
import os
import random
import statistics
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from streamlit.testing.v1 import AppTest

from extraction.model import Claim, Document, Evidence, Source
from geo import resolve
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, MAP_CANVAS, SCRIPT_IDLE, start_server

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


# Counts WebGL draw calls per animation frame, so the benchmark knows when deck.gl first drew.
_COUNT_DRAWS = """
window.__draws = {pending: 0, first: null};
for (const C of [WebGLRenderingContext, WebGL2RenderingContext]) {
  for (const f of ['drawArrays', 'drawElements', 'drawArraysInstanced', 'drawElementsInstanced']) {
    const original = C.prototype[f];
    if (original) C.prototype[f] = function (...args) { window.__draws.pending++; return original.apply(this, args); };
  }
}
(function tick() {
  if (window.__draws.pending && window.__draws.first === null) window.__draws.first = performance.now();
  requestAnimationFrame(tick);
})();
"""
# Two animation frames after the script finished: the renderer cannot start them until the frame holding the
# map has been drawn (in software WebGL that waits on the GPU process), so the map is on screen by then.
_PAINTED = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"


@dataclass
class PageLoad:
    """Seconds from navigation to a painted map: the first page in a fresh browser, then warm pages."""

    cold: float
    warm: list[float]
    first_draw: list[float]  # when deck.gl issued its first draw call, same pages as ``warm``

    @property
    def median(self) -> float:
        return statistics.median(self.warm)


def _load_once(browser: Any, url: str) -> tuple[float, float]:
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.add_init_script(_COUNT_DRAWS)
    start = time.perf_counter()
    page.goto(url)
    page.wait_for_selector(MAP_CANVAS, timeout=120_000)
    page.wait_for_function(SCRIPT_IDLE, timeout=120_000)
    page.evaluate(_PAINTED)
    elapsed = time.perf_counter() - start
    first = page.evaluate("() => window.__draws.first")
    page.close()
    return elapsed, (first or float("nan")) / 1000


def page_loads(app: str | None = None, runs: int = 3) -> PageLoad:
    """Load the app (``app.py`` unless ``app`` names another script) in headless Chromium, cold then ``runs`` warm."""
    from playwright.sync_api import sync_playwright

    proc, url = start_server(app=app)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            cold, _ = _load_once(browser, url)
            warm = [_load_once(browser, url) for _ in range(runs)]
            browser.close()
            return PageLoad(cold, [w for w, _ in warm], [f for _, f in warm])
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
        load = page_loads()
        load_s = load.median
        _report("seeds page load to painted map (headless chromium, median of 3 warm)", load_s, "s", 4)
        first = statistics.median(load.first_draw)
        print(f"  deck.gl's first draw call at {first:.1f} s, then {load_s - first:.1f} s until the frame is painted "
              f"(software WebGL); cold first page {load.cold:.1f} s", flush=True)
        with tempfile.TemporaryDirectory() as tmp:
            baseline = Path(tmp) / "baseline_app.py"
            baseline.write_text(BASELINE_APP, encoding="utf-8")
            print(f"  baseline, a one-dot pydeck chart on this machine: {page_loads(str(baseline)).median:.1f} s",
                  flush=True)
    except Exception as exc:  # a missing chromium must not hide the other figures
        load_s = float("nan")
        print(f"seeds page load: not measured ({exc})", flush=True)

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
