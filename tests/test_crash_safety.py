"""kill -9 at any moment leaves the database consistent, and a re-run completes the batch to the
same result as an uninterrupted run. Real subprocesses, real SQLite."""
import os
import signal
import subprocess
import sys
import time

import pytest

from conftest import FIXTURES, query

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
N = 240
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


def run(folder, db, kill_after=None):
    cmd = [sys.executable, "-m", "chamdiem.interfaces.cli", "ingest", str(folder), "--db", db, "--workers", "2", "--quiet"]
    p = subprocess.Popen(cmd, cwd=ROOT, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if kill_after is None:
        return p.wait(timeout=300)
    time.sleep(kill_after)
    os.killpg(p.pid, signal.SIGKILL)
    p.wait(timeout=60)
    return None


def consistent(db):
    assert query(db, "PRAGMA integrity_check") == [{"integrity_check": "ok"}]
    # no half-loaded document: every document has its text, and its scores if it has a sheet
    assert query(db, "SELECT COUNT(*) AS n FROM documents d LEFT JOIN document_texts t ON t.document_id = d.id "
                     "WHERE t.document_id IS NULL") == [{"n": 0}]
    assert query(db, "SELECT COUNT(*) AS n FROM documents d WHERE d.framework IS NOT NULL AND NOT EXISTS "
                     "(SELECT 1 FROM scores s WHERE s.document_id = d.id)") == [{"n": 0}]


def test_kill_at_several_points_then_rerun_gives_the_uninterrupted_result(batch, tmp_path):
    ref = str(tmp_path / "ref.sqlite")
    t0 = time.perf_counter()
    assert run(batch, ref) == 0
    whole = time.perf_counter() - t0
    expected = query(ref, RESULT)
    assert len({r["file_name"] for r in expected}) == N
    loaded_at_kill = []
    # kill points spread over the run (its first part is start-up, before any document is loaded)
    for k, delay in enumerate(whole * f for f in (0.45, 0.6, 0.75, 0.9)):
        db = str(tmp_path / f"killed{k}.sqlite")
        run(batch, db, kill_after=delay)
        if os.path.exists(db):
            consistent(db)
            loaded_at_kill.append(query(db, "SELECT COUNT(*) AS n FROM documents")[0]["n"])
        assert run(batch, db) == 0
        consistent(db)
        assert query(db, RESULT) == expected
    # the kills did land in the middle of the batch at least once
    assert any(0 < n < N for n in loaded_at_kill), loaded_at_kill
