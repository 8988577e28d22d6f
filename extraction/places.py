"""Place mentions in a sentence: gazetteer phrases and capitalised names, resolved through ``geo``."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span

import geo
from extraction.nlp import words
from geo.collector import collector_paused
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
# Nouns after a demonym that make it the country's land: "Ukrainian territory", "Polish soil".
COUNTRY_LAND: frozenset[str] = frozenset({"territory", "soil", "airspace", "waters", "border", "borders", "frontier",
                                          "mainland", "coast", "side"})
_DETERMINERS = frozenset({"the", "its", "their", "his", "her", "our", "a", "an", "nato", "nato's", "allied"})


@dataclass(frozen=True)
class PlaceMention:
    """A place named in a sentence: token span (document indices), text as written, its sentence.

    The resolution is looked up only when something asks for it: most capitalised names in a
    sentence (people, organisations) never take a role in a claim.
    """

    start: int
    end: int
    text: str
    context: str
    query: str = ""  # what to look up, where it is not the text ("Ukrainian territory" -> Ukraine)

    @cached_property
    def place(self) -> Place:
        """The mention resolved through ``geo`` (with its sentence as context)."""
        if self.query:
            found = _resolve(self.query)
            return replace(found, mention=self.text, why=f"'{self.text}' names the land of a country") \
                if found.resolved else found
        place = _resolve(self.text, self.context)
        if place.precision == "unresolved":
            # A trailing possessive may hide the name ("Ukraine’s").
            trimmed = self.text.removesuffix("’s").removesuffix("'s")
            if trimmed != self.text:
                place = _resolve(trimmed, self.context)
        return place


@lru_cache(maxsize=8192)
def _resolve(text: str, context: str = "") -> Place:
    """``geo.resolve``, remembered: articles name the same places again and again."""
    return geo.resolve(text, context)


_CHUNK_END = re.compile(r"[\s,;:!?()\"“”]")
_CHUNK = re.compile(r"[^\s,;:!?()\"“”]+")
_NO_PHRASES: tuple[frozenset[str], int] = (frozenset(), 0)


def _first_word(text: str, at: int = 0) -> str:
    """The text from ``at`` up to the next space or punctuation that ends a word."""
    m = _CHUNK_END.search(text, at)
    return text[at:m.start() if m else len(text)]


@lru_cache(maxsize=1)
def _phrases_by_first_word() -> dict[str, tuple[frozenset[str], int]]:
    """Gazetteer phrases keyed by their first word, with the length of the longest.

    Matching phrases against the lowercased text (and checking that they end on a token boundary)
    avoids tokenising thousands of phrases at start-up, which a spaCy PhraseMatcher would need.
    """
    table: dict[str, list[str]] = {}
    with collector_paused():
        for phrase in geo.place_phrases():
            if len(phrase) >= 2 and phrase not in NOT_PLACES:
                table.setdefault(_first_word(phrase), []).append(phrase)
        return {k: (frozenset(v), max(map(len, v))) for k, v in table.items()}


def _phrase_spans(doc: Doc) -> list[tuple[int, int]]:
    """Token spans of gazetteer phrases in ``doc``, the longest at each token (computed once per document).

    A phrase counts where the text from a token's start to some token's end is one of the phrases
    filed under the word the token starts ("fort" for "Fort Bragg, N.C.").
    """
    cached = doc.user_data.get("place_phrases")
    if cached is not None:
        return cached
    table = _phrases_by_first_word()
    w = words(doc)
    lowered = w.full.lower()
    count = len(w.idx)
    chunks = {m.start(): m.group() for m in _CHUNK.finditer(lowered)}
    found: list[tuple[int, int]] = []
    for k, at in enumerate(w.idx):
        word = chunks.get(at)
        if word is None:  # a token inside a chunk: "russia" in "pro-russia"
            word = _first_word(lowered, at)
        phrases, longest = table.get(word) or table.get(word.rstrip("."), _NO_PHRASES)
        if not longest:
            continue
        last = None
        e = k
        while e < count:
            end = w.idx[e] + len(w.text[e])
            if end - at > longest:
                break
            if lowered[at:end] in phrases:
                last = e
            e += 1
        if last is not None:
            found.append((k, last + 1))
    doc.user_data["place_phrases"] = found
    return found


def _is_name_token(text: str) -> bool:
    if not text or not text[0].isupper():
        return False
    return text.lower() not in NOT_PLACES or (text.isupper() and len(text) > 3)


def _capitalised_runs(sent: Span) -> list[tuple[int, int]]:
    """Runs of capitalised tokens, with ``X, N.C.``-style qualifiers joined on."""
    tw = words(sent.doc)
    runs: list[tuple[int, int]] = []
    i = sent.start
    while i < sent.end:
        if _is_name_token(tw.text[i]) and not (i == sent.start and tw.lower[i] in NOT_PLACES):
            j = i + 1
            while j < sent.end and (_is_name_token(tw.text[j]) or (tw.text[j] in ("-", "de", "al", "el")
                                    and j + 1 < sent.end and _is_name_token(tw.text[j + 1]))):
                j += 1
            # Qualifier: "Fort Bragg, N.C." / "Vilseck, Germany" / "Fort Bragg in North Carolina".
            if j + 1 < sent.end and tw.text[j] in _QUALIFIER_JOIN and _is_name_token(tw.text[j + 1]):
                k = j + 1
                while k < sent.end and _is_name_token(tw.text[k]):
                    k += 1
                qualifier = tw.span_text(j + 1, k)
                head = _resolve(tw.span_text(i, j))
                if head.precision not in ("country", "region", "admin") and _resolve(qualifier).precision in (
                    "admin", "country"
                ):
                    j = k
            runs.append((i, j))
            i = j
        else:
            i += 1
    return runs


def _longest_first(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Token spans that do not overlap, the longer (then the earlier) winning; as spaCy's ``filter_spans``."""
    taken: set[int] = set()
    kept: list[tuple[int, int]] = []
    for s, e in sorted(spans, key=lambda span: (span[1] - span[0], -span[0]), reverse=True):
        if s not in taken and e - 1 not in taken:
            kept.append((s, e))
            taken.update(range(s, e))
    return sorted(kept)


def find_places(sent: Span, nlp: Language) -> list[PlaceMention]:
    """Every place mention in ``sent`` that resolves, longest first where they overlap."""
    tw = words(sent.doc)
    spans: list[tuple[int, int]] = []
    phrases = _phrase_spans(sent.doc)
    first = bisect_left(phrases, (sent.start, 0))
    for s, e in phrases[first:]:
        if s >= sent.end:
            break
        if e <= sent.end:
            spans.append((s, e))
    spans.extend(_capitalised_runs(sent))
    mentions: list[PlaceMention] = []
    context = tw.full[sent.start_char:sent.end_char]
    for s, e in _longest_first(spans):
        while s < e and tw.lower[s] in _DETERMINERS:
            s += 1
        if s >= e:
            continue
        text = tw.span_text(s, e).rstrip(",")
        if text.lower().removesuffix("’s").removesuffix("'s") in NOT_PLACES:
            continue
        if e - s == 1 and geo.demonym_country(text) and _resolve(text).precision == "unresolved":
            land = tw.lower[e] if e < sent.end else ""
            code = geo.demonym_country(text)
            name = geo.country_name(code) if code and land in COUNTRY_LAND else None
            if name:  # "Ukrainian territory", "Polish soil": the country itself
                mentions.append(PlaceMention(s, e + 1, tw.span_text(s, e + 1), context, query=name))
            continue
        mentions.append(PlaceMention(s, e, text, context))
    return mentions
