"""Justified paragraphs printed by LibreOffice (tests/justified_prose_soffice.py) whose lines with
few spaces and long words stretch a space as wide as a sheet's gutter. One stretched space parted
words naming score columns ('… thưởng 2 điểm): đơn vị' | 'tự chấm …'), and the lines under it,
with word spaces where that gap stood, were read as the rows of an unruled sheet: a tab inside a
sentence and words moved to another line. A line of two words spread across the page was read as
a layout table of one line ('đăng<tab>tại')."""
import pytest

import justified_prose_soffice as fixture
from conftest import soffice_doc, without_soffice

pytestmark = without_soffice(fixture)


@pytest.fixture(scope="module")
def doc(tmp_path_factory):
    return soffice_doc(tmp_path_factory, fixture, "justified_prose.pdf")


def test_stretched_spaces_of_justified_lines_part_no_columns(doc):
    text = doc.model.text
    assert "\t" not in text
    assert not doc.model.tables
    flat = " ".join(text.split())
    for paragraph in fixture.PARAGRAPHS:
        assert " ".join(paragraph.split()) in flat


def test_justified_lines_keep_one_line_each(doc):
    lines = doc.model.text.split("\n")
    # the line parted at a stretched space between words naming score columns, and the one below it
    assert any(line.startswith("luật (40 điểm, thưởng 2 điểm): đơn vị tự chấm đủ 40 điểm") for line in lines)
    assert any(line.startswith("thưởng 2 điểm; ban hành Văn bản số 4417/STP-") for line in lines)
    # two words spread across the page, the web address that did not fit after them below
    assert "đăng tại" in lines
