"""Writes unruled score sheets as a report generator (fpdf2) prints them: no rules, every cell
vertically centred on its row, no gap between rows, header cells of different heights, blank
headers and group headers over sub-columns. Each layout is one that the PDF reader once split into
pieces (columns or rows broken apart); the file is named after it. Wordings and values are the test
data's own (make_sheets.ITEMS and the framework's item texts)."""
from __future__ import annotations

from make_sheets import ITEMS, TOTAL, _num
from renditions import FONT_DIR

N = None
# bonus points (maximum, self) of the two criteria, for the sheet with a bonus sub-column per actor
BONUS = {2: (1, 0.5), 6: (2, 1.5)}


def _framework_text(c: int, k: int | None) -> str:
    from chamdiem.normalizers.framework_catalog import frameworks
    return frameworks()["dvcq"].items[f"dvcq.tc{c}" + (f".nd{k}" if k else "")].text


def _marker(c: int, k: int | None) -> str:
    return f"{c}." if k is None else f"{c}.{k}."


def _letter_marker(c: int, k: int | None) -> str:
    return ("", "I", "II", "III", "IV", "V", "VI")[c] + ":" if k is None else "abcd"[k - 1] + "."


def _rows(layout: str) -> list[list[str]]:
    """The body rows of ``layout`` (see LAYOUTS), the total row last."""
    rows = []
    for c, k, lab, mx, sf, au, ev in ITEMS:
        if layout == "centred_long_labels_numbered_in_name":
            rows.append([f"{_letter_marker(c, k)} {_framework_text(c, k)}", _num(mx), _num(sf), ev])
        elif layout == "taller_header_cell_in_a_gap":
            rows.append([f"{_marker(c, k)} {lab}", _num(mx), _num(sf), _num(au)])
        elif layout == "narrow_header_cells_of_two_words":
            rows.append([_marker(c, k), lab, _num(mx), _num(sf), ev])
        elif layout == "blank_self_score_header":
            rows.append([_marker(c, k), lab, _num(sf), _num(mx), ev])
        else:
            bmax, bself = (_num(v) for v in BONUS[c]) if k is None and c in BONUS else ("", "")
            rows.append([_marker(c, k), lab, _num(mx), bmax, _num(sf), bself])
    total = {"centred_long_labels_numbered_in_name": [TOTAL[0], _num(TOTAL[1]), _num(TOTAL[2]), ""],
             "taller_header_cell_in_a_gap": [TOTAL[0], *(_num(v) for v in TOTAL[1:])],
             "blank_self_score_header": ["", TOTAL[0], _num(TOTAL[2]), _num(TOTAL[1]), ""],
             "narrow_header_cells_of_two_words": ["", TOTAL[0], _num(TOTAL[1]), _num(TOTAL[2]), ""],
             "group_header_over_sub_columns": ["", TOTAL[0], _num(TOTAL[1]), "3", _num(TOTAL[2]), "2"]}
    return rows + [total[layout]]


# layout -> (header rows: (text, colspan) cells, column widths in mm)
LAYOUTS = {
    # labels of up to ten lines, their numbering in front of them: the scores stand at the middle
    "centred_long_labels_numbered_in_name": (
        [[("Tiêu chí, nội dung chấm điểm", 1), ("Điểm tối đa", 1), ("Điểm tự chấm", 1), ("Tài liệu kiểm chứng", 1)]],
        [90, 25, 25, 45]),
    # 'Điểm tự chấm' wraps in its narrow cell: one line above the header row, one below, in a gap
    "taller_header_cell_in_a_gap": (
        [[("Nội dung tiêu chí", 1), ("Thang điểm", 1), ("Điểm tự chấm", 1), ("Điểm thẩm định", 1)]],
        [95, 25, 14, 30]),
    # the self score's header cell is blank: its column shows by its numbers alone
    "blank_self_score_header": (
        [[("TT", 1), ("Nội dung tiêu chí", 1), ("", 1), ("Thang điểm", 1), ("Tài liệu kiểm chứng", 1)]],
        [14, 80, 14, 25, 45]),
    # a group per actor over 'Điểm | Điểm thưởng', the group name shorter than its sub-columns
    "group_header_over_sub_columns": (
        [[("TT", 1), ("Nội dung tiêu chí", 1), ("Điểm chuẩn", 2), ("Đơn vị tự chấm", 2)],
         [("", 1), ("", 1), ("Điểm", 1), ("Điểm thưởng", 1), ("Điểm", 1), ("Điểm thưởng", 1)]],
        [14, 80, 16, 16, 16, 16]),
    # score columns so narrow that each header cell wraps its words two to a line ('Điểm tối / đa'),
    # the sheet begun low on its page and going on over the next without its header: scanned, a
    # space between two words was read as wide as the gap between two columns
    "narrow_header_cells_of_two_words": (
        [[("TT", 1), ("Nội dung tiêu chí", 1), ("Điểm tối đa", 1), ("Điểm tự chấm", 1), ("Tài liệu kiểm chứng", 1)]],
        [12, 90, 12, 12, 45]),
}

# layout -> blank space (mm) above its sheet, so that the sheet runs over onto a second page
LOW_ON_PAGE = {"narrow_header_cells_of_two_words": 200}


def expected(layout: str) -> dict[str, tuple]:
    """The score fields each criterion of ``layout`` reads: (max, self, authority, bonus max, bonus self)."""
    out = {}
    for c, k, _, mx, sf, au, _ in ITEMS:
        key = f"dvcq.tc{c}" + (f".nd{k}" if k else "")
        if layout == "taller_header_cell_in_a_gap":
            out[key] = (mx, sf, au, N, N)
        elif layout == "group_header_over_sub_columns":
            bonus = BONUS.get(c, (N, N)) if k is None else (N, N)
            out[key] = (mx, sf, N, *bonus)
        else:
            out[key] = (mx, sf, N, N, N)
    total = {"taller_header_cell_in_a_gap": (TOTAL[1], TOTAL[2], TOTAL[3], N, N),
             "group_header_over_sub_columns": (TOTAL[1], TOTAL[2], N, 3, 2)}
    out["dvcq"] = total.get(layout, (TOTAL[1], TOTAL[2], N, N, N))
    return out


def write(layout: str, path) -> None:
    """The sheet of ``layout`` as an unruled fpdf2 table under a title, cells centred on their rows."""
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    header, widths = LAYOUTS[layout]
    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", "", f"{FONT_DIR}/DejaVuSans.ttf")
    pdf.set_font("DejaVu", size=9)
    pdf.add_page()
    pdf.multi_cell(0, 6, "BẢNG TỰ CHẤM ĐIỂM CÔNG TÁC DÂN VẬN CHÍNH QUYỀN NĂM 2024", align="C",
                   new_x="LMARGIN", new_y="NEXT")
    pdf.ln(LOW_ON_PAGE.get(layout, 0))
    with pdf.table(col_widths=widths, borders_layout="NONE", first_row_as_headings=False, v_align="MIDDLE",
                   headings_style=FontFace(), line_height=4.5, text_align="LEFT") as table:
        for header_row in header:
            out = table.row()
            for text, span in header_row:
                out.cell(text, colspan=span)
        for row in _rows(layout):
            out = table.row()
            for text in row:
                out.cell(text)
    pdf.output(str(path))
