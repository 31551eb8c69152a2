"""Reader for .pdf with a text layer, on pypdfium2 (characters with their boxes, and the paths that
rule tables) instead of pdfplumber's pdfminer parse, which decodes every page in Python.

Per page: ruled tables are found from their rules (readers/pdf_geometry.py); an unruled score sheet
from its header text (the columns are where the header words stand); the remaining lines are
narrative. A table that goes on to the next page is one table, its repeated header dropped by the
extractor. Before anything is trusted the text layer is checked: no text at all means a scan,
replacement or private-use glyphs mean text that is not what the page shows, legacy Vietnamese
fonts are converted.
"""
from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np

from chamdiem.lexicon.catalogs import catalog
from chamdiem.lexicon.columns import column_role
from chamdiem.lexicon.numbering import is_fragment, parse_marker
from chamdiem.lexicon.legacy_fonts import convert, encoding_of_font, family
from chamdiem.readers.builder import CellIn, DocumentBuilder
from chamdiem.model.errors import BrokenTextLayer, EmptyDocument, NoTextLayer
from chamdiem.readers.pdf.layout import side_by_side_blocks
from chamdiem.readers.pdf.paragraphs import goes_on, opens_paragraph, text_column
from chamdiem.readers.pdf.geometry import (LINE_END_HYPHEN, Char, Line, PageChars, Seg, cell_boxes, cell_of_chars,
                                           cell_texts_grouped, chars_text, find_grids, join_lines, page_lines,
                                           stretched_space, text_ink)
from chamdiem.readers.pdf.pdfium import BareCalls, char_boxes, font_name, objects, rules
from chamdiem.readers.pdf.rules import Rules
from chamdiem.model.document import DocumentModel

_HYPHEN_MARKS = ("\ufffe", "\x02")  # how text layers report a hyphen that ends a line
_HYPHEN_CODES = [ord(c) for c in _HYPHEN_MARKS]
BAD_SHARE = 0.02       # share of unreadable glyphs above which the text layer is refused
# pages read before they are laid out: their tables' cell texts are read in one pass (memory and
# the sort keys of pdf_geometry.grouped_lines_text stay small)
BATCH_CHARS = 16000
BATCH_CELLS = 800
_FURNITURE = re.compile(r"^\s*(?:[-–]\s*)?(?:trang\s+)?\d{1,3}(?:\s*/\s*\d{1,3})?(?:\s*[-–])?\s*$", re.I)


class ScannedPages(NoTextLayer):
    """Pages of images and no glyph: the caller (``entry.read_pdf``) reads them by OCR when it can."""


def text_layer_reader(path: str, sha256: str, pdf) -> "_Reader":
    """The reader of an open pypdfium2 document's text layer and rules."""
    return _Reader(path, sha256, pdf)


def page_layout_reader(path: str, sha256: str, fmt: str) -> "_Reader":
    """A reader fed page by page through ``lay_out`` (``builder.page_break()`` between pages) by a
    reader that finds characters and rules itself: the OCR reader."""
    return _Reader(path, sha256, None, fmt)


class _Reader:
    def __init__(self, path: str, sha256: str, pdf, fmt: str = "pdf"):
        self.path, self.pdf, self.sha256 = path, pdf, sha256
        self.builder = DocumentBuilder(path, sha256, fmt, paged=True)
        self.glyphs = 0
        self.bad = 0
        self.images = 0
        self.open_cols: int | None = None   # columns of a table that may go on to the next page
        self.last_stream: _Stream | None = None  # the last unruled sheet, whose columns a next page may keep
        self.laid = 0   # pages laid out
        self.opens = False   # the narrative line being written begins a paragraph (readers/pdf/paragraphs)
        self.last_line: Line | None = None   # the last item written, when a narrative line
        # a text layer boxes each glyph, and where a font gives no metrics pdfium's loose box falls
        # back to the glyph's ink ('m' shorter than 'Đ'): the gap between columns is then weighed
        # against the line's tallest glyph, and lines are spaced by their baselines. OCR's boxes are
        # its words' (page_layout_reader), left as they were.
        self.glyph_boxes = pdf is not None

    def read(self) -> DocumentModel:
        batch: list[_PageRead] = []
        for pno in range(len(self.pdf)):
            page = self.pdf[pno]
            try:
                batch.append(self._page(page))
            finally:
                page.close()
            if sum(len(r.chars) for r in batch) >= BATCH_CHARS or sum(r.cells for r in batch) >= BATCH_CELLS:
                self._lay_out_pages(batch)
                batch = []
        self._lay_out_pages(batch)
        if self.glyphs == 0:
            if self.images:
                raise ScannedPages(self.path, f"{len(self.pdf)} page(s) of images without a text layer (a scan)")
            raise EmptyDocument(self.path, "the PDF holds no text")
        if self.bad > BAD_SHARE * self.glyphs:
            raise BrokenTextLayer(self.path, f"{self.bad} of {self.glyphs} glyphs have no Unicode meaning "
                                             "(replacement or private-use characters): the text layer is not "
                                             "what the page shows")
        return self.builder.build()

    # --- one page
    def _page(self, page) -> "_PageRead":
        import pypdfium2.raw as raw
        objs, kinds = objects(page.raw)
        self.images += kinds.count(raw.FPDF_PAGEOBJ_IMAGE)
        paths = [o for o, k in zip(objs, kinds) if k == raw.FPDF_PAGEOBJ_PATH]
        texts = [o for o, k in zip(objs, kinds) if k == raw.FPDF_PAGEOBJ_TEXT]
        height = page.get_height()
        return _PageRead(self._chars(page, height, texts), find_grids(rules(paths, height)), page.get_width())

    def _lay_out_pages(self, pages: "list[_PageRead]") -> None:
        """Pages read, laid out one after the other; the text of all their tables' cells is read
        at once (pdf_geometry.cell_texts_grouped), a page's tables alone cost more in array calls."""
        for page in pages:
            page.split()
        texts = iter(cell_texts_grouped([pair for page in pages for pair in zip(page.grids, page.in_grid)],
                                        [group for page in pages for group in page.groups]))
        for n, page in enumerate(pages):
            if self.laid:
                self.builder.page_break()
            self.laid += 1
            self._lay_out(page, [next(texts) for _ in page.grids], pages[n + 1] if n + 1 < len(pages) else None)

    def lay_out(self, chars: PageChars, segs: "list[Seg] | Rules", width: float) -> None:
        """One page from its characters and rules (top-down points): ruled tables, an unruled score
        sheet, narrative lines. The OCR reader feeds it the characters of the words it read."""
        page = _PageRead(chars, find_grids(segs), width)
        page.split()
        self._lay_out(page, cell_texts_grouped(list(zip(page.grids, page.in_grid)), page.groups))

    def _lay_out(self, page: "_PageRead", texts: list[dict], next_page: "_PageRead | None" = None) -> None:
        self._write_items(self._page_items(page, texts, next_page))

    def _lines(self, page: "_PageRead") -> list[Line]:
        if page.lines is None:
            page.lines = page_lines(page.free, COLUMN_GAP, self.glyph_boxes)
        return page.lines

    def _page_items(self, page: "_PageRead", texts: list[dict], next_page: "_PageRead | None" = None) -> "list[_Item]":
        """The page's ruled tables, unruled sheet, side-by-side blocks and narrative lines, top down.
        ``next_page``: the page after, when read already (a sheet's header at this page's foot is
        completed by the rows under it there)."""
        grids = page.grids
        lines = self._lines(page)
        tails = [_unruled_rows_below(grid, lines) for grid in grids]
        boxes = [cell_boxes(grid, page.in_grid[k], texts[k], page.groups[k]) for k, grid in enumerate(grids)]
        items = [_Item(grid.ys[0], "grid", (grid, texts[k], boxes[k], tails[k])) for k, grid in enumerate(grids)]
        if any(tails):
            taken = {id(line) for tail in tails for line in tail}
            lines = [line for line in lines if id(line) not in taken]
        sheet = self.last_stream
        stream = _stream_table(lines, sheet if sheet is not None and self.open_cols == len(sheet.bounds) + 1 else None)
        if stream is not None and not stream.body:
            stream = self._foot_header(stream, next_page)
        carried = self._carried_stream([line for line in lines if stream is None or line.top < stream.top], grids)
        if carried is not None:
            items.append(_Item(carried.top, "stream", carried))
            lines = [line for line in lines if not (carried.top <= line.top < carried.bottom)]
        self.last_stream = stream or carried or self.last_stream
        free_lines = [line for line in lines if stream is None or not (stream.top <= line.top < stream.bottom)]
        items += _narrative_items(free_lines, page.width)
        if stream is not None:
            items.append(_Item(stream.top, "stream", stream))
        items.sort(key=lambda item: item.top)
        return items

    def _write_items(self, items: "list[_Item]") -> None:
        pending = ""   # a narrative line ending in a line-end hyphen: the word goes on the next line
        pending_chars: list[Char] = []
        column = text_column([item.content for item in items if item.kind == "line"])
        for n, item in enumerate(items):
            if item.kind == "line":
                next_is_line = n + 1 < len(items) and items[n + 1].kind == "line"
                if not pending:   # (a line joined to the hyphenated one before opens as that one did)
                    self.opens = self._opens(item.content, items[n - 1] if n else None, column)
                self.last_line = item.content
                pending, pending_chars = self._write_line(item.content, pending, pending_chars, next_is_line)
                continue
            self.last_line = None
            if item.kind == "side":
                self._write_side(item.content)
            elif item.kind == "grid":
                self._grid_rows(*item.content)
            else:
                self._stream_rows(item.content)

    def _opens(self, line: Line, before: "_Item | None", column) -> bool:
        """Whether a narrative line begins a paragraph (readers/pdf/paragraphs): from the line above
        it on its page, or, as a page's first, from the last line of the page before."""
        if before is not None:
            return before.kind != "line" or opens_paragraph(line, before.content, column)
        return self.last_line is None or not goes_on(self.last_line.text, line.text)

    def _write_line(self, line: Line, pending: str, pending_chars: list[Char],
                    next_is_line: bool) -> tuple[str, list[Char]]:
        """One narrative line, joined to a hyphenated line before it; returns what is left pending
        (the line itself when it ends in a line-end hyphen and a narrative line follows)."""
        text = join_lines([pending, line.text]) if pending else line.text
        chars = pending_chars + line.chars if pending_chars else line.chars
        if text.endswith(LINE_END_HYPHEN) and next_is_line:
            return text, chars
        text = text.replace(LINE_END_HYPHEN, "-")
        if _FURNITURE.match(text):
            self.builder.paragraph(text, text_ink(text, chars))  # page numbers do not end an open table
            return "", []
        self.open_cols = None
        box = (line.x0, line.top, line.x1, line.bottom) if chars is line.chars else None
        self.builder.paragraph(text, text_ink(text, chars, box), whole=self.opens)
        return "", []

    def _write_side(self, block) -> None:
        """A borderless layout table (header, signature): its two columns are one row's cells."""
        self.open_cols = None
        self.builder.end_table()
        self.builder.row([(0, "\n".join(block.left)), (1, "\n".join(block.right))])
        self.builder.end_table()

    def _foot_header(self, sheet: "_Stream", next_page: "_PageRead | None") -> "_Stream | None":
        """A header alone at the page's foot (``_stream_below``), its columns completed by the rows
        that go on under it at the top of the next page: a column whose header is blank shows by its
        numbers there. A header naming one score column is a sheet's only when those rows show
        another; without the next page, one naming two is."""
        named = sum(1 for role in sheet.roles if role in _SCORE_ROLES)
        if next_page is None or next_page.grids:
            return sheet if named >= 2 else None
        lines = self._lines(next_page)
        lead = 0
        while lead < len(lines) and _FURNITURE.match(lines[lead].text):
            lead += 1
        cols = _HeaderColumns()
        for line in sheet.header:
            cols.add(line)
        found = _stream_below(sheet.header + lines[lead:], sheet.header, len(sheet.header), cols, least=1)
        if found is None or not found.body:
            return sheet if named >= 2 else None
        return _Stream(sheet.top, sheet.bottom, found.bounds, found.roles, sheet.header, [], found.stack_bounds,
                       completed=True)

    def _carried_stream(self, lines: list[Line], grids) -> "_Stream | None":
        """An unruled sheet left open on the previous page that goes on at the top of this one
        without repeating its header: the leading lines that keep to its columns, with a score."""
        sheet = self.last_stream
        if sheet is None or self.open_cols != len(sheet.bounds) + 1 or grids or not lines:
            return None
        score_cols = {j for j, r in enumerate(sheet.roles) if r in _SCORE_ROLES + (_UNNAMED,)}
        lead = 0
        while lead < len(lines) and _FURNITURE.match(lines[lead].text):
            lead += 1   # page numbers above the sheet's rows
        lines = lines[lead:]
        # a sheet with rows above: its bounds moved to this page's own strips; a header alone at
        # the previous page's foot: found again with this page's first lines
        bounds = _carried_bounds(lines, sheet.bounds) if sheet.body or sheet.completed else _body_bounds(sheet, lines)
        body: list[Line] = []
        for line in lines:
            if _crosses_row(line, bounds, sheet.roles, sheet.stops) \
                    or (body and line.top - body[-1].bottom > 3 * (line.bottom - line.top)):
                break
            body.append(line)
        if not any(any(j in score_cols and _NUMBER.match(t[0]) for j, t in self._split(line, bounds).items())
                   for line in body):
            return None
        return _Stream(body[0].top, body[-1].bottom + 0.01, bounds, sheet.roles, [], body, spacing=sheet.spacing,
                       stops=sheet.stops)

    def _chars(self, page, height: float, text_objects: list | None = None) -> PageChars:
        textpage = page.get_textpage()
        try:
            n = textpage.count_chars()
            if n <= 0:
                return PageChars.of([])
            text = textpage.get_text_range(0, n)
            if len(text) != n:
                # the range drops control characters (a hyphen mapped to U+0002): read char by char
                # so that each character keeps its box
                import pypdfium2.raw as raw
                text = "".join(chr(raw.FPDFText_GetUnicode(textpage.raw, i)) for i in range(n))
            encodings = self._legacy_encodings(page, textpage, n, text_objects)
            if encodings is not None:
                return PageChars.of(self._legacy_chars(textpage, text, n, height, encodings))
            readable = min(n, len(text))
            codes = np.frombuffer(text[:readable].encode("utf-32-le"), dtype="<u4")
            classes = _GLYPH_CLASS.take(codes, mode="clip")
            blank = classes == _BLANK
            keep = np.flatnonzero((classes & 1) == 0)   # glyphs and line-end hyphens
            nblank = int(np.count_nonzero(blank))
            self.glyphs += readable - nblank
            self.bad += readable - nblank - len(keep)
            # white space since the previous kept glyph (unreadable glyphs between do not reset it)
            since = np.cumsum(blank)[keep]
            space = np.empty(len(keep), dtype=bool)
            if len(keep):
                space[0] = since[0] > 0
                space[1:] = since[1:] > since[:-1]
            kept = codes[keep].astype(np.uint32)
            kept[classes[keep] == _HYPHEN] = ord(LINE_END_HYPHEN)   # a line-end hyphen, not unreadable
            box = char_boxes(textpage, keep)
            return PageChars(kept, box[:, 0], height - box[:, 1], box[:, 2], height - box[:, 3], space)
        finally:
            textpage.close()

    def _legacy_chars(self, textpage, text: str, n: int, height: float, encodings: list[str | None]) -> list[Char]:
        """Glyph by glyph, for pages set in legacy Vietnamese fonts (converted, VNI marks joined)."""
        out = []
        space = False
        for i in range(min(n, len(text))):
            glyph = text[i]
            if glyph in "\r\n" or glyph.isspace():
                space = True
                continue
            self.glyphs += 1
            if glyph in _HYPHEN_MARKS:
                glyph = LINE_END_HYPHEN   # a line-end hyphen, not an unreadable glyph
            elif glyph == "\ufffd" or "\ue000" <= glyph <= "\uf8ff" or unicodedata.category(glyph) == "Cc":
                self.bad += 1
                continue
            left, bottom, right, top = textpage.get_charbox(i, loose=True)
            if encodings[i]:
                glyph = convert(glyph, encodings[i])
                self.builder.legacy.add(family(encodings[i]))
            out.append(Char(glyph, left, height - top, right, height - bottom, space))
            space = False
        return _join_vni_marks(out)

    @staticmethod
    def _legacy_encodings(page, textpage, n: int, text_objects: list | None = None) -> list[str | None] | None:
        """Per character, the legacy encoding of its font, or None when no font on the page is one."""
        import pypdfium2.raw as raw
        pdfium = BareCalls.load()
        if text_objects is None:
            text_objects = [obj for obj, kind in zip(*objects(page.raw)) if kind == raw.FPDF_PAGEOBJ_TEXT]
        by_font = {font: font_name(font) for font in set(map(pdfium.text_font, text_objects))}
        if not any(encoding_of_font(nm) for nm in by_font.values()):
            return None
        fonts = dict(zip(text_objects, map(pdfium.text_font, text_objects)))
        names = {obj: by_font[font] for obj, font in fonts.items()}
        out: list[str | None] = []
        textpage_address = pdfium.addr(textpage.raw)
        for i in range(n):
            obj = pdfium.char_object(textpage_address, i)
            out.append(encoding_of_font(names.get(obj, "")) if obj else None)
        return out

    # --- tables
    def _grid_rows(self, grid, texts: dict, boxes: dict | None = None, tail: "list[Line] | None" = None) -> None:
        self._start_table(grid.ncols)
        nrows = len(grid.ys) - 1
        starting: list[list[CellIn]] = [[] for _ in range(nrows)]
        going_on: list[list[CellIn]] = [[] for _ in range(nrows)]
        for cell in grid.cells:
            first_row, first_col, last_row, last_col = cell
            span = last_col - first_col + 1
            starting[first_row].append(CellIn(first_col, texts[cell], span, "restart" if last_row > first_row else None,
                                              boxes=(boxes or {}).get(cell)))
            # a cell merged over several rows (a criterion number over its contents) reaches each
            for i in range(first_row + 1, last_row + 1):
                going_on[i].append(CellIn(first_col, "", span, "continue"))
        first = True
        for row, more in zip(starting, going_on):
            if not row:
                continue
            if more:
                row = sorted(row + more, key=lambda c: c.col)
            self.builder.row(row, chunk_start=first)
            first = False
        for line in tail or ():
            cells = []
            for group in _word_groups(line):
                text = chars_text(group)
                cells.append(CellIn(_grid_column(grid, group), text, boxes=text_ink(text, group)))
            self.builder.row(cells, chunk_start=first)
            first = False
        self.builder.end_table()

    def _stream_rows(self, sheet: "_Stream") -> None:
        """The header as one row of multi-line cells, then body lines grouped into rows (see
        ``_top_rows`` and, for vertically centred cells, ``_centred_rows``)."""
        self._start_table(len(sheet.bounds) + 1)
        header_rows = _header_rows(sheet)
        split_chars = [_row_chars(line, sheet) for line in sheet.body]
        split = [{j: [chars_text(cs)] for j, cs in cols.items()} for cols in split_chars]
        marks = _line_marks(sheet, split, self.glyph_boxes)
        label_col = next((j for j, r in enumerate(sheet.roles) if r == "label"), None)
        own_number_column = "number" in sheet.roles and "number" != sheet.roles[label_col or 0]
        centred = _centred(marks, split, label_col) \
            or _half_line_steps(sheet.body, marks) >= int(catalog("pdf_layout")["least_half_line_rows"])
        groups = _centred_rows(marks, sheet.body, own_number_column) if centred \
            else _top_rows(marks, carried=not sheet.header or sheet.repeated)
        rows, row_chars = _grouped_cells(groups, split, split_chars)
        for n, cells in enumerate(header_rows):
            self.builder.row(cells, chunk_start=n == 0)
        for cells, chars in zip(rows, row_chars):
            self.builder.row([CellIn(j, join_lines(t), boxes=text_ink(join_lines(t), chars[j]))
                        for j, t in sorted(cells.items())])
        self.builder.end_table()

    @staticmethod
    def _split(line: Line, bounds: list[float]) -> dict[int, list[str]]:
        return {j: [chars_text(cs)] for j, cs in _Reader._split_chars(line, bounds).items()}

    @staticmethod
    def _split_chars(line: Line, bounds: list[float]) -> dict[int, list[Char]]:
        cols: dict[int, list[Char]] = {}
        for char in line.chars:
            cols.setdefault(sum(1 for x in bounds if char.cx > x), []).append(char)
        return cols

    def _start_table(self, ncols: int) -> None:
        """Rows go on the table left open on the previous page when nothing but page numbers came
        between and the column count agrees (a table cut by a page break)."""
        if self.open_cols == ncols:
            self.builder.continue_table()
        self.open_cols = ncols


_GLYPH, _BLANK, _HYPHEN, _UNREADABLE = 0, 1, 2, 3   # kept: the even ones


def _glyph_classes() -> np.ndarray:
    """The class of each code point of the BMP, white space (str.isspace, none above U+3000) before
    a line-end hyphen before glyphs without Unicode meaning (U+FFFD, private use, control characters
    of category Cc); a last entry, a glyph, stands for every code point past the BMP."""
    table = np.zeros(0x10001, dtype=np.uint8)
    code = np.arange(0x10000)
    unreadable = (code == 0xFFFD) | ((code >= 0xE000) & (code <= 0xF8FF)) | (code < 0x20) \
        | ((code >= 0x7F) & (code <= 0x9F))
    table[:0x10000][unreadable] = _UNREADABLE
    table[_HYPHEN_CODES] = _HYPHEN
    table[[i for i in range(0x3001) if chr(i).isspace()]] = _BLANK
    return table


_GLYPH_CLASS = _glyph_classes()


def _join_vni_marks(chars: list[Char]) -> list[Char]:
    """VNI draws a mark as its own glyph after the letter: fold it into the letter before it."""
    out: list[Char] = []
    for char in chars:
        if out and unicodedata.category(char.text[:1]) == "Mn" and not char.space_before:
            prev = out[-1]
            out[-1] = prev._replace(text=unicodedata.normalize("NFC", prev.text + char.text), x1=max(prev.x1, char.x1))
            continue
        out.append(char)
    return out


class _PageRead:
    """A page as read: its characters, ruled tables and width; ``split`` then gives each table its
    characters and leaves the rest (``free``) for the line logic (geometry.page_lines)."""

    def __init__(self, chars: PageChars, grids: list, width: float):
        self.chars, self.grids, self.width = chars, grids, width
        self.cells = sum(len(g.cells) for g in grids)
        self.in_grid: list[PageChars] = []
        self.groups: list[np.ndarray] = []   # per table, the cell of each of its characters (cell_of_chars)
        self.free: PageChars = chars
        self.lines: list[Line] | None = None   # the free characters' lines, once found

    def split(self) -> None:
        """Each character goes to the first table whose box (a point wider) holds its centre."""
        chars, grids = self.chars, self.grids
        owner = np.full(len(chars), -1, dtype=np.int64)
        if grids and len(chars):
            cx, cy = chars.cx, chars.cy
            for k, grid in enumerate(grids):
                x0, y0, x1, y1 = grid.bbox
                owner[(owner < 0) & (x0 - 1 <= cx) & (cx <= x1 + 1) & (y0 - 1 <= cy) & (cy <= y1 + 1)] = k
        self.in_grid = [chars.take(owner == k) for k in range(len(grids))]
        # found once: the cells' texts (cell_texts_grouped) and their boxes (cell_boxes) both read them
        self.groups = [cell_of_chars(grid, in_grid) for grid, in_grid in zip(grids, self.in_grid)]
        self.free = chars.take(owner < 0)


def _header_rows(sheet: "_Stream") -> list[list[CellIn]]:
    """The header of an unruled sheet as rows of cells. Its words go to the column under their
    middle, each column's lines joined, every column with a cell (a blank one for a column found
    from its numbers alone). A group header over sub-columns (``_group_headers``) is a cell of its
    own spanning them, in a first row; the sub-columns' words under it go in a second."""
    ncols = len(sheet.bounds) + 1
    entries: dict[int, list[tuple[float, float, str]]] = {}   # per column: its header lines' texts
    groups: list[tuple[int, int, str]] = []   # (first column, last column, text) of group headers
    for n, line in enumerate(sheet.header):
        cols: dict[int, list[Char]] = {}
        for group in _word_groups(line):
            if any(group[0].x0 < x < group[-1].x1 for x in sheet.stack_bounds):
                first = bisect.bisect_left(sheet.bounds, group[0].x0)
                if _over_words(group, sheet.header[n + 1:]) or _over_parts(group, sheet.header[n + 1:], sheet.bounds):
                    groups.append((first, bisect.bisect_left(sheet.bounds, group[-1].x1), chars_text(group)))
                else:   # wider than its column, over nothing: the column it begins in
                    cols.setdefault(first, []).extend(group)
                continue
            if sheet.stops is not None:   # a boundary may stand in a header word: the word goes whole, by its middle
                cols.setdefault(bisect.bisect_left(sheet.bounds, (group[0].x0 + group[-1].x1) / 2), []).extend(group)
                continue
            for char in group:
                cols.setdefault(bisect.bisect_left(sheet.bounds, char.cx), []).append(char)
        for j, chars in cols.items():
            entries.setdefault(j, []).append((line.top, line.bottom, chars_text(chars)))
    groups += _group_headers(entries, ncols, {j for first, last, _ in groups for j in range(first, last + 1)})
    texts = {j: [text for _, _, text in column] for j, column in entries.items()}
    if not groups:
        return [[CellIn(j, join_lines(texts.get(j, []))) for j in range(ncols)]]
    under = {j for first, last, _ in groups for j in range(first, last + 1)}
    top = [CellIn(first, text, last - first + 1) for first, last, text in groups]
    top += [CellIn(j, join_lines(texts.get(j, []))) for j in range(ncols) if j not in under]
    return [sorted(top, key=lambda c: c.col), [CellIn(j, join_lines(texts.get(j, []))) for j in sorted(under)]]


def _over_words(group: list[Char], below: list[Line]) -> bool:
    """Header words of a cell of their own stand under ``group`` in the lines ``below``: further
    down than the next line of a wrapped text (``cell_below_pitches`` lines of 1.25 times the
    glyphs' height, the usual leading)."""
    top = min(c.top for c in group)
    least = float(catalog("pdf_layout")["cell_below_pitches"]) * 1.25 * (max(c.bottom for c in group) - top)
    return any(line.top - top >= least and any(g[0].x0 < group[-1].x1 and group[0].x0 < g[-1].x1
                                               for g in _word_groups(line))
               for line in below)


def _over_parts(group: list[Char], below: list[Line], bounds: list[float]) -> bool:
    """Header words over sub-columns named on a line below, however close under them (header
    lines set a line apart, as tab-aligned paragraphs): below the group's extent, words stand in
    two columns or more of those the group spans, each word group within one column. A wrapped
    header's next line is one run of words, or crosses the boundary it would stand apart at."""
    x0, x1 = group[0].x0, group[-1].x1
    for line in below:
        under = [g for g in _word_groups(line) if g[0].x0 < x1 and x0 < g[-1].x1]
        if len(under) < 2 or _crosses_bounds(under, bounds):
            continue
        if len({bisect.bisect_left(bounds, g[0].x0) for g in under}) >= 2:
            return True
    return False


def _crosses_bounds(groups: list[list[Char]], bounds: list[float]) -> bool:
    return any(g[0].x0 < x < g[-1].x1 for g in groups for x in bounds)


def _group_headers(entries: dict[int, list[tuple[float, float, str]]], ncols: int,
                   covered: set[int]) -> list[tuple[int, int, str]]:
    """Group headers of a two-row header whose text does not reach over its sub-columns (a short
    group name written from the left of the first): a column's first header line with more of the
    column's text below it, where the next columns' header texts all begin below that line, level
    with the column's own text below it (the sub-columns' row). Each such line leaves its column's
    entries (taken out of ``entries``) and is returned as (first column, last column, text). Columns
    under a group found already (``covered``) are in no other."""
    out = []
    pitch = _paragraph_pitch(entries)
    pitches = float(catalog("pdf_layout")["cell_below_pitches"])
    for j in range(ncols):
        column = entries.get(j, [])
        if len(column) < 2 or j in covered:
            continue
        top, bottom, text = column[0]
        if column[1][0] - top < pitches * (pitch or 1.25 * (bottom - top)):
            continue   # the next line of the same cell's text, not a cell below
        last = j
        while last + 1 < ncols and last + 1 not in covered and entries.get(last + 1) \
                and entries[last + 1][0][0] >= bottom:
            last += 1
        if last > j:
            out.append((j, last, text))
            entries[j] = column[1:]
    return out


def _paragraph_pitch(entries: dict[int, list[tuple[float, float, str]]]) -> float:
    """The distance between the lines of one header cell's text: the smallest step down a column
    from one line to the next that is not on the same line (0 when no column has two lines)."""
    steps = [b[0] - a[0] for column in entries.values() for a, b in zip(column, column[1:])
             if b[0] - a[0] >= 0.9 * (a[1] - a[0])]
    return min(steps, default=0.0)


class _Item(NamedTuple):
    """A thing on a page to be written in reading order: "grid", "stream", "side" or "line"."""
    top: float
    kind: str
    content: object


def _narrative_items(lines: list[Line], width: float) -> list[_Item]:
    """Lines outside tables: those of a side-by-side block go as one "side" item at its first line."""
    sides = side_by_side_blocks(lines, width)
    items: list[_Item] = []
    skip = 0
    for k, line in enumerate(lines):
        if k in sides:
            items.append(_Item(line.top, "side", sides[k]))
            skip = sides[k].lines
        if skip:
            skip -= 1
            continue
        items.append(_Item(line.top, "line", line))
    return items


# --- unruled score sheets
_SCORE_ROLES = ("max_points", "self_score", "authority_score", "bonus_max", "bonus_self", "bonus_authority")
# a column found from its stack of numbers, under a blank header or a group header over it and a
# neighbour: its numbers are scores whose role the extractor reads from the header rows written
_UNNAMED = "numbers"
_NUMBER = re.compile(r"^\d{1,4}(?:[.,]\d{1,2})?$")
# lines a header may take: two header rows of vertically centred cells ("ĐIỂM" over "Thang / điểm",
# "Kết quả / tự chấm / điểm") interleave into as many as eight lines
HEADER_LINES = 8


@dataclass
class _Stream:
    top: float
    bottom: float
    bounds: list[float]          # x of the boundaries between columns
    roles: list[str | None]      # role of each column, from its header words
    header: list[Line]
    body: list[Line]
    stack_bounds: list[float] = field(default_factory=list)   # boundaries found from stacks of numbers
    # the spacing of one cell's lines, measured down this sheet (_line_marks), or carried from the
    # page before to a sheet going on with too few lines to show it
    spacing: float | None = None
    completed: bool = False   # a header alone at a page's foot whose columns the next page's rows gave
    # the header of the sheet left open on the page before, repeated at this page's top: the lines
    # above the first row that brings a number or scores end the row the page break cut
    repeated: bool = False
    # a tab-aligned sheet whose labels run on under the numbers of other rows or past the tab stops
    # of the score columns after them (``_overrun``): each column's stop, the right edge its
    # numbers keep (``_stops``); None for any other sheet
    stops: list[float] | None = None


def _stream_table(lines: list[Line], open_sheet: "_Stream | None" = None) -> _Stream | None:
    """An unruled score sheet: a header of up to five lines whose word groups, stacked by column,
    name at least two score columns (or one, a label column, and a body with another column of
    numbers); the sheet runs on while its lines keep to those columns. ``open_sheet``: a sheet of
    the page before that goes on at this page's top unless a header naming two score columns starts
    another (a row of the open sheet whose label names one, 'được cấp có thẩm quyền công nhận', is
    no header, nor is a block holding a line of its scores: ``_open_sheet_row``).
    A header grows a line at a time (``_HeaderColumns.add``), so a header candidate that runs over
    many lines costs their characters once, not once per line added."""
    repeated = _repeated_header_sheet(lines, open_sheet) if open_sheet is not None else None
    named: dict[int, bool] = {}   # line index -> a word group of the line names a column
    rows = _OpenSheetRows(open_sheet)
    for least in (2,) if open_sheet is not None else (2, 1):
        found = _stream_search(lines, least, named, rows)
        if found is not None:
            # (the header printed again keeps the sheet's columns, unless this page's header words
            # part more of them: the page before may have read a two-row header's sub-columns as one)
            return repeated if repeated is not None and len(repeated.bounds) >= len(found.bounds) else found
    return repeated


class _OpenSheetRows:
    """Which lines are rows of the sheet left open on the page before (``_open_sheet_row``), each
    line asked once."""

    def __init__(self, sheet: "_Stream | None"):
        self.sheet = sheet
        self.known: dict[int, bool] = {}

    def holds_row(self, lines: list[Line], k: int) -> bool:
        if self.sheet is None:
            return False
        if k not in self.known:
            self.known[k] = _open_sheet_row(lines[k], self.sheet)
        return self.known[k]

    def names_in_text(self, header: list[Line]) -> bool:
        """``_open_sheet_text``: a header found is the open sheet's text."""
        return self.sheet is not None and _open_sheet_text(header, self.sheet)


def _repeated_header_sheet(lines: list[Line], sheet: "_Stream") -> "_Stream | None":
    """The open ``sheet`` going on under its header printed again on this page (a table's heading
    row repeated at the top of each page), with the rows under it (``_repeated_sheet``). Looked
    for before any other header: the line under a repeated header, the end of a label the page
    break cut, would grow a header found from its words alone."""
    size = len(sheet.header)
    start = 0
    while start < len(lines) and _FURNITURE.match(lines[start].text):
        start += 1   # page numbers above it
    if not size or not _repeats_header(lines[start:start + size], sheet):
        return None
    return _repeated_sheet(lines, lines[start:start + size], start + size, sheet)


def _repeats_header(block: list[Line], sheet: "_Stream") -> bool:
    """``block`` is ``sheet``'s header printed again: line by line, the same word groups standing
    where they stood (within half a line's height)."""
    if len(block) != len(sheet.header):
        return False
    for line, old in zip(block, sheet.header):
        slack = 0.5 * (line.bottom - line.top)
        groups, old_groups = _word_groups(line), _word_groups(old)
        if _group_texts(line) != _group_texts(old) or any(
                abs(g[0].x0 - o[0].x0) > slack or abs(g[-1].x1 - o[-1].x1) > slack
                for g, o in zip(groups, old_groups)):
            return False
    return True


def _repeated_sheet(lines: list[Line], block: list[Line], end: int, sheet: "_Stream") -> "_Stream | None":
    """The rows under ``sheet``'s header repeated at the top of a page (``block``, which ends before
    ``lines[end]``): they keep the sheet's columns, each boundary moved to the strip this page
    leaves empty near it (``_carried_bounds``), and run on up to the first line that crosses
    them (running text). The header's words alone would place the boundaries only roughly: a
    label wrapped in its column runs further left and right than centred header words over it,
    and across the boundaries guessed from them (read as running text, the rows were lost)."""
    near = _first_lines(lines[end:])
    if not near or near[0].top - block[-1].bottom > 3 * (block[-1].bottom - block[-1].top):
        return None
    kept = _lines_within(near, sheet.bounds)
    if not kept:
        return None
    bounds = _carried_bounds(kept, sheet.bounds)
    body = _lines_within(near, bounds)
    stack = [new for old, new in zip(sheet.bounds, bounds) if old in sheet.stack_bounds]
    return _Stream(block[0].top, body[-1].bottom + 0.01, bounds, sheet.roles, block, body, stack,
                   spacing=sheet.spacing, repeated=True) if body else None


def _lines_within(lines: list[Line], bounds: list[float]) -> list[Line]:
    """The lines up to the first that crosses the column ``bounds``."""
    out = []
    for line in lines:
        if _crosses(line, bounds):
            break
        out.append(line)
    return out


def _open_sheet_text(header: list[Line], sheet: "_Stream") -> bool:
    """Lines taken for a header that are the open ``sheet``'s cells: they keep to its columns (no
    word over a boundary), and the score columns they name stand under its text columns only (a
    label giving its scale, 'Đạt: 3 điểm; Không đạt: 0 điểm', a note, 'Tự chấm trừ 0,5 điểm'),
    none under its number columns, where its header, repeated, names them."""
    if any(_crosses(line, sheet.bounds) for line in header):
        return False
    cols = _HeaderColumns()
    for line in header:
        cols.add(line)
    score_cols = {j for j, role in enumerate(sheet.roles) if role in _SCORE_ROLES + (_UNNAMED,)}
    return not any(bisect.bisect_left(sheet.bounds, (x0 + x1) / 2) in score_cols
                   for (x0, x1), role in zip(cols.extents(), cols.roles()) if role in _SCORE_ROLES)


def _open_sheet_row(line: Line, sheet: "_Stream") -> bool:
    """A line of the open ``sheet``'s scores: numbers standing alone, each within one of its number
    columns (between the boundaries around it), in two of them or more (all of them, where it has
    fewer). Header words name their columns; a number under each is a row's."""
    edges = [float("-inf")] + sheet.bounds + [float("inf")]
    score_cols = [j for j, role in enumerate(sheet.roles) if role in _SCORE_ROLES + (_UNNAMED,)]
    hit = {j for g in _word_groups(line) if _NUMBER.match(chars_text(g))
           for j in score_cols if edges[j] <= g[0].x0 and g[-1].x1 <= edges[j + 1]}
    return bool(score_cols) and len(hit) >= min(2, len(score_cols))


def _stream_search(lines: list[Line], least: int, named: dict[int, bool],
                   rows: "_OpenSheetRows | None" = None) -> _Stream | None:
    """``_stream_table`` for headers naming ``least`` score columns or more: a header naming only
    one is looked for when none names two (it may be the first lines of a fuller header). A block
    of lines holding a row of the sheet open from the page before (``rows``) is no header."""
    rows = rows or _OpenSheetRows(None)
    for start in range(len(lines)):
        if rows.holds_row(lines, start) or not _may_start_header(lines, start, named):
            continue
        k = start
        cols, held = _HeaderColumns(), (k, k)   # the lines cols holds: lines[held[0]:held[1]]
        for size in range(1, HEADER_LINES + 1):
            block = lines[k:k + size]
            if len(block) < size or any(_header_rows_apart(a, b) for a, b in zip(block, block[1:])) \
                    or rows.holds_row(lines, k + size - 1):
                break
            if held != (k, k + size - 1):
                cols, held = _HeaderColumns(), (k, k)
                for line in block[:-1]:
                    cols.add(line)
            if size > 1 and _wider_than_header(block[-1], cols):
                break
            cols.add(block[-1])
            held = (k, k + size)
            if _score_columns(cols) < 2:
                # a header row may have a taller cell naming a score column centred on it; a header
                # naming one score column is a sheet's when the body shows another by its numbers
                grown = _with_gap_cell(lines, k, block) if size == 1 else None
                if grown is not None:
                    k, block, cols = grown
                elif _score_columns(cols) < least:
                    continue
            k, block, cols = _grow_header(lines, k, block, cols)
            # a vertically centred header may begin above the first line that names a column
            while k > 0 and _continues_header(block[0], lines[k - 1], cols, above_is_new=True):
                k -= 1
                block = [lines[k]] + block
                cols.add(lines[k])
            held = (k, k + len(block))
            # the body is looked for below the header's last line, wherever the header grew
            found = _stream_below(lines, block, k + len(block), cols, least)
            if found is not None and (_running_text(found.header[0], found.bounds) or rows.names_in_text(found.header)):
                break   # a paragraph's line above the sheet, or the open sheet's text: a header starts further down
            if found is not None:
                return found
    return None


def _running_text(line: Line, bounds: list[float]) -> bool:
    """A line of running text, not a header's: its words stand at a paragraph's spacing (no gap
    wider than ``running_text_gap`` line heights, catalogs/pdf_layout.toml: a justified line
    stretches its spaces, a header's cells stand apart by their padding and more) and leave no
    gutter where the sheet's columns have theirs: a word straddles a column boundary, or each
    boundary within the line stands in one of its word spaces, stretched alike (``stretched_space``:
    a justified line whose spaces are wider than a header's padding, parted at one of them, and the
    lines under it that have a space there, are no sheet)."""
    groups = _word_groups(line)
    if len(groups) < 2:
        return False
    widest = float(catalog("pdf_layout")["running_text_gap"]) * max(line.bottom - line.top, 1.0)
    if any(b[0].x0 - a[-1].x1 > widest for a, b in zip(groups, groups[1:])):
        return False
    return _crosses(line, bounds) or stretched_space(line.chars, _gaps_at(line, bounds))


def _gaps_at(line: Line, bounds: list[float]) -> list[int]:
    """The characters of ``line`` after the gaps where the ``bounds`` within it stand (none where
    a boundary stands inside a glyph)."""
    chars = line.chars
    out = []
    for x in bounds:
        k = bisect.bisect_left(chars, x, key=lambda c: c.x0)
        if 0 < k < len(chars) and chars[k - 1].x1 <= x:
            out.append(k)
    return out


def _header_rows_apart(a: Line, b: Line) -> bool:
    """Two lines too far apart to be one header's: more than a line's height apart, or, where the
    lower line names a score column (a second row of header cells, top-aligned and padded apart
    from the first by about a line), more than ``header_row_gap`` of the taller line's height
    (catalogs/pdf_layout.toml)."""
    gap = b.top - a.bottom
    if gap <= a.bottom - a.top:
        return False
    height = max(a.bottom - a.top, b.bottom - b.top)
    return gap > float(catalog("pdf_layout")["header_row_gap"]) * height or \
        not any(column_role(text) in _SCORE_ROLES for text in _group_texts(b))


def _stream_below(lines: list[Line], block: list[Line], end: int, cols: "_HeaderColumns",
                  least: int = 2) -> _Stream | None:
    """The sheet under the header ``block`` (which ends before ``lines[end]``): the lines near
    enough below it, up to the first that crosses the boundaries between the columns (running
    text); None without a body, unless the header names two score columns at the foot of its page."""
    extents = cols.extents()   # each column's leftmost and rightmost character
    guess = [(left[1] + right[0]) / 2 for left, right in zip(extents, extents[1:])]
    near: list[Line] = []
    last = block[-1]
    for nxt in lines[end:]:
        if nxt.top - last.bottom > 3 * (last.bottom - last.top):
            break
        near.append(nxt)
        last = nxt
    bounds = _rivers(block + near, guess, [x0 for x0, _ in extents[1:]])
    lines_below = near
    if len(bounds) < len(guess):
        # columns run together: running text close under the sheet (a paragraph right after a
        # borderless table) fills the strips between them; the rivers of the lines above it
        near = _above_running_text(near, extents)
        bounds = _rivers(block + near, guess, [x0 for x0, _ in extents[1:]])
    body = _lines_within(near, bounds)
    stops = None
    if not body or len(body) < len(lines_below) and _overrun(lines_below[len(body)], guess, cols.roles()) is not None:
        # no row, or the rows stop at one whose label runs over a boundary: a tab-aligned sheet?
        tabbed = _tab_aligned(block, lines_below, guess, extents, cols.roles())
        if tabbed is not None:
            bounds, stops = tabbed
            body = []
            for nxt in lines_below:
                if _crosses_row(nxt, bounds, cols.roles(), stops):
                    break
                body.append(nxt)
    at_foot = all(_FURNITURE.match(line.text) for line in lines[end + len(body):])
    if at_foot and not _has_digits(body):
        block, body = block + body, []   # lines of no number at the page's foot: the header's own
    if body:
        found = _sheet_with_body(block, body, bounds, cols, least, at_foot)
        if found is not None:
            found.stops = stops if len(found.roles) == len(cols.roles()) else None
        return found
    named = _score_columns(cols)
    if at_foot and (named >= 2 or (named == 1 and "label" in cols.roles() and not _has_digits(block))):
        # a header left alone at the foot of its page (its rows do not fit): its body, on the next
        # page, goes on under its columns (_Reader._foot_header, _Reader._carried_stream)
        return _Stream(block[0].top, block[-1].bottom + 0.01, bounds, cols.roles(), block, [])
    return None


def _tab_aligned(block: list[Line], near: list[Line], guess: list[float], extents: list[tuple[float, float]],
                 roles: list[str | None]) -> tuple[list[float], list[float]] | None:
    """A tab-aligned sheet (paragraphs with tab stops, no table: a word processor's 'Mục → Tiêu
    chí → Tối đa → Tự chấm') where the lines under the header, read as any sheet's, gave no row,
    or stopped at a row of its own whose label runs over a boundary (``_overrun``): its
    boundaries (``_overrun_bounds``) and the score columns' tab stops (``_stops``); None when
    no row's label runs over the boundaries guessed from the header."""
    found = _overrun_bounds(block, near, guess, extents, roles)
    if found is None:
        return None
    return found, _stops(near, found, roles)


def _overrun_bounds(block: list[Line], near: list[Line], guess: list[float],
                    extents: list[tuple[float, float]], roles: list[str | None]) -> list[float] | None:
    """The column boundaries of a tab-aligned sheet: a label nearly as long as its column runs on
    under the right-aligned numbers of other rows ('10' starts left of '3' at the same stop), and
    one longer still passes a score column's stop (``_overrun``), so that no strip is empty from
    the top of the sheet to its foot. Such rows left aside, a boundary is the middle of the empty
    strip around its guess (``_rivers``), else the middle of the widest strip that no character's
    middle stands in, between the end of the header words on its left and the end of those on its
    right: each row's text and its numbers stand on either side of it. None when no row is such,
    or a boundary is not found."""
    rows = [line for line in near if _overrun(line, guess, roles) is None]
    if len(rows) == len(near) or not rows:
        return None
    spans = sorted((g[0].x0, g[-1].x1) for line in block + rows for g in _word_groups(line))
    gaps = _empty_strips(spans)
    # the middles of the characters of words, a number whole from its first to its last
    middles = _empty_strips(sorted(
        (group[0].cx, group[-1].cx) if _NUMBER.match(chars_text(group)) else (char.cx, char.cx)
        for line in near for group in _word_groups(line)
        for char in (group[:1] if _NUMBER.match(chars_text(group)) else group)))
    out = []
    for k, boundary in enumerate(guess):
        inside = [g for g in gaps if g[0] <= boundary <= g[1]]
        if inside:
            out.append(_boundary_in(inside[0], spans, block + rows))
            continue
        lo, hi = extents[k][1], extents[k + 1][1]
        widest = max((g for g in middles if lo <= g[0] and g[1] <= hi), key=lambda g: g[1] - g[0], default=None)
        if widest is None:
            return None
        out.append((widest[0] + widest[1]) / 2)
    return out if all(a < b for a, b in zip(out, out[1:])) else None


def _stops(lines: list[Line], bounds: list[float], roles: list[str | None]) -> list[float]:
    """Each column's tab stop: the right edge most of its numbers share (right-aligned at the
    stop); no stop (infinity) for a column of no numbers. Numbers of rows whose label passed a
    stop stand a column right of their own, at that column's stop: fewer than its own."""
    edges: dict[int, dict[float, int]] = {}
    for line in lines:
        for group in _word_groups(line):
            j = bisect.bisect_left(bounds, group[0].cx)
            if j == bisect.bisect_left(bounds, group[-1].cx) and _NUMBER.match(chars_text(group)):
                counts = edges.setdefault(j, {})
                x = round(group[-1].x1 * 2) / 2
                counts[x] = counts.get(x, 0) + 1
    return [max(edges[j], key=edges[j].get) if j in edges else float("inf") for j in range(len(roles))]


def _overrun(line: Line, bounds: list[float], roles: list[str | None],
             stops: list[float] | None = None) -> tuple[int, int, int] | None:
    """A row of a tab-aligned sheet whose label runs over the boundaries of the score columns
    after it (``bounds``: each character's column by its middle, as ``_Reader._split_chars``):
    (its label's word group, the column it starts in, how many columns its numbers moved right).
    Text that passes a tab stop sends the next tab to the stop after it, so a label that passes
    the stop of one score column (``stops``, ``_stops``) moves every number of its row one column
    right: 'TC1 Triển khai, … công tác dân vận' past 'Tối đa' puts the maximum under 'Tự chấm'
    and the self score under 'Thẩm định'. The label is the row's last word group that is not a
    number; every group after it is a number within one score column, right of the label's end.
    None for a line that is no such row."""
    groups = _word_groups(line)
    last = max((i for i, g in enumerate(groups) if not _NUMBER.match(chars_text(g))), default=None)
    if last is None or last == len(groups) - 1:
        return None
    label = groups[last]
    first, end = bisect.bisect_left(bounds, label[0].cx), bisect.bisect_left(bounds, label[-1].cx)
    scores = [role in _SCORE_ROLES + (_UNNAMED,) for role in roles]
    if end == first or end >= len(scores) or not all(scores[first + 1:end + 1]):
        return None
    shift = sum(1 for j in range(first + 1, len(scores)) if label[-1].x1 > stops[j]) if stops is not None else 0
    cols = []
    for group in groups[last + 1:]:
        j = bisect.bisect_left(bounds, group[0].cx)
        if j != bisect.bisect_left(bounds, group[-1].cx) or j < end or not scores[j]:
            return None
        cols.append(j - shift)
    return (last, first, shift) if cols[0] > first and all(a < b for a, b in zip(cols, cols[1:])) else None


def _crosses_row(line: Line, bounds: list[float], roles: list[str | None], stops: list[float] | None) -> bool:
    """``_crosses``; in a tab-aligned sheet (``stops``), where a boundary may stand inside a glyph
    of a number or of a label's last letter, a word group whose characters' middles stand on both
    sides of a boundary, unless it is a label run over the boundaries (``_overrun``)."""
    if stops is None:
        return _crosses(line, bounds)
    return any(bisect.bisect_left(bounds, group[0].cx) != bisect.bisect_left(bounds, group[-1].cx)
               for group in _word_groups(line)) and _overrun(line, bounds, roles, stops) is None


def _row_chars(line: Line, sheet: _Stream) -> dict[int, list[Char]]:
    """A body line's characters by column (``_Reader._split_chars``); in a tab-aligned sheet, a
    row whose label ran over boundaries (``_overrun``): the label whole in the column it starts
    in, its numbers moved back to the columns their tabs were for."""
    found = _overrun(line, sheet.bounds, sheet.roles, sheet.stops) if sheet.stops is not None else None
    if found is None:
        return _Reader._split_chars(line, sheet.bounds)
    last, first, shift = found
    cols: dict[int, list[Char]] = {}
    for i, group in enumerate(_word_groups(line)):
        if i < last:
            for char in group:
                cols.setdefault(bisect.bisect_left(sheet.bounds, char.cx), []).append(char)
        else:
            j = first if i == last else bisect.bisect_left(sheet.bounds, group[0].cx) - shift
            cols.setdefault(j, []).extend(group)
    return cols


def _above_running_text(near: list[Line], extents: list[tuple[float, float]]) -> list[Line]:
    """The lines before the first of running text: one whose word group runs over the middles of
    two of the header's columns (``extents``, each column's header words). A cell's text, wrapped
    within its column, may run past its header's words on both sides (a label under centred
    words narrower than its column), but not over the next column's middle."""
    middles = [(x0 + x1) / 2 for x0, x1 in extents]
    for n, line in enumerate(near):
        if any(sum(group[0].x0 < x < group[-1].x1 for x in middles) >= 2 for group in _word_groups(line)):
            return near[:n]
    return near


def _grid_column(grid, group: list[Char]) -> int | None:
    """The column of a ruled grid that holds a word group wholly (a point's slack), else None."""
    for j, (a, b) in enumerate(zip(grid.xs, grid.xs[1:])):
        if a - 1 <= group[0].x0 and group[-1].x1 <= b + 1:
            return j
    return None


def _unruled_rows_below(grid, lines: list[Line]) -> list[Line]:
    """Rows printed right under a ruled grid without its rules (a spreadsheet's total row left
    unbordered): the lines that follow the grid's foot each within a line's height of the one above,
    whose texts, two at least, each keep to one of the grid's columns, one of them a number right of
    the first column."""
    tail: list[Line] = []
    above = grid.ys[-1]
    for line in lines:
        if line.top < above - 1:
            continue
        height = line.bottom - line.top
        if line.top - above > height or line.x0 < grid.xs[0] - 1 or line.x1 > grid.xs[-1] + 1:
            break
        groups = _word_groups(line)
        cols = [_grid_column(grid, group) for group in groups]
        if len(groups) < 2 or None in cols or len(set(cols)) < len(cols) or not any(
                col > 0 and _NUMBER.match(chars_text(group)) for col, group in zip(cols, groups)):
            break
        tail.append(line)
        above = line.bottom
    return tail


def _has_digits(lines: list[Line]) -> bool:
    return any(ch.text.isdigit() for line in lines for ch in line.chars)


def _sheet_with_body(block: list[Line], body: list[Line], bounds: list[float], cols: "_HeaderColumns",
                     least: int, at_foot: bool) -> _Stream | None:
    """``_stream_below`` where body lines keep to the header's columns: the sheet, with the columns
    its numbers show under blank headers, when its header names score columns enough."""
    # a sheet that runs to the page's foot shows its first rows only (a row of long wrapped
    # labels may be all a page holds): a stack of numbers is then one line or more
    layout = catalog("pdf_layout")
    stack = int(layout["least_stack_lines_at_page_foot" if at_foot else "least_stack_lines"])
    stacked, roles = _blank_header_columns(block, body, bounds, cols.roles(), stack)
    named = _score_columns(cols)
    # a header naming one score column needs a label column named, no digits, and another column
    # of numbers whose header names nothing (or that was found by its numbers)
    if named < least or (named < 2 and (
            "label" not in roles or _has_digits(block)
            or named + _unnamed_number_columns(body, stacked, roles, stack) < 2)):
        return None
    return _Stream(block[0].top, body[-1].bottom + 0.01, stacked, roles, block, body,
                   [x for x in stacked if x not in bounds])


def _first_lines(lines: list[Line]) -> list[Line]:
    """The lines from the page's top set close enough together to be one sheet's: up to the first
    gap of more than three line heights."""
    near: list[Line] = []
    for line in lines:
        if near and line.top - near[-1].bottom > 3 * (line.bottom - line.top):
            break
        near.append(line)
    return near


def _body_bounds(sheet: _Stream, lines: list[Line]) -> list[float]:
    """The column boundaries of a sheet whose header stood alone at the foot of the previous page,
    found again with the body's first lines under it (``lines``, the next page's): the header's
    own gaps are guesses (a label wider than its header word goes on past them)."""
    bounds = _rivers(sheet.header + _first_lines(lines), sheet.bounds)
    return bounds if len(bounds) == len(sheet.bounds) else sheet.bounds


def _blank_header_columns(header: list[Line], body: list[Line], bounds: list[float],
                          roles: list[str | None], least: int) -> tuple[list[float], list[str | None]]:
    """Columns whose header cell is blank (or under a group header that names only a neighbour):
    within one header column's slot, a stack of numbers stands apart from another stack on the
    same lines, an empty strip between them all the way down the body. Each such strip is a
    boundary; the side without header words is a column of no role."""
    spans = sorted((g[0].x0, g[-1].x1) for line in body for g in _word_groups(line))
    if not spans:
        return bounds, roles
    bounds, roles = list(bounds), list(roles)
    for a, b in _empty_strips(spans):
        if any(a <= x <= b for x in bounds):
            continue
        j = bisect.bisect_left(bounds, a)
        lo = bounds[j - 1] if j else float("-inf")
        hi = bounds[j] if j < len(bounds) else float("inf")
        if not _two_stacks(body, lo, hi, a, b, least):
            continue
        inside = [g for line in header for g in _word_groups(line) if lo < (g[0].x0 + g[-1].x1) / 2 < hi]
        named_left = any(g[0].x0 < a for g in inside)
        named_right = any(g[-1].x1 > b for g in inside)
        bounds.insert(j, _clear_of_header_words(a, b, inside))
        roles.insert(j if named_right and not named_left else j + 1, _UNNAMED)
    return bounds, roles


def _clear_of_header_words(a: float, b: float, groups: list[list[Char]]) -> float:
    """The boundary in the body's empty strip (a, b): its middle, or, where header words run into
    the strip from one side (a sub-column's name set flush with its numbers, wider than they are:
    'Thưởng' over '30'), the middle of what they leave of it, so that each stays in its column.
    Words over the whole strip (a group header over both columns) or inside it bound nothing."""
    lo, hi = a, b
    for group in groups:
        x0, x1 = group[0].x0, group[-1].x1
        if x0 <= a < x1 < b:
            lo = max(lo, x1)
        elif a < x0 < b <= x1:
            hi = min(hi, x0)
    return (lo + hi) / 2 if lo < hi else (a + b) / 2


def _unnamed_number_columns(body: list[Line], bounds: list[float], roles: list[str | None], least: int) -> int:
    """Columns whose header names no role and that hold numbers on ``least`` body lines or more
    (``least_stack_lines`` in catalogs/pdf_layout.toml)."""
    counts: dict[int, int] = {}
    for line in body:
        for j, chars in _Reader._split_chars(line, bounds).items():
            if roles[j] in (None, _UNNAMED) and _NUMBER.match(chars_text(chars)):
                counts[j] = counts.get(j, 0) + 1
    return sum(1 for n in counts.values() if n >= least)


def _two_stacks(body: list[Line], lo: float, hi: float, a: float, b: float, least: int) -> bool:
    """Between ``lo`` and ``hi``, the body has numbers right of the strip (a, b) and, on ``least``
    lines or more (``least_stack_lines``), words left of it too."""
    both = 0
    for line in body:
        groups = [g for g in _word_groups(line) if lo < (g[0].x0 + g[-1].x1) / 2 < hi]
        right = [g for g in groups if g[0].x0 >= b]
        if not right:
            continue
        if not all(_NUMBER.match(chars_text(g)) for g in right):
            return False
        both += any(g[-1].x1 <= a for g in groups)
    return both >= least


class _HeaderColumn(NamedTuple):
    """One column of a header block: its extent and the word groups in it."""
    x0: float
    x1: float
    groups: list[list[Char]]


class _HeaderColumns:
    """The columns of a header block as its lines are added, above or below: word groups merged
    where their x-ranges overlap, each column's extent kept beside its groups. The columns are the
    connected runs of overlapping groups, whatever order the lines come in."""

    def __init__(self) -> None:
        self._cols: list[_HeaderColumn] = []
        self._sorted: list[_HeaderColumn] | None = None
        self._roles: list[str | None] | None = None
        # id of a column -> (the column, its role): a line added leaves most columns as they were,
        # and their roles need not be read again (the column is kept, so its id is not reused)
        self._known_roles: dict[int, tuple[_HeaderColumn, str | None]] = {}

    def add(self, line: Line) -> None:
        for group in _word_groups(line):
            x0, x1 = group[0].x0, group[-1].x1
            hit = [col for col in self._cols if col.x0 < x1 and x0 < col.x1]
            left = min(c.x0 for c in group)
            right = max(c.x1 for c in group)
            if hit:
                merged = [g for col in hit for g in col.groups] + [group]
                left = min(left, *(col.x0 for col in hit))
                right = max(right, *(col.x1 for col in hit))
                self._cols = [col for col in self._cols if not any(col is h for h in hit)]
                self._cols.append(_HeaderColumn(left, right, merged))
            else:
                self._cols.append(_HeaderColumn(left, right, [group]))
        self._sorted = self._roles = None

    def _in_order(self) -> list[_HeaderColumn]:
        if self._sorted is None:
            self._sorted = sorted(self._cols, key=lambda col: col.x0)
        return self._sorted

    def extents(self) -> list[tuple[float, float]]:
        return [(col.x0, col.x1) for col in self._in_order()]

    def roles(self) -> list[str | None]:
        """Each column's role from its header words (lexicon.columns)."""
        if self._roles is None:
            known = self._known_roles
            for col in self._in_order():
                if id(col) not in known:
                    known[id(col)] = (col, column_role(_col_text(col.groups)))
            self._roles = [known[id(col)][1] for col in self._in_order()]
        return self._roles


class _LineMarks(NamedTuple):
    """What a body line of an unruled sheet brings, that rows are grouped by."""
    scores: bool          # a number in a score column
    number: bool          # a numbering text in the number column
    wide_gap: bool        # a wider gap above it than the cells' line spacing
    starts_label: bool    # its label text starts like a label's first line


def _line_marks(sheet: _Stream, split: list[dict[int, list[str]]], glyph_boxes: bool = False) -> list[_LineMarks]:
    """Per body line of an unruled sheet: (scores, number, wide gap before it, starts a label),
    what ``_top_rows`` and ``_centred_rows`` group the lines into rows by. With ``glyph_boxes``
    (a text layer's), gaps are measured between levelled lines (``_levelled_spans``)."""
    number_col = next((j for j, r in enumerate(sheet.roles) if r == "number"), 0)
    score_cols = {j for j, r in enumerate(sheet.roles) if r in _SCORE_ROLES + (_UNNAMED,)}
    label_col = next((j for j, r in enumerate(sheet.roles) if r == "label"), None)
    spans = _levelled_spans(sheet.body) if glyph_boxes else [(line.top, line.bottom) for line in sheet.body]
    usual, measured = _cell_line_spacing(spans, split)
    if measured or sheet.spacing is None:
        sheet.spacing = usual
    else:
        usual = sheet.spacing   # a sheet's few lines at the top of a page: its spacing on the page before
    marks = []
    for k, (line, cells) in enumerate(zip(sheet.body, split)):
        scores = any(j in cells and _NUMBER.match(cells[j][0]) for j in score_cols)
        number_text = cells.get(number_col, [""])[0]
        number = bool(number_text) and (parse_marker(number_text, lists=True, bare_letter=True) is not None
                                        or is_fragment(number_text))
        wide_gap = k > 0 and spans[k][0] - spans[k - 1][1] > usual + 0.3 * (line.bottom - line.top)
        lab = cells.get(label_col, [""])[0] if label_col is not None else ""
        marks.append(_LineMarks(scores, number, wide_gap, _starts_label(lab)))
    return marks


def _grouped_cells(groups: list[list[int]], split, split_chars) -> tuple[list[dict], list[dict]]:
    """The cells' texts and characters of each row, its lines' put together column by column."""
    rows: list[dict[int, list[str]]] = []
    row_chars: list[dict[int, list[Char]]] = []
    for group in groups:
        cells: dict[int, list[str]] = {}
        chars: dict[int, list[Char]] = {}
        for k in group:
            for j, texts in split[k].items():
                cells.setdefault(j, []).extend(texts)
                chars.setdefault(j, []).extend(split_chars[k][j])
        rows.append(cells)
        row_chars.append(chars)
    return rows, row_chars


def _may_start_header(lines: list[Line], k: int, named: dict[int, bool] | None = None) -> bool:
    """A header starts with a line of several column texts (not a title) that names a column, or
    whose next lines do: vertically centred header cells put a wrapped header's first words
    ('Điểm tự' over 'chấm') a line above the cells of one line ('TT', 'Nội dung'). ``named`` keeps
    what was found of each line (a line is asked about from each of the three lines above it)."""
    if len(_word_groups(lines[k])) < 2:
        return False
    named = {} if named is None else named
    for j in range(k, min(k + 3, len(lines))):
        line = lines[j]
        if j != k and line.top - lines[k].bottom > 3 * (lines[k].bottom - lines[k].top):
            break
        if j not in named:
            named[j] = any(column_role(text) for text in _group_texts(line))
        if named[j]:
            return True
    return False


def _group_texts(line: Line) -> list[str]:
    """The text of each word group of ``line`` (chars_text), as page_lines wrote it when it did."""
    if line.group_texts is None:
        line.group_texts = [chars_text(g) for g in _word_groups(line)]
    return line.group_texts


def _top_rows(marks: list[_LineMarks], carried: bool = False) -> list[list[int]]:
    """Rows of body lines (indices): a row starts at a line bringing a number-column text or scores
    when the row already has them, or after a wider gap than the cells' line spacing; other lines
    continue the row's cells (values may stand on any line of a row). Where the rows are padded
    apart (``_padded_rows``), a numbered line with no gap above it goes on with its row: a wrapped
    label's line may begin with a number ('2016 của Thủ tướng').
    In a sheet ``carried`` over from the page before whose first line goes on mid-sentence (it does
    not start like a label: the row the page before cut), the lines above the first that brings
    scores are that row's end (a top-aligned row's scores stand on its first line): a row of their
    own, that the next row does not take.
    """
    groups: list[list[int]] = []
    has_scores = has_number = False
    padded = _padded_rows(marks)
    for k, (scores, number, wide_gap, _) in enumerate(marks):
        cut_row_ends = carried and len(groups) == 1 and not (has_scores or has_number) and scores \
            and not marks[0].starts_label
        if not groups or (scores and has_scores) or (number and has_number and not padded) or wide_gap \
                or cut_row_ends:
            groups.append([k])
            has_scores, has_number = scores, number
        else:
            groups[-1].append(k)
            has_scores, has_number = has_scores or scores, has_number or number
    return groups


def _padded_rows(marks: list[_LineMarks]) -> bool:
    """Rows stand apart by their cells' padding: every line of scores but the first has a wider gap
    above it than the cells' line spacing (one such line at least: a page may hold two rows of long
    labels)."""
    steps = [m.wide_gap for m in marks[1:] if m.scores]
    return bool(steps) and all(steps)


def _starts_label(text: str) -> bool:
    """A label cell's first line: it starts with a capital letter or with numbering."""
    stripped = text.lstrip(" “\"'(")
    return bool(stripped) and (stripped[0].isupper() or stripped[0].isdigit()
                               or parse_marker(stripped, lists=True) is not None)


def _centred(marks, split, label_col) -> bool:
    """Cells are vertically centred when rows mostly begin their label a line or more above the
    line holding their number and scores, rather than on it; or when the scores mostly stand beside
    no label's first line (beside a label's middle line, or between two of its lines) where a top
    aligned row would have its label begin."""
    if label_col is None:
        return False
    above = on_number = 0
    for k, (scores, number, _, starts) in enumerate(marks):
        if not (scores or number):
            continue
        lab = split[k].get(label_col)
        if k and not (marks[k - 1].scores or marks[k - 1].number) and marks[k - 1].starts_label \
                and (not lab or not starts):
            above += 1
        elif starts and k + 1 < len(marks) and not (marks[k + 1].scores or marks[k + 1].number) \
                and split[k + 1].get(label_col) and not marks[k + 1].starts_label:
            on_number += 1
    return above > on_number or _scores_mid_label(marks, split, label_col)


def _half_line_steps(body: list[Line], marks: list[_LineMarks]) -> int:
    """Lines of scores that overlap the line above or below them by more than ``half_line_overlap``
    (catalogs/pdf_layout.toml) of their height: cells of one line beside cells of two, each centred
    on the row, stand half a line apart; top-aligned cells keep every row's lines on one grid."""
    share = float(catalog("pdf_layout")["half_line_overlap"])
    count = 0
    for k, line_marks in enumerate(marks):
        if not line_marks.scores:
            continue
        height = body[k].bottom - body[k].top
        over = max((body[j].bottom - body[k].top if j < k else body[k].bottom - body[j].top)
                   for j in (k - 1, k + 1) if 0 <= j < len(body)) if len(body) > 1 else 0.0
        count += over > share * height
    return count


def _scores_mid_label(marks, split, label_col) -> bool:
    """The scores' lines mostly have label text above them in the same cell and no label start of
    their own: the scores stand at the middle of their rows."""
    mid = first = 0
    for k, line_marks in enumerate(marks):
        if not line_marks.scores:
            continue
        if split[k].get(label_col) and line_marks.starts_label:
            first += 1
        elif k and split[k - 1].get(label_col) and not marks[k - 1].scores:
            mid += 1
    return mid > first


def _centred_rows(marks: list[_LineMarks], body: list[Line], own_number_column: bool = True) -> list[list[int]]:
    """Rows of vertically centred cells: each row's scores (and its number, in a column of its
    own: numbering in front of a label stands on the label's first line, not at the middle) stand
    at its middle, so a row ends as far below its middle as it began above it
    (``_centred_segment``). A wide gap always starts a row."""
    if not own_number_column:
        marks = [m._replace(number=False) for m in marks]
    groups: list[list[int]] = []
    segment: list[int] = []
    for k, line_marks in enumerate(marks):
        if line_marks.wide_gap and segment:
            groups += _centred_segment(segment, marks, body)
            segment = []
        segment.append(k)
    if segment:
        groups += _centred_segment(segment, marks, body)
    return groups


def _centred_segment(seg: list[int], marks, body: list[Line]) -> list[list[int]]:
    """The lines of a run without wide gaps into rows. Each row's middle is that of its anchor (the
    line of its scores, or its number); going down, a row's bottom is its middle mirrored about
    its top, and the top of the next: wrapped labels, evidence and numbers of any length each fall
    in their row. Where the page leaves a strip no line covers near the bottom so found, the strip
    is the boundary (cells are padded), so that a slightly wrong top does not carry on down."""
    anchors, middles = _row_middles(seg, marks, body)
    if len(anchors) < 2:
        return [seg]
    lines = [body[k] for k in seg]
    strips = _free_strips(lines)
    widths = sorted(b - a for a, b in strips)
    top = lines[0].top - (widths[len(widths) // 2] / 2 if widths else 0.0)
    bounds: list[float] = []
    for n, (anchor, middle) in enumerate(zip(anchors, middles)):
        if n + 1 == len(anchors):
            break
        low, high = body[anchor].bottom, body[anchors[n + 1]].top
        bottom = 2 * middle - top
        near = [(a + b) / 2 for a, b in strips[bisect.bisect_left(strips, (low, low)):bisect.bisect_right(strips, (high, high))]
                if b <= high] or [(low + high) / 2]
        bottom = min(near, key=lambda y: abs(y - bottom))
        bounds.append(bottom)
        top = bottom
    groups: list[list[int]] = [[] for _ in anchors]
    for k in seg:
        middle = (body[k].top + body[k].bottom) / 2
        groups[bisect.bisect_right(bounds, middle)].append(k)
    return [group for group in groups if group]


def _row_middles(seg: list[int], marks, body: list[Line]) -> tuple[list[int], list[float]]:
    """A run's anchor lines (a number and the scores half a line apart are one row's middle) and
    the height of each row's middle: its scores' line, or its number's."""
    anchors: list[int] = []
    middles: list[float] = []
    for k in seg:
        scores, number = marks[k].scores, marks[k].number
        if not (scores or number):
            continue
        if anchors and anchors[-1] == k - 1 and not (marks[k - 1].scores and scores) \
                and not (marks[k - 1].number and number):
            if scores:
                middles[-1] = (body[k].top + body[k].bottom) / 2
            continue
        anchors.append(k)
        middles.append((body[k].top + body[k].bottom) / 2)
    return anchors, middles


def _free_strips(lines: list[Line]) -> list[tuple[float, float]]:
    """The heights (top, bottom) between the first and last of ``lines`` that no line covers."""
    spans = sorted((line.top, line.bottom) for line in lines)
    return _empty_strips(spans) if spans else []


def _levelled_spans(body: list[Line]) -> list[tuple[float, float]]:
    """Each line's (top, bottom) as a line of the body's usual height standing on its baseline (the
    median bottom of its glyphs): where glyph boxes are ink boxes, a line without accents or
    descenders ('Ban Bí thư') is shorter than its neighbours and the gaps around it look wider
    than the leading. Lines of equal boxes keep their own top and bottom."""
    heights = sorted(line.bottom - line.top for line in body)
    height = heights[len(heights) // 2] if heights else 0.0
    spans = []
    for line in body:
        bottoms = sorted(char.bottom for char in line.chars)
        base = bottoms[len(bottoms) // 2]
        spans.append((base - height, base) if line.bottom - line.top != height or base != line.bottom
                     else (line.top, line.bottom))
    return spans


def _cell_line_spacing(spans: list[tuple[float, float]], split: list[dict[int, list[str]]]) -> tuple[float, bool]:
    """The usual spacing between the lines of one cell, measured down the column with the most lines
    (the labels): lines of neighbouring cells may sit half a line apart when cells are vertically
    centred, so the spacing of adjacent lines says nothing about it. ``spans``: each body line's
    (top, bottom). Returned with whether a column had lines enough to measure it."""
    by_col: dict[int, list[tuple[float, float]]] = {}
    for span, cells in zip(spans, split):
        for j in cells:
            by_col.setdefault(j, []).append(span)
    col = max(by_col.values(), key=len, default=[])
    gaps = sorted(b[0] - a[1] for a, b in zip(col, col[1:]))
    measured = len(gaps) >= 2
    if not measured:
        gaps = sorted(b[0] - a[1] for a, b in zip(spans, spans[1:]))
    return (gaps[len(gaps) // 4] if gaps else 0.0), measured


def _col_text(col: list[list[Char]]) -> str:
    return " ".join(chars_text(g) for g in sorted(col, key=lambda g: (g[0].top, g[0].x0)))


def _continues_header(line: Line, above: Line, cols: _HeaderColumns, above_is_new: bool = False) -> bool:
    """``line`` (or, with ``above_is_new``, the line ``above``) belongs to the header: adjacent,
    no digits, and every word group under one of the header's columns."""
    new = above if above_is_new else line
    if line.top - above.bottom > (above.bottom - above.top) or any(ch.text.isdigit() for ch in new.chars):
        return False
    extents = cols.extents()
    groups = _word_groups(new)
    if above_is_new and len(groups) < 2:
        # a title or signature line just above the sheet is not part of its header; a header word
        # of one column standing alone above the rest (a taller header cell, centred) is
        x0, x1 = groups[0][0].x0, groups[0][-1].x1
        return sum(1 for a, b in extents if a < x1 and x0 < b) == 1 and any(
            a - 2 <= x0 and x1 <= b + 2 for a, b in extents)
    return all(any(x0 < g[-1].x1 and g[0].x0 < x1 for x0, x1 in extents) for g in groups)


def _grow_header(lines: list[Line], k: int, block: list[Line],
                 cols: "_HeaderColumns") -> "tuple[int, list[Line], _HeaderColumns]":
    """The header block ``lines[k:k + len(block)]`` grown down by the lines that complete it (wrapped
    header words under the score columns, a second header row of sub-columns: ``_header_line_below``)
    and by taller header cells centred on it (``_with_gap_cell``), as long as either adds a line."""
    while len(block) < 2 * HEADER_LINES:
        grown = _with_gap_cell(lines, k, block)
        if grown is not None:
            k, block, cols = grown
            continue
        end = k + len(block)
        if end >= len(lines):
            break
        if not _header_line_below(lines[end], block[-1], cols):
            padded = _padded_header_end(lines, end)
            if padded is None:
                break
            for line in lines[end:padded]:
                cols.add(line)
            block = lines[k:padded]
            continue
        cols.add(lines[end])
        block = lines[k:end + 1]
    return k, block, cols


def _padded_header_end(lines: list[Line], end: int) -> int | None:
    """Where a header of top-aligned cells set apart from its body by the cells' padding ends: the
    lines from ``lines[end]`` on follow each other at the header's own spacing (less than half a
    line apart), without digits, up to a gap of most of a line, and the line below that gap brings
    numbers (a top-aligned row's scores stand on its first line). Their words may stand under the
    label column (a header text wrapped: 'Nội dung' over 'tiêu chí'). None where no such gap ends
    them. (Heights are the taller of two lines': glyph boxes may be ink boxes.)"""
    above = lines[end - 1]
    for j in range(end, min(end + HEADER_LINES, len(lines))):
        line = lines[j]
        height = max(line.bottom - line.top, above.bottom - above.top)
        if line.top - above.bottom > 0.8 * height:
            ok = j > end and any(ch.text.isdigit() for ch in line.chars)
            return j if ok else None
        if any(ch.text.isdigit() for ch in line.chars) or line.top - above.bottom > 0.5 * height:
            return None
        above = line
    return None


def _header_line_below(line: Line, above: Line, cols: "_HeaderColumns") -> bool:
    """``line``, just below the header's last line and without digits, goes on with the header: its
    words stand under the score columns or under no column (wrapped header words, or the second row
    of a two-row header: sub-columns under a group), or it names a score column and another (the
    main row of a header whose taller cells began above it). A line with words under the label or
    number column, or wider than the header text above them, is the body's first row (a label begun
    above its centred scores)."""
    if line.top - above.bottom > (above.bottom - above.top) or any(ch.text.isdigit() for ch in line.chars):
        return False
    groups = _word_groups(line)
    named = [column_role(chars_text(g)) for g in groups]
    if sum(1 for role in named if role) >= 2 and any(role in _SCORE_ROLES for role in named):
        return True
    if _wider_than_header(line, cols):
        return False
    taken = [extent for extent, role in zip(cols.extents(), cols.roles()) if role in ("label", "number")]
    return not any(x0 < g[-1].x1 and g[0].x0 < x1 for g in groups for x0, x1 in taken)


def _wider_than_header(line: Line, cols: "_HeaderColumns") -> bool:
    """A wrapped header text fills its first line before the next: words of ``line`` under the
    header text of a text column (label, number, evidence) whose first word would have fitted
    after that text (the words as wide as the text, its first word and a space's height more) are
    a body cell's (a label's first line), not its continuation ('Tài liệu' over 'minh chứng' is
    wrapped: 'minh' did not fit). A line with digits is held to a space's height more only (a
    body row's first line). (Sub-column headers may be wider than the group over them: score
    columns are not asked.)"""
    height = line.bottom - line.top
    digits = any(ch.text.isdigit() for ch in line.chars)
    text_columns = [extent for extent, role in zip(cols.extents(), cols.roles()) if role in ("label", "number", "evidence")]
    return any(g[-1].x1 - g[0].x0 > x1 - x0 + (height if digits else max(height, _first_word_width(g, height)))
               for g in _word_groups(line) for x0, x1 in text_columns if x0 < g[-1].x1 and g[0].x0 < x1)


def _first_word_width(group: list[Char], height: float) -> float:
    """The width of the first word of a word group, with the space after it."""
    for prev, char in zip(group, group[1:]):
        if char.space_before or char.x0 - prev.x1 > 0.25 * height:
            return char.x0 - group[0].x0
    return group[-1].x1 - group[0].x0


def _score_columns(cols: "_HeaderColumns") -> int:
    return sum(1 for role in cols.roles() if role in _SCORE_ROLES)


def _with_gap_cell(lines: list[Line], k: int, block: list[Line]) -> "tuple[int, list[Line], _HeaderColumns] | None":
    """The header block ``lines[k:k + len(block)]`` grown by a two-line header cell centred on it,
    one line above and one below (``_gap_cell``), when the block's score columns stay named (one at
    least):
    (its first line's index, its lines, its columns)."""
    end = k + len(block)
    if k == 0 or end >= len(lines):
        return None
    cols = _HeaderColumns()
    for line in block:
        cols.add(line)
    named = _score_columns(cols)
    if not _gap_cell(lines[k - 1], block, lines[end], cols):
        return None
    cols.add(lines[k - 1])
    cols.add(lines[end])
    if _score_columns(cols) < max(1, min(named, 2)):
        return None
    return k - 1, lines[k - 1:end + 1], cols


def _gap_cell(above: Line, block: list[Line], below: Line, cols: _HeaderColumns) -> bool:
    """``above`` and ``below`` are the two lines of one header cell taller than the header block's
    cells and centred on them: adjacent to the block, without digits, each a single word group,
    standing in a gap between the block's columns (over none of them) and over each other."""
    if any(ch.text.isdigit() for ch in above.chars + below.chars):
        return False
    if block[0].top - above.bottom > above.bottom - above.top or below.top - block[-1].bottom > below.bottom - below.top:
        return False
    tops, bottoms = _word_groups(above), _word_groups(below)
    if len(tops) != 1 or len(bottoms) != 1:
        return False
    x0, x1 = min(tops[0][0].x0, bottoms[0][0].x0), max(tops[0][-1].x1, bottoms[0][-1].x1)
    extents = cols.extents()
    return (tops[0][0].x0 < bottoms[0][-1].x1 and bottoms[0][0].x0 < tops[0][-1].x1
            and not any(a < x1 and x0 < b for a, b in extents)
            and any(b < x0 and x1 < c for (_, b), (c, _) in zip(extents, extents[1:] + [(float("inf"), 0.0)])))


def _under_score_columns(line: Line, cols: _HeaderColumns) -> bool:
    """Every word group of ``line`` stands under a column whose header names a score or nothing yet
    (its header is not complete), not under the label, number or evidence columns."""
    spans = [extent for extent, role in zip(cols.extents(), cols.roles()) if role in _SCORE_ROLES + (None,)]
    return all(any(x0 < g[-1].x1 and g[0].x0 < x1 for x0, x1 in spans) for g in _word_groups(line))


def _carried_bounds(lines: list[Line], bounds: list[float]) -> list[float]:
    """The boundaries of a sheet carried over from the previous page, each moved to the strip this
    page leaves empty near it: a cell wider here than any above ('Phần VII' under 'Phần IV') runs
    over the boundary the rivers of the previous page put at its right, though the gap to the next
    column is there. Found as ``_stream_below`` finds a sheet's: the rivers of the lines close
    enough together from the page's top; a boundary moves by less than a line's height, or not
    at all."""
    near = _first_lines(lines)
    moved = _rivers(near, bounds) if near else bounds
    if not near or len(moved) != len(bounds):
        return bounds
    height = min(line.bottom - line.top for line in near)
    return [new if abs(new - old) < height else old for old, new in zip(bounds, moved)]


def _rivers(lines: list[Line], guess: list[float], starts: list[float] | None = None) -> list[float]:
    """Column boundaries where the sheet's text leaves a vertical strip empty: for each boundary
    guessed from the header, the middle of the nearest gap in the text below it. Where cells are so
    narrowly padded that a long label runs into the next column's words, no strip between word
    groups is left: the strip between characters that ends where the next column's header starts
    (``starts``) is the boundary."""
    spans = sorted((g[0].x0, g[-1].x1) for line in lines for g in _word_groups(line))
    if not spans:
        return guess
    gaps = _empty_strips(spans)
    fine = None
    out = []
    for k, boundary in enumerate(guess):
        inside = [g for g in gaps if g[0] <= boundary <= g[1]]
        if inside:
            best = inside[0]
        elif starts is not None:
            if fine is None:
                fine = _empty_strips(sorted((c.x0, c.x1) for line in lines for c in line.chars))
            best = min(fine, key=lambda g: abs(g[1] - starts[k]), default=None)
        else:
            best = min(gaps, key=lambda g: min(abs(g[0] - boundary), abs(g[1] - boundary)), default=None)
        out.append(_boundary_in(best, spans, lines) if best else boundary)
    return sorted(set(out))


def _boundary_in(strip: tuple[float, float], spans: list[tuple[float, float]], lines: list[Line]) -> float:
    """The boundary within an empty strip: its middle; or, where the column right of it is set
    flush left (word groups of several lines start at the strip's right edge), half a line before
    that edge: the wider texts of the column on the left, on lines further down or on the next
    page, may run on past the middle (a number 'Nội dung 10.1' under 'Nội dung 6.2')."""
    a, b = strip
    least = int(catalog("pdf_layout")["least_stack_lines"])
    flush = bisect.bisect_right(spans, (b + 0.5, float("inf"))) - bisect.bisect_left(spans, (b - 0.5, float("-inf")))
    if flush < least:
        return (a + b) / 2
    heights = sorted(line.bottom - line.top for line in lines)
    return max((a + b) / 2, b - heights[len(heights) // 2] / 2)


def _empty_strips(spans: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """The x-ranges that none of the (sorted) spans covers, between the first and the last."""
    gaps = []
    right = spans[0][1]
    for x0, x1 in spans[1:]:
        if x0 > right:
            gaps.append((right, x0))
        right = max(right, x1)
    return gaps


COLUMN_GAP = 0.45  # of a glyph's height: wider than a space (about 0.3), narrower than two cell paddings


def _word_groups(line: Line) -> list[list[Char]]:
    """Runs of characters separated by gaps wider than a space: the text of one column. Found
    once per line and kept on it; callers read them and never change them."""
    if line.word_groups is not None:
        return line.word_groups
    groups: list[list[Char]] = [[line.chars[0]]]
    for prev, char in zip(line.chars, line.chars[1:]):
        if char.x0 - prev.x1 > COLUMN_GAP * max(char.bottom - char.top, 1.0):
            groups.append([char])
        else:
            groups[-1].append(char)
    line.word_groups = groups
    return groups


def _crosses(line: Line, bounds: list[float]) -> bool:
    """A line of running text has words that straddle the sheet's column boundaries. A boundary
    between two word groups run together only by narrow cell padding ('… văn hóa' + '3') is crossed
    by no word: a space or a gap wider than a letter's stands there."""
    for group in _word_groups(line):
        for x in bounds:
            if group[0].x0 < x < group[-1].x1 and _word_over(group, x):
                return True
    return False


def _word_over(group: list[Char], x: float) -> bool:
    for prev, char in zip(group, group[1:]):
        if prev.x0 < x < prev.x1:
            return True
        if prev.x1 <= x <= char.x0:
            return not char.space_before and char.x0 - prev.x1 <= 0.25 * max(char.bottom - char.top, 1.0)
    return group[-1].x0 < x < group[-1].x1
