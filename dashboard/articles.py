"""The "Your articles" panel: paste or upload articles into the local store, rename and delete them.

The seed articles are read-only and never enter the store; what a user adds is kept in SQLite (see
``extraction.store``) and joins the seeds on the map, in the source switcher and in the comparison.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import partial

import streamlit as st

from dashboard.markup import markdown_safe
from dashboard.story_panel import SHOW_SOURCE, move_story
from extraction import ArticleError, Document
from extraction.store import (
    MAX_STORED_ARTICLE_BYTES,
    ArticleStore,
    StoreError,
    open_store,
)
from extraction.stories import Story

UPLOAD_TYPES = ["txt", "md", "html", "htm"]


@dataclass(frozen=True)
class Outcome:
    """What happened to one submitted article, in words for the person who submitted it."""

    ok: bool
    message: str
    article_id: str | None = None


def add_articles(
    store: ArticleStore,
    uploads: Iterable[tuple[str, bytes]],
    pasted: str,
    outlet: str = "",
    published: str = "",
    url: str = "",
) -> list[Outcome]:
    """Add every upload and the pasted text; one bad article never stops the others.

    Args:
        store: The open article store.
        uploads: ``(file name, bytes)`` for each uploaded file.
        pasted: Pasted article text (HTML is recognised); blank for none.
        outlet: Publisher for every article added now (blank: unknown or from the text).
        published: ``YYYY-MM-DD`` for every article added now (blank: from the text).
        url: Where the article was found (blank: none).

    Returns:
        One :class:`Outcome` per article, in the order given; nothing at all when nothing was given.
    """
    out, date, link = outlet.strip() or None, published.strip() or None, url.strip() or None
    jobs: list[tuple[str, bytes | str]] = [(name, raw) for name, raw in uploads]
    if pasted.strip():
        jobs.append(("pasted text", pasted))
    outcomes: list[Outcome] = []
    for name, content in jobs:
        try:
            if isinstance(content, bytes):
                result = store.add_bytes(content, name, outlet=out, published=date, url=link)
            else:
                result = store.add_text(content, filename=name, outlet=out, published=date, url=link)
        except (ArticleError, ValueError, StoreError) as exc:
            outcomes.append(Outcome(False, _naming(name, str(exc))))
            continue
        except Exception as exc:  # one article's surprise must not lose the others, nor show a traceback
            outcomes.append(Outcome(False, f"{name}: could not be added because of an unexpected error "
                                           f"({type(exc).__name__}); the other articles were kept"))
            continue
        outcomes.append(Outcome(True, _naming(name, result.message), result.article_id))
    return outcomes


def _naming(name: str, message: str) -> str:
    """``message`` starting with the article's name, once (store messages already start with it)."""
    return message if message.startswith(f"{name}:") else f"{name}: {message}"


@st.cache_resource(show_spinner=False)
def user_store(seeds: str) -> tuple[ArticleStore | None, str | None]:
    """The article store, opened once per server; or the reason it can't be used (the seeds still show)."""
    try:
        return open_store(seeds=seeds), None
    except StoreError as exc:
        return None, str(exc)


def revision(store: ArticleStore) -> str:
    """A fingerprint of what the store holds: changes when an article is added, renamed or removed."""
    listing = "|".join(f"{a.id}:{a.outlet}:{a.published}:{a.title}:{a.story_key}:{a.story_name}" for a in store.list())
    return hashlib.sha1(listing.encode("utf-8")).hexdigest()[:12]


@st.cache_resource(show_spinner="Reading your articles…", max_entries=4)
def stored_document(_store: ArticleStore, rev: str) -> Document:
    """Sources and claims of every stored article (cached per store revision)."""
    return _store.documents()


def articles_panel(store: ArticleStore | None, error: str | None, stories: Sequence[Story] = ()) -> None:
    """Sidebar panel to add, rename, move to another story and delete the user's own articles."""
    with st.sidebar.expander("Your articles", expanded=bool(st.session_state.get("article_outcomes"))):
        if store is None:
            st.error(markdown_safe(f"Your saved articles can't be used: {error}. The seed articles are still shown."))
            return
        limit_mb = MAX_STORED_ARTICLE_BYTES / (1024 * 1024)
        with st.form("add_article", clear_on_submit=True):
            files = st.file_uploader(
                f"Upload .txt, .md or .html (up to {limit_mb:g} MB each)", type=UPLOAD_TYPES,
                accept_multiple_files=True,
            )
            pasted = st.text_area("…or paste an article", height=120)
            outlet = st.text_input("Outlet (optional)")
            published = st.text_input("Date, YYYY-MM-DD (optional)")
            url = st.text_input("URL (optional)")
            submitted = st.form_submit_button("Add")
        if submitted:
            uploads = [(f.name, f.getvalue()) for f in files or []]
            outcomes = add_articles(store, uploads, pasted, outlet, published, url)
            st.session_state["article_outcomes"] = [(o.ok, o.message) for o in outcomes] or [
                (False, "Nothing to add: upload a file or paste an article.")
            ]
            added = [o.article_id for o in outcomes if o.ok and o.article_id]
            if added:  # redraw with the new article, on the story it belongs to
                st.session_state[SHOW_SOURCE] = added[-1]
                st.rerun()
        for ok, message in st.session_state.get("article_outcomes", []):
            (st.success if ok else st.error)(markdown_safe(message))
        try:
            stored = store.list()
        except StoreError as exc:
            st.error(markdown_safe(str(exc)))
            return
        if not stored:
            st.caption("No articles of your own yet. The seeds are read-only.")
        for article in stored:
            label = article.title or article.filename
            outlet = markdown_safe(article.outlet or "Unknown outlet")
            when = markdown_safe(article.published or "no date")
            st.markdown(f"**{outlet}**, {when}: {markdown_safe(label[:80])}")
            with st.popover("Edit"):
                new_outlet = st.text_input("Outlet", value=article.outlet or "", key=f"outlet_{article.id}")
                new_date = st.text_input("Date", value=article.published or "", key=f"date_{article.id}")
                if st.button("Save", key=f"save_{article.id}"):
                    _apply(partial(store.rename, article.id, outlet=new_outlet.strip() or None,
                                   published=new_date.strip() or None))
                if st.button("Delete", key=f"delete_{article.id}", type="primary"):
                    _apply(partial(store.remove, article.id))
                if stories:
                    move_story(store, article.id, stories)


def _apply(change: Callable[[], object]) -> None:
    """Run a rename or delete, report a failure in words, and redraw with the new sources."""
    try:
        change()
    except (ValueError, StoreError) as exc:
        st.session_state["article_outcomes"] = [(False, str(exc))]
        return
    st.session_state.pop("article_outcomes", None)
    st.rerun()
