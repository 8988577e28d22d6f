"""The store across real processes: restart, two writers at once, a writer killed mid-add, bad database files."""

from __future__ import annotations

import json
import os
import shutil
import signal
import site
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from extraction.store import StoreError, open_store
from tests.store_support import ROOT, article, python_env, run_python


def wait_for_line(process: subprocess.Popen[str], wanted: str, timeout: float = 60) -> list[str]:
    """Read the child's stdout until a line containing ``wanted``; returns the lines read."""
    assert process.stdout is not None
    lines: list[str] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        lines.append(line.strip())
        if wanted in line:
            return lines
    process.kill()
    err = process.stderr.read() if process.stderr else ""
    raise AssertionError(f"child never printed {wanted!r}; got {lines}; stderr: {err[-2000:]}")


def test_everything_is_still_there_after_a_restart(tmp_path: Path) -> None:
    db = tmp_path / "articles.sqlite3"
    store = open_store(db)
    first = store.add_text(article(1), filename="one.txt", outlet="A", published="2022-02-02", url="https://a.example")
    second = store.add_text(article(2), filename="two.txt")
    store.rename(second.article_id, outlet="B", title="Renamed")
    gone = store.add_text(article(3), filename="three.txt")
    store.remove(gone.article_id)
    before = [a.__dict__ for a in store.list()]
    del store

    child = run_python(
        "import json, sys; from extraction.store import open_store\n"
        "s = open_store()\n"
        "print(json.dumps({'list': [a.__dict__ for a in s.list()], 'doc': s.documents().to_dict(),"
        " 'text': s.article(sys.argv[1]).text}))",
        db,
        first.article_id,
    )
    assert child.returncode == 0, child.stderr
    seen = json.loads(child.stdout)
    assert seen["list"] == before
    assert [s["id"] for s in seen["doc"]["sources"]] == [first.article_id, second.article_id]
    assert seen["doc"]["sources"][1]["title"] == "Renamed"
    assert seen["text"] == article(1)


ADD_MANY = """
import sys, time
from pathlib import Path
from extraction.store import open_store
from tests.store_support import article
worker, count, go = int(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3])
store = open_store()
print("ready", flush=True)
while not go.exists():
    time.sleep(0.001)
for i in range(count):
    result = store.add_text(article(worker * 1000 + i), filename=f"w{worker}-{i}.txt")
    assert result.added, result.message
    print(result.article_id, flush=True)
"""


def test_two_processes_adding_at_the_same_moment_both_succeed(tmp_path: Path) -> None:
    db = tmp_path / "articles.sqlite3"
    go = tmp_path / "go"
    count = 15
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", ADD_MANY, str(n), str(count), str(go)], cwd=ROOT, env=python_env(db),
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        for n in (1, 2)
    ]
    for worker in workers:
        wait_for_line(worker, "ready")
    go.touch()  # the barrier: both are past opening and start adding together
    added: list[str] = []
    for worker in workers:
        out, err = worker.communicate(timeout=120)
        assert worker.returncode == 0, err
        added.extend(out.split())
    assert len(added) == 2 * count
    assert sorted(a.id for a in open_store(db).list()) == sorted(added)


def test_the_same_text_from_two_processes_at_once_is_stored_once(tmp_path: Path) -> None:
    db = tmp_path / "articles.sqlite3"
    go = tmp_path / "go"
    code = (
        "import sys, time\nfrom pathlib import Path\nfrom extraction.store import open_store\n"
        "from tests.store_support import article\n"
        "s = open_store(); print('ready', flush=True)\n"
        "while not Path(sys.argv[1]).exists(): time.sleep(0.001)\n"
        "print(s.add_text(article(7), filename='same.txt').duplicate_of or 'added', flush=True)\n"
    )
    workers = [
        subprocess.Popen([sys.executable, "-c", code, str(go)], cwd=ROOT, env=python_env(db),
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    for worker in workers:
        wait_for_line(worker, "ready")
    go.touch()
    outcomes = []
    for worker in workers:
        out, err = worker.communicate(timeout=60)
        assert worker.returncode == 0, err
        outcomes.append(out.strip())
    [stored] = open_store(db).list()
    assert sorted(outcomes) == sorted(["added", stored.id])


def test_writer_killed_inside_the_add_transaction_leaves_every_earlier_article(tmp_path: Path) -> None:
    db = tmp_path / "articles.sqlite3"
    store = open_store(db)
    committed = [store.add_text(article(i), filename=f"{i}.txt").article_id for i in range(3)]
    writer = subprocess.Popen(
        [sys.executable, "-c",
         "from extraction.store import open_store\nfrom tests.store_support import article\n"
         "open_store().add_text(article(99), filename='doomed.txt')\nprint('committed', flush=True)\n"],
        cwd=ROOT, env=python_env(db, TROOPMAP_TEST_PAUSE_IN_ADD="60"), stdout=subprocess.PIPE, text=True,
    )
    wait_for_line(writer, "pausing in add transaction")  # the row is written, the commit not yet
    writer.send_signal(signal.SIGKILL)
    writer.wait(timeout=30)
    assert writer.returncode == -signal.SIGKILL

    reopened = open_store(db, timeout=2)
    assert [a.id for a in reopened.list()] == committed
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert reopened.add_text(article(100), filename="after.txt").added  # and it is writable again


def test_writer_killed_during_a_loop_of_adds_leaves_each_committed_article(tmp_path: Path) -> None:
    db = tmp_path / "articles.sqlite3"
    writer = subprocess.Popen(
        [sys.executable, "-c",
         "from extraction.store import open_store\nfrom tests.store_support import article\n"
         "s = open_store()\n"
         "for i in range(100000):\n"
         "    print(s.add_text(article(i, 'x' * (i % 5000)), filename=f'{i}.txt').article_id, flush=True)\n"],
        cwd=ROOT, env=python_env(db), stdout=subprocess.PIPE, text=True,
    )
    assert writer.stdout is not None
    reported = [writer.stdout.readline().strip() for _ in range(10)]
    writer.send_signal(signal.SIGKILL)
    writer.wait(timeout=30)
    stored = {a.id for a in open_store(db, timeout=2).list()}
    assert set(reported) <= stored  # everything reported committed survived; at most one more made it
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_corrupt_database_file_gives_a_clear_error_and_is_left_as_it_was(tmp_path: Path) -> None:
    db = tmp_path / "articles.sqlite3"
    garbage = os.urandom(8192)
    db.write_bytes(garbage)
    with pytest.raises(StoreError, match=r"damaged or is not a SQLite database.*TROOPMAP_DB"):
        open_store(db)
    assert db.read_bytes() == garbage  # nothing tried to "repair" the user's file


def test_a_truncated_database_gives_a_clear_error(tmp_path: Path) -> None:
    db = tmp_path / "articles.sqlite3"
    store = open_store(db)
    for i in range(30):
        store.add_text(article(i, "padding " * 400), filename=f"{i}.txt")
    del store
    data = db.read_bytes()
    db.write_bytes(data[:100] + os.urandom(len(data) - 100))  # header kept, every page scrambled
    with pytest.raises(StoreError, match="damaged"):
        open_store(db).list()


def test_a_locked_database_gives_a_clear_error(tmp_path: Path) -> None:
    db = tmp_path / "articles.sqlite3"
    open_store(db).add_text(article(1), filename="one.txt")
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")  # in exclusive locking mode this keeps readers out as well as writers
    try:
        started = time.monotonic()
        with pytest.raises(StoreError, match=r"is locked by another program \(waited 0.5 s\)"):
            open_store(db, timeout=0.5)
        assert time.monotonic() - started < 5
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert len(open_store(db).list()) == 1  # once the lock is gone, everything is there


@pytest.fixture
def read_only_db() -> Iterator[Path]:
    """A database whose file is 0444 in a 0555 folder (outside pytest's root-only tmp folder)."""
    folder = Path(tempfile.mkdtemp(prefix="troopmap-ro-"))
    db = folder / "articles.sqlite3"
    open_store(db).add_text(article(1), filename="one.txt")
    db.chmod(0o444)
    folder.chmod(0o555)
    yield db
    folder.chmod(0o755)
    shutil.rmtree(folder)


def unprivileged_python() -> tuple[list[str], dict[str, int]]:
    """A Python command and ``subprocess`` arguments that run it as a user the kernel holds to file modes.

    Root ignores file modes, so as root the child runs as the user "nobody" (uid 65534), with an interpreter
    that user may execute (the venv's may live under root's home) and this venv's packages on its path.
    """
    if os.geteuid() != 0:
        return [sys.executable], {}
    as_nobody = {"user": 65534, "group": 65534, "extra_groups": []}
    for interpreter in (sys.executable, "/usr/bin/python3", "/usr/local/bin/python3"):
        try:
            probe = subprocess.run([interpreter, "-c", "pass"], capture_output=True, timeout=30, check=False,
                                   **as_nobody)  # type: ignore[call-overload]
        except OSError:
            continue  # not there, or not executable by that user
        if probe.returncode == 0:
            return [interpreter], as_nobody
    pytest.skip("no Python interpreter that the user nobody may run")


def test_a_read_only_database_gives_a_clear_error(read_only_db: Path) -> None:
    python, as_user = unprivileged_python()
    code = (
        "import os\nfrom extraction.store import open_store, StoreError\n"
        "print('euid', os.geteuid())\n"
        "try:\n    open_store()\nexcept StoreError as exc:\n    print(exc)\nelse:\n    print('opened')\n"
    )
    env = python_env(read_only_db)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), *site.getsitepackages()])
    child = subprocess.run(
        [*python, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, check=False,
        **as_user,  # type: ignore[call-overload]
    )
    if child.returncode != 0 and ("ImportError" in child.stderr or "ModuleNotFoundError" in child.stderr):
        pytest.skip(f"the unprivileged interpreter cannot import the project: {child.stderr.strip()[-300:]}")
    assert child.returncode == 0, child.stderr
    assert "euid 0" not in child.stdout  # the refusal below comes from the kernel, not from a simulation
    assert "is read-only" in child.stdout, child.stdout
    assert str(read_only_db) in child.stdout
    assert len(open_store(read_only_db).list()) == 1  # and the article in it is still there
