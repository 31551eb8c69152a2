"""Writes the head of a report whose issuer block is long beside the national title and motto, as
a word processor lays the two out in a borderless table (Nghị định 30/2020: the issuer top left in
capitals, the motto top right) and prints it to PDF. Both columns full on a line leave a gap
narrower than the layout gap the PDF reader parts columns at ('BAN QUẢN LÝ CÁC KHU CÔNG NGHIỆP
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT'), and the motto, wrapped in its narrow column, is whole on no line
('… VIỆT' / 'NAM'): the issuer was read with the motto's words in it. Printed by LibreOffice (a DOCX
table) and by fpdf2 (a table of text columns). Each case knows the metadata it must give; the
units, wrappings and spellings are this file's own."""
from __future__ import annotations

from dataclasses import dataclass

from renditions import FONT_DIR
from unruled_soffice import SOFFICE, print_to_pdf

MOTTO = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]


@dataclass
class Case:
    name: str
    issuer_lines: list[str]    # the issuer block as its lines are typed (each may wrap in its cell)
    number: str
    date: str
    spelled: str | None        # how the body's first sentence writes the issuer (None: it does not)
    signature: list[str]       # the right-hand block at the foot
    expected: tuple            # (report_number, issuer, issued_on, signer)
    parents: int = 0           # the issuer block's first lines that name its parent authorities


CASES = [
    # the issuer over two lines, both beside the motto's two (its own wrapped onto 'NAM')
    Case("two_line_issuer_beside_wrapped_motto",
         ["BAN QUẢN LÝ CÁC KHU CÔNG NGHIỆP", "VÀ KHU KINH TẾ TỈNH"], "Số: 2107/BC-BQL",
         "Phú Yên, ngày 16 tháng 12 năm 2024", "Ban Quản lý các khu công nghiệp và khu kinh tế tỉnh",
         ["KT. TRƯỞNG BAN", "PHÓ TRƯỞNG BAN", "", "", "Lương Thị Bích Hạnh"],
         ("2107/BC-BQL", "Ban Quản lý các khu công nghiệp và khu kinh tế tỉnh", "2024-12-16", "Lương Thị Bích Hạnh")),
    # a parent authority, then the unit over two lines: three lines beside the motto's three
    Case("three_line_issuer_beside_wrapped_motto",
         ["ỦY BAN NHÂN DÂN TỈNH KHÁNH HÒA", "TRUNG TÂM XÚC TIẾN ĐẦU TƯ", "THƯƠNG MẠI VÀ DU LỊCH"],
         "Số: 318/BC-TTXT", "Nha Trang, ngày 09/12/2024",
         "Trung tâm Xúc tiến đầu tư thương mại và du lịch",
         ["GIÁM ĐỐC", "", "", "Mai Xuân Tùng"],
         ("318/BC-TTXT", "Trung tâm Xúc tiến đầu tư thương mại và du lịch", "2024-12-09", "Mai Xuân Tùng"), 1),
    # an issuer in capitals the body never spells (it abbreviates it): its case comes from the
    # catalog's names of bodies
    Case("issuer_in_capitals_the_text_abbreviates",
         ["ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM", "THÀNH PHỐ PHAN THIẾT"], "Số: 77/BC-MTTQ",
         "Phan Thiết, ngày 20 tháng 11 năm 2024", None,
         ["TM. BAN THƯỜNG TRỰC", "CHỦ TỊCH", "", "", "Đoàn Văn Lực"],
         ("77/BC-MTTQ", "Ủy ban Mặt trận Tổ quốc Việt Nam thành phố Phan Thiết", "2024-11-20", "Đoàn Văn Lực")),
    Case("delegation_issuer_in_capitals_beside_wrapped_motto",
         ["ĐOÀN ĐẠI BIỂU QUỐC HỘI", "TỈNH NINH THUẬN"], "Số: 41/BC-ĐĐBQH",
         "Ninh Thuận, ngày 03 tháng 12 năm 2024", None,
         ["TM. ĐOÀN ĐẠI BIỂU QUỐC HỘI", "PHÓ TRƯỞNG ĐOÀN", "", "", "Phạm Thị Hằng Nga"],
         ("41/BC-ĐĐBQH", "Đoàn đại biểu Quốc hội tỉnh Ninh Thuận", "2024-12-03", "Phạm Thị Hằng Nga")),
]
FORMATS = ("soffice", "fpdf")


def body(case: Case) -> list[str]:
    who = case.spelled or "Đơn vị"
    return ["BÁO CÁO", "Kết quả tự chấm điểm thi đua năm 2024",
            f"Căn cứ Kế hoạch số 05/KH-KTĐ ngày 10/01/2024 của Khối thi đua, {who} báo cáo kết quả "
            "thực hiện nhiệm vụ năm 2024 như sau.",
            "Đơn vị đã hoàn thành các nhiệm vụ được giao, không có cán bộ vi phạm kỷ luật."]


RECIPIENTS = ["Nơi nhận:", "- Khối thi đua;", "- Lưu: VT."]


def write(fmt: str, case: Case, path) -> None:
    {"soffice": _soffice, "fpdf": _fpdf}[fmt](case, path)


def _soffice(case: Case, path) -> None:
    """A DOCX whose head is a two-column borderless table, each line of a block a paragraph of its
    cell, centred, the issuer and the motto bold in 13 points: the motto wraps in its column."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    d = docx.Document()
    d.styles["Normal"].font.size = Pt(13)
    d.styles["Normal"].font.name = "Times New Roman"

    def table(left: list[str], right: list[str], widths: tuple[float, float], bold: int) -> None:
        t = d.add_table(rows=1, cols=2)
        t.autofit = False
        for c, (lines, width) in enumerate(zip((left, right), widths)):
            cell = t.cell(0, c)
            cell.width = Cm(width)
            for k, line in enumerate(lines):
                para = cell.paragraphs[0] if k == 0 else cell.add_paragraph()
                para.alignment = WD_ALIGN_PARAGRAPH.CENTER
                para.add_run(line).bold = k < bold or line.isupper()
    table(case.issuer_lines + ["———", case.number], MOTTO + [case.date], (8.8, 7.2), 0)
    for k, para in enumerate(body(case)):
        run = d.add_paragraph().add_run(para)
        run.bold = k == 0
    table(RECIPIENTS, case.signature, (8.0, 8.0), 0)
    print_to_pdf(d, path)


def _fpdf(case: Case, path) -> None:
    """The same head as fpdf2 writes a borderless table, its cells top-aligned, the columns (82 and
    78 mm) as narrow as the issuer's longest line and the motto's first words: the motto wraps."""
    from fpdf import FPDF
    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", "", f"{FONT_DIR}/DejaVuSans.ttf")
    pdf.set_font("DejaVu", size=11)
    pdf.add_page()

    def columns(left: list[str], right: list[str], widths: tuple[int, int]) -> None:
        with pdf.table(borders_layout="NONE", text_align="CENTER", v_align="TOP", line_height=5,
                       width=sum(widths), col_widths=widths, first_row_as_headings=False) as t:
            r = t.row()
            r.cell("\n".join(left))
            r.cell("\n".join(right))
    columns(case.issuer_lines + ["———", case.number], MOTTO + [case.date], (82, 78))
    pdf.ln(6)
    for para in body(case):
        pdf.multi_cell(0, 5, para, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    columns(RECIPIENTS, case.signature, (90, 90))
    pdf.output(str(path))


def available(fmt: str) -> str | None:
    """Why ``fmt`` cannot be written here (None: it can)."""
    import os
    if fmt == "soffice" and SOFFICE is None:
        return "LibreOffice is not installed (.ci/run installs libreoffice-writer-nogui)"
    if fmt == "fpdf" and not os.path.exists(f"{FONT_DIR}/DejaVuSans.ttf"):
        return f"the DejaVu font is not installed in {FONT_DIR} (Debian: fonts-dejavu-core)"
    return None
