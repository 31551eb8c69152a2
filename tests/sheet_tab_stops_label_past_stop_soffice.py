"""Writes a score sheet with no table at all: tab-aligned paragraphs on a portrait page, printed to
PDF by LibreOffice, under a one-line header 'Mục | Tiêu chí / nội dung | Tối đa | Tự chấm | Thẩm
định' (the numbering column named by a marker word, no column role). Each line is 'TC1' or '1.1',
tab, the label at a left stop, then the numbers at right-aligned stops; the appraisal column is
left empty. Two things a word processor does with such lines, that no table does:

- a label nearly as long as its column ends under the two-digit maxima of other lines ('10' is
  wider than '3' and starts further left at the same stop), so that no strip between the label
  column and the maxima is empty from the sheet's top to its foot;
- a label longer still passes the stop of the maxima: its tab goes to the next stop, so its
  maximum stands under 'Tự chấm' and its self score under 'Thẩm định'.

Wordings are the dvcq framework's item texts cut short; values are this repository's test data
(make_sheets.ITEMS)."""
from __future__ import annotations

from make_sheets import ITEMS, TOTAL, _num
from unruled_soffice import SOFFICE, _framework_text, print_to_pdf  # (SOFFICE: the tests skip without it)

HEADER = ["Mục", "Tiêu chí / nội dung", "Tối đa", "Tự chấm", "Thẩm định"]
TOTAL_LABEL = "TỔNG CỘNG"
# tab stops in cm: the label's (left), then the right edges of the maximum, the self score and the
# appraisal
LABEL_STOP = 1.3
SCORE_STOPS = (11.5, 13.8, 16.2)
LABEL_CHARS = 44          # a label cut short to fit before the maxima
# labels cut longer: criterion 6's passes the maxima's stop; 2.2's ends under the criteria's '10'
LONGER = {(6, None): 46, (2, 2): 49}


def label(c: int, k: int | None) -> str:
    """The framework's item text cut to its words within the row's length."""
    words = _framework_text(c, k).split()
    limit = LONGER.get((c, k), LABEL_CHARS)
    text = words[0]
    for word in words[1:]:
        if len(text) + 1 + len(word) > limit:
            break
        text += " " + word
    return text.rstrip(",;:")


def lines() -> list[list[str]]:
    """Each body line's tab-separated fields: numbering, label, max, self, appraisal (empty)."""
    out = [[f"TC{c}" if k is None else f"{c}.{k}", label(c, k), _num(mx), _num(sf), ""]
           for c, k, _, mx, sf, _, _ in ITEMS]
    return out + [["", TOTAL_LABEL, _num(TOTAL[1]), _num(TOTAL[2]), ""]]


def expected() -> dict[str, tuple]:
    """The score fields each criterion reads: (max, self, authority, bonus max, bonus self)."""
    out = {f"dvcq.tc{c}" + (f".nd{k}" if k else ""): (mx, sf, None, None, None) for c, k, _, mx, sf, _, _ in ITEMS}
    out["dvcq"] = (TOTAL[1], TOTAL[2], None, None, None)
    return out


def write(path) -> None:
    """The report as a PDF at ``path`` (a .pdf), through a DOCX LibreOffice prints."""
    import docx
    from docx.enum.text import WD_TAB_ALIGNMENT
    from docx.shared import Cm, Pt

    d = docx.Document()
    section = d.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin, section.right_margin = Cm(3), Cm(2)
    d.styles["Normal"].font.name = "Times New Roman"
    d.styles["Normal"].font.size = Pt(11)
    d.add_paragraph().add_run("BẢNG TỰ CHẤM ĐIỂM CÔNG TÁC DÂN VẬN CHÍNH QUYỀN NĂM 2024").bold = True

    def tabbed(fields: list[str], bold: bool = False, size: float = 11) -> None:
        paragraph = d.add_paragraph()
        fmt = paragraph.paragraph_format
        fmt.space_before, fmt.space_after = Pt(0), Pt(3)
        fmt.tab_stops.add_tab_stop(Cm(LABEL_STOP), WD_TAB_ALIGNMENT.LEFT)
        for x in SCORE_STOPS:
            fmt.tab_stops.add_tab_stop(Cm(x), WD_TAB_ALIGNMENT.RIGHT)
        run = paragraph.add_run("\t".join(fields))
        run.bold, run.font.size = bold, Pt(size)

    tabbed(HEADER, bold=True, size=10)
    for fields in lines():
        tabbed(fields, bold=not fields[0][:1].isdigit())
    d.add_paragraph("Đơn vị kính đề nghị Sở Nội vụ xem xét, thẩm định.")
    print_to_pdf(d, path)
