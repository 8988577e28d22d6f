"""The seed articles against the project's copy of the hand-annotated gold claims.

One test per required gold claim and per trap (text that looks like a claim but is not one).
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest

from extraction import extract_paths
from tests.evaluate import claim_matches, score

ROOT = Path(__file__).resolve().parent.parent
GOLD: list[dict[str, Any]] = json.loads((ROOT / "tests/fixtures/seed_claims.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def predicted() -> dict[str, list[dict[str, Any]]]:
    document, errors = extract_paths([str(ROOT / "seeds")])
    assert errors == []
    out: dict[str, list[dict[str, Any]]] = {}
    for c in document.claims:
        out.setdefault(c.source_id, []).append(c.to_dict())
    return out


REQUIRED = [(a["article"], g) for a in GOLD for g in a["claims"] if g["required"]]
TRAPS = [(a["article"], t) for a in GOLD for t in a.get("traps", [])]


@pytest.mark.parametrize(("article", "gold"), REQUIRED, ids=[g["id"] for _, g in REQUIRED])
def test_required_claim_is_found(article: str, gold: dict[str, Any]) -> None:
    preds = predicted().get(Path(article).stem, [])
    assert any(claim_matches(gold, p) for p in preds), gold["evidence"]


@pytest.mark.parametrize(("article", "trap"), TRAPS, ids=[t[:40] for _, t in TRAPS])
def test_trap_gives_no_claim(article: str, trap: str) -> None:
    text = (ROOT / "seeds" / article).read_text(encoding="utf-8")
    start = text.find(trap)
    assert start >= 0
    end = start + len(trap)
    for p in predicted().get(Path(article).stem, []):
        ev = p["evidence"]
        assert not (ev["start"] < end and ev["end"] > start), p["evidence"]["text"]


def test_seed_scores_meet_the_bar() -> None:
    claims = [c for cs in predicted().values() for c in cs]
    result = score(GOLD, claims)
    assert result["critical"] == 0
    assert result["recall"] == 1.0, result["missed"]
    assert result["precision"] >= 0.95, [(e["source_id"], e["evidence"]["text"][:60]) for e in result["extra"]]


def test_every_evidence_quote_is_the_text_at_its_offsets() -> None:
    for source_id, claims in predicted().items():
        text = (ROOT / "seeds" / f"{source_id}.txt").read_text(encoding="utf-8")
        for c in claims:
            ev = c["evidence"]
            assert text[ev["start"]:ev["end"]] == ev["text"]
