"""Alembic builds the schema; an older database is upgraded on ingest; model and migrations agree."""
import sqlite3

from sqlalchemy import create_engine, inspect

from conftest import FIXTURES, query, upgrade_to
from chamdiem.interfaces.cli import main
from chamdiem.store.database import Store, head_revision
from chamdiem.store.schema.tables import metadata


def test_new_database_records_its_schema_version(db):
    store = Store(db)
    assert store.schema_version() == head_revision() not in ("0001", "0002")


def test_migrated_schema_matches_the_model(db):
    Store(db)
    insp = inspect(create_engine(f"sqlite:///{db}"))
    for table in metadata.sorted_tables:
        got = {c["name"] for c in insp.get_columns(table.name)}
        assert got == {c.name for c in table.columns}, table.name
        indexes = {i["name"]: i["column_names"] for i in insp.get_indexes(table.name)}
        assert indexes == {i.name: [c.name for c in i.columns] for i in table.indexes}, table.name


def test_older_database_is_upgraded_on_ingest(db):
    upgrade_to(db, "0001")  # the schema as it was before the citation registry
    con = sqlite3.connect(db)
    con.execute("INSERT INTO documents (id, file_name, path, sha256, format, is_current, loaded_at) "
                "VALUES (1, 'old.txt', '/x/old.txt', 'abc', 'txt', 1, '2024-01-01')")
    con.execute("INSERT INTO document_texts VALUES (1, 'Theo Kế hoạch số 24/KH-UBND ngày 17/3/2023 và KH số 24')")
    for start, end, text, sym, date in ((5, 41, "Kế hoạch số 24/KH-UBND ngày 17/3/2023", "KH-UBND", "2023-03-17"),
                                        (45, 53, "KH số 24", None, None)):
        con.execute("INSERT INTO citations (document_id, doc_type, number, symbol, issued_on, text, line, char_start, "
                    "char_end) VALUES (1, 'Kế hoạch', '24', ?, ?, ?, 1, ?, ?)", (sym, date, text, start, end))
    con.commit()
    con.close()
    assert main(["ingest", str(FIXTURES / "row_matching_no_item.txt"), "--db", db, "--quiet"]) == 0
    assert Store(db).schema_version() == head_revision()
    reg = query(db, "SELECT symbol, issued_on, mentions FROM v_cited_documents WHERE number = '24'")
    assert reg == [{"symbol": "KH-UBND", "issued_on": "2023-03-17", "mentions": 2}]
    assert {r["file_name"] for r in query(db, "SELECT file_name FROM v_documents")} == {"old.txt",
                                                                                       "row_matching_no_item.txt"}


def test_database_at_the_newest_revision_opens_without_alembic(db):
    import subprocess
    import sys
    Store(db)
    code = ("import sys; from chamdiem.store.database import Store; Store(sys.argv[1]); "
            "print('alembic' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code, db], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
