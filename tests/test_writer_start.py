"""The writing process of an ingest starts without the readers and extractors (its workers run
them, forked from a server that imported them and read a small built-in report): regressions
here put their import time back on every one-file ingest."""
import subprocess
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
    from importlib import resources
    data = resources.files("chamdiem.catalogs").joinpath("warm_up_report.txt").read_bytes()
    report = extract_document(read_checked("warm_up_report.txt", data, ""))
    assert [(s.criterion_id.rsplit(".", 1)[-1], s.values["max_points"], s.values["self_score"])
            for s in report.scores] == [(report.framework, 100.0, 9.0), ("1", 10.0, 9.0)]
    assert [(c.doc_type, c.number, c.symbol, c.issued_on) for c in report.citations] == [
        ("Kế hoạch", "12", "KH-UBND", "2024-03-01"), ("Quyết định", "5", "QĐ-UBND", "2024-01-02")]
    # its unit is found in the first sentence, so the unit pattern is built in the server too
    assert (report.metadata.issuer, report.metadata.assessment_year) == ("Ủy ban nhân dân xã Mẫu", 2024)
