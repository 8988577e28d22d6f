"""GeoNames populated places, read from the compact index ``data/gazetteer.tsv.gz``.

The index is built by ``data/build/gazetteer.py``; lookup keys are folded there, so loading is a
split of lines and records are parsed only when a lookup asks for them.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from pathlib import Path

from geo.datafiles import DataFileError, data_path


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
    """Folded name to GeoNames places, most populous first.

    The decoded file is kept as one string and searched in place (see ``data/build/gazetteer.py``
    for the layout): splitting it into half a million lines would double the start-up time.
    """

    def __init__(self, path: Path | None = None) -> None:
        """Load the index as one string.

        Raises:
            DataFileError: when the file is missing, truncated or not the index's layout.
        """
        path = path or data_path("gazetteer.tsv.gz")
        try:
            # One decompress and one decode: a text-mode gzip stream would be about half as fast again.
            self._text = gzip.decompress(path.read_bytes()).decode("utf-8")
            header = self._text.split("\n", 1)[0]
            self._records_start = len(header) + 1
            self._count, self._keys_start = (int(v) for v in header.split())
        except FileNotFoundError:
            raise DataFileError(path, "missing") from None
        except (OSError, EOFError, UnicodeDecodeError, ValueError) as exc:
            raise DataFileError(path, f"damaged ({type(exc).__name__})") from None

    def towns(self, key: str, limit: int = 25) -> list[Town]:
        """Places filed under a folded key, most populous first (at most ``limit``)."""
        line = self._key_line(key + "\t")
        if line is None:
            return []
        return [self._town(int(offset)) for offset in line[len(key) + 1 :].split()[:limit]]

    def _key_line(self, probe: str) -> str | None:
        """Binary search of the sorted key lines for the one starting with ``probe``."""
        text, lo, hi = self._text, self._keys_start, len(self._text)
        while lo < hi:  # lo and hi are always the starts of lines
            mid = (lo + hi) // 2
            start = max(lo, text.rfind("\n", lo, mid) + 1)
            end = text.find("\n", start)
            if text[start:end] < probe:
                lo = end + 1
            else:
                hi = start
        end = text.find("\n", lo)
        line = text[lo:end] if end > lo else ""
        return line if line.startswith(probe) else None

    def largest(self, min_population: int) -> list[Town]:
        """Every place of at least ``min_population``, most populous first (read from the top)."""
        out, at = [], self._records_start
        while at < self._keys_start - 1:
            town = self._town(at)
            if town.population < min_population:
                break
            out.append(town)
            at = self._text.find("\n", at) + 1
        return out

    def spellings(self, town: Town) -> list[str]:
        """Other folded spellings the index lists for a city of 500,000 or more (``kiev`` for Kyiv)."""
        probe = f"\n{town.geonameid}\t"
        at = self._text.find(probe, self._records_start - 1, self._keys_start)
        if at < 0:
            return []
        fields = self._text[at + 1 : self._text.find("\n", at + 1)].split("\t")
        return fields[8].split("|") if len(fields) > 8 and fields[8] else []

    def keys(self) -> list[str]:
        """Every folded lookup key, sorted (for the build scripts)."""
        return [line.split("\t", 1)[0] for line in self._text[self._keys_start :].split("\n") if line]

    def _town(self, offset: int) -> Town:
        f = self._text[offset : self._text.find("\n", offset)].split("\t")
        return Town(int(f[0]), f[1], float(f[2]), float(f[3]), f[4], f[5], int(f[6]), f[7] == "1")
