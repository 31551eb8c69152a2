"""Page geometry for the PDF reader: characters into lines, and the text of a ruled table's cells
(its grid is found from the page's rules in readers/pdf_rules.py).

Coordinates are top-down (y grows downwards), in PDF points.

A page's characters travel as arrays (PageChars): the text of a ruled table's cells is built from
them with numpy (cell_texts), with no Python object per glyph; Char objects are made only for the
characters outside tables, which the line and unruled-sheet logic reads one by one. Both paths give
the same text (cell_texts is group_lines + chars_text, computed for every cell at once). The lines
outside tables are formed on arrays too (page_lines is group_lines + chars_text for the whole page,
with what the layout reads of each line), and only then made into Char objects.
"""
from __future__ import annotations

import bisect
import gc
import re
from dataclasses import dataclass, field
from contextlib import contextmanager
from functools import partial
from typing import NamedTuple

import numpy as np

from chamdiem.lexicon.catalogs import catalog
from chamdiem.readers.builder import Ink
from chamdiem.readers.pdf.rules import Grid, Rules, Seg, find_grids  # noqa: F401 (the readers' names)


class Char(NamedTuple):
    """One glyph: its text, its box (top-down points), and whether white space came before it in
    the text layer. A tuple, never changed once made: a page's thousands are made in C
    (PageChars.chars), and a glyph that must change (a VNI mark folded into its letter) is
    replaced."""
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


@dataclass(slots=True)
class Line:
    chars: list[Char]
    top: float
    bottom: float
    x0: float
    x1: float
    # the line's word groups, kept once found: a sheet's header search asks for them many times
    # (readers/pdf/reader._word_groups); a line's characters never change after it is made
    word_groups: list[list[Char]] | None = None
    # the line's text, kept once written (page_lines writes every line's at once): the layout,
    # the sheet search and the writer each read it
    known_text: str | None = None
    # found with the text by page_lines, for the layout (readers/pdf/layout.py): the median glyph
    # height and where the widest gap between characters is (the index of the character after it)
    median_height: float | None = None
    widest_gap: int | None = None
    group_texts: list[str] | None = None     # chars_text of each word group, when page_lines found them

    @property
    def text(self) -> str:
        if self.known_text is None:
            self.known_text = chars_text(self.chars)
        return self.known_text


def group_lines(chars: list[Char]) -> list[Line]:
    """Characters into text lines, top to bottom; each line's characters left to right."""
    if not chars:
        return []
    heights = sorted([char.bottom - char.top for char in chars])
    tol = max(1.0, heights[len(heights) // 2] * 0.5)
    lines: list[list[Char]] = []
    centers: list[float] = []
    # by (cy, x0), ties in the given order
    for cy, _, k in sorted([((char.top + char.bottom) / 2, char.x0, k) for k, char in enumerate(chars)]):
        char = chars[k]
        if lines and abs(cy - centers[-1]) <= tol:
            lines[-1].append(char)
            n = len(lines[-1])
            centers[-1] += (cy - centers[-1]) / n
        else:
            lines.append([char])
            centers.append(cy)
    out = []
    for line_chars in lines:
        line_chars.sort(key=_x0)
        out.append(Line(line_chars, min([char.top for char in line_chars]), max([char.bottom for char in line_chars]),
                        line_chars[0].x0, max([char.x1 for char in line_chars])))
    return out


def _x0(char: Char) -> float:
    return char.x0


@contextmanager
def collector_paused():
    """The garbage collector paused while a page's characters, lines and word groups are made:
    they are many and no garbage, and at Python's thresholds the collector would walk them and
    every other object of the process again and again (a page's glyphs are a few generations)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def page_lines(page_chars: "PageChars", column_gap: float | None = None, line_height: bool = False) -> list[Line]:
    """group_lines of the characters' Char objects, and each line's text (chars_text), median
    glyph height and widest gap, found for every line of the page at once on arrays: the Char
    objects are made once, already in reading order, with no Python sort or pass per character.
    With ``column_gap``, each line's word groups too: runs of characters split by gaps wider than
    that many glyph heights (at least a point): with ``line_height``, the height of the line's tallest
    glyph, else each gap's next glyph's own."""
    with collector_paused():
        return _page_lines(page_chars, column_gap, line_height)


def _page_lines(page_chars: "PageChars", column_gap: float | None, line_height: bool = False) -> list[Line]:
    n = len(page_chars)
    if n == 0:
        return []
    seq, line_id = _line_order(page_chars, np.zeros(n, dtype=np.int64), 1, exact=True)
    ordered = page_chars.take(seq)
    first = np.empty(n, dtype=bool)
    first[0] = True
    first[1:] = line_id[1:] != line_id[:-1]
    starts = np.flatnonzero(first)
    line = np.cumsum(first) - 1
    height = ordered.bottom - ordered.top
    gap = np.zeros(n)
    gap[1:] = ordered.x0[1:] - ordered.x1[:-1]
    chars = ordered.chars()
    columns = [
        starts.tolist(), np.append(starts[1:], n).tolist(), np.minimum.reduceat(ordered.top, starts).tolist(),
        np.maximum.reduceat(ordered.bottom, starts).tolist(), np.maximum.reduceat(ordered.x1, starts).tolist(),
        _lines_texts(ordered, first, line, gap, height), _median_within(line, height, starts).tolist(),
        _widest_gaps(line, first, gap, starts)]
    cut_height = np.maximum.reduceat(height, starts)[line] if line_height else height
    groups, group_texts = _word_groups_of(ordered, chars, first, gap, height, starts, column_gap, cut_height) \
        if column_gap is not None else ([None] * len(starts),) * 2
    return [Line(chars[a:b], top, bottom, chars[a].x0, right, group, text, median, widest, texts)
            for a, b, top, bottom, right, text, median, widest, group, texts in zip(*columns, groups, group_texts)]


def _median_within(line: np.ndarray, value: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """Each line's median value (the upper one of an even count, as sorted(values)[n // 2])."""
    counts = np.diff(np.append(starts, len(line)))
    return value[np.lexsort((value, line))[starts + counts // 2]]


def _widest_gaps(line: np.ndarray, first: np.ndarray, gap: np.ndarray, starts: np.ndarray) -> list:
    """Each line's widest gap between neighbouring characters (the first of equal ones), as the
    index in the line of the character after it; None for a line of one character."""
    inner = np.where(first, -np.inf, gap)
    widest = np.maximum.reduceat(inner, starts)
    at = np.flatnonzero(~first & (inner == widest[line]))
    lines, where = np.unique(line[at], return_index=True)
    out: list = [None] * len(starts)
    for k, index in zip(lines.tolist(), (at[where] - starts[lines]).tolist()):
        out[k] = index
    return out


def _word_groups_of(ordered: "PageChars", chars: list[Char], first: np.ndarray, gap: np.ndarray,
                    height: np.ndarray, starts: np.ndarray, column_gap: float,
                    cut_height: np.ndarray | None = None) -> tuple[list, list]:
    """Each line's runs of characters split by gaps wider than ``column_gap`` glyph heights, and
    their texts (chars_text of each run: a run is written as a line of its own)."""
    cut = first | (gap > column_gap * np.maximum(height if cut_height is None else cut_height, 1.0))
    bounds = np.flatnonzero(cut).tolist()
    runs = [chars[a:b] for a, b in zip(bounds, bounds[1:] + [len(chars)])]
    texts = _lines_texts(ordered, cut, np.cumsum(cut) - 1, gap, height)
    ends = np.cumsum(np.add.reduceat(cut.astype(np.int64), starts)).tolist()
    return [runs[a:b] for a, b in zip([0] + ends[:-1], ends)], [texts[a:b] for a, b in zip([0] + ends[:-1], ends)]


def _lines_texts(chars: "PageChars", first: np.ndarray, line: np.ndarray, gap: np.ndarray,
                 height: np.ndarray) -> list[str]:
    """chars_text of each line of ``chars`` (in reading order; ``first`` marks each line's first
    character), letter spreading (_letter_spread) included."""
    spread = _lines_spread(line, first, gap, height, chars.space)
    spaced = ~first & (chars.space | (gap > 0.25 * np.maximum(height, 1.0) + spread[line]))
    # emitted per character: a line mark (NUL) before a line's first, a space, the glyph
    lead = first.astype(np.int64) + spaced
    pos = np.cumsum(lead + 1) - 1
    buf = np.full(int(pos[-1]) + 1, 0x20, dtype=np.uint32)
    buf[pos] = chars.codes
    buf[pos[first] - 1] = 0
    text = buf.astype("<u4").tobytes().decode("utf-32-le")
    if chars.extra:
        text = text.translate({code: glyph or chr(code) for code, glyph in chars.extra.items()})
    return text.split("\0")[1:]


def _lines_spread(line: np.ndarray, first: np.ndarray, gap: np.ndarray, height: np.ndarray,
                  space: np.ndarray) -> np.ndarray:
    """_letter_spread of each line: the median gap between letters not after a space, where a line
    of at least six characters has four such gaps and that median is above a tenth of its median
    glyph height; 0 elsewhere."""
    nlines = int(line[-1]) + 1
    counts = np.bincount(line, minlength=nlines)
    pair = ~first & ~space
    pairs = np.bincount(line[pair], minlength=nlines)
    spread = np.zeros(nlines)
    wide = (counts >= 6) & (pairs >= 4)
    if not wide.any():
        return spread
    idx = np.flatnonzero(pair & wide[line])
    by_gap = idx[np.lexsort((gap[idx], line[idx]))]
    wide_pairs, wide_counts = pairs * wide, counts * wide     # (the other lines are left out)
    pair_start = np.cumsum(wide_pairs) - wide_pairs
    median_gap = gap[by_gap[(pair_start + pairs // 2)[wide]]]
    cidx = np.flatnonzero(wide[line])
    by_height = cidx[np.lexsort((height[cidx], line[cidx]))]
    char_start = np.cumsum(wide_counts) - wide_counts
    median_height = height[by_height[(char_start + counts // 2)[wide]]]
    spread[wide] = np.where(median_gap > 0.1 * median_height, median_gap, 0.0)
    return spread


def chars_text(chars: list[Char]) -> str:
    """Characters of one line as text: a space where the PDF had one or where a gap shows one.
    Letters spread out by justification (character spacing) are one word: a gap counts as a space
    only when it is wider than the line's usual gap between letters."""
    parts = []
    prev = None
    spread = _letter_spread(chars)
    for char in chars:
        if prev is not None:
            gap = char.x0 - prev.x1
            height = max(char.bottom - char.top, 1.0)
            if char.space_before or gap > 0.25 * height + spread:
                parts.append(" ")
        parts.append(char.text)
        prev = char
    return "".join(parts)


def _letter_spread(chars: list[Char]) -> float:
    """The usual gap between letters of a word on this line (0 unless the letters are spaced out)."""
    if len(chars) < 6:
        return 0.0
    gaps = sorted(c.x0 - p.x1 for p, c in zip(chars, chars[1:]) if not c.space_before)
    if len(gaps) < 4:
        return 0.0
    median = gaps[len(gaps) // 2]
    height = sorted(c.bottom - c.top for c in chars)[len(chars) // 2]
    return median if median > 0.1 * height else 0.0


def stretched_space(chars: list[Char], at: list[int]) -> bool:
    """Whether the gaps before ``chars[k]`` for each k of ``at`` are word spaces of the line, not
    a gutter between columns: a justified line spreads its slack over all its spaces alike, so a
    gap that is no wider than ``stretched_space_ratio`` times the median of the line's other
    spaces (at least ``least_word_spaces`` of them, catalogs/pdf_layout.toml) is one of them,
    however wide. A gutter between columns is wider than the spaces between the words of either
    column (cell padding, a tab stop); a line with too few other spaces tells nothing (False)."""
    layout = catalog("pdf_layout")
    skip = set(at)
    spaces = sorted(c.x0 - p.x1 for k, (p, c) in enumerate(zip(chars, chars[1:]), 1)
                    if k not in skip and (c.space_before or c.x0 - p.x1 > 0.25 * max(c.bottom - c.top, 1.0)))
    if not at or len(spaces) < int(layout["least_word_spaces"]):
        return False
    widest = float(layout["stretched_space_ratio"]) * spaces[len(spaces) // 2]
    return all(chars[k].x0 - chars[k - 1].x1 <= widest for k in at)


# pdfium reports a hyphen that ends a line inside a word as U+FFFE; other producers write U+0002.
LINE_END_HYPHEN = "\ufffe"


def join_lines(texts: list[str]) -> str:
    """Lines of one cell or paragraph joined by line ends, except after a line-end hyphen: there
    the word goes on. The hyphen stays where a code is cut ('45/KH-' + 'SNV') and goes where a
    lower-case word is ('quy-' + 'định' would be hyphenation)."""
    out = ""
    for k, line in enumerate(texts):
        if k and out.endswith(LINE_END_HYPHEN):
            out = out[:-1] + ("" if out[-2:-1].islower() and line[:1].islower() else "-") + line
        else:
            out = out + "\n" + line if k else line
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
        with collector_paused():
            extra = self.extra
            texts = [extra.get(c) or chr(c) for c in self.codes.tolist()] if extra else \
                list(self.codes.astype("<u4").tobytes().decode("utf-32-le"))
            return list(map(_NEW_CHAR, zip(texts, self.x0.tolist(), self.top.tolist(), self.x1.tolist(),
                                           self.bottom.tolist(), self.space.tolist())))

    @classmethod
    def of(cls, chars: list[Char]) -> "PageChars":
        extra: dict[int, str] = {}
        codes = []
        for char in chars:
            if len(char.text) == 1:
                codes.append(ord(char.text))
            else:
                code = 0xE000 + len(extra)
                extra[code] = char.text
                codes.append(code)
        array = np.array
        return cls(array(codes, dtype=np.uint32), array([c.x0 for c in chars], dtype=float),
                   array([c.top for c in chars], dtype=float), array([c.x1 for c in chars], dtype=float),
                   array([c.bottom for c in chars], dtype=float), array([c.space_before for c in chars], dtype=bool),
                   extra)


_NEW_CHAR = partial(tuple.__new__, Char)   # a Char from its fields' tuple, with no Python call


def _sort_within(group: np.ndarray, value: np.ndarray) -> np.ndarray:
    """The stable order by (group, value), as np.lexsort((value, group)) gives it, in one float
    sort: group ids (small non-negative integers) are spaced wider than the values' range, whose
    distinct values (page coordinates from pdfium's single-precision boxes) stay distinct."""
    if not len(value):
        return np.arange(0)
    lowest = value.min()
    span = float(value.max() - lowest) + 1.0
    return np.argsort(group * span + (value - lowest), kind="stable")


def _line_order(page_chars: PageChars, group: np.ndarray, ngroups: int,
                exact: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """The characters of each group in reading order (``seq``: group, then line top-down, then
    left to right) and the line of each (``line_id``, in that order, never decreasing): the lines
    group_lines forms, for every group at once. ``exact`` sorts by comparisons (argsort, lexsort)
    rather than by one float key per character (_sort_within), whatever the coordinates."""
    n = len(group)
    cy = page_chars.cy
    heights = page_chars.bottom - page_chars.top
    # each group's tolerance: half its median glyph height, at least a point (as group_lines)
    by_h = _sort_within(group, heights)
    counts = np.bincount(group, minlength=ngroups)
    starts = np.cumsum(counts) - counts
    med = np.where(counts > 0, heights[by_h[np.minimum(starts + counts // 2, n - 1)]], 0.0)
    tol = np.maximum(1.0, med * 0.5)
    # by centre within each group, as sorted(key=(cy, x0)) but without x0: lines form from the
    # centres alone, and characters of one line at the same x0 end up by (cy, index) either way
    order = (np.argsort(cy, kind="stable") if ngroups == 1 else np.lexsort((cy, group))) if exact \
        else _sort_within(group, cy)
    group_sorted, cy_sorted = group[order], cy[order]
    step = np.empty(n, dtype=bool)
    step[0] = True
    step[1:] = (group_sorted[1:] != group_sorted[:-1]) | (cy_sorted[1:] != cy_sorted[:-1])
    run_start = np.flatnonzero(step)
    run_len = np.diff(np.append(run_start, n))
    run_g, run_v = group_sorted[run_start], cy_sorted[run_start]
    # a run starts a line unless it is within tolerance of the line's centre. A run that starts a
    # line is its centre, so in a group where no run is that close to the one before it, each run
    # is a line; elsewhere the lines are formed one run after the other
    close = (run_g[1:] == run_g[:-1]) & (np.abs(run_v[1:] - run_v[:-1]) <= tol[run_g[1:]])
    new_run_line = np.ones(len(run_start), dtype=bool)
    if close.any():
        slow = np.zeros(ngroups, dtype=bool)
        slow[run_g[1:][close]] = True
        sel = np.flatnonzero(slow[run_g])
        tol_of = tol.tolist()
        flags = []
        cur, center, k = -1, 0.0, 0
        for group_id, centre_y, run_size in zip(run_g[sel].tolist(), run_v[sel].tolist(), run_len[sel].tolist()):
            if group_id == cur and abs(centre_y - center) <= tol_of[group_id]:
                first = 0
            else:
                cur, center, k = group_id, centre_y, 1
                first = 1
            if center == centre_y:
                k += run_size - first      # adding the centre's own value leaves the mean as it is
            else:
                for _ in range(run_size - first):
                    k += 1
                    center += (centre_y - center) / k
            flags.append(first == 1)
        new_run_line[sel] = flags
    line_id = np.repeat(np.cumsum(new_run_line), run_len)
    x0_sorted = page_chars.x0[order]
    if ((x0_sorted[1:] < x0_sorted[:-1]) & (line_id[1:] == line_id[:-1])).any():
        # each line left to right, ties kept in order
        within = np.lexsort((x0_sorted, line_id)) if exact else _sort_within(line_id, x0_sorted)
        seq, line_id = order[within], line_id[within]
    else:
        seq = order                         # (the text layer's order is often that already)
    return seq, line_id


def grouped_lines_text(page_chars: PageChars, group: np.ndarray, ngroups: int) -> list[str]:
    """For each group id 0..ngroups-1, lines_text of the characters in it: what calling group_lines
    and chars_text on each group's Char list gives, in one pass over arrays. Lines are still formed
    one after the other (a running mean of their centres), but per run of characters that share a
    centre, not per character."""
    out = [""] * ngroups
    n = len(group)
    if n == 0:
        return out
    seq, line_id = _line_order(page_chars, group, ngroups)
    heights = page_chars.bottom - page_chars.top
    gseq = group[seq]
    new_line = np.ones(n, dtype=bool)
    new_line[1:] = line_id[1:] != line_id[:-1]
    new_group = np.ones(n, dtype=bool)
    new_group[1:] = gseq[1:] != gseq[:-1]
    x0, x1 = page_chars.x0[seq], page_chars.x1[seq]
    gap = np.empty(n)
    gap[0] = 0.0
    gap[1:] = x0[1:] - x1[:-1]
    height = np.maximum(heights[seq], 1.0)
    spaced = ~new_line & (page_chars.space[seq] | (gap > 0.25 * height))
    # emitted per character: a group mark (NUL) or a line end before it, a space, the glyph
    lead = (new_group | new_line).astype(np.int64) + spaced
    pos = np.cumsum(lead + 1) - 1               # where each glyph goes
    buf = np.full(int(pos[-1]) + 1, 0x20, dtype=np.uint32)
    buf[pos] = page_chars.codes[seq]
    marks = np.flatnonzero(new_line)
    buf[pos[marks] - 1 - spaced[marks]] = np.where(new_group[marks], 0, 0x0A)
    text = buf.astype("<u4").tobytes().decode("utf-32-le")
    if page_chars.extra:
        text = text.translate(page_chars.extra)
    for group_id, group_text in zip(gseq[new_group].tolist(), text.split("\0")[1:]):
        out[group_id] = group_text
    return out


def cell_texts(grid: Grid, page_chars: PageChars) -> dict[tuple[int, int, int, int], str]:
    """The text of each cell of ``grid``: the characters whose centre falls in the cell's slots
    (as slot_of), read as lines (as lines_text)."""
    return cell_texts_many([(grid, page_chars)])[0]


def cell_texts_many(tables: list[tuple[Grid, PageChars]]) -> list[dict[tuple[int, int, int, int], str]]:
    """cell_texts of each (grid, characters): the cells of all are read as lines in one pass over
    arrays, each cell a group of its own (a pass costs mostly its array calls, not its length)."""
    return cell_texts_grouped(tables, [cell_of_chars(grid, page_chars) for grid, page_chars in tables])


def cell_texts_grouped(tables: list[tuple[Grid, PageChars]],
                       groups: list[np.ndarray]) -> list[dict[tuple[int, int, int, int], str]]:
    """cell_texts_many with each table's cell_of_chars given (the reader finds them once per table,
    for cell_boxes too). Characters carrying multi-character glyphs (``extra``, whose placeholders
    only mean something on their page) get a pass of their own."""
    out: list[dict] = [{} for _ in tables]
    plain = [k for k, (_, page_chars) in enumerate(tables) if not page_chars.extra]
    for batch in [plain] + [[k] for k, (_, page_chars) in enumerate(tables) if page_chars.extra]:
        if not batch:
            continue
        offsets, off = [], 0
        for k in batch:
            offsets.append(off)
            off += len(tables[k][0].cells)
        if len(batch) == 1:
            page_chars, group = tables[batch[0]][1], groups[batch[0]]
            keep = group >= 0
            texts = grouped_lines_text(page_chars.take(keep), group[keep], off)
        else:
            parts = [tables[k][1].take(groups[k] >= 0) for k in batch]
            cat = np.concatenate
            page_chars = PageChars(cat([c.codes for c in parts]), cat([c.x0 for c in parts]),
                                   cat([c.top for c in parts]), cat([c.x1 for c in parts]),
                                   cat([c.bottom for c in parts]), cat([c.space for c in parts]))
            group = cat([groups[k][groups[k] >= 0] + offset for k, offset in zip(batch, offsets)])
            texts = grouped_lines_text(page_chars, group, off)
        # (no cell's match can reach into the next: a line end is no letter and no space)
        joined = "\n".join(texts)
        spread = _SPACED_PAIR.search(joined) is not None and _SPREAD_HINT.search(joined) is not None
        for k, offset in zip(batch, offsets):
            grid, page_chars = tables[k]
            mine = texts[offset:offset + len(grid.cells)]
            for i, cell_text in enumerate(mine):
                if spread and _SPREAD_HINT.search(cell_text):
                    # letters spaced out by justification: the exact rule (chars_text) on this cell alone
                    mine[i] = lines_text(page_chars.take(groups[k] == i).chars())
                elif LINE_END_HYPHEN in cell_text:   # (without one, joining the lines again gives the same text)
                    mine[i] = join_lines(cell_text.split("\n"))
            out[k] = dict(zip(grid.cells, mine))
    return out


def cell_of_chars(grid: Grid, page_chars: PageChars) -> np.ndarray:
    """For each character, the index of the cell of ``grid`` whose slots hold its centre, or -1."""
    cells = grid.cells
    if not len(page_chars):
        return np.zeros(0, dtype=np.int64)
    xs, ys = np.asarray(grid.xs), np.asarray(grid.ys)
    cx, cy = page_chars.cx, page_chars.cy
    nrows, ncols = len(ys) - 1, len(xs) - 1
    if len(cells) == nrows * ncols:     # no merged cell: the cells are the slots, in order
        slot_cell = np.arange(nrows * ncols, dtype=np.int64).reshape(nrows, ncols)
    else:
        slot_cell = np.full((nrows, ncols), -1, dtype=np.int64)
        for k, (first_row, first_col, last_row, last_col) in enumerate(cells):
            slot_cell[first_row:last_row + 1, first_col:last_col + 1] = k
    i = np.maximum(np.minimum(np.searchsorted(ys, cy, "right") - 1, nrows - 1), 0)
    j = np.maximum(np.minimum(np.searchsorted(xs, cx, "right") - 1, ncols - 1), 0)
    inside = (xs[0] <= cx) & (cx <= xs[-1]) & (ys[0] <= cy) & (cy <= ys[-1])
    return np.where(inside, slot_cell[i, j], -1)


# four single letters in a row ('T ổ n g'): a line whose letters may be spread out (see chars_text)
_SPREAD_HINT = re.compile(r"(?:(?<!\S)\S ){3}\S(?!\S)")
# what every such run holds, a pattern that starts with a plain character: most texts are ruled out by it
# before _SPREAD_HINT, which must try every position, is run
_SPACED_PAIR = re.compile(r" \S \S ")


def slot_of(grid: Grid, x: float, y: float) -> tuple[int, int] | None:
    if not (grid.xs[0] <= x <= grid.xs[-1] and grid.ys[0] <= y <= grid.ys[-1]):
        return None
    i = min(max(bisect.bisect_right(grid.ys, y) - 1, 0), len(grid.ys) - 2)
    j = min(max(bisect.bisect_right(grid.xs, x) - 1, 0), len(grid.xs) - 2)
    return i, j


# --- where the text's words stand (DocumentModel.boxes)
SHORT_CELL = 40   # cells up to this many characters (scores, numbers) are boxed word by word


_WORD = re.compile(r"\d+|[^\W\d_]+|\S")   # digits, letters, or any other mark alone


def word_boxes(text: str, chars: list, start: int = 0, end: int | None = None):
    """The words of ``text`` (as chars_text and join_lines wrote it from ``chars``, in reading
    order) that overlap start..end, each with the box of its characters: (start, end, x0, top, x1,
    bottom); a word is a run of digits or of letters, and every other mark is one of its own. None
    when the characters do not spell the text (it was written some other way)."""
    end = len(text) if end is None else end
    glyphs = [i for i, ch in enumerate(text) if ch != " " and ch != "\n"]
    if len(glyphs) != len(chars) or "".join([c.text for c in chars]) != text.replace(" ", "").replace("\n", ""):
        found = _word_boxes_by_char(text, chars)
        return None if found is None else [w for w in found if w[0] < end and start < w[1]]
    # one character per glyph, in order: each word's characters are a run of them
    out = []
    for match in _WORD.finditer(text, _word_start(text, start), min(len(text), end + 64)):
        if match.start() >= end:
            break
        if match.end() <= start:
            continue
        first, past = bisect.bisect_left(glyphs, match.start()), bisect.bisect_left(glyphs, match.end())
        run = chars[first:past]
        out.append((match.start(), match.end(), min([c.x0 for c in run]), min([c.top for c in run]),
                    max([c.x1 for c in run]), max([c.bottom for c in run])))
    return out


def _word_start(text: str, pos: int) -> int:
    """Where the word holding ``pos`` begins (a search from there finds it whole)."""
    while pos > 0 and not text[pos - 1].isspace():
        pos -= 1
    return pos


def _word_boxes_by_char(text: str, chars: list) -> list[tuple[int, int, float, float, float, float]] | None:
    """word_boxes where characters and glyphs do not pair one to one (a converted legacy glyph, a
    line-end hyphen kept or dropped): walking both."""
    out: list[list] = []
    pos, n = 0, len(text)
    kind = None
    for char in chars:
        glyph = char.text
        gap = pos
        while pos < n and text[pos] in " \n":
            pos += 1
        if glyph == LINE_END_HYPHEN:
            if not text.startswith("-", pos):
                continue        # a hyphenated word joined again: the hyphen is gone
            glyph = "-"
        elif text[pos:pos + len(glyph)] != glyph:
            return None
        was, kind = kind, _kind(glyph)
        if out and gap == pos and kind == was and kind:
            word = out[-1]
            word[1] = pos + len(glyph)
            word[2], word[3] = min(word[2], char.x0), min(word[3], char.top)
            word[4], word[5] = max(word[4], char.x1), max(word[5], char.bottom)
        else:
            out.append([pos, pos + len(glyph), char.x0, char.top, char.x1, char.bottom])
        pos += len(glyph)
    if text[pos:].strip():
        return None
    return [tuple(w) for w in out]


def _kind(glyph: str) -> str | None:
    """Digits and letters each make words; any other mark ('/', ',') stands alone, so a number
    written against a slash ('27/30') is boxed by itself."""
    return "digit" if glyph.isdigit() else "letter" if glyph.isalpha() else None


def ink_box(chars: list) -> tuple[float, float, float, float]:
    return (min(c.x0 for c in chars), min(c.top for c in chars), max(c.x1 for c in chars),
            max(c.bottom for c in chars))


def text_ink(text: str, chars: list, box: tuple | None = None) -> Ink | None:
    """The box of a piece of text written from ``chars`` (``box`` when the caller knows it), and,
    when the text holds a digit (a score or a document's number may be asked for), how to find its
    words' boxes: found only when a span inside the piece is asked for (PageBoxes.box_of)."""
    if not chars or not text:
        return None
    return Ink(*(box or ink_box(chars)), partial(word_boxes, text, chars) if _DIGIT.search(text) else None)


_DIGIT = re.compile(r"\d")


def cell_boxes(grid: Grid, page_chars: PageChars, texts: dict, group: np.ndarray | None = None) -> dict:
    """For each cell of ``grid`` with characters: the box around them, and for a short cell with a
    digit (a score) how to find its words' boxes (``text_ink``). ``group``: cell_of_chars of the
    grid and characters, when the caller has it already."""
    if group is None:
        group = cell_of_chars(grid, page_chars)
    keep = np.flatnonzero(group >= 0)
    if not len(keep):
        return {}
    order = keep[np.argsort(group[keep], kind="stable")]
    ids = group[order]
    firsts = np.flatnonzero(np.r_[True, ids[1:] != ids[:-1]])
    ends = np.r_[firsts[1:], len(ids)]
    x0 = np.minimum.reduceat(page_chars.x0[order], firsts).tolist()
    top = np.minimum.reduceat(page_chars.top[order], firsts).tolist()
    x1 = np.maximum.reduceat(page_chars.x1[order], firsts).tolist()
    bottom = np.maximum.reduceat(page_chars.bottom[order], firsts).tolist()
    out = {}
    for k, (first, past) in enumerate(zip(firsts.tolist(), ends.tolist())):
        cell = grid.cells[int(ids[first])]
        text = texts.get(cell, "")
        if not text:
            continue
        words = None
        if len(text) <= SHORT_CELL and _DIGIT.search(text):
            words = partial(_cell_words, text, page_chars.take(order[first:past]))
        out[cell] = Ink(x0[k], top[k], x1[k], bottom[k], words)
    return out


def _cell_words(text: str, chars: PageChars, start: int, end: int):
    """word_boxes of a cell's text from its characters (in any order)."""
    if "\n" in text:
        ordered = [ch for line in group_lines(chars.chars()) for ch in line.chars]
    else:   # one line: its characters left to right
        ordered = chars.take(np.argsort(chars.x0, kind="stable")).chars()
    return word_boxes(text, ordered, start, end)
