"""Reading article files: decoding, HTML to text, and source metadata (headline, date, byline)."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extraction.model import Article, Source

ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm")
MAX_ARTICLE_BYTES = 8 * 1024 * 1024
METADATA_FILE = "metadata.toml"

# "date 2022-02-02 ..." or a line of its own "date: 2022-10-16" ("date: unknown" says it is not known).
_DATE_HEADER = re.compile(r"^\s*date:?\s+(\d{4}-\d{2}-\d{2}\b|unknown\s*$)\s*", re.IGNORECASE)
_BYLINE = re.compile(r"\bBy\s+([A-Z][^\n]{2,200}?)(?:,\s*(?P<outlet>[A-Z][A-Za-z .&]{1,40}))?\s*$")
_VIDEO_TIME = re.compile(r"\s+\d{1,2}:\d{2}\s*$")
_HTML_DOCUMENT = re.compile(r"<(?:html|body)\b", re.IGNORECASE)
_HTML_START = re.compile(
    r"\s*<(?:!doctype\s+html|html|head|body|meta|title|article|section|main|div|p|h[1-6]|script|style)\b",
    re.IGNORECASE,
)


class ArticleError(Exception):
    """An article file that can't be read or decoded; the message says why."""


@dataclass(frozen=True)
class Header:
    """Metadata found at the top of an article's text."""

    title: str | None
    published: str | None
    byline: str | None
    outlet: str | None


def decode(raw: bytes, name: str = "article") -> str:
    """Decode article bytes: UTF-8 (with or without BOM), else Windows-1252.

    Raises:
        ArticleError: for binary content (NUL bytes or mostly control characters).
    """
    if b"\x00" in raw[:65536]:
        raise ArticleError(f"{name}: looks like a binary file (contains NUL bytes), not an article")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = raw.decode("cp1252")
        except UnicodeDecodeError as exc:
            raise ArticleError(f"{name}: not UTF-8 or Windows-1252 text ({exc.reason})") from exc
    sample = text[:65536]
    control = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    if sample and control / len(sample) > 0.05:
        raise ArticleError(f"{name}: looks like a binary file (many control characters), not an article")
    return text


def html_to_text(html: str) -> tuple[str, dict[str, str | None]]:
    """Main text and metadata of an HTML page, via trafilatura (offline)."""
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=False) or ""
    if not text and not _HTML_DOCUMENT.search(html):
        # trafilatura finds nothing in a bare fragment (``<p>...</p>``): give it a page around it.
        text = trafilatura.extract(f"<html><body>{html}</body></html>", include_comments=False,
                                   include_tables=False) or ""
    meta = trafilatura.extract_metadata(html)
    info: dict[str, str | None] = {"title": None, "published": None, "byline": None, "outlet": None}
    if meta is not None:
        info = {
            "title": meta.title,
            "published": meta.date,
            "byline": meta.author,
            "outlet": meta.sitename,
        }
    return text, info


def read_header(text: str) -> Header:
    """Headline, ``date`` header and ``By ...`` byline from the top of a plain-text article."""
    published = byline = outlet = title = None
    lines = [ln for ln in text.splitlines() if ln.strip()]
    if not lines:
        return Header(None, None, None, None)
    first = lines[0]
    m = _DATE_HEADER.match(first)
    if m:
        published = None if m.group(1).strip().lower() == "unknown" else m.group(1)
        first = first[m.end():]
        if not first.strip() and len(lines) > 1:
            first, m = lines[1], None  # the date has a line of its own; the headline comes next
        b = _BYLINE.match(first.strip())
        if b:
            byline, outlet = b.group(1).strip(), b.group("outlet")
            first = ""
    for line in lines[:40]:
        b = re.match(r"^\s*By\s+([A-Z][^\n]{2,200})$", line)
        if b and byline is None:
            parts = b.group(1).rsplit(",", 1)
            byline = parts[0].strip()
            if len(parts) == 2 and len(parts[1].split()) <= 4:
                outlet = outlet or parts[1].strip()
    candidate = _VIDEO_TIME.sub("", first.strip())
    if candidate and len(candidate) <= 160 and not candidate.endswith((".", "!", "?", ":")) and not m:
        title = candidate
    return Header(title, published, byline, outlet)


def _metadata_for(path: Path) -> dict[str, Any]:
    meta_path = path.parent / METADATA_FILE
    if not meta_path.is_file():
        return {}
    try:
        table = tomllib.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return {}
    entry = table.get(path.stem)
    return dict(entry) if isinstance(entry, dict) else {}


def _known(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return None if not text or text.lower() == "unknown" else text


def check_size(size: int, name: str = "article", limit: int = MAX_ARTICLE_BYTES) -> None:
    """Refuse an article of ``size`` bytes when it is over ``limit``.

    Raises:
        ArticleError: naming the size and the limit.
    """
    if size > limit:
        raise ArticleError(f"{name}: {size:,} bytes is over the {limit:,}-byte limit for one article")


def is_html(name: str, text: str) -> bool:
    """Whether an article is HTML: by its file suffix, else by starting with a tag such as ``<html>`` or ``<p>``."""
    if Path(name).suffix.lower() in (".html", ".htm"):
        return True
    return bool(_HTML_START.match(text))


def read_article_bytes(path: str | Path, limit: int = MAX_ARTICLE_BYTES) -> bytes:
    """The bytes of one article file, refused before reading when it is over ``limit``.

    Raises:
        ArticleError: when the file is missing, a directory, unreadable or too large.
    """
    p = Path(path)
    try:
        check_size(p.stat().st_size, str(p), limit)
        return p.read_bytes()
    except FileNotFoundError as exc:
        raise ArticleError(f"{p}: no such file") from exc
    except IsADirectoryError as exc:
        raise ArticleError(f"{p}: is a directory") from exc
    except OSError as exc:
        raise ArticleError(f"{p}: cannot be read ({exc.strerror or exc})") from exc


def load_article(path: str | Path) -> Article:
    """Read one article file into an :class:`Article`.

    Raises:
        ArticleError: when the file is missing, unreadable, too large, binary or undecodable.
    """
    p = Path(path)
    text = decode(read_article_bytes(p), str(p))
    return article_from_text(text, source_id=p.stem, path=str(path), html=p.suffix.lower() in (".html", ".htm"),
                             metadata=_metadata_for(p))


def article_from_text(
    text: str,
    source_id: str,
    path: str = "",
    html: bool = False,
    metadata: dict[str, Any] | None = None,
) -> Article:
    """Build an :class:`Article` from decoded text, with metadata from the text and ``metadata``."""
    meta = metadata or {}
    if html:
        text, info = html_to_text(text)
        header = Header(info["title"], info["published"], info["byline"], info["outlet"])
    else:
        header = read_header(text)
    source = Source(
        id=source_id,
        path=path,
        title=header.title or _known(meta.get("title")),
        outlet=_known(meta.get("outlet")) or header.outlet,
        published=header.published or _known(meta.get("published")),
        byline=header.byline or _known(meta.get("byline")),
    )
    return Article(source=source, text=text)


def article_paths(paths: list[str]) -> list[str]:
    """Expand directories into their article files, sorted by name; files are kept as given."""
    out: list[str] = []
    for given in paths:
        p = Path(given)
        if p.is_dir():
            out.extend(str(f) for f in sorted(p.iterdir()) if f.suffix.lower() in ARTICLE_SUFFIXES and f.is_file())
        else:
            out.append(given)
    return out
