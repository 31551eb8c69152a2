"""Unruled sheets as fpdf2 prints them (tests/unruled_fpdf.py): cells centred on rows with no gap
between, numbering in front of labels of many lines, a header cell taller than its row, a blank
header over the self scores, a group per actor over sub-columns. Each once read in pieces."""
import pathlib

import pytest

import unruled_fpdf
from conftest import extract_file, scores_of
from renditions import FONT_DIR

pytestmark = pytest.mark.skipif(not pathlib.Path(FONT_DIR, "DejaVuSans.ttf").exists(),
                                reason="fonts-dejavu-core is needed to build PDF fixtures")


def _read(tmp_path, layout):
    out = tmp_path / f"{layout}.pdf"
    unruled_fpdf.write(layout, out)
    return extract_file(out)


def test_centred_rows_end_as_far_below_their_scores_as_they_began_above(tmp_path):
    doc = _read(tmp_path, "centred_long_labels_numbered_in_name")
    assert scores_of(doc) == unruled_fpdf.expected("centred_long_labels_numbered_in_name")
    nd1 = next(o for o in doc.observations if o.criterion_id == "dvcq.tc2.nd1")
    assert nd1.label.startswith("Ban hành văn bản triển khai")
    assert nd1.label.endswith("không để xảy ra vi phạm các quy định của Đảng và Nhà nước")


def test_header_cell_taller_than_its_row_is_a_column(tmp_path):
    doc = _read(tmp_path, "taller_header_cell_in_a_gap")
    assert scores_of(doc) == unruled_fpdf.expected("taller_header_cell_in_a_gap")
    header = doc.model.tables[0].rows[0]
    assert [c.text for c in header.cells] == ["Nội dung tiêu chí", "Thang điểm", "Điểm tự\nchấm", "Điểm thẩm định"]


def test_blank_header_column_shows_by_its_numbers(tmp_path):
    doc = _read(tmp_path, "blank_self_score_header")
    assert scores_of(doc) == unruled_fpdf.expected("blank_self_score_header")
    header = doc.model.tables[0].rows[0]
    assert [c.text for c in header.cells] == ["TT", "Nội dung tiêu chí", "", "Thang điểm", "Tài liệu kiểm chứng"]


def test_group_header_spans_its_sub_columns(tmp_path):
    doc = _read(tmp_path, "group_header_over_sub_columns")
    assert scores_of(doc) == unruled_fpdf.expected("group_header_over_sub_columns")
    groups, subs = doc.model.tables[0].rows[:2]
    assert [(c.col, c.colspan, c.text) for c in groups.cells] == [
        (0, 1, "TT"), (1, 1, "Nội dung tiêu chí"), (2, 2, "Điểm chuẩn"), (4, 2, "Đơn vị tự chấm")]
    assert [(c.col, c.text) for c in subs.cells] == [
        (2, "Điểm"), (3, "Điểm\nthưởng"), (4, "Điểm"), (5, "Điểm\nthưởng")]
