"""A borderless score sheet in a PDF (a Word table with no borders, printed) with a paragraph of
running text right under it, closer than the gap that ends a sheet: the running text must not fill
the empty strips between the sheet's columns, or the columns run together into one. The fixtures
are written here with fpdf2 (DejaVu)."""
import pathlib

import pytest

from conftest import extract_file, scores_of
from renditions import FONT_DIR

pytestmark = pytest.mark.skipif(not pathlib.Path(FONT_DIR, "DejaVuSans.ttf").exists(),
                                reason="fonts-dejavu-core is needed to build PDF fixtures")

HEADER = ["STT", "Nội dung", "Điểm chuẩn", "Điểm thưởng", "Điểm tự chấm", "Điểm thưởng tự chấm"]
ROWS = [
    ["I", "Thi đua thực hiện kế hoạch phát triển kinh tế - xã hội, bảo đảm quốc phòng, an ninh",
     "650", "30", "628", "24"],
    ["II", "Thực hiện các chủ trương của Đảng, chính sách, pháp luật của Nhà nước; xây dựng tổ chức "
     "Đảng trong sạch, vững mạnh", "200", "10", "192", "8"],
    ["III", "Tổ chức thực hiện tốt các chủ trương, nhiệm vụ công tác thi đua, khen thưởng", "100", "10", "95", "7"],
    ["", "Tổng cộng", "950", "50", "915", "39"],
]
BELOW = ("Trên đây là kết quả tự chấm điểm thi đua năm 2023 của Văn phòng UBND tỉnh, kính gửi Trưởng "
         "Khối thi đua xem xét, tổng hợp.")


def _borderless_sheet_then_paragraph(path):
    from fpdf import FPDF
    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", "", f"{FONT_DIR}/DejaVuSans.ttf")
    pdf.set_font("DejaVu", size=10)
    pdf.add_page()
    pdf.multi_cell(0, 5, "Kết quả tự chấm điểm thi đua năm 2023 của Văn phòng UBND tỉnh như sau:",
                   new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    with pdf.table(borders_layout="NONE", col_widths=[12, 70, 20, 20, 20, 22], text_align="LEFT",
                   line_height=5, first_row_as_headings=False) as t:
        for row in [HEADER] + ROWS:
            r = t.row()
            for text in row:
                r.cell(text)
    pdf.ln(2)
    pdf.multi_cell(0, 5, BELOW, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))


def test_borderless_sheet_keeps_its_columns_with_running_text_close_below(tmp_path):
    path = tmp_path / "borderless_sheet_paragraph_close_below.pdf"
    _borderless_sheet_then_paragraph(path)
    doc = extract_file(path)
    got = scores_of(doc)
    # (max_points, self_score, authority_score, bonus_max, bonus_self)
    assert {k: got.get(k) for k in ("tdkt-tmth", "tdkt-tmth.nd1", "tdkt-tmth.nd2", "tdkt-tmth.nd3")} == {
        "tdkt-tmth": (950, 915, None, 50, 39),
        "tdkt-tmth.nd1": (650, 628, None, 30, 24),
        "tdkt-tmth.nd2": (200, 192, None, 10, 8),
        "tdkt-tmth.nd3": (100, 95, None, 10, 7),
    }
    sheet = next(t for t in doc.model.tables if any("Tổng cộng" in c.text for r in t.rows for c in r.cells))
    assert len(sheet.rows[0].cells) == 6
    assert not any("Trên đây" in c.text for r in sheet.rows for c in r.cells)


SOFFICE = __import__("shutil").which("soffice") or __import__("shutil").which("libreoffice")


def _word_borderless_sheet_then_paragraph(tmp_path):
    """The same sheet as Word lays out a table without borders in narrow score columns (the last
    header, 'Điểm thưởng tự chấm', wraps over three lines), the paragraph right under it, printed
    by LibreOffice."""
    import subprocess

    import docx
    from docx.shared import Cm
    d = docx.Document()
    d.add_paragraph("Kết quả tự chấm điểm thi đua năm 2023 của Văn phòng UBND tỉnh như sau:")
    table = d.add_table(rows=0, cols=6)   # python-docx's default table has no borders
    for row in [HEADER] + ROWS:
        cells = table.add_row().cells
        for cell, text in zip(cells, row):
            cell.text = text
    table.autofit = False
    for k, width in enumerate([1.2, 7.0, 2.0, 2.0, 2.0, 2.3]):
        table.columns[k].width = Cm(width)
        for cell in table.columns[k].cells:
            cell.width = Cm(width)
    d.add_paragraph(BELOW)
    src = tmp_path / "borderless_sheet_paragraph_close_below_word.docx"
    d.save(str(src))
    profile = tmp_path / "lo-profile"
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(src)], check=True, capture_output=True, timeout=180)
    return src.with_suffix(".pdf")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed (.ci/run installs libreoffice-writer-nogui)")
def test_word_borderless_sheet_printed_keeps_its_columns_with_running_text_close_below(tmp_path):
    doc = extract_file(_word_borderless_sheet_then_paragraph(tmp_path))
    got = scores_of(doc)
    assert {k: got.get(k) for k in ("tdkt-tmth", "tdkt-tmth.nd1", "tdkt-tmth.nd2", "tdkt-tmth.nd3")} == {
        "tdkt-tmth": (950, 915, None, 50, 39),
        "tdkt-tmth.nd1": (650, 628, None, 30, 24),
        "tdkt-tmth.nd2": (200, 192, None, 10, 8),
        "tdkt-tmth.nd3": (100, 95, None, 10, 7),
    }
