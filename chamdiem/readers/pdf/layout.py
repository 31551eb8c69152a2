"""Side-by-side blocks on a PDF page: the header (issuer left, 'CỘNG HÒA …' right; 'Số: …' left,
'…, ngày … tháng … năm …' right) and the signature block ('Nơi nhận' left, the signer right) are
laid out by Word in borderless tables. The PDF keeps no table, only text lines in which the two
columns stand at the same height with a wide gap between them. Read line by line they would run
together ('SỞ NỘI VỤ     Độc lập - Tự do - Hạnh phúc'); here each such run of lines becomes two
columns, read as the cells of one row, as a DOCX reader reads the layout table. The two columns
need not share their lines' heights: a cell of three lines centred beside one of four puts each
line half a line lower than its neighbour, and lines that stand apart across the page and overlap
in height start a block too. A long issuer beside the motto leaves a narrower gap on the lines
where both columns are full ('VĂN PHÒNG ĐOÀN ĐẠI BIỂU QUỐC HỘI CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT',
the motto wrapped onto 'NAM' beside the issuer's second line): such a line, above or in a block,
is parted where its two pieces stand in the block's columns, whatever its words. A justified
paragraph's line is no block, however wide its spaces: its gaps are all stretched alike, and one
of two words spread across the page stands flush with the paragraph's lines around it."""
from __future__ import annotations

from dataclasses import dataclass, field

import regex

from chamdiem.lexicon.catalogs import catalog
from chamdiem.readers.pdf.geometry import Char, Line, chars_text, stretched_space

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
    # where each column's lines stand across the page: (x0, x1) of each, top to bottom
    left_x: list[tuple[float, float]] = field(default_factory=list)
    right_x: list[tuple[float, float]] = field(default_factory=list)

    def add(self, side: str, chars: list[Char], text: str | None = None, first: bool = False) -> None:
        """A column's line (``side``: "left" or "right"), at the block's foot or, ``first``, its top."""
        texts, boxes = (self.left, self.left_x) if side == "left" else (self.right, self.right_x)
        at = 0 if first else len(texts)
        texts.insert(at, chars_text(chars) if text is None else text)
        boxes.insert(at, (chars[0].x0, max(c.x1 for c in chars)))


def _height(line: Line) -> float:
    if line.median_height is not None:    # (found for all the page's lines at once: page_lines)
        return max(line.median_height, 1.0)
    heights = sorted(c.bottom - c.top for c in line.chars)
    return max(heights[len(heights) // 2], 1.0)


def split_line(line: Line, page_width: float) -> tuple[list[Char], list[Char]] | None:
    """The two texts of a line with one wide gap, the left one ending before the middle of the
    page and the right one starting after the left third; neither a bare score (a tabbed score
    line is not a layout table), nor a gap as wide as the line's other spaces (a justified line
    stretched them all alike: ``stretched_space``)."""
    chars = line.chars
    if len(chars) < 2:
        return None
    height = _height(line)
    k = line.widest_gap if line.widest_gap is not None else \
        max(range(1, len(chars)), key=lambda i: chars[i].x0 - chars[i - 1].x1)
    if chars[k].x0 - chars[k - 1].x1 < GAP * height or stretched_space(chars, [k]):
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


def _aligned(box: tuple[float, float], column: list[tuple[float, float]], tol: float) -> bool:
    """A piece stands in a column when it starts, is centred or ends where one of its lines does."""
    x0, x1 = box
    return any(abs(x0 - a) <= tol or abs(x1 - b) <= tol or abs((x0 + x1) - (a + b)) <= 2 * tol for a, b in column)


def fitted_halves(line: Line, block: SideBySide) -> tuple[list[Char], list[Char]] | None:
    """The two pieces of a line whose widest gap, narrower than a layout gap but wider than a word
    space (``column_word_gap`` text heights, catalogs/pdf_layout.toml), parts it where the block's
    columns stand: the left piece ends before the right column's lines start and stands in the left
    column (starts, is centred or ends as one of its lines), the right piece likewise."""
    chars = line.chars
    if len(chars) < 2 or not block.left_x or not block.right_x:
        return None
    height = _height(line)
    k = line.widest_gap if line.widest_gap is not None else \
        max(range(1, len(chars)), key=lambda i: chars[i].x0 - chars[i - 1].x1)
    if chars[k].x0 - chars[k - 1].x1 < float(catalog("pdf_layout")["column_word_gap"]) * height \
            or stretched_space(chars, [k]):
        return None
    left, right = chars[:k], chars[k:]
    left_box, right_box = (left[0].x0, max(c.x1 for c in left)), (right[0].x0, max(c.x1 for c in right))
    if left_box[1] >= min(a for a, _ in block.right_x) or right_box[0] <= max(b for _, b in block.left_x):
        return None
    if not (_aligned(left_box, block.left_x, height) and _aligned(right_box, block.right_x, height)):
        return None
    if any(_SCORE.match(chars_text(part)) for part in (left, right)):
        return None
    return left, right


def side_by_side_blocks(lines: list[Line], page_width: float) -> dict[int, SideBySide]:
    """Index of the first line of each side-by-side block -> the block, which holds that line and
    the ``lines - 1`` lines after it. A block starts at a line split in two and goes on through
    lines that are split at the same place, stand wholly on one side of it, or are parted where
    the block's columns stand (fitted_halves); lines just above it so parted belong to it too."""
    out: dict[int, SideBySide] = {}
    cur: SideBySide | None = None    # the block being read
    start = 0
    prev: Line | None = None
    splits = [split_line(line, page_width) for line in lines]
    for i, line in enumerate(lines):
        halves = splits[i]
        near = prev is not None and line.top - prev.bottom <= LEADING * _height(prev)
        if cur is not None and near and _goes_on(cur, line, halves):
            prev = line
            continue
        if cur is not None:
            out[start] = cur
            cur = None
        if halves is not None:
            left, right = halves
            cur = SideBySide(line.top, (left[-1].x1 + right[0].x0) / 2, line.bottom)
            cur.add("left", left)
            cur.add("right", right)
            start = i
        elif i + 1 < len(lines) and splits[i + 1] is None:
            split = _beside(line, lines[i + 1], page_width)
            if split is not None:
                cur = SideBySide(line.top, split, line.bottom)
                cur.add("left" if line.x1 < split else "right", line.chars, line.text)
                start = i
        prev = line
    if cur is not None:
        out[start] = cur
    return {start: block for start, block in _grown_up(out, lines).items() if not _in_paragraph(start, block, lines)}


def _in_paragraph(start: int, block: SideBySide, lines: list[Line]) -> bool:
    """A block of one line, parted at its one wide gap, that stands flush with a line of prose just
    above or below it (both start and end where it does, within a text height) is a line of a
    justified paragraph: its slack went to its one or two spaces (a long word or a web address
    pushed to the next line), no layout table. A line of prose has spaces enough to be a
    paragraph's (``least_word_spaces``, catalogs/pdf_layout.toml); a line that would have gone on
    in the block (parted where it is, or standing in one of its columns) is in it already."""
    if block.lines != 1 or len(block.left) != 1 or len(block.right) != 1:
        return False
    line = lines[start]
    height = _height(line)
    least = int(catalog("pdf_layout")["least_word_spaces"])
    for other in lines[max(start - 1, 0):start] + lines[start + 1:start + 2]:
        if max(other.top - line.bottom, line.top - other.bottom) > LEADING * height \
                or abs(other.x0 - line.x0) > height or abs(other.x1 - line.x1) > height:
            continue
        chars = other.chars
        if sum(1 for p, c in zip(chars, chars[1:]) if c.space_before or c.x0 - p.x1 > 0.25 * height) >= least:
            return True
    return False


def _goes_on(cur: SideBySide, line: Line, halves) -> bool:
    """Whether ``line``, near the block's foot, is one more line of it (added if so): split at the
    block's split, wholly on one side of it, or parted where the block's columns stand."""
    if halves is None:
        if line.x1 < cur.split or line.x0 > cur.split:
            cur.add("left" if line.x1 < cur.split else "right", line.chars, line.text)
        else:
            halves = fitted_halves(line, cur)
            if halves is None:
                return False
    elif not halves[0][-1].x1 < cur.split < halves[1][0].x0:
        return False
    if halves is not None:
        cur.add("left", halves[0])
        cur.add("right", halves[1])
    cur.bottom = line.bottom
    cur.lines += 1
    return True


def _grown_up(blocks: dict[int, SideBySide], lines: list[Line]) -> dict[int, SideBySide]:
    """Each block with the lines just above it that are parted where its columns stand (an issuer's
    first lines beside the motto's, the gap between them narrowed by both)."""
    out: dict[int, SideBySide] = {}
    taken = 0    # the lines before this index are in a block already
    for start in sorted(blocks):
        block = blocks[start]
        while start - 1 >= taken and block.top - lines[start - 1].bottom <= LEADING * _height(lines[start - 1]):
            halves = fitted_halves(lines[start - 1], block)
            if halves is None:
                break
            block.add("left", halves[0], first=True)
            block.add("right", halves[1], first=True)
            start -= 1
            block.top = lines[start].top
            block.lines += 1
        out[start] = block
        taken = start + block.lines
    return out
