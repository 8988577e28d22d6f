"""``python -m extraction add|list|remove|rename``, each run in a new process against one database file."""

from __future__ import annotations

import json
from pathlib import Path

from tests.store_support import ROOT, article, run_cli


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def listed(db: Path) -> list[dict[str, str | None]]:
    done = run_cli("list", "--format", "json", db=db)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_add_list_rename_remove_from_the_command_line(tmp_path: Path) -> None:
    db = tmp_path / "articles.sqlite3"
    one = write(tmp_path, "one.txt", article(1))
    two = write(tmp_path, "two.html", "<html><body><article><p>" + article(2) + "</p></article></body></html>")
    added = run_cli("add", str(one), str(two), "--outlet", "Daily Example", "--date", "2022-02-02",
                    "--url", "https://example.org", db=db)
    assert added.returncode == 0, added.stderr
    assert added.stdout.count("added as u_") == 2
    [first, second] = listed(db)
    assert (first["path"], first["outlet"], first["published"], first["url"]) == (
        "one.txt", "Daily Example", "2022-02-02", "https://example.org")
    assert second["path"] == "two.html"

    table = run_cli("list", db=db)
    assert table.returncode == 0
    assert table.stdout.splitlines()[0].split("\t") == ["id", "published", "outlet", "title", "filename"]
    assert str(first["id"]) in table.stdout

    renamed = run_cli("rename", str(first["id"]), "--outlet", "Other", "--date", "2022-03-04", "--title", "", db=db)
    assert renamed.returncode == 0, renamed.stderr
    after = listed(db)[0]
    assert (after["outlet"], after["published"], after["title"]) == ("Other", "2022-03-04", None)

    removed = run_cli("remove", str(second["id"]), db=db)
    assert removed.returncode == 0 and f"removed {second['id']}" in removed.stdout
    assert [a["id"] for a in listed(db)] == [first["id"]]


def test_a_file_added_again_is_named_as_a_duplicate(tmp_path: Path) -> None:
    db = tmp_path / "articles.sqlite3"
    one = write(tmp_path, "one.txt", article(1))
    first = run_cli("add", str(one), db=db)
    again = run_cli("add", str(write(tmp_path, "copy.txt", article(1))), db=db)
    assert again.returncode == 0
    added_id = first.stdout.split("added as ")[1].split()[0]
    assert f"already added as {added_id}" in again.stdout
    assert len(listed(db)) == 1


def test_failed_files_are_named_and_the_others_still_added(tmp_path: Path) -> None:
    db = tmp_path / "articles.sqlite3"
    good = write(tmp_path, "good.txt", article(1))
    empty = write(tmp_path, "empty.txt", "")
    binary = write(tmp_path, "photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    done = run_cli("add", str(empty), str(good), str(binary), str(tmp_path / "missing.txt"), db=db)
    assert done.returncode == 1
    errors = done.stderr.splitlines()
    assert len(errors) == 3
    assert errors[0] == f"error: {empty}: is empty; there is no article text to add"
    assert str(binary) in errors[1] and "binary" in errors[1]
    assert "missing.txt: no such file" in errors[2]
    assert [a["path"] for a in listed(db)] == ["good.txt"]


def test_usage_errors_exit_2_and_add_nothing(tmp_path: Path) -> None:
    db = tmp_path / "articles.sqlite3"
    one = write(tmp_path, "one.txt", article(1))
    assert run_cli("add", str(one), "--date", "2 February 2022", db=db).returncode == 2
    assert run_cli("add", db=db).returncode == 2
    assert run_cli("rename", "u_000000000000", db=db).returncode == 2
    assert run_cli("remove", db=db).returncode == 2
    assert listed(db) == []


def test_unknown_id_exits_1(tmp_path: Path) -> None:
    db = tmp_path / "articles.sqlite3"
    done = run_cli("remove", "u_000000000000", db=db)
    assert done.returncode == 1
    assert "no stored article has the id u_000000000000" in done.stderr


def test_an_unusable_database_exits_1_with_the_reason(tmp_path: Path) -> None:
    db = write(tmp_path, "articles.sqlite3", b"this is not a database" * 100)
    done = run_cli("list", db=db)
    assert done.returncode == 1
    assert "damaged or is not a SQLite database" in done.stderr


def test_the_paths_form_still_prints_the_contract_document(tmp_path: Path) -> None:
    db = tmp_path / "articles.sqlite3"
    done = run_cli(str(ROOT / "seeds"), "--format", "json", db=db)
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    assert set(document) == {"sources", "claims"}
    assert [s["id"] for s in document["sources"]] == sorted(p.stem for p in (ROOT / "seeds").glob("*.txt"))
    assert not db.exists()  # extracting paths never touches the store


def test_adding_a_seed_file_is_refused_as_a_duplicate(tmp_path: Path) -> None:
    db = tmp_path / "articles.sqlite3"
    seed = ROOT / "seeds" / "001_2c10a4d89854c289.txt"
    done = run_cli("add", str(seed), "--seeds", str(ROOT / "seeds"), db=db)
    assert done.returncode == 0, done.stderr
    assert "already among the seed articles as 001_2c10a4d89854c289" in done.stdout
    assert listed(db) == []
