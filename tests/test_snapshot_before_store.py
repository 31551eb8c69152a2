"""An ingest reads what it needs of a SQLite database (file states, loaded hashes) with the standard
library before opening the store, so its workers start reading while SQLAlchemy imports. The
snapshot must say exactly what the store says, and must step aside (None) whenever it cannot."""
import multiprocessing
import shutil
import sqlite3
import subprocess
import sys

import pytest

from conftest import FIXTURES
from chamdiem.model.errors import DatabaseError
from chamdiem.pipeline.ingest import ingest
from chamdiem.schema.snapshot import Snapshot, sqlite_file, take_snapshot
from chamdiem.store import Store


def _loaded(tmp_path, db):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("tsv_sheet_short_rows_and_html_cells.txt", "row_matching_no_item.txt"):
        shutil.copy(FIXTURES / name, folder / name)
    assert ingest([str(folder)], db, workers=1, quiet=True).loaded == 2
    return folder


def test_snapshot_says_what_the_store_says(tmp_path, db):
    folder = _loaded(tmp_path, db)
    snap = take_snapshot(db)
    store = Store(db)
    assert snap == Snapshot(store.file_states(), frozenset(store.known_shas()))
    assert sorted(snap.file_states) == sorted(str(p) for p in folder.iterdir())
    assert len(snap.known_shas) == 2
    assert take_snapshot(f"sqlite:///{db}") == snap


def test_a_database_not_yet_made_has_an_empty_snapshot(tmp_path):
    assert take_snapshot(str(tmp_path / "new.sqlite")) == Snapshot({}, frozenset())


def test_snapshot_steps_aside_for_an_older_schema_a_foreign_file_and_a_server(tmp_path, db):
    _loaded(tmp_path, db)
    con = sqlite3.connect(db)
    con.execute("UPDATE alembic_version SET version_num = '0001'")
    con.commit()
    con.close()
    assert take_snapshot(db) is None
    foreign = tmp_path / "other.sqlite"
    con = sqlite3.connect(foreign)
    con.execute("CREATE TABLE notes (x)")
    con.close()
    assert take_snapshot(str(foreign)) is None
    (tmp_path / "text.sqlite").write_text("not a database")
    assert take_snapshot(str(tmp_path / "text.sqlite")) is None
    assert sqlite_file("postgresql+psycopg://u@h/db") is None
    assert sqlite_file("sqlite:///:memory:") == ":memory:" and take_snapshot("sqlite://") is None


def test_workers_started_before_a_store_that_fails_are_stopped(tmp_path):
    """The workers start on the snapshot of a database not yet made; the store then cannot make
    it (its folder is a file). The ingest raises DatabaseError and leaves no worker behind."""
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the database's folder should be")
    with pytest.raises(DatabaseError, match="cannot be opened"):
        ingest([str(FIXTURES / "row_matching_no_item.txt")], str(blocker / "scores.sqlite"), workers=2, quiet=True)
    assert multiprocessing.active_children() == []


def test_the_cli_imports_no_sqlalchemy_before_its_workers_start():
    """What runs before the workers are given their files (the CLI, the API, the pipeline and
    the snapshot) leaves SQLAlchemy to be imported while they read."""
    code = ("import sys, chamdiem.interfaces.cli, chamdiem.api, chamdiem.pipeline.ingest, chamdiem.schema.snapshot; "
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'sqlalchemy', 'alembic', 'rapidfuzz'}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
