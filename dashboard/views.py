"""Streamlit view code: loading (cached), the sidebar controls, the attribution panel, the legend, the table."""

from __future__ import annotations

import html
import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from dashboard.attribution import (
    article_html,
    attributions,
    link_html,
    overview_rows,
    quote_html,
    source_label,
)
from dashboard.comparison import IN_COMBINED, MAX_COLUMNS, NO_NUMBER, comparison_rows, movement_flag
from dashboard.credits import outlet_name
from dashboard.deck import legend
from dashboard.markup import markdown_safe
from dashboard.state import VIEW_LABELS, VIEWS, ViewState
from extraction import Document, extract_paths, load_article
from extraction.flows import Movement, Reconciliation, format_count, reconcile
from extraction.model import Claim, Source
from extraction.store import ID_PREFIX, ArticleStore, StoreError
from extraction.stories import Story, StoryChoice, group_stories

ARTICLES_ENV = "TROOPS_ARTICLES"
MAX_QUOTES_SHOWN = 50
"""Quotes listed per source for one movement; the rest are counted, and all are marked in the whole article.

A long article can repeat one movement thousands of times; listing them all would only slow the page."""
DOCUMENT_ENV = "TROOPS_DOCUMENT"


def corpus() -> str:
    """Which corpus to show: a contract JSON document (``TROOPS_DOCUMENT``) or an articles folder."""
    return os.environ.get(DOCUMENT_ENV) or os.environ.get(ARTICLES_ENV) or "seeds"


@st.cache_data(show_spinner="Reading the articles…")
def load_document(path: str) -> tuple[Document, list[str]]:
    """Extract a folder of articles, or read an extracted JSON document, once per session of the server."""
    if path.endswith(".json"):
        return Document.from_dict(json.loads(Path(path).read_text(encoding="utf-8"))), []
    return extract_paths([path])


@st.cache_resource(show_spinner=False)
def document(path: str) -> tuple[Document, list[str]]:
    """The corpus held once in memory: ``st.cache_data`` would unpickle a fresh copy on every rerun."""
    return load_document(path)


@st.cache_resource(show_spinner=False, max_entries=8)
def with_stored(path: str, rev: str, _store: ArticleStore | None) -> tuple[Document, list[str]]:
    """The corpus plus the user's stored articles (one entry per store revision ``rev``)."""
    doc, errors = document(path)
    if _store is None or not rev:
        return doc, errors
    try:
        stored = _store.documents()
    except StoreError as exc:
        return doc, [*errors, f"Your saved articles can't be read: {exc}"]
    return Document(doc.sources + stored.sources, doc.claims + stored.claims), errors


@st.cache_resource(show_spinner=False, max_entries=8)
def stories(path: str, rev: str, _store: ArticleStore | None, _choices: dict[str, StoryChoice] | None = None
            ) -> tuple[Story, ...]:
    """The corpus and the stored articles grouped into stories, latest first (one entry per store revision)."""
    doc = with_stored(path, rev, _store)[0]
    return group_stories(doc.sources, doc.claims, _choices or {})


@st.cache_resource(show_spinner=False, max_entries=256)
def reconciled(path: str, source_ids: tuple[str, ...], rev: str = "", _store: ArticleStore | None = None
               ) -> Reconciliation:
    """The reconciliation for a set of sources (kept in memory: frozen objects, never mutated)."""
    return reconcile(with_stored(path, rev, _store)[0].claims, source_ids)


@st.cache_data(show_spinner=False)
def article_text(path: str) -> str | None:
    """The decoded text of an article, for reading it whole; ``None`` when it can't be read."""
    try:
        return load_article(path).text
    except Exception:  # an article that vanished or can't be decoded: just no reader
        return None


def source_text(source: Source, store: ArticleStore | None) -> str | None:
    """The text a source's offsets point into: from the store for a user's article, else from its file."""
    if source.id.startswith(ID_PREFIX):
        if store is None:
            return None
        try:
            return store.article(source.id).text
        except StoreError:
            return None
    return article_text(source.path) if source.path else None


def sidebar_controls(sources: Sequence[Source], initial: ViewState) -> ViewState:
    """The view and source pickers; seeded once from the URL, then owned by the widgets."""
    ids = [s.id for s in sources]
    labels = {s.id: source_label(s) for s in sources}
    if not st.session_state.get("_seeded"):
        st.session_state["_seeded"] = True
        st.session_state["view"] = initial.view
        st.session_state["source_one"] = initial.sources[0] if initial.sources else (ids[0] if ids else None)
        st.session_state["sources_several"] = list(initial.sources)
    else:  # another story or range: only its own sources can stay chosen
        if st.session_state.get("source_one") not in ids:
            st.session_state["source_one"] = ids[0] if ids else None
        several = st.session_state.get("sources_several", [])
        if any(i not in ids for i in several):
            st.session_state["sources_several"] = [i for i in several if i in ids]
    view = st.sidebar.radio("View", VIEWS, format_func=lambda v: VIEW_LABELS[v], key="view")
    if view == "one" and ids:
        one = st.sidebar.selectbox("Source", ids, format_func=labels.__getitem__, key="source_one")
        chosen: tuple[str, ...] = (one,)
    elif view == "several" and ids:
        chosen = tuple(st.sidebar.multiselect("Sources", ids, format_func=labels.__getitem__, key="sources_several"))
    else:
        chosen = tuple(ids)
    return ViewState(view, chosen, initial.movement, initial.story, initial.start, initial.end)


def attribution_panel(
    movement: Movement | None,
    reconciliation: Reconciliation,
    sources: Sequence[Source],
    store: ArticleStore | None = None,
) -> None:
    """The sidebar's attribution: every flow and its sources, or every claim behind the selected one."""
    if movement is None:
        st.sidebar.subheader("Flows on the map")
        st.sidebar.caption("Click an arc or a marker to see the quotes behind it.")
        rows = overview_rows(reconciliation, sources)
        if rows:
            st.sidebar.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
        return
    st.sidebar.subheader(markdown_safe(movement.label))
    st.sidebar.markdown(
        f"**{html.escape(movement.consensus.text)}** troops · {html.escape(movement.kind)} · "
        f"{html.escape(movement.force)} · {html.escape(movement_flag(movement))}"
    )
    st.sidebar.button("Clear selection", key="clear_selection", on_click=_clear_selection)
    for group in attributions(movement, sources):
        st.sidebar.markdown(f"#### {markdown_safe(source_label(group.source))}")
        link = link_html(_source_url(group.source, store))
        if link:
            st.sidebar.markdown(link, unsafe_allow_html=True)
        shown = group.claims[:MAX_QUOTES_SHOWN]
        st.sidebar.markdown("".join(_quote_block(claim) for claim in shown), unsafe_allow_html=True)
        if len(group.claims) > len(shown):
            st.sidebar.caption(f"…and {len(group.claims) - len(shown):,} more quotes from this source for this "
                               "movement: read the whole article to see every one marked.")
        _article_reader(group.source, group.claims, store)


def _source_url(source: Source, store: ArticleStore | None) -> str | None:
    """Where the user found a stored article, if they said."""
    if store is None or not source.id.startswith(ID_PREFIX):
        return None
    try:
        return store.get(source.id).url
    except StoreError:
        return None


def _quote_block(claim: Claim) -> str:
    credited = f"credited to {markdown_safe(claim.attributed_to)}" if claim.attributed_to else "no one credited"
    figure = html.escape(format_count(claim.count, claim.count_text))
    if claim.hedged:
        figure += " · hedged"
    if claim.refers_to is not None:
        period = claim.refers_to
        span = period.start if period.start == period.end else f"{period.start} to {period.end}"
        figure += f" · {markdown_safe(period.text)}: {span}"
    return (f"<div class='quote' data-claim='{html.escape(claim.id)}'><small>{figure} · {credited}</small>"
            f"<blockquote>{quote_html(claim)}</blockquote></div>")


def _article_reader(source: Source, claims: Sequence[Claim], store: ArticleStore | None) -> None:
    """The whole article, once per source and only when asked for: a long text is never sent unasked."""
    if not st.sidebar.toggle("Read the whole article", key=f"read_{source.id}"):
        return
    text = source_text(source, store)
    if text is None:
        st.sidebar.caption("The article's text can't be read any more.")
        return
    st.sidebar.markdown(
        f"<div style='max-height:24rem;overflow:auto;white-space:pre-wrap'>{article_html(text, claims)}</div>",
        unsafe_allow_html=True,
    )


def _clear_selection() -> None:
    st.session_state["_clear"] = True


NO_MOVEMENT = ""


def _mark_picked() -> None:
    st.session_state["_picked"] = True


def movement_picker(reconciliation: Reconciliation, current: str | None) -> str | None:
    """The movements on the map as a list, for choosing one with the keyboard as well as by clicking an arc.

    Args:
        reconciliation: The movements drawn.
        current: The movement chosen this run by an arc click or the URL; the list shows it.

    Returns:
        The selected movement id: the list's choice when the list itself was just changed, else ``current``.
    """
    labels = {NO_MOVEMENT: "None: show every flow"} | {m.id: m.label for m in reconciliation.movements}
    if st.session_state.pop("_picked", False):
        chosen = st.session_state.get("movement_pick") or None
    else:
        chosen = current if current in labels else None
        st.session_state["movement_pick"] = chosen or NO_MOVEMENT  # follow the click or the link
    st.sidebar.selectbox("Selected movement", list(labels), format_func=labels.__getitem__, key="movement_pick",
                         on_change=_mark_picked, help="Choose a movement to read the quotes behind its figures; "
                         "clicking an arc on the map does the same.")
    return chosen


def legend_block() -> None:
    """The map legend (static text built from the deck's own scale and colours)."""
    items = "".join(
        f"<span style='display:inline-block;width:0.9em;height:0.9em;margin-right:0.3em;"
        f"background:rgb{entry.colour}'></span>{html.escape(entry.text)}<br>"
        for entry in legend()
    )
    st.markdown(f"<div style='font-size:0.85em;line-height:1.5'>{items}</div>", unsafe_allow_html=True)


def _highlight_differences(row: pd.Series, figure_columns: list[str]) -> list[str]:
    differ = "differ" in str(row.get("flag", ""))
    styles = []
    for column, value in row.items():
        if differ and column in figure_columns and value not in ("", IN_COMBINED, NO_NUMBER) \
                and value != row["consensus"]:
            styles.append("background-color: #f8d0d0; font-weight: bold")
        elif column == "consensus":
            styles.append("font-weight: bold")
        else:
            styles.append("")
    return styles


def comparison_table(reconciliation: Reconciliation, sources: Sequence[Source]) -> None:
    """Movements × sources, with disagreement highlighted, the consensus and the arithmetic check."""
    rows = comparison_rows(reconciliation, sources)
    if not rows:
        st.info("No movements for the chosen sources.")
        return
    if len(reconciliation.source_ids) > MAX_COLUMNS:
        st.caption(f"Showing {MAX_COLUMNS} of {len(reconciliation.source_ids)} sources as columns; the consensus "
                   "counts them all. Choose sources in the sidebar to compare others.")
    frame = pd.DataFrame(rows)
    figures = [c for c in frame.columns if c not in ("movement", "kind", "force", "consensus", "flag", "check")]
    st.dataframe(frame.style.apply(_highlight_differences, axis=1, figure_columns=figures), hide_index=True,
                 width="stretch")


def unplaced_panel(reconciliation: Reconciliation, sources: Sequence[Source]) -> None:
    """Claims naming a place that couldn't be placed, or no place: listed, never drawn."""
    outlets = {s.id: outlet_name(s) for s in sources}
    if not reconciliation.unplaced:
        st.caption("Every claim was placed on the map.")
        return
    rows: list[dict[str, Any]] = [
        {
            "source": outlets.get(c.source_id, c.source_id),
            "kind": c.kind,
            "troops": format_count(c.count, c.count_text),
            "places": ", ".join(f"{p.mention} ({p.precision})" for p in c.destinations) or "none stated",
            "quote": c.evidence.text,
        }
        for c in reconciliation.unplaced
    ]
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
