"""An ingest gives its workers their first files as early as it can: at once into a SQLite file
at the current schema (written through sqlite3 alone) or one not made yet, after the store has
brought any other database up to date. Workers started before a store that then fails are stopped."""
import multiprocessing
import os
import sqlite3
import subprocess
import sys

import pytest

from conftest import FIXTURES
from chamdiem.model.errors import DatabaseError
from chamdiem.pipeline.ingest import ingest
from chamdiem.store.schema.revision import connect_at_head, sqlite_file
from chamdiem.store.database import Store


def test_only_a_file_at_the_current_schema_is_reached_without_the_store(tmp_path, db):
    Store(db).close()
    con = connect_at_head(db)
    assert con is not None
    con.execute("UPDATE alembic_version SET version_num = '0001'")
    con.commit()
    con.close()
    assert connect_at_head(db) is None
    foreign = tmp_path / "other.sqlite"
    con = sqlite3.connect(foreign)
    con.execute("CREATE TABLE notes (x)")
    con.close()
    assert connect_at_head(str(foreign)) is None
    (tmp_path / "text.sqlite").write_text("not a database")
    assert connect_at_head(str(tmp_path / "text.sqlite")) is None
    assert connect_at_head(str(tmp_path / "missing.sqlite")) is None
    assert (sqlite_file(db), sqlite_file(f"sqlite:///{db}")) == (db, db)
    assert sqlite_file("postgresql+psycopg://u@h/db") is None and sqlite_file("sqlite://") is None


def test_workers_started_before_a_store_that_fails_are_stopped(tmp_path):
    """The workers start at once on a database not made yet; the store then cannot make it (its
    folder is a file). The ingest raises DatabaseError and leaves no worker behind."""
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the database's folder should be")
    with pytest.raises(DatabaseError, match="cannot be opened"):
        ingest([str(FIXTURES / "row_matching_no_item.txt")], str(blocker / "scores.sqlite"), workers=2, quiet=True)
    assert multiprocessing.active_children() == []


def test_the_cli_imports_no_sqlalchemy_before_its_workers_start():
    """What runs before the workers are given their files (the CLI, the API, the pipeline and
    the writer) leaves SQLAlchemy unimported: a current SQLite file never needs it (nor logging,
    which only PostgreSQL's driver is given a handler of)."""
    code = ("import sys, chamdiem.interfaces.cli, chamdiem.api, chamdiem.pipeline.ingest, chamdiem.store.writer; "
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'sqlalchemy', 'alembic', 'rapidfuzz', 'logging'}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_a_reading_worker_imports_no_database_module(tmp_path):
    """A reading worker builds a report's rows (store/writing/rows.py) but never writes them: its
    imports (and the first worker's, on the way to its first file) leave the database driver, the
    writer's dialect and logging unimported; and the TOML parser (the catalogs come parsed, kept
    by an earlier run) and html's table of entities (for a report that holds one) too."""
    code = ("import sys, chamdiem.pipeline.workers as w, importlib\n"
            "for m in (*w._SHARED, *w._READERS): importlib.import_module(m)\n"
            "print(sorted(m for m in ('sqlite3', 'logging', 'chamdiem.store.writing.dialect', 'tomllib', 'html')"
            " if m in sys.modules))")
    env = dict(os.environ, CHAMDIEM_CACHE=str(tmp_path / "cache"))
    first = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env).stdout
    assert "sqlite3" not in first and "logging" not in first   # (the first run parses the catalogs)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env).stdout
    assert out.strip() == "[]"
