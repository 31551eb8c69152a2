"""A score sheet of tab-aligned paragraphs, no table and no rules, printed by LibreOffice
(tests/sheet_tab_stops_two_row_header_soffice.py): group headers 'Điểm chuẩn' and 'Điểm tự chấm'
centred over 'Điểm | Thưởng' on the line right below. The boundary between a group's two
sub-columns was put in the middle of the numbers' gutter, which the sub-column's name 'Thưởng'
(wider than its numbers) runs into, so 'Điểm Thưởng' read as one header cell and every number
took the wrong role (the maxima as bonus maxima, the self scores as bonus self scores: 0 of the 35
rows right). The group header, a line away from its sub-columns' names, was not taken for one."""
import pytest

import sheet_tab_stops_two_row_header_soffice as fixture
from conftest import scores_of, soffice_doc, without_soffice

pytestmark = without_soffice(fixture)


@pytest.fixture(scope="module")
def doc(tmp_path_factory):
    return soffice_doc(tmp_path_factory, fixture, "tab_stops_two_row_header.pdf")


def _sheet(doc):
    return next(t for t in doc.model.tables if any(c.text == "Tiêu chí đánh giá" for c in t.rows[0].cells))


def _cells(row):
    return [(c.col, c.colspan, " ".join(c.text.split())) for c in row.cells]


def test_each_number_takes_the_sub_column_under_its_group_header(doc):
    assert doc.framework == "tdkt-tmth"
    assert scores_of(doc) == fixture.expected()


def test_sub_column_names_wider_than_their_numbers_keep_their_own_column(doc):
    first, second = _sheet(doc).rows[:2]
    # each group header one cell over its two sub-columns, the sub-columns' names apart below
    assert _cells(first) == [(0, 1, "TT"), (1, 1, "Tiêu chí đánh giá"), (2, 2, "Điểm chuẩn"), (4, 2, "Điểm tự chấm")]
    assert _cells(second) == [(2, 1, "Điểm"), (3, 1, "Thưởng"), (4, 1, "Điểm"), (5, 1, "Thưởng")]


def test_a_sub_items_two_numbers_stay_where_they_stand(doc):
    rows = {r.cells[0].text: r for r in _sheet(doc).rows if r.cells and r.cells[0].col == 0}
    # '1.1 … 100 100': the maximum and the self score, the bonus columns between and after empty
    assert [(c.col, c.text) for c in rows["1.1"].cells[2:]] == [(2, "100"), (4, "100")]
    total = next(r for r in _sheet(doc).rows if any(c.text == fixture.TOTAL for c in r.cells))
    assert [(c.col, c.text) for c in total.cells if c.col > 1] == [(2, "950"), (3, "50"), (4, "936"), (5, "42")]
