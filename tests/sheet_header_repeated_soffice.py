"""Writes a borderless score sheet that runs over three pages, its header row repeated at the top of
each (a DOCX table without borders whose first row is marked to repeat, printed to PDF by
LibreOffice). The header's words are centred in their cells, so a label wrapped in its column runs
further left and further right than the words 'Nội dung chấm điểm' over it; rows may break across
pages, so a label's last words go on at the top of the next page under the repeated header; the
report's conclusion and signature stand under the sheet on its last page. Under a repeated
header, with running text lower on the page, the labels were taken for running text (the rows read
as narrative lines, the total's scores in one cell), and a label's words carried over the break
joined the next page's first row; a sheet of one page with the conclusion under it lost its rows
the same way. Wordings are the tdkt-tmth framework's item texts; values are this file's own."""
from __future__ import annotations

from unruled_soffice import SOFFICE, print_to_pdf  # (SOFFICE: the tests skip without it)

HEADER = ["Số TT", "Nội dung chấm điểm", "Điểm chuẩn", "Điểm tự chấm", "Điểm thưởng chuẩn",
          "Điểm thưởng tự chấm"]
FILLER = ("Trong năm, cơ quan đã bám sát chương trình công tác của Ủy ban nhân dân tỉnh, chủ động tham mưu "
          "các văn bản chỉ đạo, điều hành và tổ chức thực hiện đúng tiến độ các nhiệm vụ được giao.")
CONCLUSION = ("Cơ quan tự đánh giá hoàn thành tốt nhiệm vụ năm 2024 và đề nghị Khối thi đua xem xét, "
              "bình xét theo quy định.")
SIGNER = "Trần Văn Minh"
FILLER_PARAGRAPHS = 1
LABEL_WORDS = 14   # the first words of an item text: a label of two or three lines

# (criterion, number cell, max, self, bonus max, bonus self); None: the cell is left empty
ROWS = [
    ("tdkt-tmth.nd1", "A", 650, 641, 30, 25),
    ("tdkt-tmth.nd1.1", "1", 400, 394, 20, 16),
    ("tdkt-tmth.nd1.1.1", "1.1", 100, 100, None, None),
    ("tdkt-tmth.nd1.1.2", "1.2", 50, 46, None, None),
    ("tdkt-tmth.nd1.1.3", "1.3", 250, 248, None, None),
    ("tdkt-tmth.nd1.2", "2", 50, 49, 2, 2),
    ("tdkt-tmth.nd1.2.1", "2.1", 15, 15, None, None),
    ("tdkt-tmth.nd1.2.2", "2.2", 10, 9, None, None),
    ("tdkt-tmth.nd1.2.3", "2.3", 10, 10, None, None),
    ("tdkt-tmth.nd1.2.4", "2.4", 15, 15, None, None),
    ("tdkt-tmth.nd1.3", "3", 50, 50, 2, 2),
    ("tdkt-tmth.nd1.3.1", "3.1", 30, 30, None, None),
    ("tdkt-tmth.nd1.3.2", "3.2", 20, 20, None, None),
    ("tdkt-tmth.nd1.4", "4", 50, 50, 2, 1),
    ("tdkt-tmth.nd1.5", "5", 50, 48, 2, 2),
    ("tdkt-tmth.nd1.6", "6", 50, 50, 2, 2),
    ("tdkt-tmth.nd2", "B", 200, 198, 10, 9),
    ("tdkt-tmth.nd2.1", "1", 20, 20, 1, 1),
    ("tdkt-tmth.nd2.2", "2", 20, 20, 1, 1),
    ("tdkt-tmth.nd2.3", "3", 20, 19, 1, 1),
    ("tdkt-tmth.nd2.4", "4", 20, 20, 1, 1),
    ("tdkt-tmth.nd2.5", "5", 20, 20, 1, 0),
    ("tdkt-tmth.nd2.6", "6", 20, 20, 2, 2),
    ("tdkt-tmth.nd2.7", "7", 60, 59, 2, 2),
    ("tdkt-tmth.nd2.8", "8", 20, 20, 1, 1),
    ("tdkt-tmth.nd3", "C", 100, 97, 10, 8),
    ("tdkt-tmth.nd3.1", "1", 20, 20, 2, 2),
    ("tdkt-tmth.nd3.2", "2", 20, 19, 2, 1),
    ("tdkt-tmth.nd3.3", "3", 10, 10, 1, 1),
    ("tdkt-tmth.nd3.4", "4", 10, 8, 1, 0),
    ("tdkt-tmth.nd3.5", "5", 10, 10, 1, 1),
    ("tdkt-tmth.nd3.6", "6", 10, 10, 1, 1),
    ("tdkt-tmth.nd3.7", "7", 10, 10, 1, 1),
    ("tdkt-tmth.nd3.8", "8", 10, 10, 1, 1),
    ("tdkt-tmth", "", 950, 936, 50, 42),
]


def _num(value) -> str:
    return "" if value is None else f"{value:g}"


def label(criterion: str, number: str) -> str:
    """The label cell's text: the framework's item text cut short, as sheets print it (a section's in
    capitals)."""
    from chamdiem.normalizers.framework_catalog import frameworks
    if criterion == "tdkt-tmth":
        return "Tổng cộng (A + B + C)"
    text = " ".join(frameworks()["tdkt-tmth"].items[criterion].text.split()[:LABEL_WORDS]).rstrip(",;:")
    return f"NỘI DUNG {'ABC'.index(number) + 1}. {text.upper()}" if number in ("A", "B", "C") else text


def cells(criterion: str, number: str, mx, sf, bmx, bsf) -> list[str]:
    return [number, label(criterion, number), _num(mx), _num(sf), _num(bmx), _num(bsf)]


# the sheet's last section and its total alone: one page, the conclusion under it
ONE_PAGE = ROWS[25:]


def expected(rows: list[tuple] = ROWS) -> dict[str, tuple]:
    """The score fields each criterion reads: (max, self, authority, bonus max, bonus self)."""
    return {c: (mx, sf, None, bmx, bsf) for c, _, mx, sf, bmx, bsf in rows}


def write(path, rows: list[tuple] = ROWS) -> None:
    """The report as a PDF at ``path`` (a .pdf), through a DOCX LibreOffice prints: the sheet of
    ``rows`` (ROWS: three pages; ONE_PAGE: one)."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    d = docx.Document()
    section = d.sections[0]   # an A4 page with an administrative document's margins
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin, section.right_margin = Cm(3), Cm(2)
    d.styles["Normal"].font.name = "Times New Roman"
    d.styles["Normal"].font.size = Pt(12)
    d.add_paragraph().add_run("BÁO CÁO TỰ CHẤM ĐIỂM THI ĐUA NĂM 2024").bold = True
    for _ in range(FILLER_PARAGRAPHS):
        paragraph = d.add_paragraph(FILLER)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        paragraph.paragraph_format.first_line_indent = Cm(1)
    table = d.add_table(rows=1 + len(rows), cols=len(HEADER))
    table.autofit = False
    widths = [Cm(1.2), Cm(7.0), Cm(1.8), Cm(1.8), Cm(2.0), Cm(2.2)]
    for column, width in zip(table.columns, widths):
        column.width = width
    for r, row in enumerate([HEADER] + [cells(*row) for row in rows]):
        for c, text in enumerate(row):
            cell = table.cell(r, c)
            cell.width = widths[c]
            cell.text = text
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.space_before = paragraph.paragraph_format.space_after = Pt(0)
                if r == 0 or c != 1:   # header words and numbers centred, labels flush left
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    repeat = OxmlElement("w:tblHeader")   # the header row printed again at the top of each page
    repeat.set(qn("w:val"), "true")
    table.rows[0]._tr.get_or_add_trPr().append(repeat)
    paragraph = d.add_paragraph(CONCLUSION)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    paragraph.paragraph_format.first_line_indent = Cm(1)
    signature = d.add_paragraph()
    signature.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    signature.add_run("THỦ TRƯỞNG CƠ QUAN\n\n\n" + SIGNER).bold = True
    print_to_pdf(d, path)
