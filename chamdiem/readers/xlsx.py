"""Reader for .xlsx score sheets (openpyxl): the workbook's score sheet becomes a table, every other
row and sheet narrative lines, so a sheet is read by the same extractors as any other format.

What a user sees is what is read: numbers stored as numbers or as text ('2,5'), the values Excel or
LibreOffice cached for formulas (a formula with no cached value is kept as its formula text, which
the extractor reports as text in a score column, never guessed), merged cells (a cell over several
columns names each of them, a cell over several rows reaches every row it spans). Every cell keeps
its reference ('Sheet1!D14') next to its span in the text rendition.
"""
from __future__ import annotations

import io
import re
import zipfile

from chamdiem.lexicon.columns import column_role, stacked_role
from chamdiem.model.document import DocumentModel
from chamdiem.model.errors import CorruptFile, EmptyDocument
from chamdiem.readers.ooxml_guard import check_ooxml
from chamdiem.readers.builder import CellIn, DocumentBuilder
from chamdiem.readers.xlsx_wide import find_blocks, transposed_rows

SCORE_ROLES = ("max_points", "self_score", "authority_score", "bonus_max", "bonus_self", "bonus_authority")
GIVEN_ROLES = ("self_score", "authority_score", "bonus_self", "bonus_authority")
UNNAMED_NUMBER_ROWS = 3   # rows with a number that make an unnamed header column a score column
HEADER_ROWS = 3   # rows a header may take (a cell over its sub-columns, then the sub-columns)


def read_xlsx(path: str, data: bytes, sha256: str, fmt: str = "xlsx") -> DocumentModel:
    try:
        import openpyxl
    except ImportError:  # a dependency of the package; a broken install says how to mend it
        raise CorruptFile(path, "reading .xlsx needs openpyxl: pip install openpyxl") from None
    check_ooxml(path, data)   # sizes and ratios from the zip's directory, before anything is inflated
    try:
        shown = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
        formulas = openpyxl.load_workbook(io.BytesIO(data), data_only=False)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise CorruptFile(path, f"not a readable .xlsx: {type(exc).__name__}: {exc}") from None
    except Exception as exc:  # openpyxl raises several kinds for broken packages
        raise CorruptFile(path, f"not a readable .xlsx: {type(exc).__name__}: {exc}") from None
    sheets = [_Sheet(sheet, formulas[sheet.title]) for sheet in shown.worksheets]
    best = max(sheets, key=lambda s: s.score_rows, default=None)
    builder = DocumentBuilder(path, sha256, fmt)
    for sheet in sheets:
        sheet.emit(builder, as_table=sheet is best and best.score_rows > 0)
    if builder.empty:
        raise EmptyDocument(path, "the workbook holds no text")
    model = builder.build()
    model.format = fmt
    return model


def _ref(title: str, coordinate: str) -> str:
    return f"{title}!{coordinate}" if re.fullmatch(r"\w+", title) else f"'{title}'!{coordinate}"


def _shown(value, formula) -> str:
    """The cell as a user sees it: numbers without float noise, text as written."""
    if value is None:
        if isinstance(formula, str) and formula.startswith("="):
            return formula            # no cached value: kept as written, never computed here
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float)):
        if float(value).is_integer():
            return str(int(value))
        return f"{value:.4f}".rstrip("0").rstrip(".")
    if hasattr(value, "strftime"):
        return value.strftime("%d/%m/%Y")
    return str(value)


class _Sheet:
    """One worksheet as a grid of shown texts, its merged ranges, and where its score table is."""

    def __init__(self, worksheet, formulas_sheet):
        self.title = worksheet.title
        self.grid: dict[tuple[int, int], str] = {}
        for cells in worksheet.iter_rows():
            for cell in cells:
                if cell.__class__.__name__ == "MergedCell":
                    continue
                text = _shown(cell.value, formulas_sheet.cell(cell.row, cell.column).value)
                if text.strip():
                    self.grid[(cell.row, cell.column)] = text
        self.merges: dict[tuple[int, int], tuple[int, int]] = {}   # top-left -> (last row, last col)
        self.covered: dict[tuple[int, int], tuple[int, int]] = {}  # slot -> its merge's top-left
        for rng in worksheet.merged_cells.ranges:
            self.merges[(rng.min_row, rng.min_col)] = (rng.max_row, rng.max_col)
            for row in range(rng.min_row, rng.max_row + 1):
                for col in range(rng.min_col, rng.max_col + 1):
                    if (row, col) != (rng.min_row, rng.min_col):
                        self.covered[(row, col)] = (rng.min_row, rng.min_col)
        used = list(self.grid) + list(self.covered)
        self.rows = range(min((r for r, _ in used), default=1), max((r for r, _ in used), default=0) + 1)
        self.cols = range(min((c for _, c in used), default=1), max((c for _, c in used), default=0) + 1)
        self.header, self.score_cols, self.given_cols = self._find_header()
        self.end = self._table_end()
        # the score sheet is the one with the most rows scored by the unit or the authority (an
        # instructions sheet listing the maximum points has none)
        self.score_rows = 0 if self.header is None else sum(
            1 for row in range(self.header + 1, self.end + 1) if any(_is_number(self.grid.get((row, col), ""))
                                                                    for col in self.given_cols))
        # a wide score table (items as columns, score kinds as rows) is read transposed
        # (readers/xlsx_wide.py) when the sheet has no table in row form, or when the header found
        # is a wide block's (its item names over its numbers read as unnamed score columns)
        self.wide = find_blocks(self, _is_number)
        if self.header is not None and self.score_rows and not any(
                block.first <= self.header <= block.last for block in self.wide):
            self.wide = []
        if self.wide:
            self.score_rows = sum(block.given for block in self.wide)

    def _text(self, row: int, col: int) -> str:
        """The text shown in a slot: a merged cell's text shows in every slot it covers."""
        return self.grid.get(self.covered.get((row, col), (row, col)), "")

    def _find_header(self) -> tuple[int | None, set[int], set[int]]:
        """The first row naming a column, whose stacked header (with the rows under it) names at
        least two score columns; those columns, and the ones giving scores (not maximums)."""
        for row in self.rows:
            own = [col for col in self.cols if (row, col) in self.grid]
            if len(own) < 2 or not any(column_role(self.grid[(row, col)]) for col in own):
                continue  # a title merged across the sheet is not a header, even if it says 'tự chấm'

            # a score column the header leaves unnamed (blank, or words no catalog knows) but whose cells
            # hold numbers is one too: the framework may read it (normalizers/readings.py). A group
            # header alone ('Điểm thưởng' over its sub-columns) may name two score columns and none
            # given: a depth whose header names scores given is preferred, the rows below say the rest
            first = None
            for depth in range(HEADER_ROWS):
                scores, given, unnamed = self._header_roles(row, depth)
                if not scores:
                    continue
                numeric = {col for col in unnamed if self._numbers_below(row + depth, col) >= UNNAMED_NUMBER_ROWS}
                if len(scores) >= 2 and given:
                    return row, scores | numeric, given | numeric
                if first is None and len(scores | numeric) >= 2:
                    first = (row, scores | numeric, given | numeric)
            if first is not None:
                return first
        return None, set(), set()

    def _header_roles(self, row: int, depth: int) -> tuple[set[int], set[int], set[int]]:
        """The columns whose stacked header (rows ``row`` to ``row + depth``) names a score role,
        those giving scores (not maximums), and those naming no role at all."""
        scores, given, unnamed = set(), set(), set()
        for col in self.cols:
            stack = []
            for stack_row in range(row, row + depth + 1):
                text = self._text(stack_row, col)
                if text and (not stack or stack[-1] != text):
                    stack.append(text)
            role = stacked_role(stack)
            if role in SCORE_ROLES:
                scores.add(col)
            if role in GIVEN_ROLES:
                given.add(col)
            if role is None:
                unnamed.add(col)
        return scores, given, unnamed

    def _numbers_below(self, header_row: int, col: int) -> int:
        """Rows under the header with a number in column ``col`` (counted up to UNNAMED_NUMBER_ROWS)."""
        count = 0
        for row in self.rows:
            if row > header_row and _is_number(self.grid.get((row, col), "")):
                count += 1
                if count >= UNNAMED_NUMBER_ROWS:
                    break
        return count

    def _table_end(self) -> int:
        """The last row with a number in a score column: rows below it (signatures) are narrative."""
        if self.header is None:
            return self.header or 0
        last = self.header
        for row in self.rows:
            if row > self.header and any(_is_number(self.grid.get((row, c), "")) for c in self.score_cols):
                last = row
        return last

    def emit(self, builder: DocumentBuilder, as_table: bool) -> None:
        if as_table and self.wide:
            self._emit_wide(builder)
            return
        narrative = {row for row in self.rows if not (as_table and self.header <= row <= self.end)}
        # the narrative's first column: a cell right of it stands in a right-hand column of the
        # page's layout (the motto beside the issuer, the signer beside 'Nơi nhận:'), on a row of
        # its own or not
        first = min((c for (row, c) in self.grid if row in narrative), default=self.cols.start)
        for row in self.rows:
            if as_table and self.header <= row <= self.end:
                builder.row(self._row_cells(row))
                continue
            self._narrative_row(builder, row, first)
        builder.end_table()

    def _narrative_row(self, builder: DocumentBuilder, row: int, first: int) -> None:
        """A row outside the sheet: cells side by side (issuer left, 'CỘNG HÒA…' right) are lines, each
        in the columns it covers (a signature merged over E:H, the name under it over D:H)."""
        for c in self.cols:
            if (row, c) in self.grid:
                last = self.merges.get((row, c), (row, c))[1]
                builder.paragraph(self.grid[(row, c)], column=c - first, columns=last - c + 1)

    def _emit_wide(self, builder: DocumentBuilder) -> None:
        """Narrative rows as lines, each wide block as a table in row form (xlsx_wide.transposed_rows)."""
        from openpyxl.utils import get_column_letter

        def ref(row: int, col: int) -> str:
            return _ref(self.title, f"{get_column_letter(col)}{row}")

        blocks = {block.first: block for block in self.wide}
        inside = {row for block in self.wide for row in range(block.first, block.last + 1)}
        first = min((c for (row, c) in self.grid if row not in inside), default=self.cols.start)
        for row in self.rows:
            if row in blocks:
                for cells in transposed_rows(self, blocks[row], ref):
                    builder.row(cells)
                builder.end_table()
            if row not in inside:
                self._narrative_row(builder, row, first)
        builder.end_table()

    def _row_cells(self, row: int) -> list[CellIn]:
        from openpyxl.utils import get_column_letter
        out = []
        col = self.cols.start
        while col < self.cols.stop:
            ref = _ref(self.title, f"{get_column_letter(col)}{row}")
            top = self.covered.get((row, col))
            if top is not None:
                top_row, top_col = top
                _, last_col = self.merges[top]
                width = min(last_col, self.cols.stop - 1) - col + 1
                if top_col == col and top_row < row:
                    out.append(CellIn(col - self.cols.start, "", width, "continue", ref))
                col = last_col + 1
                continue
            span = self.merges.get((row, col))
            last_row, last_col = span if span else (row, col)
            width = last_col - col + 1
            merge = "restart" if last_row > row else None
            out.append(CellIn(col - self.cols.start, self.grid.get((row, col), ""), width, merge, ref))
            col += width
        return out


_NUMBER = re.compile(r"^\s*\d{1,4}(?:[.,]\d{1,4})?\s*$")


def _is_number(text: str) -> bool:
    return bool(_NUMBER.match(text))
