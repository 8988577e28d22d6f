"""Offline geography: article place mentions to coordinates.

Public API (the extraction layer and ``python -m geo`` use only these):

- :func:`resolve` – a mention as written (plus its sentence) to a :class:`Place`.
- :func:`place_phrases` – lowercased names and aliases worth matching in running text.
- :func:`demonym_country` – ``Russian`` to ``RU``, for whose troops a claim is about.
"""

from __future__ import annotations

from geo.place import PRECISIONS, Place, unresolved
from geo.resolver import country_name, demonym_country, place_phrases, resolve

__all__ = ["PRECISIONS", "Place", "country_name", "demonym_country", "place_phrases", "resolve", "unresolved"]
