"""A borderless score sheet over three pages, its header repeated at the top of each, printed by
LibreOffice (tests/sheet_header_repeated_soffice.py): labels wrapped in their column run past the
centred header words on both sides, rows break across pages, the report's conclusion stands under
the sheet on its last page. Under the repeated header the rows were read as running text (the last
page's rows lost, the total's four scores in one cell) and a label's words carried over a page
break were joined to the next page's first row. The sheet's last section alone, on one page with
the conclusion under it, lost its rows the same way."""
import re

import pytest

import sheet_header_repeated_soffice as fixture
from conftest import extract_file, scores_of, soffice_doc, without_soffice

pytestmark = without_soffice(fixture)


@pytest.fixture(scope="module")
def doc(tmp_path_factory):
    return soffice_doc(tmp_path_factory, fixture, "sheet_header_repeated.pdf")


def _sheet(doc):
    return next(t for t in doc.model.tables if any(_text(r, 1) == fixture.HEADER[1] for r in t.rows))


def _text(row, col):
    cell = row.cell(col)
    return "" if cell is None else " ".join(cell.text.split())


def test_rows_under_a_repeated_header_keep_the_sheets_columns_on_every_page(doc):
    rows = _sheet(doc).rows
    headers = [r for r in rows if _text(r, 1) == fixture.HEADER[1]]
    assert [r.page for r in headers] == [1, 2, 3]   # one sheet, its header on each of three pages
    assert all([_text(r, j) for j in range(6)] == fixture.HEADER for r in headers)
    # every row with its number and four scores, in its own cells, page by page
    got: dict[int, list[list[str]]] = {}
    for r in rows:
        if r not in headers and (_text(r, 0) or _text(r, 2)):
            got.setdefault(r.page, []).append([_text(r, j) for j in (0, 2, 3, 4, 5)])
    assert sorted(got) == [1, 2, 3]
    want = [[c[0], *c[2:]] for c in (fixture.cells(*row) for row in fixture.ROWS)]
    assert [row for page in sorted(got) for row in got[page]] == want
    assert got[3][-1] == ["", "950", "936", "50", "42"]   # the total on the last page, its scores apart
    assert scores_of(doc) == fixture.expected()


def test_label_words_carried_over_a_page_break_end_the_row_above(doc):
    rows = _sheet(doc).rows
    cut = [k for k, r in enumerate(rows) if k and _text(rows[k - 1], 1) == fixture.HEADER[1] and r.page > 1]
    assert len(cut) == 2
    for k in cut:   # what the fixture is made to catch: under each repeated header, a label's end
        assert [c.col for c in rows[k].cells] == [1]
    labels = {o.criterion_id: " ".join(o.label.split()) for o in doc.observations}
    # every label whole, the words carried over a break included (a section's without 'NỘI DUNG k.')
    assert labels == {c: re.sub(r"^NỘI DUNG \d\. ", "", fixture.label(c, n)) for c, n, *_ in fixture.ROWS}


def test_labels_wider_than_centred_header_words_are_no_running_text(tmp_path):
    path = tmp_path / "one_page.pdf"
    fixture.write(path, fixture.ONE_PAGE)
    doc = extract_file(path)
    header, *rows = _sheet(doc).rows
    assert {r.page for r in rows} == {1}
    assert [[_text(r, j) for j in (0, 2, 3, 4, 5)] for r in rows] == [
        [c[0], *c[2:]] for c in (fixture.cells(*row) for row in fixture.ONE_PAGE)]
    assert scores_of(doc) == fixture.expected(fixture.ONE_PAGE)
    assert fixture.CONCLUSION.split(" và ")[0] in doc.model.text   # the conclusion stays running text
