"""Which version of a report is current is a pure decision (store/versions.py) over the new
report's facts and the versions current now; it returns its finding, and the writer stores that
finding without changing the report it was handed."""
import copy
import hashlib

from conftest import query
from reports import dvcq_report
from chamdiem.pipeline.extract import extract_document
from chamdiem.readers.text import parse_text
from chamdiem.store.database import Store
from chamdiem.store.versions import StoredVersion, VersionFacts, decide

COMPLETE = StoredVersion(3, "bao-cao.txt", 11, "2024-11-05")


def test_a_first_version_is_current():
    decision = decide(VersionFacts(4, None, ()), [])
    assert decision == (True, "current: first version of this report", None, None, "first")


def test_a_resubmission_as_complete_replaces_and_a_shorter_one_is_held_back_with_its_finding():
    assert decide(VersionFacts(11, "2024-11-05", ()), [COMPLETE]) == (
        True, "current: 11 scored items read, document 3 had 11", None, None, "resubmission")
    held = decide(VersionFacts(5, "2024-11-05", ()), [COMPLETE])
    reason = ("not current: an incomplete resubmission, 5 scored items read where document 3 (bao-cao.txt) has 11, "
              "and not dated later (2024-11-05 vs 2024-11-05); document 3 stays current")
    assert held[:3] == (False, reason, 3)
    assert (held.finding.kind, held.finding.severity, held.finding.message) == (
        "incomplete_resubmission", "warning",
        "Bản nộp lại không đầy đủ bằng bản hiện hành và không ghi ngày muộn hơn: được lưu làm phiên bản cũ, "
        "văn bản 3 vẫn là bản hiện hành · " + reason)


def test_a_later_date_wins_and_a_read_failure_loses():
    assert decide(VersionFacts(5, "2024-12-01", ()), [COMPLETE]) == (
        True, "current: dated 2024-12-01, later than document 3 (2024-11-05)", None, None, "resubmission")
    damaged = decide(VersionFacts(11, "2024-11-05", ("damaged_bytes_replaced",)), [COMPLETE])
    assert damaged.current is False and "read failure (damaged_bytes_replaced)" in damaged.reason


def _report(scored: int, path: str):
    text = dvcq_report("UBND xã Tịnh Kỳ", 2024, [8, 9, 10, 8, 9, 10, 8, 9, 10, 9][:scored])
    return extract_document(parse_text(text, path=path, sha256=hashlib.sha256(text.encode()).hexdigest()))


def test_the_writer_stores_the_decisions_finding_and_leaves_the_report_as_handed(db):
    store = Store(db)
    assert store.write(_report(10, "/in/du.txt")).status == "loaded"
    short = _report(4, "/in/thieu.txt")
    before = copy.deepcopy(short.findings)
    written = store.write(short)
    store.close()
    assert written.status == "held_back"
    assert [f.kind for f in written.findings] == ["incomplete_resubmission"]
    assert short.findings == before
    assert query(db, "SELECT d.file_name, f.kind FROM findings f JOIN documents d ON d.id = f.document_id "
                     "WHERE f.kind = 'incomplete_resubmission'") == [{"file_name": "thieu.txt",
                                                                      "kind": "incomplete_resubmission"}]
