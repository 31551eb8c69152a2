"""The signer, from the signature block at the foot of a report. Nghị định 30/2020 puts it bottom
right, beside 'Nơi nhận:' (or, as units write, above or below it): the authority's prefix (TM.,
KT., Q., TL., T/M …) and the signer's position in capitals, then the signature or a mark of it
('(Đã ký)', '[đã ký]'), then the name, maybe after a rank ('Đại tá'). The block is followed down
its own column (extractors/line_columns.py), so whatever stands beside it, in a layout table's other
cell, after a wide gap or glued by one space, is never taken for the name."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

import regex

from chamdiem.lexicon import compiled_patterns
from chamdiem.extractors.line_columns import Piece, pieces
from chamdiem.lexicon.catalogs import catalog
from chamdiem.lexicon.text import fold, squash
from chamdiem.model.document import Block

SIGNATURE_LINES = 6   # lines from a position down to the name (sub-positions, signature marks, blanks)
POSITION_WORDS = 10   # a line in capitals of more words is a title or a name, not a position
# a word of a name: a capital and small letters, maybe joined to another by an apostrophe or a hyphen
# as names of the Central Highlands write them ('K'Brèo', 'Y Thị', 'Ksor', 'H'Hen')
_NAME = compiled_patterns.compile(r"^(?:[\p{Lu}][\p{Ll}]*(?:['’\-][\p{Lu}][\p{Ll}]*)?\.?\s+){1,5}"
                                  r"[\p{Lu}][\p{Ll}]*(?:['’\-][\p{Lu}])?[\p{Ll}]+$")


class _SignatureWords(NamedTuple):
    """The catalog's signature words, prepared once."""
    titles: tuple[str, ...]          # folded signer titles ('giam doc')
    positions: "regex.Pattern"       # any position word, with its diacritics
    marks: tuple[str, ...]           # folded signature marks ('da ky')
    prefixes: "regex.Pattern"        # ranks and titles written before a name
    families: frozenset[str]         # family names in capitals


@lru_cache(maxsize=None)
def _words() -> _SignatureWords:
    unit_words = catalog("units")
    titles = tuple(fold(t) for t in unit_words["signature_titles"])
    positions = compiled_patterns.compile(r"(?<!\p{L})(?:" + "|".join(regex.escape(w) for w in unit_words["position_words"])
                              + r")(?!\p{L})", regex.I)
    marks = tuple(fold(m) for m in unit_words["signature_marks"])
    families = frozenset(n.upper() for n in unit_words["family_names"])
    prefix = "|".join(regex.escape(p) for p in sorted(unit_words["name_prefixes"], key=len, reverse=True))
    prefixes = compiled_patterns.compile(rf"^(?:(?:{prefix})\s*)*(?:{prefix})\s+", regex.I)
    return _SignatureWords(titles, positions, marks, prefixes, families)


def _is_caps(text: str) -> bool:
    return text == text.upper() and any(c.isalpha() for c in text)


def is_position(text: str) -> bool:
    """A line in capitals naming a signer's position or the authority signed for: a catalog title
    at its start or end ('KT. GIÁM ĐỐC', 'PHÓ CHỦ TỊCH'), or a position word anywhere in it
    ('HẠT TRƯỞNG'; matched with its diacritics: 'TRƯỞNG' is a position, 'TRƯỜNG' a school)."""
    squashed = squash(text)
    if not _is_caps(squashed) or len(squashed.split()) > POSITION_WORDS:
        return False
    words = _words()
    folded = fold(squashed)
    return any(folded == x or folded.startswith(x + " ") or folded.endswith(" " + x) for x in words.titles) \
        or words.positions.search(squashed) is not None


def _is_mark(text: str) -> bool:
    """A signature's mark, not a name: '(Đã ký)', '[đã ký]', 'Đã ký', '(Ký, ghi rõ họ tên)'."""
    return (text[:1] in "([" and text[-1:] in ")]") or fold(text).startswith(_words().marks)


def _name(piece: Piece) -> tuple[str, tuple[int, int]] | None:
    """The name a piece writes, after a rank or title ('Đại tá Trần Văn Hùng' gives 'Trần Văn Hùng')."""
    text = piece.text
    words = _words()
    match = words.prefixes.match(text)
    lead = match.end() if match is not None else 0
    name = squash(text[lead:])
    if name and _NAME.match(name):
        return name, piece.block.view.raw_span(piece.start + lead, piece.end)
    start = _capital_name(text, words.families) if _is_caps(text) else None
    if start is not None:
        return squash(text[start:]), piece.block.view.raw_span(piece.start + start, piece.end)
    return None


def _capital_name(text: str, families) -> int | None:
    """Where a name written in capitals starts in ``text``: two to five words of letters to its end,
    the first a family name, at its start or after a stop ('VT, TH. NGUYỄN VĂN AN' glued)."""
    for match in regex.finditer(r"(?:^|(?<=[.;:,]\s+))\S+", text):
        words = text[match.start():].split()
        if 2 <= len(words) <= 5 and words[0] in families and all(w.isalpha() for w in words):
            return match.start()
    return None


def _down_the_column(position: Piece, line: list[Piece]) -> list[Piece]:
    """The pieces of a line below a position that may stand in its column: under a right-hand
    position the right-hand pieces (a left-hand one only when it is a name, as a glued export
    leaves it); under a left-hand one the first piece (a layout table's cell, read one after the other)."""
    if not line:
        return []
    if not position.right:
        return line[:1]
    right = [p for p in line if p.right]
    return right or [p for p in line[:1] if _name(p) is not None]


@lru_cache(maxsize=None)
def _capitals():
    """Any catalog title or position word written in capitals: a line without one holds no position."""
    unit_words = catalog("units")
    words = {w.upper() for w in unit_words["position_words"]} | {t.split()[0] for t in unit_words["signature_titles"]}
    # the standard library's plain alternation: this test runs on every line of a report
    return compiled_patterns.compile_re("|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w))))


def signer(blocks: list[Block]):
    """(name, span) of the first position followed down its column by a name; None without one.
    Of positions side by side, the right-hand one first: the document's signer signs on the right,
    a minutes' secretary or a co-signer on the left ('THƯ KÝ … CHỦ TỊCH HỘI ĐỒNG')."""
    capitals = _capitals()
    for i, block in enumerate(blocks):
        if capitals.search(block.text) is None:
            continue
        lines = _lines(block)
        for k, line in enumerate(lines):
            for position in sorted(pieces(line), key=lambda piece: not piece.right):
                if not is_position(position.text):
                    continue
                got = _name_below(position, lines[k + 1:] + _below(blocks, i))
                if got is not None:
                    return got
    return None


def _lines(block: Block) -> list[Block]:
    """The block's lines, each a block of its own: a cell whose lines are broken inside it (a
    Markdown cell's '<br>', a Word paragraph's line breaks) holds the position and the name below it."""
    text = block.view.text
    if "\n" not in text:
        return [block]
    out, at = [], 0
    for part in text.split("\n"):
        if part.strip():
            view = block.view.slice(at, at + len(part))
            out.append(Block(view.raw_start, view.raw_end, block.line, view, block.page, block.column, block.columns))
        at += len(part) + 1
    return out


def _below(blocks: list[Block], i: int) -> list[Block]:
    """The blocks of the SIGNATURE_LINES lines under ``blocks[i]``. A layout table's row gives a
    block per cell on one line: the lines are counted, not the blocks, and a cell beside the
    position (its line, another column) is not under it. Nor is a block the reader placed in a
    column of the layout the position's does not cover ('Nơi nhận' in a sheet's column B beside a
    signature merged over E:H, however many recipients it lists); a block of the first column
    stays (a narrative line the reader placed nowhere, under a layout table's right-hand cell)."""
    here = blocks[i]
    out: list[Block] = []
    lines: set[int] = set()
    for block in blocks[i + 1:]:
        if block.line == here.line and block.column != here.column:
            continue
        if block.column > 0 and not _overlap(here, block):
            continue
        lines.add(block.line)
        if len(lines) > SIGNATURE_LINES:
            break
        out.append(block)
    if here.column > 0 and any(b.column > 0 and _overlap(here, b) and _holds_a_name(b) for b in out):
        # the position placed right of the first column and a name under it in its columns: a block
        # of the first column is beside it (the preparer's name in A under 'NGƯỜI LẬP BIỂU', on the
        # row of the signer's name under 'KT. GIÁM ĐỐC' merged over D:G)
        out = [b for b in out if _overlap(here, b)]
    return out


def _holds_a_name(block: Block) -> bool:
    return any(_name(piece) is not None for piece in pieces(block))


def _overlap(a: Block, b: Block) -> bool:
    """Whether two blocks share a column of the layout."""
    return a.column < b.column + b.columns and b.column < a.column + a.columns


def _name_below(position: Piece, below: list[Block]):
    for block in below:
        line = pieces(block)
        for piece in _down_the_column(position, line):
            text = squash(piece.text)
            if _is_mark(text):
                continue   # the signature's mark
            if _is_caps(text):
                got = _name(piece)
                if got is not None:
                    return got   # a name in capitals
                continue   # a further position line, or the recipients' 'VT, TH.'
            return _name(piece)
    return None
