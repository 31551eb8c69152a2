"""Page geometry for the PDF reader: characters into lines, ruling segments into table grids.

Coordinates are top-down (y grows downwards), in PDF points. A ruled table is found as a
connected set of horizontal and vertical segments; its cells are the grid slots joined wherever
the separating rule is missing (merged cells), as pdfplumber's lattice method does, but on the
characters and paths pdfium gives, which is several times faster.

A page's characters travel as arrays (PageChars): the text of a ruled table's cells is built from
them with numpy (cell_texts), with no Python object per glyph; Char objects are made only for the
characters outside tables, which the line and unruled-sheet logic reads one by one. Both paths give
the same text (cell_texts is group_lines + chars_text, computed for every cell at once).
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

import numpy as np

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
class PageChars:
    """Characters of a page as parallel arrays, in the order the PDF gives them. ``codes`` holds one
    code point per glyph; a glyph that is several code points (a converted legacy-font glyph) is a
    private-use placeholder that ``extra`` maps back to its text (the reader refuses private-use
    glyphs of the PDF itself, so none is ambiguous)."""
    codes: np.ndarray          # uint32
    x0: np.ndarray             # float64, top-down page coordinates
    top: np.ndarray
    x1: np.ndarray
    bottom: np.ndarray
    space: np.ndarray          # bool: white space came before the glyph in the text layer
    extra: dict[int, str] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.codes)

    @property
    def cx(self) -> np.ndarray:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> np.ndarray:
        return (self.top + self.bottom) / 2

    def take(self, idx) -> "PageChars":
        return PageChars(self.codes[idx], self.x0[idx], self.top[idx], self.x1[idx], self.bottom[idx],
                         self.space[idx], self.extra)

    def chars(self) -> list[Char]:
        """The characters as Char objects (for the code that reads them one by one)."""
        extra = self.extra
        texts = [extra.get(c) or chr(c) for c in self.codes.tolist()] if extra else \
            list(self.codes.astype("<u4").tobytes().decode("utf-32-le"))
        return [Char(t, a, b, c, d, sp) for t, a, b, c, d, sp in
                zip(texts, self.x0.tolist(), self.top.tolist(), self.x1.tolist(), self.bottom.tolist(),
                    self.space.tolist())]

    @classmethod
    def of(cls, chars: list[Char]) -> "PageChars":
        extra: dict[int, str] = {}
        codes = []
        for c in chars:
            if len(c.text) == 1:
                codes.append(ord(c.text))
            else:
                code = 0xE000 + len(extra)
                extra[code] = c.text
                codes.append(code)
        f = np.array
        return cls(f(codes, dtype=np.uint32), f([c.x0 for c in chars], dtype=float), f([c.top for c in chars], dtype=float),
                   f([c.x1 for c in chars], dtype=float), f([c.bottom for c in chars], dtype=float),
                   f([c.space_before for c in chars], dtype=bool), extra)


def _sort_within(group: np.ndarray, value: np.ndarray) -> np.ndarray:
    """The stable order by (group, value), as np.lexsort((value, group)) gives it, in one float
    sort: group ids (small non-negative integers) are spaced wider than the values' range, whose
    distinct values (page coordinates from pdfium's single-precision boxes) stay distinct."""
    if not len(value):
        return np.arange(0)
    lo = value.min()
    span = float(value.max() - lo) + 1.0
    return np.argsort(group * span + (value - lo), kind="stable")


def grouped_lines_text(pc: PageChars, group: np.ndarray, ngroups: int) -> list[str]:
    """For each group id 0..ngroups-1, lines_text of the characters in it: what calling group_lines
    and chars_text on each group's Char list gives, in one pass over arrays. Lines are still formed
    one after the other (a running mean of their centres), but per run of characters that share a
    centre, not per character."""
    out = [""] * ngroups
    n = len(group)
    if n == 0:
        return out
    cy = pc.cy
    h = pc.bottom - pc.top
    # each group's tolerance: half its median glyph height, at least a point (as group_lines)
    by_h = _sort_within(group, h)
    gs = group[by_h]
    starts = np.searchsorted(gs, np.arange(ngroups), "left")
    counts = np.searchsorted(gs, np.arange(ngroups), "right") - starts
    med = np.where(counts > 0, h[by_h[np.minimum(starts + counts // 2, n - 1)]], 0.0)
    tol = np.maximum(1.0, med * 0.5).tolist()
    by_x = np.argsort(pc.x0, kind="stable")
    order = by_x[_sort_within(group[by_x], cy[by_x])]   # as sorted(key=(cy, x0)) within each group
    go, cyo = group[order], cy[order]
    brk = np.flatnonzero((go[1:] != go[:-1]) | (cyo[1:] != cyo[:-1])) + 1
    run_start = np.concatenate(([0], brk))
    run_len = np.diff(np.append(run_start, n)).tolist()
    line_of_run = []
    line, cur, center, k = -1, -1, 0.0, 0
    for g, v, m in zip(go[run_start].tolist(), cyo[run_start].tolist(), run_len):
        if g == cur and abs(v - center) <= tol[g]:
            first = 0
        else:
            line, cur, center, k = line + 1, g, v, 1
            first = 1
        if center == v:
            k += m - first      # adding the centre's own value leaves the mean as it is
        else:
            for _ in range(m - first):
                k += 1
                center += (v - center) / k
        line_of_run.append(line)
    lid = np.repeat(np.asarray(line_of_run), run_len)
    within = _sort_within(lid, pc.x0[order])    # each line left to right, ties kept in order
    seq, lid = order[within], lid[within]
    gseq = group[seq]
    new_line = np.ones(n, dtype=bool)
    new_line[1:] = lid[1:] != lid[:-1]
    new_group = np.ones(n, dtype=bool)
    new_group[1:] = gseq[1:] != gseq[:-1]
    x0, x1 = pc.x0[seq], pc.x1[seq]
    gap = np.empty(n)
    gap[0] = 0.0
    gap[1:] = x0[1:] - x1[:-1]
    height = np.maximum(pc.bottom[seq] - pc.top[seq], 1.0)
    spaced = ~new_line & (pc.space[seq] | (gap > 0.25 * height))
    # emitted per character: a group mark (NUL) or a line end before it, a space, the glyph
    lead = (new_group | new_line).astype(np.int64) + spaced
    pos = np.cumsum(lead + 1) - 1               # where each glyph goes
    buf = np.full(int(pos[-1]) + 1, 0x20, dtype=np.uint32)
    buf[pos] = pc.codes[seq]
    marks = np.flatnonzero(new_line)
    buf[pos[marks] - 1 - spaced[marks]] = np.where(new_group[marks], 0, 0x0A)
    text = buf.astype("<u4").tobytes().decode("utf-32-le")
    if pc.extra:
        text = text.translate(pc.extra)
    for g, t in zip(gseq[new_group].tolist(), text.split("\0")[1:]):
        out[g] = t
    return out


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
    """Collinear pieces of one rule (cell borders drawn cell by cell) become one segment.

    Pieces are sorted by position; a line takes the pieces within SNAP of its first one and sits at
    their mean; along it, a piece starting past everything before it (plus SNAP) starts a new
    segment. Done on arrays: a ruled page has hundreds of pieces."""
    out = []
    for horizontal in (True, False):
        group = [s for s in segs if s.horizontal == horizontal]
        if not group:
            continue
        pos = np.array([s.pos for s in group])
        a = np.array([s.a for s in group])
        bb = np.array([s.b for s in group])
        order = np.lexsort((a, pos))
        pos, a, bb = pos[order], a[order], bb[order]
        pos_list = pos.tolist()
        a_list, b_list = a.tolist(), bb.tolist()
        count = len(pos_list)
        i = 0
        while i < count:
            # the pieces within SNAP of the line's first one (sorted, so a contiguous run)
            first = pos_list[i]
            j = int(np.searchsorted(pos, first + SNAP, "right"))
            while j < count and pos_list[j] - first <= SNAP:      # settle the end by the exact test
                j += 1
            while j > i + 1 and not pos_list[j - 1] - first <= SNAP:
                j -= 1
            mean = sum(pos_list[i:j]) / (j - i)
            if j - i <= 16:  # few pieces: arrays cost more than they save
                cur = None
                # (pieces starting together merge whatever their order: sorting by end too is the same)
                for s0, e0 in sorted(zip(a_list[i:j], b_list[i:j])):
                    if cur is not None and s0 <= cur.b + SNAP:
                        cur.b = max(cur.b, e0)
                    else:
                        cur = Seg(horizontal, mean, s0, e0)
                        out.append(cur)
                i = j
                continue
            along = np.argsort(a[i:j], kind="stable")
            la, lb = a[i:j][along], bb[i:j][along]
            reach = np.maximum.accumulate(lb)
            starts = np.ones(j - i, dtype=bool)
            starts[1:] = la[1:] > reach[:-1] + SNAP
            first = np.flatnonzero(starts)
            last = np.append(first[1:], j - i) - 1
            for s0, e0 in zip(la[first].tolist(), reach[last].tolist()):
                out.append(Seg(horizontal, mean, s0, e0))
            i = j
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


def _covers(segs: list[Seg], pos: float, at: float, keys: list[float] | None = None) -> bool:
    """A rule of ``segs`` lies at ``pos`` (within SNAP) and reaches ``at``. With ``keys`` (the
    segments' positions, ``segs`` sorted by them) only the segments near ``pos`` are looked at."""
    if keys is not None:
        segs = segs[bisect.bisect_left(keys, pos - SNAP - 1e-9):bisect.bisect_right(keys, pos + SNAP + 1e-9)]
    return any(abs(s.pos - pos) <= SNAP and s.a - SNAP <= at <= s.b + SNAP for s in segs)


def _covered(segs: list[Seg], at_pos: list[float], along: np.ndarray) -> np.ndarray:
    """For each boundary position and each point along it: does a rule of ``segs`` lie at the
    boundary (within SNAP) and reach the point (as _covers, for a whole grid at once)."""
    out = np.zeros((len(at_pos), len(along)), dtype=bool)
    pos = np.array([s.pos for s in segs])
    a = np.array([s.a for s in segs])
    b = np.array([s.b for s in segs])
    for k, x in enumerate(at_pos):
        near = np.abs(pos - x) <= SNAP
        if near.any():
            out[k] = ((a[near, None] - SNAP <= along) & (along <= b[near, None] + SNAP)).any(axis=0)
    return out


def _cells(grid: Grid, hs: list[Seg], vs: list[Seg]) -> list[tuple[int, int, int, int]]:
    """Grid slots joined wherever the rule between them is missing (merged cells)."""
    nr, nc = len(grid.ys) - 1, len(grid.xs) - 1
    ys, xs = np.asarray(grid.ys), np.asarray(grid.xs)
    ymid, xmid = (ys[:-1] + ys[1:]) / 2, (xs[:-1] + xs[1:]) / 2
    vcov = _covered(vs, grid.xs[1:-1], ymid)     # [boundary j, row i]
    hcov = _covered(hs, grid.ys[1:-1], xmid)     # [boundary i, column j]
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
    spans: dict[tuple[int, int], list[int]] = {}
    for (i, j) in list(parent):
        r = find((i, j))
        box = spans.setdefault(r, [i, j, i, j])
        box[0], box[1] = min(box[0], i), min(box[1], j)
        box[2], box[3] = max(box[2], i), max(box[3], j)
    singles = [(i, j, i, j) for i in range(nr) for j in range(nc) if (i, j) not in parent]
    return sorted(singles + [tuple(b) for b in spans.values()])


def cell_texts(grid: Grid, pc: PageChars) -> dict[tuple[int, int, int, int], str]:
    """The text of each cell of ``grid``: the characters whose centre falls in the cell's slots
    (as slot_of), read as lines (as lines_text)."""
    cells = grid.cells
    if not len(pc):
        return {cell: "" for cell in cells}
    xs, ys = np.asarray(grid.xs), np.asarray(grid.ys)
    cx, cy = pc.cx, pc.cy
    slot_cell = np.full((len(ys) - 1, len(xs) - 1), -1, dtype=np.int64)
    for k, (r0, c0, r1, c1) in enumerate(cells):
        slot_cell[r0:r1 + 1, c0:c1 + 1] = k
    i = np.clip(np.searchsorted(ys, cy, "right") - 1, 0, len(ys) - 2)
    j = np.clip(np.searchsorted(xs, cx, "right") - 1, 0, len(xs) - 2)
    inside = (xs[0] <= cx) & (cx <= xs[-1]) & (ys[0] <= cy) & (cy <= ys[-1])
    group = np.where(inside, slot_cell[i, j], -1)
    keep = group >= 0
    texts = grouped_lines_text(pc.take(keep), group[keep], len(cells))
    for k, t in enumerate(texts):
        if _SPREAD_HINT.search(t):
            # letters spaced out by justification: the exact rule (chars_text) on this cell alone
            texts[k] = lines_text(pc.take(group == k).chars())
        elif "\n" in t or LINE_END_HYPHEN in t:
            texts[k] = join_lines(t.split("\n"))
    return dict(zip(cells, texts))


# four single letters in a row ('T ổ n g'): a line whose letters may be spread out (see chars_text)
_SPREAD_HINT = re.compile(r"(?:(?<!\S)\S ){3}\S(?!\S)")


def slot_of(grid: Grid, x: float, y: float) -> tuple[int, int] | None:
    if not (grid.xs[0] <= x <= grid.xs[-1] and grid.ys[0] <= y <= grid.ys[-1]):
        return None
    i = min(max(bisect.bisect_right(grid.ys, y) - 1, 0), len(grid.ys) - 2)
    j = min(max(bisect.bisect_right(grid.xs, x) - 1, 0), len(grid.xs) - 2)
    return i, j
