"""Offline geography: article place mentions to coordinates.

Public API (the extraction layer, the dashboard and ``python -m geo`` use only these):

- :func:`resolve` – a mention as written (plus its sentence) to a :class:`Place`; ``running_text=False``
  for a name asked for by itself (everyday words, abbreviations and demonyms then answer).
- :func:`resolve_in_article` – the same, with the article's other places deciding between namesakes.
- :func:`place_phrases` – lowercased names and aliases worth matching in running text.
- :func:`demonym_country` – ``Russian`` to ``RU``, for whose troops a claim is about.
- :func:`country_name` – ``PL`` to ``Poland``.
- :func:`country_shapes_path` – the GeoJSON of country shapes for the basemap.
- :class:`DataFileError` – a data file is missing or damaged (names the file and its rebuild command).
- :func:`great_circle` – an arc between two ``(lon, lat)`` points for drawing a flow.
"""

from __future__ import annotations

from geo.datafiles import DataFileError
from geo.greatcircle import great_circle
from geo.lexicon import country_name, country_shapes_path, place_phrases
from geo.place import PRECISIONS, Place, unresolved
from geo.resolver import demonym_country, resolve, resolve_in_article

__all__ = [
    "PRECISIONS",
    "DataFileError",
    "Place",
    "country_name",
    "country_shapes_path",
    "demonym_country",
    "great_circle",
    "place_phrases",
    "resolve",
    "resolve_in_article",
    "unresolved",
]
