"""Ruled tables from a page's rules: connected horizontal and vertical segments form a grid whose
cells are the grid slots joined wherever the separating rule is missing (merged cells), as
pdfplumber's lattice method does.

The rules travel as arrays (Rules): a ruled page holds hundreds of pieces (cell borders drawn cell
by cell), and a Python object per piece cost more than finding the grid. Coordinates are top-down
PDF points. Every step depends only on the set of pieces, not on their order.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field

import numpy as np

SNAP = 2.0  # points within which two rules are the same line


@dataclass
class Seg:
    horizontal: bool
    pos: float     # y of a horizontal rule, x of a vertical one
    a: float       # start along the rule
    b: float       # end along the rule


@dataclass
class Rules:
    """Pieces of rule as parallel float64 arrays: ``horizontal`` (bool), ``pos`` (y of a horizontal
    piece, x of a vertical one), ``a`` and ``b`` (its start and end along it)."""
    horizontal: np.ndarray
    pos: np.ndarray
    a: np.ndarray
    b: np.ndarray

    def __len__(self) -> int:
        return len(self.pos)

    @classmethod
    def of(cls, segs: list[Seg]) -> "Rules":
        return cls(np.array([s.horizontal for s in segs], dtype=bool), np.array([s.pos for s in segs], dtype=float),
                   np.array([s.a for s in segs], dtype=float), np.array([s.b for s in segs], dtype=float))


@dataclass
class Grid:
    xs: list[float]
    ys: list[float]
    cells: list[tuple[int, int, int, int]] = field(default_factory=list)  # (row, col, last row, last col)

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return self.xs[0], self.ys[0], self.xs[-1], self.ys[-1]

    @property
    def ncols(self) -> int:
        return len(self.xs) - 1


def _cluster(values: list[float]) -> list[float]:
    out: list[list[float]] = []
    for value in sorted(values):
        if out and value - out[-1][-1] <= SNAP:
            out[-1].append(value)
        else:
            out.append([value])
    return [sum(g) / len(g) for g in out]


def _merge(rules: Rules) -> tuple[int, np.ndarray, np.ndarray, np.ndarray]:
    """Collinear pieces of one rule become one segment: how many of the segments are horizontal
    (they come first), and each segment's position, start and end, by position then start.

    Pieces are sorted by position; a line takes the pieces within SNAP of its first one and sits at
    their mean; along it, a piece starting past everything before it (plus SNAP) starts a new
    segment. Both directions are done at once, each line on its own."""
    count = len(rules)
    order = np.lexsort((rules.pos, ~rules.horizontal))    # horizontal pieces first
    pos_list = rules.pos[order].tolist()
    horizontal_count = int(np.count_nonzero(rules.horizontal))
    firsts: list[int] = []
    means: list[float] = []
    _lines(pos_list, 0, horizontal_count, firsts, means)
    h_lines = len(firsts)
    _lines(pos_list, horizontal_count, count, firsts, means)
    line = np.empty(count, dtype=np.int64)
    line[order] = np.repeat(np.arange(len(firsts)), np.diff(firsts + [count]))
    # along each line, left to right: the running end (a maximum within the line, taken on ranks
    # so that it stays exact) tells where a piece starts past everything before it
    along = np.lexsort((rules.a, line))
    line, piece_start, piece_end = line[along], rules.a[along], rules.b[along]
    by_end = np.argsort(piece_end)
    rank = np.empty(count, dtype=np.int64)
    rank[by_end] = np.arange(count)
    reach = piece_end[by_end][np.maximum.accumulate(line * count + rank) % count]
    starts = np.ones(count, dtype=bool)
    starts[1:] = (line[1:] != line[:-1]) | (piece_start[1:] > reach[:-1] + SNAP)
    first = np.flatnonzero(starts)
    last = np.concatenate((first[1:], [count])) - 1
    seg_line = line[first]
    return int(np.count_nonzero(seg_line < h_lines)), np.asarray(means)[seg_line], piece_start[first], reach[last]


def _lines(pos_list: list[float], start: int, end: int, firsts: list[int], means: list[float]) -> None:
    """The lines of the sorted positions ``pos_list[start:end]``: where each starts, and its mean."""
    while start < end:
        first = pos_list[start]
        past = bisect.bisect_right(pos_list, first + SNAP, start, end)
        while past < end and pos_list[past] - first <= SNAP:   # settle the end by the exact test
            past += 1
        while past > start + 1 and not pos_list[past - 1] - first <= SNAP:
            past -= 1
        firsts.append(start)
        means.append(sum(pos_list[start:past]) / (past - start))
        start = past


def find_grids(segs: "list[Seg] | Rules") -> list[Grid]:
    """Connected rules that cross each other form a table; its grid and merged cells."""
    rules = segs if isinstance(segs, Rules) else Rules.of(segs)
    is_horizontal = rules.horizontal
    if not is_horizontal.any() or is_horizontal.all():
        return []
    horizontal_count, positions, starts, ends = _merge(rules)
    h_pos, h_start, h_end = positions[:horizontal_count], starts[:horizontal_count], ends[:horizontal_count]
    v_pos, v_start, v_end = positions[horizontal_count:], starts[horizontal_count:], ends[horizontal_count:]
    touch = ((h_start[:, None] - SNAP <= v_pos) & (v_pos <= h_end[:, None] + SNAP) &
             (v_start - SNAP <= h_pos[:, None]) & (h_pos[:, None] <= v_end + SNAP))
    # connected components, each labelled by its first horizontal segment
    if touch.all():     # one table, every rule across every other
        return _grids([(h_pos, h_start, h_end, v_pos, v_start, v_end)])
    h_label = np.arange(horizontal_count)
    while True:
        v_label = np.where(touch, h_label[:, None], horizontal_count).min(axis=0)
        new_label = np.minimum(h_label, np.where(touch, v_label, horizontal_count).min(axis=1))
        if (new_label == h_label).all():
            break
        h_label = new_label
    parts = []
    for label in np.unique(h_label).tolist():
        hsel, vsel = h_label == label, v_label == label
        parts.append((h_pos[hsel], h_start[hsel], h_end[hsel], v_pos[vsel], v_start[vsel], v_end[vsel]))
    return _grids(parts)


def _grids(parts) -> list[Grid]:
    grids = []
    for h_pos, h_start, h_end, v_pos, v_start, v_end in parts:
        if len(h_pos) < 2 or len(v_pos) < 2:
            continue
        row_ys = _cluster(h_pos.tolist())
        col_xs = _cluster(v_pos.tolist())
        if len(row_ys) < 2 or len(col_xs) < 2:
            continue
        grid = Grid(col_xs, row_ys)
        grid.cells = _cells(grid, (h_pos, h_start, h_end), (v_pos, v_start, v_end))
        grids.append(grid)
    return sorted(grids, key=lambda g: g.ys[0])


def _covered(segs: tuple[np.ndarray, np.ndarray, np.ndarray], at_pos: list[float], along: np.ndarray) -> np.ndarray:
    """For each boundary position and each point along it: does a segment lie at the boundary
    (within SNAP) and reach the point."""
    pos, starts, ends = segs
    near = np.abs(pos - np.asarray(at_pos, dtype=float)[:, None]) <= SNAP          # [boundary, segment]
    reach = (starts - SNAP <= along[:, None]) & (along[:, None] <= ends + SNAP)             # [point, segment]
    return (near[:, None, :] & reach[None, :, :]).any(axis=2)


def _cells(grid: Grid, horizontals, verticals) -> list[tuple[int, int, int, int]]:
    """Grid slots joined wherever the rule between them is missing (merged cells)."""
    row_count, col_count = len(grid.ys) - 1, len(grid.xs) - 1
    row_ys, col_xs = np.asarray(grid.ys), np.asarray(grid.xs)
    ymid, xmid = (row_ys[:-1] + row_ys[1:]) / 2, (col_xs[:-1] + col_xs[1:]) / 2
    vcov = _covered(verticals, grid.xs[1:-1], ymid)     # [boundary j, row i]
    hcov = _covered(horizontals, grid.ys[1:-1], xmid)     # [boundary i, column j]
    if vcov.all() and hcov.all():
        return [(i, j, i, j) for i in range(row_count) for j in range(col_count)]
    parent: dict[tuple[int, int], tuple[int, int]] = {}

    def find(slot):
        while parent.setdefault(slot, slot) != slot:
            parent[slot] = parent[parent[slot]]
            slot = parent[slot]
        return slot
    for j, i in zip(*np.nonzero(~vcov)):
        parent[find((int(i), int(j) + 1))] = find((int(i), int(j)))
    for i, j in zip(*np.nonzero(~hcov)):
        parent[find((int(i) + 1, int(j)))] = find((int(i), int(j)))
    spans = _rectangles(parent, find)
    singles = [(i, j, i, j) for i in range(row_count) for j in range(col_count) if (i, j) not in parent]
    return sorted(singles + [tuple(span) for span in spans.values()])


def _rectangles(parent: dict, find) -> dict[tuple[int, int], list[int]]:
    """The joined slots as rectangles that do not overlap: a group whose missing rules make an L or
    a U (a noisy scan, a hand-drawn table) takes in every slot of its bounding box, and so the
    group of any of them, until no box holds a slot of another group. Overlapping cells would
    hand one row a cell that starts and one that continues in the same column."""
    while True:
        spans: dict[tuple[int, int], list[int]] = {}
        for (i, j) in list(parent):
            box = spans.setdefault(find((i, j)), [i, j, i, j])
            box[0], box[1] = min(box[0], i), min(box[1], j)
            box[2], box[3] = max(box[2], i), max(box[3], j)
        grown = False
        for root, (top_row, left_col, bottom_row, right_col) in spans.items():
            for slot in ((i, j) for i in range(top_row, bottom_row + 1) for j in range(left_col, right_col + 1)):
                other = find(slot)
                if other != find(root):
                    parent[other] = find(root)
                    grown = True
        if not grown:
            return spans
