"""Unruled sheets as a word processor lays them out and LibreOffice prints them
(tests/unruled_soffice.py): glyph ink boxes, cells top-aligned and padded apart, labels wrapped
over many lines in a narrow column, a header left alone at a page's foot, rows cut by page
breaks. The first two were read in pieces (whole pages of scores lost); the rows cut by page
breaks guard the top-aligned rows' grouping."""
import pytest

import unruled_soffice
from conftest import extract_file, scores_of

pytestmark = pytest.mark.skipif(unruled_soffice.SOFFICE is None, reason=(
    "LibreOffice is not installed (.ci/run installs libreoffice-writer-nogui)"))


def _read(tmp_path, layout):
    out = tmp_path / f"{layout}.pdf"
    unruled_soffice.write(layout, out)
    return extract_file(out)


def test_header_alone_at_page_foot_carries_its_columns_to_the_next_page(tmp_path):
    doc = _read(tmp_path, "header_alone_at_page_foot")
    header, *body = [row for row in doc.model.tables[0].rows if any(c.text for c in row.cells)]
    assert (header.page, body[0].page) == (1, 2)   # what the fixture is made to catch
    assert [" ".join(c.text.split()) for c in header.cells] == unruled_soffice.HEADER
    assert scores_of(doc) == unruled_soffice.expected()


def test_blank_header_alone_at_page_foot_gets_its_column_from_the_next_page(tmp_path):
    doc = _read(tmp_path, "blank_header_alone_at_page_foot")
    header, *body = [row for row in doc.model.tables[0].rows if any(c.text for c in row.cells)]
    assert (header.page, body[0].page) == (1, 2)
    assert [" ".join(c.text.split()) for c in header.cells] == unruled_soffice.LAYOUTS[
        "blank_header_alone_at_page_foot"][2]
    assert scores_of(doc) == unruled_soffice.expected()


def test_rows_cut_by_page_breaks_keep_their_scores_and_labels(tmp_path):
    doc = _read(tmp_path, "rows_cut_by_page_breaks")
    assert len({row.page for row in doc.model.tables[0].rows}) >= 2
    assert scores_of(doc) == unruled_soffice.expected()
    nd1 = next(o for o in doc.observations if o.criterion_id == "dvcq.tc2.nd1")
    assert nd1.label.startswith("Ban hành văn bản triển khai")
    assert nd1.label.endswith("không để xảy ra vi phạm các quy định của Đảng và Nhà nước")
