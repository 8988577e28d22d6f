"""Load: 20 concurrent browser sessions on one `streamlit run app.py`, each switching sources ten times.

Only 127.0.0.1 is contacted. Each switch opens ``?view=one&sources=ID`` (the state the sidebar control
writes to the URL) and waits until the script has finished and the map canvas is there. The run is bounded
(20 x 10 switches, 300 s in all) and stops by itself.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from pathlib import Path
from typing import Any

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, start_server

SESSIONS = 20
SWITCHES = 10
BUDGET_S = 300.0
READY = "[data-testid='stDeckGlJsonChart'] canvas"
IDLE = "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"


def peak_memory_mb(pid: int) -> float:
    """The process's peak resident set (``VmHWM``) in MiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def _session(browser: Any, url: str, sources: list[str], n: int, times: list[float], errors: list[str]) -> None:
    context = await browser.new_context(viewport={"width": 1200, "height": 900})
    page = await context.new_page()
    page.on("pageerror", lambda exc: errors.append(f"session {n}: {exc}"))
    try:
        for i in range(SWITCHES):
            source = sources[(n + i) % len(sources)]
            start = time.monotonic()
            try:
                await page.goto(f"{url}/?view=one&sources={source}")
                await page.wait_for_selector(READY, timeout=120_000)
                await page.wait_for_function(IDLE, timeout=120_000)
                if await page.locator("[data-testid='stException']").count():
                    errors.append(f"session {n}: exception shown for {source}")
                times.append(time.monotonic() - start)
            except Exception as exc:  # every failure is counted and reported, not raised
                errors.append(f"session {n}: {type(exc).__name__}: {exc}".splitlines()[0])
    finally:
        await context.close()


async def _drive(url: str, sources: list[str]) -> tuple[list[float], list[str]]:
    from playwright.async_api import async_playwright

    times: list[float] = []
    errors: list[str] = []
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            jobs = [_session(browser, url, sources, n, times, errors) for n in range(SESSIONS)]
            await asyncio.wait_for(asyncio.gather(*jobs), timeout=BUDGET_S)
        except TimeoutError:
            errors.append(f"stopped after the {BUDGET_S:.0f} s budget")
        finally:
            await browser.close()
    return times, errors


def main() -> dict[str, Any]:
    """Run the load and print errors, median and 95th-percentile switch time, and the server's peak memory."""
    from extraction import extract_paths

    sources = [s.id for s in extract_paths(["seeds"])[0].sources]
    proc, url = start_server()
    try:
        wall = time.monotonic()
        times, errors = asyncio.run(_drive(url, sources))
        wall = time.monotonic() - wall
        peak = peak_memory_mb(proc.pid)
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    ordered = sorted(times)
    figures = {
        "switches": len(times),
        "errors": len(errors),
        "median_s": statistics.median(ordered) if ordered else float("nan"),
        "p95_s": ordered[max(0, int(0.95 * len(ordered)) - 1)] if ordered else float("nan"),
        "server_peak_mb": peak,
        "wall_s": wall,
    }
    print(f"  {SESSIONS} sessions x {SWITCHES} source switches: {figures['switches']} done, "
          f"{figures['errors']} errors (target 0)")
    print(f"  switch to ready: median {figures['median_s']:.2f} s, p95 {figures['p95_s']:.2f} s; "
          f"server peak memory (VmHWM) {peak:.0f} MiB; wall {wall:.0f} s", flush=True)
    for line in errors[:10]:
        print(f"  error: {line}")
    return figures


if __name__ == "__main__":
    main()
