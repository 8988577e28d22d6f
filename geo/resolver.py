"""Minimal country-only resolver; the geography issue replaces it with the full gazetteer."""

from __future__ import annotations

from functools import lru_cache

import pycountry

from geo.place import Place, unresolved

_ALIASES = {
    "us": "US", "u.s.": "US", "united states": "US", "america": "US", "the united states": "US",
    "uk": "GB", "u.k.": "GB", "britain": "GB", "great britain": "GB", "russia": "RU",
}
_POINTS = {"PL": (52.1, 19.4), "DE": (51.2, 10.4), "RO": (45.9, 25.0), "UA": (48.4, 31.2),
           "US": (39.8, -98.6), "RU": (55.7, 37.6), "BY": (53.7, 27.9)}
_DEMONYMS = {"american": "US", "russian": "RU", "polish": "PL", "german": "DE", "romanian": "RO",
             "ukrainian": "UA", "british": "GB", "french": "FR", "belarusian": "BY"}


@lru_cache(maxsize=1)
def _countries() -> dict[str, str]:
    table: dict[str, str] = dict(_ALIASES)
    for c in pycountry.countries:
        table[c.name.lower()] = c.alpha_2
        if hasattr(c, "common_name"):
            table[c.common_name.lower()] = c.alpha_2
    return table


def resolve(mention: str, context: str = "") -> Place:
    """Resolve a mention to a country, or return it unresolved."""
    key = mention.strip().lower().removeprefix("the ").strip()
    code = _countries().get(key)
    if code is None:
        return unresolved(mention, "not a known country name")
    lat, lon = _POINTS.get(code, (0.0, 0.0))
    name = pycountry.countries.get(alpha_2=code).name  # type: ignore[union-attr]
    return Place(name, mention, lat, lon, code, "country", f"ne:{code}", "country name")


def place_phrases() -> frozenset[str]:
    """Lowercased place names worth matching in running text."""
    return frozenset(_countries())


def demonym_country(word: str) -> str | None:
    """The ISO code a demonym refers to, if any."""
    return _DEMONYMS.get(word.lower())


def country_name(code: str) -> str | None:
    """The common English name of an ISO alpha-2 code."""
    c = pycountry.countries.get(alpha_2=code.upper())
    return None if c is None else str(getattr(c, "common_name", c.name))
