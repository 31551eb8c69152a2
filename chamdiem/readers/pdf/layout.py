"""Side-by-side blocks on a PDF page: the header (issuer left, 'CỘNG HÒA …' right; 'Số: …' left,
'…, ngày … tháng … năm …' right) and the signature block ('Nơi nhận' left, the signer right) are
laid out by Word in borderless tables. The PDF keeps no table, only text lines in which the two
columns stand at the same height with a wide gap between them. Read line by line they would run
together ('SỞ NỘI VỤ     Độc lập - Tự do - Hạnh phúc'); here each such run of lines becomes two
columns, read as the cells of one row, as a DOCX reader reads the layout table. The two columns
need not share their lines' heights: a cell of three lines centred beside one of four puts each
line half a line lower than its neighbour, and lines that stand apart across the page and overlap
in height start a block too."""
from __future__ import annotations

from dataclasses import dataclass, field

import regex

from chamdiem.readers.pdf.geometry import Char, Line, chars_text

GAP = 3.0          # a gap this many times the text height splits a line into two columns
LEADING = 1.2      # a line this many heights below the previous one still belongs to the block
_SCORE = regex.compile(r"^[\s(]*\d{1,4}(?:[.,]\d{1,2})?\s*(?:điểm|đ)?[\s).:;]*$", regex.I)


@dataclass
class SideBySide:
    """Lines of two columns: ``left`` and ``right`` hold each column's text lines, top to bottom."""
    top: float
    split: float
    bottom: float
    left: list[str] = field(default_factory=list)
    right: list[str] = field(default_factory=list)
    lines: int = 1     # how many of the page's lines it holds


def _height(line: Line) -> float:
    if line.median_height is not None:    # (found for all the page's lines at once: page_lines)
        return max(line.median_height, 1.0)
    heights = sorted(c.bottom - c.top for c in line.chars)
    return max(heights[len(heights) // 2], 1.0)


def split_line(line: Line, page_width: float) -> tuple[list[Char], list[Char]] | None:
    """The two texts of a line with one wide gap, the left one ending before the middle of the
    page and the right one starting after the left third; neither a bare score (a tabbed score
    line is not a layout table)."""
    chars = line.chars
    if len(chars) < 2:
        return None
    height = _height(line)
    k = line.widest_gap if line.widest_gap is not None else \
        max(range(1, len(chars)), key=lambda i: chars[i].x0 - chars[i - 1].x1)
    if chars[k].x0 - chars[k - 1].x1 < GAP * height:
        return None
    left, right = chars[:k], chars[k:]
    if left[-1].x1 > 0.6 * page_width or right[0].x0 < 0.33 * page_width:
        return None
    if any(_SCORE.match(chars_text(part)) for part in (left, right)):
        return None
    return left, right


def _beside(line: Line, other: Line, page_width: float) -> float | None:
    """Where two lines apart across the page, overlapping in height (cells centred beside each
    other), split the page; None for lines one under the other."""
    height = _height(line)
    if other.top >= line.bottom - 0.2 * height or other.bottom <= line.top + 0.2 * height:
        return None
    left, right = (line, other) if line.x1 < other.x0 else (other, line)
    if left.x1 >= right.x0 or right.x0 - left.x1 < GAP * height:
        return None
    if left.x1 > 0.6 * page_width or right.x0 < 0.33 * page_width:
        return None
    if any(_SCORE.match(part.text) for part in (left, right)):
        return None
    return (left.x1 + right.x0) / 2


def side_by_side_blocks(lines: list[Line], page_width: float) -> dict[int, SideBySide]:
    """Index of the first line of each side-by-side block -> the block, which holds that line and
    the ``lines - 1`` lines after it. A block starts at a line split in two and
    goes on through lines that are split at the same place or stand wholly on one side of it."""
    out: dict[int, SideBySide] = {}
    cur: SideBySide | None = None    # the block being read
    start = 0
    prev: Line | None = None
    splits = [split_line(line, page_width) for line in lines]
    for i, line in enumerate(lines):
        halves = splits[i]
        near = prev is not None and line.top - prev.bottom <= LEADING * _height(prev)
        if cur is not None and near:
            if halves is not None and halves[0][-1].x1 < cur.split < halves[1][0].x0:
                left, right = halves
                cur.left.append(chars_text(left))
                cur.right.append(chars_text(right))
                cur.bottom = line.bottom
                cur.lines += 1
                prev = line
                continue
            if halves is None and (line.x1 < cur.split or line.x0 > cur.split):
                (cur.left if line.x1 < cur.split else cur.right).append(line.text)
                cur.bottom = line.bottom
                cur.lines += 1
                prev = line
                continue
        if cur is not None:
            out[start] = cur
            cur = None
        if halves is not None:
            left, right = halves
            cur = SideBySide(line.top, (left[-1].x1 + right[0].x0) / 2, line.bottom,
                             [chars_text(left)], [chars_text(right)])
            start = i
        elif i + 1 < len(lines) and splits[i + 1] is None:
            split = _beside(line, lines[i + 1], page_width)
            if split is not None:
                cur = SideBySide(line.top, split, line.bottom)
                (cur.left if line.x1 < split else cur.right).append(line.text)
                start = i
        prev = line
    if cur is not None:
        out[start] = cur
    return out
