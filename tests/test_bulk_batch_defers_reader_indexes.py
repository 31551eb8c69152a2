"""A batch with many files for the database's size drops the indexes only readers use
(writing/upkeep.READER_INDEXES) and builds them once at its end: the database ends with the schema
the migrations made, statistics included. A batch that dies leaves the database saying so, and the
next writer builds them. A small batch into a larger database keeps them all along. Real
subprocesses (the deaths are CHAMDIEM_FAULT's deterministic points), real SQLite."""
import os
import sqlite3
import subprocess
import sys

import pytest

from chamdiem.store.database import Store
from chamdiem.store.writing.upkeep import (BULK_FILES, DEFERRED, READER_INDEXES, SEARCH_AUTOMERGE,
                                           SEARCH_AUTOMERGE_BULK, is_bulk)
from conftest import FIXTURES, query

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
N = BULK_FILES + 4


def make_batch(folder, count, first=0):
    src = (FIXTURES / "tsv_sheet_short_rows_and_html_cells.txt").read_text("utf-8")
    for k in range(first, first + count):
        (folder / f"unit{k:03d}.txt").write_text(src.replace("Sở Tư pháp", f"Sở Số {k}")
                                                 .replace("\t3\t3\t\t", f"\t3\t{k % 4}\t\t"), "utf-8")
    return folder


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    return make_batch(tmp_path_factory.mktemp("bulk"), N)


def run(folder, db, fault=None):
    env = {k: v for k, v in os.environ.items() if k != "CHAMDIEM_FAULT"}
    if fault:
        env["CHAMDIEM_FAULT"] = fault
    cmd = [sys.executable, "-m", "chamdiem.interfaces.cli", "ingest", str(folder), "--db", db, "--workers", "2",
           "--quiet"]
    return subprocess.run(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          timeout=300).returncode


def schema(db):
    con = sqlite3.connect(db)
    try:
        return con.execute("SELECT type, name, tbl_name, sql FROM sqlite_master "
                           "WHERE name NOT LIKE 'sqlite_stat%' ORDER BY name").fetchall()
    finally:
        con.close()


def reader_indexes(db):
    return {r["name"] for r in query(db, "SELECT name FROM sqlite_master WHERE type = 'index'")} & set(READER_INDEXES)


def automerge(db):
    """search_fts's automerge setting (FTS5's default when none is stored)."""
    rows = query(db, "SELECT v FROM search_fts_config WHERE k = 'automerge'")
    return int(rows[0]["v"]) if rows else SEARCH_AUTOMERGE


def deferred(db):
    return query(db, f"SELECT count(*) AS n FROM chamdiem_meta WHERE key = '{DEFERRED}'")[0]["n"]


@pytest.fixture(scope="module")
def migrated(tmp_path_factory):
    db = str(tmp_path_factory.mktemp("schema") / "schema.sqlite")
    Store(db).close()
    return schema(db)


def test_every_reader_index_is_one_the_migrations_make(migrated):
    assert set(READER_INDEXES) <= {name for kind, name, _, _ in migrated if kind == "index"}


def test_a_bulk_batch_ends_with_the_migrations_schema_and_the_indexes_statistics(batch, migrated, tmp_path):
    db = str(tmp_path / "bulk.sqlite")
    assert run(batch, db) == 0
    assert schema(db) == migrated
    assert deferred(db) == 0 and automerge(db) == SEARCH_AUTOMERGE
    # the query planner knows each of them (ANALYZE writes no row for the index of an empty table)
    analyzed = {r["idx"] for r in query(db, "SELECT idx FROM sqlite_stat1")}
    filled = {name for _, name, table, _ in migrated if name in READER_INDEXES
              and query(db, f"SELECT count(*) AS n FROM {table}")[0]["n"]}
    assert filled and filled <= analyzed
    assert query(db, "SELECT count(*) AS n FROM v_documents") == [{"n": N}]


def test_a_bulk_batch_that_dies_leaves_the_indexes_to_the_next_writer(batch, migrated, tmp_path):
    db = str(tmp_path / "killed.sqlite")
    assert run(batch, db, "after_commit:7") == 137
    assert query(db, "SELECT count(*) AS n FROM documents") == [{"n": 7}]
    assert reader_indexes(db) == set() and deferred(db) == 1 and automerge(db) == SEARCH_AUTOMERGE_BULK
    Store(db).close()   # any command that opens the database to write (units, remap, ingest)
    assert schema(db) == migrated and deferred(db) == 0
    assert run(batch, db, "after_commit:3") == 137
    assert reader_indexes(db) == set() and deferred(db) == 1
    assert run(batch, db) == 0   # the rest of the batch, into the database at the current schema
    assert schema(db) == migrated and deferred(db) == 0 and automerge(db) == SEARCH_AUTOMERGE
    assert query(db, "SELECT count(*) AS n FROM v_documents") == [{"n": N}]


def test_a_small_batch_keeps_the_indexes(batch, tmp_path):
    db = str(tmp_path / "grown.sqlite")
    assert run(batch, db) == 0
    (tmp_path / "more").mkdir()
    more = make_batch(tmp_path / "more", BULK_FILES - 1, first=N)   # one file fewer than a bulk batch needs
    assert run(more, db, "after_commit:2") == 137
    assert reader_indexes(db) == set(READER_INDEXES) and deferred(db) == 0 and automerge(db) == SEARCH_AUTOMERGE


def test_a_batch_is_bulk_with_a_quarter_as_many_files_as_reports_stored():
    assert is_bulk(BULK_FILES, 0) and is_bulk(BULK_FILES, BULK_FILES * 4)
    assert not is_bulk(BULK_FILES, BULK_FILES * 4 + 1) and not is_bulk(BULK_FILES - 1, 0)
