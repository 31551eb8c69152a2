"""In a database without table statistics (a new one, during its first batch) the writer's look-ups
of documents go through an index of what they look for, never through the index of the current
documents alone: that one made every report read every current document (a 10,000-file first
batch read 50 million rows). Real SQLite; each statement the writer ran is explained as SQLite
planned it."""
import dataclasses

from chamdiem.store.database import Store
from chamdiem.store.writer import open_sqlite
from conftest import fixture_doc

NAMES = ["tsv_sheet_short_rows_and_html_cells.txt", "narrative_total_only_wrong_class.txt"]


def test_the_writer_never_reads_documents_by_is_current_alone(tmp_path):
    db = str(tmp_path / "fresh.sqlite")
    Store(db).close()
    writer = open_sqlite(db)
    ran = []
    writer.con.set_trace_callback(ran.append)
    for k, name in enumerate(NAMES):
        doc = fixture_doc(name)
        writer.write(doc)
        # the same report again, changed: a new version of the same path
        model = dataclasses.replace(doc.model, sha256=str(k) * 64)
        writer.write(dataclasses.replace(doc, model=model))
    writer.con.set_trace_callback(None)
    assert writer.read("SELECT count(*) FROM documents") == [(4,)]
    assert writer.read("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'") == []
    plans = {sql: [row[3] for row in writer.con.execute(f"EXPLAIN QUERY PLAN {sql}")]
             for sql in ran if sql.lstrip().upper().startswith("SELECT") and "FROM documents" in sql}
    writer.close()
    assert plans
    for sql, steps in plans.items():
        on_documents = [s for s in steps if " documents " in f"{s} "]
        assert on_documents, sql
        assert not [s for s in on_documents if "ix_documents_current" in s or s.startswith("SCAN")], (sql, steps)
