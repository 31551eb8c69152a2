"""The writing process of an ingest starts without the readers and extractors (its workers run
them, and the fork server's workers start warm from a small built-in report): regressions here put
their import time back on every one-file ingest."""
import subprocess
from importlib import resources
import sys

from chamdiem.pipeline.extract import extract_document
from chamdiem.pipeline.warm import warm_up
from chamdiem.readers.dispatch import read_checked


def test_writer_imports_no_reader_or_extractor():
    code = ("import sys, chamdiem.interfaces.cli, chamdiem.api, chamdiem.pipeline.ingest; "
            "print(sorted(m for m in sys.modules if m.startswith(('chamdiem.readers', 'chamdiem.pipeline.extract', "
            "'chamdiem.extractors.score', 'chamdiem.extractors.narrative', 'chamdiem.checks'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_warm_up_report_reads_as_a_report():
    """warm.py swallows errors so the fork server always starts; this says when the sample breaks."""
    warm_up()
    data = resources.files("chamdiem.catalogs").joinpath("warm_up_report.txt").read_bytes()
    report = extract_document(read_checked("warm_up_report.txt", data, ""))
    assert [(s.criterion_id.rsplit(".", 1)[-1], s.values["max_points"], s.values["self_score"])
            for s in report.scores] == [("dvcq", 100.0, 9.0), ("tc1", 10.0, 9.0)]
    assert [(c.doc_type, c.number, c.symbol, c.issued_on) for c in report.citations] == [
        ("Kế hoạch", "12", "KH-UBND", "2024-03-01"), ("Quyết định", "5", "QĐ-UBND", "2024-01-02")]
    # its unit is found in the first sentence, so the unit pattern is built in the server too
    assert (report.metadata.issuer, report.metadata.assessment_year) == ("Ủy ban nhân dân xã Mẫu", 2024)


def test_worker_sends_the_text_without_the_cells(tmp_path):
    """The writer stores the text and what was extracted: the cells' views stay in the worker
    (they were most of each pickled report the writer had to unpickle)."""
    from chamdiem.pipeline.reading import process_file
    path = tmp_path / "sheet.txt"
    data = resources.files("chamdiem.catalogs").joinpath("warm_up_report.txt").read_bytes()
    path.write_bytes(data)
    report = process_file(str(path)).doc
    assert (report.model.blocks, report.model.tables, report.model.text) == ([], [], data.decode("utf-8"))
    assert [(s.values["self_score"], report.model.text[s.start:s.end].split("\t")[1]) for s in report.scores] == [
        (9.0, "Tổng cộng"), (9.0, "Công tác lãnh đạo, chỉ đạo")]
