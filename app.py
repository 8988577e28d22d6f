"""Streamlit dashboard: troop movements reported in the news, every number traced to its quote."""

from __future__ import annotations

from dataclasses import replace
from functools import partial

import streamlit as st

import geo
from dashboard import articles, presentation, story_panel, views
from dashboard.attribution import picked_movement
from dashboard.basemap import BASEMAP_PATH, load_basemap
from dashboard.credits import outlet_name
from dashboard.deck import build_deck
from dashboard.export import MIME, ExportOptions, export_bytes, file_name
from dashboard.markup import markdown_safe
from dashboard.selection import with_ruled_out
from dashboard.state import parse_params
from dashboard.static_map import DESIGN_DPI, PRINT_DPI, SIZES

st.set_page_config(page_title="Troop movements in the news", layout="wide")

corpus = views.corpus()
store, store_error = articles.user_store("seeds")
rev = articles.revision(store) if store is not None else ""
try:
    document, errors = views.with_stored(corpus, rev, store)
except geo.DataFileError as exc:
    # A missing or damaged data file: say which and how to rebuild it, never a traceback.
    st.error(markdown_safe(str(exc)))
    st.stop()
for message in errors:
    st.error(markdown_safe(message))
sources = document.sources
stories = views.stories(corpus, rev, store, story_panel.story_choices(store))
linked = story_panel.initial_view(stories, sources, st.query_params.to_dict())

# Presentation mode (?present=16x9 or 1x1): the map, a large title, legend and credits, no controls.
present = presentation.parse_presentation(st.query_params.to_dict())
if present is not None:
    shown = parse_params(st.query_params.to_dict(), linked.source_ids(sources)).sources
    presentation.show(present, views.reconciled(corpus, shown, rev, store), sources,
                      load_basemap())
    st.stop()

st.title("Troop movements in the news")
FRAME_PARAM, EVERY_ORIGIN = "frame", "origins"  # ?frame=origins: "Frame every origin" is on
framed_origins = st.query_params.get(FRAME_PARAM) == EVERY_ORIGIN
story = story_panel.story_controls(stories, sources, linked)
in_story = [s for s in sources if s.id in story.source_ids(sources)]
initial = parse_params(st.query_params.to_dict(), [s.id for s in in_story])
state = views.sidebar_controls(in_story, replace(initial, story=story.story.key if story.story else None,
                                                 start=story.start, end=story.end))
story_panel.name_story(store, story, sources)
articles.articles_panel(store, store_error, stories)
reconciliation = views.reconciled(corpus, state.sources, rev, store)
selectable = with_ruled_out(reconciliation)  # a ✕ on the map opens its quotes too

# The map's own selection wins when it changes; otherwise the URL's movement stays selected.
clicked = picked_movement(st.session_state.get("map"))
if st.session_state.pop("_clear", False):
    st.session_state["_last_click"] = clicked
    state = replace(state, movement=None)
elif clicked != st.session_state.get("_last_click"):
    st.session_state["_last_click"] = clicked
    state = replace(state, movement=clicked)
movement = selectable.movement(state.movement)
movement = selectable.movement(views.movement_picker(selectable, movement.id if movement else None))
state = replace(state, movement=movement.id if movement else None)
if st.query_params.to_dict() != state.to_params():
    st.query_params.from_dict(state.to_params())

basemap = load_basemap()
if basemap is None:
    st.warning(f"Country shapes not found at {BASEMAP_PATH}: the map is drawn without a basemap.")
names = {s.id: outlet_name(s) for s in sources}
every_origin = st.sidebar.toggle("Frame every origin (zoom out to where flows start)", key="every_origin",
                                 value=framed_origins)
if every_origin:
    st.query_params[FRAME_PARAM] = EVERY_ORIGIN
story_panel.timeline(stories, sources, story)
deck = build_deck(reconciliation, basemap, movement.id if movement else None, names, every_origin)
st.pydeck_chart(deck, on_select="rerun", selection_mode="single-object", key="map", height=560)
views.attribution_panel(movement, selectable, in_story, store)

with st.sidebar.expander("Export this view"):
    size = st.selectbox("Picture size", list(SIZES), key="export_size")
    print_quality = st.checkbox(f"Print quality ({PRINT_DPI} dpi)", key="export_print")
    for fmt, label in (("png", "Map (PNG)"), ("svg", "Map (SVG)"), ("csv", "Claims (CSV)"),
                       ("geojson", "Flows (GeoJSON)")):
        options = ExportOptions(fmt, state.sources, size=SIZES[size],
                                dpi=PRINT_DPI if print_quality and fmt == "png" else DESIGN_DPI)
        st.download_button(label, data=partial(export_bytes, document, options), file_name=file_name(options),
                           mime=MIME[fmt], key=f"export-{fmt}")
    st.caption("Presentation mode for screenshots: add ?present=16x9 or ?present=1x1 to the address.")

legend_col, unplaced_col = st.columns([1, 2])
with legend_col:
    st.subheader("Legend")
    views.legend_block()
with unplaced_col:
    st.subheader("Not on the map")
    views.unplaced_panel(reconciliation, in_story)

st.subheader("Sources compared")
views.comparison_table(reconciliation, in_story)

st.caption(
    "Places: GeoNames (CC BY 4.0). Country shapes: Natural Earth (public domain). "
    "Every figure is as the article states it; combined totals are never split."
)
