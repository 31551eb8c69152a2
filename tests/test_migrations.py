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


def _searches(con) -> dict:
    """Every search a user could make of the index's 30 commonest words and of a phrase, with the
    ids and ranks found, and the pieces v_search shows."""
    words = [w for (w,) in con.execute("SELECT term FROM temp.search_fts_rows ORDER BY cnt DESC, term LIMIT 30")]
    out = {w: con.execute("SELECT rowid, rank FROM search_fts WHERE search_fts MATCH ? ORDER BY rank, rowid",
                          (f'"{w}"',)).fetchall() for w in words + ["tieu chi", "ke hoach so"]}
    out["pieces"] = con.execute("SELECT * FROM search_index ORDER BY id").fetchall()
    return out


def test_0012_keeps_every_search_of_a_database_holding_reports(db):
    """Migration 0012 rebuilds search_fts without its copy of the text: the index, every match and
    its rank stay as they were, new reports are indexed and forgotten as before, and the downgrade
    gives back the table with its folded text."""
    from alembic import command
    from alembic.config import Config
    from importlib import resources

    from conftest import fixture_doc, fts_as_written, fts_entries
    from chamdiem.store.writer import Writer, prepare_sqlite
    upgrade_to(db, "0011")
    con = sqlite3.connect(db)
    prepare_sqlite(con)
    writer = Writer(con, "sqlite")
    for name in ("tsv_sheet_short_rows_and_html_cells.txt", "row_matching_no_item.txt",
                 "narrative_total_only_wrong_class.txt", "tdkt_sheet_bonus_and_multi_number_cell.txt"):
        assert writer.load(fixture_doc(name)) == "loaded"
    con.execute("CREATE VIRTUAL TABLE temp.search_fts_rows USING fts5vocab(main, search_fts, row)")
    folded = con.execute("SELECT rowid, folded FROM search_fts ORDER BY rowid").fetchall()
    entries, searches = fts_entries(con), _searches(con)
    assert len(folded) > 100 and len(searches["ke hoach so"]) > 0
    con.close()

    Store(db).close()   # the upgrade an ingest makes
    con = sqlite3.connect(db)
    assert Store(db).schema_version() == head_revision() and "0012" <= head_revision()
    assert con.execute("SELECT count(*) FROM sqlite_master WHERE name = 'search_fts_content'").fetchone() == (0,)
    assert con.execute("SELECT count(*), count(folded) FROM search_fts").fetchone() == (len(folded), 0)
    con.execute("CREATE VIRTUAL TABLE temp.search_fts_rows USING fts5vocab(main, search_fts, row)")
    assert fts_entries(con) == entries == fts_as_written(con)
    assert _searches(con) == searches
    con.close()
    assert main(["ingest", str(FIXTURES / "markdown_rows_split_by_page_break.md"), "--db", db, "--quiet"]) == 0
    con = sqlite3.connect(db)
    assert fts_entries(con) == fts_as_written(con) != entries
    con.close()

    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("chamdiem.store.schema").joinpath("migrations")))
    with create_engine(f"sqlite:///{db}").begin() as sa_con:
        cfg.attributes["connection"] = sa_con
        command.downgrade(cfg, "0011")
    con = sqlite3.connect(db)
    now = con.execute("SELECT rowid, folded FROM search_fts ORDER BY rowid").fetchall()
    assert now[:len(folded)] == folded and len(now) > len(folded)
    assert fts_entries(con) == fts_as_written(con)
    con.close()
