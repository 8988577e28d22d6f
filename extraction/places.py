"""Place mentions in a sentence: gazetteer phrases and capitalised names, resolved through ``geo``."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

import geo
from extraction.nlp import words
from geo.place import Place

# Capitalised words that are never places on their own, whatever a gazetteer says.
NOT_PLACES: frozenset[str] = frozenset({
    "nato", "congress", "pentagon", "kremlin", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december", "president", "secretary", "general", "article",
    "the", "a", "an", "he", "she", "they", "it", "we", "i", "this", "that", "these", "those", "but", "and",
    "white", "house", "senate", "parliament", "un", "eu", "press", "defense", "defence", "department",
    "ministry", "army", "navy", "air", "force", "marine", "corps", "division", "brigade", "regiment",
    "command", "reuters", "cnn", "ap", "afp", "bbc", "times", "post", "journal", "news", "officials",
    "alliance", "allies", "in", "on", "at", "to", "from", "for", "of", "by", "with", "as", "if", "when",
    "additionally", "however", "meanwhile", "also", "response", "task", "joint", "special", "national",
    "guard", "airborne", "cavalry", "infantry", "stryker",
})
_QUALIFIER_JOIN = frozenset({",", "in"})
_DETERMINERS = frozenset({"the", "its", "their", "his", "her", "our", "a", "an", "nato", "nato's", "allied"})


@dataclass(frozen=True)
class PlaceMention:
    """A place named in a sentence: token span (document indices), text as written, resolution."""

    start: int
    end: int
    text: str
    place: Place


@lru_cache(maxsize=1)
def _phrase_matcher(nlp: Language) -> PhraseMatcher:
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    phrases = sorted(p for p in geo.place_phrases() if p and p not in NOT_PLACES)
    matcher.add("PLACE", [nlp.make_doc(p) for p in phrases])
    return matcher


def _is_name_token(text: str) -> bool:
    if not text or not text[0].isupper():
        return False
    return text.lower() not in NOT_PLACES or (text.isupper() and len(text) > 3)


def _capitalised_runs(sent: Span) -> list[tuple[int, int]]:
    """Runs of capitalised tokens, with ``X, N.C.``-style qualifiers joined on."""
    runs: list[tuple[int, int]] = []
    i = sent.start
    doc = sent.doc
    while i < sent.end:
        tok = doc[i]
        if _is_name_token(tok.text) and not (i == sent.start and tok.text.lower() in NOT_PLACES):
            j = i + 1
            while j < sent.end and (_is_name_token(words(doc).text[j]) or (words(doc).text[j] in ("-", "de", "al", "el")
                                    and j + 1 < sent.end and _is_name_token(words(doc).text[j + 1]))):
                j += 1
            # Qualifier: "Fort Bragg, N.C." / "Vilseck, Germany" / "Fort Bragg in North Carolina".
            if j + 1 < sent.end and words(doc).text[j] in _QUALIFIER_JOIN and _is_name_token(words(doc).text[j + 1]):
                k = j + 1
                while k < sent.end and _is_name_token(words(doc).text[k]):
                    k += 1
                qualifier = doc[j + 1:k].text
                head = geo.resolve(doc[i:j].text)
                if head.precision not in ("country", "region", "admin") and geo.resolve(qualifier).precision in (
                    "admin", "country"
                ):
                    j = k
            runs.append((i, j))
            i = j
        else:
            i += 1
    return runs


def find_places(sent: Span, nlp: Language) -> list[PlaceMention]:
    """Every place mention in ``sent`` that resolves, longest first where they overlap."""
    doc: Doc = sent.doc
    spans: list[Span] = []
    cached = doc.user_data.get("place_phrases")
    if cached is None:
        cached = [(s, e) for _, s, e in _phrase_matcher(nlp)(doc)]
        doc.user_data["place_phrases"] = cached
    for s, e in cached:
        if sent.start <= s and e <= sent.end:
            spans.append(doc[s:e])
    for s, e in _capitalised_runs(sent):
        spans.append(doc[s:e])
    mentions: list[PlaceMention] = []
    context = sent.text
    for span in filter_spans(spans):
        s, e = span.start, span.end
        while s < e and words(doc).lower[s] in _DETERMINERS:
            s += 1
        if s >= e:
            continue
        text = doc[s:e].text.rstrip(",")
        if text.lower().removesuffix("’s").removesuffix("'s") in NOT_PLACES:
            continue
        if e - s == 1 and geo.demonym_country(text) and geo.resolve(text).precision == "unresolved":
            continue
        place = geo.resolve(text, context)
        if place.precision == "unresolved":
            # A trailing possessive or plural adjective may hide the name ("Ukraine’s", "Baltic").
            trimmed = text.removesuffix("’s").removesuffix("'s")
            if trimmed != text:
                place = geo.resolve(trimmed, context)
        mentions.append(PlaceMention(s, e, text, place))
    return mentions
