"""The article store: articles added by users, kept in an embedded SQLite database with their claims.

Seed articles are never stored here; they stay read-only in ``seeds/``. Each stored article keeps the text
its evidence offsets point into (after HTML extraction), where it came from, and the claims found in it
with the extractor version that found them, so claims are recomputed when the extractor changes.

The database file is :func:`default_db_path` (``$TROOPMAP_DB``, else under ``$XDG_DATA_HOME``). Every add,
rename and remove is one transaction; the database runs in WAL mode with a busy timeout, so several
processes may add at the same moment and a writer killed midway loses only its own unfinished article.
"""

from __future__ import annotations

import builtins
import enum
import hashlib
import json
import os
import re
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from extraction.language import unreadable_language
from extraction.model import Article, Claim, Document, Source
from extraction.pipeline import EXTRACTOR_VERSION, extract
from extraction.reader import (
    ArticleError,
    article_from_text,
    article_paths,
    check_size,
    decode,
    is_html,
    load_article,
)

DB_ENV = "TROOPMAP_DB"
"""Environment variable naming the database file."""

DEFAULT_DB_NAME = "troopmap/articles.sqlite3"
"""Where the database lives under ``$XDG_DATA_HOME`` (default ``~/.local/share``)."""

SCHEMA_VERSION = 2
"""The schema this code writes; kept in ``PRAGMA user_version``."""

BUSY_TIMEOUT_SECONDS = 10.0
"""How long one operation waits for another process's write to finish before giving up."""

ID_PREFIX = "u_"
"""Stored article ids are ``u_`` and the first 12 hex digits of the SHA-256 of their normalised text."""

MAX_STORED_ARTICLE_BYTES = 2 * 1024 * 1024
"""At most 2 MiB (UTF-8 bytes, or the file's bytes) for one stored article, uploaded or pasted.

Lower than the command line's :data:`extraction.reader.MAX_ARTICLE_BYTES`: a stored article is added
from the app, kept for good and extracted while the user waits.
"""

PAUSE_IN_ADD_ENV = "TROOPMAP_TEST_PAUSE_IN_ADD"
"""Test hook: seconds to sleep inside the add transaction, before commit (crash-safety tests only)."""

_LISTED = "id, filename, outlet, published, url, title, byline, added_at, length(text), story_key, story_name"
"""The columns of a :class:`StoredArticle`, in its field order."""

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

# Entry i holds the statements that take the schema from version i to i + 1, run in one transaction.
# Append a new entry for a change; never edit one that has shipped.
_MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        """CREATE TABLE articles (
            id TEXT PRIMARY KEY,
            content_sha256 TEXT NOT NULL UNIQUE,
            text TEXT NOT NULL,
            filename TEXT NOT NULL,
            outlet TEXT,
            published TEXT CHECK (published GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
            url TEXT,
            title TEXT,
            byline TEXT,
            added_at TEXT NOT NULL
        )""",
        """CREATE TABLE extractions (
            article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            extractor_version TEXT NOT NULL,
            claims_json TEXT NOT NULL,
            extracted_at TEXT NOT NULL
        )""",
    ),
    (  # 2: the story a user put the article in, and the name they gave that story
        "ALTER TABLE articles ADD COLUMN story_key TEXT",
        "ALTER TABLE articles ADD COLUMN story_name TEXT",
    ),
)


class StoreError(Exception):
    """The database can't be used (corrupt, locked, read-only, newer schema); the message says why and what to do."""


class NotStoredError(StoreError):
    """No stored article has the id asked for."""


class _Keep(enum.Enum):
    KEEP = "keep"


KEEP = _Keep.KEEP
"""Default of :meth:`ArticleStore.rename` fields: leave the value as it is (``None`` clears it)."""


@dataclass(frozen=True)
class StoredArticle:
    """One article in the store, without its text.

    Attributes:
        id: ``u_`` and 12 hex digits of the SHA-256 of the normalised text.
        filename: Original file name (or what the caller named pasted text).
        outlet: Publisher, where known.
        published: ``YYYY-MM-DD``, where known.
        url: Where the article was found, where given.
        title: Headline, where known.
        byline: Authors, where known.
        added_at: When it was added, ISO 8601 UTC.
        characters: Length of the stored text.
        story_key: The story the user put it in (``story:...``), or ``None`` to group it by the rules.
        story_name: The name the user gave its story, or ``None``.
    """

    id: str
    filename: str
    outlet: str | None
    published: str | None
    url: str | None
    title: str | None
    byline: str | None
    added_at: str
    characters: int
    story_key: str | None = None
    story_name: str | None = None

    @property
    def source(self) -> Source:
        """The contract's Source record for this article."""
        return Source(
            id=self.id,
            path=self.filename,
            title=self.title,
            outlet=self.outlet,
            published=self.published,
            byline=self.byline,
        )


@dataclass(frozen=True)
class AddResult:
    """What adding an article did.

    Attributes:
        article_id: The id the text is stored under (the earlier one for a duplicate).
        duplicate_of: The earlier article's id when the same text was already stored, else ``None``.
        message: One line for a person: ``added u_... (3 claims)`` or ``already added as u_...``.
        claim_count: Claims found in the article stored by this call (0 for a duplicate).
    """

    article_id: str
    duplicate_of: str | None
    message: str
    claim_count: int

    @property
    def added(self) -> bool:
        """Whether a new article was stored."""
        return self.duplicate_of is None


def default_db_path() -> Path:
    """The database file: ``$TROOPMAP_DB``, else ``$XDG_DATA_HOME/troopmap/articles.sqlite3``.

    ``$XDG_DATA_HOME`` defaults to ``~/.local/share``, so the database is never among the tracked files.
    """
    given = os.environ.get(DB_ENV, "").strip()
    if given:
        return Path(given).expanduser()
    data_home = os.environ.get("XDG_DATA_HOME", "").strip() or str(Path.home() / ".local" / "share")
    return Path(data_home) / DEFAULT_DB_NAME


def content_key(text: str) -> str:
    """SHA-256 hex of ``text`` normalised for duplicate detection (line ends, trailing blanks, outer space)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").strip().split("\n")
    normal = "\n".join(line.rstrip() for line in lines)
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()


def article_id_for(text: str) -> str:
    """The stable id a text is stored under: ``u_`` and the first 12 hex digits of :func:`content_key`."""
    return ID_PREFIX + content_key(text)[:12]


def valid_date(value: str | None, name: str = "date") -> str | None:
    """``value`` if it is a real ``YYYY-MM-DD`` date (``None`` and blank give ``None``).

    Raises:
        ValueError: for anything else, with a message naming the expected form.
    """
    if value is None or not value.strip():
        return None
    text = value.strip()
    try:
        if _DATE.match(text):
            date.fromisoformat(text)
            return text
    except ValueError:
        pass
    raise ValueError(f"{name} {value!r} is not a date of the form YYYY-MM-DD")


def _blank_to_none(value: str | None) -> str | None:
    if value is None:
        return None
    text = value.strip()
    return text or None


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")  # microseconds: insertion order survives


def explain(exc: sqlite3.Error, path: Path, timeout: float = BUSY_TIMEOUT_SECONDS) -> StoreError:
    """Turn an sqlite3 error into a :class:`StoreError` saying what is wrong with ``path`` and what to do."""
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        reason = (
            f"is locked by another program (waited {timeout:g} s); "
            "try again when it has finished"
        )
    elif "not a database" in text or "malformed" in text or "corrupt" in text:
        reason = (
            "is damaged or is not a SQLite database; move it aside or set "
            f"{DB_ENV} to another file (the seed articles still work)"
        )
    elif "readonly" in text or "read-only" in text:
        reason = "is read-only; give this user write permission on the file and its folder to add, rename or remove"
    elif "full" in text:
        reason = "cannot be written: the disk is full; free some space and try again"
    elif "unable to open" in text:
        reason = "cannot be opened; check that its folder exists and this user may write there"
    else:
        reason = f"cannot be used ({exc})"
    return StoreError(f"article database {path} {reason}")


class ArticleStore:
    """Articles added by users, with their claims, in one SQLite file.

    Opening creates the file and its folder if needed and brings the schema up to date. Each method opens
    its own short connection, so one store object may be shared across threads and several processes may
    use the same file at once.

    Raises:
        StoreError: when the file can't be opened or used (see :func:`open_store`).
    """

    def __init__(
        self, path: str | Path | None = None, timeout: float = BUSY_TIMEOUT_SECONDS, seeds: str | Path | None = None
    ) -> None:
        self.path = Path(path) if path is not None else default_db_path()
        self.timeout = timeout
        self.seeds = Path(seeds) if seeds is not None else None
        self._seed_keys: dict[str, str] | None = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"article database folder {self.path.parent} cannot be created ({exc.strerror})") from exc
        with self._connect() as conn:
            self._migrate(conn)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        """A connection in autocommit mode (transactions are explicit); sqlite3 errors become StoreError."""
        conn: sqlite3.Connection | None = None
        try:
            conn = sqlite3.connect(self.path, timeout=self.timeout, isolation_level=None)
            conn.execute(f"PRAGMA busy_timeout = {int(self.timeout * 1000)}")
            conn.execute("PRAGMA foreign_keys = ON")
            yield conn
        except sqlite3.Error as exc:
            if conn is not None and conn.in_transaction:
                with suppress(sqlite3.Error):  # the error being reported matters, not a failed rollback
                    conn.execute("ROLLBACK")
            raise explain(exc, self.path, self.timeout) from exc
        finally:
            if conn is not None:
                conn.close()

    @contextmanager
    def _transaction(self, conn: sqlite3.Connection) -> Iterator[None]:
        """One write transaction: ``BEGIN IMMEDIATE`` takes the write lock up front, so no upgrade deadlock."""
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    def _migrate(self, conn: sqlite3.Connection) -> None:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"article database {self.path} has schema version {version}, newer than this program's "
                f"{SCHEMA_VERSION}; update the program or set {DB_ENV} to another file"
            )
        # Two processes opening a new file at once both switch it to WAL; SQLite answers "locked" to the
        # second without waiting on the busy timeout, so the switch is retried until that timeout.
        deadline = time.monotonic() + self.timeout
        while conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
            try:
                conn.execute("PRAGMA journal_mode = WAL")
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.02)
        # Probe for write access now, so a read-only file is reported on opening, not on the first add.
        with self._transaction(conn):
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            for number in range(version, SCHEMA_VERSION):
                for statement in _MIGRATIONS[number]:
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {number + 1}")

    # ----------------------------------------------------------------------------------------- adding

    def add_bytes(
        self,
        raw: bytes,
        filename: str,
        outlet: str | None = None,
        published: str | None = None,
        url: str | None = None,
        title: str | None = None,
    ) -> AddResult:
        """Add an uploaded article from its bytes; ``filename`` names it (and ``.html`` marks HTML).

        Raises:
            ArticleError: when the bytes are too many, binary, undecodable or hold no text.
            ValueError: when ``published`` is not ``YYYY-MM-DD``.
            StoreError: when the database can't be written.
        """
        check_size(len(raw), filename, MAX_STORED_ARTICLE_BYTES)
        text = decode(raw, filename)
        return self.add_text(text, filename=filename, outlet=outlet, published=published, url=url, title=title)

    def add_text(
        self,
        text: str,
        filename: str = "pasted text",
        outlet: str | None = None,
        published: str | None = None,
        url: str | None = None,
        title: str | None = None,
        html: bool | None = None,
    ) -> AddResult:
        """Add one article from its text, find its claims and store both in one transaction.

        Headline, date and byline come from the text (or the HTML page's metadata); the arguments given
        here win over them. The same text added again is not stored twice: the result names the earlier id.

        Args:
            text: The article as decoded text, or an HTML page.
            filename: The original file name, kept for the user.
            outlet: Publisher.
            published: ``YYYY-MM-DD``.
            url: Where the article was found.
            title: Headline.
            html: Whether ``text`` is HTML; ``None`` decides by ``filename`` and how the text starts.

        Raises:
            ArticleError: when the text is over the size limit, empty, an HTML page with no article text, or
                surely not English (the extractor reads English only).
            ValueError: when ``published`` is not ``YYYY-MM-DD``.
            StoreError: when the database can't be written.
        """
        published = valid_date(published)
        try:
            size = len(text.encode("utf-8"))
        except UnicodeEncodeError as exc:
            raise ArticleError(f"{filename}: holds characters that are not valid Unicode ({exc.reason})") from exc
        check_size(size, filename, MAX_STORED_ARTICLE_BYTES)
        if not text.strip():
            raise ArticleError(f"{filename}: is empty; there is no article text to add")
        page = is_html(filename, text) if html is None else html
        article = article_from_text(text, source_id="", path=filename, html=page)
        if not article.text.strip():
            raise ArticleError(f"{filename}: the HTML page has no article text (only markup, scripts or styles)")
        language = unreadable_language(article.text)
        if language is not None:
            raise ArticleError(f"{filename}: reads as {language.name}; only English is read, so it was not added")
        key = content_key(article.text)
        seed_id = self._seed_ids().get(key)
        if seed_id is not None:
            return AddResult(seed_id, seed_id, f"{filename}: already among the seed articles as {seed_id}", 0)
        earlier = self._id_for_key(key)  # cheap check first: a duplicate needs no extraction
        if earlier is not None:
            return AddResult(earlier, earlier, f"{filename}: already added as {earlier}", 0)
        article_id = ID_PREFIX + key[:12]
        found = article.source
        source = Source(
            id=article_id,
            path=filename,
            title=_blank_to_none(title) or _blank_to_none(found.title),
            outlet=_blank_to_none(outlet) or _blank_to_none(found.outlet),
            published=published or _safe_date(found.published),
            byline=_blank_to_none(found.byline),
        )
        article = Article(source=source, text=article.text)
        claims = extract(article)
        with self._connect() as conn, self._transaction(conn):
            row = conn.execute("SELECT id FROM articles WHERE content_sha256 = ?", (key,)).fetchone()
            if row is not None:  # added by another process while this one was extracting
                return AddResult(row[0], row[0], f"{filename}: already added as {row[0]}", 0)
            if conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone():
                raise StoreError(f"{filename}: id {article_id} is taken by a different text (hash prefix clash)")
            conn.execute(
                "INSERT INTO articles (id, content_sha256, text, filename, outlet, published, url, title, byline,"
                " added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (article_id, key, article.text, filename, source.outlet, source.published, _blank_to_none(url),
                 source.title, source.byline, _now()),
            )
            self._write_claims(conn, article_id, claims)
            pause = float(os.environ.get(PAUSE_IN_ADD_ENV) or 0)
            if pause > 0:
                print(f"pausing in add transaction for {article_id}", flush=True)
                time.sleep(pause)
        if not claims:
            found_text = "no claims: it names no troops moving, gathering or being readied that could be read"
        else:
            found_text = f"{len(claims)} claim" + ("" if len(claims) == 1 else "s")
        return AddResult(article_id, None, f"{filename}: added as {article_id} ({found_text})", len(claims))

    def _id_for_key(self, key: str) -> str | None:
        with self._connect() as conn:
            row = conn.execute("SELECT id FROM articles WHERE content_sha256 = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def _seed_ids(self) -> dict[str, str]:
        """Content key to seed id for each readable seed article, so a seed is never stored a second time."""
        if self._seed_keys is None:
            self._seed_keys = {}
            if self.seeds is not None and self.seeds.is_dir():
                for name in article_paths([str(self.seeds)]):
                    try:
                        seed = load_article(name)
                    except ArticleError:
                        continue
                    self._seed_keys[content_key(seed.text)] = seed.source.id
        return self._seed_keys

    @staticmethod
    def _write_claims(conn: sqlite3.Connection, article_id: str, claims: tuple[Claim, ...]) -> None:
        payload = json.dumps([c.to_dict() for c in claims], ensure_ascii=False)
        # WHERE EXISTS: a concurrent remove wins; claims are never stored for an article that is gone.
        conn.execute(
            "INSERT OR REPLACE INTO extractions (article_id, extractor_version, claims_json, extracted_at)"
            " SELECT ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM articles WHERE id = ?)",
            (article_id, EXTRACTOR_VERSION, payload, _now(), article_id),
        )

    # ----------------------------------------------------------------------------------------- reading

    def list(self) -> builtins.list[StoredArticle]:
        """Every stored article, oldest first, without its text."""
        with self._connect() as conn:
            rows = conn.execute(
                f"SELECT {_LISTED}"
                " FROM articles ORDER BY added_at, rowid"
            ).fetchall()
        return [StoredArticle(*row) for row in rows]

    def get(self, article_id: str) -> StoredArticle:
        """One stored article, without its text.

        Raises:
            NotStoredError: when no article has that id.
        """
        with self._connect() as conn:
            row = conn.execute(
                f"SELECT {_LISTED}"
                " FROM articles WHERE id = ?",
                (article_id,),
            ).fetchone()
        if row is None:
            raise NotStoredError(f"no stored article has the id {article_id}")
        return StoredArticle(*row)

    def article(self, article_id: str) -> Article:
        """A stored article with the text its evidence offsets point into.

        Raises:
            NotStoredError: when no article has that id.
        """
        stored = self.get(article_id)
        with self._connect() as conn:
            row = conn.execute("SELECT text FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            raise NotStoredError(f"no stored article has the id {article_id}")
        return Article(source=stored.source, text=row[0])

    def documents(self) -> Document:
        """Sources and claims of every stored article, oldest first.

        Claims found by another extractor version (or not yet found) are recomputed and written back; when
        the file is read-only the fresh claims are still returned, only not kept.
        """
        with self._connect() as conn:
            rows = conn.execute(
                "SELECT a.id, a.filename, a.outlet, a.published, a.url, a.title, a.byline, a.added_at,"
                " length(a.text), a.story_key, a.story_name, e.extractor_version, e.claims_json"
                " FROM articles a LEFT JOIN extractions e ON e.article_id = a.id ORDER BY a.added_at, a.rowid"
            ).fetchall()
        sources: list[Source] = []
        claims: list[Claim] = []
        stale: list[tuple[str, tuple[Claim, ...]]] = []
        for row in rows:
            stored = StoredArticle(*row[:11])
            version, payload = row[11], row[12]
            if version == EXTRACTOR_VERSION and payload is not None:
                kept = _claims_from_json(payload)
                if kept is not None:
                    sources.append(stored.source)
                    claims.extend(kept)
                    continue
            try:
                fresh = extract(self.article(stored.id))
            except NotStoredError:
                continue  # removed by another process since the listing above
            sources.append(stored.source)
            claims.extend(fresh)
            stale.append((stored.id, fresh))
        if stale:
            try:
                with self._connect() as conn, self._transaction(conn):
                    for article_id, fresh in stale:
                        self._write_claims(conn, article_id, fresh)
            except StoreError:
                pass  # read-only or busy: the claims are right, they are only recomputed again next time
        return Document(tuple(sources), tuple(claims))

    # ----------------------------------------------------------------------------------------- changing

    def rename(
        self,
        article_id: str,
        outlet: str | _Keep | None = KEEP,
        published: str | _Keep | None = KEEP,
        title: str | _Keep | None = KEEP,
    ) -> StoredArticle:
        """Change an article's outlet, date or title; fields left at :data:`KEEP` stay, ``None`` clears.

        The article's claims are found again on the next :meth:`documents`, as they may depend on its date.

        Raises:
            NotStoredError: when no article has that id.
            ValueError: when ``published`` is not ``YYYY-MM-DD``.
            StoreError: when the database can't be written.
        """
        changes = _given(outlet=outlet, title=title)
        if not isinstance(published, _Keep):
            changes["published"] = valid_date(published)
        self._update(article_id, changes, drop_claims=True)
        return self.get(article_id)

    def set_story(
        self, article_id: str, key: str | _Keep | None = KEEP, name: str | _Keep | None = KEEP
    ) -> StoredArticle:
        """Put an article in another story (``key``) or name its story (``name``); ``None`` clears either.

        Its claims stay as they are: a story changes what the article is compared with, not what it says.

        Raises:
            NotStoredError: when no article has that id.
            StoreError: when the database can't be written.
        """
        self._update(article_id, _given(story_key=key, story_name=name), drop_claims=False)
        return self.get(article_id)

    def _update(self, article_id: str, changes: dict[str, str | None], drop_claims: bool) -> None:
        """Set columns of one article in one transaction (column names come from this module, never a user)."""
        with self._connect() as conn, self._transaction(conn):
            if conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is None:
                raise NotStoredError(f"no stored article has the id {article_id}")
            if changes:
                assignments = ", ".join(f"{column} = ?" for column in changes)
                conn.execute(f"UPDATE articles SET {assignments} WHERE id = ?", (*changes.values(), article_id))
                if drop_claims:
                    conn.execute("DELETE FROM extractions WHERE article_id = ?", (article_id,))

    def remove(self, article_id: str) -> StoredArticle:
        """Delete one article and its claims; returns what was removed.

        Raises:
            NotStoredError: when no article has that id.
            StoreError: when the database can't be written.
        """
        stored = self.get(article_id)
        with self._connect() as conn, self._transaction(conn):
            conn.execute("DELETE FROM extractions WHERE article_id = ?", (article_id,))
            if conn.execute("DELETE FROM articles WHERE id = ?", (article_id,)).rowcount == 0:
                raise NotStoredError(f"no stored article has the id {article_id}")
        return stored


def _given(**fields: str | _Keep | None) -> dict[str, str | None]:
    """The fields a caller gave (not :data:`KEEP`), blanks as ``None``."""
    return {name: _blank_to_none(value) for name, value in fields.items() if not isinstance(value, _Keep)}


def _claims_from_json(payload: str) -> tuple[Claim, ...] | None:
    """Stored claims, or ``None`` when they can't be read back (then they are found again)."""
    try:
        return tuple(Claim.from_dict(c) for c in json.loads(payload))
    except (ValueError, KeyError, TypeError):
        return None


def _safe_date(value: str | None) -> str | None:
    """A date found in the text or page metadata, kept only when it is ``YYYY-MM-DD``."""
    try:
        return valid_date(value)
    except ValueError:
        return None


def open_store(
    path: str | Path | None = None, timeout: float = BUSY_TIMEOUT_SECONDS, seeds: str | Path | None = None
) -> ArticleStore:
    """Open (creating if needed) the article store at ``path`` or :func:`default_db_path`.

    The app calls this once; on :class:`StoreError` it still serves the seeds and shows the message.

    Args:
        path: The database file; ``None`` for :func:`default_db_path`.
        timeout: Seconds to wait for another process's write before reporting the file locked.
        seeds: The read-only seed folder; an article with the same text as a seed is not stored.

    Raises:
        StoreError: when the file is corrupt, locked by another program, read-only, or from a newer version.
    """
    return ArticleStore(path, timeout=timeout, seeds=seeds)

