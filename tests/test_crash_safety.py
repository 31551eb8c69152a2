"""An ingest that dies at any point leaves the database consistent, and a re-run completes the batch
to the result of an uninterrupted run. The deaths are deterministic: CHAMDIEM_FAULT=point:N makes
the writer (or a worker) end abruptly the N-th time it reaches that point (chamdiem/model/faults.py),
so each kill lands exactly where the test says, with no timing guessed. Real subprocesses, real SQLite."""
import os
import subprocess
import sys

import pytest

from conftest import FIXTURES, query

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
N = 30
RESULT = ("SELECT d.file_name, d.framework, d.total_self, s.criterion_id, s.self_score, s.max_points, s.char_start "
          "FROM v_documents d LEFT JOIN v_scores s USING (document_id) ORDER BY 1, 4")


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    folder = tmp_path_factory.mktemp("batch")
    src = (FIXTURES / "tsv_sheet_short_rows_and_html_cells.txt").read_text("utf-8")
    for k in range(N):
        (folder / f"unit{k:03d}.txt").write_text(src.replace("Sở Tư pháp", f"Sở Số {k}")
                                                 .replace("\t3\t3\t\t", f"\t3\t{k % 4}\t\t"), "utf-8")
    return folder


def run(folder, db, fault=None, workers=2):
    env = {k: v for k, v in os.environ.items() if k != "CHAMDIEM_FAULT"}
    if fault:
        env["CHAMDIEM_FAULT"] = fault
    cmd = [sys.executable, "-m", "chamdiem.interfaces.cli", "ingest", str(folder), "--db", db,
           "--workers", str(workers), "--quiet"]
    return subprocess.run(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          timeout=300).returncode


def consistent(db):
    assert query(db, "PRAGMA integrity_check") == [{"integrity_check": "ok"}]
    # no half-loaded document: every document has its text, and its scores if it has a sheet
    assert query(db, "SELECT COUNT(*) AS n FROM documents d LEFT JOIN document_texts t ON t.document_id = d.id "
                     "WHERE t.document_id IS NULL") == [{"n": 0}]
    assert query(db, "SELECT COUNT(*) AS n FROM documents d WHERE d.framework IS NOT NULL AND NOT EXISTS "
                     "(SELECT 1 FROM scores s WHERE s.document_id = d.id)") == [{"n": 0}]


@pytest.fixture(scope="module")
def expected(batch, tmp_path_factory):
    ref = str(tmp_path_factory.mktemp("ref") / "ref.sqlite")
    assert run(batch, ref) == 0
    rows = query(ref, RESULT)
    assert len({r["file_name"] for r in rows}) == N
    return rows


# (fault, documents in the database when the writer died)
WRITER_DEATHS = [
    ("after_insert:1", 0),     # inside the first document's transaction: nothing is committed
    ("after_insert:17", 16),   # inside the 17th: the 16 before it are, the 17th is rolled back
    ("after_commit:9", 9),     # right after the 9th file's transaction
    ("after_commit:30", 30),   # after the last file, before the summary
]


@pytest.mark.parametrize("fault,loaded", WRITER_DEATHS)
def test_writer_killed_at_a_deterministic_point_then_rerun_gives_the_uninterrupted_result(
        batch, expected, tmp_path, fault, loaded):
    db = str(tmp_path / "killed.sqlite")
    assert run(batch, db, fault) == 137  # the fault hook's os._exit: the process died there
    consistent(db)
    assert query(db, "SELECT COUNT(*) AS n FROM documents") == [{"n": loaded}]
    assert run(batch, db) == 0
    consistent(db)
    assert query(db, RESULT) == expected


def test_worker_dying_on_a_file_is_recorded_and_the_batch_goes_on(batch, expected, tmp_path):
    db = str(tmp_path / "worker.sqlite")
    # the 3rd file of the batch is unit002.txt: its worker dies by SIGSEGV as a crashing native library would
    assert run(batch, db, "worker_crash:3") == 1
    consistent(db)
    errors = query(db, "SELECT file_name, error_kind, message FROM v_ingest_errors")
    assert [(e["file_name"], e["error_kind"]) for e in errors] == [("unit002.txt", "worker_crashed")]
    assert "SIGSEGV" in errors[0]["message"]
    assert query(db, "SELECT COUNT(*) AS n FROM v_documents") == [{"n": N - 1}]
    assert run(batch, db) == 0  # the file is read again on the next run
    assert query(db, RESULT) == expected
