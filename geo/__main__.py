"""``python -m geo QUERY... --format json``: resolve each query and print the Places as a JSON list."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from geo.resolver import resolve


def main(argv: list[str] | None = None) -> int:
    """Resolve each query; unresolved ones print ``null`` and their reason goes to stderr.

    Args:
        argv: Command-line arguments (defaults to ``sys.argv[1:]``).

    Returns:
        The exit status: 0 (an unplaced query is an answer, not an error).
    """
    parser = argparse.ArgumentParser(prog="python -m geo", description=__doc__)
    parser.add_argument("queries", nargs="+", metavar="QUERY", help="a place as an article writes it")
    parser.add_argument("--format", choices=["json", "text"], default="json")
    parser.add_argument("--context", default="", help="the sentence the queries sit in")
    parser.add_argument("--running-text", action="store_true",
                        help="read each query as met in running text: everyday words, lone abbreviations and "
                             "demonyms stay unresolved unless the context ties them to a place")
    args = parser.parse_args(argv)
    out: list[dict[str, Any] | None] = []
    for query in args.queries:
        place = resolve(query, args.context, running_text=args.running_text)
        if place.resolved:
            out.append(place.to_dict())
        else:
            out.append(None)
            print(f"{query}: unresolved: {place.why}", file=sys.stderr)
    if args.format == "json":
        json.dump(out, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        for query, entry in zip(args.queries, out, strict=True):
            where = f"{entry['name']} ({entry['lat']}, {entry['lon']}) {entry['precision']}" if entry else "-"
            print(f"{query}\t{where}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
