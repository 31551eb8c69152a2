"""Reader for .pdf with a text layer, on pypdfium2 (characters with their boxes, and the paths that
rule tables) instead of pdfplumber's pdfminer parse, which is several times slower.

Per page: ruled tables are found from their rules (readers/pdf_geometry.py); an unruled score sheet
from its header text (the columns are where the header words stand); the remaining lines are
narrative. A table that goes on to the next page is one table, its repeated header dropped by the
extractor. Before anything is trusted the text layer is checked: no text at all means a scan,
replacement or private-use glyphs mean text that is not what the page shows, legacy Vietnamese
fonts are converted.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from chamdiem.lexicon.columns import column_role
from chamdiem.lexicon.numbering import is_fragment, parse_marker
from chamdiem.lexicon.legacy_fonts import convert, encoding_of_font
from chamdiem.readers.builder import DocumentBuilder
from chamdiem.model.errors import BrokenTextLayer, CorruptFile, EmptyDocument, EncryptedPdf, NoTextLayer
from chamdiem.readers.pdf_geometry import Char, Line, Seg, chars_text, find_grids, group_lines, lines_text, slot_of
from chamdiem.model.document import DocumentModel

THIN = 3.0             # points: a path this thin is a rule
BAD_SHARE = 0.02       # share of unreadable glyphs above which the text layer is refused
_FURNITURE = re.compile(r"^\s*(?:[-–]\s*)?(?:trang\s+)?\d{1,3}(?:\s*/\s*\d{1,3})?(?:\s*[-–])?\s*$", re.I)


def read_pdf(path: str, data: bytes, sha256: str) -> DocumentModel:
    import pypdfium2 as pdfium
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise EncryptedPdf(path, "the PDF is encrypted (a password is needed to read it)") from None
        raise CorruptFile(path, f"not a readable PDF: {exc}") from None
    try:
        return _Reader(path, sha256, pdf).read()
    except pdfium.PdfiumError as exc:  # a page or its text that pdfium cannot load: a damaged file
        raise CorruptFile(path, f"damaged PDF: {exc}") from None
    finally:
        pdf.close()


class _Reader:
    def __init__(self, path: str, sha256: str, pdf):
        self.path, self.pdf = path, pdf
        self.b = DocumentBuilder(path, sha256, "pdf", paged=True)
        self.glyphs = 0
        self.bad = 0
        self.images = 0
        self.open_cols: int | None = None   # columns of a table that may go on to the next page

    def read(self) -> DocumentModel:
        for pno in range(len(self.pdf)):
            if pno:
                self.b.page_break()
            page = self.pdf[pno]
            try:
                self._page(page)
            finally:
                page.close()
        if self.glyphs == 0:
            if self.images:
                raise NoTextLayer(self.path, f"{len(self.pdf)} page(s) of images without a text layer (a scan); "
                                             "run OCR first")
            raise EmptyDocument(self.path, "the PDF holds no text")
        if self.bad > BAD_SHARE * self.glyphs:
            raise BrokenTextLayer(self.path, f"{self.bad} of {self.glyphs} glyphs have no Unicode meaning "
                                             "(replacement or private-use characters): the text layer is not "
                                             "what the page shows")
        return self.b.build()

    # --- one page
    def _page(self, page) -> None:
        import pypdfium2.raw as raw
        height = page.get_height()
        chars = self._chars(page, height)
        segs = []
        for obj in page.get_objects(max_depth=2):
            kind = obj.type
            if kind == raw.FPDF_PAGEOBJ_IMAGE:
                self.images += 1
            elif kind == raw.FPDF_PAGEOBJ_PATH:
                segs += _rules(obj, height)
        grids = find_grids(segs)
        items: list[tuple[float, str, object]] = []
        in_grid: list[list[Char]] = [[] for _ in grids]
        free: list[Char] = []
        for c in chars:
            for k, g in enumerate(grids):
                x0, y0, x1, y1 = g.bbox
                if x0 - 1 <= c.cx <= x1 + 1 and y0 - 1 <= c.cy <= y1 + 1:
                    in_grid[k].append(c)
                    break
            else:
                free.append(c)
        for k, g in enumerate(grids):
            items.append((g.ys[0], "grid", (g, in_grid[k])))
        lines = group_lines(free)
        stream = _stream_table(lines)
        for line in lines:
            if stream is None or not (stream.top <= line.top < stream.bottom):
                items.append((line.top, "line", line))
        if stream is not None:
            items.append((stream.top, "stream", stream))
        items.sort(key=lambda it: it[0])
        for _, kind, item in items:
            if kind == "line":
                text = item.text
                if _FURNITURE.match(text):
                    self.b.paragraph(text)  # page numbers do not end an open table
                    continue
                self.open_cols = None
                self.b.paragraph(text)
            elif kind == "grid":
                self._grid_rows(*item)
            else:
                self._stream_rows(item)

    def _chars(self, page, height: float) -> list[Char]:
        tp = page.get_textpage()
        try:
            n = tp.count_chars()
            if n <= 0:
                return []
            text = tp.get_text_range(0, n)
            encodings = self._legacy_encodings(page, tp, n)
            out = []
            space = False
            for i in range(min(n, len(text))):
                ch = text[i]
                if ch in "\r\n" or ch.isspace():
                    space = True
                    continue
                self.glyphs += 1
                if ch == "\ufffd" or "\ue000" <= ch <= "\uf8ff" or unicodedata.category(ch) == "Cc":
                    self.bad += 1
                    continue
                left, bottom, right, top = tp.get_charbox(i, loose=True)
                if encodings is not None and encodings[i]:
                    ch = convert(ch, encodings[i])
                out.append(Char(ch, left, height - top, right, height - bottom, space))
                space = False
            if encodings is not None:
                out = _join_vni_marks(out)
            return out
        finally:
            tp.close()

    @staticmethod
    def _legacy_encodings(page, tp, n: int) -> list[str | None] | None:
        """Per character, the legacy encoding of its font, or None when no font on the page is one."""
        import ctypes

        import pypdfium2.raw as raw
        names = {}
        for obj in page.get_objects(filter=[raw.FPDF_PAGEOBJ_TEXT], max_depth=2):
            font = raw.FPDFTextObj_GetFont(obj.raw)
            buf = ctypes.create_string_buffer(256)
            size = raw.FPDFFont_GetBaseFontName(font, buf, 256)
            names[ctypes.addressof(obj.raw.contents)] = buf.value.decode("latin-1") if size else ""
        if not any(encoding_of_font(nm) for nm in names.values()):
            return None
        out: list[str | None] = []
        for i in range(n):
            obj = raw.FPDFText_GetTextObject(tp.raw, i)
            out.append(encoding_of_font(names.get(ctypes.addressof(obj.contents), "")) if obj else None)
        return out

    # --- tables
    def _grid_rows(self, grid, chars: list[Char]) -> None:
        slots: dict[tuple[int, int], tuple[int, int, int, int]] = {}
        for cell in grid.cells:
            for i in range(cell[0], cell[2] + 1):
                for j in range(cell[1], cell[3] + 1):
                    slots[(i, j)] = cell
        texts: dict[tuple[int, int, int, int], list[Char]] = {cell: [] for cell in grid.cells}
        for c in chars:
            s = slot_of(grid, c.cx, c.cy)
            if s is not None and s in slots:
                texts[slots[s]].append(c)
        self._start_table(grid.ncols)
        first = True
        for i in range(len(grid.ys) - 1):
            row = [(cell[1], lines_text(texts[cell])) for cell in grid.cells if cell[0] == i]
            if not row:
                continue
            self.b.row(sorted(row), chunk_start=first)
            first = False
        self.b.end_table()

    def _stream_rows(self, st: "_Stream") -> None:
        """The header as one row of multi-line cells, then body lines grouped into rows. A row
        starts at a line bringing a number-column text or scores when the row already has them,
        or after a wider gap than the sheet's line spacing; other lines continue the row's cells
        (values may stand on any line of a row: top, middle or bottom aligned)."""
        self._start_table(len(st.bounds) + 1)
        number_col = next((j for j, r in enumerate(st.roles) if r == "number"), 0)
        score_cols = {j for j, r in enumerate(st.roles) if r in _SCORE_ROLES}
        header: dict[int, list[str]] = {}
        for line in st.header:
            for j, texts in self._split(line, st.bounds).items():
                header.setdefault(j, []).extend(texts)
        rows: list[dict[int, list[str]]] = []
        gaps = sorted(b.top - a.bottom for a, b in zip(st.body, st.body[1:]))
        usual = gaps[len(gaps) // 4] if gaps else 0.0
        has_scores = has_number = False
        prev = None
        for line in st.body:
            cells = self._split(line, st.bounds)
            scores = any(j in cells and _NUMBER.match(cells[j][0]) for j in score_cols)
            tt = cells.get(number_col, [""])[0]
            number = bool(tt) and (parse_marker(tt) is not None or is_fragment(tt))
            wide_gap = prev is not None and line.top - prev.bottom > usual + 0.3 * (line.bottom - line.top)
            if not rows or (scores and has_scores) or (number and has_number) or wide_gap:
                rows.append(cells)
                has_scores, has_number = scores, number
            else:
                for j, texts in cells.items():
                    rows[-1].setdefault(j, []).extend(texts)
                has_scores, has_number = has_scores or scores, has_number or number
            prev = line
        for k, cells in enumerate([header] + rows):
            self.b.row([(j, "\n".join(t)) for j, t in sorted(cells.items())], chunk_start=k == 0)
        self.b.end_table()

    @staticmethod
    def _split(line: Line, bounds: list[float]) -> dict[int, list[str]]:
        cols: dict[int, list[Char]] = {}
        for c in line.chars:
            cols.setdefault(sum(1 for x in bounds if c.cx > x), []).append(c)
        return {j: [chars_text(cs)] for j, cs in cols.items()}

    def _start_table(self, ncols: int) -> None:
        """Rows go on the table left open on the previous page when nothing but page numbers came
        between and the column count agrees (a table cut by a page break)."""
        if self.open_cols == ncols:
            self.b.continue_table()
        self.open_cols = ncols


def _rules(obj, height: float) -> list[Seg]:
    """Rules of a path object: a thin path is a line; a stroked rectangle gives its four edges."""
    import ctypes

    import pypdfium2.raw as raw
    left, bottom, right, top = obj.get_bounds()
    x0, x1, y0, y1 = left, right, height - top, height - bottom
    w, h = x1 - x0, y1 - y0
    if h <= THIN and w > THIN:
        return [Seg(True, (y0 + y1) / 2, x0, x1)]
    if w <= THIN and h > THIN:
        return [Seg(False, (x0 + x1) / 2, y0, y1)]
    if w <= THIN or h <= THIN:
        return []
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    raw.FPDFPath_GetDrawMode(obj.raw, ctypes.byref(fill), ctypes.byref(stroke))
    if not stroke.value or raw.FPDFPath_CountSegments(obj.raw) > 6:
        return []
    return [Seg(True, y0, x0, x1), Seg(True, y1, x0, x1), Seg(False, x0, y0, y1), Seg(False, x1, y0, y1)]


def _join_vni_marks(chars: list[Char]) -> list[Char]:
    """VNI draws a mark as its own glyph after the letter: fold it into the letter before it."""
    out: list[Char] = []
    for c in chars:
        if out and unicodedata.category(c.text[:1]) == "Mn" and not c.space_before:
            prev = out[-1]
            prev.text = unicodedata.normalize("NFC", prev.text + c.text)
            prev.x1 = max(prev.x1, c.x1)
            continue
        out.append(c)
    return out


# --- unruled score sheets
_SCORE_ROLES = ("max_points", "self_score", "authority_score", "bonus_max", "bonus_self")
_NUMBER = re.compile(r"^\d{1,4}(?:[.,]\d{1,2})?$")


@dataclass
class _Stream:
    top: float
    bottom: float
    bounds: list[float]          # x of the boundaries between columns
    roles: list[str | None]      # role of each column, from its header words
    header: list[Line]
    body: list[Line]


def _stream_table(lines: list[Line]) -> _Stream | None:
    """An unruled score sheet: a header of up to five lines whose word groups, stacked by column,
    name at least two score columns; the sheet runs on while its lines keep to those columns."""
    for k in range(len(lines)):
        if not any(column_role(chars_text(g)) for g in _word_groups(lines[k])):
            continue  # a header starts with a line that names a column
        for m in range(1, 6):
            block = lines[k:k + m]
            if len(block) < m or any(b.top - a.bottom > (a.bottom - a.top) for a, b in zip(block, block[1:])):
                break
            cols = _columns(block)
            if sum(1 for col in cols if column_role(_col_text(col)) in _SCORE_ROLES) < 2:
                continue
            # wrapped header words below, under the columns found, complete the header
            while k + m < len(lines) and _continues_header(lines[k + m], block[-1], cols):
                m += 1
                block = lines[k:k + m]
                cols = _columns(block)
            # a vertically centred header may begin above the first line that names a column
            while k > 0 and _continues_header(block[0], lines[k - 1], cols, above_is_new=True):
                k -= 1
                block = [lines[k]] + block
                cols = _columns(block)
            roles = [column_role(_col_text(col)) for col in cols]
            guess = [(max(c.x1 for g in a for c in g) + min(c.x0 for g in b for c in g)) / 2
                     for a, b in zip(cols, cols[1:])]
            near: list[Line] = []
            last = block[-1]
            for nxt in lines[k + m:]:
                if nxt.top - last.bottom > 3 * (last.bottom - last.top):
                    break
                near.append(nxt)
                last = nxt
            bounds = _rivers(block + near, guess)
            body = []
            for nxt in near:
                if _crosses(nxt, bounds):
                    break
                body.append(nxt)
            if body:
                return _Stream(block[0].top, body[-1].bottom + 0.01, bounds, roles, block, body)
    return None


def _col_text(col: list[list[Char]]) -> str:
    return " ".join(chars_text(g) for g in sorted(col, key=lambda g: (g[0].top, g[0].x0)))


def _continues_header(line: Line, above: Line, cols, above_is_new: bool = False) -> bool:
    """``line`` (or, with ``above_is_new``, the line ``above``) belongs to the header: adjacent,
    no digits, and every word group under one of the header's columns."""
    new = above if above_is_new else line
    if line.top - above.bottom > (above.bottom - above.top) or any(ch.text.isdigit() for ch in new.chars):
        return False
    if above_is_new and len(_word_groups(new)) < 2:
        return False  # a title or signature line just above the sheet is not part of its header
    extents = [(min(c.x0 for g in col for c in g), max(c.x1 for g in col for c in g)) for col in cols]
    return all(any(x0 < g[-1].x1 and g[0].x0 < x1 for x0, x1 in extents) for g in _word_groups(new))


def _rivers(lines: list[Line], guess: list[float]) -> list[float]:
    """Column boundaries where the sheet's text leaves a vertical strip empty: for each boundary
    guessed from the header, the middle of the nearest gap in the text below it."""
    spans = sorted((g[0].x0, g[-1].x1) for line in lines for g in _word_groups(line))
    if not spans:
        return guess
    gaps = []
    right = spans[0][1]
    for x0, x1 in spans[1:]:
        if x0 > right:
            gaps.append((right, x0))
        right = max(right, x1)
    out = []
    for b in guess:
        inside = [g for g in gaps if g[0] <= b <= g[1]]
        best = inside[0] if inside else min(gaps, key=lambda g: min(abs(g[0] - b), abs(g[1] - b)), default=None)
        out.append((best[0] + best[1]) / 2 if best else b)
    return sorted(set(out))


def _columns(block: list[Line]) -> list[list[list[Char]]]:
    """Word groups of the header lines, merged into columns where their x-ranges overlap."""
    cols: list[list[list[Char]]] = []
    for line in block:
        for g in _word_groups(line):
            x0, x1 = g[0].x0, g[-1].x1
            hit = [c for c in cols if min(ch.x0 for gg in c for ch in gg) < x1 and x0 < max(ch.x1 for gg in c for ch in gg)]
            if hit:
                merged = [gg for c in hit for gg in c] + [g]
                cols = [c for c in cols if not any(c is h for h in hit)] + [merged]
            else:
                cols.append([g])
    return sorted(cols, key=lambda c: min(ch.x0 for g in c for ch in g))


COLUMN_GAP = 0.45  # of a glyph's height: wider than a space (about 0.3), narrower than two cell paddings


def _word_groups(line: Line) -> list[list[Char]]:
    """Runs of characters separated by gaps wider than a space: the text of one column."""
    groups: list[list[Char]] = [[line.chars[0]]]
    for prev, c in zip(line.chars, line.chars[1:]):
        if c.x0 - prev.x1 > COLUMN_GAP * max(c.bottom - c.top, 1.0):
            groups.append([c])
        else:
            groups[-1].append(c)
    return groups


def _crosses(line: Line, bounds: list[float]) -> bool:
    """A line of running text has words that straddle the sheet's column boundaries."""
    for g in _word_groups(line):
        for x in bounds:
            if g[0].x0 < x < g[-1].x1:
                return True
    return False
