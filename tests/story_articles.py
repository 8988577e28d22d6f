"""Three short articles about three other events, written for the tests (not taken from any outlet).

Each is dated and names its force, count and place plainly, so the extractor finds a claim in it and the
stories grouping puts it in a story of its own, apart from the 2022 seeds.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class StoryArticle:
    """A test article: its file name, outlet, date and text."""

    name: str
    outlet: str
    published: str
    text: str


ARTICLES: tuple[StoryArticle, ...] = (
    StoryArticle(
        "brigade_lithuania.txt", "Baltic Test Wire", "2024-04-10",
        "Germany to base a brigade in Lithuania\n\n"
        "Germany will station about 4,800 troops in Lithuania by 2027, the defence ministry in Berlin said "
        "on Wednesday. The first soldiers are to arrive in Vilnius next month, officials said.\n\n"
        "Parliament has argued over the cost of the plan for most of the winter.\n",
    ),
    StoryArticle(
        "korea_russia.txt", "Pacific Test Desk", "2024-10-21",
        "Pyongyang's soldiers head west\n\n"
        "North Korea has sent about 1,500 troops to Russia, South Korea's spy agency said on Friday. "
        "The soldiers were moved by ship to Vladivostok last week, the agency said.\n",
    ),
    StoryArticle(
        "estonia_rotation.txt", "Northern Test Gazette", "2023-03-15",
        "British battlegroup grows in Estonia\n\n"
        "Britain deployed around 900 soldiers to Estonia on Monday, the Ministry of Defence said. "
        "The troops joined the NATO battlegroup at Tapa in March.\n",
    ),
)
