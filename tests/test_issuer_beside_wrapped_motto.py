"""An issuer block long beside the national title and motto (tests/issuer_beside_wrapped_motto.py),
printed to PDF by LibreOffice and by fpdf2: on the lines where both columns are full the gap between
them is narrower than a layout gap, and the motto, wrapped, is whole on no line. The line is parted
where the head's columns stand, so the issuer is its own words (not 'Đoàn Đại Biểu Quốc Hội Cộng
Hòa xã Hội Chủ …'), and a name the text does not spell is written as the catalog writes bodies'
names."""
import pytest

import issuer_beside_wrapped_motto as fixture
from conftest import extract_file

from chamdiem.lexicon.text import squash


@pytest.mark.parametrize("fmt", fixture.FORMATS)
@pytest.mark.parametrize("case", fixture.CASES, ids=[c.name for c in fixture.CASES])
def test_issuer_beside_a_wrapped_motto_is_its_own_words(case, fmt, tmp_path):
    why = fixture.available(fmt)
    if why:
        pytest.skip(why)
    path = tmp_path / f"{case.name}_{fmt}.pdf"
    fixture.write(fmt, case, path)
    doc = extract_file(path)
    md, text = doc.metadata, doc.model.text
    assert (md.report_number, md.issuer, md.issued_on, md.signer) == case.expected
    # the issuer's span is the unit's lines in the header, and no word of the motto
    assert squash(text[slice(*md.spans["issuer"])]) == " ".join(case.issuer_lines[case.parents:])
    assert text[slice(*md.spans["signer"])] == md.signer


def test_the_heads_first_line_is_parted_into_the_issuer_and_the_motto(tmp_path):
    """The reader itself: the first line ('BAN QUẢN LÝ CÁC KHU CÔNG NGHIỆP' beside 'CỘNG HÒA XÃ HỘI
    CHỦ NGHĨA VIỆT', 25 points apart) is the first line of each of the head's two cells (the
    number's line, beside the date's, is a row of its own)."""
    why = fixture.available("fpdf")
    if why:
        pytest.skip(why)
    case = fixture.CASES[0]
    path = tmp_path / "head.pdf"
    fixture.write("fpdf", case, path)
    head = extract_file(path).model.tables[0].rows[0].cells
    assert [c.text.split("\n") for c in head] == [
        case.issuer_lines + ["———"], ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT", "NAM", fixture.MOTTO[1]]]
