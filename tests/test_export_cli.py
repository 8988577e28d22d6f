"""``python -m dashboard.export``: formats, bad input (exit 2), unwritable output (no partial file)."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from dashboard.export import ExportOptions, export_bytes, file_name, main, write_atomic
from dashboard.presentation import ASPECTS, FRAMES, map_size, parse_presentation
from tests.test_export_tables import SEED_DOCUMENT, seed_document

ROOT = Path(__file__).parent.parent


def test_png_export_through_the_command(tmp_path: Path) -> None:
    out = tmp_path / "map.png"
    assert main([str(SEED_DOCUMENT), "--out", str(out), "--size", "1200x675"]) == 0
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert [p.name for p in tmp_path.iterdir()] == ["map.png"]


def test_csv_export_for_one_source(tmp_path: Path) -> None:
    out = tmp_path / "claims.csv"
    assert main([str(SEED_DOCUMENT), "--out", str(out), "--source", "001_2c10a4d89854c289"]) == 0
    frame = pd.read_csv(out, encoding="utf-8-sig")
    assert set(frame["source_id"]) == {"001_2c10a4d89854c289"}


def test_unknown_source_exits_2_with_a_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main([str(SEED_DOCUMENT), "--out", str(tmp_path / "x.png"), "--source", "nope"])
    assert exit_info.value.code == 2
    assert "unknown source id(s): nope" in capsys.readouterr().err
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize("size", ["12x", "big", "100x100"])
def test_bad_size_exits_2(tmp_path: Path, size: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main([str(SEED_DOCUMENT), "--out", str(tmp_path / "x.png"), "--size", size])
    assert exit_info.value.code == 2
    assert "size" in capsys.readouterr().err


def test_unknown_extension_exits_2(tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main([str(SEED_DOCUMENT), "--out", str(tmp_path / "x.pdf")])
    assert exit_info.value.code == 2


def test_unwritable_target_leaves_no_partial_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # A directory where the file should go: the export is written beside it first, and the final rename
    # fails even for root, so this checks that nothing half-written is left behind.
    (tmp_path / "x.csv").mkdir()
    assert main([str(SEED_DOCUMENT), "--out", str(tmp_path / "x.csv")]) == 1
    assert "cannot write" in capsys.readouterr().err
    assert [p.name for p in tmp_path.iterdir()] == ["x.csv"]
    assert not list((tmp_path / "x.csv").iterdir())


def test_missing_directory_gives_a_message_and_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(SEED_DOCUMENT), "--out", str(tmp_path / "nowhere" / "x.csv")]) == 1
    assert "cannot write" in capsys.readouterr().err
    assert not (tmp_path / "nowhere").exists()


def test_failed_write_leaves_no_partial_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "x.png"

    def refuse(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OSError):
        write_atomic(target, b"data")
    assert not list(tmp_path.iterdir())


def test_export_bytes_for_download_buttons() -> None:
    document = seed_document()
    ids = tuple(s.id for s in document.sources)
    svg = export_bytes(document, ExportOptions("svg", ids, title="T", size=(1200, 675)))
    assert svg.lstrip().startswith(b"<?xml")
    assert export_bytes(document, ExportOptions("csv", ids)).startswith("\ufeffclaim_id".encode())
    geojson = export_bytes(document, ExportOptions("geojson", ids))
    assert b"FeatureCollection" in geojson
    assert file_name(ExportOptions("png", ids, size=(1080, 1080))) == "troop-movements-1080x1080.png"
    assert len(pd.read_csv(io.BytesIO(export_bytes(document, ExportOptions("csv", ids[:1]))))) > 0


def test_module_runs_as_a_command(tmp_path: Path) -> None:
    out = tmp_path / "flows.geojson"
    result = subprocess.run([sys.executable, "-m", "dashboard.export", str(SEED_DOCUMENT), "--out", str(out)],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert out.exists()


def test_presentation_params() -> None:
    assert parse_presentation({"view": "all"}) is None
    present = parse_presentation({"present": "1x1", "title": "Troops <b>", "subtitle": "x"})
    assert present is not None and present.aspect == ASPECTS["1x1"] and present.title == "Troops <b>"
    default = parse_presentation({"present": ""})
    assert default is not None and default.aspect == (16, 9) and default.title is None
    for aspect, (width, height) in FRAMES.items():  # the map covers at least 70% of the frame
        map_width, map_height = map_size(aspect)
        assert map_width * map_height >= 0.7 * width * height, aspect


def _presentation_script() -> None:  # runs inside AppTest: imports are local on purpose
    import json as json_
    from pathlib import Path as Path_

    import streamlit as st_

    from dashboard import presentation
    from extraction.flows import reconcile as reconcile_
    from extraction.model import Document as Document_

    data = json_.loads(Path_("tests/fixtures/seed_document.json").read_text(encoding="utf-8"))
    document = Document_.from_dict(data)
    present = presentation.parse_presentation(st_.query_params.to_dict())
    assert present is not None
    ids = [s.id for s in document.sources]
    presentation.show(present, reconcile_(document.claims, ids), document.sources, None)


def test_presentation_mode_renders_title_credit_and_attribution() -> None:
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_function(_presentation_script, default_timeout=60)
    app.query_params["present"] = "1x1"
    app.query_params["title"] = "Troops <script>x</script>"
    app.run()
    assert not app.exception
    html = " ".join(m.value for m in app.markdown)
    assert "Troops &lt;script&gt;x&lt;/script&gt;" in html and "<script>x" not in html
    assert "Sources: CNN en Español, 2 Feb 2022; CNN, 2 Feb 2022" in html
    assert "GeoNames (CC BY 4.0)" in html and "Natural Earth" in html
    assert "display: none" in html  # controls hidden
    assert not app.sidebar.children or all(not c.children for c in app.sidebar.children.values())
