"""The export's workbook (openpyxl): score sheets an analyst can forward as they are — frozen
headers, filters, Vietnamese number and date formats, findings as coloured cells with notes, "?"
where a score was not read, a bar chart of the totals on a sheet of its own — one plain sheet per other
table, and a comparison sheet per framework with two years. Every sheet prints on A4 landscape,
one page wide, with its title rows repeated, a header and a footer; no text cell is a formula."""
from __future__ import annotations

import datetime as dt
import math
import os

import pandas as pd
from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.cell import WriteOnlyCell
from openpyxl.chart.series import SeriesLabel
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.page import PageMargins
from openpyxl.utils import get_column_letter

from chamdiem.interfaces.review_sheet import review_marks, write_review_sheet
from chamdiem.interfaces.export_tables import (DOCUMENT_SHEET_COLUMNS, NOT_READ, NOT_READ_NOTE, OTHER_SHEETS, TOTAL,
                                               UNIT_COLUMNS, Comparison, ScoreSheet, Tables, column_title, formula_like)
from chamdiem.lexicon.catalogs import catalog

# Vietnamese locale (LCID 042A): a comma before the decimals, as an analyst there writes 9,5.
SCORE_FORMAT = "[$-42A]#,##0.0#"
DATE_FORMAT = "dd/mm/yyyy"
DATE_TIME_FORMAT = "dd/mm/yyyy hh:mm"
CHANGE_FORMAT = "[$-42A]+#,##0.0#;-#,##0.0#;0"
UP_FILL = PatternFill("solid", fgColor="C6EFCE")     # a score that rose
DOWN_FILL = PatternFill("solid", fgColor="FFC7CE")   # a score that fell
HEADER_ROWS = 3          # group titles, maxima, column titles; units start on row 4
FIRST_DATA_ROW = HEADER_ROWS + 1
AUTHOR = "chamdiem"
BOLD = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
WRAP = Alignment(wrap_text=True, vertical="top")
CENTRED = Alignment(horizontal="center")
# the unit columns' widths (issuer, file, date, the two classifications) by position from 0: narrow
# enough that 22 score columns beside them print one page wide at 6 pt or more
UNIT_WIDTHS = {0: 20, 1: 12, 2: 10, 3: 12, 4: 12}


def severity_fill(severity: str) -> PatternFill:
    colour = catalog("presentation")["severity"].get(severity, ["", "FFFFFF"])[1]
    return PatternFill("solid", fgColor=colour)


_RANK = {"error": 0, "warning": 1, "info": 2}


def write_workbook(tables: Tables, path: str, advance=lambda: None) -> None:
    """Write-only mode: every row is built whole and streamed out, so memory does not grow with a
    quarter's tens of thousands of citations. Written to a temporary file beside ``path``
    and renamed over it: a failed export leaves the previous workbook as it was."""
    book = Workbook(write_only=True)
    exported = dt.date.today().strftime("%d/%m/%Y")
    for sheet in tables.score_sheets:
        worksheet = book.create_sheet(sheet.name)
        _print_setup(worksheet, sheet.name, exported, f"1:{HEADER_ROWS}")   # before the first row: write-only
        _score_sheet(worksheet, sheet, review_marks(sheet, tables.reviews))
        if len(sheet.units):
            chart_ws = book.create_sheet(sheet.chart_name)
            _print_setup(chart_ws, sheet.chart_name, exported, None)
            _chart_sheet(chart_ws, worksheet, sheet)
        advance()
    for comparison in tables.comparisons:
        worksheet = book.create_sheet(comparison.name)
        _print_setup(worksheet, comparison.name, exported, "1:2")
        _comparison_sheet(worksheet, comparison)
    for name, _, attr in OTHER_SHEETS:
        worksheet = book.create_sheet(name)
        _print_setup(worksheet, name, exported, "1:1")
        table = getattr(tables, attr)
        if attr == "documents":
            table = table[[c for c in DOCUMENT_SHEET_COLUMNS if c in table]]
        _plain_sheet(worksheet, table)
        advance()
    write_review_sheet(book, tables.reviews, _plain_sheet,
                       lambda worksheet, name: _print_setup(worksheet, name, exported, "1:1"))
    temp = f"{path}.tmp-{os.getpid()}.xlsx"
    try:
        book.save(temp)
        os.replace(temp, path)
    finally:
        if os.path.exists(temp):
            os.remove(temp)
    advance()


def _value(value):
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if hasattr(value, "item"):   # numpy scalars
        value = value.item()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _date(value):
    """An ISO date string becomes a real date cell (shown dd/mm/yyyy); anything else stays as is."""
    value = _value(value)
    if isinstance(value, str) and len(value) == 10:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    return value


def _cell(worksheet, value, *, fmt=None, font=None, fill=None, note=None, align=None) -> WriteOnlyCell:
    cell = WriteOnlyCell(worksheet, value)
    if formula_like(value):
        _as_text(cell)
    if fmt:
        cell.number_format = fmt
    if font:
        cell.font = font
    if fill:
        cell.fill = fill
    if note:
        cell.comment = note
    if align:
        cell.alignment = align
    return cell


def _as_text(cell: WriteOnlyCell) -> None:
    """A text a spreadsheet would take for a formula ('=HYPERLINK(…)', '+1', '@cmd') stays text:
    a string cell marked with Excel's quote prefix, which also keeps it text when edited."""
    cell.data_type = "s"
    cell.quotePrefix = True


def _header(worksheet, value, note=None) -> WriteOnlyCell:
    return _cell(worksheet, value, font=BOLD, fill=HEADER_FILL, note=note,
                 align=Alignment(wrap_text=True, vertical="center"))


def _score_sheet(worksheet, score_sheet: ScoreSheet, reviewed: dict | None = None) -> None:
    groups = [("self", "Điểm tự chấm (self-assessed)", score_sheet.self)]
    if score_sheet.authority is not None:
        groups.append(("authority", "Điểm của cơ quan có thẩm quyền (authority)", score_sheet.authority))
    year = score_sheet.year if score_sheet.year is not None else "không rõ năm"
    row1 = [_cell(worksheet, f"{score_sheet.framework} · {year}", font=BOLD)] + [None] * (len(UNIT_COLUMNS) - 1)
    row2 = [_cell(worksheet, "Thang điểm (max)", font=BOLD)] + [None] * (len(UNIT_COLUMNS) - 1)
    row3 = [_header(worksheet, column_title(name)) for name in UNIT_COLUMNS]
    keys: list[str] = []
    for key, title, _ in groups:
        for k, criterion in enumerate(score_sheet.criteria + [None]):
            keys.append(f"{key}:{criterion.id if criterion else TOTAL}")
            # the group's title runs on over the empty cells beside it (no wrapping)
            row1.append(_cell(worksheet, title if k == 0 else None, font=BOLD, fill=HEADER_FILL))
            maximum = criterion.max if criterion else score_sheet.total_max
            row2.append(_cell(worksheet, _value(maximum), fmt=SCORE_FORMAT, font=BOLD))
            row3.append(_header(worksheet, criterion.title, _note(f"{criterion.id}: {criterion.name}")) if criterion
                        else _header(worksheet, "Tổng (total)"))
    last_col = len(row3)
    last_row = FIRST_DATA_ROW + len(score_sheet.units) - 1
    worksheet.freeze_panes = f"C{FIRST_DATA_ROW}"       # headers and the unit and file columns stay
    worksheet.auto_filter.ref = f"A{HEADER_ROWS}:{get_column_letter(last_col)}{max(last_row, HEADER_ROWS)}"
    # narrow enough that a sheet of 22 score columns prints one page wide at 6 pt or more
    _widths(worksheet, {j + 1: width for j, width in UNIT_WIDTHS.items()}, last_col, default=5.3)
    worksheet.row_dimensions[HEADER_ROWS].height = 80   # the wrapped column titles
    for row in (row1, row2, row3):
        worksheet.append(row)
    frames = dict((key, frame) for key, _, frame in groups)
    for i, unit in enumerate(score_sheet.units.itertuples(index=False)):
        row = []
        for name in UNIT_COLUMNS:
            cell_value = getattr(unit, name)
            row.append(_marked(worksheet, score_sheet, i, name, _date(cell_value) if name == "issued_on" else _value(cell_value),
                               DATE_FORMAT if name == "issued_on" else None, align=WRAP))
        _fit_height(worksheet, FIRST_DATA_ROW + i, [getattr(unit, name) for name in UNIT_COLUMNS], UNIT_WIDTHS)
        for key in keys:
            group, cid = key.split(":", 1)
            value = _value(frames[group].iat[i, frames[group].columns.get_loc(cid)])
            if value is None:
                row.append(_unread(worksheet, score_sheet, i, key))
            else:
                row.append(_marked(worksheet, score_sheet, i, key, value, SCORE_FORMAT,
                                   _total_doubt(score_sheet, i) if key == f"self:{TOTAL}" else None,
                                   reviewed=(reviewed or {}).get((i, key))))
        worksheet.append(row)


def _print_setup(worksheet, title: str, exported: str, title_rows: str) -> None:
    """A4 landscape, all columns on one page width, the title rows repeated on each page, margins,
    the sheet's title in the header, page numbers and the export date in the footer."""
    worksheet.page_setup.orientation = "landscape"
    worksheet.page_setup.paperSize = "9"   # A4
    worksheet.sheet_properties.pageSetUpPr.fitToPage = True
    worksheet.page_setup.fitToWidth, worksheet.page_setup.fitToHeight = 1, 0
    if title_rows:
        worksheet.print_title_rows = title_rows
    worksheet.page_margins = PageMargins(left=0.4, right=0.4, top=0.6, bottom=0.6, header=0.3, footer=0.3)
    worksheet.print_options.gridLines = True
    worksheet.oddHeader.center.text = title.replace("&", "&&")
    worksheet.oddHeader.center.size = 11
    worksheet.oddHeader.center.font = "-,Bold"
    worksheet.oddFooter.left.text = f"Xuất ngày (exported) {exported}"
    worksheet.oddFooter.right.text = "Trang (page) &P / &N"


def _blank_fill(severity: str) -> PatternFill | None:
    """Errors and warnings colour a cell; information never does (it would drown them)."""
    return None if severity == "info" else severity_fill(severity)


def _marked(worksheet, score_sheet: ScoreSheet, i: int, key: str, value, fmt, extra_note: str | None = None,
            align: Alignment | None = None, reviewed: str | None = None) -> WriteOnlyCell:
    """A cell filled by its worst finding's severity (information leaves it white), with the
    findings' messages as its note; a reviewed cell is blue and bold, its verdict in the note."""
    found = score_sheet.findings.get((i, key))
    font = REVIEWED_FONT if reviewed else None
    if not found:
        return _cell(worksheet, value, fmt=fmt, font=font, align=align,
                     note=_note("\n".join(filter(None, (extra_note, reviewed)))) if extra_note or reviewed else None)
    worst = min((sev for sev, _ in found), key=lambda x: _RANK.get(x, 3))
    text = "\n".join(([extra_note] if extra_note else []) + [f"[{sev}] {msg}" for sev, msg in found]
                     + ([reviewed] if reviewed else []))
    return _cell(worksheet, value, fmt=fmt, fill=_blank_fill(worst), font=font, note=_note(text), align=align)


REVIEWED_FONT = Font(bold=True, color="1D4ED8")


def _total_doubt(score_sheet: ScoreSheet, i: int) -> str | None:
    """What v_documents says of a stated total that its criteria do not confirm (it could not be
    computed, or differs); None when they match."""
    note = score_sheet.total_notes[i] if i < len(score_sheet.total_notes) else None
    return note if isinstance(note, str) and not note.startswith("khớp") else None


def _unread(worksheet, score_sheet: ScoreSheet, i: int, key: str) -> WriteOnlyCell | None:
    """A score that was not read shows "?" with the note saying so, never an empty cell; the total
    says whether it could be computed. An authority's cell stays empty when the report gives no
    authority score at all (nothing was left unread)."""
    group, cid = key.split(":", 1)
    if group == "authority" and not (score_sheet.authority_given[i] if i < len(score_sheet.authority_given) else False):
        return None
    note = NOT_READ_NOTE
    if cid == TOTAL and group == "self" and i < len(score_sheet.total_notes) and isinstance(score_sheet.total_notes[i], str):
        note += "\n" + score_sheet.total_notes[i]
    return _marked(worksheet, score_sheet, i, key, NOT_READ, None, note, align=CENTRED)


def _chart_sheet(worksheet, scores_ws, score_sheet: ScoreSheet) -> None:
    """The units' totals as a bar chart on a sheet of its own, sized to one printed page: beside
    the table it made the page three times as wide, below it a page break cut it in two."""
    chart = BarChart()
    chart.type = "bar"
    chart.title = f"Tổng điểm theo đơn vị · {score_sheet.framework} {score_sheet.year or ''}".strip()
    chart.y_axis.title = "Điểm"
    chart.y_axis.numFmt = "0"
    last_row = FIRST_DATA_ROW + len(score_sheet.units) - 1
    groups = [("Điểm tự chấm (self-assessed)", 0)]
    if score_sheet.authority is not None:
        groups.append(("Điểm của cơ quan có thẩm quyền (authority)", len(score_sheet.criteria) + 1))
    for title, offset in groups:
        col = len(UNIT_COLUMNS) + len(score_sheet.criteria) + 1 + offset
        chart.add_data(Reference(scores_ws, min_col=col, min_row=FIRST_DATA_ROW, max_row=last_row),
                       titles_from_data=False)
        chart.series[-1].tx = SeriesLabel(v=title)
    chart.set_categories(Reference(scores_ws, min_col=1, min_row=FIRST_DATA_ROW, max_row=last_row))
    chart.width, chart.height = 26, 16   # cm: an A4 landscape page inside its margins
    worksheet.page_setup.fitToHeight = 1
    worksheet.print_options.gridLines = False
    worksheet.append([_cell(worksheet, f"{score_sheet.framework} · {score_sheet.year if score_sheet.year is not None else 'không rõ năm'}: "
                         f"tổng điểm theo đơn vị (totals by unit), sheet '{score_sheet.name}'", font=BOLD)])
    worksheet.add_chart(chart, "A2")


def _comparison_sheet(worksheet, comparison: Comparison) -> None:
    """Per unit and criterion: this year, last year and the change, green when it rose and red
    when it fell."""
    worksheet.freeze_panes = "A3"
    _widths(worksheet, {1: 40, 2: 16, 3: 14, 4: 14, 5: 14}, 5)
    worksheet.append([_cell(worksheet, f"{comparison.framework}: {comparison.year} so với (against) {comparison.last_year}", font=BOLD)])
    worksheet.append([_header(worksheet, column_title(name)) for name in ("issuer", "criterion")]
              + [_header(worksheet, f"{comparison.year} / this year"), _header(worksheet, f"{comparison.last_year} / last year"),
                 _header(worksheet, column_title("change"))])
    for unit, criterion, now, before, change in comparison.rows.itertuples(index=False):
        fill = None if change is None or pd.isna(change) or change == 0 else (UP_FILL if change > 0 else DOWN_FILL)
        now, before = _value(now), _value(before)
        worksheet.append([_cell(worksheet, unit), _cell(worksheet, criterion),
                   _cell(worksheet, NOT_READ if now is None else now, fmt=SCORE_FORMAT,
                         note=_note(NOT_READ_NOTE) if now is None else None),
                   _cell(worksheet, NOT_READ if before is None else before, fmt=SCORE_FORMAT,
                         note=_note(NOT_READ_NOTE) if before is None else None),
                   _cell(worksheet, _value(change), fmt=CHANGE_FORMAT, fill=fill)])


SCORE_COLUMNS = {"total_max", "total_self", "total_authority", "max_points", "self_score", "authority_score",
                 "bonus_max", "bonus_self", "bonus_authority"}
# column widths (characters) by name; others take DEFAULT_WIDTH. Chosen so that each plain sheet
# prints one page wide at 6 pt or more.
COLUMN_WIDTHS = {"message": 50, "version_reason": 44, "citing_units": 30, "text": 40, "path": 30, "criteria": 18,
                 "issuer": 18, "unit_name": 18, "file_name": 14, "total_note": 16, "classification": 12,
                 "classification_earned": 12, "signer": 11, "report_number": 12, "framework": 8, "kind": 18,
                 "error_kind": 16, "loaded_at": 16, "at": 16, "issued_on": 10.5, "cited_issued_on": 10.5,
                 "doc_type": 12, "symbol": 12, "version_kind": 10, "is_current": 10, "ocr": 10, "unit_id": 5,
                 "document_id": 6, "format": 6, "severity": 8}
DEFAULT_WIDTH = 6
WRAPPED = {"message", "version_reason", "citing_units", "text", "path", "total_note", "issuer", "unit_name",
           "file_name", "criteria", "classification", "classification_earned"}
DATE_COLUMNS = {"issued_on", "cited_issued_on"}
DATE_TIME_COLUMNS = {"loaded_at", "at"}


def _plain_sheet(worksheet, data_frame: pd.DataFrame) -> None:
    worksheet.freeze_panes = "A2"
    worksheet.auto_filter.ref = f"A1:{get_column_letter(max(len(data_frame.columns), 1))}{max(len(data_frame) + 1, 1)}"
    _widths(worksheet, {j: COLUMN_WIDTHS.get(name, DEFAULT_WIDTH) for j, name in enumerate(data_frame.columns, 1)},
            len(data_frame.columns), default=DEFAULT_WIDTH)
    worksheet.row_dimensions[1].height = 130   # the column titles, wrapped in narrow columns
    wrapped = {j: COLUMN_WIDTHS.get(name, DEFAULT_WIDTH) for j, name in enumerate(data_frame.columns) if name in WRAPPED}
    worksheet.append([_header(worksheet, column_title(name)) for name in data_frame.columns])
    styled = {j: name for j, name in enumerate(data_frame.columns)
              if name in SCORE_COLUMNS or name in DATE_COLUMNS or name in DATE_TIME_COLUMNS or name == "severity"
              or name in WRAPPED}
    fills = {}
    for k, out in enumerate(_plain_values(data_frame)):
        _fit_height(worksheet, k + 2, out, wrapped)
        for j, name in styled.items():
            if name in DATE_COLUMNS:
                out[j] = _cell(worksheet, _date(out[j]), fmt=DATE_FORMAT)
            elif name in DATE_TIME_COLUMNS:
                out[j] = _cell(worksheet, out[j], fmt=DATE_TIME_FORMAT)
            elif name == "severity":
                fill = fills.setdefault(out[j], _blank_fill(out[j]))
                out[j] = _cell(worksheet, out[j], fill=fill)
            elif name in WRAPPED:
                out[j] = _cell(worksheet, out[j], align=WRAP)
            else:
                out[j] = _cell(worksheet, out[j], fmt=SCORE_FORMAT)
        for j, value in enumerate(out):
            if formula_like(value):   # a report's text that a spreadsheet would evaluate
                out[j] = _cell(worksheet, value)
        worksheet.append(out)


LINE_HEIGHT = 15   # points per line of 11 pt text


def _fit_height(worksheet, row: int, values: list, wrapped: dict[int, float]) -> None:
    """A row tall enough for its wrapped texts: LibreOffice does not measure rows when it opens a
    workbook, and prints wrapped lines over the next row."""
    lines = max((math.ceil(len(str(values[j])) / max(width - 1, 1)) for j, width in wrapped.items()
                 if isinstance(values[j], str)), default=1)
    if lines > 1:
        worksheet.row_dimensions[row].height = LINE_HEIGHT * min(lines, 20)


def _plain_values(data_frame: pd.DataFrame) -> list[list]:
    """Rows as plain Python values: None for missing, whole floats as integers, times in UTC
    without a zone (Excel has none)."""
    rows = data_frame.astype(object).where(data_frame.notna(), None).values.tolist()
    for row in rows:
        for j, value in enumerate(row):
            if isinstance(value, float) and value.is_integer():
                row[j] = int(value)
            elif isinstance(value, dt.datetime) and value.tzinfo is not None:   # PostgreSQL's timestamptz
                row[j] = value.astimezone(dt.timezone.utc).replace(tzinfo=None)
    return rows


def _note(text: str) -> Comment:
    note = Comment(text, AUTHOR)
    note.width, note.height = 320, 120
    return note


def _widths(worksheet, widths: dict[int, float], last_col: int, default: float = 9) -> None:
    for j in range(1, last_col + 1):
        worksheet.column_dimensions[get_column_letter(j)].width = widths.get(j, default)
