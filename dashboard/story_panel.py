"""Stories over time: the date-range filter, the story picker, the timeline and naming or moving stories.

The map, the consensus and the comparison show one story at a time (``extraction.stories``): sources about
one event. The timeline shows every story on a time axis, so the others are one click away.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import pandas as pd
import streamlit as st

from dashboard.markup import markdown_safe
from dashboard.state import parse_date, parse_story
from extraction.model import Source
from extraction.store import ID_PREFIX, ArticleStore, StoreError
from extraction.stories import STORY_PREFIX, Story, StoryChoice, in_range

TIMELINE_LABEL_PIXELS = 260
"""Room for a story's name beside its row before Vega cuts it short."""
TIMELINE_MIN_HEIGHT = 160
"""Pixels the plot needs at least, so its legend (kinds of dot, sizes) fits beside it."""
TIMELINE_ROW_HEIGHT = 30
"""Pixels per story, so every story's name has room beside its row."""
TIMELINE_MAX_HEIGHT = 420
"""Past this many pixels the rows get thinner instead (Vega then leaves out names that would overlap)."""
SHOW_SOURCE = "_show_source"
"""Session key: a source just added, whose story the next run shows (whatever the range)."""
ON_MAP = "on the map"
OTHER = "other stories"


@dataclass(frozen=True)
class StoryView:
    """The story shown and the publication range chosen (``None``: unbounded)."""

    story: Story | None
    start: str | None
    end: str | None

    def source_ids(self, sources: Sequence[Source]) -> tuple[str, ...]:
        """The story's sources published within the range, in the order of ``sources``."""
        if self.story is None:
            return ()
        members = set(self.story.source_ids)
        return tuple(s.id for s in sources if s.id in members and in_range(s, self.start, self.end))


def story_choices(store: ArticleStore | None) -> dict[str, StoryChoice]:
    """What the user chose for each stored article's story (empty when the store can't be read)."""
    if store is None:
        return {}
    try:
        return {a.id: StoryChoice(a.story_key, a.story_name) for a in store.list() if a.story_key or a.story_name}
    except StoreError:
        return {}


def stories_in_range(stories: Sequence[Story], sources: Sequence[Source], start: str | None,
                     end: str | None) -> list[Story]:
    """The stories with at least one source published in the range (undated sources are always in it)."""
    by_id = {s.id: s for s in sources}
    return [story for story in stories
            if any(in_range(by_id[i], start, end) for i in story.source_ids if i in by_id)]


def initial_view(stories: Sequence[Story], sources: Sequence[Source], params: Mapping[str, str | Sequence[str]]
                 ) -> StoryView:
    """The story and range a link asks for; the latest story in the range where it names none (pure)."""
    start, end = parse_date(params, "from"), parse_date(params, "to")
    if start and end and start > end:
        start, end = end, start
    shown = stories_in_range(stories, sources, start, end)
    wanted = parse_story(params, [s.key for s in shown])
    story = next((s for s in shown if s.key == wanted), shown[0] if shown else None)
    return StoryView(story, start, end)


def _bounds(sources: Sequence[Source]) -> tuple[date, date] | None:
    days = sorted(date.fromisoformat(s.published) for s in sources if s.published)
    return (days[0], days[-1]) if days else None


def _follow_bounds(bounds: tuple[date, date]) -> None:
    """Keep the range slider valid when an article moves the bounds: a full range stays full, else clamped."""
    old = st.session_state.get("_range_bounds")
    if old == bounds:
        return
    current = st.session_state.get("published_range")
    if current is None or current == old:
        st.session_state["published_range"] = bounds
    else:
        low, high = max(current[0], bounds[0]), min(current[1], bounds[1])
        st.session_state["published_range"] = (low, high) if low <= high else bounds
    st.session_state["_range_bounds"] = bounds


def story_controls(stories: Sequence[Story], sources: Sequence[Source], initial: StoryView) -> StoryView:
    """The sidebar's range slider and story picker; seeded once from the link, then owned by the widgets."""
    bounds = _bounds(sources)
    if not st.session_state.get("_story_seeded"):
        st.session_state["_story_seeded"] = True
        if bounds is not None and bounds[0] < bounds[1]:
            low = date.fromisoformat(initial.start) if initial.start else bounds[0]
            high = date.fromisoformat(initial.end) if initial.end else bounds[1]
            st.session_state["published_range"] = (max(low, bounds[0]), min(high, bounds[1]))
        if initial.story is not None:
            st.session_state["story"] = initial.story.key
    focus = st.session_state.pop(SHOW_SOURCE, None)
    home = next((s for s in stories if focus in s.source_ids), None)
    if home is not None:
        st.session_state["story"] = home.key
        st.session_state.pop("published_range", None)  # the whole range, so the new story is in it
        st.session_state.pop("_range_bounds", None)
    start = end = None
    if bounds is not None and bounds[0] < bounds[1]:
        _follow_bounds(bounds)
        chosen = st.sidebar.slider("Published between", min_value=bounds[0], max_value=bounds[1],
                                   key="published_range", format="YYYY-MM-DD")
        low, high = chosen if isinstance(chosen, tuple) else (chosen, chosen)
        start = None if low == bounds[0] else low.isoformat()
        end = None if high == bounds[1] else high.isoformat()
    shown = stories_in_range(stories, sources, start, end)
    if not shown:
        st.sidebar.info("No story was published in this range.")
        return StoryView(None, start, end)
    names = {s.key: f"{s.name} ({len(s.source_ids)} source{'' if len(s.source_ids) == 1 else 's'})" for s in shown}
    if st.session_state.get("story") not in names:
        st.session_state["story"] = shown[0].key  # the latest story in the range
    key = st.sidebar.selectbox("Story", list(names), format_func=names.__getitem__, key="story",
                               help="Sources about one event: only they are compared with each other.")
    return StoryView(next(s for s in shown if s.key == key), start, end)


def timeline_rows(stories: Sequence[Story], sources: Sequence[Source], shown: str | None) -> pd.DataFrame:
    """One row per story and publication day: how many of its sources and claims, and whether it is shown."""
    by_id = {s.id: s for s in sources}
    rows = []
    for story in stories:
        days: dict[str, int] = {}
        for source_id in story.source_ids:
            published = by_id[source_id].published if source_id in by_id else None
            if published:
                days[published] = days.get(published, 0) + 1
        for day, count in sorted(days.items()):
            rows.append({"published": pd.Timestamp(day), "story": story.name, "sources": count,
                         "shown": ON_MAP if story.key == shown else OTHER})
    return pd.DataFrame(rows, columns=["published", "story", "sources", "shown"])


def timeline(stories: Sequence[Story], sources: Sequence[Source], view: StoryView) -> None:
    """Every story on a time axis (dot size: sources that day); the one on the map stands out."""
    frame = timeline_rows(stories, sources, view.story.key if view.story else None)
    if frame.empty:
        return
    undated = sum(1 for s in sources if not s.published)
    caption = f"{_count(len(stories), 'story', 'stories')}, {_count(len(sources), 'source', 'sources')}"
    caption += f" ({undated} undated, not on the timeline)" if undated else ""
    if frame["story"].nunique() == 1:  # one dot on an axis says no more than its date
        first, last = frame["published"].min(), frame["published"].max()
        when = f"{first:%-d %b %Y}" + ("" if first == last else f" to {last:%-d %b %Y}")
        st.caption(f"Timeline: {caption}, published {when}. Articles about other events are drawn here on a time "
                   "axis.")
        return
    st.caption(f"Timeline: {caption}. Choose a story and a range in the sidebar.")
    height = min(TIMELINE_MAX_HEIGHT, max(TIMELINE_MIN_HEIGHT, TIMELINE_ROW_HEIGHT * frame["story"].nunique()))
    st.vega_lite_chart(frame, timeline_spec([s.name for s in stories], height), width="stretch")


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def timeline_spec(order: Sequence[str], height: int) -> dict[str, object]:
    """The timeline's Vega-Lite spec: stories as rows (latest first), publication days on the time axis."""
    return {
        "height": height,
        "mark": {"type": "circle", "opacity": 0.85, "tooltip": True},
        "encoding": {
            "x": {"field": "published", "type": "temporal", "title": None, "axis": {"format": "%b %Y"}},
            "y": {"field": "story", "type": "nominal", "title": None, "sort": list(order),
                  "axis": {"labelLimit": TIMELINE_LABEL_PIXELS}},
            # Whole numbers in the legend: a single day of five sources was labelled "5.000000".
            "size": {"field": "sources", "type": "quantitative", "title": "sources that day",
                     "scale": {"zero": False, "range": [40, 400]}, "legend": {"format": "d", "tickMinStep": 1}},
            "color": {"field": "shown", "type": "nominal", "title": None,
                      "scale": {"domain": [ON_MAP, OTHER], "range": ["#1c5fa8", "#a9c4e6"]}},
        },
    }


def name_story(store: ArticleStore | None, view: StoryView, sources: Sequence[Source]) -> None:
    """Name the story shown; the name is kept with the user's articles in it (the seeds are read-only)."""
    if store is None or view.story is None:
        return
    stored = [i for i in view.story.source_ids if i.startswith(ID_PREFIX)]
    with st.sidebar.expander("Name this story"):
        if not stored:
            st.caption("Only a story with one of your articles can be named: the seeds are read-only.")
            return
        name = st.text_input("Story name", value=view.story.name, key=f"story_name_{view.story.key}")
        if st.button("Save name", key="save_story_name"):
            _change(lambda: [store.set_story(i, name=name.strip() or None) for i in stored])


def move_story(store: ArticleStore, article_id: str, stories: Sequence[Story]) -> None:
    """In an article's Edit box: move it to another story, or to a story of its own."""
    current = next((s.key for s in stories if article_id in s.source_ids), None)
    own = STORY_PREFIX + article_id
    options = {s.key: s.name for s in stories}
    options.setdefault(own, "A story of its own")
    choice = st.selectbox("Story", list(options), format_func=options.__getitem__,
                          index=list(options).index(current) if current in options else 0,
                          key=f"move_{article_id}")
    if st.button("Move", key=f"move_button_{article_id}") and choice != current:
        _change(lambda: store.set_story(article_id, key=choice))


def _change(action: Callable[[], object]) -> None:
    try:
        action()
    except StoreError as exc:
        st.error(markdown_safe(str(exc)))
        return
    st.rerun()
