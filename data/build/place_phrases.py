"""Build ``data/place_phrases.txt``: the place names the extractor looks for in running text.

The list comes from the other data files (countries, regions, installations, divisions, and the
GeoNames towns of 100,000 or more in ``data/gazetteer.tsv.gz``), filtered by
``geo.resolver.build_place_phrases``; keeping it as a file saves the extractor that work at start-up.
Run from the repository root after the other build scripts (a test fails when the file is stale)::

    python data/build/place_phrases.py
"""

from __future__ import annotations

import sys
from pathlib import Path

DATA = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(DATA.parent))

from geo.lexicon import PHRASES_HEADER  # noqa: E402
from geo.resolver import build_place_phrases  # noqa: E402


def main() -> None:
    phrases = sorted(build_place_phrases())
    lines = [PHRASES_HEADER.format(count=len(phrases)), *phrases]
    (DATA / "place_phrases.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(phrases)} phrases")


if __name__ == "__main__":
    main()
