"""When a claim happens: time words in a quote resolved against the publication date (table-driven)."""

from __future__ import annotations

import pytest

from extraction.model import Period
from extraction.timing import period_in, with_time
from tests.builders import claim

WEDNESDAY = "2022-02-02"  # a Wednesday

CASES = [
    pytest.param("Marines were put on standby last week", WEDNESDAY, ("2022-01-24", "2022-01-30", "last week"),
                 id="last-week-is-the-monday-to-sunday-before"),
    pytest.param("The paratroopers landed on Monday", WEDNESDAY, ("2022-01-31", "2022-01-31", "on Monday"),
                 id="bare-weekday-looks-back"),
    pytest.param("The brigade will leave on Friday", WEDNESDAY, ("2022-02-04", "2022-02-04", "on Friday"),
                 id="weekday-with-will-looks-ahead"),
    pytest.param("A battalion arrived on Wednesday", WEDNESDAY, ("2022-02-02", "2022-02-02", "on Wednesday"),
                 id="weekday-of-publication-is-that-day"),
    pytest.param("The army wants a full brigade stationed there by 2027", WEDNESDAY,
                 ("2022-02-02", "2027-12-31", "by 2027"), id="by-year-runs-from-publication"),
    pytest.param("Engineers went out in March", WEDNESDAY, ("2021-03-01", "2021-03-31", "in March"),
                 id="later-month-in-past-tense-is-last-year"),
    pytest.param("More soldiers will go in March", WEDNESDAY, ("2022-03-01", "2022-03-31", "in March"),
                 id="later-month-in-future-tense-is-this-year"),
    pytest.param("Some 900 sailors sailed in January", WEDNESDAY, ("2022-01-01", "2022-01-31", "in January"),
                 id="earlier-month-is-this-year"),
    pytest.param("Tanks crossed on 24 February 2022", "2022-03-10", ("2022-02-24", "2022-02-24", "24 February 2022"),
                 id="full-date-day-first"),
    pytest.param("Jets moved on Feb. 14, 2022, officials said", "2022-03-01",
                 ("2022-02-14", "2022-02-14", "Feb. 14, 2022"), id="full-date-month-first-abbreviated"),
    pytest.param("Troops were sent yesterday", WEDNESDAY, ("2022-02-01", "2022-02-01", "yesterday"),
                 id="yesterday"),
    pytest.param("Reinforcements came last month", WEDNESDAY, ("2022-01-01", "2022-01-31", "last month"),
                 id="last-month-crosses-the-year"),
    pytest.param("The drills end next year", WEDNESDAY, ("2023-01-01", "2023-12-31", "next year"), id="next-year"),
    pytest.param("A rotation began in 2019", None, ("2019-01-01", "2019-12-31", "in 2019"),
                 id="absolute-year-needs-no-publication-date"),
]


@pytest.mark.parametrize(("text", "published", "expected"), CASES)
def test_time_words_resolve_against_the_publication_date(text: str, published: str | None,
                                                         expected: tuple[str, str, str]) -> None:
    assert period_in(text, published) == Period(*expected)


@pytest.mark.parametrize(
    ("text", "published"),
    [
        pytest.param("The Pentagon may send 3,000 troops", WEDNESDAY, id="may-the-verb-is-no-month"),
        pytest.param("Columns march toward the border", WEDNESDAY, id="march-the-verb-is-no-month"),
        pytest.param("Troops were sent last week", None, id="relative-words-need-a-publication-date"),
        pytest.param("About 2,000 soldiers are going to Poland", WEDNESDAY, id="no-time-words"),
        pytest.param("On February 30, 2022 nothing happened", WEDNESDAY, id="impossible-date"),
    ],
)
def test_no_period_where_the_sentence_names_none(text: str, published: str | None) -> None:
    assert period_in(text, published) is None


def test_every_claim_carries_its_sources_date_and_round_trips() -> None:
    dated = with_time([claim("s1", quote="It sent 1,000 troops last week")], WEDNESDAY)[0]
    assert dated.published == WEDNESDAY
    assert dated.refers_to == Period("2022-01-24", "2022-01-30", "last week")
    assert type(dated).from_dict(dated.to_dict()) == dated
