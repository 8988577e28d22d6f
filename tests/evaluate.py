"""Score extracted claims against a gold file of hand-annotated claims (``make eval``).

A gold claim counts as found when one predicted claim of the same article agrees on negation, a
compatible kind, the count (for claims that are not negated), the destinations (paired one to one:
same country for a country, within 60 km for a site or city, same name or within 1,500 km for a
region), the origin where the gold names one, and evidence within 150 characters of the gold quote.
Prints recall of the required claims, precision of the predicted ones, and 'critical' flows: a
movement into Ukraine by US or NATO forces that is not negated.

Usage: python -m tests.evaluate ARTICLES_DIR GOLD.json
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path
from typing import Any

from extraction import extract_paths

MOVEMENT = frozenset({"deploy", "relocate"})
COMPATIBLE: dict[str, frozenset[str]] = {
    "deploy": MOVEMENT,
    "relocate": MOVEMENT,
    "alert": frozenset({"alert"}),
    "buildup": frozenset({"buildup"}),
    "pledge": frozenset({"pledge", "deploy"}),
    "withdraw": frozenset({"withdraw", "relocate"}),
}
EVIDENCE_SLACK = 150


def distance_km(a: dict[str, Any], b: dict[str, Any]) -> float:
    """Great-circle distance between two points given as dicts with lat and lon."""
    p1, p2 = math.radians(a["lat"]), math.radians(b["lat"])
    dp, dl = p2 - p1, math.radians(b["lon"] - a["lon"])
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _norm(text: str | None) -> str:
    return " ".join((text or "").lower().replace("’", "'").split())


def same_place(gold: dict[str, Any], pred: dict[str, Any] | None) -> bool:
    """Whether a predicted place matches a gold place at the gold's precision."""
    if not pred or pred.get("lat") is None or pred.get("lon") is None:
        return False
    if gold["precision"] == "country":
        return (pred.get("country_code") or "").upper() == gold["country_code"]
    if gold["precision"] in ("site", "city"):
        return gold.get("lat") is not None and distance_km(gold, pred) <= 60
    if _norm(gold["name"]) in (_norm(pred.get("name")), _norm(pred.get("mention"))):
        return True
    return (gold.get("lat") is not None and pred.get("precision") in ("region", "country", "admin")
            and distance_km(gold, pred) <= 1500)


def _destinations_match(gold: list[dict[str, Any]], pred: list[dict[str, Any]]) -> bool:
    if not gold:
        return True
    if len(gold) != len(pred):
        return False
    remaining = list(pred)
    for g in gold:
        hit = next((p for p in remaining if same_place(g, p)), None)
        if hit is None:
            return False
        remaining.remove(hit)
    return True


def claim_matches(gold: dict[str, Any], pred: dict[str, Any]) -> bool:
    """Whether one predicted claim is an acceptable reading of one gold claim."""
    if bool(pred.get("negated")) != gold["negated"]:
        return False
    kinds = set(gold.get("kinds_ok") or COMPATIBLE.get(gold["kind"], {gold["kind"]}))
    if gold["kind"] == "alert" and "sent" in (gold.get("note") or ""):
        kinds = {"alert", "deploy", "relocate"}
    if pred.get("kind") not in kinds:
        return False
    if not gold["negated"] and not gold.get("count_any") and pred.get("count") != gold["count"]:
        return False
    options = [gold["destinations"], *gold.get("destinations_alt", [])]
    if not any(_destinations_match(o, pred.get("destinations") or []) for o in options):
        return False
    if not gold["negated"] and gold["origin"] is not None:
        origin = pred.get("origin")
        if gold["origin"]["precision"] == "country":
            if not origin or (origin.get("country_code") or "").upper() != gold["origin"]["country_code"]:
                return False
        elif not same_place(gold["origin"], origin):
            return False
    ev = pred.get("evidence") or {}
    start, end = gold["evidence_span"]
    return int(ev.get("start", -10**9)) < end + EVIDENCE_SLACK and int(ev.get("end", -10**9)) > start - EVIDENCE_SLACK


def is_critical(pred: dict[str, Any]) -> bool:
    """A movement into Ukraine by US or NATO forces that the claim does not rule out."""
    if pred.get("negated") or pred.get("kind") not in {"deploy", "relocate", "pledge"}:
        return False
    if (pred.get("force") or "US").upper() not in ("US", "NATO", ""):
        return False
    return any((d.get("country_code") or "").upper() == "UA" for d in pred.get("destinations") or [])


def score(gold: list[dict[str, Any]], claims: list[dict[str, Any]]) -> dict[str, Any]:
    """Recall, precision, critical count, and the missed and extra claims."""
    by_source: dict[str, list[dict[str, Any]]] = {}
    for c in claims:
        by_source.setdefault(Path(str(c["source_id"])).stem, []).append(c)
    missed: list[str] = []
    extra: list[dict[str, Any]] = []
    required = found = matched = total = critical = 0
    for article in gold:
        preds = by_source.pop(Path(article["article"]).stem, [])
        for g in article["claims"]:
            if g["required"]:
                required += 1
                if any(claim_matches(g, p) for p in preds):
                    found += 1
                else:
                    missed.append(g["id"])
        for p in preds:
            total += 1
            critical += is_critical(p)
            if any(claim_matches(g, p) for g in article["claims"]):
                matched += 1
            else:
                extra.append(p)
    for preds in by_source.values():
        total += len(preds)
        extra.extend(preds)
    return {
        "recall": found / required if required else 0.0,
        "precision": matched / total if total else 0.0,
        "critical": critical,
        "missed": missed,
        "extra": extra,
        "found": found,
        "required": required,
        "matched": matched,
        "total": total,
    }


def main(argv: list[str]) -> int:
    """Extract the articles, score them, print the figures."""
    if len(argv) != 2:
        print(__doc__)
        return 2
    document, errors = extract_paths([argv[0]])
    for message in errors:
        print(f"error: {message}", file=sys.stderr)
    gold = json.loads(Path(argv[1]).read_text(encoding="utf-8"))
    result = score(gold, [c.to_dict() for c in document.claims])
    for gid in result["missed"]:
        print(f"missed {gid}")
    for p in result["extra"]:
        dests = ", ".join(d["name"] for d in p["destinations"])
        print(f"extra  {p['source_id']}: {p['kind']} {p['count']} -> {dests} | {p['evidence']['text'][:80]}")
    print(f"required claims found: {result['found']}/{result['required']}; "
          f"predicted claims that match gold: {result['matched']}/{result['total']}")
    print(f"recall={result['recall']:.3f} precision={result['precision']:.3f} critical={result['critical']}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
