"""spaCy's command-line interface is imported only when something uses it (see extraction/spacy_import.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _run(code: str) -> str:
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    return out.stdout.strip()


def test_extracting_does_not_import_the_spacy_command_line() -> None:
    code = ("import sys\nfrom extraction import article_from_text, extract\n"
            "claims = extract(article_from_text('About 500 troops will deploy to Poland.', 's'))\n"
            "print(len(claims), 'typer' in sys.modules, 'spacy.cli.download' in sys.modules)")
    assert _run(code) == "1 False False"


def test_the_spacy_command_line_still_works_when_asked_for() -> None:
    code = ("import sys\nimport extraction\nimport spacy\n"
            "print(spacy.info(silent=True)['spacy_version'] == spacy.__version__)\n"
            "from spacy.cli import download, setup_cli\n"
            "print(callable(download), callable(setup_cli), 'typer' in sys.modules)\n"
            "print(type(sys.modules['spacy.cli']).__name__, spacy.cli is sys.modules['spacy.cli'])")
    assert _run(code).splitlines() == ["True", "True True True", "module True"]


def test_nothing_is_deferred_when_spacy_came_first() -> None:
    code = "import sys\nimport spacy\nimport extraction\nprint(type(sys.modules['spacy.cli']).__name__)"
    assert _run(code) == "module"
