"""Command line: ``python -m extraction PATH... --format json``."""

from __future__ import annotations

import argparse
import json
import sys

from extraction.pipeline import extract_paths


def main(argv: list[str] | None = None) -> int:
    """Run the extraction command; returns the exit status."""
    parser = argparse.ArgumentParser(
        prog="python -m extraction",
        description="Extract troop-movement claims from article files or directories.",
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
