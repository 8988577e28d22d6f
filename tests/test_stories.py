"""Sources grouped into stories: same event when published close together and sharing forces and places."""

from __future__ import annotations

import pytest

from extraction.model import Source
from extraction.stories import STORY_WINDOW_DAYS, StoryChoice, group_stories, in_range
from tests.builders import claim, country, site

PL, DE, RO, UA, FR = (country(c) for c in ("PL", "DE", "RO", "UA", "FR"))


def source(sid: str, published: str | None) -> Source:
    return Source(id=sid, path=f"{sid}.txt", outlet=f"Outlet {sid}", published=published)


def keys(stories: tuple[object, ...]) -> list[list[str]]:
    return sorted(sorted(s.source_ids) for s in stories)  # type: ignore[attr-defined]


CASES = [
    pytest.param([("a", "2022-02-02", "US", PL), ("b", "2022-02-03", "US", PL)], [["a", "b"]],
                 id="same-force-same-country-next-day-is-one-story"),
    pytest.param([("a", "2022-02-02", "US", PL), ("b", "2024-04-09", "US", PL)], [["a"], ["b"]],
                 id="same-place-two-years-apart-is-two-stories"),
    pytest.param([("a", "2022-02-02", "US", PL), ("b", "2022-02-02", "DE", PL)], [["a"], ["b"]],
                 id="other-force-same-day-is-another-story"),
    pytest.param([("a", "2022-02-02", "US", PL), ("b", "2022-02-02", "US", FR)], [["a"], ["b"]],
                 id="same-force-other-place-is-another-story"),
    pytest.param([("a", "2022-02-01", "US", PL), ("b", "2022-02-01", "US", RO), ("c", "2022-02-03", "US", RO)],
                 [["a"], ["b", "c"]], id="joins-the-story-it-shares-with"),
    pytest.param([("a", "2022-02-02", "US", PL), ("b", None, "US", PL)], [["a", "b"]],
                 id="undated-source-joins-by-what-it-shares"),
    pytest.param([("a", "2022-02-02", "US", PL), ("b", "2022-02-02", "US", None)], [["a"], ["b"]],
                 id="a-source-with-no-placed-claim-is-its-own-story"),
]


@pytest.mark.parametrize(("articles", "expected"), CASES)
def test_sources_are_grouped_into_stories(articles: list[tuple[str, str | None, str, object]],
                                          expected: list[list[str]]) -> None:
    sources = [source(sid, when) for sid, when, _, _ in articles]
    claims = [claim(sid, 1000, (place,) if place else (), force=force)  # type: ignore[arg-type]
              for sid, _, force, place in articles]
    assert keys(group_stories(sources, claims)) == expected


def test_the_window_is_counted_from_the_storys_first_source() -> None:
    days = [f"2022-02-{d:02d}" for d in (1, 1 + STORY_WINDOW_DAYS, 2 + STORY_WINDOW_DAYS)]
    sources = [source(f"s{i}", d) for i, d in enumerate(days)]
    stories = group_stories(sources, [claim(s.id, 500, (RO,)) for s in sources])
    assert keys(stories) == [["s0", "s1"], ["s2"]]


def test_stories_come_latest_first_with_a_name_from_force_places_and_month() -> None:
    sources = [source("old", "2021-04-19"), source("new", "2024-04-09")]
    stories = group_stories(sources, [claim("old", 900, (UA,), force="RU"), claim("new", 4800, (DE,), force="DE")])
    assert [s.source_ids for s in stories] == [("new",), ("old",)]
    assert stories[1].name == "Russia → Ukraine · Apr 2021"
    assert (stories[0].start, stories[0].end, stories[0].claim_count) == ("2024-04-09", "2024-04-09", 1)


@pytest.mark.parametrize(("force", "named"), [("KP", "North Korea"), ("NATO", "NATO"), ("unknown", "?")])
def test_a_storys_name_gives_the_force_as_a_reader_names_it(force: str, named: str) -> None:
    (story,) = group_stories([source("a", "2024-10-18")], [claim("a", 1000, (UA,), force=force)])
    assert story.name == f"{named} → Ukraine · Oct 2024"


def test_a_users_choice_moves_a_source_and_names_its_story() -> None:
    sources = [source("a", "2022-02-02"), source("b", "2022-02-02"), source("c", "2023-05-30")]
    claims = [claim("a", 1, (PL,)), claim("b", 2, (PL,)), claim("c", 3, (FR,))]
    automatic = group_stories(sources, claims)
    target = next(s.key for s in automatic if "c" in s.source_ids)
    moved = group_stories(sources, claims, {"b": StoryChoice(key=target, name="Exercise season")})
    assert keys(moved) == [["a"], ["b", "c"]]
    assert next(s for s in moved if "c" in s.source_ids).name == "Exercise season"
    alone = group_stories(sources, claims, {"b": StoryChoice(key="story:b")})
    assert keys(alone) == [["a"], ["b"], ["c"]]


@pytest.mark.parametrize(
    ("published", "start", "end", "inside"),
    [("2022-02-02", "2022-02-01", "2022-02-02", True), ("2022-02-03", "2022-02-01", "2022-02-02", False),
     ("2022-01-31", "2022-02-01", None, False), (None, "2022-02-01", "2022-02-02", True)],
)
def test_range_keeps_sources_published_inside_it_and_undated_ones(
        published: str | None, start: str | None, end: str | None, inside: bool) -> None:
    assert in_range(source("x", published), start, end) is inside


def test_the_seed_articles_are_one_story() -> None:
    from tests.test_export_tables import seed_document

    document = seed_document()
    (story,) = group_stories(document.sources, document.claims)
    assert set(story.source_ids) == {s.id for s in document.sources}


def test_timeline_rows_count_each_storys_sources_per_day_and_mark_the_one_shown() -> None:
    from dashboard.story_panel import ON_MAP, OTHER, timeline_rows

    sources = [source("a", "2022-02-02"), source("b", "2022-02-02"), source("c", "2024-04-09"), source("d", None)]
    claims = [claim("a", 1, (PL,)), claim("b", 2, (PL,)), claim("c", 3, (FR,)), claim("d", 4, (RO,))]
    stories = group_stories(sources, claims)
    seeds_like = next(s for s in stories if "a" in s.source_ids)
    rows = timeline_rows(stories, sources, seeds_like.key)
    assert sorted(zip(rows["sources"], rows["shown"], strict=True)) == [(1, OTHER), (2, ON_MAP)]  # d: undated


def test_the_timelines_size_legend_counts_in_whole_numbers() -> None:
    from dashboard.story_panel import timeline_spec

    # One day of five sources: Vega labels an unformatted lone value "5.000000".
    legend = timeline_spec(["a", "b"], 100)["encoding"]["size"]["legend"]  # type: ignore[index]
    assert legend["format"] == "d" and legend["tickMinStep"] == 1


def test_a_story_of_troops_leaving_is_named_for_the_place_they_leave_and_kept_apart_from_arrivals() -> None:
    kherson = site("Kherson", "UA", 46.64, 32.61)
    sources = [source("in", "2022-11-09"), source("out", "2022-11-09")]
    claims = [claim("in", 1000, (UA,), force="RU"),
              claim("out", 30000, (), origin=kherson, kind="withdraw", force="RU")]
    stories = group_stories(sources, claims)
    assert keys(stories) == [["in"], ["out"]]  # leaving and arriving are not one event
    assert {s.name for s in stories} == {"Russia → Ukraine · Nov 2022", "Russia out of Kherson · Nov 2022"}
