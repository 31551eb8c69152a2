"""Sheets whose columns are aligned by runs of spaces in a plain-text file (a sheet pasted from a
PDF, typed in a fixed-width font).

A line is cut into pieces at runs of two or more spaces. A block of such lines is a sheet when
enough of them hold three or more pieces, some a number alone after the first. Inside the block:

- a rule ('-----', '=====') only separates the header from the body, or the body from its total;
- the header is the lines above the first rule when that rule stands above the first number
  (else the first line and the indented lines under it), and its words on all its lines give
  the columns' extents ('Thang' over 'điểm' is one column: the words overlap);
- a piece goes to the column whose extent holds its start, else the one it overlaps most, else
  the nearest: a long label or evidence runs past its header's words, a number stands under them;
- a line with nothing in the first column (no TT), no number alone and no item numbering at its
  start continues the row above: each of its pieces joins that row's cell of its column, as a view
  over both lines (``TextView.join``), so every cell keeps its spans in the document text.
"""
from __future__ import annotations

from chamdiem.lexicon import compiled_patterns
from chamdiem.lexicon.numbering import parse_marker
from chamdiem.model.document import Cell, DocumentModel, Row, Table
from chamdiem.model.textview import TextView

_SPACED_GAP = compiled_patterns.compile(r" {2,}")
_NUMBER_CELL = compiled_patterns.compile(r"^\d{1,4}(?:[.,]\d{1,2})?$")
# a rule across the sheet: dashes, equal signs or underscores, perhaps cut by spaces or '+'
_RULE = compiled_patterns.compile(r"^[-=_]{3,}(?:[ +]+[-=_]{3,})*$")
SPACED_MIN_ROWS = 3      # lines of three or more spaced columns that make a sheet
SPACED_MIN_COLUMNS = 3
SPACED_NUMBER_ROWS = 2   # of which so many hold a number alone in a column after the first
HEADER_MAX_LINES = 6     # lines a header may take

_Piece = tuple[int, str]   # (offset in the line, text)


def spaced_parts(line: str) -> list[_Piece]:
    """(offset in the line, text) of each piece of a line cut at runs of two or more spaces."""
    out, pos = [], 0
    body = line.rstrip(" \r")
    for gap in _SPACED_GAP.finditer(body):
        if gap.start() > pos:
            out.append((pos, body[pos:gap.start()]))
        pos = gap.end()
    if pos < len(body):
        out.append((pos, body[pos:]))
    return out


def _is_rule(line: str) -> bool:
    return _RULE.match(line.strip(" \r\f")) is not None


def _has_number(parts: list[_Piece]) -> bool:
    return any(_NUMBER_CELL.match(p) for _, p in parts[1:]) or (
        bool(parts) and parts[0][0] > 0 and _NUMBER_CELL.match(parts[0][1]) is not None)


def _opens_item(text: str) -> bool:
    """A piece opening with an item's numbering ('Nội dung 2', 'a)', 'II', '1.2'): a row of its own."""
    marker = parse_marker(text, lists=True)
    return marker is not None and (marker.word is not None or marker.kind == "letter" or marker.roman
                                   or "." in marker.number)


def spaced_run(text: str, lines, i: int) -> tuple[int, int]:
    """(how many lines from ``i`` make a space-aligned sheet, 0 when they make none; the line where
    the look stopped). The block runs over rows (three or more pieces), rules and indented lines
    without a number, from a row or a rule. A look that fails from ``i`` fails from every line
    before where it stopped (the same lines, fewer of them), so the caller looks again only after it."""
    j, rows, numbered = i, 0, 0
    while j < len(lines) and lines[j].kind == "text":
        line = text[lines[j].start:lines[j].end]
        if _is_rule(line):
            j += 1
            continue
        parts = spaced_parts(line)
        if len(parts) >= SPACED_MIN_COLUMNS:
            rows += 1
            numbered += _has_number(parts)
        elif j == i or not line.startswith(" ") or _has_number(parts):
            break   # an indented line without numbers goes on a row; anything else ends the block
        j += 1
    found = rows >= SPACED_MIN_ROWS and numbered >= SPACED_NUMBER_ROWS
    return (j - i if found else 0), max(j, i + 1)


def _header_lines(parsed: list[tuple[int, list[_Piece] | None]]) -> int:
    """How many of the block's lines (rules included) the header takes: those above the first
    rule, when no number stands above it; else the first line and the indented lines without
    numbers under it, when the first line holds none; else none (the columns stand where the
    first row's pieces do). A header takes at most HEADER_MAX_LINES lines."""
    for k, (_, parts) in enumerate(parsed[:HEADER_MAX_LINES + 1]):
        if parts is None:
            if k:
                return k + 1
            continue   # a rule above the header
        if _has_number(parts):
            break
    first = next((k for k, (_, parts) in enumerate(parsed) if parts is not None), None)
    if first is None or _has_number(parsed[first][1]):
        return 0
    k = first + 1
    while k < min(len(parsed), first + HEADER_MAX_LINES) and (parts := parsed[k][1]) is not None \
            and parts[0][0] > 0 and not _has_number(parts):
        k += 1
    return k


def _extents(header: list[list[_Piece]]) -> list[tuple[int, int]]:
    """The columns' character ranges from the header's words on all its lines: overlapping words
    are one column. A word over two or more words of another header line is a group's title and
    sets no extent (it would join its sub-columns)."""
    spans = [[(off, off + len(t)) for off, t in parts] for parts in header]
    kept = []
    for k, line in enumerate(spans):
        for lo, hi in line:
            if not any(sum(1 for a, b in other if a < hi and lo < b) >= 2
                       for m, other in enumerate(spans) if m != k):
                kept.append((lo, hi))
    out: list[list[int]] = []
    for lo, hi in sorted(kept):
        if out and lo < out[-1][1]:
            out[-1][1] = max(out[-1][1], hi)
        else:
            out.append([lo, hi])
    return [(lo, hi) for lo, hi in out]


def _column(extents: list[tuple[int, int]], lo: int, hi: int) -> int:
    """The column of a piece from ``lo`` to ``hi``: the one whose extent holds its start, else the
    one it overlaps most, else the nearest (the leftmost of equals)."""
    best, best_key = 0, None
    for k, (a, b) in enumerate(extents):
        key = (a <= lo < b, min(b, hi) - max(a, lo), -max(a - hi, lo - b, 0))
        if best_key is None or key > best_key:
            best, best_key = k, key
    return best


class _RowBuilder:
    """One row's pieces by column, line by line, until its cells are made."""

    __slots__ = ("start", "end", "regions")

    def __init__(self, start: int, end: int):
        self.start, self.end = start, end
        self.regions: dict[int, list[tuple[int, int]]] = {}   # column -> (start, end) per line

    def add_line(self, start: int, end: int, by_col: dict[int, list[_Piece]]) -> None:
        self.end = end
        for col, pieces in by_col.items():
            self.regions.setdefault(col, []).append((start + pieces[0][0], start + pieces[-1][0] + len(pieces[-1][1])))

    def row(self, doc: DocumentModel, first: bool) -> Row:
        text = doc.text
        cells = []
        for col in sorted(self.regions):
            regions = self.regions[col]
            view = TextView.join([TextView.of(text, s, e) for s, e in regions])
            cells.append(Cell(col, regions[0][0], regions[-1][1], view,
                              doc.page_of(regions[0][0]) if doc.page_starts is not None else None))
        return Row(cells, self.start, self.end, doc.line_of(self.start), doc.page_of(self.start), chunk_start=first)


def _by_column(extents: list[tuple[int, int]], parts: list[_Piece]) -> dict[int, list[_Piece]]:
    by_col: dict[int, list[_Piece]] = {}
    for off, piece in parts:
        by_col.setdefault(_column(extents, off, off + len(piece)), []).append((off, piece))
    return by_col


def _continues(by_col: dict[int, list[_Piece]], parts: list[_Piece]) -> bool:
    """A line that goes on with the row above: nothing in the first column, no number alone, and
    no item numbering opening it."""
    return 0 not in by_col and not _has_number(parts) and not _opens_item(parts[0][1])


def take_spaced(doc: DocumentModel, lines, i: int, count: int) -> int:
    """The block's rows as one table (the header's lines one row), each piece in its column;
    returns the line after the block."""
    text = doc.text
    block = lines[i:i + count]
    parsed = [(k, None if _is_rule(line := text[ln.start:ln.end]) else spaced_parts(line))
              for k, ln in enumerate(block)]
    n_head = _header_lines(parsed)
    head = [p for _, p in parsed[:n_head] if p]
    extents = _extents(head or [next(p for _, p in parsed if p)])
    builders: list[_RowBuilder] = []
    for k, parts in parsed:
        if not parts:
            continue
        ln = block[k]
        by_col = _by_column(extents, parts)
        if builders and (k < n_head or (_continues(by_col, parts) and k - 1 >= n_head
                                        and parsed[k - 1][1] is not None)):
            builders[-1].add_line(ln.start, ln.end, by_col)
            continue
        builders.append(_RowBuilder(ln.start, ln.end))
        builders[-1].add_line(ln.start, ln.end, by_col)
    rows = [b.row(doc, first=not k) for k, b in enumerate(builders)]
    doc.tables.append(Table(rows, rows[0].start, rows[-1].end))
    return i + count
