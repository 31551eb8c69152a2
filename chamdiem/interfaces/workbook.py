"""The export's workbook (openpyxl): score sheets an analyst can forward as they are — frozen
headers, filters, Vietnamese number and date formats, findings as coloured cells with notes, a bar
chart of the totals — and one plain sheet per other table."""
from __future__ import annotations

import datetime as dt
import math

import pandas as pd
from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.cell import WriteOnlyCell
from openpyxl.chart.series import SeriesLabel
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from chamdiem.interfaces.review_sheet import review_marks, write_review_sheet
from chamdiem.interfaces.export_tables import OTHER_SHEETS, TOTAL, UNIT_COLUMNS, ScoreSheet, Tables, column_title
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
    """Write-only mode: every row is built whole and streamed out, which keeps a quarter of
    tens of thousands of citations within seconds."""
    wb = Workbook(write_only=True)
    for sheet in tables.score_sheets:
        _score_sheet(wb.create_sheet(sheet.name), sheet, review_marks(sheet, tables.reviews))
        advance()
    for name, _, attr in OTHER_SHEETS:
        _plain_sheet(wb.create_sheet(name), getattr(tables, attr))
        advance()
    write_review_sheet(wb, tables.reviews, _plain_sheet)
    wb.save(path)
    advance()


def _value(v):
    if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)):
        return None
    if hasattr(v, "item"):   # numpy scalars
        v = v.item()
    if isinstance(v, float) and v.is_integer():
        return int(v)
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


def _cell(ws, value, *, fmt=None, font=None, fill=None, note=None, align=None) -> WriteOnlyCell:
    c = WriteOnlyCell(ws, value)
    if fmt:
        c.number_format = fmt
    if font:
        c.font = font
    if fill:
        c.fill = fill
    if note:
        c.comment = note
    if align:
        c.alignment = align
    return c


def _header(ws, value, note=None) -> WriteOnlyCell:
    return _cell(ws, value, font=BOLD, fill=HEADER_FILL, note=note,
                 align=Alignment(wrap_text=True, vertical="center"))


def _score_sheet(ws, s: ScoreSheet, reviewed: dict | None = None) -> None:
    groups = [("self", "Điểm tự chấm (self-assessed)", s.self)]
    if s.authority is not None:
        groups.append(("authority", "Điểm của cơ quan có thẩm quyền (authority)", s.authority))
    year = s.year if s.year is not None else "không rõ năm"
    row1 = [_cell(ws, f"{s.framework} · {year}", font=BOLD)] + [None] * (len(UNIT_COLUMNS) - 1)
    row2 = [_cell(ws, "Thang điểm (max)", font=BOLD)] + [None] * (len(UNIT_COLUMNS) - 1)
    row3 = [_header(ws, column_title(name)) for name in UNIT_COLUMNS]
    keys: list[str] = []
    for key, title, _ in groups:
        for k, c in enumerate(s.criteria + [None]):
            keys.append(f"{key}:{c.id if c else TOTAL}")
            # the group's title runs on over the empty cells beside it (no wrapping)
            row1.append(_cell(ws, title if k == 0 else None, font=BOLD, fill=HEADER_FILL))
            row2.append(_cell(ws, _value(c.max if c else s.total_max), fmt=SCORE_FORMAT, font=BOLD))
            row3.append(_header(ws, c.title, _note(f"{c.id}: {c.name}")) if c else _header(ws, "Tổng (total)"))
    last_col = len(row3)
    last_row = FIRST_DATA_ROW + len(s.units) - 1
    ws.freeze_panes = f"C{FIRST_DATA_ROW}"       # headers and the unit and file columns stay
    ws.auto_filter.ref = f"A{HEADER_ROWS}:{get_column_letter(last_col)}{max(last_row, HEADER_ROWS)}"
    _widths(ws, {1: 34, 2: 28, 3: 12, 4: 26, 5: 26}, last_col)
    _print_across(ws)
    ws.row_dimensions[HEADER_ROWS].height = 48   # the wrapped column titles
    for row in (row1, row2, row3):
        ws.append(row)
    frames = dict((key, frame) for key, _, frame in groups)
    for i, unit in enumerate(s.units.itertuples(index=False)):
        row = []
        for name in UNIT_COLUMNS:
            v = getattr(unit, name)
            row.append(_marked(ws, s, i, name, _date(v) if name == "issued_on" else _value(v),
                               DATE_FORMAT if name == "issued_on" else None))
        for key in keys:
            group, cid = key.split(":", 1)
            row.append(_marked(ws, s, i, key, _value(frames[group].iat[i, frames[group].columns.get_loc(cid)]),
                               SCORE_FORMAT, (reviewed or {}).get((i, key))))
        ws.append(row)
    if len(s.units):
        _totals_chart(ws, s, groups, keys, last_row, last_col)


def _print_across(ws) -> None:
    """Printed landscape, all columns on one page width, the header rows repeated on each page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = "9"   # A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.print_title_rows = f"1:{HEADER_ROWS}"


def _marked(ws, s: ScoreSheet, i: int, key: str, value, fmt, reviewed: str | None = None) -> WriteOnlyCell:
    """A cell filled by its worst finding's severity, with the findings' messages as its note; a
    reviewed cell is blue and bold, its verdict in the note."""
    found = s.findings.get((i, key))
    font = REVIEWED_FONT if reviewed else None
    if not found:
        return _cell(ws, value, fmt=fmt, font=font, note=_note(reviewed) if reviewed else None)
    worst = min((sev for sev, _ in found), key=lambda x: _RANK.get(x, 3))
    return _cell(ws, value, fmt=fmt, fill=severity_fill(worst), font=font,
                 note=_note("\n".join([f"[{sev}] {msg}" for sev, msg in found] + ([reviewed] if reviewed else []))))


REVIEWED_FONT = Font(bold=True, color="1D4ED8")


def _totals_chart(ws, s: ScoreSheet, groups, keys, last_row: int, last_col: int) -> None:
    chart = BarChart()
    chart.type = "bar"
    chart.title = f"Tổng điểm theo đơn vị · {s.framework} {s.year or ''}".strip()
    chart.y_axis.title = "Điểm"
    chart.y_axis.numFmt = "0"
    for key, title, _ in groups:
        col = len(UNIT_COLUMNS) + keys.index(f"{key}:{TOTAL}") + 1
        chart.add_data(Reference(ws, min_col=col, min_row=FIRST_DATA_ROW, max_row=last_row), titles_from_data=False)
        chart.series[-1].tx = SeriesLabel(v=title)
    chart.set_categories(Reference(ws, min_col=1, min_row=FIRST_DATA_ROW, max_row=last_row))
    chart.width = 18
    chart.height = min(max(7.5, 0.6 * len(s.units)), 200)
    ws.add_chart(chart, f"{get_column_letter(last_col + 2)}{FIRST_DATA_ROW}")


SCORE_COLUMNS = {"total_max", "total_self", "total_authority", "max_points", "self_score", "authority_score",
                 "bonus_max", "bonus_self"}
WIDE_COLUMNS = {"message", "citing_units", "text", "path", "criteria"}


def _plain_sheet(ws, df: pd.DataFrame) -> None:
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(max(len(df.columns), 1))}{max(len(df) + 1, 1)}"
    _widths(ws, {j: (60 if name in WIDE_COLUMNS else 18) for j, name in enumerate(df.columns, 1)}, len(df.columns))
    ws.append([_header(ws, column_title(name)) for name in df.columns])
    styled = {j: name for j, name in enumerate(df.columns)
              if name in SCORE_COLUMNS or name in ("issued_on", "severity", "message")}
    fills = {}
    for out in _plain_values(df):
        for j, name in styled.items():
            if name == "issued_on":
                out[j] = _cell(ws, _date(out[j]), fmt=DATE_FORMAT)
            elif name == "severity":
                out[j] = _cell(ws, out[j], fill=fills.setdefault(out[j], severity_fill(out[j])))
            elif name == "message":
                out[j] = _cell(ws, out[j], align=WRAP)
            else:
                out[j] = _cell(ws, out[j], fmt=SCORE_FORMAT)
        ws.append(out)


def _plain_values(df: pd.DataFrame) -> list[list]:
    """Rows as plain Python values: None for missing, whole floats as integers, times in UTC
    without a zone (Excel has none)."""
    rows = df.astype(object).where(df.notna(), None).values.tolist()
    for row in rows:
        for j, v in enumerate(row):
            if isinstance(v, float) and v.is_integer():
                row[j] = int(v)
            elif isinstance(v, dt.datetime) and v.tzinfo is not None:   # PostgreSQL's timestamptz
                row[j] = v.astimezone(dt.timezone.utc).replace(tzinfo=None)
    return rows


def _note(text: str) -> Comment:
    note = Comment(text, AUTHOR)
    note.width, note.height = 320, 120
    return note


def _widths(ws, widths: dict[int, float], last_col: int) -> None:
    for j in range(1, last_col + 1):
        ws.column_dimensions[get_column_letter(j)].width = widths.get(j, 9)
