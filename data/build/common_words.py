"""Build ``data/common_words.txt``: everyday English words that are also GeoNames place names.

``Of`` (Turkey), ``March`` (England) and ``Reading`` are real towns, but after a preposition in an
article they are almost always plain words. The list is the lowercase (common-noun, verb, adjective)
words of Webster's Second International (public domain, via the PyPI package ``english-words``) that
are also one-word keys of ``data/gazetteer.tsv.gz`` or of ``data/divisions.csv`` (``Central``,
``Coast``: provinces) and are frequent in English (wordfreq, data under
CC BY-SA 4.0; only the resulting list is kept), plus weekdays and months. Run from the
repository root after ``data/build/gazetteer.py`` and ``data/build/divisions.py``::

    python data/build/common_words.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from english_words import get_english_words_set
from wordfreq import zipf_frequency

DATA = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(DATA.parent))

from geo.gazetteer import Gazetteer  # noqa: E402
from geo.lexicon import more_divisions  # noqa: E402

# Zipf 3.5 is about once per 300,000 words of English: "reading", "march", "split" pass; "tapa" does not.
MIN_ZIPF = 3.5
CALENDAR = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
            "march", "april", "may", "june", "july", "august", "september", "october", "november", "december")


def main() -> None:
    keys = set(Gazetteer().keys()) | set(more_divisions().by_key)
    words = {w for w in get_english_words_set(["web2"], lower=False) if w.isalpha() and w.islower()}
    frequent = {w for w in words & keys if zipf_frequency(w, "en") >= MIN_ZIPF}
    common = sorted(frequent | set(CALENDAR))
    (DATA / "common_words.txt").write_text("\n".join(common) + "\n", encoding="utf-8")
    print(f"{len(common)} words")


if __name__ == "__main__":
    main()
