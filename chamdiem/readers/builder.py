"""Builds a DocumentModel from structured content (DOCX, HTML, PDF): paragraphs become lines of
the document text, table rows become tab-separated lines, and every block and cell records its
span and page as the text is written, so all formats share one model and one set of extractors."""
from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass
from typing import Callable, NamedTuple

from chamdiem.model.geometry import PageBoxes
from chamdiem.model.textview import TextView, may_need_cleaning
from chamdiem.model.document import Block, Cell, DocumentModel, Row, Table


def _clean(raw: str) -> str:
    # tabs and line ends separate cells and rows in the document text, so none inside a value
    return unicodedata.normalize("NFC", raw).replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")


def _verbatim(text: str, start: int, end: int) -> TextView:
    """``TextView.of(text, start, end)`` for a ``text`` that ``may_need_cleaning`` says holds nothing to clean."""
    return TextView.verbatim(text[start:end], start, end)


class _MergeOrigin(NamedTuple):
    """Where the cell a vertical merge started stands in its table: row and cell index."""
    row: int
    cell: int


@dataclass
class CellIn:
    """A cell as a reader hands it over: grid column, text, how many columns it covers, whether it
    starts ('restart') or continues ('continue') a vertical merge, a spreadsheet reference, and
    where its words stand on the page (``Pieces``, PDF and scans only)."""
    col: int
    text: str
    colspan: int = 1
    merge: str | None = None
    ref: str | None = None
    boxes: "Ink | None" = None


class Ink(NamedTuple):
    """Where a piece of text stands on its page: the box (PDF points, top-down) around its
    characters and, when its words may be asked for, a function giving each word's (start, end,
    x0, top, x1, bottom) in the piece's text, or None when the characters do not spell it."""
    x0: float
    top: float
    x1: float
    bottom: float
    words: "Callable[[], list | None] | None" = None


class DocumentBuilder:
    def __init__(self, path: str, sha256: str, fmt: str, paged: bool = False):
        self.path, self.sha256, self.fmt = path, sha256, fmt
        self._parts: list[str] = []
        self._pos = 0
        self._page = 1
        self._page_starts: list[int] | None = [] if paged else None
        self._blocks: list[tuple[int, int, int, int, int, bool]] = []  # start, end, page, column, columns, opens
        self._tables: list[list[tuple[list[tuple], int, int, int, bool]]] = []
        self._open_table: list | None = None
        self.legacy: set[str] = set()   # legacy font encodings the reader decoded
        self._merges: dict[int, _MergeOrigin] = {}   # column -> where an open vertical merge started
        self._boxes: PageBoxes | None = None   # made by the first piece placed (PDF and scans)

    def _write(self, text: str) -> tuple[int, int]:
        start = self._pos
        self._parts.append(text)
        self._pos += len(text)
        return start, self._pos

    def page_break(self) -> None:
        """The following text is on the next page."""
        if self._page_starts is None:
            self._page_starts = []
        self._page_starts.append(self._pos)
        self._page += 1

    def _place(self, start: int, raw: str, written: str, ink: "Ink | None") -> None:
        """Records where ``raw``, written at ``start`` as ``written``, stands on the page.
        Cleaning that changed the text's length (NFC composing marks) leaves offsets inside it
        unknown: its words are then not looked for."""
        if ink is None or not written:
            return
        if self._boxes is None:
            self._boxes = PageBoxes()
        words = ink.words if len(written) == len(raw) else None
        self._boxes.add(start, start + len(written), self._page, ink.x0, ink.top, ink.x1, ink.bottom, words)

    def paragraph(self, text: str, boxes: "Ink | None" = None, column: int = 0, columns: int = 1,
                  whole: bool = False) -> None:
        """One block per line of the paragraph; empty lines leave a blank line. ``boxes``: where
        its words stand on the page; ``column``, ``columns``: the columns of the page's layout it
        stands in (Block.column, Block.columns); ``whole``: the file's markup says this is a
        paragraph (Block.opens), where a text's lines only may be one."""
        self.end_table()
        if boxes:
            self._place(self._pos, text, _clean(text), boxes)
        opens = whole
        for line in _clean(text).split("\n"):
            start, end = self._write(line)
            self._write("\n")
            if line.strip():
                self._blocks.append((start, end, self._page, column, columns, opens))
                opens = False

    def row(self, cells: list[tuple[int, str] | CellIn], chunk_start: bool = False) -> None:
        """A table row: (grid column, text) or a CellIn per logical cell. Starts a table if none is open."""
        if self._open_table is None:
            self._open_table = []
            self._tables.append(self._open_table)
            self._merges = {}
            chunk_start = True
        row_start = self._pos
        spans = []
        row_index = len(self._open_table)
        for k, given in enumerate(cells):
            cell = given if isinstance(given, CellIn) else CellIn(*given)
            if k:
                self._write("\t")
            written = _clean(cell.text) if cell.text else ""
            start, end = self._write(written)
            if cell.boxes:
                self._place(start, cell.text, written, cell.boxes)
            origin = None
            if cell.merge == "continue":
                origin = self._merges.get(cell.col)
            elif cell.merge == "restart":
                self._merges[cell.col] = _MergeOrigin(row_index, k)
            else:
                self._merges.pop(cell.col, None)
            spans.append((cell.col, start, end, self._page, cell.colspan, cell.ref, origin))
        row_end = self._pos
        self._write("\n")
        self._open_table.append((spans, row_start, row_end, self._page, chunk_start))

    def end_table(self) -> None:
        self._open_table = None

    def continue_table(self) -> None:
        """The next rows continue the previous table (a table split by a page break)."""
        if self._tables:
            self._open_table = self._tables[-1]

    @property
    def position(self) -> int:
        """Length of the document text written so far (where the next text will start)."""
        return self._pos

    def text_since(self, start: int) -> str:
        """The document text written from offset ``start`` on."""
        return "".join(self._parts)[start:]

    @property
    def empty(self) -> bool:
        return not "".join(self._parts).strip()

    def build(self) -> DocumentModel:
        text = "".join(self._parts)
        doc = DocumentModel(file_name=os.path.basename(self.path), path=self.path, sha256=self.sha256,
                            format=self.fmt, text=text, page_starts=self._page_starts,
                            legacy_encoding=",".join(sorted(self.legacy)) or None, boxes=self._boxes)
        # a text with nothing to clean anywhere (most) is its own view in every region: no region is searched
        view_of = TextView.of if may_need_cleaning(text) else _verbatim
        for start, end, page, column, columns, opens in self._blocks:
            doc.blocks.append(Block(start, end, doc.line_of(start), view_of(text, start, end), self._pg(page),
                                    column, columns, opens))
        for trows in self._tables:
            rows = []
            for spans, row_start, row_end, page, chunk in trows:
                cells = []
                for col, start, end, cell_page, colspan, ref, origin in spans:
                    cell = Cell(col, start, end, view_of(text, start, end), self._pg(cell_page), colspan, ref)
                    if origin is not None:
                        cell.merged_from = rows[origin.row].cells[origin.cell]
                        cell.merged_from.merged_below += 1
                    cells.append(cell)
                rows.append(Row(cells, row_start, row_end, doc.line_of(row_start), self._pg(page), chunk_start=chunk))
            if rows:
                doc.tables.append(Table(rows, rows[0].start, rows[-1].end))
        return doc

    def _pg(self, page: int) -> int | None:
        return None if self._page_starts is None else page
