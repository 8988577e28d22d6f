"""Helpers for the store tests: small articles written for the test, and running Python in a new process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def article(n: int, words: str = "") -> str:
    """A short plain-text article, different for each ``n``."""
    return (
        f"Troops head east, report {n}\n\n"
        f"About {1000 + n:,} troops of the 3rd Infantry Division will deploy from Fort Stewart to Poland, "
        f"officials said. {words}\n"
    )


def python_env(db: Path | None = None, **extra: str) -> dict[str, str]:
    """The environment for a child Python process that imports this checkout."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT)
    env.pop("TROOPMAP_TEST_PAUSE_IN_ADD", None)
    if db is not None:
        env["TROOPMAP_DB"] = str(db)
    env.update(extra)
    return env


def run_python(code: str, db: Path, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """Run ``code`` with ``args`` in a new Python process with ``TROOPMAP_DB=db``."""
    return subprocess.run(
        [sys.executable, "-c", code, *args], cwd=ROOT, env=python_env(db), capture_output=True, text=True,
        timeout=timeout, check=False,
    )


def run_cli(*args: str, db: Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """Run ``python -m extraction ARGS...`` in a new process with ``TROOPMAP_DB=db``."""
    return subprocess.run(
        [sys.executable, "-m", "extraction", *args], cwd=ROOT, env=python_env(db), capture_output=True, text=True,
        timeout=timeout, check=False,
    )
