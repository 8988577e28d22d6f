"""Exports of the current view: a static map (PNG, SVG) or the data (CSV of claims, GeoJSON of flows).

Command::

    python -m dashboard.export [PATH...] --out FILE.png|.svg|.csv|.geojson [--source ID]... [--size WxH]
                               [--title TEXT] [--subtitle TEXT] [--dpi N]

PATH is an articles folder or file, or an extracted JSON document (default: ``seeds``). Without
``--source`` every source is used (the dashboard's "all sources" view). Exit status: 0 on success, 1 when
the output can't be written or an article can't be read, 2 for a usage error (unknown source, bad size).
The file is written to a temporary file beside ``--out`` and renamed, so a failed export leaves no partial
file.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from dashboard.static_map import DEFAULT_SIZE, DESIGN_DPI, PRINT_DPI, SIZES, Format, Frame, map_text, parse_size, render
from dashboard.tables import claims_csv, flows_geojson
from extraction import Document, extract_paths
from extraction.flows import reconcile

FORMATS: dict[str, str] = {".png": "png", ".svg": "svg", ".csv": "csv", ".geojson": "geojson", ".json": "geojson"}
MIME: dict[str, str] = {"png": "image/png", "svg": "image/svg+xml", "csv": "text/csv",
                        "geojson": "application/geo+json"}


@dataclass(frozen=True)
class ExportOptions:
    """What to export and how.

    Attributes:
        fmt: ``png``, ``svg``, ``csv`` or ``geojson``.
        source_ids: The sources of the view (the same ones the dashboard reconciles).
        title: Map title; ``None`` for the default.
        subtitle: Line under the title; ``None`` for the default.
        size: ``(width, height)`` in pixels at :data:`DESIGN_DPI`.
        dpi: Output resolution; :data:`PRINT_DPI` renders the same layout at print resolution.
    """

    fmt: str
    source_ids: tuple[str, ...]
    title: str | None = None
    subtitle: str | None = None
    size: tuple[int, int] = DEFAULT_SIZE
    dpi: int = DESIGN_DPI


def export_bytes(document: Document, options: ExportOptions) -> bytes:
    """The export's bytes for a document and a view: what the app's download buttons serve.

    Args:
        document: Sources and claims (the dashboard's loaded document).
        options: Format, sources, title and size.

    Returns:
        The file content.

    Raises:
        ValueError: for an unknown format.
    """
    reconciliation = reconcile(document.claims, options.source_ids)
    if options.fmt in ("png", "svg"):
        fmt: Format = "png" if options.fmt == "png" else "svg"
        text = map_text(reconciliation, document.sources, options.title, options.subtitle)
        return render(reconciliation, text, Frame(*options.size, dpi=options.dpi), fmt)
    if options.fmt == "csv":
        return claims_csv(document.claims, document.sources, options.source_ids)
    if options.fmt == "geojson":
        return flows_geojson(reconciliation)
    raise ValueError(f"unknown export format {options.fmt!r}; choose one of {', '.join(MIME)}")


def file_name(options: ExportOptions) -> str:
    """A download file name for the view: ``troop-movements-1920x1080.png``, ``troop-movements-claims.csv``."""
    if options.fmt in ("png", "svg"):
        return f"troop-movements-{options.size[0]}x{options.size[1]}.{options.fmt}"
    return f"troop-movements-{'claims' if options.fmt == 'csv' else 'flows'}.{options.fmt}"


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same directory and a rename.

    Raises:
        OSError: when the directory can't be written; no partial file is left behind.
    """
    directory = path.parent if str(path.parent) else Path(".")
    fd, temp = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def load_document(paths: Sequence[str]) -> tuple[Document, list[str]]:
    """Read one extracted JSON document, or extract the articles under ``paths``."""
    if len(paths) == 1 and paths[0].endswith(".json"):
        return Document.from_dict(json.loads(Path(paths[0]).read_text(encoding="utf-8"))), []
    return extract_paths(paths)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m dashboard.export", description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", metavar="PATH", help="articles (files or folders) or a JSON document; "
                        "default: seeds")
    parser.add_argument("--out", required=True, help="output file: .png, .svg, .csv or .geojson")
    parser.add_argument("--source", action="append", default=[], metavar="ID", help="a source id (repeatable); "
                        "default: every source")
    parser.add_argument("--size", default=f"{DEFAULT_SIZE[0]}x{DEFAULT_SIZE[1]}",
                        help=f"picture size in pixels, e.g. {', '.join(SIZES)}")
    parser.add_argument("--title", help="map title")
    parser.add_argument("--subtitle", help="line under the title")
    parser.add_argument("--dpi", type=int, default=DESIGN_DPI,
                        help=f"resolution: {DESIGN_DPI} gives the size in pixels; {PRINT_DPI} for print")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; returns the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    out = Path(args.out)
    fmt = FORMATS.get(out.suffix.lower())
    if fmt is None:
        parser.error(f"--out must end in .png, .svg, .csv or .geojson, not {out.name!r}")
    try:
        size = parse_size(args.size)
    except ValueError as exc:
        parser.error(str(exc))
    if not 50 <= args.dpi <= 1200:
        parser.error(f"--dpi must be between 50 and 1200, not {args.dpi}")
    document, errors = load_document(args.paths or ["seeds"])
    for message in errors:
        print(message, file=sys.stderr)
    known = [s.id for s in document.sources]
    unknown = [sid for sid in args.source if sid not in known]
    if unknown:
        parser.error(f"unknown source id(s): {', '.join(unknown)}; known: {', '.join(known) or 'none'}")
    source_ids = tuple(dict.fromkeys(args.source)) or tuple(known)
    options = ExportOptions(fmt, source_ids, args.title, args.subtitle, size, args.dpi)
    data = export_bytes(document, options)
    try:
        write_atomic(out, data)
    except OSError as exc:
        print(f"cannot write {out}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"wrote {out} ({len(data):,} bytes, {len(source_ids)} source(s))", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
