"""Builds a DocumentModel from structured content (DOCX, HTML, PDF): paragraphs become lines of
the document text, table rows become tab-separated lines, and every block and cell records its
span and page as the text is written, so all formats share one model and one set of extractors."""
from __future__ import annotations

import os
import unicodedata

from chamdiem.model.textview import TextView
from chamdiem.model.document import Block, Cell, DocumentModel, Row, Table


def _clean(s: str) -> str:
    # tabs and line ends separate cells and rows in the document text, so none inside a value
    return unicodedata.normalize("NFC", s).replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")


class DocumentBuilder:
    def __init__(self, path: str, sha256: str, fmt: str, paged: bool = False):
        self.path, self.sha256, self.fmt = path, sha256, fmt
        self._parts: list[str] = []
        self._pos = 0
        self._page = 1
        self._page_starts: list[int] | None = [] if paged else None
        self._blocks: list[tuple[int, int, int]] = []          # start, end, page
        self._tables: list[list[tuple[list[tuple[int, int, int, int]], int, int, int, bool]]] = []
        self._open_table: list | None = None
        self.legacy: set[str] = set()   # legacy font encodings the reader decoded

    def _write(self, s: str) -> tuple[int, int]:
        start = self._pos
        self._parts.append(s)
        self._pos += len(s)
        return start, self._pos

    def page_break(self) -> None:
        """The following text is on the next page."""
        if self._page_starts is None:
            self._page_starts = []
        self._page_starts.append(self._pos)
        self._page += 1

    def paragraph(self, text: str) -> None:
        """One block per line of the paragraph; empty lines leave a blank line."""
        self.end_table()
        for line in _clean(text).split("\n"):
            start, end = self._write(line)
            self._write("\n")
            if line.strip():
                self._blocks.append((start, end, self._page))

    def row(self, cells: list[tuple[int, str]], chunk_start: bool = False) -> None:
        """A table row: (grid column, text) per logical cell. Starts a table if none is open."""
        if self._open_table is None:
            self._open_table = []
            self._tables.append(self._open_table)
            chunk_start = True
        row_start = self._pos
        spans = []
        for k, (col, text) in enumerate(cells):
            if k:
                self._write("\t")
            s, e = self._write(_clean(text) if text else "")
            spans.append((col, s, e, self._page))
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
                            legacy_encoding=",".join(sorted(self.legacy)) or None)
        for s, e, page in self._blocks:
            doc.blocks.append(Block(s, e, doc.line_of(s), TextView.of(text, s, e), self._pg(page)))
        for trows in self._tables:
            rows = []
            for spans, rs, re_, page, chunk in trows:
                cells = [Cell(col, s, e, TextView.of(text, s, e), self._pg(pg)) for col, s, e, pg in spans]
                rows.append(Row(cells, rs, re_, doc.line_of(rs), self._pg(page), chunk_start=chunk))
            if rows:
                doc.tables.append(Table(rows, rows[0].start, rows[-1].end))
        return doc

    def _pg(self, page: int) -> int | None:
        return None if self._page_starts is None else page
