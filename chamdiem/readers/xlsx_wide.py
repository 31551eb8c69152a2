"""A wide (transposed) score sheet in a workbook: the items are columns, named by header rows
('Tiêu chí 1' merged over 'ND1 | ND2 | ND3'), and each row below gives one kind of score, named in
the first column ('Điểm tối đa', 'Tự chấm', 'Điểm thẩm định': the words catalogs/columns.toml gives a
column's header). Such a block is handed to the builder transposed, in the row form every extractor
reads: the first column's header cells head the label columns ('Tiêu chí | Nội dung'), the score
kinds head the score columns, and each item column becomes a row; a header cell merged across
columns (a group over its sub-columns) becomes a cell merged down the rows, and one merged down the
header rows a cell across the label columns. Every cell keeps its own reference ('Sheet1!C19').
"""
from __future__ import annotations

from dataclasses import dataclass

from chamdiem.lexicon.columns import column_role
from chamdiem.lexicon.numbering import parse_marker
from chamdiem.readers.builder import CellIn

SCORE_ROLES = ("max_points", "self_score", "authority_score", "bonus_max", "bonus_self", "bonus_authority")
GIVEN_ROLES = ("self_score", "authority_score", "bonus_self", "bonus_authority")
HEADER_ROWS = 3        # header rows naming the items a block may take (a group, its sub-columns, one more)
MIN_ITEMS = 2          # item columns with a number a block needs


@dataclass(slots=True)
class WideBlock:
    """Rows ``headers`` name the item columns ``items``; rows ``kinds`` give the scores; ``key`` is the
    column naming the score kinds (and, in the header rows, the label columns)."""
    key: int
    headers: list[int]
    kinds: list[int]
    items: list[int]
    given: int            # item columns with a score given (self or authority), how the sheet is chosen

    @property
    def first(self) -> int:
        return self.headers[0]

    @property
    def last(self) -> int:
        return self.kinds[-1]


def find_blocks(sheet, is_number) -> list[WideBlock]:
    """The sheet's wide blocks, top to bottom: runs of at least two rows whose first cell names a
    score kind (one of them a score given) under header rows naming at least MIN_ITEMS items."""
    blocks = []
    row = sheet.rows.start
    while row < sheet.rows.stop:
        block = _block_at(sheet, row, is_number)
        if block is None:
            row += 1
            continue
        blocks.append(block)
        row = block.last + 1
    return blocks


def _first_cell(sheet, row: int) -> int | None:
    return min((c for (r, c) in sheet.grid if r == row), default=None)


def _kind(sheet, row: int, key: int) -> str | None:
    """The score kind a row names in its first cell, when that cell is at ``key``."""
    if _first_cell(sheet, row) != key:
        return None
    role = column_role(sheet.grid[(row, key)])
    return role if role in SCORE_ROLES else None


def _block_at(sheet, row: int, is_number) -> WideBlock | None:
    key = _first_cell(sheet, row)
    if key is None or _kind(sheet, row, key) is None:
        return None
    if row > sheet.rows.start and _kind(sheet, row - 1, key) is not None:
        return None   # the run started above
    kinds, roles = _kind_rows(sheet, row, key)
    if len(kinds) < 2 or len(set(roles)) < len(roles) or not any(r in GIVEN_ROLES for r in roles):
        return None
    start = _item_start(sheet, kinds, key)
    headers = _header_rows(sheet, row, key, start)
    if not headers:
        return None
    items = [c for c in range(start, sheet.cols.stop)
             if any(sheet._text(h, c) for h in headers) or any((r, c) in sheet.grid for r in kinds)]
    numbered = [c for c in items if any(is_number(sheet.grid.get((r, c), "")) for r in kinds)]
    if len(numbered) < MIN_ITEMS:
        return None
    given_rows = [r for r, role in zip(kinds, roles) if role in GIVEN_ROLES]
    given = sum(1 for c in items if any(is_number(sheet.grid.get((r, c), "")) for r in given_rows))
    return WideBlock(key, headers, kinds, items, given)


def _kind_rows(sheet, row: int, key: int) -> tuple[list[int], list[str]]:
    """The run of rows from ``row`` down naming a score kind at ``key``, and their kinds."""
    kinds = [row]
    while kinds[-1] + 1 < sheet.rows.stop and _kind(sheet, kinds[-1] + 1, key) is not None:
        kinds.append(kinds[-1] + 1)
    return kinds, [column_role(sheet.grid[(r, key)]) for r in kinds]


def _item_start(sheet, rows: list[int], key: int) -> int:
    """The first item column: right of the key column, or of its cells merged across."""
    return max(sheet.merges.get((r, key), (r, key))[1] for r in rows) + 1


def _header_rows(sheet, first_kind: int, key: int, start: int) -> list[int]:
    """The rows right above the score kinds naming the items: each with text at the key column (or
    under a cell merged down to it) that names no score kind, and at least MIN_ITEMS item names."""
    rows: list[int] = []
    row = first_kind - 1
    while row >= sheet.rows.start and len(rows) < HEADER_ROWS:
        own = sheet._text(row, key)
        if not own or column_role(own) in SCORE_ROLES:
            break
        names = sum(1 for c in range(start, sheet.cols.stop) if (row, c) in sheet.grid)
        if names < MIN_ITEMS and not rows:
            break
        if names == 0:
            break
        rows.insert(0, row)
        row -= 1
    return rows


def transposed_rows(sheet, block: WideBlock, ref) -> list[list[CellIn]]:
    """The block in row form: a header row (the key column's header cells, then the score kinds),
    then a row per item column. ``ref(row, col)`` is a slot's reference."""
    width = len(block.headers)
    head = []
    for k, h in enumerate(block.headers):
        top = sheet.covered.get((h, block.key))
        if top is not None and top[0] < h:
            continue   # merged down from a header row above: that cell spans this label column too
        last_row = sheet.merges.get((h, block.key), (h, block.key))[0]
        span = min(last_row, block.headers[-1]) - h + 1
        head.append(CellIn(k, sheet.grid.get((h, block.key), ""), span, None, ref(h, block.key)))
    for k, r in enumerate(block.kinds):
        head.append(CellIn(width + k, sheet.grid[(r, block.key)], 1, None, ref(r, block.key)))
    rows = [head]
    seen: set = set()
    for col in _in_row_order(sheet, block):
        cells = _label_cells(sheet, block, col, ref, seen)
        for k, r in enumerate(block.kinds):
            cells.append(CellIn(width + k, sheet.grid.get((r, col), ""), 1, None, ref(r, col)))
        rows.append(cells)
    return rows


def _in_row_order(sheet, block: WideBlock) -> list[int]:
    """The item columns in the order their rows take: a group's own column (under the group header,
    its lowest header cell empty or naming no item: 'Cộng', 'Điểm tiêu chí') first, as a criterion's
    row stands before its contents' rows."""
    if len(block.headers) < 2:
        return list(block.items)
    lowest = block.headers[-1]
    order = list(block.items)
    for (row, col), (_, last_col) in sorted(sheet.merges.items()):
        if row not in block.headers[:-1] or last_col == col or col not in order:
            continue
        group = [c for c in order if col <= c <= last_col]
        own = [c for c in group if not _names_an_item(sheet.grid.get((lowest, c), ""))]
        if len(own) != 1 or len(group) < 2:
            continue
        at = order.index(group[0])
        order[at:at + len(group)] = own + [c for c in group if c not in own]
    return order


def _names_an_item(text: str) -> bool:
    """A header cell that is an item's numbering, with or without its marker word ('ND2', '3', 'a)')."""
    text = text.strip().rstrip(" .:")
    marker = parse_marker(text, lists=True) if text else None
    return marker is not None and marker.end >= len(text)


def _label_cells(sheet, block: WideBlock, col: int, ref, seen: set) -> list[CellIn]:
    """An item column's header slots as the label cells of its row: a header cell merged across
    columns is written in the first row its columns give (``seen`` holds the cells written) and
    continued down the next ones; one merged down the header rows spans as many label columns."""
    cells = []
    last_header = block.headers[-1]
    for k, h in enumerate(block.headers):
        top = sheet.covered.get((h, col))
        if top is not None and top[0] < h:
            continue   # covered by a cell merged down from a header row above
        origin = top or (h, col)
        last_row, last_col = sheet.merges.get(origin, origin)
        span = min(last_row, last_header) - h + 1
        if origin in seen:
            cells.append(CellIn(k, "", span, "continue", ref(h, col)))
        else:
            seen.add(origin)
            merge = "restart" if last_col > origin[1] else None
            cells.append(CellIn(k, sheet.grid.get(origin, ""), span, merge, ref(*origin)))
    return cells
