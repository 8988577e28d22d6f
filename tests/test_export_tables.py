"""CSV of claims and GeoJSON of flows: round trips through pandas and geopandas, formula neutralising."""

from __future__ import annotations

import io
import json
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest

from dashboard.credits import credit_line, display_date
from dashboard.tables import CLAIM_COLUMNS, claims_csv, flows_geojson, neutralise
from extraction.flows import reconcile
from extraction.model import Document, Source
from tests.builders import claim, country, nowhere, site

SEED_DOCUMENT = Path(__file__).parent / "fixtures" / "seed_document.json"
FORT_BRAGG = site("Fort Bragg, North Carolina", "US", 35.14, -79.0)


def seed_document() -> Document:
    return Document.from_dict(json.loads(SEED_DOCUMENT.read_text(encoding="utf-8")))


def read_csv(data: bytes) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", keep_default_na=False, dtype=str)


def test_csv_has_one_row_per_claim_of_the_chosen_sources() -> None:
    document = seed_document()
    ids = [s.id for s in document.sources]
    frame = read_csv(claims_csv(document.claims, document.sources, ids))
    assert list(frame.columns) == list(CLAIM_COLUMNS)
    assert len(frame) == len(document.claims)
    assert set(frame["claim_id"]) == {c.id for c in document.claims}
    one = read_csv(claims_csv(document.claims, document.sources, [ids[1]]))
    assert set(one["source_id"]) == {ids[1]}
    assert set(one["outlet"]) == {"CNN"}


def test_csv_row_carries_quote_offsets_attribution_places_and_coordinates() -> None:
    c = claim(count=1700, to=(country("PL"), country("DE")), origin=FORT_BRAGG, quote="1,700 troops, Kirby said",
              attributed_to="John Kirby")
    source = Source("s1", "a.txt", "Headline", "CNN", "2022-02-02")
    row = read_csv(claims_csv([c], [source], ["s1"])).iloc[0]
    assert row["quote"] == "1,700 troops, Kirby said"
    assert (row["start"], row["end"]) == ("0", str(len("1,700 troops, Kirby said")))
    assert row["attributed_to"] == "John Kirby"
    assert row["outlet"] == "CNN" and row["published"] == "2022-02-02"
    assert row["origin"] == "Fort Bragg, North Carolina"
    assert float(row["origin_lat"]) == pytest.approx(35.14)
    assert row["destinations"] == "Poland; Germany"
    assert [float(v) for v in row["destination_lons"].split("; ")] == pytest.approx([19.4, 10.4])


def test_csv_keeps_unresolved_and_negated_claims() -> None:
    claims = [claim(to=(nowhere("Zzyzx"),)), claim(count=None, to=(country("UA"),), negated=True)]
    frame = read_csv(claims_csv(claims, [], ["s1"]))
    assert list(frame["destination_precisions"]) == ["unresolved", "country"]
    assert list(frame["destination_lats"]) == ["", "49.00000"]
    assert list(frame["negated"]) == ["False", "True"]


@pytest.mark.parametrize("evil", ["=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"])
def test_formula_cells_are_neutralised(evil: str) -> None:
    c = claim(quote=evil, to=(country("PL"),), attributed_to=evil)
    row = read_csv(claims_csv([c], [Source("s1", "", evil, evil)], ["s1"])).iloc[0]
    for column in ("quote", "attributed_to", "outlet", "source_title"):
        assert row[column] == "'" + evil


def test_neutralise_leaves_numbers_and_plain_text() -> None:
    assert neutralise(-5) == -5
    assert neutralise("Poland") == "Poland"
    assert neutralise("") == ""


def test_geojson_round_trips_through_geopandas() -> None:
    document = seed_document()
    reconciliation = reconcile(document.claims, [s.id for s in document.sources])
    frame = gpd.read_file(io.BytesIO(flows_geojson(reconciliation)))
    expected = sum(
        len([p for p in m.destinations if p.resolved]) for m in reconciliation.movements
        if m.kind not in ("alert", "buildup") and m.origin is not None and m.origin.resolved
    )
    assert len(frame) == expected > 0
    assert set(frame.geom_type) == {"LineString"}
    claim_ids = {c.id for c in document.claims}
    for ids in frame["claim_ids"]:
        assert set(ids.split(",")) <= claim_ids
    bragg = frame[(frame["origin"] == "Fort Bragg, North Carolina") & (frame["destination"] == "Poland")]
    assert list(bragg["count"]) == [1700]
    line = bragg.geometry.iloc[0]
    assert line.coords[0][0] == pytest.approx(-79.0, abs=0.5) and line.coords[-1][0] == pytest.approx(20.46, abs=1)
    assert len(line.coords) == 65


def test_geojson_combined_flow_carries_one_total_flagged_combined() -> None:
    combined = claim(count=2000, to=(country("PL"), country("DE")), origin=country("US"))
    frame = gpd.read_file(io.BytesIO(flows_geojson(reconcile([combined], ["s1"]))))
    assert list(frame["destination"]) == ["Poland", "Germany"]
    assert list(frame["combined"]) == [True, True]
    assert set(frame["combined_destinations"]) == {"Poland; Germany"}
    assert set(frame["claim_ids"]) == {combined.id}


def test_geojson_leaves_out_unresolved_and_negated() -> None:
    claims = [claim(to=(nowhere("Zzyzx"),), origin=FORT_BRAGG), claim(count=None, to=(country("UA"),),
                                                                       origin=FORT_BRAGG, negated=True)]
    assert json.loads(flows_geojson(reconcile(claims, ["s1"])))["features"] == []


def test_credit_line_names_outlet_and_date() -> None:
    sources = [Source("a", "", None, "CNN", "2022-02-02"), Source("b", "", None, "Business Insider", "2022-02-02")]
    assert credit_line(sources, ["a", "b"]) == "Sources: CNN, 2 Feb 2022; Business Insider, 2 Feb 2022"
    assert credit_line(sources, ["b"]) == "Sources: Business Insider, 2 Feb 2022"
    assert display_date("Feb 2022") == "Feb 2022"


def test_csv_gives_the_period_a_quote_refers_to() -> None:
    from extraction.timing import with_time

    (dated,) = with_time([claim("s1", 900, (country("PL"),), quote="900 troops went to Poland last week")],
                         "2022-02-02")
    row = read_csv(claims_csv([dated], [Source("s1", "s1.txt")], ["s1"])).iloc[0]
    assert (row["refers_to_start"], row["refers_to_end"], row["refers_to_text"]) == \
        ("2022-01-24", "2022-01-30", "last week")
