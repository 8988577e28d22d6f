"""Where the data files live (``TROOPMAP_DATA`` or ``data/``) and one clear error when one is missing or damaged."""

from __future__ import annotations

import os
from pathlib import Path

DATA_ENV = "TROOPMAP_DATA"
DEFAULT_DATA_DIR = Path(__file__).resolve().parents[1] / "data"

BUILT_BY: dict[str, str] = {
    "gazetteer.tsv.gz": "python data/build/gazetteer.py",
    "countries.csv": "python data/build/countries.py",
    "countries.geojson": "python data/build/countries.py",
    "admin1.csv": "python data/build/admin1.py",
    "divisions.csv": "python data/build/divisions.py",
    "common_words.txt": "python data/build/common_words.py",
    "place_phrases.txt": "python data/build/place_phrases.py",
}
"""Which build script writes each generated file; the rest are curated and come back with ``git checkout``."""


class DataFileError(RuntimeError):
    """A data file is missing or damaged; the message names it and how to get it back.

    Attributes:
        path: The file that could not be read.
        rebuild: The command that rebuilds or restores it.
    """

    def __init__(self, path: Path, problem: str) -> None:
        """Build the message from the file, what went wrong, and its rebuild command."""
        self.path = path
        self.rebuild = BUILT_BY.get(path.name, f"git checkout -- data/{path.name}")
        super().__init__(f"Data file {path} is {problem}. Rebuild it with: {self.rebuild}")


def data_dir() -> Path:
    """The data folder: ``$TROOPMAP_DATA`` when set, else the repository's ``data/``."""
    given = os.environ.get(DATA_ENV, "").strip()
    return Path(given) if given else DEFAULT_DATA_DIR


def data_path(name: str) -> Path:
    """The path of one data file (not checked)."""
    return data_dir() / name


def read_bytes(name: str) -> bytes:
    """A data file's bytes.

    Raises:
        DataFileError: when it is missing or unreadable.
    """
    path = data_path(name)
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise DataFileError(path, "missing") from None
    except OSError as exc:
        raise DataFileError(path, f"unreadable ({exc.strerror})") from None
