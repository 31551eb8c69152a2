"""PDF text-layer quirks: a line-end hyphen reported as a non-character (U+FFFE by pdfium, U+0002 by
producers whose ToUnicode maps the hyphen there) goes on with its word; a document number wrapped
in a narrow cell is one citation with its date; letters spread by character spacing are one word."""
import pathlib
import re

import pytest

from conftest import extract_file, scores_of
from renditions import FONT_DIR

pytestmark = pytest.mark.skipif(not pathlib.Path(FONT_DIR, "DejaVuSans.ttf").exists(),
                                reason="fonts-dejavu-core is needed to build PDF fixtures")
N = None


def _pdf(compress=True):
    from fpdf import FPDF
    pdf = FPDF()
    pdf.set_compression(compress)
    pdf.add_font("DejaVu", "", f"{FONT_DIR}/DejaVuSans.ttf")
    pdf.add_font("DejaVu", "B", f"{FONT_DIR}/DejaVuSans-Bold.ttf")
    pdf.set_font("DejaVu", size=9)
    pdf.add_page()
    return pdf


def _sheet_with_narrow_evidence_cells(path):
    pdf = _pdf()
    pdf.multi_cell(0, 5, "BÁO CÁO KẾT QUẢ THỰC HIỆN CÔNG TÁC DÂN VẬN CHÍNH QUYỀN NĂM 2024")
    with pdf.table(col_widths=[10, 80, 18, 18, 30], text_align="LEFT", line_height=4.5) as t:
        for row in [["TT", "Nội dung", "Điểm tối đa", "Điểm tự chấm", "Tài liệu kiểm chứng"],
                    ["1", "Công tác triển khai, quán triệt các văn bản lãnh đạo, chỉ đạo", "10", "9",
                     "Kế hoạch số 45/KH-\nSNV ngày 12/3/2024"],
                    ["2", "Thực hiện nhiệm vụ chính trị", "10", "8,5", "Công văn số 118/UBND-\nNC ngày 05/4/2024"]]:
            r = t.row()
            for v in row:
                r.cell(v)
    pdf.output(str(path))


def test_document_number_wrapped_in_a_narrow_cell_is_one_citation(tmp_path):
    path = tmp_path / "narrow_cells.pdf"
    _sheet_with_narrow_evidence_cells(path)
    doc = extract_file(path)
    assert scores_of(doc) == {"dvcq.tc1": (10, 9, N, N, N), "dvcq.tc2": (10, 8.5, N, N, N)}
    got = [(c.number, c.symbol, c.issued_on, c.criterion_id) for c in doc.citations]
    assert got == [("45", "KH-SNV", "2024-03-12", "dvcq.tc1"), ("118", "UBND-NC", "2024-04-05", "dvcq.tc2")]
    for c in doc.citations:
        assert doc.model.text[c.start:c.end] == c.text


def test_hyphen_reported_as_u0002_joins_the_word_and_keeps_codes(tmp_path):
    pdf = _pdf(compress=False)
    pdf.multi_cell(0, 5, "Đơn vị đã triển khai thực hiện nghi-\nêm túc Kế hoạch số 45/KH-SNV ngày 12/3/2024 "
                         "và Công văn số 77/SNV-\nTCBC ngày 02/5/2024.")
    path = tmp_path / "hyphen_u0002.pdf"
    pdf.output(str(path))
    # the producer's ToUnicode maps the hyphen glyph to U+0002 (same length: offsets stay valid)
    data = re.sub(rb"(<[0-9A-F]{4}> )<002D>", rb"\1<0002>", path.read_bytes())
    path.write_bytes(data)
    doc = extract_file(path)
    assert "thực hiện nghiêm túc Kế hoạch số 45/KH-SNV" in doc.model.text
    got = [(c.number, c.symbol, c.issued_on) for c in doc.citations]
    assert got == [("45", "KH-SNV", "2024-03-12"), ("77", "SNV-TCBC", "2024-05-02")]


def test_pdfium_line_end_hyphen_u_fffe_joins_the_word(tmp_path):
    pdf = _pdf()
    pdf.multi_cell(0, 5, "Cán bộ, công chức chấp hành nghi-\nêm túc nội quy cơ quan.")
    path = tmp_path / "hyphen_fffe.pdf"
    pdf.output(str(path))
    doc = extract_file(path)
    assert doc.model.text == "Cán bộ, công chức chấp hành nghiêm túc nội quy cơ quan.\n"


def test_letters_spread_by_character_spacing_are_one_word(tmp_path):
    pdf = _pdf()
    for spacing in (0, 3, 5):
        pdf.set_char_spacing(spacing)
        pdf.cell(0, 7, "Thực hiện Kế hoạch số 52/KH-UBND ngày 20/3/2024 của UBND tỉnh", new_x="LMARGIN", new_y="NEXT")
    path = tmp_path / "spaced_letters.pdf"
    pdf.output(str(path))
    doc = extract_file(path)
    assert doc.model.text.split("\n")[:3] == ["Thực hiện Kế hoạch số 52/KH-UBND ngày 20/3/2024 của UBND tỉnh"] * 3
    assert [(c.number, c.symbol, c.issued_on) for c in doc.citations] == [("52", "KH-UBND", "2024-03-20")] * 3
    for c in doc.citations:
        assert doc.model.text[c.start:c.end] == c.text
