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

from chamdiem.lexicon.columns import column_role
from chamdiem.model.document import DocumentModel
from chamdiem.model.errors import CorruptFile, EmptyDocument
from chamdiem.readers.ooxml_guard import check_ooxml
from chamdiem.readers.builder import CellIn, DocumentBuilder

SCORE_ROLES = ("max_points", "self_score", "authority_score", "bonus_max", "bonus_self")
GIVEN_ROLES = ("self_score", "authority_score", "bonus_self")
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
    sheets = [_Sheet(ws, formulas[ws.title]) for ws in shown.worksheets]
    best = max(sheets, key=lambda s: s.score_rows, default=None)
    b = DocumentBuilder(path, sha256, fmt)
    for sheet in sheets:
        sheet.emit(b, as_table=sheet is best and best.score_rows > 0)
    if b.empty:
        raise EmptyDocument(path, "the workbook holds no text")
    model = b.build()
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

    def __init__(self, ws, ws_formulas):
        self.title = ws.title
        self.grid: dict[tuple[int, int], str] = {}
        for row in ws.iter_rows():
            for c in row:
                if c.__class__.__name__ == "MergedCell":
                    continue
                text = _shown(c.value, ws_formulas.cell(c.row, c.column).value)
                if text.strip():
                    self.grid[(c.row, c.column)] = text
        self.merges: dict[tuple[int, int], tuple[int, int]] = {}   # top-left -> (last row, last col)
        self.covered: dict[tuple[int, int], tuple[int, int]] = {}  # slot -> its merge's top-left
        for rng in ws.merged_cells.ranges:
            self.merges[(rng.min_row, rng.min_col)] = (rng.max_row, rng.max_col)
            for r in range(rng.min_row, rng.max_row + 1):
                for c in range(rng.min_col, rng.max_col + 1):
                    if (r, c) != (rng.min_row, rng.min_col):
                        self.covered[(r, c)] = (rng.min_row, rng.min_col)
        used = list(self.grid) + list(self.covered)
        self.rows = range(min((r for r, _ in used), default=1), max((r for r, _ in used), default=0) + 1)
        self.cols = range(min((c for _, c in used), default=1), max((c for _, c in used), default=0) + 1)
        self.header, self.score_cols, self.given_cols = self._find_header()
        self.end = self._table_end()
        # the score sheet is the one with the most rows scored by the unit or the authority (an
        # instructions sheet listing the maximum points has none)
        self.score_rows = 0 if self.header is None else sum(
            1 for r in range(self.header + 1, self.end + 1) if any(_is_number(self.grid.get((r, c), ""))
                                                                  for c in self.given_cols))

    def _text(self, r: int, c: int) -> str:
        """The text shown in a slot: a merged cell's text shows in every slot it covers."""
        return self.grid.get(self.covered.get((r, c), (r, c)), "")

    def _find_header(self) -> tuple[int | None, set[int], set[int]]:
        """The first row naming a column, whose stacked header (with the rows under it) names at
        least two score columns; those columns, and the ones giving scores (not maximums)."""
        for r in self.rows:
            own = [c for c in self.cols if (r, c) in self.grid]
            if len(own) < 2 or not any(column_role(self.grid[(r, c)]) for c in own):
                continue  # a title merged across the sheet is not a header, even if it says 'tự chấm'

            # a score column the header leaves unnamed (blank, or words no catalog knows) but whose cells
            # hold numbers is one too: the framework may read it (normalizers/readings.py); a header
            # naming two score columns itself is preferred at any depth
            fallback = None
            for depth in range(HEADER_ROWS):
                scores, given, unnamed = self._header_roles(r, depth)
                if not scores:
                    continue
                numeric = {c for c in unnamed if self._numbers_below(r + depth, c) >= UNNAMED_NUMBER_ROWS}
                if len(scores) >= 2:
                    return r, scores | numeric, given | numeric
                if fallback is None and len(scores | numeric) >= 2:
                    fallback = (r, scores | numeric, given | numeric)
            if fallback is not None:
                return fallback
        return None, set(), set()

    def _header_roles(self, r: int, depth: int) -> tuple[set[int], set[int], set[int]]:
        """The columns whose stacked header (rows r to r + depth) names a score role, those giving
        scores (not maximums), and those naming no role at all."""
        scores, given, unnamed = set(), set(), set()
        for c in self.cols:
            stack = []
            for rr in range(r, r + depth + 1):
                t = self._text(rr, c)
                if t and (not stack or stack[-1] != t):
                    stack.append(t)
            role = next((found for k in range(len(stack) - 1, -1, -1)
                         if (found := column_role(" ".join(stack[k:])))), None)
            if role in SCORE_ROLES:
                scores.add(c)
            if role in GIVEN_ROLES:
                given.add(c)
            if role is None:
                unnamed.add(c)
        return scores, given, unnamed

    def _numbers_below(self, r: int, c: int) -> int:
        """Rows under the header with a number in column c (counted up to UNNAMED_NUMBER_ROWS)."""
        count = 0
        for rr in self.rows:
            if rr > r and _is_number(self.grid.get((rr, c), "")):
                count += 1
                if count >= UNNAMED_NUMBER_ROWS:
                    break
        return count

    def _table_end(self) -> int:
        """The last row with a number in a score column: rows below it (signatures) are narrative."""
        if self.header is None:
            return self.header or 0
        last = self.header
        for r in self.rows:
            if r > self.header and any(_is_number(self.grid.get((r, c), "")) for c in self.score_cols):
                last = r
        return last

    def emit(self, b: DocumentBuilder, as_table: bool) -> None:
        for r in self.rows:
            if as_table and self.header <= r <= self.end:
                b.row(self._row_cells(r))
                continue
            # other rows are narrative; cells side by side (issuer left, 'CỘNG HÒA…' right) are lines
            texts = [self.grid[(r, c)] for c in self.cols if (r, c) in self.grid]
            if texts:
                b.paragraph("\n".join(texts))
        b.end_table()

    def _row_cells(self, r: int) -> list[CellIn]:
        from openpyxl.utils import get_column_letter
        out = []
        c = self.cols.start
        while c < self.cols.stop:
            top = self.covered.get((r, c))
            if top is not None:
                last_r, last_c = self.merges[top]
                width = min(last_c, self.cols.stop - 1) - c + 1
                if top[1] == c and top[0] < r:
                    out.append(CellIn(c - self.cols.start, "", width, "continue", _ref(self.title, f"{get_column_letter(c)}{r}")))
                c = last_c + 1
                continue
            span = self.merges.get((r, c))
            width = (span[1] - c + 1) if span else 1
            merge = "restart" if span and span[0] > r else None
            out.append(CellIn(c - self.cols.start, self.grid.get((r, c), ""), width, merge,
                              _ref(self.title, f"{get_column_letter(c)}{r}")))
            c += width
        return out


_NUMBER = re.compile(r"^\s*\d{1,4}(?:[.,]\d{1,4})?\s*$")


def _is_number(s: str) -> bool:
    return bool(_NUMBER.match(s))
