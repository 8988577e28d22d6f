"""When a claim happens: the date or period its sentence names, resolved against the publication date.

An article published on Wednesday 2 February 2022 that says "last week" means 24 to 30 January; "on Monday"
means 31 January; "in March" means March 2022 when the sentence looks ahead ("will", "next") and March 2021
when it looks back; "by 2027" means up to the end of 2027. Only words the sentence holds are read: nothing is
guessed from the article's other sentences, and a sentence that names no time gets no period. Weeks start on
Monday (ISO 8601).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from dataclasses import replace
from datetime import date, timedelta
from typing import Final

from extraction.model import Claim, Period

MONTHS: Final[dict[str, int]] = {
    name: number
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number])
} | {"Sept": 9}
"""Month names as written, capitalised: lower-case "may" and "march" are a verb, not a month."""
WEEKDAYS: Final[dict[str, int]] = {calendar.day_name[i]: i for i in range(7)}

FUTURE_CUES: Final = re.compile(r"\b(will|would|shall|is to|are to|plans? to|next|upcoming|coming|expected to)\b", re.I)
"""Words that make a bare month or weekday point ahead of the publication date rather than behind it."""

_MONTH = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))
_WEEKDAY = "|".join(WEEKDAYS)
_YEAR = r"(?:19|20)\d\d"

# Most specific first: a full date before a bare month, "by 2027" before "in 2027".
_PATTERNS: Final[tuple[tuple[str, re.Pattern[str]], ...]] = tuple(
    (name, re.compile(pattern))
    for name, pattern in (
        ("day_month_year", rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)? (?P<month>{_MONTH})\.?,? (?P<year>{_YEAR})\b"),
        ("month_day_year", rf"\b(?P<month>{_MONTH})\.? (?P<day>\d{{1,2}})(?:st|nd|rd|th)?,? (?P<year>{_YEAR})\b"),
        ("day_month", rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)? (?P<month>{_MONTH})\b"),
        ("month_day", rf"\b(?P<month>{_MONTH})\.? (?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?!,? {_YEAR})(?![\d,])"),
        ("by_year", rf"\b(?i:by|until|through) (?i:the end of )?(?P<year>{_YEAR})\b"),
        ("month_year", rf"\b(?P<month>{_MONTH})\.? (?:of )?(?P<year>{_YEAR})\b"),
        ("in_month", rf"\b(?i:in|by|since|until|early|late|mid-?)\s?(?P<month>{_MONTH})\b"),
        ("in_year", rf"\b(?i:in|during|since) (?P<year>{_YEAR})\b"),
        ("relative_day", r"\b(?i:(?P<word>yesterday|today|tomorrow))\b"),
        ("relative_span", r"\b(?i:(?P<which>last|this|next|past) (?P<span>week|month|year))\b"),
        ("weekday", rf"\b(?:(?i:(?P<which>last|next|this)) |(?i:on) )?(?P<weekday>{_WEEKDAY})\b"),
    )
)


_ABSOLUTE: Final = frozenset({"day_month_year", "month_day_year", "month_year", "in_year"})
"""Expressions that need no publication date to be resolved."""


def _iso(day: date) -> str:
    return day.isoformat()


def _month_span(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _safe_day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _resolve(name: str, match: re.Match[str], published: date, ahead: bool) -> tuple[date, date] | None:
    """The first and last day a matched expression means, or ``None`` when it is not a real date."""
    groups = match.groupdict()
    month = MONTHS.get(groups["month"]) if groups.get("month") else None
    year = int(groups["year"]) if groups.get("year") else None
    if name in ("day_month_year", "month_day_year") and month and year:
        day = _safe_day(year, month, int(groups["day"]))
        return (day, day) if day else None
    if name in ("day_month", "month_day") and month:
        day = _safe_day(published.year, month, int(groups["day"]))
        if day is None:
            return None
        if ahead and day < published:
            day = _safe_day(published.year + 1, month, day.day) or day
        elif not ahead and day > published:
            day = _safe_day(published.year - 1, month, day.day) or day
        return day, day
    if name == "by_year" and year:
        return published, date(year, 12, 31)
    if name == "month_year" and month and year:
        return _month_span(year, month)
    if name == "in_month" and month:
        year = published.year
        if ahead and month < published.month:
            year += 1
        elif not ahead and month > published.month:
            year -= 1
        return _month_span(year, month)
    if name == "in_year" and year:
        return date(year, 1, 1), date(year, 12, 31)
    if name == "relative_day":
        shift = {"yesterday": -1, "today": 0, "tomorrow": 1}[groups["word"].casefold()]
        day = published + timedelta(days=shift)
        return day, day
    if name == "relative_span":
        return _relative_span(groups["which"].casefold(), groups["span"].casefold(), published)
    if name == "weekday":
        return _weekday(groups.get("which"), WEEKDAYS[groups["weekday"]], published, ahead)
    return None


def _relative_span(which: str, span: str, published: date) -> tuple[date, date]:
    step = {"last": -1, "past": -1, "this": 0, "next": 1}[which]
    if span == "week":
        monday = published - timedelta(days=published.weekday()) + timedelta(weeks=step)
        if which == "past":  # "the past week": the seven days up to publication
            return published - timedelta(days=7), published
        return monday, monday + timedelta(days=6)
    if span == "month":
        month_index = published.year * 12 + published.month - 1 + step
        return _month_span(month_index // 12, month_index % 12 + 1)
    return date(published.year + step, 1, 1), date(published.year + step, 12, 31)


def _weekday(which: str | None, weekday: int, published: date, ahead: bool) -> tuple[date, date]:
    """"On Wednesday": the latest such day on or before publication, or the next one when the sentence looks ahead."""
    word = (which or "").casefold()
    if word == "next" or (ahead and word != "last"):
        days = (weekday - published.weekday()) % 7 or 7
        day = published + timedelta(days=days)
    else:
        days = (published.weekday() - weekday) % 7
        if word == "last" and days == 0:
            days = 7
        day = published - timedelta(days=days)
    return day, day


def period_in(text: str, published: str | None) -> Period | None:
    """The date or period ``text`` names, resolved against ``published`` (``YYYY-MM-DD``).

    Args:
        text: One claim's quote.
        published: The source's publication date; without it only absolute dates ("in 2024",
            "3 March 2022") can be resolved.

    Returns:
        The first time expression found in ``text`` as a :class:`Period`, or ``None`` when there is none or
        it needs a publication date that is missing.
    """
    try:
        day = date.fromisoformat(published) if published else None
    except ValueError:
        day = None
    ahead = FUTURE_CUES.search(text) is not None
    for name, pattern in _PATTERNS:
        if day is None and name not in _ABSOLUTE:
            continue
        for match in pattern.finditer(text):
            span = _resolve(name, match, day or date.min, ahead)
            if span is not None:
                return Period(_iso(span[0]), _iso(span[1]), match.group(0).strip())
    return None


def with_time(claims: Iterable[Claim], published: str | None) -> tuple[Claim, ...]:
    """Each claim with its source's publication date and the period its quote names (where it names one)."""
    return tuple(replace(c, published=published, refers_to=period_in(c.evidence.text, published)) for c in claims)
