"""Where a PDF's paragraphs begin. A PDF keeps lines, not paragraphs; reading every run of lines
as one paragraph made a report's whole body one, so a statement's line was the page's first and
its label the report's title. The layout of a typed report says where a paragraph begins: after
a blank line's worth of space, after a line that stopped well short of the text column's right
edge (a wrapped line is cut only where its next word does not fit), at a first-line indent, at a
bullet or a numbering; each only after a line that ends a sentence, so a sentence wrapped over
lines stays whole, and a title line runs on into the lines it opens, as a text's does
(extractors/narrative reads a numbered title's first line with the statements under it)."""
from __future__ import annotations

from typing import NamedTuple

import regex

from chamdiem.readers.pdf.geometry import Line

# a gap between lines this many text heights wider than the page's usual gap between its lines is
# the space a paragraph leaves after it (Word's 'spacing after', a blank line)
BLANK = 0.35
# a first line indented this many text heights right of the column's left edge
INDENT = 1.5
# a line that ends this share of the column's width short of its right edge ends its paragraph
SHORT = 0.25
_ENDS_SENTENCE = regex.compile(r"[.:;!?)…]\s*$")
_GOES_ON = regex.compile(r"[\-–/,]\s*$")
_CONTINUES = regex.compile(r"\s*[\p{Ll}\d(]")
_LIST_MARK = regex.compile(r"^\s*(?:[\-–•+*]\s|(?:\d+(?:\.\d+)*|[IVX]+|[a-zđ])\s*[.):]\s)", regex.I)


class Column(NamedTuple):
    """The left and right edges of a page's narrative text, and the usual gap between its lines."""
    left: float
    right: float
    leading: float


def text_column(lines: list[Line]) -> Column | None:
    """The edges the page's narrative lines reach and their usual gap; None without lines."""
    if not lines:
        return None
    rights = sorted(line.x1 for line in lines)   # (nine lines in ten: a wider one, a table's note, aside)
    gaps = sorted(b.top - a.bottom for a, b in zip(lines, lines[1:]) if b.top > a.bottom)
    leading = gaps[len(gaps) // 5] if gaps else 0.0   # (one in five: a page of short paragraphs has few others)
    return Column(min(line.x0 for line in lines), rights[(len(rights) * 9) // 10], leading)


def goes_on(before: str, line: str) -> bool:
    """A word, a number or a sentence cut at the end of ``before`` goes on on ``line`` (also from
    one page's last line to the next page's first)."""
    return _GOES_ON.search(before) is not None or not _ENDS_SENTENCE.search(before) and _CONTINUES.match(line) is not None


def opens_paragraph(line: Line, before: Line, column: Column | None) -> bool:
    """Whether ``line`` begins a paragraph, ``before`` being the narrative line right above it."""
    if column is None or not _ENDS_SENTENCE.search(before.text) or goes_on(before.text, line.text):
        return False   # (a title line without a stop runs on into what it opens: extractors/narrative)
    height = max(line.bottom - line.top, 1.0)
    if line.top - before.bottom > column.leading + BLANK * height \
            or column.right - before.x1 > SHORT * (column.right - column.left):
        return True
    indented = line.x0 - column.left > INDENT * height and before.x0 - column.left <= INDENT * height / 3
    return indented or _LIST_MARK.match(line.text) is not None
