"""PostgreSQL gives the same views and the same results as SQLite, on a real server."""
from sqlalchemy import create_engine, text

from conftest import FIXTURES, query
from pg_server import pg  # noqa: F401  (fixture)
from chamdiem.interfaces.cli import main
from chamdiem.store.database import head_revision

VIEWS = {
    "v_documents": "SELECT file_name, framework, report_number, issuer, issued_on, assessment_year, signer, "
                   "classification, total_max, total_self FROM v_documents ORDER BY file_name",
    "v_scores": "SELECT file_name, criterion_id, label, max_points, self_score, authority_score, bonus_max, "
                "bonus_self, origin, line, char_start, char_end FROM v_scores ORDER BY file_name, criterion_id",
    "v_findings": "SELECT file_name, criterion_id, kind, severity, message FROM v_findings "
                  "ORDER BY file_name, kind, criterion_id, message",
    "v_citations": "SELECT file_name, criterion_id, doc_type, number, year, symbol, issued_on, text, char_start "
                   "FROM v_citations ORDER BY file_name, char_start",
    "v_cited_documents": "SELECT doc_type, number, year, symbol, issuer_code, issued_on, mentions, citing_reports "
                         "FROM v_cited_documents ORDER BY doc_type, number, symbol, issued_on",
    "v_texts": "SELECT v_texts.text FROM v_texts ORDER BY 1",
}


def pg_rows(url, sql):
    engine = create_engine(url)
    with engine.connect() as con:
        out = [dict(r._mapping) for r in con.execute(text(sql))]
    engine.dispose()
    return out


def test_postgres_views_equal_sqlite_views(pg, db):  # noqa: F811
    url = pg.new_database()
    assert main(["ingest", str(FIXTURES), "--db", db, "--workers", "1", "--quiet"]) == 0
    assert main(["ingest", str(FIXTURES), "--db", url, "--workers", "2", "--quiet"]) == 0
    for view, sql in VIEWS.items():
        lite, post = query(db, sql), pg_rows(url, sql)
        assert post == lite, view
        assert lite, view


def test_postgres_ingest_is_idempotent_versioned_and_migrated(pg, tmp_path, capsys):  # noqa: F811
    url = pg.new_database()
    folder = tmp_path / "in"
    folder.mkdir()
    src = (FIXTURES / "narrative_total_only_wrong_class.txt").read_text("utf-8")
    (folder / "r.txt").write_text(src, "utf-8")
    (folder / "broken.txt").write_bytes(b"")
    assert main(["ingest", str(folder), "--db", url, "--quiet"]) == 1
    assert main(["ingest", str(folder), "--db", url]) == 1
    assert "loaded 0, unchanged 1, replaced 0, failed 1" in capsys.readouterr().out
    (folder / "r.txt").write_text(src.replace("65 điểm", "75 điểm"), "utf-8")
    main(["ingest", str(folder), "--db", url, "--quiet"])
    assert pg_rows(url, "SELECT total_self FROM v_documents") == [{"total_self": 75.0}]
    assert pg_rows(url, "SELECT is_current FROM v_document_versions ORDER BY document_id") == [
        {"is_current": False}, {"is_current": True}]
    assert pg_rows(url, "SELECT error_kind FROM v_ingest_errors") == [{"error_kind": "empty_document"}]
    assert pg_rows(url, "SELECT version_num FROM alembic_version") == [{"version_num": head_revision()}]


def test_export_from_postgres_equals_export_from_sqlite(pg, db, tmp_path):  # noqa: F811
    import openpyxl
    url = pg.new_database()
    assert main(["ingest", str(FIXTURES), "--db", db, "--workers", "1", "--quiet"]) == 0
    assert main(["ingest", str(FIXTURES), "--db", url, "--workers", "1", "--quiet"]) == 0
    books = []
    for source, name in ((db, "lite.xlsx"), (url, "post.xlsx")):
        assert main(["export", "--db", source, "-o", str(tmp_path / name)]) == 0
        wb = openpyxl.load_workbook(tmp_path / name)
        # the versions sheet holds load times, which differ between the two loads
        books.append({ws.title: [r for r in ws.iter_rows(values_only=True)] for ws in wb if ws.title != "Phiên bản"})
    assert books[0] == books[1]
    assert books[0]["dvcq 2024"][3:] and pg_rows(url, "SELECT DISTINCT classification_earned FROM v_documents")


def test_dask_executor_writes_the_same_views_into_postgresql(pg, db):  # noqa: F811
    import pytest
    distributed = pytest.importorskip("dask.distributed", reason="pip install 'chamdiem[distributed]'")
    url = pg.new_database()
    assert main(["ingest", str(FIXTURES), "--db", db, "--workers", "1", "--quiet"]) == 0
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None) as cluster:
        assert main(["ingest", str(FIXTURES), "--db", url, "--quiet", "--executor", "dask",
                     "--scheduler", cluster.scheduler_address]) == 0
    for view, sql in VIEWS.items():
        assert pg_rows(url, sql) == query(db, sql), view
