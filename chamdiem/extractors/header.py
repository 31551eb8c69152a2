"""The unit named at the head of a report's first page. Nghị định 30/2020 lays the head out in two
columns: the issuer block top left, in capitals, above 'Số:' (its parent authorities first, the
issuer last: 'UBND TỈNH QUẢNG NGÃI' / 'SỞ NỘI VỤ'), the national title and motto top right with
the place and date under them. The issuer block is read from the left-hand pieces of the head's
lines (extractors/line_columns.py), whether the columns stand in cells of a layout table, one after
the other, apart on one line or glued by one space: the motto is never part of the issuer."""
from __future__ import annotations

import unicodedata
from functools import lru_cache

import regex

from chamdiem.lexicon import compiled_patterns
from chamdiem.extractors.line_columns import COLUMN_GAP, Piece, is_motto, pieces
from chamdiem.lexicon.catalogs import catalog
from chamdiem.lexicon.text import fold, squash
from chamdiem.model.document import Block

__all__ = ["COLUMN_GAP", "header_unit"]

WRAP_WORDS = 8  # a capital line of at most this many words, no unit word and no digit, goes on the name above
# (an issuer cell of 6-7 cm holds some 35 capitals a line: up to eight short words, "DUNG QUẤT VÀ CÁC KCN QUẢNG NGÃI")
HEAD_LINES = 20  # lines of the page's head that may hold the issuer block
MOTTO_TAIL = 2   # lines under the motto that may hold its place and date (one, or one wrapped)
_RULE_LINE = compiled_patterns.compile(r"^[\s\-_=*.~–—]+$")
_NUMBER_LINE = compiled_patterns.compile(r"^\s*Số\b", regex.I)
# a report's number line, below other text at the head of the page ('Số: 187/BC-UBND', 'Số 15-BC/ĐU')
_REPORT_NUMBER_LINE = compiled_patterns.compile(r"^\s*Số\s*(?::|\d)", regex.I)
_NON_LETTER = compiled_patterns.compile(r"[^\p{L}\p{N}]+")


@lru_cache(maxsize=None)
def _connector_end():
    """A header line ending in a word that joins a name ('… ĐOÀN ĐBQH VÀ' / 'HĐND TỈNH')."""
    words = "|".join(regex.escape(w) for w in catalog("units")["name_connectors"])
    return compiled_patterns.compile(rf"(?:\s(?:{words})|[,\-–])\s*$", regex.I)


def _is_caps(text: str) -> bool:
    return text == text.upper() and any(c.isalpha() for c in text)


@lru_cache(maxsize=None)
def _header_words() -> tuple[list[str], tuple[str, ...], tuple[str, ...]]:
    """The catalogs' unit words (folded, longest first), national title and document titles
    (folded), prepared once. A document's title ('BÁO CÁO', 'KẾ HOẠCH') ends the header: 'Báo'
    is also a unit word."""
    unit_words = catalog("units")
    heads = sorted((fold(h) for h in unit_words["unit_heads"]), key=len, reverse=True)
    doc_titles = tuple(fold(n) for ns in catalog("doc_types")["names"].values() for n in ns)
    return heads, tuple(unit_words["national_title"]), doc_titles


@lru_cache(maxsize=None)
def _internal_bodies() -> list[str]:
    return sorted((fold(b) for b in catalog("units")["internal_bodies"]), key=len, reverse=True)


@lru_cache(maxsize=None)
def _places():
    """Place words and the compounds in which they name no place ('xã hội'), each as its lower-case
    words, longest first; and the folded name connectors."""
    unit_words = catalog("units")

    def split(words):
        return tuple(sorted((w.lower().split() for w in words), key=len, reverse=True))
    return (split(unit_words["place_words"]), split(unit_words["not_places"]),
            tuple(fold(w) for w in unit_words["name_connectors"]))


@lru_cache(maxsize=None)
def _places_alone() -> frozenset[str]:
    return frozenset(w.lower() for w in catalog("units")["place_words_alone"])


def _starts_with(folded: str, words) -> bool:
    return any(folded == w or folded.startswith(w + " ") for w in words)


def _lower_words(text: str) -> list[str]:
    """The words of a header line in lower case, with their marks (punctuation parts words)."""
    return _NON_LETTER.sub(" ", unicodedata.normalize("NFC", text)).casefold().split()


def _same_word(word: str, place: str) -> bool:
    """A header's word is a place's: with its marks ('QUẬN' is one, 'QUẢN' in 'BAN QUẢN LÝ' is
    not), or without any when the header is written without them ('HUYEN')."""
    return word == place or (word.isascii() and word == fold(place))


def _place_at(words: list[str], k: int) -> int:
    """How many words a place word takes at ``words[k]`` (lower-case words; 0: none there)."""
    places, not_places, _ = _places()

    def at(phrase: list[str]) -> bool:
        return len(words) - k >= len(phrase) and all(_same_word(w, p) for w, p in zip(words[k:], phrase))
    if any(at(n) for n in not_places):
        return 0
    return next((len(p) for p in places if at(p)), 0)


def _ends_with_place(name: str) -> bool:
    """The name (in lower case) ends with a place ('UBND HUYỆN SƠN HÀ', 'CỤC THUẾ TỈNH'): it is
    whole, and the line below names a unit under it."""
    words = name.split()
    for k in range(1, len(words)):
        size = _place_at(words, k)
        after = len(words) - k - size
        if size and (0 < after <= 4 or (after == 0 and any(_same_word(" ".join(words[k:]), p)
                                                            for p in _places_alone()))):
            return True
    return False


def _continues(unit: list[Piece], line: Piece) -> bool:
    """Whether a header line goes on the name above it rather than naming a unit below it."""
    heads, _, _ = _header_words()
    _, _, connectors = _places()
    above = squash(" ".join(p.text for p in unit))
    folded_above, folded = fold(above), fold(line.text)
    lower_above = " ".join(_lower_words(above))
    words = folded.split()
    if _connector_end().search(unit[-1].text) or folded_above in heads or _starts_with(folded, connectors) \
            or len(words) == 1:
        return True   # a lone word is the end of a name cut by its cell's width
    if len(words) >= 2 and f" {' '.join(words[:2])} " in f" {folded_above} ":
        # a name restating the words of the one above is a unit of its own ('TÒA ÁN …' / 'TÒA ÁN …')
        return False
    if _place_at(_lower_words(line.text), 0):
        return not _ends_with_place(lower_above)
    if _starts_with(folded, heads) or _ends_with_place(lower_above):
        return False
    return not any(c.isdigit() for c in folded) and len(words) <= WRAP_WORDS


def _head_lines(blocks: list[Block]) -> tuple[list[Piece], bool]:
    """The issuer block's lines (left-hand pieces in capitals at the head of the page), and
    whether the block ends at the report's number, as the layout has it. The motto's block (the
    motto, then the place and date under it, maybe wrapped) is passed over wherever it stands:
    beside the issuer block, or above it when the motto is written first."""
    _, _, doc_titles = _header_words()
    lines: list[Piece] = []
    first: list[Piece] | None = None   # the lines before the first that ends a block of capitals
    motto_tail = 0   # lines under a motto that may still be its place and date
    for block in blocks[:HEAD_LINES]:
        left = next((p for p in pieces(block) if not is_motto(p.text)), None)
        if left is None:
            motto_tail = MOTTO_TAIL
            continue   # a motto
        if left.right:
            continue   # only the right-hand column on this line (a date's second line)
        line_text = left.text
        folded = fold(line_text)
        if not folded or _RULE_LINE.match(line_text):
            continue
        if _NUMBER_LINE.match(line_text) and (first is None or _REPORT_NUMBER_LINE.match(line_text)):
            return lines, True
        if not lines and motto_tail and not _is_caps(line_text):
            motto_tail -= 1
            continue   # the place and date under a motto written above the issuer block
        if _starts_with(folded, doc_titles) or not _is_caps(line_text):
            # the head of the page ends here, unless the report's own head comes further down, its
            # issuer above its number (a portal's menus and breadcrumb above the report it shows)
            first = lines if first is None else first
            lines = []
            continue
        lines.append(left)
    return (first if first is not None else lines), False


def header_unit(blocks: list[Block], text: str | None) -> tuple[str, tuple[int, int]] | None:
    """The last unit of the issuer block. Its lines are grouped into units: a line goes on the
    name above when it continues it (a place word, a connector, a short line without a unit word
    under a name not yet whole), else it names the next unit down. Without the report's number
    under the block, only lines starting with a unit word count (a title in capitals is no unit)."""
    heads, _, _ = _header_words()
    lines, numbered = _head_lines(blocks)
    units: list[list[Piece]] = []
    for line in lines:
        if units and _continues(units[-1], line):
            units[-1].append(line)
        elif numbered or _starts_with(fold(line.text), heads):
            units.append([line])
        elif units:
            break
    if not units:
        return None
    unit = units[-1]
    if len(units) > 1 and _starts_with(fold(" ".join(p.text for p in unit)), _internal_bodies()):
        unit = units[-2]   # a council or board writes for the unit above it
    elif len(units) > 1 and fold(" ".join(p.text for p in unit)) in heads:
        # a unit word alone ('VĂN PHÒNG' under 'ĐOÀN ĐBQH VÀ HĐND TỈNH QUẢNG NGÃI') is the office of
        # the unit above: its name is the word, then that unit's (the span covers both lines)
        span = (units[-2][0].span[0], unit[-1].span[1])
        name = f"{squash(' '.join(p.text for p in unit))} {squash(' '.join(p.text for p in units[-2]))}"
        return _written_case(name, text, span), span
    span = (unit[0].span[0], unit[-1].span[1])
    return _written_case(squash(" ".join(p.text for p in unit)), text, span), span


def _written_case(name: str, text: str | None, span: tuple[int, int]) -> str:
    """The header's capitals as the name is written in running text, when it is; else as the
    catalogs write its words: the unit word ('Văn phòng') and the names of bodies ('Đoàn đại biểu
    Quốc hội', 'Hội đồng nhân dân') as they spell them, common nouns ('tỉnh', 'huyện', 'và') in
    lower case, all-consonant abbreviations ('UBND') as they stand, each other word with a capital."""
    if text:
        pat = regex.compile(r"(?<!\p{L})" + r"\s+".join(regex.escape(word) for word in name.split()) + r"(?!\p{L})",
                            regex.I)
        for match in pat.finditer(text):
            if not (span[0] <= match.start() < span[1]) and not _is_caps(match.group(0)):
                return squash(match.group(0))
    words = name.split()
    out: list[str] = []
    i = 0
    while i < len(words):
        hit = _spelled_at(words, i)
        if hit:
            out += hit
            i += len(hit)
            continue
        word = words[i]
        out.append(word if not any(c.lower() in "aăâeêioôơuưy" for c in fold(word)) else word[:1] + word[1:].lower())
        i += 1
    return " ".join(out)


def _spelled_at(words: list[str], i: int) -> list[str] | None:
    """The catalog's spelling of the longest name or word at ``words[i]``: a unit word (only at the
    name's start) and a body's name matched without marks, as the header may place them ('UỶ' for
    'ỦY'), a lower-case word with them ('xã' is no 'xa'); 'HỘI ĐỒNG NHÂN DÂN' is the body, not the
    unit word 'Hội' then three words."""
    heads, names, lower = _spellings()
    folded = [fold(x) for x in words[i:]]
    lowered = [x.lower() for x in words[i:]]
    found = [next((n for key, n in names if folded[:len(key)] == key), None),
             next((n for key, n in lower if lowered[:len(key)] == key), None)]
    if i == 0:
        found.insert(0, next((n for key, n in heads if folded[:len(key)] == key), None))
    return max((n for n in found if n), key=len, default=None)


@lru_cache(maxsize=None)
def _spellings() -> tuple[list[tuple[list[str], list[str]]], ...]:
    """(words to match, words as written) of the unit words and the names of bodies (folded) and of
    the lower-case words (in lower case), each list longest first."""
    unit_words = catalog("units")

    def spelled(names, key):
        return sorted(((key(n).split(), n.split()) for n in names), key=lambda p: len(p[0]), reverse=True)
    return (spelled(unit_words["unit_heads"], fold), spelled(unit_words["written_names"], fold),
            spelled(unit_words["lowercase_words"], str.lower))
