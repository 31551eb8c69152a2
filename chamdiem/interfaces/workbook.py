"""The export's workbook (openpyxl): score sheets an analyst can forward as they are — frozen
headers, filters, Vietnamese number and date formats, findings as coloured cells with notes, a bar
chart of the totals — and one plain sheet per other table."""
from __future__ import annotations

import datetime as dt
import math

import pandas as pd
from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from chamdiem.interfaces.export import OTHER_SHEETS, TOTAL, UNIT_COLUMNS, ScoreSheet, Tables, column_title
from chamdiem.lexicon.catalogs import catalog

# Vietnamese locale (LCID 042A): a comma before the decimals, as an analyst there writes 9,5.
SCORE_FORMAT = "[$-42A]#,##0.0#"
DATE_FORMAT = "dd/mm/yyyy"
HEADER_ROWS = 3          # group titles, maxima, column titles; units start on row 4
FIRST_DATA_ROW = HEADER_ROWS + 1
AUTHOR = "chamdiem"
BOLD = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
WRAP = Alignment(wrap_text=True, vertical="top")


def severity_fill(severity: str) -> PatternFill:
    colour = catalog("presentation")["severity"].get(severity, ["", "FFFFFF"])[1]
    return PatternFill("solid", fgColor=colour)


_RANK = {"error": 0, "warning": 1, "info": 2}


def write_workbook(tables: Tables, path: str, advance=lambda: None) -> None:
    wb = Workbook()
    wb.remove(wb.active)
    for sheet in tables.score_sheets:
        _score_sheet(wb.create_sheet(sheet.name), sheet)
        advance()
    for name, _, attr in OTHER_SHEETS:
        _plain_sheet(wb.create_sheet(name), getattr(tables, attr))
        advance()
    if not wb.sheetnames:
        wb.create_sheet("Báo cáo")
    wb.save(path)
    advance()


def _value(v):
    if v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA:
        return None
    if hasattr(v, "item"):   # numpy scalars
        return v.item()
    return v


def _date(v):
    """An ISO date string becomes a real date cell (shown dd/mm/yyyy); anything else stays as is."""
    v = _value(v)
    if isinstance(v, str) and len(v) == 10:
        try:
            return dt.date.fromisoformat(v)
        except ValueError:
            return v
    return v


def _score_sheet(ws, s: ScoreSheet) -> None:
    groups = [("self", "Điểm tự chấm (self-assessed)", s.self)]
    if s.authority is not None:
        groups.append(("authority", "Điểm của cơ quan có thẩm quyền (authority)", s.authority))
    ws.cell(1, 1, f"{s.framework} · {s.year if s.year is not None else 'không rõ năm'}").font = BOLD
    ws.cell(2, 1, "Thang điểm (max)").font = BOLD
    for j, name in enumerate(UNIT_COLUMNS, 1):
        _header(ws.cell(3, j, column_title(name)))
    col = len(UNIT_COLUMNS) + 1
    columns: dict[str, int] = {}
    for key, title, _ in groups:
        start = col
        for c in s.criteria + [None]:
            cid = c.id if c else TOTAL
            columns[f"{key}:{cid}"] = col
            head = ws.cell(3, col, c.title if c else "Tổng (total)")
            _header(head)
            if c is not None:
                head.comment = _note(f"{c.id}: {c.name}")
            mx = ws.cell(2, col, c.max if c else s.total_max)
            mx.number_format, mx.font = SCORE_FORMAT, BOLD
            col += 1
        ws.merge_cells(start_row=1, start_column=start, end_row=1, end_column=col - 1)
        _header(ws.cell(1, start, title))
    last_col = col - 1
    for i, unit in enumerate(s.units.itertuples(index=False)):
        r = FIRST_DATA_ROW + i
        for j, name in enumerate(UNIT_COLUMNS, 1):
            cell = ws.cell(r, j, _date(getattr(unit, name)) if name == "issued_on" else _value(getattr(unit, name)))
            if name == "issued_on":
                cell.number_format = DATE_FORMAT
        for key, _, frame in groups:
            for cid, v in zip(frame.columns, frame.iloc[i]):
                cell = ws.cell(r, columns[f"{key}:{cid}"], _value(v))
                cell.number_format = SCORE_FORMAT
    for (i, key), found in s.findings.items():
        c = columns.get(key) or UNIT_COLUMNS.index(key) + 1
        cell = ws.cell(FIRST_DATA_ROW + i, c)
        worst = min((sev for sev, _ in found), key=lambda x: _RANK.get(x, 3))
        cell.fill = severity_fill(worst)
        cell.comment = _note("\n".join(f"[{sev}] {msg}" for sev, msg in found))
    last_row = FIRST_DATA_ROW + len(s.units) - 1
    ws.freeze_panes = ws.cell(FIRST_DATA_ROW, 3)      # headers and the unit and file columns stay
    ws.auto_filter.ref = f"A{HEADER_ROWS}:{get_column_letter(last_col)}{max(last_row, HEADER_ROWS)}"
    _widths(ws, {1: 34, 2: 28, 3: 12, 4: 26, 5: 26}, last_col)
    if len(s.units):
        _totals_chart(ws, s, groups, columns, last_row, last_col)


def _totals_chart(ws, s: ScoreSheet, groups, columns, last_row: int, last_col: int) -> None:
    chart = BarChart()
    chart.type = "bar"
    chart.title = f"Tổng điểm theo đơn vị · {s.framework} {s.year or ''}".strip()
    chart.y_axis.title = "Điểm"
    chart.y_axis.numFmt = "0"
    for key, _, _ in groups:
        c = columns[f"{key}:{TOTAL}"]
        data = Reference(ws, min_col=c, min_row=FIRST_DATA_ROW, max_row=last_row)
        chart.add_data(data, titles_from_data=False)
        chart.series[-1].tx = None
    chart.set_categories(Reference(ws, min_col=1, min_row=FIRST_DATA_ROW, max_row=last_row))
    from openpyxl.chart.series import SeriesLabel
    for series, (_, title, _) in zip(chart.series, groups):
        series.tx = SeriesLabel(v=title)
    chart.width = 18
    chart.height = min(max(7.5, 0.6 * len(s.units)), 200)
    ws.add_chart(chart, f"{get_column_letter(last_col + 2)}{FIRST_DATA_ROW}")


def _plain_sheet(ws, df: pd.DataFrame) -> None:
    for j, name in enumerate(df.columns, 1):
        _header(ws.cell(1, j, column_title(name)))
    floats = {name for name in df.columns if pd.api.types.is_float_dtype(df[name])}
    for i, row in enumerate(df.itertuples(index=False), 2):
        for j, (name, v) in enumerate(zip(df.columns, row), 1):
            cell = ws.cell(i, j, _date(v) if name == "issued_on" else _value(v))
            if name == "issued_on" and isinstance(cell.value, dt.date):
                cell.number_format = DATE_FORMAT
            elif name in floats:
                cell.number_format = SCORE_FORMAT
            elif name == "severity":
                cell.fill = severity_fill(v)
            elif name == "message":
                cell.alignment = WRAP
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(max(len(df.columns), 1))}{max(len(df) + 1, 1)}"
    _widths(ws, {j: (60 if name in ("message", "citing_units", "text", "path") else 18)
                 for j, name in enumerate(df.columns, 1)}, len(df.columns))


def _header(cell) -> None:
    cell.font, cell.fill, cell.alignment = BOLD, HEADER_FILL, Alignment(wrap_text=True, vertical="center")


def _note(text: str) -> Comment:
    note = Comment(text, AUTHOR)
    note.width, note.height = 320, 120
    return note


def _widths(ws, widths: dict[int, float], last_col: int) -> None:
    for j in range(1, last_col + 1):
        ws.column_dimensions[get_column_letter(j)].width = widths.get(j, 9)
