"""GeoNames populated places, read from the compact index ``data/gazetteer.tsv.gz``.

The index is built by ``data/build/gazetteer.py``; lookup keys are folded there, so loading is a
split of lines and records are parsed only when a lookup asks for them.
"""

from __future__ import annotations

import bisect
import gzip
from dataclasses import dataclass
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parents[1] / "data"


@dataclass(frozen=True)
class Town:
    """A GeoNames populated place.

    Attributes:
        geonameid: GeoNames id.
        name: Main GeoNames name, e.g. ``Grafenwöhr``.
        lat: Latitude.
        lon: Longitude.
        country: ISO alpha-2.
        admin1: GeoNames first-level division code (``NC`` for US states, ``02`` for Bavaria).
        population: Population as GeoNames gives it.
        capital: Whether it is its country's capital.
    """

    geonameid: int
    name: str
    lat: float
    lon: float
    country: str
    admin1: str
    population: int
    capital: bool


class Gazetteer:
    """Folded name to GeoNames places, most populous first."""

    def __init__(self, path: Path = DATA_DIR / "gazetteer.tsv.gz") -> None:
        """Load the index; records are kept as raw lines until asked for."""
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            lines = handle.read().split("\n")
        count = int(lines[0])
        self._records = lines[1 : count + 1]
        # "key<TAB>ids" lines, sorted by key: a binary search finds a key without building a dict,
        # which keeps start-up under half a second. (Tab sorts before every character a key holds.)
        self._keys = [line for line in lines[count + 1 :] if line]

    def towns(self, key: str, limit: int = 25) -> list[Town]:
        """Places filed under a folded key, most populous first (at most ``limit``)."""
        probe = key + "\t"
        at = bisect.bisect_left(self._keys, probe)
        if at == len(self._keys) or not self._keys[at].startswith(probe):
            return []
        ids = self._keys[at][len(probe) :].split()[:limit]
        return [self._town(int(i)) for i in ids]

    def largest(self, min_population: int) -> list[Town]:
        """Every place of at least ``min_population``, most populous first."""
        out = []
        for index in range(len(self._records)):
            town = self._town(index)
            if town.population < min_population:
                break
            out.append(town)
        return out

    def keys_of_largest(self, min_population: int) -> list[str]:
        """Folded keys under which a place of at least ``min_population`` is the first match."""
        count = len(self.largest(min_population))
        out = []
        for line in self._keys:
            key, _, ids = line.partition("\t")
            first = ids.split(" ", 1)[0]
            if int(first) < count:
                out.append(key)
        return out

    def _town(self, index: int) -> Town:
        f = self._records[index].split("\t")
        return Town(int(f[0]), f[1], float(f[2]), float(f[3]), f[4], f[5], int(f[6]), f[7] == "1")
