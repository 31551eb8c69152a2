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
    for v in sorted(values):
        if out and v - out[-1][-1] <= SNAP:
            out[-1].append(v)
        else:
            out.append([v])
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
    nh = int(np.count_nonzero(rules.horizontal))
    firsts: list[int] = []
    means: list[float] = []
    _lines(pos_list, 0, nh, firsts, means)
    h_lines = len(firsts)
    _lines(pos_list, nh, count, firsts, means)
    line = np.empty(count, dtype=np.int64)
    line[order] = np.repeat(np.arange(len(firsts)), np.diff(firsts + [count]))
    # along each line, left to right: the running end (a maximum within the line, taken on ranks
    # so that it stays exact) tells where a piece starts past everything before it
    along = np.lexsort((rules.a, line))
    line, a, b = line[along], rules.a[along], rules.b[along]
    by_end = np.argsort(b)
    rank = np.empty(count, dtype=np.int64)
    rank[by_end] = np.arange(count)
    reach = b[by_end][np.maximum.accumulate(line * count + rank) % count]
    starts = np.ones(count, dtype=bool)
    starts[1:] = (line[1:] != line[:-1]) | (a[1:] > reach[:-1] + SNAP)
    first = np.flatnonzero(starts)
    last = np.concatenate((first[1:], [count])) - 1
    seg_line = line[first]
    return int(np.count_nonzero(seg_line < h_lines)), np.asarray(means)[seg_line], a[first], reach[last]


def _lines(pos_list: list[float], i: int, end: int, firsts: list[int], means: list[float]) -> None:
    """The lines of the sorted positions ``pos_list[i:end]``: where each starts, and its mean."""
    while i < end:
        first = pos_list[i]
        j = bisect.bisect_right(pos_list, first + SNAP, i, end)
        while j < end and pos_list[j] - first <= SNAP:      # settle the end by the exact test
            j += 1
        while j > i + 1 and not pos_list[j - 1] - first <= SNAP:
            j -= 1
        firsts.append(i)
        means.append(sum(pos_list[i:j]) / (j - i))
        i = j


def find_grids(segs: "list[Seg] | Rules") -> list[Grid]:
    """Connected rules that cross each other form a table; its grid and merged cells."""
    rules = segs if isinstance(segs, Rules) else Rules.of(segs)
    hz = rules.horizontal
    if not hz.any() or hz.all():
        return []
    nh, p, a, b = _merge(rules)
    hp, ha, hb = p[:nh], a[:nh], b[:nh]
    vp, va, vb = p[nh:], a[nh:], b[nh:]
    touch = ((ha[:, None] - SNAP <= vp) & (vp <= hb[:, None] + SNAP) &
             (va - SNAP <= hp[:, None]) & (hp[:, None] <= vb + SNAP))
    # connected components, each labelled by its first horizontal segment
    if touch.all():     # one table, every rule across every other
        return _grids([(hp, ha, hb, vp, va, vb)])
    hl = np.arange(nh)
    while True:
        vl = np.where(touch, hl[:, None], nh).min(axis=0)
        nl = np.minimum(hl, np.where(touch, vl, nh).min(axis=1))
        if (nl == hl).all():
            break
        hl = nl
    parts = []
    for label in np.unique(hl).tolist():
        hsel, vsel = hl == label, vl == label
        parts.append((hp[hsel], ha[hsel], hb[hsel], vp[vsel], va[vsel], vb[vsel]))
    return _grids(parts)


def _grids(parts) -> list[Grid]:
    grids = []
    for hp, ha, hb, vp, va, vb in parts:
        if len(hp) < 2 or len(vp) < 2:
            continue
        ys = _cluster(hp.tolist())
        xs = _cluster(vp.tolist())
        if len(ys) < 2 or len(xs) < 2:
            continue
        grid = Grid(xs, ys)
        grid.cells = _cells(grid, (hp, ha, hb), (vp, va, vb))
        grids.append(grid)
    return sorted(grids, key=lambda g: g.ys[0])


def _covered(segs: tuple[np.ndarray, np.ndarray, np.ndarray], at_pos: list[float], along: np.ndarray) -> np.ndarray:
    """For each boundary position and each point along it: does a segment lie at the boundary
    (within SNAP) and reach the point."""
    pos, a, b = segs
    near = np.abs(pos - np.asarray(at_pos, dtype=float)[:, None]) <= SNAP          # [boundary, segment]
    reach = (a - SNAP <= along[:, None]) & (along[:, None] <= b + SNAP)             # [point, segment]
    return (near[:, None, :] & reach[None, :, :]).any(axis=2)


def _cells(grid: Grid, hs, vs) -> list[tuple[int, int, int, int]]:
    """Grid slots joined wherever the rule between them is missing (merged cells)."""
    nr, nc = len(grid.ys) - 1, len(grid.xs) - 1
    ys, xs = np.asarray(grid.ys), np.asarray(grid.xs)
    ymid, xmid = (ys[:-1] + ys[1:]) / 2, (xs[:-1] + xs[1:]) / 2
    vcov = _covered(vs, grid.xs[1:-1], ymid)     # [boundary j, row i]
    hcov = _covered(hs, grid.ys[1:-1], xmid)     # [boundary i, column j]
    if vcov.all() and hcov.all():
        return [(i, j, i, j) for i in range(nr) for j in range(nc)]
    parent: dict[tuple[int, int], tuple[int, int]] = {}

    def find(k):
        while parent.setdefault(k, k) != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k
    for j, i in zip(*np.nonzero(~vcov)):
        parent[find((int(i), int(j) + 1))] = find((int(i), int(j)))
    for i, j in zip(*np.nonzero(~hcov)):
        parent[find((int(i) + 1, int(j)))] = find((int(i), int(j)))
    spans = _rectangles(parent, find)
    singles = [(i, j, i, j) for i in range(nr) for j in range(nc) if (i, j) not in parent]
    return sorted(singles + [tuple(b) for b in spans.values()])


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
        for root, (i0, j0, i1, j1) in spans.items():
            for slot in ((i, j) for i in range(i0, i1 + 1) for j in range(j0, j1 + 1)):
                other = find(slot)
                if other != find(root):
                    parent[other] = find(root)
                    grown = True
        if not grown:
            return spans
