"""Adding one's own article in the app (AppTest, real store file): it joins the sources at once."""

from __future__ import annotations

import html
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from streamlit.testing.v1 import AppTest

from extraction.store import DB_ENV, open_store

APP = str(Path(__file__).resolve().parents[1] / "app.py")
PASTED = "Roughly 450 soldiers will be sent to Estonia next week, officials said."


def source_options(at: AppTest) -> list[str]:
    at.sidebar.radio(key="view").set_value("one").run()
    return list(at.sidebar.selectbox(key="source_one").options)


def test_pasted_article_appears_in_the_source_switcher() -> None:
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    assert not at.exception
    before = source_options(at)
    area = next(t for t in at.sidebar.text_area if "paste" in t.label)
    area.set_value(PASTED)
    next(t for t in at.sidebar.text_input if t.label.startswith("Outlet")).set_value("Example <b>Times</b>")
    next(b for b in at.sidebar.button if b.label == "Add").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("added" in s.value for s in at.sidebar.success)
    stored = open_store(os.environ[DB_ENV]).list()[-1]
    assert at.sidebar.selectbox(key="story").value.endswith(stored.id)  # the new article's story is shown
    after = source_options(at)
    assert any("Example <b>Times</b>" in option for option in after)
    assert not set(after) & set(before)  # an undated article about Estonia is a story of its own
    # Every stored article is still there for a new session (a restart of the app).
    assert any(a.outlet == "Example <b>Times</b>" for a in open_store(os.environ[DB_ENV]).list())


def test_broken_store_still_serves_the_seeds(tmp_path: Path) -> None:
    broken = tmp_path / "broken.sqlite3"
    broken.write_bytes(b"this is not a database" * 100)
    old = os.environ[DB_ENV]
    os.environ[DB_ENV] = str(broken)
    try:
        from dashboard.articles import user_store

        user_store.clear()
        at = AppTest.from_file(APP, default_timeout=120)
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        assert any("be used" in e.value and "seed articles are still shown" in e.value for e in at.sidebar.error)
        assert len(source_options(at)) == 5
    finally:
        os.environ[DB_ENV] = old
        user_store.clear()


def test_export_buttons_and_presentation_mode() -> None:
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    assert not at.exception
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["Map (PNG)", "Map (SVG)", "Claims (CSV)", "Flows (GeoJSON)"]
    shown = AppTest.from_file(APP, default_timeout=120)
    shown.query_params["present"] = "1x1"
    shown.query_params["title"] = "Where the troops go"
    shown.run()
    assert not shown.exception, [e.value for e in shown.exception]
    text = " ".join(m.value for m in shown.markdown)
    assert "Where the troops go" in text and "GeoNames" in text
    assert not shown.sidebar.radio  # no controls in presentation mode


def test_missing_data_file_gives_a_message_not_a_traceback(tmp_path: Path) -> None:
    """Run in a new process: the gazetteer is loaded once per process, so this one must start without it."""
    data = tmp_path / "data"
    shutil.copytree(Path(APP).parent / "data", data)
    (data / "gazetteer.tsv.gz").unlink()
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "a.txt").write_text("About 300 troops will deploy to Vilseck.", encoding="utf-8")
    script = (
        "import json; from streamlit.testing.v1 import AppTest; "
        f"at = AppTest.from_file({APP!r}, default_timeout=120); at.run(); "
        "print(json.dumps({'exceptions': [str(e.value) for e in at.exception], "
        "'errors': [e.value for e in at.error]}))"
    )
    env = {**os.environ, "TROOPMAP_DATA": str(data), "TROOPS_ARTICLES": str(articles)}
    out = subprocess.run([sys.executable, "-c", script], cwd=Path(APP).parent, env=env, capture_output=True,
                         text=True, timeout=240)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["exceptions"] == []
    messages = html.unescape(" ".join(result["errors"]))
    assert "gazetteer.tsv.gz" in messages and "data/build/" in messages
