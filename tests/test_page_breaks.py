"""A sheet cut by page breaks is one table, and a row cut by one is one row, whatever marks the
break in a text export (a form feed, a marker line, a page number) and in DOCX."""
import pytest

from conftest import extract_file, findings_of, scores_of
from make_sheets import EXPECTED, write_docx_with_breaks, write_tsv_with_breaks

MARKERS = ["\f", "<!-- pagebreak -->", "--- Trang 2 ---", "- 2 -", "[Ngắt trang]", "Trang 2/3"]


@pytest.mark.parametrize("marker", MARKERS)
def test_text_export_table_cut_by_page_break_is_one_table(tmp_path, marker):
    path = tmp_path / "cut_by_page_break.txt"
    write_tsv_with_breaks(path, marker)
    doc = extract_file(path)
    assert len([t for t in doc.model.tables]) == 1
    assert scores_of(doc) == EXPECTED
    assert findings_of(doc) == []
    table = {o.criterion_id: o for o in doc.observations if o.source == "table"}
    assert table["dvcq.tc2.nd2"].label == "Thực hiện tốt công tác phòng, chống tham nhũng, lãng phí, thực hành tiết kiệm"
    assert table["dvcq.tc6.nd3"].label.endswith("thanh tra công vụ, Xử lý nghiêm những cán bộ vi phạm")
    assert len(table["dvcq.tc6.nd3"].spans) == 2


def test_text_export_cut_without_repeated_header(tmp_path):
    path = tmp_path / "cut_no_header.txt"
    write_tsv_with_breaks(path, "\f", repeat_header=False)
    assert scores_of(extract_file(path)) == EXPECTED


def test_explicit_page_break_markers_start_pages(tmp_path):
    path = tmp_path / "marker_pages.txt"
    write_tsv_with_breaks(path, "<!-- pagebreak -->")
    doc = extract_file(path)
    nd3 = next(o for o in doc.observations if o.criterion_id == "dvcq.tc6.nd3")
    assert doc.model.page_starts is not None and len(doc.model.page_starts) == 2
    assert nd3.page == 2 and doc.model.page_of(nd3.spans[-1][0]) == 3


def test_docx_rows_cut_by_page_break_are_one_row(tmp_path):
    path = tmp_path / "docx_cut_rows.docx"
    write_docx_with_breaks(path)
    doc = extract_file(path)
    assert scores_of(doc) == EXPECTED
    assert findings_of(doc) == []
