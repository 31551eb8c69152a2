"""Writes score sheets whose header takes two rows: group headers ('Đơn vị tự chấm', 'Cơ quan
thẩm quyền chấm', 'Điểm thưởng') over sub-columns ('Điểm', 'Điểm thưởng', 'Tự chấm', …), so that
a sub-column's role depends on the group above it. Each layout is written as tab-separated text,
markdown pipes, HTML (colspan/rowspan), DOCX (merged cells), XLSX (merged cells) and a ruled PDF
(fpdf2, merged header cells). Wordings and values are this file's own."""
from __future__ import annotations

import html as html_lib

from make_sheets import ITEMS, TOTAL, _num
from renditions import FONT_DIR

# bonus points given by the unit and by the authority, per (criterion, child)
BONUS = {(2, None): (1, 0.5), (2, 1): (1, 0.5), (6, None): (2, 1.5), (6, 2): (2, 1.5)}
BONUS_TOTAL = (3, 2)
N = None

# fields each column holds: 'tt', 'label', 'max', 'self', 'authority', 'bonus_self', 'bonus_authority',
# 'evidence'; a layout is [(group text or None, sub-column text, field), …]
LAYOUTS = {
    # the unit's and the authority's groups, each over a score and a bonus
    "unit_and_authority_groups": [
        (N, "TT", "tt"), (N, "Nội dung tiêu chí", "label"), (N, "Thang điểm", "max"),
        ("Đơn vị tự chấm", "Điểm", "self"), ("Đơn vị tự chấm", "Điểm thưởng", "bonus_self"),
        ("Cơ quan thẩm quyền chấm", "Điểm", "authority"),
        ("Cơ quan thẩm quyền chấm", "Điểm thưởng", "bonus_authority"),
        (N, "Tài liệu kiểm chứng", "evidence")],
    # other words for the same groups: 'Điểm đạt' alone would be a self score, 'Điểm cộng' a bonus maximum
    "assessed_and_appraised_groups": [
        (N, "STT", "tt"), (N, "Tiêu chí đánh giá", "label"), (N, "Điểm tối đa", "max"),
        ("Kết quả tự đánh giá", "Điểm đạt", "self"), ("Kết quả tự đánh giá", "Điểm cộng", "bonus_self"),
        ("Kết quả thẩm định", "Điểm đạt", "authority"), ("Kết quả thẩm định", "Điểm cộng", "bonus_authority"),
        (N, "Minh chứng", "evidence")],
    # the council's group before the unit's
    "council_before_unit": [
        (N, "TT", "tt"), (N, "Nội dung", "label"), (N, "Điểm chuẩn", "max"),
        ("Hội đồng chấm", "Số điểm", "authority"), ("Hội đồng chấm", "Thưởng", "bonus_authority"),
        ("Tự chấm điểm", "Số điểm", "self"), ("Tự chấm điểm", "Thưởng", "bonus_self"),
        (N, "Ghi chú", "evidence")],
    # groups by kind of points: 'Tự chấm' under 'Điểm thưởng' is the unit's bonus, not its score
    "points_and_bonus_groups": [
        (N, "TT", "tt"), (N, "Nội dung tiêu chí", "label"),
        ("Điểm", "Tối đa", "max"), ("Điểm", "Tự chấm", "self"), ("Điểm", "Thẩm định", "authority"),
        ("Điểm thưởng", "Tự chấm", "bonus_self"), ("Điểm thưởng", "Thẩm định", "bonus_authority"),
        (N, "Tài liệu kiểm chứng", "evidence")],
    # written after the reader and read by it unchanged: other words for the groups and sub-columns
    "self_assessed_and_upper_level": [
        (N, "Số TT", "tt"), (N, "Nội dung đánh giá", "label"), (N, "Điểm quy định", "max"),
        ("Điểm do đơn vị tự đánh giá", "Điểm cơ bản", "self"),
        ("Điểm do đơn vị tự đánh giá", "Điểm thưởng", "bonus_self"),
        ("Điểm cấp trên thẩm định", "Điểm cơ bản", "authority"),
        ("Điểm cấp trên thẩm định", "Điểm thưởng", "bonus_authority"),
        (N, "Hồ sơ minh chứng", "evidence")],
    "result_groups_with_plus_points": [
        (N, "TT", "tt"), (N, "Tiêu chí", "label"), (N, "Khung điểm", "max"),
        ("Kết quả đơn vị chấm", "Điểm", "self"), ("Kết quả đơn vị chấm", "Điểm cộng", "bonus_self"),
        ("Kết quả đoàn kiểm tra chấm", "Điểm", "authority"),
        ("Kết quả đoàn kiểm tra chấm", "Điểm cộng", "bonus_authority"),
        (N, "Ghi chú", "evidence")],
    "bonus_group_over_who_scored": [
        (N, "STT", "tt"), (N, "Nội dung", "label"),
        ("Điểm chấm", "Điểm chuẩn", "max"), ("Điểm chấm", "Tự đánh giá", "self"),
        ("Điểm chấm", "Cấp trên chấm", "authority"),
        ("Điểm cộng", "Tự đánh giá", "bonus_self"), ("Điểm cộng", "Cấp trên chấm", "bonus_authority"),
        (N, "Minh chứng", "evidence")],
}

# criterion -> (max, self, authority, bonus max, bonus self), and the authority's bonus
EXPECTED = {"dvcq": (TOTAL[1], TOTAL[2], TOTAL[3], N, BONUS_TOTAL[0])}
EXPECTED_BONUS_AUTHORITY = {"dvcq": BONUS_TOTAL[1]}
for _c, _k, _lab, _mx, _sf, _au, _ev in ITEMS:
    _cid = f"dvcq.tc{_c}" + (f".nd{_k}" if _k else "")
    EXPECTED[_cid] = (_mx, _sf, _au, N, BONUS.get((_c, _k), (N, N))[0])
    EXPECTED_BONUS_AUTHORITY[_cid] = BONUS.get((_c, _k), (N, N))[1]

FORMATS = ("txt", "md", "html", "docx", "xlsx", "pdf")


def _values(layout) -> list[list[str]]:
    rows = []
    for c, k, lab, mx, sf, au, ev in ITEMS:
        bonus = BONUS.get((c, k), ("", ""))
        by_field = {"tt": str(c) if k is None else f"{c}.{k}", "label": lab, "max": _num(mx), "self": _num(sf),
                    "authority": _num(au), "bonus_self": _b(bonus[0]), "bonus_authority": _b(bonus[1]),
                    "evidence": ev}
        rows.append([by_field[f] for _, _, f in layout])
    total = {"tt": "", "label": TOTAL[0], "max": _num(TOTAL[1]), "self": _num(TOTAL[2]), "authority": _num(TOTAL[3]),
             "bonus_self": _num(BONUS_TOTAL[0]), "bonus_authority": _num(BONUS_TOTAL[1]), "evidence": ""}
    rows.append([total[f] for _, _, f in layout])
    return rows


def _b(v) -> str:
    return "" if v == "" else _num(v)


def _header_grid(layout) -> list[list[str]]:
    """Two rows as a text export writes them: a group's text in its first column, a column
    without a group named in the first row."""
    top, sub = [], []
    for k, (group, name, _) in enumerate(layout):
        if group is None:
            top.append(name)
            sub.append("")
        else:
            top.append(group if k == 0 or layout[k - 1][0] != group else "")
            sub.append(name)
    return [top, sub]


def _groups(layout) -> list[tuple[int, int, str]]:
    """(first column, last column, text) of each group."""
    out: list[tuple[int, int, str]] = []
    for k, (group, _, _) in enumerate(layout):
        if group is None:
            continue
        if out and out[-1][2] == group and out[-1][1] == k - 1:
            out[-1] = (out[-1][0], k, group)
        else:
            out.append((k, k, group))
    return out


TITLE = "BẢNG TỰ CHẤM ĐIỂM CÔNG TÁC DÂN VẬN CHÍNH QUYỀN NĂM 2024"
INTRO = "UBND phường Trần Phú tự chấm điểm công tác dân vận chính quyền năm 2024 như sau:"


def write(fmt: str, layout_name: str, path) -> None:
    layout = LAYOUTS[layout_name]
    {"txt": _txt, "md": _md, "html": _html, "docx": _docx, "xlsx": _xlsx, "pdf": _pdf}[fmt](layout, path)


def _txt(layout, path) -> None:
    lines = [TITLE, "", INTRO, ""] + ["\t".join(r) for r in _header_grid(layout) + _values(layout)]
    path.write_text("\n".join(lines) + "\n", "utf-8")


def _md(layout, path) -> None:
    top, sub = _header_grid(layout)

    def pipe(cells):
        return "| " + " | ".join(cells) + " |"
    lines = [TITLE, "", INTRO, "", pipe(top), "|" + "---|" * len(top), pipe(sub)]
    lines += [pipe(r) for r in _values(layout)]
    path.write_text("\n".join(lines) + "\n", "utf-8")


def _html(layout, path) -> None:
    top, sub = [], []
    for k, (group, name, _) in enumerate(layout):
        if group is None:
            top.append(f"<th rowspan='2'>{html_lib.escape(name)}</th>")
        else:
            if k == 0 or layout[k - 1][0] != group:
                span = sum(1 for g, _, _ in layout[k:] if g == group)
                top.append(f"<th colspan='{span}'>{html_lib.escape(group)}</th>")
            sub.append(f"<th>{html_lib.escape(name)}</th>")
    body = "".join("<tr>" + "".join(f"<td>{html_lib.escape(v)}</td>" for v in r) + "</tr>" for r in _values(layout))
    path.write_text(f"<html><head><meta charset='utf-8'></head><body><p>{TITLE}</p><p>{INTRO}</p>"
                    f"<table border='1'><tr>{''.join(top)}</tr><tr>{''.join(sub)}</tr>{body}</table>"
                    "</body></html>", "utf-8")


def _docx(layout, path) -> None:
    import docx
    d = docx.Document()
    d.add_paragraph(TITLE)
    d.add_paragraph(INTRO)
    rows = _header_grid(layout) + _values(layout)
    t = d.add_table(rows=len(rows), cols=len(layout))
    for i, r in enumerate(rows):
        for j, v in enumerate(r):
            if v:
                t.cell(i, j).text = v
    for first, last, text in _groups(layout):
        t.cell(0, first).merge(t.cell(0, last)).text = text
    for k, (group, name, _) in enumerate(layout):
        if group is None:
            t.cell(0, k).merge(t.cell(1, k)).text = name
    d.save(str(path))


def _xlsx(layout, path) -> None:
    import openpyxl
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Chấm điểm"
    ws["A1"] = TITLE
    ws["A2"] = INTRO
    top, sub = _header_grid(layout)
    for k in range(len(layout)):
        if top[k]:
            ws.cell(4, k + 1, top[k])
        if sub[k]:
            ws.cell(5, k + 1, sub[k])
    for first, last, _ in _groups(layout):
        ws.merge_cells(start_row=4, start_column=first + 1, end_row=4, end_column=last + 1)
    for k, (group, _, _) in enumerate(layout):
        if group is None:
            ws.merge_cells(start_row=4, start_column=k + 1, end_row=5, end_column=k + 1)
    for i, r in enumerate(_values(layout), start=6):
        for k, v in enumerate(r):
            if v:
                ws.cell(i, k + 1, float(v.replace(",", ".")) if _numeric(v) else v)
    wb.save(str(path))


def _numeric(v: str) -> bool:
    return v.replace(",", "", 1).isdigit()


def _pdf(layout, path) -> None:
    from fpdf import FPDF
    from fpdf.fonts import FontFace
    pdf = FPDF(format="A4", orientation="L")
    pdf.add_font("DejaVu", "", f"{FONT_DIR}/DejaVuSans.ttf")
    pdf.set_font("DejaVu", size=8)
    pdf.add_page()
    pdf.multi_cell(0, 5, TITLE, new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(0, 5, INTRO, new_x="LMARGIN", new_y="NEXT")
    widths = [12 if f == "tt" else 90 if f == "label" else 60 if f == "evidence" else 18 for _, _, f in layout]
    with pdf.table(col_widths=widths, borders_layout="ALL", num_heading_rows=2, first_row_as_headings=True,
                   headings_style=FontFace(emphasis=""), line_height=4, text_align="LEFT", padding=1) as table:
        top = table.row()
        for k, (group, name, _) in enumerate(layout):
            if group is None:
                top.cell(name, rowspan=2)
            elif k == 0 or layout[k - 1][0] != group:
                top.cell(group, colspan=sum(1 for g, _, _ in layout[k:] if g == group))
        sub = table.row()
        for group, name, _ in layout:
            if group is not None:
                sub.cell(name)
        for r in _values(layout):
            row = table.row()
            for v in r:
                row.cell(v)
    pdf.output(str(path))
