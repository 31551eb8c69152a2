"""The document model every reader builds: the NFC text with its blocks and table cells.

Every piece of text carries its span in the document text (``DocumentModel.text``), so any value
can be traced back to the exact characters it came from.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field, replace

from chamdiem.model.geometry import Box, PageBoxes
from chamdiem.model.textview import TextView

@dataclass(slots=True)
class Cell:
    """One logical table cell: its column in the grid and a cleaned view of its text.

    A cell merged vertically over several rows (HTML rowspan, DOCX vMerge, XLSX merged cells) has
    its text once, in its first row; each row below gets an empty cell whose ``merged_from`` is that
    first cell, so an extractor can tell a number spanning its rows from a cell left empty."""
    col: int
    start: int
    end: int
    view: TextView
    page: int | None = None
    colspan: int = 1                       # grid columns the cell covers (a header over sub-columns)
    ref: str | None = None                 # where a spreadsheet user sees it: 'Sheet1!D14'
    merged_from: "Cell | None" = None      # the first cell of a vertical merge this slot continues
    merged_below: int = 0                  # rows below that continue this cell

    @property
    def text(self) -> str:
        return self.view.text

    @property
    def spans_rows(self) -> bool:
        return self.merged_from is not None or self.merged_below > 0

    @property
    def shown_text(self) -> str:
        """The text a reader sees in this slot: a merged cell's text shows in every row it spans."""
        return self.merged_from.text if self.merged_from is not None else self.text


@dataclass(slots=True)
class Row:
    """One physical table row. ``chunk_start`` marks the first row of a table fragment
    (after a page break), where repeated header rows may follow."""
    cells: list[Cell]
    start: int
    end: int
    line: int
    page: int | None = None
    chunk_start: bool = False

    def cell(self, col: int | None) -> Cell | None:
        if col is None:
            return None
        for cell in self.cells:
            if cell.col == col:
                return cell
        return None


@dataclass(slots=True)
class Table:
    rows: list[Row]
    start: int
    end: int


@dataclass(slots=True)
class Block:
    """A run of narrative text outside tables (one source line for text formats). ``column``: the
    column of the page's layout it stands in, when the reader knows it (a layout table's cell, a
    sheet's cell): 0 the left-hand or only one, more to the right; ``columns``: how many it covers
    from there (a sheet's merged cell, a layout table's cell over several grid columns).
    ``opens``: the block begins a paragraph of the file's own markup (a Word or HTML paragraph),
    which no line before it runs on into."""
    start: int
    end: int
    line: int
    view: TextView
    page: int | None = None
    column: int = 0
    columns: int = 1
    opens: bool = False

    @property
    def text(self) -> str:
        return self.view.text


def paragraphs(blocks: list["Block"], text: str) -> list["Block"]:
    """Runs of blocks on consecutive lines (nothing but one line end between them) as one block:
    a sentence or a document number wrapped onto the next line is read whole. A paragraph of the
    file's own markup (Block.opens) starts a run of its own."""
    out: list[Block] = []
    run: list[Block] = []
    for block in blocks:
        if run and (block.opens or text[run[-1].end:block.start].strip(" \r\t\f") != "\n"):
            out.append(_join(run))
            run = []
        run.append(block)
    if run:
        out.append(_join(run))
    return out


def _join(run: list["Block"]) -> "Block":
    if len(run) == 1:
        return run[0]
    return Block(run[0].start, run[-1].end, run[0].line, TextView.join([b.view for b in run]), run[0].page,
                 run[0].column, run[0].columns, run[0].opens)


@dataclass(slots=True)
class DocumentModel:
    """What a reader produces: the NFC document text plus its blocks and tables in order."""
    file_name: str
    path: str
    sha256: str
    format: str
    text: str
    blocks: list[Block] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    page_starts: list[int] | None = None  # offsets where pages 2, 3, ... begin
    ocr: bool = False                     # the text was read from page images by OCR
    ocr_words: list[tuple[int, int, float]] = field(default_factory=list)  # OCR words: start, end, confidence 0-100
    legacy_encoding: str | None = None    # 'tcvn3', 'vni' (or both, comma-separated) when decoded from one
    unaccepted_changes: bool = False      # a DOCX held tracked changes; the text is as if all were accepted
    # what the reader had to do to read the file (bytes replaced, markup dropped): findings
    # (chamdiem.model.observations.Finding), so nothing is mended silently
    notes: list = field(default_factory=list)
    boxes: PageBoxes | None = None        # where the text's words stand on the pages (PDF and scans)
    _line_starts: list[int] | None = field(default=None, repr=False)

    def without_layout(self) -> "DocumentModel":
        """The document without its blocks and table cells (their views are most of a pickled
        report): what a reading worker sends the writer, which stores the text, the pages and what
        was extracted, never the cells themselves."""
        return replace(self, blocks=[], tables=[], boxes=None, _line_starts=None)

    def box_of(self, start: int, end: int) -> Box | None:
        """Page and box of the characters start..end (None for a text format, or text the reader
        placed nowhere)."""
        return None if self.boxes is None else self.boxes.box_of(start, end)

    def line_of(self, offset: int) -> int:
        """1-based line of a character offset in ``text``."""
        if self._line_starts is None:
            starts = [0]
            find = self.text.find
            i = find("\n")
            while i != -1:
                starts.append(i + 1)
                i = find("\n", i + 1)
            self._line_starts = starts
        return bisect.bisect_right(self._line_starts, offset)

    def page_of(self, offset: int) -> int | None:
        if self.page_starts is None:
            return None
        return bisect.bisect_right(self.page_starts, offset) + 1
