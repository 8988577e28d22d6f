"""Shared test set-up: every test run gets its own article store, never the user's."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator

import pytest

from extraction.store import DB_ENV


@pytest.fixture(autouse=True, scope="session")
def _private_article_store() -> Iterator[None]:
    """Point the app and the store commands at a throw-away database for the whole run."""
    with tempfile.TemporaryDirectory(prefix="troopmap-tests-") as folder:
        before = os.environ.get(DB_ENV)
        os.environ[DB_ENV] = os.path.join(folder, "articles.sqlite3")
        yield
        if before is None:
            os.environ.pop(DB_ENV, None)
        else:
            os.environ[DB_ENV] = before
