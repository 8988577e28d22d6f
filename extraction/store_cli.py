"""Command line for the article store: ``python -m extraction add|list|remove|rename ...``.

Exit status: 0 when everything asked for was done, 1 when some file or id failed (the others are still
done) or the database can't be used, 2 for usage errors.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from extraction.reader import ArticleError, read_article_bytes
from extraction.store import (
    DB_ENV,
    KEEP,
    MAX_STORED_ARTICLE_BYTES,
    ArticleStore,
    StoredArticle,
    StoreError,
    open_store,
    valid_date,
)

COMMANDS = ("add", "list", "remove", "rename")
"""First arguments that select a store command instead of ``PATH... --format json``."""


def _date_argument(value: str) -> str:
    try:
        checked = valid_date(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc
    return checked or ""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m extraction",
        description=f"Manage the articles added to the map (database: ${DB_ENV} or ~/.local/share/troopmap).",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.add_argument("--db", metavar="FILE", help=f"database file (default: ${DB_ENV} or the user data folder)")
        sub.add_argument("--seeds", metavar="DIR", default="seeds",
                         help="seed folder; its articles are never stored again (default: ./seeds)")
        return sub

    add = command("add", "add article files (text, Markdown or HTML) and find their claims")
    add.add_argument("files", nargs="+", metavar="FILE")
    add.add_argument("--outlet", help="publisher, for every file given")
    add.add_argument("--date", type=_date_argument, metavar="YYYY-MM-DD", help="publication date")
    add.add_argument("--url", help="where the article was found")
    add.add_argument("--title", help="headline (default: from the article)")

    listing = command("list", "list the stored articles")
    listing.add_argument("--format", choices=["table", "json"], default="table")

    remove = command("remove", "delete stored articles and their claims")
    remove.add_argument("ids", nargs="+", metavar="ID")

    rename = command("rename", "change a stored article's outlet, date or title ('' clears one)")
    rename.add_argument("id", metavar="ID")
    rename.add_argument("--outlet")
    rename.add_argument("--date", type=_date_argument, metavar="YYYY-MM-DD")
    rename.add_argument("--title")
    return parser


def _as_given(message: str, name: str) -> str:
    """``message`` naming the file as the user gave it (the store names it by its base name)."""
    base = Path(name).name
    return name + message[len(base):] if message.startswith(f"{base}:") else message


def _add(store: ArticleStore, args: argparse.Namespace) -> int:
    failed = 0
    for name in args.files:
        try:
            raw = read_article_bytes(name, MAX_STORED_ARTICLE_BYTES)
            result = store.add_bytes(raw, Path(name).name, outlet=args.outlet, published=args.date, url=args.url,
                                     title=args.title)
        except (ArticleError, StoreError) as exc:
            print(f"error: {_as_given(str(exc), name)}", file=sys.stderr)
            failed += 1
            continue
        print(_as_given(result.message, name))
    return 1 if failed else 0


def _row(article: StoredArticle) -> str:
    return "\t".join(
        [article.id, article.published or "-", article.outlet or "-", article.title or "-", article.filename]
    )


def _list(store: ArticleStore, args: argparse.Namespace) -> int:
    articles = store.list()
    if args.format == "json":
        json.dump(
            [{**article.source.to_dict(), "url": article.url, "added_at": article.added_at,
              "story_key": article.story_key, "story_name": article.story_name} for article in articles],
            sys.stdout,
            ensure_ascii=False,
            indent=2,
        )
        sys.stdout.write("\n")
        return 0
    print("\t".join(["id", "published", "outlet", "title", "filename"]))
    for article in articles:
        print(_row(article))
    return 0


def _remove(store: ArticleStore, args: argparse.Namespace) -> int:
    failed = 0
    for article_id in args.ids:
        try:
            removed = store.remove(article_id)
        except StoreError as exc:
            print(f"error: {exc}", file=sys.stderr)
            failed += 1
            continue
        print(f"removed {removed.id} ({removed.filename})")
    return 1 if failed else 0


def _rename(store: ArticleStore, args: argparse.Namespace) -> int:
    changed = store.rename(
        args.id,
        outlet=KEEP if args.outlet is None else args.outlet,
        published=KEEP if args.date is None else args.date,
        title=KEEP if args.title is None else args.title,
    )
    print(_row(changed))
    return 0


def main(argv: list[str]) -> int:
    """Run one store command; returns the exit status (argparse exits 2 on usage errors)."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command == "rename" and args.outlet is None and args.date is None and args.title is None:
        parser.error("rename: give at least one of --outlet, --date, --title")
    try:
        store = open_store(Path(args.db) if args.db else None, seeds=args.seeds)
        run = {"add": _add, "list": _list, "remove": _remove, "rename": _rename}[args.command]
        return run(store, args)
    except StoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
