"""Folding names to lookup keys: case, diacritics, punctuation and old German spellings."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Letters that Unicode decomposition leaves alone, and the umlauts whose English spelling adds an "e".
_PLAIN = str.maketrans({"ß": "ss", "ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "æ": "ae", "Æ": "ae", "đ": "d",
                        "Đ": "d", "ı": "i", "œ": "oe", "Œ": "oe", "ð": "d", "þ": "th"})
_UMLAUT_E = str.maketrans({"ö": "oe", "ü": "ue", "ä": "ae", "Ö": "oe", "Ü": "ue", "Ä": "ae"})
_APOSTROPHES = re.compile(r"[\u2019\u2018'`ʼ\u02bb.]")
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015/_]+")


@lru_cache(maxsize=65536)
def _fold(text: str) -> str:
    if not text.isascii():  # most article text is ASCII and needs no decomposition
        text = unicodedata.normalize("NFKD", text.translate(_PLAIN))
        text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.lower()
    text = _APOSTROPHES.sub("", text)
    return _SEPARATORS.sub(" ", text).strip()


def fold(text: str) -> str:
    """Fold a name for lookup: ``Constanța`` -> ``constanta``, ``Rzeszów`` -> ``rzeszow``.

    Args:
        text: A name as written.

    Returns:
        Lowercase ASCII-ish text without diacritics, periods or apostrophes, single-spaced.
    """
    return _fold(text)


def index_keys(name: str) -> set[str]:
    """Every key a name is filed under: the plain fold and, for umlauts, the ``oe`` spelling.

    Args:
        name: A gazetteer name, e.g. ``Grafenwöhr``.

    Returns:
        ``{"grafenwohr", "grafenwoehr"}`` for that example.
    """
    keys = {_fold(name)}
    if name != name.translate(_UMLAUT_E):
        keys.add(_fold(name.translate(_UMLAUT_E)))
    keys.discard("")
    return keys
