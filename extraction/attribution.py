"""Who a statement is credited to: ``Kirby said``, ``according to the AP``, ``per the Wall Street Journal``."""

from __future__ import annotations

import re

from spacy.tokens import Span

import geo
from extraction.lexicon import ATTRIBUTION_INTROS, SPEAKER_STOPWORDS, SPEECH_VERBS
from extraction.nlp import words

_SKIP_BEFORE_VERB = frozenset({
    "on", "last", "this", "also", "has", "had", "have", "further", "repeatedly", "later", "earlier", "then",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "yesterday", "today",
    "week", "month", "previously", "again", "already", "initially", "first", "officially",
})
_GROUP_NOUNS = frozenset({"officials", "sources", "diplomats", "officers", "commanders", "analysts"})
_PRONOUNS = frozenset({"he", "she", "they"})
_NAME_JOINERS = frozenset({"of", "for", "and"})
# Capitalised words that open a sentence or a phrase, never a person's name ("From Chad, ...").
_NOT_FIRST_NAMES = frozenset({
    "from", "in", "on", "at", "to", "into", "after", "before", "since", "during", "for", "with", "by", "as",
    "near", "across", "inside", "outside", "when", "while", "if", "but", "and", "or", "so", "then",
    "meanwhile", "also", "last", "next", "this", "that", "these", "those", "both", "all", "some", "many",
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "new", "old",
})
CONTINUATIONS = ("in addition", "additionally", "also,", "he ", "she ", "they ", "moreover", "furthermore")


def _strip_titles(words: list[str]) -> str | None:
    while len(words) > 1 and (words[0].lower() in SPEAKER_STOPWORDS or words[0].lower() in _NAME_JOINERS):
        words = words[1:]
    name = " ".join(words).removesuffix("’s").removesuffix("'s").strip(" ,.")
    return name or None


def _run_before(sent: Span, i: int) -> str | None:
    """The capitalised name ending just before token ``i`` (skipping time words)."""
    tw = words(sent.doc)
    j = i - 1
    while j >= sent.start and (tw.lower[j] in _SKIP_BEFORE_VERB or tw.text[j] in ("“", "”", "\"")):
        j -= 1
    if j < sent.start:
        return None
    if tw.lower[j] in _PRONOUNS:
        return "<pronoun>"
    if tw.lower[j] in _GROUP_NOUNS:
        k = j
        while k - 1 >= sent.start and tw.text[k - 1][:1].isupper() and tw.lower[k - 1] != "the":
            k -= 1
        return tw.span_text(k, j + 1)
    if not tw.text[j][:1].isupper():
        return None
    k = j
    while k - 1 >= sent.start and (tw.text[k - 1][:1].isupper() or tw.text[k - 1] in (".",) or (
            tw.lower[k - 1] in _NAME_JOINERS and k - 2 >= sent.start and tw.text[k - 2][:1].isupper())) and \
            tw.lower[k - 1] != "the" and k - 1 > sent.start - 1:
        k -= 1  # "Ministry of Defence": a name may hold "of" or "for" between its capitalised words
    if k == sent.start and k == j and tw.lower[k] in SPEAKER_STOPWORDS:
        return None
    name = _strip_titles(tw.text[k:j + 1])
    if name and tw.lower[k] in SPEAKER_STOPWORDS and name.lower() in SPEAKER_STOPWORDS:
        return " ".join(tw.text[k:j + 1])  # the title is the name: "the Ministry of Defence said"
    return name


def _run_after(sent: Span, i: int) -> str | None:
    tw = words(sent.doc)
    j = i
    while j < sent.end and tw.lower[j] in ("the",):
        j += 1
    k = j
    while k < sent.end and (tw.text[k][:1].isupper() or (tw.lower[k] in ("of", "&") and k > j)):
        k += 1
    if k == j:
        return None
    return _strip_titles(tw.text[j:k])


def speaker_in(sent: Span) -> str | None:
    """The person or organisation a sentence credits, as written (titles removed); ``<pronoun>`` for he/she."""
    tw = words(sent.doc)
    lowers = tw.lower[sent.start:sent.end]
    present = set(lowers)
    for intro in ATTRIBUTION_INTROS:
        if intro[0] not in present:
            continue
        for i in range(len(lowers) - len(intro) + 1):
            if lowers[i] == intro[0] and tuple(lowers[i:i + len(intro)]) == intro:
                name = _run_after(sent, sent.start + i + len(intro))
                if name:
                    return name
    if present.isdisjoint(SPEECH_VERBS):
        return None
    best: str | None = None
    for at, low in enumerate(lowers, start=sent.start):
        if low not in SPEECH_VERBS or low == "according":
            continue
        name = _run_before(sent, at)
        if name is None and at > sent.start and tw.text[at - 1] == ",":
            name = _run_after(sent, at + 1)
        if name is None and at + 1 < sent.end and at > sent.start and tw.text[at - 1] in (",", "”"):
            name = _run_after(sent, at + 1)
        if name:
            best = name
            if name != "<pronoun>":
                break
    return best


def expand_name(name: str | None, full_names: dict[str, str]) -> str | None:
    """``Kirby`` to ``John Kirby`` when the article names him in full elsewhere."""
    if name is None or " " in name:
        return name
    return full_names.get(name, name)


_NAME_RUN = re.compile(r"\b[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+)+\b")


def full_names_in(text: str) -> dict[str, str]:
    """Surname to full name for every two- or three-word capitalised name in the text."""
    table: dict[str, str] = {}
    for match in _NAME_RUN.finditer(text):
        words = [w for w in match.group().split() if w.lower() not in SPEAKER_STOPWORDS]
        if words and (words[0].lower() in _NOT_FIRST_NAMES or geo.demonym_country(words[0])):
            continue  # "From Chad", "In Mali", "French Guiana": not a person's name
        if 2 <= len(words) <= 3:
            table.setdefault(words[-1], " ".join(words))
    return table
