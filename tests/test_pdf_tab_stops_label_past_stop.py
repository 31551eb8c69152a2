"""A score sheet of tab-aligned paragraphs, no table and no rules, printed by LibreOffice
(tests/sheet_tab_stops_label_past_stop_soffice.py): 'Mục | Tiêu chí / nội dung | Tối đa | Tự chấm
| Thẩm định', the numbers at right-aligned tab stops. A label nearly as long as its column ends
under the criteria's two-digit maxima ('10' starts left of '3' at the same stop), so no strip was
empty between the labels and the maxima: the boundary was put inside the labels and the sheet
ended at the first row that crossed it (2 of the 10 rows read). A criterion's label longer still
passes the maxima's stop, and its tab goes to the next one: its maximum stands under 'Tự chấm',
its self score under 'Thẩm định'; read where they stand, the row lost its maximum and took the
appraisal's column."""
import pytest

import sheet_tab_stops_label_past_stop_soffice as fixture
from conftest import scores_of, soffice_doc, without_soffice

pytestmark = without_soffice(fixture)


@pytest.fixture(scope="module")
def doc(tmp_path_factory):
    return soffice_doc(tmp_path_factory, fixture, "tab_stops_label_past_stop.pdf")


def _sheet(doc):
    return next(t for t in doc.model.tables if any(c.text == "Tiêu chí / nội dung" for c in t.rows[0].cells))


def _cells(row):
    return [(c.col, " ".join(c.text.split())) for c in row.cells]


def test_every_row_is_read_though_labels_run_under_other_rows_numbers(doc):
    assert doc.framework == "dvcq"
    assert scores_of(doc) == fixture.expected()


def test_header_words_keep_their_columns(doc):
    assert _cells(_sheet(doc).rows[0]) == [(0, "Mục"), (1, "Tiêu chí / nội dung"), (2, "Tối đa"),
                                           (3, "Tự chấm"), (4, "Thẩm định")]


def test_a_label_past_the_maximas_stop_gives_its_numbers_back_to_their_columns(doc):
    rows = {r.cells[0].text: r for r in _sheet(doc).rows if r.cells and r.cells[0].col == 0}
    # 'TC6 Thực hiện quy định về đạo đức công vụ, văn hoá' runs past 'Tối đa': '10' under 'Tự chấm',
    # '9,5' under 'Thẩm định' as printed, the maximum and the self score as written
    assert _cells(rows["TC6"]) == [(0, "TC6"), (1, "Thực hiện quy định về đạo đức công vụ, văn hoá"),
                                   (2, "10"), (3, "9,5")]
    # '2.2 …' ends under the criteria's '10', left of its own '3'
    assert _cells(rows["2.2"]) == [(0, "2.2"), (1, "Thực hiện tốt công tác phòng, chống tham nhũng"),
                                   (2, "3"), (3, "2")]
