"""Troop counts as written: digits, number words, approximations, ranges and vague amounts."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span

from extraction.nlp import words as token_words

_UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
_APPROX = (
    ("more", "than"), ("fewer", "than"), ("less", "than"), ("as", "many", "as"), ("up", "to"),
    ("at", "least"), ("close", "to"), ("an", "estimated"), ("some",), ("about",), ("approximately",),
    ("roughly",), ("around",), ("nearly",), ("almost",), ("over",), ("estimated",), ("~",), ("another",),
    ("an", "additional"), ("a", "further"), ("just", "over"), ("just", "under"), ("under",), ("only",),
    ("approx.",), ("circa",), ("upwards", "of"), ("the", "remaining"), ("remaining",),
)
_VAGUE = (
    ("tens", "of", "thousands"), ("hundreds", "of", "thousands"), ("several", "thousand"),
    ("several", "hundred"), ("a", "few", "thousand"), ("a", "few", "hundred"), ("a", "handful", "of"),
    ("thousands",), ("hundreds",), ("dozens",), ("scores", "of"), ("a", "number", "of"), ("many",),
    ("several",), ("a", "few"),
)
_AFTER = frozenset({"more", "additional", "extra", "others"})
_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d+$|^\d+(?:\.\d+)?[kK]$|^\d+\.\d+$")
_MONTHS = frozenset({
    "jan.", "feb.", "mar.", "apr.", "jun.", "jul.", "aug.", "sep.", "sept.", "oct.", "nov.", "dec.",
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december",
})
_CURRENCY = frozenset({"$", "€", "£", "¥", "us$", "usd", "eur", "gbp"})


@dataclass(frozen=True)
class CountMention:
    """A count phrase in a sentence; token indices are relative to the document.

    Attributes:
        start: Index of the first token (including an approximation like ``about``).
        end: Index one past the last token.
        number_start: Index of the first token of the number itself.
        value: The number, or ``None`` when vague (``tens of thousands``) or a range.
        text: The phrase as written.
    """

    start: int
    end: int
    number_start: int
    value: int | None
    text: str


def _word_value(words: list[str]) -> int | None:
    total = current = 0
    seen = False
    for w in words:
        w = w.lower().replace("-", " ")
        parts = w.split()
        for p in parts:
            if p in _UNITS:
                current += _UNITS[p]
                seen = True
            elif p in _SCALES:
                current = max(current, 1) * _SCALES[p]
                if _SCALES[p] >= 1000:
                    total += current
                    current = 0
                seen = True
            elif p in ("a", "and") and seen:
                continue
            elif p == "a":
                current = 1
            else:
                return None
    return total + current if seen else None


def digits_value(text: str) -> int | None:
    """``1,700`` to 1700, ``1.5`` kept as float-free int only when whole; ``100k`` to 100000."""
    if not _DIGITS.match(text):
        return None
    if text[-1] in "kK":
        return int(float(text[:-1]) * 1000)
    if "." in text:
        return None
    return int(text.replace(",", ""))


def _by_first_word(phrases: tuple[tuple[str, ...], ...]) -> dict[str, list[tuple[str, ...]]]:
    table: dict[str, list[tuple[str, ...]]] = {}
    for phrase in sorted(phrases, key=len, reverse=True):
        table.setdefault(phrase[0], []).append(phrase)
    return table


_APPROX_BY_FIRST = _by_first_word(_APPROX)
_VAGUE_BY_FIRST = _by_first_word(_VAGUE)
# Words a count can start with, other than digits: most words of a sentence are none of these.
_COUNT_STARTS = frozenset({*_APPROX_BY_FIRST, *_VAGUE_BY_FIRST, *_UNITS, *_SCALES, "a", "and"})


def _count_starts(words: list[str], texts: list[str]) -> list[int]:
    """Positions a count may start at: a digit, a number word, or a word of an approximation."""
    return [i for i, (word, text) in enumerate(zip(words, texts, strict=True))
            if word in _COUNT_STARTS or text[:1].isdigit() or text[:1] == "." or "-" in word]


def _longest(table: dict[str, list[tuple[str, ...]]], words: list[str], i: int) -> tuple[str, ...] | None:
    """The longest phrase of ``table`` that starts at ``words[i]``."""
    if i >= len(words):
        return None
    for phrase in table.get(words[i], ()):
        if tuple(words[i:i + len(phrase)]) == phrase:
            return phrase
    return None


def find_counts(sent: Span) -> list[CountMention]:
    """Every count phrase in ``sent`` that could be a number of people (not money, years or dates)."""
    tw = token_words(sent.doc)
    words = tw.lower[sent.start:sent.end]
    texts = tw.text[sent.start:sent.end]
    found: list[CountMention] = []
    i = 0
    n = len(words)
    for candidate in _count_starts(words, texts):
        if candidate < i:
            continue  # inside the count just read
        i = candidate
        start = i
        approx = _longest(_APPROX_BY_FIRST, words, i)
        if approx is not None:
            i += len(approx)
        vague = _longest(_VAGUE_BY_FIRST, words, i)
        num_start = i
        value: int | None = None
        end = i
        if vague is not None:
            end = i + len(vague)
            value = None
        else:
            j = i
            v = digits_value(texts[j]) if j < n else None
            if v is not None:
                end = j + 1
                if end < n and words[end] in ("million", "thousand"):
                    v = v * _SCALES[words[end]]
                    end += 1
                value = v
            elif j < n and texts[j].replace(".", "", 1).isdigit() and j + 1 < n and words[j + 1] in (
                "million", "thousand"
            ):
                value = int(float(texts[j]) * _SCALES[words[j + 1]])
                end = j + 2
            else:
                k = j
                while k < n and (words[k] in _UNITS or words[k] in _SCALES or ("-" in words[k]
                                 and all(p in _UNITS for p in words[k].split("-")))
                                 or (words[k] in ("a", "and") and k + 1 < n and words[k + 1] in _SCALES)):
                    k += 1
                if k > j:
                    value = _word_value(words[j:k])
                    end = k if value is not None else j
        if end == num_start:
            i = start + 1
            continue
        if _is_not_people(texts, num_start, end, words):
            i = end
            continue
        # Ranges: "3,000 to 5,000", "between 3,000 and 5,000" -> value unknown, text kept.
        is_range = end + 1 < n and words[end] in ("to", "-", "–", "and") and digits_value(texts[end + 1])
        if is_range and (words[end] != "and" or (start > 0 and words[start - 1] == "between")):
            end += 2
            value = None
            if start > 0 and words[start - 1] == "between":
                start -= 1
        while end < n and words[end] in _AFTER:
            end += 1
        base = sent.start
        text = tw.span_text(base + start, base + end)
        found.append(CountMention(base + start, base + end, base + num_start, value, text))
        i = end
    return found


def _is_not_people(texts: list[str], s: int, e: int, words: list[str]) -> bool:
    """Years, dates, money, percentages, ordinals and article numbers are never troop counts."""
    prev = words[s - 1] if s > 0 else ""
    prev2 = words[s - 2] if s > 1 else ""
    nxt = words[e] if e < len(words) else ""
    text = texts[s]
    if prev in _CURRENCY or text.startswith(("$", "US$", "€", "£")) or prev2 in _CURRENCY:
        return True
    if prev in _MONTHS or nxt in _MONTHS or prev in ("article", "no.", "number", "page", "chapter"):
        return True
    if nxt in ("%", "percent", "per", "million", "billion", "trillion") and e - s == 1 and nxt != "million":
        return True
    if nxt in ("billion", "trillion", "percent", "%"):
        return True
    v = digits_value(text)
    if v is not None and "," not in text and 1900 <= v <= 2100:
        return True
    if nxt in (":", "a.m.", "p.m.", "am", "pm", "gmt", "utc"):
        return True
    return text.isdigit() and nxt.startswith(("st", "nd", "rd", "th")) and len(nxt) <= 2
