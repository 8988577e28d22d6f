"""``python -m geo QUERY... --format json`` prints one entry per query, null where unplaced."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run(*queries: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "geo", *queries, "--format", "json"], cwd=ROOT,
                          capture_output=True, text=True, check=False, timeout=60)


def test_cli_prints_a_place_or_null_per_query_in_order_with_reasons_on_stderr() -> None:
    result = run("Fort Bragg, N.C.", "Xqzzyville", "the Baltic states")
    assert result.returncode == 0
    out = json.loads(result.stdout)
    assert len(out) == 3 and out[1] is None
    assert out[0]["name"] == "Fort Bragg, North Carolina" and out[0]["precision"] == "site"
    assert out[0]["mention"] == "Fort Bragg, N.C." and out[0]["why"]
    assert out[2]["precision"] == "region"
    assert "Xqzzyville" in result.stderr and "unresolved" in result.stderr


def test_cli_without_queries_is_a_usage_error() -> None:
    assert run().returncode == 2


def test_cli_answers_a_name_asked_for_and_reads_running_text_only_when_told() -> None:
    asked = json.loads(run("Boston", "Russian", "Ky.").stdout)
    assert [(p["country_code"], p["precision"]) for p in asked] == [("US", "city"), ("RU", "country"), ("US", "admin")]
    assert "demonym" in asked[1]["why"]
    read = json.loads(run("Russian", "Ky.", "--running-text").stdout)
    assert read == [None, None]
