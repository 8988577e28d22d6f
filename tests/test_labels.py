"""The one label-placement rule of the live map and the exports: boxes on screen, no overlaps, fixed order."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor

import pytest

from dashboard import labels as labels_module
from dashboard.basemap import load_basemap
from dashboard.deck import LABELS, build_deck
from dashboard.labels import Label, disc, overlap, place_labels, text_size
from extraction.flows import reconcile
from tests.builders import claim, country, region, site
from tests.label_boxes import label_boxes, projector

SIZES = [(1366, 768), (1920, 1080), (1080, 1080)]
LIVE_CANVAS = {(1366, 768): (906, 560), (1920, 1080): (1460, 560), (1080, 1080): (620, 560)}  # beside the sidebar


def test_a_label_takes_the_nearest_free_place_and_the_first_never_moves() -> None:
    a = Label(100, 100, 60, 15, gap=5)
    b = Label(100, 100, 60, 15, gap=5)
    first, second = place_labels([a, b])
    assert first is not None and second is not None
    assert first.left == 105 and not first.leader  # to the right of its place
    assert second.left + second.width <= 95  # then to the left
    assert overlap(first.box, second.box) == 0


def test_a_crowded_label_goes_further_out_with_a_leader_line() -> None:
    blocks = [disc(100, 100, 60)]
    (placed,) = place_labels([Label(100, 100, 40, 12, gap=5)], blocks)
    assert placed is not None and placed.leader and overlap(placed.box, blocks[0]) == 0


def test_an_optional_label_is_dropped_not_moved() -> None:
    name = Label(100, 100, 40, 12, optional=True)
    assert place_labels([name], [disc(100, 100, 40)]) == [None]
    (alone,) = place_labels([name])
    assert alone is not None and alone.left == 80  # centred on its point


def test_labels_stay_inside_the_frame_when_they_can() -> None:
    (placed,) = place_labels([Label(195, 50, 50, 12, gap=4)], frame=(0, 0, 200, 100))
    assert placed is not None and placed.box[2] <= 200


def test_a_label_never_straddles_a_wall_even_when_every_other_place_is_crowded() -> None:
    # The antimeridian: the next copy of the world is drawn over whatever of a label crosses it.
    crowd = [disc(40, 100, 30), disc(260, 100, 100)]  # marks on both sides: every place costs something
    (placed,) = place_labels([Label(100, 100, 120, 14, gap=5)], crowd, frame=(0, 0, 400, 200), walls=[150])
    assert placed is not None and placed.box[2] <= 150, placed.box  # on its place's side: neither across nor beyond


def test_text_widths_are_the_same_when_many_sessions_ask_at_once() -> None:
    chars = [chr(c) for c in range(0x20, 0x2000)]  # Latin, Greek, Cyrillic, Arabic...: mostly new to the cache
    labels_module._advance.cache_clear()
    with ThreadPoolExecutor(8) as pool:  # Streamlit runs each session's script on a thread of its own
        together = list(pool.map(lambda part: [text_size(c, 13)[0] for c in part], [chars[n::8] for n in range(8)]))
    labels_module._advance.cache_clear()
    alone = [[text_size(c, 13)[0] for c in chars[n::8]] for n in range(8)]
    assert together == alone
    assert text_size("W", 13)[0] > text_size("i", 13)[0] > 0


PL, DE, RO, US, UA = (country(c) for c in ("PL", "DE", "RO", "US", "UA"))
BY = site("Belarus", "BY", 53.5, 28.0)
BRAGG = site("Fort Bragg, North Carolina", "US", 35.14, -79.0)
KABUL = site("Kabul", "AF", 34.53, 69.17)
KUWAIT, QATAR = site("Kuwait", "KW", 29.3, 47.6), site("Qatar", "QA", 25.3, 51.2)
NIGER, KP = site("Niger", "NE", 17.4, 9.4), site("North Korea", "KP", 40.0, 127.0)
DARWIN = site("Darwin, Northern Territory", "AU", -12.46, 130.84)
VLADIVOSTOK = site("Vladivostok", "RU", 43.12, 131.9)

SEED_LIKE = [  # the seeds' crowded pattern: parts, a combined total, a region, buildups, ruled-out places
    claim("s1", 1700, (PL,), origin=BRAGG), claim("s2", 2000, (PL,), origin=BRAGG),
    claim("s1", 300, (DE,), origin=BRAGG), claim("s1", 1000, (RO,), origin=DE),
    claim("s1", 2000, (PL, DE), origin=US), claim("s1", 3000, (region("Eastern Europe", 50.0, 25.0),), origin=US),
    claim("s1", 8500, (), kind="alert"),
    claim("s1", 100000, (UA,), kind="buildup", force="RU"),
    claim("s1", None, (BY,), kind="buildup", force="RU", count_text="tens of thousands"),
    claim("s1", None, (UA,), negated=True),
]
VIEWS = {
    "seed-like": SEED_LIKE,
    "gulf": [claim("s1", 3000, (KUWAIT, QATAR), origin=KABUL), claim("s1", 1000, (KUWAIT,), origin=KABUL)],
    "sahel": [claim("s1", 1000, (NIGER,), kind="withdraw"), claim("s1", None, (NIGER,), negated=True)],
    "pacific": [claim("s1", 2500, (DARWIN,), origin=US), claim("s1", 1500, (VLADIVOSTOK,), origin=KP)],
    "across the Pacific": [claim("s1", 2500, (DARWIN,)), claim("s1", 1000, (site("Honolulu", "US", 21.3, -157.8),)),
                           claim("s1", 500, (site("Guam", "GU", 13.4, 144.8),), origin=US)],
}


@pytest.mark.parametrize("window", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
@pytest.mark.parametrize("name", VIEWS)
def test_no_label_overlaps_another_or_a_mark_at_the_opening_view(name: str, window: tuple[int, int]) -> None:
    width, height = LIVE_CANVAS[window]  # the deck is built as the app builds it, without knowing the window
    claims = VIEWS[name]
    rec = reconcile(claims, sorted({c.source_id for c in claims}))
    spec = json.loads(build_deck(rec, load_basemap()).to_json())
    texts, marks = label_boxes(spec, {"x": 0.0, "y": 0.0, "width": width, "height": height})
    assert texts
    at = projector(spec, {"x": 0.0, "y": 0.0, "width": width, "height": height})
    rows = next(layer for layer in spec["layers"] if layer["id"] == LABELS)["data"]
    for row, (_, box) in zip(rows, texts, strict=False):  # labels come first, in the layer's order
        x, y = at(row["position"])
        if 0 <= x <= width and 0 <= y <= height:  # a label whose place is on screen is wholly on screen
            assert box[0] >= 0 and box[1] >= 0 and box[2] <= width and box[3] <= height, row["text"]
    for n, (text, box) in enumerate(texts):
        for other, other_box in texts[n + 1:]:
            assert overlap(box, other_box) == 0, (text, other)
        for mark in marks:
            assert overlap(box, mark) < 2, (text, mark)  # a pixel of anti-aliasing at most
    labels = [t for t, _ in texts]
    for m in rec.movements:  # every destination label names its place (a combined one names them all)
        for place in m.destinations:
            assert any(place.name in t for t in labels), (place.name, labels)
