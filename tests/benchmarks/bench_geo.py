"""Resolver start-up time, median lookup time and resident memory (``make bench``)."""

from __future__ import annotations

import resource
import statistics
import sys
import time

QUERIES = [
    "Fort Bragg, N.C.", "Kiev", "the Baltic states", "Mihail Kogalniceanu air base", "Poland", "Vilseck, Germany",
    "Eastern Europe", "Ukraine's border", "Grafenwoehr", "Munster, Lower Saxony", "Georgia", "Rzeszow", "March",
    "Xqzzyville", "Fort Liberty", "the Persian Gulf", "Camp Lejeune", "Constanta", "Kharkiv", "Reading, Pa.",
]


def resident_mb() -> float:
    """Peak resident memory of this process, in MB (Linux reports KB, macOS bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def main() -> None:
    """Print the three figures the geography issue sets targets for."""
    before = resident_mb()
    start, start_cpu = time.perf_counter(), time.process_time()
    from geo.resolver import default_resolver, resolve

    default_resolver()
    startup, startup_cpu = time.perf_counter() - start, time.process_time() - start_cpu
    resolve("warm-up")
    timings = []
    for _ in range(50):
        for query in QUERIES:
            t0 = time.perf_counter()
            resolve(query, "US troops will deploy to Poland and Romania, the Pentagon said.")
            timings.append(time.perf_counter() - t0)
    median_us = statistics.median(timings) * 1e6
    # CPU time too: on a shared machine the wall clock also counts other people's processes.
    print(f"resolver start-up: {startup:.3f} s wall, {startup_cpu:.3f} s CPU (target <= 0.5 s)")
    print(f"median lookup: {median_us:.1f} us over {len(timings)} lookups (target <= 50 us)")
    print(f"resident memory: {resident_mb():.0f} MB peak, {resident_mb() - before:.0f} MB for the resolver "
          "(target <= 150 MB)")


if __name__ == "__main__":
    main()
