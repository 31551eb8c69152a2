"""Writes a borderless score sheet (a DOCX table without borders, printed to PDF by LibreOffice)
that stands right under the report's running text: a justified paragraph whose lines hold x/y
scores ('Nội dung 2 đạt 199,5/200 điểm'), then a heading line, then the sheet's three-line header
(TT | Nội dung chấm điểm | Điểm chuẩn | Điểm thưởng tối đa | Tự chấm | Thưởng tự chấm), its total
row first. Rows of sub-items leave both bonus cells empty, and enough paragraphs stand above the
sheet for a row's label to be cut by the page break (the row goes on at the top of the next page
with no number and no scores). Each of the three was read wrong once: the paragraph and the
heading taken as the header's first lines (the header's columns lost), the cut label's end joined
to the next row (its number lost), values of rows with empty cells packed to the left. Wordings
are the tdkt-tmth framework's item texts; values are this file's own."""
from __future__ import annotations

from unruled_soffice import SOFFICE, print_to_pdf  # (SOFFICE: the tests skip without it)

HEADER = ["TT", "Nội dung chấm điểm", "Điểm chuẩn", "Điểm thưởng tối đa", "Tự chấm", "Thưởng tự chấm"]
FILLER = ("Trong năm, cơ quan đã bám sát chương trình công tác của Ủy ban nhân dân tỉnh, chủ động tham mưu "
          "các văn bản chỉ đạo, điều hành và tổ chức thực hiện đúng tiến độ các nhiệm vụ được giao.")
# the paragraph right above the heading: its lines run the text's width and hold x/y scores
SUMMARY = ("Tổng hợp kết quả: Nội dung 1 tự chấm 644,5/650 điểm, điểm thưởng 27/30; Nội dung 2 đạt "
           "199,5/200 điểm, thưởng 10/10; Nội dung 3 đạt 99,5/100 điểm, thưởng 8/10.")
HEADING = "II. BẢNG TỰ CHẤM ĐIỂM"
FILLER_PARAGRAPHS = 4

# (criterion, number cell, max, bonus max, self, bonus self); None: the cell is left empty
ROWS = [
    ("tdkt-tmth", "", 950, 50, 943.5, 45),
    ("tdkt-tmth.nd1", "I", 650, 30, 644.5, 27),
    ("tdkt-tmth.nd1.1", "1", 400, 20, 396, 18),
    ("tdkt-tmth.nd1.1.1", "1.1", 100, None, 99, None),
    ("tdkt-tmth.nd1.1.2", "1.2", 50, None, 50, None),
    ("tdkt-tmth.nd1.1.3", "1.3", 250, None, 247, None),
    ("tdkt-tmth.nd1.2", "2", 50, 2, 49, 2),
    ("tdkt-tmth.nd1.3", "3", 50, 2, 50, 1),
    ("tdkt-tmth.nd1.4", "4", 50, 2, 49.5, 2),
    ("tdkt-tmth.nd1.5", "5", 50, 2, 50, 2),
    ("tdkt-tmth.nd1.6", "6", 50, 2, 50, 2),
    ("tdkt-tmth.nd2", "II", 200, 10, 199.5, 10),
    ("tdkt-tmth.nd2.1", "1", 20, 1, 20, 1),
    ("tdkt-tmth.nd2.2", "2", 20, 1, 20, 1),
    ("tdkt-tmth.nd2.3", "3", 20, 1, 20, 1),
    ("tdkt-tmth.nd2.4", "4", 20, 1, 19.5, 1),
    ("tdkt-tmth.nd2.5", "5", 20, 1, 20, 1),
    ("tdkt-tmth.nd2.6", "6", 20, 2, 20, 2),
    ("tdkt-tmth.nd2.7", "7", 60, 2, 60, 2),
    ("tdkt-tmth.nd2.8", "8", 20, 1, 20, 1),
    ("tdkt-tmth.nd3", "III", 100, 10, 99.5, 8),
]


def _num(value) -> str:
    if value is None:
        return ""
    return f"{value:g}".replace(".", ",")


def _label(criterion: str, number: str) -> str:
    from chamdiem.normalizers.framework_catalog import frameworks
    if criterion == "tdkt-tmth":
        return "TỔNG CỘNG (I + II + III)"
    text = frameworks()["tdkt-tmth"].items[criterion].text
    return f"Nội dung {len(number)}: {text}" if number in ("I", "II", "III") else text


def expected() -> dict[str, tuple]:
    """The score fields each criterion reads: (max, self, authority, bonus max, bonus self)."""
    return {c: (mx, sf, None, bmx, bsf) for c, _, mx, bmx, sf, bsf in ROWS}


def write(path) -> None:
    """The report as a PDF at ``path`` (a .pdf), through a DOCX LibreOffice prints."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    d = docx.Document()
    section = d.sections[0]   # an A4 page with an administrative document's margins
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin, section.right_margin = Cm(3), Cm(1.8)
    d.styles["Normal"].font.name = "Times New Roman"
    d.styles["Normal"].font.size = Pt(13)
    d.add_paragraph().add_run("BÁO CÁO TỰ CHẤM ĐIỂM THI ĐUA").bold = True
    for text in [FILLER] * FILLER_PARAGRAPHS + [SUMMARY]:
        paragraph = d.add_paragraph(text)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        paragraph.paragraph_format.first_line_indent = Cm(1)
    d.add_paragraph().add_run(HEADING).bold = True
    table = d.add_table(rows=1 + len(ROWS), cols=len(HEADER))
    table.autofit = False
    widths = [Cm(1.2), Cm(5.8), Cm(2.3), Cm(2.3), Cm(2.0), Cm(2.4)]
    for column, width in zip(table.columns, widths):
        column.width = width
    for r, row in enumerate([HEADER] + [[n, _label(c, n), _num(mx), _num(bmx), _num(sf), _num(bsf)]
                                        for c, n, mx, bmx, sf, bsf in ROWS]):
        for c, text in enumerate(row):
            cell = table.cell(r, c)
            cell.width = widths[c]
            cell.text = text
            for paragraph in cell.paragraphs:   # rows set close, as many units' sheets: no padding between
                paragraph.paragraph_format.space_before = paragraph.paragraph_format.space_after = Pt(0)
    print_to_pdf(d, path)
