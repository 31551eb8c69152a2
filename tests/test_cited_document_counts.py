"""v_cited_documents reads counts the loader keeps; they must always equal the aggregate of the
current documents' citations, also after a report is replaced by its re-sent version."""
import shutil

from conftest import FIXTURES, query
from chamdiem.pipeline.ingest import ingest

AGGREGATE = """
SELECT cd.id AS cited_document_id, COUNT(*) AS mentions, COUNT(DISTINCT c.document_id) AS citing_reports
FROM cited_documents cd JOIN citations c ON c.cited_document_id = cd.id
JOIN documents d ON d.id = c.document_id WHERE d.is_current GROUP BY cd.id ORDER BY cd.id"""


def counts(db):
    return query(db, "SELECT cited_document_id, mentions, citing_reports FROM v_cited_documents "
                     "ORDER BY cited_document_id")


def test_counts_follow_loads_and_replacements(tmp_path, db):
    folder = tmp_path / "in"
    shutil.copytree(FIXTURES, folder)
    ingest([str(folder)], db, workers=1, quiet=True)
    before = counts(db)
    assert before == query(db, AGGREGATE) and len(before) > 5
    sheet = folder / "tsv_sheet_short_rows_and_html_cells.txt"
    sheet.write_text(sheet.read_text("utf-8") + "\nThực hiện Kế hoạch số 77/KH-UBND ngày 01/02/2024.\n", "utf-8")
    again = ingest([str(folder)], db, workers=1, quiet=True)
    assert again.replaced == 1
    after = counts(db)
    assert after == query(db, AGGREGATE)
    assert after != before
    assert query(db, "SELECT mentions, citing_reports FROM v_cited_documents WHERE number = '77' AND issued_on = '2024-02-01'") == [
        {"mentions": 1, "citing_reports": 1}]
