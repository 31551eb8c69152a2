"""Page geometry for the PDF reader: characters into lines, ruling segments into table grids.

Coordinates are top-down (y grows downwards), in PDF points. A ruled table is found as a
connected set of horizontal and vertical segments; its cells are the grid slots joined wherever
the separating rule is missing (merged cells), as pdfplumber's lattice method does, but on the
characters and paths pdfium gives, which is several times faster.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field

SNAP = 2.0  # points within which two rules are the same line


@dataclass
class Char:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    space_before: bool = False

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass
class Line:
    chars: list[Char]
    top: float
    bottom: float
    x0: float
    x1: float

    @property
    def text(self) -> str:
        return chars_text(self.chars)


def group_lines(chars: list[Char]) -> list[Line]:
    """Characters into text lines, top to bottom; each line's characters left to right."""
    if not chars:
        return []
    heights = sorted(c.bottom - c.top for c in chars)
    tol = max(1.0, heights[len(heights) // 2] * 0.5)
    lines: list[list[Char]] = []
    centers: list[float] = []
    for c in sorted(chars, key=lambda c: (c.cy, c.x0)):
        if lines and abs(c.cy - centers[-1]) <= tol:
            lines[-1].append(c)
            n = len(lines[-1])
            centers[-1] += (c.cy - centers[-1]) / n
        else:
            lines.append([c])
            centers.append(c.cy)
    out = []
    for cs in lines:
        cs.sort(key=lambda c: c.x0)
        out.append(Line(cs, min(c.top for c in cs), max(c.bottom for c in cs), cs[0].x0, max(c.x1 for c in cs)))
    return out


def chars_text(chars: list[Char]) -> str:
    """Characters of one line as text: a space where the PDF had one or where a gap shows one.
    Letters spread out by justification (character spacing) are one word: a gap counts as a space
    only when it is wider than the line's usual gap between letters."""
    parts = []
    prev = None
    spread = _letter_spread(chars)
    for c in chars:
        if prev is not None:
            gap = c.x0 - prev.x1
            h = max(c.bottom - c.top, 1.0)
            if c.space_before or gap > 0.25 * h + spread:
                parts.append(" ")
        parts.append(c.text)
        prev = c
    return "".join(parts)


def _letter_spread(chars: list[Char]) -> float:
    """The usual gap between letters of a word on this line (0 unless the letters are spaced out)."""
    if len(chars) < 6:
        return 0.0
    gaps = sorted(c.x0 - p.x1 for p, c in zip(chars, chars[1:]) if not c.space_before)
    if len(gaps) < 4:
        return 0.0
    median = gaps[len(gaps) // 2]
    h = sorted(c.bottom - c.top for c in chars)[len(chars) // 2]
    return median if median > 0.1 * h else 0.0


# pdfium reports a hyphen that ends a line inside a word as U+FFFE; other producers write U+0002.
LINE_END_HYPHEN = "\ufffe"


def join_lines(texts: list[str]) -> str:
    """Lines of one cell or paragraph joined by line ends, except after a line-end hyphen: there
    the word goes on. The hyphen stays where a code is cut ('45/KH-' + 'SNV') and goes where a
    lower-case word is ('quy-' + 'định' would be hyphenation)."""
    out = ""
    for k, t in enumerate(texts):
        if k and out.endswith(LINE_END_HYPHEN):
            out = out[:-1] + ("" if out[-2:-1].islower() and t[:1].islower() else "-") + t
        else:
            out = out + "\n" + t if k else t
    return out.replace(LINE_END_HYPHEN, "-")


def lines_text(chars: list[Char]) -> str:
    return join_lines([l.text for l in group_lines(chars)])


@dataclass
class Seg:
    horizontal: bool
    pos: float     # y of a horizontal rule, x of a vertical one
    a: float       # start along the rule
    b: float       # end along the rule


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


def merge_segments(segs: list[Seg]) -> list[Seg]:
    """Collinear pieces of one rule (cell borders drawn cell by cell) become one segment."""
    out = []
    for horizontal in (True, False):
        group = sorted((s for s in segs if s.horizontal == horizontal), key=lambda s: (s.pos, s.a))
        lines: list[list[Seg]] = []
        for s in group:
            if lines and abs(s.pos - lines[-1][0].pos) <= SNAP:
                lines[-1].append(s)
            else:
                lines.append([s])
        for line in lines:
            pos = sum(s.pos for s in line) / len(line)
            cur = None
            for s in sorted(line, key=lambda s: s.a):
                if cur is not None and s.a <= cur.b + SNAP:
                    cur.b = max(cur.b, s.b)
                else:
                    cur = Seg(horizontal, pos, s.a, s.b)
                    out.append(cur)
    return out


def _touch(h: Seg, v: Seg) -> bool:
    return h.a - SNAP <= v.pos <= h.b + SNAP and v.a - SNAP <= h.pos <= v.b + SNAP


def find_grids(segs: list[Seg]) -> list[Grid]:
    """Connected rules that cross each other form a table; its grid and merged cells."""
    segs = merge_segments(segs)
    hs = [s for s in segs if s.horizontal]
    vs = [s for s in segs if not s.horizontal]
    parent = list(range(len(hs) + len(vs)))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i
    for i, h in enumerate(hs):
        for j, v in enumerate(vs):
            if _touch(h, v):
                parent[find(i)] = find(len(hs) + j)
    groups: dict[int, tuple[list[Seg], list[Seg]]] = {}
    for i, h in enumerate(hs):
        groups.setdefault(find(i), ([], []))[0].append(h)
    for j, v in enumerate(vs):
        groups.setdefault(find(len(hs) + j), ([], []))[1].append(v)
    grids = []
    for ghs, gvs in groups.values():
        if len(ghs) < 2 or len(gvs) < 2:
            continue
        ys = _cluster([h.pos for h in ghs])
        xs = _cluster([v.pos for v in gvs])
        if len(ys) < 2 or len(xs) < 2:
            continue
        grid = Grid(xs, ys)
        grid.cells = _cells(grid, ghs, gvs)
        grids.append(grid)
    return sorted(grids, key=lambda g: g.ys[0])


def _covers(segs: list[Seg], pos: float, at: float) -> bool:
    return any(abs(s.pos - pos) <= SNAP and s.a - SNAP <= at <= s.b + SNAP for s in segs)


def _cells(grid: Grid, hs: list[Seg], vs: list[Seg]) -> list[tuple[int, int, int, int]]:
    nr, nc = len(grid.ys) - 1, len(grid.xs) - 1
    parent = {(i, j): (i, j) for i in range(nr) for j in range(nc)}

    def find(k):
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k
    for i in range(nr):
        ymid = (grid.ys[i] + grid.ys[i + 1]) / 2
        for j in range(nc - 1):
            if not _covers(vs, grid.xs[j + 1], ymid):
                parent[find((i, j + 1))] = find((i, j))
    for j in range(nc):
        xmid = (grid.xs[j] + grid.xs[j + 1]) / 2
        for i in range(nr - 1):
            if not _covers(hs, grid.ys[i + 1], xmid):
                parent[find((i + 1, j))] = find((i, j))
    spans: dict[tuple[int, int], list[int]] = {}
    for (i, j) in parent:
        r = find((i, j))
        box = spans.setdefault(r, [i, j, i, j])
        box[0], box[1] = min(box[0], i), min(box[1], j)
        box[2], box[3] = max(box[2], i), max(box[3], j)
    return sorted(tuple(b) for b in spans.values())


def slot_of(grid: Grid, x: float, y: float) -> tuple[int, int] | None:
    if not (grid.xs[0] <= x <= grid.xs[-1] and grid.ys[0] <= y <= grid.ys[-1]):
        return None
    i = min(max(bisect.bisect_right(grid.ys, y) - 1, 0), len(grid.ys) - 2)
    j = min(max(bisect.bisect_right(grid.xs, x) - 1, 0), len(grid.xs) - 2)
    return i, j
