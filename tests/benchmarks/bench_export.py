"""Export benchmark: the seeds' all-sources view as a 1920x1080 PNG (target ≤ 1 s), plus the other formats.

Prints one line per figure:

- ``seeds PNG 1920x1080, first``: the first export in a fresh process (reads and projects the country shapes);
- ``seeds PNG 1920x1080, median of 5``: later exports (shapes cached), the figure the target applies to;
- ``seeds SVG 1920x1080``, ``seeds PNG 1920x1080 @300 dpi``, ``seeds CSV``, ``seeds GeoJSON``: medians.

The articles are extracted once beforehand; extraction is not timed here (``bench_extraction`` covers it).
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from pathlib import Path

from dashboard.export import ExportOptions, export_bytes
from extraction import extract_paths

SEEDS = str(Path(__file__).resolve().parents[2] / "seeds")
TARGET_S = 1.0


def _time(run: Callable[[], bytes], repeat: int) -> tuple[float, int]:
    times, size = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        size = len(run())
        times.append(time.perf_counter() - start)
    return statistics.median(times), size


def main() -> None:
    """Print the export timings for the seeds view."""
    document, _ = extract_paths([SEEDS])
    ids = tuple(s.id for s in document.sources)

    def export(fmt: str, dpi: int = 100) -> Callable[[], bytes]:
        return lambda: export_bytes(document, ExportOptions(fmt, ids, size=(1920, 1080), dpi=dpi))

    first, size = _time(export("png"), 1)
    print(f"seeds PNG 1920x1080, first: {first * 1000:.0f} ms ({size:,} bytes)")
    warm, size = _time(export("png"), 5)
    verdict = "meets" if warm <= TARGET_S else "MISSES"
    print(f"seeds PNG 1920x1080, median of 5: {warm * 1000:.0f} ms ({size:,} bytes; target ≤ {TARGET_S * 1000:.0f} ms:"
          f" {verdict})")
    for label, run, repeat in (("SVG 1920x1080", export("svg"), 3), ("PNG 1920x1080 @300 dpi", export("png", 300), 1),
                               ("CSV", export("csv"), 5), ("GeoJSON", export("geojson"), 5)):
        median, size = _time(run, repeat)
        print(f"seeds {label}: {median * 1000:.0f} ms ({size:,} bytes)")


if __name__ == "__main__":
    main()
