"""Load: 20 concurrent sessions on one ``streamlit run app.py``, each switching sources ten times.

Each session is a client speaking Streamlit's websocket protocol (``tests/streamclient.py``), as a browser
tab does: it opens the page (``?view=one&sources=ID``), then changes the sidebar's source list ten times,
each change a rerun. A switch counts as an error unless the script finishes cleanly, shows no exception,
sends the map, and writes the new source into the URL. Reported: errors (target none), the median and
95th-percentile rerun time, the first page run of a session, and the server's peak memory (``VmHWM``).
Only 127.0.0.1 is contacted; the run is bounded (300 s) and uses a throw-away article store.

Browser contexts are not used for the load: twenty headless Chromiums drawing WebGL in software on two
cores measure the machine's rasteriser, not the server (the page-load figure is in ``bench_dashboard``).
"""

from __future__ import annotations

import asyncio
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from tests.browser.conftest import start_server, stop_server
from tests.streamclient import StreamSession

SESSIONS = 20
SWITCHES = 10
BUDGET_S = 300.0


def peak_memory_mb(pid: int) -> float:
    """The process's peak resident set (``VmHWM``) in MiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def drive_session(url: str, sources: list[str], n: int, switches: int, first: list[float],
                        reruns: list[float], errors: list[str]) -> None:
    """One tab: open the page on one source, then switch the source list ``switches`` times."""
    try:
        async with StreamSession(url) as session:
            opened = await session.run(f"view=one&sources={sources[n % len(sources)]}")
            first.append(opened.seconds)
            _check(opened, None, f"session {n} opening", errors)
            if len(session.source_labels) != len(sources):
                errors.append(f"session {n}: the source list has {len(session.source_labels)} entries, "
                              f"expected {len(sources)}")
                return
            query = f"view=one&sources={sources[n % len(sources)]}"
            for i in range(switches):
                k = (n + i + 1) % len(sources)
                run = await session.run(query, session.source_labels[k])
                if _check(run, sources[k], f"session {n} switch {i}", errors):
                    reruns.append(run.seconds)
                query = run.query_string or query
    except Exception as exc:  # every failure is counted and reported, not raised
        errors.append(f"session {n}: {type(exc).__name__}: {exc}".splitlines()[0])


def _check(run: Any, source: str | None, where: str, errors: list[str]) -> bool:
    problems = []
    if run.status != "FINISHED_SUCCESSFULLY":
        problems.append(f"script {run.status}")
    if run.exceptions:
        problems.append(f"exception {run.exceptions[0][:80]}")
    if not run.deck_json:
        problems.append("no map sent")
    if source is not None and f"sources={source}" not in (run.query_string or ""):
        problems.append(f"URL not switched to {source} ({run.query_string!r})")
    errors.extend(f"{where}: {p}" for p in problems)
    return not problems


async def drive(url: str, sources: list[str], sessions: int = SESSIONS, switches: int = SWITCHES
                ) -> tuple[list[float], list[float], list[str]]:
    """Run ``sessions`` tabs at once; returns first-run times, rerun times and errors."""
    first: list[float] = []
    reruns: list[float] = []
    errors: list[str] = []
    jobs = [drive_session(url, sources, n, switches, first, reruns, errors) for n in range(sessions)]
    try:
        await asyncio.wait_for(asyncio.gather(*jobs), timeout=BUDGET_S)
    except TimeoutError:
        errors.append(f"stopped after the {BUDGET_S:.0f} s budget")
    return first, reruns, errors


def percentile(values: list[float], p: float) -> float:
    """The ``p``-th percentile (nearest rank) of ``values``; NaN when empty."""
    ordered = sorted(values)
    return ordered[max(0, -(-len(ordered) * p // 100) - 1)] if ordered else float("nan")


def main() -> dict[str, Any]:
    """Run the load and print errors, median and 95th-percentile rerun time, and the server's peak memory."""
    from extraction import extract_paths

    sources = [s.id for s in extract_paths(["seeds"])[0].sources]
    with tempfile.TemporaryDirectory() as tmp:
        proc, url = start_server(env_extra={"TROOPMAP_DB": str(Path(tmp) / "articles.sqlite3")})
        try:
            wall = time.monotonic()
            first, reruns, errors = asyncio.run(drive(url, sources))
            wall = time.monotonic() - wall
            peak = peak_memory_mb(proc.pid)
        finally:
            stop_server(proc)
    figures = {
        "switches": len(reruns),
        "errors": len(errors),
        "median_s": statistics.median(reruns) if reruns else float("nan"),
        "p95_s": percentile(reruns, 95),
        "first_median_s": statistics.median(first) if first else float("nan"),
        "server_peak_mb": peak,
        "wall_s": wall,
    }
    print(f"load: {SESSIONS} concurrent sessions x {SWITCHES} source switches (websocket protocol): "
          f"{figures['switches']} done, {figures['errors']} errors (target 0)")
    print(f"  rerun after a switch: median {figures['median_s'] * 1000:.0f} ms, p95 {figures['p95_s'] * 1000:.0f} ms; "
          f"opening the page: median {figures['first_median_s']:.2f} s; server peak memory (VmHWM) {peak:.0f} MiB; "
          f"wall {wall:.0f} s", flush=True)
    for line in errors[:10]:
        print(f"  error: {line}")
    return figures


if __name__ == "__main__":
    main()
