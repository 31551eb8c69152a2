"""A SQLite database at the current schema is written by a Writer on a bare sqlite3 connection
(no SQLAlchemy); any other is opened by the store, which writes through a Writer on its own
connection. The two must leave the same rows, of the same SQLite types."""
import shutil
import sqlite3

from conftest import FIXTURES, fixture_doc, fts_entries, query
from chamdiem.pipeline.ingest import ingest
from chamdiem.store.schema import tables as T
from chamdiem.store.database import Store
from chamdiem.store.writer import COLUMNS, Writer, open_sqlite

TIMES = {"loaded_at", "at"}


def _rows(db: str) -> dict:
    """Every table's rows with each value's SQLite type, in id order (times left out)."""
    con = sqlite3.connect(db)
    out = {}
    for table in T.metadata.sorted_tables:
        cols = [c.name for c in table.columns if c.name not in TIMES]
        out[table.name] = con.execute(f"SELECT {', '.join(f'{c}, typeof({c})' for c in cols)} FROM {table.name} "
                                      f"ORDER BY {', '.join(cols)}").fetchall()
    out["search_fts"] = fts_entries(con)
    con.close()
    return out


NAMES = ("tsv_sheet_short_rows_and_html_cells.txt", "row_matching_no_item.txt", "narrative_total_only_wrong_class.txt",
         "tdkt_sheet_bonus_and_multi_number_cell.txt", "markdown_rows_split_by_page_break.md")


def _write(writer: Writer) -> list[str]:
    docs = [fixture_doc(n) for n in NAMES]
    statuses = [writer.load(d) for d in docs]
    statuses.append(writer.load(docs[0]))   # the same content again
    writer.record_error("/in/broken.docx", "ab" * 32, "unreadable", "cannot be read: not a zip file")
    writer.record_error("/in/gone.txt", None, "not_found", "no such file or folder")
    writer.remember_files([{"path": "/in/a.txt", "size": 3, "mtime_ns": 1, "ctime_ns": 2, "inode": 3, "device": 4,
                            "checked_ns": 5, "sha256": docs[0].model.sha256}])
    return statuses


def test_the_sqlite3_writer_and_the_stores_writer_leave_the_same_rows(tmp_path):
    through_store, bare = str(tmp_path / "store.sqlite"), str(tmp_path / "bare.sqlite")
    store = Store(through_store)
    store.close()
    shutil.copy(through_store, bare)   # the same empty database at the current schema
    store = Store(through_store)
    expected = _write(store.writer)
    store.close()
    writer = open_sqlite(bare)
    assert writer is not None
    assert _write(writer) == expected == ["loaded"] * 5 + ["unchanged"]
    writer.close()
    assert _rows(bare) == _rows(through_store)
    assert len(_rows(bare)["scores"]) == sum(len(fixture_doc(n).scores) for n in NAMES)


def test_each_insert_names_columns_of_its_table_and_every_required_one():
    for table, cols in COLUMNS.items():
        have = T.metadata.tables[table].columns
        assert set(cols) <= set(have.keys()), table
        required = {c.name for c in have if not c.nullable and not c.primary_key and c.default is None
                    and c.server_default is None}
        assert required <= set(cols), (table, required - set(cols))


def test_the_bare_writer_steps_aside_when_the_database_is_not_in_step(tmp_path, db):
    assert open_sqlite(db) is None                      # not made yet: the store makes it
    Store(db).close()
    assert open_sqlite(db) is not None
    con = sqlite3.connect(db)
    con.execute("UPDATE chamdiem_meta SET value = 'older views' WHERE key = 'views'")
    con.commit()
    assert open_sqlite(db) is None                      # the store recreates the views first
    Store(db).close()
    con.execute("UPDATE chamdiem_meta SET value = 'older frameworks' WHERE key = 'thresholds'")
    con.commit()
    assert open_sqlite(db) is None
    Store(db).close()
    con.execute("UPDATE alembic_version SET version_num = '0001'")
    con.commit()
    con.close()
    assert open_sqlite(db) is None
    assert open_sqlite("postgresql+psycopg://u@h/x") is None


def test_after_an_ingest_the_database_file_alone_holds_everything(tmp_path, db):
    """The write-ahead log is folded into the file when the ingest closes its connection: a
    copy of the .sqlite file alone (mailed, archived) is the whole database."""
    folder = tmp_path / "in"
    folder.mkdir()
    for name in NAMES[:2]:
        shutil.copy(FIXTURES / name, folder / name)
    ingest([str(folder / NAMES[0])], db, workers=1, quiet=True)   # made by the store
    ingest([str(folder)], db, workers=1, quiet=True)              # written by the bare writer
    assert not (tmp_path / "scores.sqlite-wal").exists()
    copy = str(tmp_path / "copy.sqlite")
    shutil.copy(db, copy)
    assert query(copy, "SELECT count(*) AS n FROM v_documents") == [{"n": 2}]
