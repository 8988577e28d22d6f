"""A missing or damaged data file gives one clear error naming the file and how to rebuild it."""

from __future__ import annotations

import gzip
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from geo import DataFileError, lexicon
from geo.datafiles import DATA_ENV, DEFAULT_DATA_DIR
from geo.gazetteer import Gazetteer

READERS: dict[str, Callable[[], Any]] = {
    "regions.json": lexicon.regions.__wrapped__,
    "installations.csv": lexicon.installations.__wrapped__,
    "admin1.csv": lexicon.divisions.__wrapped__,
    "divisions.csv": lexicon.more_divisions.__wrapped__,
    "countries.csv": lexicon.countries.__wrapped__,
    "lexicon.json": lexicon.words.__wrapped__,
    "common_words.txt": lexicon.common_words.__wrapped__,
    "place_phrases.txt": lexicon.place_phrases.__wrapped__,
}


@pytest.fixture
def data_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(DEFAULT_DATA_DIR, copy, ignore=shutil.ignore_patterns("build", "gazetteer.tsv.gz"))
    monkeypatch.setenv(DATA_ENV, str(copy))
    return copy


def test_data_dir_follows_the_environment(data_copy: Path) -> None:
    assert lexicon.country_shapes_path() == data_copy / "countries.geojson"


@pytest.mark.parametrize("name", sorted(READERS))
def test_missing_file_names_itself_and_its_rebuild(data_copy: Path, name: str) -> None:
    (data_copy / name).unlink()
    with pytest.raises(DataFileError) as caught:
        READERS[name]()
    assert str(data_copy / name) in str(caught.value) and "missing" in str(caught.value)
    assert "python data/build/" in caught.value.rebuild or "git checkout" in caught.value.rebuild


@pytest.mark.parametrize("name", sorted(READERS))
def test_truncated_file_is_reported_as_damaged(data_copy: Path, name: str) -> None:
    path = data_copy / name
    raw = path.read_bytes()
    path.write_bytes(raw[: len(raw) // 2 + 1] if name != "common_words.txt" else b"\xff\xfe\xfa")
    with pytest.raises(DataFileError, match="damaged"):
        READERS[name]()


def test_generated_files_name_their_build_script(data_copy: Path) -> None:
    (data_copy / "admin1.csv").unlink()
    with pytest.raises(DataFileError, match=r"python data/build/admin1\.py"):
        lexicon.divisions.__wrapped__()


def test_missing_gazetteer_names_its_build_script(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match=r"gazetteer\.tsv\.gz is missing.*python data/build/gazetteer\.py"):
        Gazetteer(tmp_path / "gazetteer.tsv.gz")


def test_truncated_gazetteer_is_damaged_not_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "gazetteer.tsv.gz"
    raw = (DEFAULT_DATA_DIR / "gazetteer.tsv.gz").read_bytes()
    path.write_bytes(raw[:4096])
    with pytest.raises(DataFileError, match="damaged"):
        Gazetteer(path)
    path.write_bytes(gzip.compress(b"not a header\n"))
    with pytest.raises(DataFileError, match="damaged"):
        Gazetteer(path)
