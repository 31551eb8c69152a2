"""Reader for .txt / .md exports: tab-separated rows (cells may hold HTML), markdown pipe
tables (split into fragments by page breaks), sheets whose columns are aligned by spaces
(readers/text_spaced.py), and narrative lines. A table interrupted by a page break (a form feed,
a marker line such as '<!-- pagebreak -->', a page number alone) goes on after it: the rows after
the break are marked ``chunk_start`` where a repeated header may stand.

The document text is the decoded file in NFC; nothing is removed from it. Cleaning happens in
``TextView``s that map back to it.
"""
from __future__ import annotations

import unicodedata
from typing import NamedTuple

from chamdiem.lexicon import compiled_patterns
from chamdiem.lexicon.legacy_fonts import as_cp1252, convert, detect
from chamdiem.lexicon.page_breaks import is_page_break, is_page_number
from chamdiem.model.errors import EmptyDocument
from chamdiem.readers.decoding import Decoded, decode_text
from chamdiem.readers.text_spaced import spaced_run, take_spaced
from chamdiem.model.textview import TextView, may_need_cleaning
from chamdiem.model.document import Block, Cell, DocumentModel, Row, Table

# a Markdown delimiter row: dashes in each cell, a colon either side marking the alignment (':-:', '---')
# the rule of a grid table (Pandoc's, a console's): '+-----+------+', '+=====+', '+:---+'
_GRID_RULE = compiled_patterns.compile(r"^\+(?:[-=:]+\+)+$")
_PIPE_SEP = compiled_patterns.compile(r"^\s*\|?\s*(?::-+:?|-{2,}:?)\s*(\|\s*:?-{0,}:?\s*)*\|?\s*$")
_CELL_SPLIT = compiled_patterns.compile(r"(?<!\\)\|")


def decode(data: bytes, path: str, *, legacy: bool = True) -> str:
    """Bytes to NFC text. UTF-8 (with or without BOM), UTF-16 with a BOM, else Windows-1258; a few
    damaged bytes are replaced (see readers/decoding.py); text typed in a legacy Vietnamese font
    (TCVN3, VNI) is converted unless ``legacy`` is False (the caller knows the fonts, as HTML does)."""
    decoded, _ = decode_legacy(data, path, legacy=legacy)
    return decoded.text


def decode_legacy(data: bytes, path: str, *, legacy: bool = True) -> tuple[Decoded, str | None]:
    """The decoded text and the legacy encoding it was converted from ('tcvn3', 'vni' or None). No
    font says which one plain text uses, so the characters tell (lexicon.legacy_fonts.detect)."""
    decoded = None
    if legacy and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            # valid UTF-8 is what decode_text would read first, with nothing replaced
            decoded = Decoded(unicodedata.normalize("NFC", data.decode("utf-8-sig")), "utf-8-sig")
        except UnicodeDecodeError:
            latin = as_cp1252(data)
            enc = detect(latin)
            if enc:
                return Decoded(unicodedata.normalize("NFC", convert(latin, enc)), "cp1252"), enc
    if decoded is None:
        decoded = decode_text(data, path)
    enc = detect(decoded.text) if legacy else None
    if enc:
        decoded.text = unicodedata.normalize("NFC", convert(decoded.text, enc))
    return decoded, enc


def read_text(path: str, data: bytes, sha256: str, fmt: str) -> DocumentModel:
    decoded, legacy = decode_legacy(data, path)
    if not decoded.text.strip():
        raise EmptyDocument(path, "the file holds no text")
    doc = parse_text(decoded.text, path=path, sha256=sha256, fmt=fmt)
    doc.legacy_encoding = legacy
    note = decoded.damage_note(data)
    if note:
        doc.notes.append(note)
    return doc


def parse_text(text: str, *, path: str = "", sha256: str = "", fmt: str = "txt") -> DocumentModel:
    import os
    doc = DocumentModel(file_name=os.path.basename(path), path=path, sha256=sha256, format=fmt, text=text)
    lines = _lines(text)
    breaks = _after_form_feeds(text)
    breaks += [end + 1 for start, end, kind in lines if kind == "break" and "\f" not in text[start:end]]
    if breaks:
        doc.page_starts = sorted(set(breaks))
    i, n = 0, len(lines)
    unspaced = 0   # lines before this one start no space-aligned sheet (spaced_run said so)
    while i < n:
        start, end, kind = lines[i]
        spaced = 0
        if kind == "text" and i >= unspaced:
            spaced, unspaced = spaced_run(text, lines, i)
        if kind == "tsv":
            i = _take_tsv(doc, lines, i)
        elif spaced:
            i = take_spaced(doc, lines, i, spaced)
        elif kind in ("pipe", "sep"):
            i = _take_pipe(doc, lines, i)
        else:
            if kind in ("text", "break", "pageno"):
                while start < end and text[start] in "\f\ufeff":
                    start += 1
                view = TextView.of(text, start, end)
                if view.text.strip():
                    doc.blocks.append(Block(start, end, doc.line_of(start), view, doc.page_of(start)))
            i += 1
    return doc


def _after_form_feeds(text: str) -> list[int]:
    """The offset after each form feed (a new page starts there); str.find, not a per-character loop."""
    out = []
    i = text.find("\f")
    while i != -1:
        out.append(i + 1)
        i = text.find("\f", i + 1)
    return out


class _Line(NamedTuple):
    """One source line: its span without the line end, and what it holds ('text', 'tsv', 'pipe',
    'sep', 'blank', 'break' or 'pageno')."""
    start: int
    end: int
    kind: str


def _lines(text: str) -> list[_Line]:
    out = []
    pos = 0
    for raw in text.split("\n"):
        end = pos + len(raw)
        body_end = end - 1 if raw.endswith("\r") else end
        body = text[pos:body_end]
        stripped = body.strip(" \f\u200b\ufeff")
        if "\t" not in body and is_page_break(body):
            kind = "break"
        elif not stripped:
            kind = "blank"
        elif "\t" not in body and is_page_number(body):
            kind = "pageno"
        elif "\t" in body:
            kind = "tsv"
        elif stripped.startswith("|") and stripped.endswith("|") and len(stripped) > 1:
            kind = "sep" if _PIPE_SEP.match(stripped) else "pipe"
        elif _GRID_RULE.match(stripped):
            kind = "sep"   # a grid table's rule between its rows ('+------+-------+')
        else:
            kind = "text"
        out.append(_Line(pos, body_end, kind))
        pos = end + 1
    return out


def _after_break(lines, j) -> tuple[int, bool]:
    """The next line that is not blank, a page break or a page number, and whether a page break
    (or a page number) stood before it."""
    crossed = False
    while j < len(lines) and lines[j].kind in ("blank", "break", "pageno"):
        crossed = crossed or lines[j].kind != "blank"
        j += 1
    return j, crossed


def _take_tsv(doc: DocumentModel, lines, i: int) -> int:
    rows: list[Row] = []
    j = i
    chunk = False
    width = 0
    while j < len(lines):
        start, end, kind = lines[j]
        if kind in ("blank", "break", "pageno"):
            k, crossed = _after_break(lines, j)
            # across a page break the table goes on with rows of its kind: a two-cell layout block
            # on the next page (signatures) is not a row of a wider sheet
            if k < len(lines) and lines[k].kind == "tsv" and (
                    not crossed or doc.text.count("\t", lines[k].start, lines[k].end) + 1 >= min(3, width)):
                j = k
                chunk = chunk or crossed
                continue
            break
        if kind != "tsv":
            break
        line = doc.text[start:end]
        cells = _cells(doc, line, line.split("\t"), start)
        width = max(width, len(cells))
        chunk = chunk or (bool(rows) and doc.text[start:start + 1] == "\f")
        rows.append(Row(cells, start, end, doc.line_of(start), doc.page_of(start), chunk_start=chunk or not rows))
        chunk = False
        j += 1
    doc.tables.append(Table(rows, rows[0].start, rows[-1].end))
    return j


def _take_pipe(doc: DocumentModel, lines, i: int) -> int:
    """Pipe fragments separated only by blank lines and with the same number of columns are one
    table cut by page breaks; each fragment's first row is marked ``chunk_start``."""
    rows: list[Row] = []
    ncols = None
    j = i
    chunk_start = True
    while j < len(lines):
        start, end, kind = lines[j]
        if kind in ("blank", "break", "pageno"):
            k, _ = _after_break(lines, j)
            if k < len(lines) and lines[k].kind in ("pipe", "sep") and _pipe_width(doc, lines, k) == ncols:
                j = k
                chunk_start = True
                continue
            break
        if kind == "sep":
            j += 1
            continue
        if kind != "pipe":
            break
        cells = _pipe_cells(doc, start, end)
        if ncols is None:
            ncols = len(cells)
        rows.append(Row(cells, start, end, doc.line_of(start), doc.page_of(start), chunk_start=chunk_start))
        chunk_start = False
        j += 1
    if rows:
        doc.tables.append(Table(rows, rows[0].start, rows[-1].end))
    return j


def _pipe_width(doc, lines, k) -> int | None:
    while k < len(lines) and lines[k].kind == "sep":
        k += 1
    if k >= len(lines) or lines[k].kind != "pipe":
        return None
    return len(_pipe_cells(doc, lines[k].start, lines[k].end))


def _pipe_cells(doc: DocumentModel, start: int, end: int) -> list[Cell]:
    line = doc.text[start:end]
    first = line.index("|")
    last = line.rindex("|")
    inner = line[first + 1:last]
    return _cells(doc, inner, _CELL_SPLIT.split(inner), start + first + 1)


def _cells(doc: DocumentModel, row: str, parts: list[str], pos: int) -> list[Cell]:
    """One cell per part of ``row`` split at its separators (one character each), the first part
    starting at ``pos``: each trimmed of ' \\r\\f' before and ' \\r' after its text. A row with
    nothing to clean (most) gives each cell its text as its view without a look at each."""
    text = doc.text
    clean = may_need_cleaning(row)
    page_of = doc.page_of if doc.page_starts is not None else None
    cells = []
    for col, part in enumerate(parts):
        lead = part.lstrip(" \r\f")
        start = pos + len(part) - len(lead)
        region = lead.rstrip(" \r")
        end = start + len(region)
        # a cell of a row with markup is cleaned only when it holds some itself
        view = TextView.of(text, start, end) if clean and may_need_cleaning(region) \
            else TextView.verbatim(region, start, end)
        cells.append(Cell(col, start, end, view, page_of(start) if page_of is not None else None))
        pos += len(part) + 1
    return cells
