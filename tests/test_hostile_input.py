"""Regression tests for the five defects of issue 14 (hostile and damaged input), each named after
what it catches. Real files written here, real ingests into real SQLite."""
import os
import random
import pathlib
import sys
import time
import tracemalloc

import pytest

from conftest import FIXTURES, query
from chamdiem.api import read
from chamdiem.interfaces.cli import main
from chamdiem.model.errors import CorruptFile, NotAReport, TooLarge, UndecodableText

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "bench"))
import make_hostile  # noqa: E402

REPORT = FIXTURES / "tsv_sheet_short_rows_and_html_cells.txt"
HAS_FONT = os.path.exists(make_hostile.FONT)


@pytest.fixture
def db(tmp_path_factory):
    """The database outside the folders the tests ingest."""
    return str(tmp_path_factory.mktemp("db") / "scores.sqlite")


def ingest(*args) -> int:
    return main(["ingest", *map(str, args), "--quiet"])


def errors(db):
    return {r["file_name"]: (r["error_kind"], r["message"]) for r in query(db, "SELECT * FROM v_ingest_errors")}


# --- defect 1: memory bounded only by the machine -----------------------------------------------

def test_defect1_docx_zip_bomb_is_refused_before_inflating(tmp_path):
    bomb = tmp_path / "bomb.docx"
    bomb.write_bytes(make_hostile.zip_bomb(60))   # 60 KB that inflate to 60 MB
    tracemalloc.start()
    with pytest.raises(TooLarge) as exc:
        read(bomb)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert "inflates 1024x" in exc.value.reason and "zip bomb" in exc.value.reason
    assert peak < 5 * 1024 * 1024  # the directory was read, the entry never inflated


def test_defect1_docx_whose_parts_add_up_past_the_limit_is_too_large(tmp_path):
    parts = {f"word/media/image{i}.png": random.Random(i).randbytes(64) * (1 << 15) for i in range(110)}  # 2 MB each, 220 MB
    path = tmp_path / "many_parts.docx"
    path.write_bytes(make_hostile.docx_with(make_hostile.body(make_hostile.paragraph_xml("Báo cáo")), parts))
    with pytest.raises(TooLarge) as exc:
        read(path)
    assert "more than 200 MB" in exc.value.reason


def test_docx_declaring_a_zip_version_zipfile_cannot_read_is_corrupt_file_not_internal_error(tmp_path):
    # found by `make fuzz`: a flipped bit in the central directory's "version needed" field
    data = bytearray(make_hostile.good_docx())
    cd = data.index(b"PK\x01\x02")
    data[cd + 6:cd + 8] = b"\x94\x00"          # version 14.8
    path = tmp_path / "version.docx"
    path.write_bytes(bytes(data))
    with pytest.raises(CorruptFile) as exc:
        read(path)
    assert "zip file version 14.8" in exc.value.reason


def test_defect1_text_past_the_memory_ceiling_is_too_large_with_a_message_not_internal_error(db, tmp_path):
    big = tmp_path / "huge.txt"
    with open(big, "wb") as fh:
        line = ("Báo cáo kết quả tự chấm điểm công tác dân vận năm 2024 của xã Tịnh Kỳ\n" * 1000).encode()
        while fh.tell() < 80 * 1024 * 1024:
            fh.write(line)
    good = tmp_path / "good.txt"
    good.write_bytes(REPORT.read_bytes())
    assert ingest(tmp_path, "--db", db, "--max-memory-mb", "250", "--workers", "1") == 1
    kind, message = errors(db)["huge.txt"]
    assert kind == "too_large" and "250 MB" in message and "--max-memory-mb" in message
    assert [r["file_name"] for r in query(db, "SELECT file_name FROM v_documents")] == ["good.txt"]


def test_defect1_file_past_the_time_limit_is_timeout_and_the_batch_goes_on(db, tmp_path):
    (tmp_path / "slow_pipe_table.md").write_bytes(make_hostile.pipe_table(1_500_000))  # ~15 s to read
    (tmp_path / "good.txt").write_bytes(REPORT.read_bytes())
    t0 = time.monotonic()
    assert ingest(tmp_path, "--db", db, "--timeout", "1", "--workers", "1") == 1
    assert time.monotonic() - t0 < 12
    kind, message = errors(db)["slow_pipe_table.md"]
    assert kind == "timeout" and "1 s" in message and "--timeout" in message
    assert [r["file_name"] for r in query(db, "SELECT file_name FROM v_documents")] == ["good.txt"]


def test_defect1_long_one_line_text_reads_in_time_proportional_to_its_size(tmp_path):
    # each citation anchor used to re-scan the rest of the text: 16,000 anchors on one line took minutes
    path = tmp_path / "one_line.txt"
    path.write_text(make_hostile.REPORT_LINE + " " + (make_hostile.REPORT_LINE + ". ") * 16000, "utf-8")
    from chamdiem.api import extract
    t0 = time.monotonic()
    report = extract(path)
    assert time.monotonic() - t0 < 20
    assert len(report.model.text) > 1_400_000


def test_defect1_memory_for_a_pipe_table_text_is_proportional_to_its_size(db, tmp_path):
    # 400 KB of pipe table read whole under a 400 MB ceiling (the 15 MB needed 3.7 GB)
    (tmp_path / "pipe_table.md").write_bytes(make_hostile.pipe_table(400_000))
    from chamdiem.api import ingest as api_ingest
    res = api_ingest(tmp_path, db, workers=1, max_memory_mb=400)
    assert (res.loaded, res.failed) == (1, 0)
    assert 0 < res.worker_peak_mb < 400
    assert query(db, "SELECT file_name FROM v_documents") == [{"file_name": "pipe_table.md"}]


# --- defect 2: a damaged copy silently displaced a good report --------------------------------

def _truncated(text: str) -> str:
    lines = text.split("\n")
    return "\n".join(lines[:len(lines) * 2 // 3])


def test_defect2_truncated_copy_does_not_displace_the_complete_report(db, tmp_path):
    full = REPORT.read_text("utf-8")
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "report.txt").write_text(full, "utf-8")
    assert ingest(tmp_path / "a", "--db", db) == 0
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "report_resent.txt").write_text(_truncated(full), "utf-8")
    assert ingest(tmp_path / "b", "--db", db) == 0
    assert query(db, "SELECT file_name, total_self FROM v_documents") == [{"file_name": "report.txt",
                                                                          "total_self": 27.0}]
    versions = query(db, "SELECT file_name, is_current, items_read, superseded_by, version_reason "
                         "FROM v_document_versions ORDER BY document_id")
    assert [(v["file_name"], v["is_current"], v["items_read"]) for v in versions] == [
        ("report.txt", 1, 11), ("report_resent.txt", 0, 2)]
    assert versions[1]["superseded_by"] == 1
    assert versions[1]["version_reason"].startswith("not current: an incomplete resubmission, 2 scored items "
                                                    "read where document 1 (report.txt) has 11")
    assert query(db, "SELECT kind, severity FROM findings WHERE document_id = 2 AND kind = "
                     "'incomplete_resubmission'") == [{"kind": "incomplete_resubmission", "severity": "warning"}]


def test_defect2_resubmission_dated_later_becomes_current_even_with_fewer_items(db, tmp_path):
    full = REPORT.read_text("utf-8")
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "report.txt").write_text(full, "utf-8")
    (tmp_path / "b").mkdir()
    later = _truncated(full).replace("ngày 05 tháng 12 năm 2023", "ngày 20 tháng 12 năm 2023")
    (tmp_path / "b" / "report_corrected.txt").write_text(later, "utf-8")
    ingest(tmp_path / "a", "--db", db)
    ingest(tmp_path / "b", "--db", db)
    assert query(db, "SELECT file_name FROM v_documents") == [{"file_name": "report_corrected.txt"}]
    reasons = [r["version_reason"] for r in query(db, "SELECT version_reason FROM v_document_versions "
                                                      "ORDER BY document_id")]
    assert reasons == ["superseded by document 2 (report_corrected.txt): current: dated 2023-12-20, later than "
                       "document 1 (2023-12-05)",
                       "current: dated 2023-12-20, later than document 1 (2023-12-05)"]


def test_defect2_equally_complete_resubmission_replaces_the_older(db, tmp_path):
    full = REPORT.read_text("utf-8")
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "report.txt").write_text(full, "utf-8")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "report_v2.txt").write_text(full.replace("27/30", "28/30"), "utf-8")
    ingest(tmp_path / "a", "--db", db)
    ingest(tmp_path / "b", "--db", db)
    assert query(db, "SELECT file_name FROM v_documents") == [{"file_name": "report_v2.txt"}]


def test_defect2_copy_with_replaced_bytes_does_not_displace_the_clean_report(db, tmp_path):
    data = REPORT.read_bytes()
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "report.txt").write_bytes(data)
    (tmp_path / "b").mkdir()
    i = data.index("Tiêu chí 1".encode()) + 2
    (tmp_path / "b" / "report_damaged.txt").write_bytes(data[:i] + b"\xff" + data[i + 1:])
    ingest(tmp_path / "a", "--db", db)
    ingest(tmp_path / "b", "--db", db)
    assert query(db, "SELECT file_name FROM v_documents") == [{"file_name": "report.txt"}]
    (reason,) = query(db, "SELECT version_reason FROM v_document_versions WHERE NOT is_current")
    assert "read failure (damaged_bytes_replaced)" in reason["version_reason"]


@pytest.mark.skipif(not HAS_FONT, reason="the DejaVu font (fonts-dejavu-core) writes the PDF")
def test_defect2_broken_pdf_rendition_does_not_displace_a_good_text_report(db, tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "report.txt").write_bytes(REPORT.read_bytes())
    pdf = make_hostile.good_pdf()
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "report.pdf").write_bytes(pdf[:len(pdf) // 2])
    ingest(tmp_path / "a", "--db", db)
    assert ingest(tmp_path / "b", "--db", db) == 1
    assert query(db, "SELECT file_name FROM v_documents") == [{"file_name": "report.txt"}]
    assert errors(db)["report.pdf"][0] == "corrupt_file"


# --- defect 3: junk loaded as a report ------------------------------------------------------

def test_defect3_random_bytes_named_doc_are_corrupt_file(db, tmp_path):
    (tmp_path / "random.doc").write_bytes(random.Random(3).randbytes(30000))
    assert ingest(tmp_path, "--db", db) == 1
    kind, message = errors(db)["random.doc"]
    assert kind == "corrupt_file" and "OLE2 signature" in message
    assert query(db, "SELECT COUNT(*) AS n FROM documents") == [{"n": 0}]


@pytest.mark.skipif(not (__import__("shutil").which("soffice") or __import__("shutil").which("libreoffice")),
                    reason="LibreOffice converts .doc files")
def test_defect3_ole2_junk_that_libreoffice_imports_as_text_is_corrupt_file(db, tmp_path):
    junk = random.Random(14).randbytes(30000)   # fixed: the same junk, and so the same outcome, every run
    (tmp_path / "ole2junk.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + junk)
    assert ingest(tmp_path, "--db", db) == 1
    kind, message = errors(db)["ole2junk.doc"]
    assert kind == "corrupt_file" and "not writing" in message


def test_defect3_text_with_no_vietnamese_words_is_not_a_report(tmp_path):
    path = tmp_path / "english.txt"
    path.write_text("The annual report on the scoring of the criteria shows that the unit completed its "
                    "tasks with a total of 95 points.\n" * 5, "utf-8")
    with pytest.raises(NotAReport) as exc:
        read(path)
    assert "Vietnamese syllables" in exc.value.reason


def test_defect3_random_bytes_named_txt_are_not_loaded(db, tmp_path):
    (tmp_path / "random.txt").write_bytes(random.Random(5).randbytes(50000))
    assert ingest(tmp_path, "--db", db) == 1
    assert errors(db)["random.txt"][0] in ("undecodable_text", "not_a_report")


# --- defect 4: one bad byte lost a whole text report ----------------------------------------

def test_defect4_one_flipped_byte_in_text_is_replaced_and_reported(db, tmp_path):
    data = REPORT.read_bytes()
    i = data.index("Nội dung 2".encode()) + 1          # inside the two-byte 'ộ'
    (tmp_path / "flipped.txt").write_bytes(data[:i] + b"\xff" + data[i + 1:])
    assert ingest(tmp_path, "--db", db) == 0
    (f,) = query(db, "SELECT message, char_start, char_end FROM v_findings WHERE kind = 'damaged_bytes_replaced'")
    # the flipped lead byte leaves its two continuation bytes undecodable too: one place, three bytes
    assert f["message"] == (f"3 byte ở 1 chỗ không phải UTF-8 và đã được thay bằng U+FFFD; vị trí byte: {i} · "
                            f"3 byte(s) in 1 place(s) are not UTF-8 and were replaced by U+FFFD; byte offset(s) {i}")
    text = query(db, "SELECT text FROM v_texts")[0]["text"]
    assert text[f["char_start"] - 1:f["char_end"] + 8] == "N\ufffd\ufffd\ufffdi dung 2"
    # offsets still index the text: every score's span holds its row
    for s in query(db, "SELECT criterion_id, char_start, char_end, label FROM v_scores WHERE label IS NOT NULL"):
        assert s["label"][:12] in text[s["char_start"]:s["char_end"]] or s["criterion_id"] == "dvcq"
    assert query(db, "SELECT COUNT(*) AS n FROM v_scores")[0]["n"] == 11


def test_defect4_one_flipped_byte_in_html_is_replaced_and_reported(db, tmp_path):
    data = make_hostile.good_html()
    i = data.index("Nội dung 2".encode()) + 1
    (tmp_path / "flipped.html").write_bytes(data[:i] + b"\xff" + data[i + 1:])
    assert ingest(tmp_path, "--db", db) == 0
    (f,) = query(db, "SELECT message FROM v_findings WHERE kind = 'damaged_bytes_replaced'")
    assert f["message"].endswith(f"byte offset(s) {i}")


def test_defect4_large_damage_is_undecodable_text_at_the_true_byte(tmp_path):
    data = bytearray(REPORT.read_bytes())
    first = data.index("Tiêu chí".encode()) + 4      # inside 'ê'
    for k in range(first, len(data), 40):
        data[k] = 0x81                                # not UTF-8, and undefined in Windows-1258
    path = tmp_path / "damaged.txt"
    path.write_bytes(bytes(data))
    with pytest.raises(UndecodableText) as exc:
        read(path)
    assert f"byte offset {first} (0x81)" in exc.value.reason


# --- defect 5: the smaller ones ----------------------------------------------------------------

def test_defect5_negative_max_mb_is_a_usage_error(db, capsys):
    assert main(["ingest", str(REPORT), "--db", db, "--max-mb", "-5"]) == 2
    err = capsys.readouterr().err
    assert err == "chamdiem ingest: --max-mb -5: the size limit must be positive\n"
    assert not os.path.exists(db)
    assert main(["ingest", str(REPORT), "--db", db, "--max-memory-mb", "50"]) == 2


def test_defect5_missing_input_path_is_named_on_stderr(db, tmp_path, capsys):
    missing = tmp_path / "no_such_folder"
    assert main(["ingest", str(missing), "--db", db, "--quiet"]) == 2   # a usage error: nothing is touched
    assert capsys.readouterr().err == f"chamdiem ingest: no such file or folder: {missing}\n"
    assert not os.path.exists(db)


def test_defect5_html_nested_100000_deep_keeps_its_text(tmp_path):
    path = tmp_path / "deep.html"
    path.write_text("<html><body><p>Mở đầu báo cáo tự chấm điểm</p>" + "<div>" * 100000 + "Nội dung sâu nhất của báo "
                    "cáo" + "</div>" * 100000 + "<p>Phần cuối của báo cáo</p></body></html>", "utf-8")
    doc = read(path)
    assert [doc.text[b.start:b.end] for b in doc.blocks] == ["Mở đầu báo cáo tự chấm điểm",
                                                             "Nội dung sâu nhất của báo cáo",
                                                             "Phần cuối của báo cáo"]


@pytest.mark.skipif(not HAS_FONT, reason="the DejaVu font (fonts-dejavu-core) writes the PDF")
def test_defect5_pdf_with_a_page_that_fails_to_load_is_corrupt_file_not_internal_error(db, tmp_path):
    pdf = make_hostile.good_pdf()
    import re
    count = re.search(rb"/Count (\d+)", pdf)
    damaged = pdf[:count.start()] + b"/Count " + str(int(count.group(1)) + 2).encode() + pdf[count.end():]
    path = tmp_path / "pages_missing.pdf"
    path.write_bytes(damaged)
    with pytest.raises(CorruptFile) as exc:
        read(path)
    assert "Failed to load page" in exc.value.reason
    assert ingest(path, "--db", db) == 1
    assert errors(db)["pages_missing.pdf"][0] == "corrupt_file"


def test_defect5_tags_removed_from_a_stored_label_are_recorded(db, tmp_path):
    text = REPORT.read_text("utf-8").replace("Tổ chức quán triệt, triển khai", "Tổ chức <b>quán triệt</b>, triển khai")
    (tmp_path / "tagged.txt").write_text(text, "utf-8")
    assert ingest(tmp_path, "--db", db) == 0
    (s,) = query(db, "SELECT label FROM v_scores WHERE criterion_id = 'dvcq.tc1.nd1'")
    assert "<b>" not in s["label"] and "quán triệt" in s["label"]
    found = query(db, "SELECT message FROM v_findings WHERE kind = 'label_markup_removed' AND criterion_id = "
                      "'dvcq.tc1.nd1'")
    assert len(found) == 1 and "<b> </b>" in found[0]["message"]


# --- typed errors everywhere ----------------------------------------------------------------

def test_every_error_kind_is_documented_in_the_contract():
    from chamdiem.model.errors import ERROR_KINDS
    contract = (pathlib.Path(__file__).resolve().parents[1] / "CONTRACT.md").read_text("utf-8")
    assert [k for k in ERROR_KINDS if f"| `{k}` |" not in contract] == []


def test_an_unexpected_exception_is_internal_error_naming_type_and_place():
    from chamdiem.pipeline.reading import describe_bug
    try:
        {}["missing"]
    except KeyError as exc:
        message = describe_bug(exc)
    assert message.startswith("KeyError: 'missing' at test_hostile_input.py:")
    try:
        raise MemoryError()
    except MemoryError as exc:
        assert describe_bug(exc).startswith("MemoryError at test_hostile_input.py:")
