import shutil

from conftest import FIXTURES, query
from chamdiem.interfaces.cli import main

TABLES = ("documents", "document_texts", "observations", "observation_values", "scores", "findings",
          "citations", "ingest_errors")


def counts(db):
    return {t: query(db, f"SELECT COUNT(*) AS n FROM {t}")[0]["n"] for t in TABLES}


def test_ingest_fills_the_contract_views(db):
    assert main(["ingest", str(FIXTURES), "--db", db, "--workers", "1", "--quiet"]) == 0
    docs = {r["file_name"]: r for r in query(db, "SELECT * FROM v_documents")}
    assert len(docs) == 6
    d = docs["tsv_sheet_short_rows_and_html_cells.txt"]
    assert (d["framework"], d["report_number"], d["issued_on"], d["total_max"], d["total_self"], d["format"]) == (
        "dvcq", "512/BC-STP", "2023-12-05", 30.0, 27.0, "txt")
    assert docs["narrative_without_scores.txt"]["framework"] is None
    rows = query(db, "SELECT * FROM v_scores WHERE criterion_id = 'dvcq.tc3.nd3'")
    (r,) = rows
    assert (r["max_points"], r["self_score"], r["authority_score"], r["origin"], r["line"], r["page"]) == (
        2.0, 3.0, None, "table", 35, None)
    kinds = {(f["criterion_id"], f["kind"], f["severity"]) for f in
             query(db, "SELECT * FROM v_findings WHERE file_name = 'tsv_sheet_short_rows_and_html_cells.txt'")}
    assert ("dvcq.tc3.nd3", "self_exceeds_max", "error") in kinds
    assert ("dvcq.tc3", "subtotal_mismatch", "warning") in kinds


def test_score_spans_cover_the_source_row_in_v_texts(db):
    main(["ingest", str(FIXTURES), "--db", db, "--workers", "1", "--quiet"])
    for r in query(db, "SELECT s.*, t.text FROM v_scores s JOIN v_texts t USING (document_id)"):
        span = r["text"][r["char_start"]:r["char_end"]]
        shown = {float(x.replace(",", ".")) for x in __import__("re").findall(r"\d+(?:[.,]\d+)?", span)}
        values = [r[f] for f in ("max_points", "self_score", "authority_score", "bonus_max", "bonus_self")
                  if r[f] is not None]
        assert any(v in shown for v in values), (r["criterion_id"], span)
        assert r["text"].count("\n", 0, r["char_start"]) + 1 == r["line"]


def test_ingesting_the_same_files_twice_changes_nothing(db, capsys):
    main(["ingest", str(FIXTURES), "--db", db, "--workers", "1"])
    before = counts(db)
    capsys.readouterr()
    assert main(["ingest", str(FIXTURES), "--db", db, "--workers", "1"]) == 0
    assert "loaded 0, unchanged 6, replaced 0, failed 0" in capsys.readouterr().out
    assert counts(db) == before


def test_broken_files_are_recorded_and_the_rest_still_load(db, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(FIXTURES / "row_matching_no_item.txt", folder)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "garbage.txt").write_bytes(b"\x81\x8d\x8e\x8f\x90\x9d")
    (folder / "scan.xyz").write_bytes(b"whatever")
    # two workers: failures cross the process boundary as data and are recorded
    assert main(["ingest", str(folder), "--db", db, "--workers", "2", "--quiet"]) == 1
    errors = {r["file_name"]: r["error_kind"] for r in query(db, "SELECT * FROM v_ingest_errors")}
    assert errors == {"empty.txt": "empty_document", "garbage.txt": "undecodable_text",
                      "scan.xyz": "unsupported_format"}
    assert [r["file_name"] for r in query(db, "SELECT file_name FROM v_documents")] == ["row_matching_no_item.txt"]
    # the same failures again add no rows
    main(["ingest", str(folder), "--db", db, "--workers", "1", "--quiet"])
    assert len(query(db, "SELECT * FROM v_ingest_errors")) == 3


def test_parallel_workers_give_the_same_database_content(db, tmp_path):
    other = str(tmp_path / "other.sqlite")
    main(["ingest", str(FIXTURES), "--db", db, "--workers", "1", "--quiet"])
    main(["ingest", str(FIXTURES), "--db", other, "--workers", "2", "--quiet"])
    sql = "SELECT file_name, criterion_id, max_points, self_score, bonus_self, char_start FROM v_scores ORDER BY 1, 2"
    assert query(db, sql) == query(other, sql)


def test_changed_report_replaces_the_older_version_in_the_views(db, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    src = (FIXTURES / "narrative_total_only_wrong_class.txt").read_text("utf-8")
    f = folder / "report.txt"
    f.write_text(src, "utf-8")
    main(["ingest", str(folder), "--db", db, "--quiet"])
    f.write_text(src.replace("**65 điểm.**", "**95 điểm.**"), "utf-8")
    main(["ingest", str(folder), "--db", db, "--quiet"])
    assert [r["total_self"] for r in query(db, "SELECT total_self FROM v_documents")] == [95.0]
    versions = query(db, "SELECT is_current FROM v_document_versions ORDER BY document_id")
    assert [bool(v["is_current"]) for v in versions] == [False, True]


def test_usage_error_exits_2(db):
    import pytest
    with pytest.raises(SystemExit) as exc:
        main(["ingest"])
    assert exc.value.code == 2


def test_oversized_files_are_recorded_with_a_configurable_limit(db, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(FIXTURES / "tsv_sheet_short_rows_and_html_cells.txt", folder)
    shutil.copy(FIXTURES / "row_matching_no_item.txt", folder)
    assert main(["ingest", str(folder), "--db", db, "--quiet", "--max-mb", "0.001"]) == 1
    assert [(r["file_name"], r["error_kind"]) for r in query(db, "SELECT * FROM v_ingest_errors")] == [
        ("tsv_sheet_short_rows_and_html_cells.txt", "file_too_large")]


def test_two_ingests_into_one_sqlite_file_at_once_both_complete(db, tmp_path):
    """Real processes, same files and others, started together: no lock errors, nothing lost."""
    import subprocess
    import sys
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    for k in range(12):
        for folder in (a, b):
            src = (FIXTURES / "narrative_total_only_wrong_class.txt").read_text("utf-8")
            (folder / f"r{folder.name}{k}.txt").write_text(src.replace("65 điểm", f"{k + (0 if folder == a else 50)} điểm")
                                                          .replace("Phòng Văn hóa", f"Phòng {folder.name}{k} Văn hóa"), "utf-8")
    shutil.copy(FIXTURES / "tsv_sheet_short_rows_and_html_cells.txt", a)
    shutil.copy(FIXTURES / "tsv_sheet_short_rows_and_html_cells.txt", b)
    cmd = [sys.executable, "-m", "chamdiem.interfaces.cli", "ingest", "--db", db, "--workers", "1"]
    procs = [subprocess.Popen(cmd + [str(folder)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for folder in (a, b)]
    outs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    assert all("locked" not in err for _, err in outs)
    docs = query(db, "SELECT file_name FROM v_documents")
    assert len(docs) == 25  # 24 distinct reports + the shared sheet once
    assert query(db, "PRAGMA integrity_check") == [{"integrity_check": "ok"}]
