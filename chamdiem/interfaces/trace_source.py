"""The parts of the trace page that show the source as the auditor knows it: the page image
with its boxes (PDF, scans), the sheet's cells around the row (XLSX), the table row as cells
(DOCX, HTML and text sheets), and the verdicts already given. Every report text is escaped."""
from __future__ import annotations

import re
from html import escape

from chamdiem.interfaces.trace import Trace
from chamdiem.interfaces.trace_image import BOX_STYLE, PageCrop, has_geometry, source_problem

GRID_AROUND = 3      # sheet rows shown above and below the score's row
_CELL = re.compile(r"^(?:'((?:[^']|'')+)'|([^!]+))!\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$")
CSS = """
figure.page img{max-width:100%;border:1px solid #ccc} table.boxes td,table.boxes th,table.grid td,
table.grid th,table.row td{border:1px solid #ccc;padding:.2em .5em} table.boxes,table.grid,table.row{border-collapse:collapse}
table.grid th{background:#f3f4f6;color:#555} td.hit{outline:3px solid #2563eb;background:#dbeafe}
td.in-row{background:#fef9c3} .problem{color:#b91c1c;font-weight:bold}
form.review{border:1px solid #ccc;padding:.8em;max-width:40em} form.review label{display:block;margin:.3em 0}
"""
VERDICTS = {"confirmed": "xác nhận · confirmed", "corrected": "sửa · corrected",
            "unreadable": "không đọc được · unreadable", "stale": "đã cũ · stale"}


def page_section(score_trace: Trace, crop: PageCrop | str | None, image_src: str | None, page_href: str | None) -> str:
    """The page image (or why there is none) and the table of the boxes drawn on it."""
    if not has_geometry(score_trace) and crop is None:
        return ""
    out = ["<h2>Trang in (the page as printed)</h2>"]
    if isinstance(crop, str) or crop is None:
        out.append(f'<p class="problem">{escape(crop or "no page image")}</p>')
        return "".join(out)
    origin_x, origin_y = crop.origin
    out.append(f'<figure class="page"><img id="crop" src="{escape(image_src or "")}" alt="trang {crop.page}" '
               f'data-page="{crop.page}" data-x0="{origin_x:.4f}" data-y0="{origin_y:.4f}" data-scale="{crop.scale:g}">'
               f"<figcaption>trang (page) {crop.page}"
               + (f' · <a id="whole-page" href="{escape(page_href)}">cả trang · whole page</a>' if page_href else "")
               + "</figcaption></figure>")
    out.append('<table class="boxes"><tr><th>khung · box</th><th>trang · page</th><th>x0</th><th>y0</th><th>x1</th>'
               "<th>y1</th></tr>")
    for item in crop.drawn:
        x0, y0, x1, y1 = item.box
        out.append(f'<tr class="box" data-kind="{escape(item.kind)}" data-box="{x0:g},{y0:g},{x1:g},{y1:g}">'
                   f"<td>{escape(item.label)}</td><td>{crop.page}</td><td>{x0:g}</td><td>{y0:g}</td><td>{x1:g}</td>"
                   f"<td>{y1:g}</td></tr>")
    out.append("</table><p class=\"meta\">điểm PDF từ góc trên bên trái · PDF points from the page's top left</p>")
    return "".join(out)


def sheet_section(score_trace: Trace) -> str:
    """For a spreadsheet: the cells around the row, the values' cells highlighted."""
    ref = (score_trace.score or {}).get("cell_ref")
    if not ref or score_trace.document.get("format") != "xlsx":
        return ""
    problem = source_problem(score_trace.document)
    if problem:
        return f'<h2>Bảng tính (the sheet)</h2><p class="problem">{escape(problem)}</p>'
    parsed = _CELL.match(ref)
    if not parsed:
        return ""
    sheet = (parsed.group(1) or "").replace("''", "'") or parsed.group(2)
    first, last = int(parsed.group(4)), int(parsed.group(6) or parsed.group(4))
    hits = {_CELL.match(cell_value["cell_ref"]).group(3, 4) for o in score_trace.observations for cell_value in o["values"]
            if cell_value.get("cell_ref") and _CELL.match(cell_value["cell_ref"])}
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter
    book = load_workbook(score_trace.document["path"], read_only=True, data_only=True)
    try:
        worksheet = book[sheet]
        top = max(first - GRID_AROUND, 1)
        rows = list(worksheet.iter_rows(min_row=top, max_row=last + GRID_AROUND, values_only=True))
    finally:
        book.close()
    width = max((len(r) for r in rows), default=0)
    out = [f"<h2>Bảng tính (the sheet) · {escape(sheet)}</h2><table class=\"grid\"><tr><th></th>"]
    out += [f"<th>{get_column_letter(j + 1)}</th>" for j in range(width)]
    out.append("</tr>")
    for k, values in enumerate(rows):
        n = top + k
        out.append(f"<tr><th>{n}</th>")
        for j in range(width):
            cell_value = values[j] if j < len(values) else None
            col = get_column_letter(j + 1)
            cls = "hit" if (col, str(n)) in hits else "in-row" if first <= n <= last else ""
            out.append(f'<td class="{cls}" data-cell="{col}{n}">{escape("" if cell_value is None else _shown(cell_value))}</td>')
        out.append("</tr>")
    out.append("</table>")
    return "".join(out)


def _shown(value) -> str:
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    return str(value)


def row_section(score_trace: Trace) -> str:
    """For a table read from DOCX, HTML or text: each table observation's row as cells, the values
    highlighted (the page image is the PDF's view; a sheet has its grid)."""
    if (score_trace.score or {}).get("x0") is not None or score_trace.document.get("format") == "xlsx":
        return ""
    out = []
    for observation in score_trace.observations:
        if observation["source"] != "table":
            continue
        cells = "".join(_row_cell(score_trace.text, start, end, observation["values"])
                        for start, end in _cell_spans(score_trace.text, observation["char_start"], observation["char_end"]))
        out.append(f"<h2>Hàng của bảng (the table row) · dòng (line) {observation['line']}</h2>"
                   f'<table class="row"><tr>{cells}</tr></table>')
    return "".join(out)


def _cell_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The spans of a row's cells (tab-separated in the document text)."""
    spans, pos = [], start
    for part in text[start:end].split("\t"):
        spans.append((pos, pos + len(part)))
        pos += len(part) + 1
    return spans


def _row_cell(text: str, start: int, end: int, values: list[dict]) -> str:
    inside = [value for value in values if start <= value["char_start"] and value["char_end"] <= end]
    if not inside:
        return f'<td class="">{escape(text[start:end])}</td>'
    parts, pos = [], start
    for value in sorted(inside, key=lambda value: value["char_start"]):
        label = BOX_STYLE.get(value["field"], (value["field"],))[0]
        css = _VALUE_CSS.get(value["field"], "v-max")
        parts.append(escape(text[pos:value["char_start"]]) + f'<mark class="{css}">'
                     f'{escape(text[value["char_start"]:value["char_end"]])}<span class="lbl">{escape(label)}</span></mark>')
        pos = value["char_end"]
    return f'<td class="hit">{"".join(parts)}{escape(text[pos:end])}</td>'


_VALUE_CSS = {"max_points": "v-max", "self_score": "v-self", "authority_score": "v-auth", "bonus_max": "v-max",
              "bonus_self": "v-self"}


def reviews_section(score_trace: Trace) -> str:
    """The verdicts given on this score (newest last); one on a replaced version is stale."""
    out = [f"<h2>Kiểm tra (reviews): {len(score_trace.reviews)}</h2>"]
    if score_trace.reviews:
        out.append('<table class="boxes reviews"><tr><th>khi · when</th><th>người · by</th><th>trường · field</th>'
                   "<th>đã đọc · read</th><th>kết luận · verdict</th><th>giá trị · value</th><th>ghi chú · note</th></tr>")
        for review in score_trace.reviews:
            verdict = "stale" if review["sha256"] != score_trace.document["sha256"] else review["verdict"]
            out.append(f'<tr class="review" data-verdict="{escape(verdict)}">'
                       f'<td>{escape(str(review["reviewed_at"]))}</td><td>{escape(review["reviewer"])}</td>'
                       f'<td>{escape(review["field"])}</td><td>{_num(review["value_read"])}</td>'
                       f'<td>{escape(VERDICTS.get(verdict, verdict))}</td><td>{_num(review["value"])}</td>'
                       f'<td>{escape(review["note"] or "")}</td></tr>')
        out.append("</table>")
    return "".join(out)


def _num(value) -> str:
    return "—" if value is None else escape(f"{value:g}".replace(".", ","))
