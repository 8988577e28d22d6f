"""Command line: ``python -m extraction PATH... --format json``, and the store's ``add|list|remove|rename``."""

from __future__ import annotations

import argparse
import json
import sys

from extraction.pipeline import extract_paths
from extraction.store_cli import COMMANDS
from extraction.store_cli import main as store_main


def main(argv: list[str] | None = None) -> int:
    """Run the extraction command, or a store command when the first argument names one; returns the exit status."""
    argv = sys.argv[1:] if argv is None else argv
    # The default form takes bare paths, so subcommands are told apart by the first word (./add for a file so named).
    if argv and argv[0] in COMMANDS:
        return store_main(argv)
    parser = argparse.ArgumentParser(
        prog="python -m extraction",
        description="Extract troop-movement claims from article files or directories.",
        epilog="Stored articles: python -m extraction add FILE... | list | remove ID... | rename ID (each has --help).",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="article file or directory")
    parser.add_argument("--format", choices=["json"], default="json", help="output format")
    args = parser.parse_args(argv)
    document, errors = extract_paths(args.paths)
    for message in errors:
        print(f"error: {message}", file=sys.stderr)
    json.dump(document.to_dict(), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
