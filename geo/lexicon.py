"""The curated lexicons in ``data/``: countries, first-level divisions, regions and installations."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from geo.datafiles import DataFileError, data_path, read_bytes


def _split(cell: str) -> tuple[str, ...]:
    return tuple(a.strip() for a in cell.split("|") if a.strip())


def _text(name: str) -> str:
    try:
        return read_bytes(name).decode("utf-8")
    except UnicodeDecodeError:
        raise DataFileError(data_path(name), "damaged (not UTF-8)") from None


def _json(name: str) -> Any:
    try:
        return json.loads(_text(name))
    except json.JSONDecodeError as exc:
        raise DataFileError(data_path(name), f"damaged (invalid JSON at line {exc.lineno})") from None


def _rows(name: str) -> list[dict[str, str]]:
    rows = list(csv.DictReader(io.StringIO(_text(name), newline="")))
    for number, row in enumerate(rows, start=2):
        if None in row.values() or None in row:
            raise DataFileError(data_path(name), f"damaged (line {number} has the wrong number of fields)")
    if not rows:
        raise DataFileError(data_path(name), "damaged (no rows)")
    return rows


@dataclass(frozen=True)
class Country:
    """An ISO 3166-1 country with its names and a representative point on its largest land mass."""

    code: str
    alpha3: str
    name: str
    lat: float | None
    lon: float | None
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]


@dataclass(frozen=True)
class Division:
    """A division (a US state, a German Land, a US county) keyed by its GeoNames admin1 (and admin2) code.

    Attributes:
        curated: Named by hand in ``data/admin1.csv`` (with its abbreviations); the others come from
            ``data/divisions.csv``, built from ISO 3166-2 and GeoNames.
        level: 1 for a first-level division, 2 for a second-level one (a US county, a French département).
        population: The people of its GeoNames places (0 where unknown).
    """

    country: str
    code: str
    name: str
    aliases: tuple[str, ...]
    lat: float
    lon: float
    admin2: str = ""
    level: int = 1
    population: int = 0
    curated: bool = True


@dataclass(frozen=True)
class Region:
    """A named area larger or vaguer than a town: Europe, the Baltic states, Crimea."""

    id: str
    name: str
    aliases: tuple[str, ...]
    members: tuple[str, ...]
    lat: float
    lon: float
    country: str | None


@dataclass(frozen=True)
class Installation:
    """A military site with its former and later names, e.g. Fort Bragg / Fort Liberty."""

    id: str
    name: str
    aliases: tuple[str, ...]
    lat: float
    lon: float
    country: str
    admin1: str
    town: str


@lru_cache(maxsize=1)
def countries() -> dict[str, Country]:
    """Every country by ISO alpha-2."""
    extra = {r["iso_a2"]: r for r in _rows("country_names.csv")}
    out = {}
    for row in _rows("countries.csv"):
        names = extra.get(row["iso_a2"], {"aliases": "", "demonyms": ""})
        official = _split(row["other_names"])
        out[row["iso_a2"]] = Country(
            code=row["iso_a2"],
            alpha3=row["iso_a3"],
            name=row["name"],
            lat=float(row["lat"]) if row["lat"] else None,
            lon=float(row["lon"]) if row["lon"] else None,
            aliases=official + _split(names["aliases"]),
            demonyms=_split(names["demonyms"]),
        )
    return out


@lru_cache(maxsize=1)
def divisions() -> tuple[Division, ...]:
    """First-level divisions that have names in ``data/admin1.csv``."""
    return tuple(
        Division(r["country"], r["code"], r["name"], _split(r["aliases"]), float(r["lat"]), float(r["lon"]))
        for r in _rows("admin1.csv")
        if r["lat"]
    )


DIVISION_COLUMNS = ["country", "admin1", "admin2", "iso", "level", "kind", "name", "aliases", "lat", "lon",
                    "population", "keys"]


@dataclass(frozen=True)
class DivisionTable:
    """The divisions of ``data/divisions.csv``, kept as rows and made into :class:`Division` on demand.

    Eight thousand divisions are more than start-up can afford to build; a lookup needs a handful.

    Attributes:
        rows: The file's rows, without the header.
        by_key: Folded lookup key -> indexes of the rows filed under it.
        first_level: (country, GeoNames admin1 code) -> the folded name of that first-level division.
    """

    rows: tuple[tuple[str, ...], ...]
    by_key: dict[str, tuple[int, ...]]
    first_level: dict[tuple[str, str], str]

    def division(self, index: int) -> Division:
        """The division in row ``index``."""
        r = self.rows[index]
        return Division(r[0], r[1], r[6], _split(r[7]), float(r[8]), float(r[9]), r[2], int(r[4]), int(r[10]),
                        curated=False)


@lru_cache(maxsize=1)
def more_divisions() -> DivisionTable:
    """Every other first-level division, and named second-level ones, from ``data/divisions.csv``.

    Raises:
        DataFileError: when the file is missing or not the table ``data/build/divisions.py`` writes.
    """
    try:
        rows = list(csv.reader(io.StringIO(_text("divisions.csv"), newline=""), strict=True))
    except csv.Error as exc:
        raise DataFileError(data_path("divisions.csv"), f"damaged ({exc})") from None
    if not rows or rows[0] != DIVISION_COLUMNS or any(len(r) != len(DIVISION_COLUMNS) for r in rows[1:]):
        raise DataFileError(data_path("divisions.csv"), "damaged (not the columns its build script writes)")
    by_key: dict[str, list[int]] = {}
    first_level: dict[tuple[str, str], str] = {}
    for index, r in enumerate(rows[1:]):
        keys = r[11].split("|")
        for key in keys:
            by_key.setdefault(key, []).append(index)
        if r[4] == "1":
            first_level.setdefault((r[0], r[1]), keys[0])
    return DivisionTable(tuple(map(tuple, rows[1:])), {k: tuple(v) for k, v in by_key.items()}, first_level)


@lru_cache(maxsize=1)
def regions() -> tuple[Region, ...]:
    """Named regions from ``data/regions.json``."""
    raw: list[dict[str, Any]] = _json("regions.json")
    return tuple(
        Region(r["id"], r["name"], tuple(r["aliases"]), tuple(r["members"]), r["lat"], r["lon"], r.get("country"))
        for r in raw
    )


@lru_cache(maxsize=1)
def installations() -> tuple[Installation, ...]:
    """Military installations from ``data/installations.csv``."""
    return tuple(
        Installation(r["id"], r["name"], _split(r["aliases"]), float(r["lat"]), float(r["lon"]), r["country"],
                     r["admin1"], r["town"])
        for r in _rows("installations.csv")
    )


@lru_cache(maxsize=1)
def words() -> dict[str, Any]:
    """Descriptors, name variants, directions and context cues from ``data/lexicon.json``."""
    return dict(_json("lexicon.json"))


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Everyday English words that are also town names (``data/common_words.txt``)."""
    return frozenset(_text("common_words.txt").split())


PHRASES_HEADER = "# {count} place phrases, one a line; built by data/build/place_phrases.py"


@lru_cache(maxsize=1)
def place_phrases() -> frozenset[str]:
    """Lowercased place names that are safe to match in running text (``data/place_phrases.txt``).

    The list is worked out from the lexicon and the gazetteer by ``geo.resolver.build_place_phrases``
    when the data is built; doing that at every start-up would cost a quarter of a second.

    Raises:
        DataFileError: when the file is missing, or its line count differs from its header's.
    """
    header, _, body = _text("place_phrases.txt").partition("\n")
    phrases = body.split("\n")[:-1] if body.endswith("\n") else [""]  # the last line ends in a newline too
    if header != PHRASES_HEADER.format(count=len(phrases)) or "" in phrases:
        raise DataFileError(data_path("place_phrases.txt"), "damaged (its header does not match its lines)")
    return frozenset(phrases)


def country_shapes_path() -> Path:
    """The GeoJSON of country shapes (properties ``iso_a2``, ``iso_a3``, ``name``) for the basemap."""
    return data_path("countries.geojson")


def country_name(code: str) -> str | None:
    """The common English name for an ISO alpha-2 or alpha-3 code, e.g. ``PL`` -> ``Poland``.

    Args:
        code: ISO 3166-1 alpha-2 or alpha-3, any case.

    Returns:
        The name, or None for an unknown code.
    """
    code = code.strip().upper()
    table = countries()
    if code in table:
        return table[code].name
    return next((c.name for c in table.values() if c.alpha3 == code), None)
