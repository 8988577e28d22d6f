"""Named military formations: ``82nd Airborne Division``, ``2nd Cavalry Regiment``, ``a THAAD battery``."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span

from extraction.lexicon import FORMATION_HEADS, FORMATION_WORDS, NAMED_UNIT_KINDS
from extraction.nlp import words

_ORDINAL = re.compile(r"^\d+(?:st|nd|rd|th)$", re.IGNORECASE)
_NAMED_BY_FIRST: dict[str, list[tuple[tuple[str, ...], str]]] = {}
for _phrase, _name in sorted(NAMED_UNIT_KINDS.items(), key=lambda kv: -len(kv[0])):
    _NAMED_BY_FIRST.setdefault(_phrase[0], []).append((_phrase, _name))


@dataclass(frozen=True)
class UnitMention:
    """A formation named in a sentence (document token indices)."""

    start: int
    end: int
    name: str


def _formation(sent: Span, i: int) -> int:
    """End index of a capitalised formation name starting at ordinal token ``i``, or ``i`` if none."""
    tw = words(sent.doc)
    j = i + 1
    last_head = i
    while j < sent.end and tw.text[j][:1].isupper() and tw.lower[j] in FORMATION_WORDS:
        if tw.lower[j] in FORMATION_HEADS:
            last_head = j
        j += 1
    return last_head + 1 if last_head > i else i


def find_units(sent: Span) -> list[UnitMention]:
    """Every named unit in ``sent``: ordinal formations (chained by commas) and named kinds."""
    tw = words(sent.doc)
    found: list[UnitMention] = []
    i = sent.start
    while i < sent.end:
        if _ORDINAL.match(tw.text[i]):
            end = _formation(sent, i)
            if end > i:
                # "1st Armored Brigade Combat Team, 3rd Infantry Division"
                while end + 1 < sent.end and tw.text[end] == "," and _ORDINAL.match(tw.text[end + 1]):
                    nxt = _formation(sent, end + 1)
                    if nxt == end + 1:
                        break
                    end = nxt
                found.append(UnitMention(i, end, tw.span_text(i, end)))
                i = end
                continue
        for phrase, name in _NAMED_BY_FIRST.get(tw.lower[i], ()):
            if tuple(tw.lower[i:i + len(phrase)]) == phrase:
                found.append(UnitMention(i, i + len(phrase), name))
                i += len(phrase) - 1
                break
        i += 1
    return found
