"""A ruled score sheet in a PDF whose last row, the total, is printed right under the rules without
any (a spreadsheet printed with its total row left unbordered): the row is the sheet's, its texts
in the grid's columns. The fixture is written here with fpdf2 (DejaVu)."""
import pathlib

import pytest

from conftest import extract_file, scores_of
from renditions import FONT_DIR

pytestmark = pytest.mark.skipif(not pathlib.Path(FONT_DIR, "DejaVuSans.ttf").exists(),
                                reason="fonts-dejavu-core is needed to build PDF fixtures")

NAMES = ["Công tác triển khai, quán triệt các văn bản", "Thực hiện nhiệm vụ chính trị",
         "Thực hiện công tác cải cách hành chính", "Phong trào thi đua Dân vận khéo",
         "Giải quyết đơn thư khiếu nại, tố cáo", "Đạo đức công vụ, văn hoá công sở",
         "Phối hợp với Mặt trận Tổ quốc", "Thực hiện quy chế dân chủ ở cơ sở",
         "Tiếp công dân, đối thoại với Nhân dân", "Chế độ thông tin, báo cáo"]
SELF = [8.5, 9, 8, 9, 8.5, 9, 8, 8.5, 8, 7.5]
WIDTHS = [10, 110, 25, 25]


def _ruled_sheet_unruled_total(path):
    from fpdf import FPDF
    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", "", f"{FONT_DIR}/DejaVuSans.ttf")
    pdf.set_font("DejaVu", size=10)
    pdf.add_page()
    pdf.multi_cell(0, 6, "KẾT QUẢ TỰ CHẤM ĐIỂM CÔNG TÁC DÂN VẬN CHÍNH QUYỀN NĂM 2025", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    with pdf.table(col_widths=WIDTHS, text_align="LEFT", line_height=6, first_row_as_headings=False) as t:
        for row in [["TT", "Tiêu chí", "Thang điểm", "Điểm tự chấm"]] + [
                [str(i + 1), NAMES[i], "10", str(SELF[i])] for i in range(10)]:
            r = t.row()
            for text in row:
                r.cell(text)
    for w, text in zip(WIDTHS, ["", "Tổng cộng", "100", "84"]):   # the total row: no borders
        pdf.cell(w * pdf.epw / sum(WIDTHS), 6, text, border=0)
    pdf.ln(10)
    pdf.multi_cell(0, 6, "Căn cứ Kế hoạch số 12/KH-UBND ngày 05/02/2025 của UBND huyện.", new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))


def test_total_row_printed_under_a_ruled_sheet_without_rules_is_its_last_row(tmp_path):
    path = tmp_path / "ruled_sheet_unruled_total_row.pdf"
    _ruled_sheet_unruled_total(path)
    doc = extract_file(path)
    got = scores_of(doc)
    assert got["dvcq"] == (100, 84, None, None, None)
    assert got["dvcq.tc10"] == (10, 7.5, None, None, None)
    total = next(o for o in doc.observations if o.criterion_id == "dvcq" and o.source == "table")
    row = next(r for t in doc.model.tables for r in t.rows if r.start == total.start)
    assert [(c.col, c.text) for c in row.cells] == [(1, "Tổng cộng"), (2, "100"), (3, "84")]
    assert not any("Căn cứ" in c.text for t in doc.model.tables for r in t.rows for c in r.cells)
