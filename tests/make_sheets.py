"""Writes small dvcq score sheets in the layouts units send (header wordings and column orders,
numbering styles, merged cells, page breaks) as .txt, .html, .docx and .xlsx, so tests can require
exact values from each. Values and wording are this file's own."""
from __future__ import annotations

import html as html_lib

# (criterion number, child number or None, label, max, self, authority, evidence)
ITEMS = [
    (2, None, "Thực hiện nhiệm vụ chính trị", 10, 9, 8.5, ""),
    (2, 1, "Ban hành văn bản triển khai, thực hiện hiệu quả nhiệm vụ chính trị hằng năm", 4, 4, 3.5,
     "Kế hoạch số 21/KH-UBND ngày 06/02/2024"),
    (2, 2, "Thực hiện tốt công tác phòng, chống tham nhũng, lãng phí, thực hành tiết kiệm", 3, 2, 2, ""),
    (2, 3, "Kịp thời sửa đổi, bổ sung các quy định, quy trình giải quyết công việc", 3, 3, 3, ""),
    (6, None, "Thực hiện quy định về đạo đức công vụ, văn hoá công sở", 10, 9.5, 9, ""),
    (6, 1, "Xây dựng ban hành và thực hiện nghiêm văn hóa công sở và quy tắc ứng xử", 3, 3, 3,
     "Quyết định số 57/QĐ-UBND ngày 14/3/2024"),
    (6, 2, "Cán bộ, công chức, viên chức thực hiện tốt chuẩn mực đạo đức, phong cách", 3, 2.5, 2.5, ""),
    (6, 3, "Tăng cường công tác kiểm tra, thanh tra công vụ, xử lý nghiêm những cán bộ", 2, 2, 2, ""),
    (6, 4, "Cơ quan, đơn vị, địa phương không có cán bộ, công chức, viên chức suy thoái", 2, 2, 1.5, ""),
]
TOTAL = ("Tổng cộng", 20, 18.5, 17.5)
N = None

# What every rendition must yield: criterion -> (max, self, authority, bonus max, bonus self)
EXPECTED = {"dvcq": (20, 18.5, 17.5, N, N)}
for _c, _k, _lab, _mx, _sf, _au, _ev in ITEMS:
    EXPECTED[f"dvcq.tc{_c}" + (f".nd{_k}" if _k else "")] = (_mx, _sf, _au, N, N)
EXPECTED_SELF_ONLY = {k: (v[0], v[1], N, N, N) for k, v in EXPECTED.items()}

_ROMAN = {2: "II", 6: "VI"}
_LETTERS = "abcdđeg"

# numbering style -> function(criterion, child) -> (numbering column text, label prefix)
STYLES = {
    "roman": lambda c, k: (_ROMAN[c], "") if k is None else (str(k), ""),
    "dotted": lambda c, k: (str(c), "") if k is None else (f"{c}.{k}", ""),
    "words": lambda c, k: ("", f"Tiêu chí {c}: ") if k is None else ("", f"Nội dung {k}. "),
    "tc": lambda c, k: (f"TC{c}", "") if k is None else (f"ND{k}", ""),
    "letters": lambda c, k: (str(c), "") if k is None else ("", f"{_LETTERS[k - 1]}) "),
    "letters_dot": lambda c, k: (str(c), "") if k is None else (f"{_LETTERS[k - 1]}.", ""),
    "bullets": lambda c, k: (str(c), "") if k is None else ("", "- "),
    "number_and_words": lambda c, k: (str(c), "") if k is None else ("", f"Nội dung {k}: "),
    "unnumbered_contents": lambda c, k: (str(c), "") if k is None else ("", ""),
}

HEADER = ["TT", "Nội dung tiêu chí", "Điểm tối đa", "Điểm tự chấm", "Điểm thẩm định", "Tài liệu kiểm chứng"]


def body_rows(style: str) -> list[list[str]]:
    """Rows [tt, label, max, self, authority, evidence] in one numbering style, and the total."""
    rows = []
    for c, k, lab, mx, sf, au, ev in ITEMS:
        tt, prefix = STYLES[style](c, k)
        rows.append([tt, prefix + lab, _num(mx), _num(sf), _num(au), ev])
    rows.append(["", TOTAL[0], *(_num(v) for v in TOTAL[1:]), ""])
    return rows


def _num(v) -> str:
    return (f"{v:g}").replace(".", ",")


def write_tsv(path, header_rows: list[list[str]], rows: list[list[str]], *, title: str = "") -> None:
    lines = [title or "BẢNG TỰ CHẤM ĐIỂM CÔNG TÁC DÂN VẬN CHÍNH QUYỀN NĂM 2024", ""]
    lines += ["\t".join(r) for r in header_rows + rows]
    path.write_text("\n".join(lines) + "\n", "utf-8")


def write_html(path, header_html: str, rows: list[list[str]], *, rowspan_tt: bool = False) -> None:
    """``rowspan_tt``: each criterion number is one cell spanning the criterion's row and its
    contents' rows (the rows below leave the number column out)."""
    out = ["<html><head><meta charset='utf-8'></head><body>",
           "<p>BẢNG TỰ CHẤM ĐIỂM CÔNG TÁC DÂN VẬN CHÍNH QUYỀN NĂM 2024</p>", "<table border='1'>", header_html]
    spans = _group_spans(rows) if rowspan_tt else {}
    for i, r in enumerate(rows):
        cells = []
        for j, v in enumerate(r):
            if rowspan_tt and j == 0:
                if i in spans:
                    cells.append(f"<td rowspan='{spans[i]}'>{html_lib.escape(v)}</td>")
                elif any(s < i < s + n for s, n in spans.items()):
                    continue
                else:
                    cells.append(f"<td>{html_lib.escape(v)}</td>")
            else:
                cells.append(f"<td>{html_lib.escape(v)}</td>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    out += ["</table>", "</body></html>"]
    path.write_text("\n".join(out), "utf-8")


def _group_spans(rows) -> dict[int, int]:
    """First row of each criterion -> the number of rows it and its contents take."""
    spans = {}
    start = None
    for i, r in enumerate(rows):
        if r[0]:
            start = i
            spans[i] = 1
        elif start is not None and r[1] != TOTAL[0]:
            spans[start] += 1
    return {s: n for s, n in spans.items() if n > 1}


def write_docx(path, header_rows: list[list[str]], rows: list[list[str]], *, merge_tt: bool = False,
               merges: list[tuple[int, int, int, int]] = ()) -> None:
    """``merges``: (row, col, last row, last col) of header cells to merge (a cell over sub-columns);
    ``merge_tt``: each criterion number merged vertically over its contents' rows (vMerge)."""
    import docx
    d = docx.Document()
    d.add_paragraph("BẢNG TỰ CHẤM ĐIỂM CÔNG TÁC DÂN VẬN CHÍNH QUYỀN NĂM 2024")
    width = max(len(r) for r in header_rows + rows)
    t = d.add_table(rows=len(header_rows) + len(rows), cols=width)
    for i, r in enumerate(header_rows + rows):
        for j, v in enumerate(r):
            if v:
                t.cell(i, j).text = v
    h = len(header_rows)
    for r0, c0, r1, c1 in merges:
        text = t.cell(r0, c0).text
        merged = t.cell(r0, c0).merge(t.cell(r1, c1))
        merged.text = text
    if merge_tt:
        for s, n in _group_spans(rows).items():
            text = rows[s][0]
            merged = t.cell(h + s, 0).merge(t.cell(h + s + n - 1, 0))
            merged.text = text
    d.save(str(path))


def split_rows(style: str = "dotted") -> list[list[str]]:
    """The sheet's rows with two rows cut by page breaks (marked by None): tc2.nd2 whose label goes
    on after the break with its scores, and tc6.nd3 whose label (capitalised) and scores go on."""
    out = []
    for r in body_rows(style):
        if r[0] == "2.2":
            out += [[r[0], "Thực hiện tốt công tác phòng, chống tham nhũng,", "", "", "", ""], None,
                    ["", "lãng phí, thực hành tiết kiệm", *r[2:]]]
        elif r[0] == "6.3":
            out += [[r[0], "Tăng cường công tác kiểm tra, thanh tra công vụ,", "", "", "", ""], None,
                    ["", "Xử lý nghiêm những cán bộ vi phạm", *r[2:]]]
        else:
            out.append(r)
    return out


def write_tsv_with_breaks(path, marker: str, *, repeat_header: bool = True) -> None:
    """A text export of the sheet cut twice by ``marker`` lines, its header repeated after each."""
    lines = ["BẢNG TỰ CHẤM ĐIỂM CÔNG TÁC DÂN VẬN CHÍNH QUYỀN NĂM 2024", "", "\t".join(HEADER)]
    for r in split_rows():
        if r is None:
            lines += ["", marker, ""] + (["\t".join(HEADER)] if repeat_header else [])
        else:
            lines.append("\t".join(r))
    lines += ["", "Người lập biểu"]
    path.write_text("\n".join(lines) + "\n", "utf-8")


def write_docx_with_breaks(path) -> None:
    """Word's way: the table ends, a page break, a new table of the same grid with the header again."""
    import docx
    d = docx.Document()
    d.add_paragraph("BẢNG TỰ CHẤM ĐIỂM CÔNG TÁC DÂN VẬN CHÍNH QUYỀN NĂM 2024")
    parts: list[list[list[str]]] = [[HEADER]]
    for r in split_rows():
        if r is None:
            parts.append([HEADER])
        else:
            parts[-1].append(r)
    for k, rows in enumerate(parts):
        if k:
            d.add_page_break()
        t = d.add_table(rows=len(rows), cols=len(HEADER))
        for i, r in enumerate(rows):
            for j, v in enumerate(r):
                if v:
                    t.cell(i, j).text = v
    d.save(str(path))


def write_xlsx(path, *, formulas: bool = True, cached: bool = True, instructions: bool = False) -> None:
    """A workbook as units send it: a cover sheet first, then the score sheet with a title block,
    a two-row header ('Điểm' merged over its sub-columns), criterion numbers merged over their
    contents' rows, scores stored as numbers and as text ('3,5'), each criterion's self score a
    SUM formula (with the value LibreOffice or Excel caches, when ``cached``), and a signature."""
    import openpyxl
    wb = openpyxl.Workbook()
    cover = wb.active
    cover.title = "Thông tin"
    cover["A1"] = "Đơn vị: UBND phường Trần Phú"
    cover["A2"] = "Kỳ đánh giá: năm 2024"
    if instructions:
        # a longer sheet of the framework's maximum points, before the score sheet: not the scores
        guide = wb.create_sheet("Hướng dẫn")
        guide.append(["TT", "Tiêu chí", "Điểm tối đa", "Điểm thưởng"])
        for n in range(1, 11):
            guide.append([n, f"Tiêu chí {n}", 10, 0])
            for k in range(1, 3):
                guide.append([f"{n}.{k}", f"Nội dung {k}", 5, 0])
    ws = wb.create_sheet("Chấm điểm")
    ws["A1"] = "BẢNG TỰ CHẤM ĐIỂM CÔNG TÁC DÂN VẬN CHÍNH QUYỀN NĂM 2024"
    ws.merge_cells("A1:F1")
    ws["A3"], ws["B3"], ws["C3"], ws["F3"] = "STT", "Nội dung đánh giá", "Điểm", "Tài liệu kiểm chứng"
    ws.merge_cells("C3:E3")
    ws.merge_cells("A3:A4")
    ws.merge_cells("B3:B4")
    ws.merge_cells("F3:F4")
    ws["C4"], ws["D4"], ws["E4"] = "Tối đa", "Tự chấm", "Thẩm định"
    r = 5
    crit_rows: dict[int, tuple[int, list[int]]] = {}
    for c, k, lab, mx, sf, au, ev in ITEMS:
        if k is None:
            ws.cell(r, 1, c)
            crit_rows[c] = (r, [])
            ws.cell(r, 2, lab)
        else:
            crit_rows[c][1].append(r)
            ws.cell(r, 2, f"{_LETTERS[k - 1]}) {lab}")
        ws.cell(r, 3, mx)
        ws.cell(r, 4, sf)
        # the authority's half points typed as text with a decimal comma, whole ones as numbers
        ws.cell(r, 5, _num(au) if isinstance(au, float) and not au.is_integer() else au)
        if ev:
            ws.cell(r, 6, ev)
        r += 1
    for c, (cr, kids) in crit_rows.items():
        ws.merge_cells(start_row=cr, start_column=1, end_row=kids[-1], end_column=1)
        if formulas:
            ws.cell(cr, 4, f"=SUM(D{kids[0]}:D{kids[-1]})")
    ws.cell(r, 2, TOTAL[0])
    ws.cell(r, 3, TOTAL[1])
    ws.cell(r, 4, f"=D{crit_rows[2][0]}+D{crit_rows[6][0]}" if formulas else TOTAL[2])
    ws.cell(r, 5, TOTAL[3])
    ws.cell(r + 2, 5, "Người lập biểu")
    wb.save(str(path))
    if formulas and cached:
        crit_self = {2: 9, 6: 9.5}
        values = {f"D{cr}": crit_self[c] for c, (cr, _) in crit_rows.items()}
        values[f"D{r}"] = TOTAL[2]
        _cache_formula_values(path, f"xl/worksheets/sheet{3 if instructions else 2}.xml", values)


def _cache_formula_values(path, member: str, values: dict[str, float]) -> None:
    """Writes the cached results of formulas into the sheet XML, as a spreadsheet program does
    when it saves (openpyxl itself writes formulas without results)."""
    import re
    import zipfile
    with zipfile.ZipFile(path) as z:
        items = {n: z.read(n) for n in z.namelist()}
    xml = items[member].decode("utf-8")
    for ref, v in values.items():
        xml, n = re.subn(rf'(<c r="{ref}"[^>]*>\s*<f>[^<]*</f>)(\s*<v>\s*</v>|\s*<v\s*/>)?',
                         lambda m: m.group(1) + f"<v>{v:g}</v>", xml)
        assert n == 1, ref
    items[member] = xml.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in items.items():
            z.writestr(n, data)
