"""SQLite's write-ahead log stays small and ends in the database file: it is folded in once it
passes 16 MB, and at the end of every ingest even while another program (the browse UI) keeps the
database open, so the .sqlite file alone is the whole database."""
import hashlib
import os
import shutil
import sqlite3
from dataclasses import replace

from conftest import fixture_doc, query
from reports import dvcq_report
from chamdiem.pipeline.ingest import ingest
from chamdiem.store.database import Store
from chamdiem.store.writer import open_sqlite

MB = 1024 * 1024


def _big_report(k: int):
    """A report of 2 MB of text lines: with its search pieces about 10 MB of log each."""
    doc = fixture_doc("row_matching_no_item.txt")
    text = doc.model.text + "".join(f"Dòng tường thuật {k}-{n}: nội dung dân vận chính quyền cơ sở.\n"
                                    for n in range(32000))
    model = replace(doc.model, text=text, sha256=hashlib.sha256(text.encode()).hexdigest(), path=f"/in/big-{k}.txt")
    return replace(doc, model=model)


def test_the_log_is_folded_once_it_passes_16_mb(db):
    Store(db).close()
    writer = open_sqlite(db)
    sizes = []
    for k in range(7):
        assert writer.load(_big_report(k)) == "loaded"
        sizes.append((os.path.getsize(db + "-wal")))
    writer.close()
    assert query(db, "SELECT count(*) AS n FROM documents") == [{"n": 7}]
    assert os.path.getsize(db) > 35 * MB          # more than twice the limit was written
    one_report = sizes[0]   # the log starts empty
    # never more than the limit plus one report's rows (unfolded, it would hold all seven)
    assert max(sizes) < 16 * MB + 1.2 * one_report, [round(s / MB, 1) for s in sizes]


def test_an_ingest_folds_the_log_while_a_reader_keeps_the_database_open(tmp_path, db):
    folder = tmp_path / "in"
    folder.mkdir()
    for k in range(3):
        (folder / f"r{k}.txt").write_text(dvcq_report(f"UBND xã Số {k}", 2024, [8, 9, 10, 8, 9, 10, 8, 9, 10, 9]),
                                          "utf-8")
    ingest([str(folder / "r0.txt")], db, workers=1, quiet=True)
    reader = sqlite3.connect(db)   # as `chamdiem serve` does: open, between two reads
    assert reader.execute("SELECT count(*) FROM documents").fetchone() == (1,)
    ingest([str(folder)], db, workers=1, quiet=True)
    copy = str(tmp_path / "copy.sqlite")
    shutil.copy(db, copy)   # the file alone, without its -wal
    reader.close()
    assert query(copy, "SELECT count(*) AS n FROM v_documents") == [{"n": 3}]
