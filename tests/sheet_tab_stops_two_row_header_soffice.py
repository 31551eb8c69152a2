"""Writes a score sheet with no table at all: tab-aligned paragraphs on a landscape page, printed to
PDF by LibreOffice. Its header takes two lines, each a paragraph of its own set a line apart: group
headers ('Điểm chuẩn', 'Điểm tự chấm') centred on a tab stop over two sub-columns each, named on the
line below ('Điểm', 'Thưởng') at the right-aligned stops the numbers keep. Sub-items leave both
bonus columns empty, so their line reads '1.1 … 100 100': only where a number stands says which
column it is in. The sub-columns' names are wider than their numbers, and the group header's
words run over both sub-columns. Wordings are the tdkt-tmth framework's item texts (cut short);
values are this repository's test data (sheet_header_repeated_soffice.ROWS)."""
from __future__ import annotations

from sheet_header_repeated_soffice import ROWS, _num
from unruled_soffice import SOFFICE, print_to_pdf  # (SOFFICE: the tests skip without it)

GROUPS = ("Điểm chuẩn", "Điểm tự chấm")
SUBS = ("Điểm", "Thưởng")
TOTAL = "TỔNG CỘNG"
CLOSING = "Đơn vị kính đề nghị Khối trưởng xem xét, tổng hợp theo quy định."
# tab stops in cm: the label's (left), the two groups' middles (centred), the four sub-columns' right
# edges (max, bonus max, self, bonus self)
LABEL_STOP = 1.3
GROUP_STOPS = (19.4, 24.0)
SUB_STOPS = (18.5, 20.6, 23.1, 25.2)
LABEL_CHARS = 60   # a label cut short to fit before the first score column


def label(criterion: str, number: str) -> str:
    """The label's text: the framework's item text cut to its words within LABEL_CHARS characters;
    a section's after 'NỘI DUNG k.'."""
    from chamdiem.normalizers.framework_catalog import frameworks
    words = frameworks()["tdkt-tmth"].items[criterion].text.split()
    text = words[0]
    for word in words[1:]:
        if len(text) + 1 + len(word) > LABEL_CHARS:
            break
        text += " " + word
    text = text.rstrip(",;:")
    return f"NỘI DUNG {'ABC'.index(number) + 1}. {text}" if number in ("A", "B", "C") else text


def lines() -> list[list[str]]:
    """Each body line's tab-separated fields: number, label, max, bonus max, self, bonus self."""
    out = []
    for criterion, number, mx, sf, bmx, bsf in ROWS:
        text = TOTAL if criterion == "tdkt-tmth" else label(criterion, number)
        out.append(["" if number in ("A", "B", "C") else number, text, _num(mx), _num(bmx), _num(sf), _num(bsf)])
    return out


def expected() -> dict[str, tuple]:
    """The score fields each criterion reads: (max, self, authority, bonus max, bonus self)."""
    return {c: (mx, sf, None, bmx, bsf) for c, _, mx, sf, bmx, bsf in ROWS}


def write(path) -> None:
    """The report as a PDF at ``path`` (a .pdf), through a DOCX LibreOffice prints."""
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_TAB_ALIGNMENT
    from docx.shared import Cm, Pt

    d = docx.Document()
    section = d.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21)
    section.left_margin, section.right_margin = Cm(2), Cm(1.5)
    d.styles["Normal"].font.name = "Times New Roman"
    d.styles["Normal"].font.size = Pt(10)
    d.add_paragraph().add_run("BẢNG TỰ CHẤM ĐIỂM THI ĐUA NĂM 2024").bold = True

    def tabbed(fields: list[str], stops: list[tuple[float, WD_TAB_ALIGNMENT]], bold: bool = False) -> None:
        paragraph = d.add_paragraph()
        fmt = paragraph.paragraph_format
        fmt.space_before = fmt.space_after = Pt(0)
        for x, align in stops:
            fmt.tab_stops.add_tab_stop(Cm(x), align)
        paragraph.add_run("\t".join(fields)).bold = bold

    left, centre, right = WD_TAB_ALIGNMENT.LEFT, WD_TAB_ALIGNMENT.CENTER, WD_TAB_ALIGNMENT.RIGHT
    body_stops = [(LABEL_STOP, left)] + [(x, right) for x in SUB_STOPS]
    tabbed(["TT", "Tiêu chí đánh giá", *GROUPS], [(LABEL_STOP, left)] + [(x, centre) for x in GROUP_STOPS], True)
    tabbed(["", "", *SUBS, *SUBS], body_stops, True)
    d.add_paragraph()
    for fields in lines():
        tabbed(fields, body_stops, bold=not fields[0])
    d.add_paragraph(CLOSING)
    print_to_pdf(d, path)
