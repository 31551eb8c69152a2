"""The signer, from the signature block at the foot of a report. Nghị định 30/2020 puts it bottom
right, beside 'Nơi nhận:' (or, as units write, above or below it): the authority's prefix (TM.,
KT., Q., TL., T/M …) and the signer's position in capitals, then the signature or a mark of it
('(Đã ký)', '[đã ký]'), then the name, maybe after a rank ('Đại tá'). The block is followed down
its own column (extractors/line_columns.py), so whatever stands beside it, in a layout table's other
cell, after a wide gap or glued by one space, is never taken for the name."""
from __future__ import annotations

import re
from functools import lru_cache

import regex

from chamdiem.extractors.line_columns import Piece, pieces
from chamdiem.lexicon.catalogs import catalog
from chamdiem.lexicon.text import fold, squash
from chamdiem.model.document import Block

SIGNATURE_LINES = 6   # lines from a position down to the name (sub-positions, signature marks, blanks)
POSITION_WORDS = 10   # a line in capitals of more words is a title or a name, not a position
_NAME = regex.compile(r"^(?:[\p{Lu}][\p{Ll}]*\.?\s+){1,5}[\p{Lu}][\p{Ll}]+$")


@lru_cache(maxsize=None)
def _words():
    u = catalog("units")
    titles = tuple(fold(t) for t in u["signature_titles"])
    positions = regex.compile(r"(?<!\p{L})(?:" + "|".join(regex.escape(w) for w in u["position_words"])
                              + r")(?!\p{L})", regex.I)
    marks = tuple(fold(m) for m in u["signature_marks"])
    families = frozenset(n.upper() for n in u["family_names"])
    prefixes = regex.compile(r"^(?:" + "|".join(regex.escape(p) for p in sorted(u["name_prefixes"], key=len,
                                                                              reverse=True)) + r")\s+")
    return titles, positions, marks, prefixes, families


def _is_caps(t: str) -> bool:
    return t == t.upper() and any(c.isalpha() for c in t)


def is_position(text: str) -> bool:
    """A line in capitals naming a signer's position or the authority signed for: a catalog title
    at its start or end ('KT. GIÁM ĐỐC', 'PHÓ CHỦ TỊCH'), or a position word anywhere in it
    ('HẠT TRƯỞNG'; matched with its diacritics: 'TRƯỞNG' is a position, 'TRƯỜNG' a school)."""
    t = squash(text)
    if not _is_caps(t) or len(t.split()) > POSITION_WORDS:
        return False
    titles, positions, _, _, _ = _words()
    ft = fold(t)
    return any(ft == x or ft.startswith(x + " ") or ft.endswith(" " + x) for x in titles) \
        or positions.search(t) is not None


def _is_mark(t: str) -> bool:
    """A signature's mark, not a name: '(Đã ký)', '[đã ký]', 'Đã ký', '(Ký, ghi rõ họ tên)'."""
    _, _, marks, _, _ = _words()
    return (t[:1] in "([" and t[-1:] in ")]") or fold(t).startswith(marks)


def _name(piece: Piece) -> tuple[str, tuple[int, int]] | None:
    """The name a piece writes, after a rank or title ('Đại tá Trần Văn Hùng' gives 'Trần Văn Hùng')."""
    t = piece.text
    _, _, _, prefixes, families = _words()
    m = prefixes.match(t)
    lead = m.end() if m is not None else 0
    name = squash(t[lead:])
    if name and _NAME.match(name):
        return name, piece.block.view.raw_span(piece.start + lead, piece.end)
    at = _capital_name(t, families) if _is_caps(t) else None
    if at is not None:
        return squash(t[at:]), piece.block.view.raw_span(piece.start + at, piece.end)
    return None


def _capital_name(t: str, families) -> int | None:
    """Where a name written in capitals starts in ``t``: two to five words of letters to its end,
    the first a family name, at its start or after a stop ('VT, TH. NGUYỄN VĂN AN' glued)."""
    for m in regex.finditer(r"(?:^|(?<=[.;:,]\s+))\S+", t):
        words = t[m.start():].split()
        if 2 <= len(words) <= 5 and words[0] in families and all(w.isalpha() for w in words):
            return m.start()
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
    u = catalog("units")
    words = {w.upper() for w in u["position_words"]} | {t.split()[0] for t in u["signature_titles"]}
    # the standard library's plain alternation: this test runs on every line of a report
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))


def signer(blocks: list[Block]):
    """(name, span) of the first position followed down its column by a name; None without one."""
    capitals = _capitals()
    for i, b in enumerate(blocks):
        if capitals.search(b.text) is None:
            continue
        for position in pieces(b):
            if not is_position(position.text):
                continue
            got = _name_below(position, blocks[i + 1:i + 1 + SIGNATURE_LINES])
            if got is not None:
                return got
    return None


def _name_below(position: Piece, below: list[Block]):
    for b in below:
        line = pieces(b)
        for p in _down_the_column(position, line):
            t = squash(p.text)
            if _is_mark(t):
                continue   # the signature's mark
            if _is_caps(t):
                got = _name(p)
                if got is not None:
                    return got   # a name in capitals
                continue   # a further position line, or the recipients' 'VT, TH.'
            return _name(p)
    return None
