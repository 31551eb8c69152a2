"""A borderless score sheet printed by LibreOffice right under the report's running text
(tests/sheet_under_paragraph_soffice.py): a justified paragraph whose lines hold x/y scores and a
heading stand just above its three-line header; a row's label is cut by the page break; rows of
sub-items leave their bonus cells empty. The paragraph and the heading were read as the header's
first lines (its columns lost, no score read), and the cut label's end went to the next row."""
import pytest

import sheet_under_paragraph_soffice as fixture
from conftest import scores_of, soffice_doc, without_soffice

pytestmark = without_soffice(fixture)


@pytest.fixture(scope="module")
def doc(tmp_path_factory):
    return soffice_doc(tmp_path_factory, fixture, "sheet_under_paragraph.pdf")


def _sheet(doc):
    return next(t for t in doc.model.tables if any("TỔNG CỘNG" in c.text for r in t.rows for c in r.cells))


def test_paragraph_and_heading_above_a_borderless_sheet_stay_out_of_its_header(doc):
    header = _sheet(doc).rows[0]
    assert [" ".join(c.text.split()) for c in header.cells] == fixture.HEADER
    blocks = [doc.model.text[b.start:b.end] for b in doc.model.blocks]
    assert fixture.HEADING in blocks
    assert scores_of(doc) == fixture.expected()


def test_label_cut_by_a_page_break_ends_its_own_row(doc):
    rows = _sheet(doc).rows
    cut = next(k for k, r in enumerate(rows) if r.page == 2 and any(c.text for c in r.cells))
    assert [c.col for c in rows[cut].cells] == [1]   # a label's end alone: what the fixture is made to catch
    assert rows[cut + 1].cell(0).text == "1.1"
    labels = {o.criterion_id: o.label for o in doc.observations}
    from chamdiem.normalizers.framework_catalog import frameworks
    items = frameworks()["tdkt-tmth"].items
    assert labels["tdkt-tmth.nd1.1"] == items["tdkt-tmth.nd1.1"].text
    assert labels["tdkt-tmth.nd1.1.1"] == items["tdkt-tmth.nd1.1.1"].text


def test_empty_bonus_cells_leave_values_under_their_columns(doc):
    row = next(r for r in _sheet(doc).rows if r.cell(0) is not None and r.cell(0).text == "1.1")
    assert {c.col: c.text for c in row.cells if c.col != 1} == {0: "1.1", 2: "100", 4: "99"}
