"""Cited documents: find every mention of a numbered document, read its type, number, year, symbol
and date, and link it to the scored item whose row or paragraph holds it.

find: one regex finds anchors (a type word, an abbreviated type, 'số', or a number glued to a code);
parse: from each anchor the number, symbol and date are read forward with small patterns;
every mention keeps the span of the document text it came from.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from operator import itemgetter
from typing import NamedTuple

import regex

from chamdiem.lexicon import compiled_patterns
from chamdiem.lexicon.catalogs import catalog
from chamdiem.model.textview import TextView
from chamdiem.model.document import Block, DocumentModel, paragraphs
from chamdiem.model.observations import Citation, ScoreObservation


@dataclass(frozen=True)
class DocTypes:
    names: dict[str, str]          # folded alias -> canonical name
    generic: frozenset[str]
    abbreviations: dict[str, str]
    codes: dict[str, str]
    party_codes: dict[str, str]
    titled: tuple[str, ...]        # types written with their title before 'số' ('Luật … số')


@lru_cache(maxsize=None)
def doc_types() -> DocTypes:
    raw = catalog("doc_types")
    names = {alias.casefold(): name for name, aliases in raw["names"].items() for alias in aliases}
    return DocTypes(names, frozenset(g.casefold() for g in raw["generic"]), raw["abbreviations"],
                    raw["codes"], raw["party_codes"], tuple(raw.get("titled", ())))


def _words(alias: str) -> str:
    return r"\s+".join(re.escape(w) for w in alias.split())


_SEP = r"\s+"   # between the words of a type name


def _tokens(alias: str) -> list[str]:
    """The alias as _words writes it, one piece per character (white space between words: _SEP)."""
    out: list[str] = []
    for k, word in enumerate(alias.split()):
        if k:
            out.append(_SEP)
        out += [re.escape(ch) for ch in word]
    return out


def _trie(aliases: list[str]) -> str | None:
    """The aliases as one pattern factored by their common beginnings, so that at a word start
    the engine follows one branch per character instead of trying every alias in turn. At each
    branching a longer alias is tried before the shorter one it extends, as in the alternation
    sorted by length; None where that would not hold (an alias not written with single spaces,
    or two branches whose characters match the same text without regard to case)."""
    if any(alias != " ".join(alias.split()) for alias in aliases):
        return None
    root: dict = {}
    for alias in aliases:
        node = root
        for tok in _tokens(alias):
            node = node.setdefault(tok, {})
        node[""] = {}
    return _render(root)


def _render(node: dict) -> str | None:
    """One trie node as a pattern: its branches, then the end of a name ('' key) last."""
    toks = [tok for tok in node if tok]
    for i, earlier in enumerate(toks):
        for later in toks[i + 1:]:
            if _SEP not in (earlier, later) and re.fullmatch(f"(?i:{earlier})", re.sub(r"\\(.)", r"\1", later)):
                return None
    alts = []
    for tok in toks:
        rest = _render(node[tok])
        if rest is None:
            return None
        alts.append(tok + rest)
    if "" in node:
        alts.append("")
    return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"


@lru_cache(maxsize=None)
def _anchor() -> re.Pattern:
    """Where a mention can start. The stdlib engine scans this alternation faster than ``regex``
    (figures in bench/bench_citations.py), the more so with the type names factored into a trie,
    which tries one branch per character; codes are written in ASCII capitals and Đ."""
    types = doc_types()
    by_length = sorted(types.names, key=len, reverse=True)
    full = _trie(by_length) or "|".join(_words(a) for a in by_length)
    abbr = "|".join(re.escape(a) for a in sorted(types.abbreviations, key=len, reverse=True))
    letter = r"[^\W\d_]"
    return compiled_patterns.compile_re(
        rf"(?<![^\W_])(?:(?P<head>(?i:{full}))(?!{letter})"
        rf"|(?P<abbr>(?:{abbr}))(?=\s|\d|$)"
        rf"|(?P<so>(?i:số))(?!{letter})"
        rf"|(?P<bare>\d{{1,5}})(?=\s*[/\-–]\s*[A-ZĐ]|[A-ZĐ]{{2}}))"
    )


@lru_cache(maxsize=None)
def _reach_pieces() -> int:
    """How far past a position an anchor starting at or before it can read, in pieces of one
    character or one run of white space: a type name's characters and the runs between its words
    and one character after it; or up to five digits, a run, a slash, a run and two capitals."""
    types = doc_types()
    longest = max(len(" ".join(a.split())) for a in list(types.names) + list(types.abbreviations) + ["số"])
    return max(longest + 2, 12)


@lru_cache(maxsize=None)
def _anchor_reach() -> re.Pattern:
    """_reach_pieces pieces: the anchors found in the text cut there are those of the whole text."""
    return re.compile(rf"(?:\s+|\S){{0,{_reach_pieces()}}}")


# pieces parsed forward from an anchor
_QUALIFIER = compiled_patterns.compile(r"(?:\s*:)?(?:\s+(?!số\b)(?:[\p{Ll}]+|\d{1,2}(?=\s+tháng)))")
_SO = compiled_patterns.compile(r"\s*:?\s*(?i:số)(?![\p{L}])\s*:?\s*")
_NUMBER = compiled_patterns.compile(r"(?P<num>\d{1,5})(?:\s?\^\s?(?P<sup>[A-Z])|(?P<suf>[A-Z])(?![\p{L}]))?")
_YEAR_IN_NUMBER = compiled_patterns.compile(r"\s*/\s*(?P<y>(?:19|20)\d\d)(?!\s*/\s*\d)(?![\d])")
_PART = r"\p{Lu}[\p{Lu}\d&]*(?:[a-zđ][\p{Lu}\d&]*){0,2}(?![\p{L}\d])"
_CAPS = r"\p{Lu}[\p{Lu}\d&]+(?![\p{L}\d])"
_SPACED_DASH = compiled_patterns.compile(r"\s+[-–]\s+")
_FIRST_JOIN = compiled_patterns.compile(rf"(?P<j>\s*/\s*|\s*[-–]\s*(?={_CAPS})|[-–](?={_PART})|(?={_CAPS}))(?P<p>{_PART})")
_JOIN = compiled_patterns.compile(rf"(?P<j>[/\-–]|\s*[/\-–]\s*(?={_CAPS}))(?P<p>{_PART})")
_DAY = r"(?P<d>\d{1,2})\s*[/.\-]\s*(?P<m>\d{1,2})\s*[/.\-]\s*(?P<y>(?:19|20)\d\d)(?!\d)"
_DAY_WORDS = r"(?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2})\s+năm\s+(?P<y2>(?:19|20)\d\d)"
# (the words between may not say the date is another's: doc_types.toml, not_issue_dates)
_NOT_ISSUED = "|".join(regex.escape(w).replace("\\ ", r"\s+") for w in catalog("doc_types")["not_issue_dates"])
_DATE_NGAY = compiled_patterns.compile(
    rf"(?:\s*[,\-–])?(?:\s+(?!(?:{_NOT_ISSUED})(?!\p{{L}}))[\p{{Ll}}]+){{0,2}}?\s*,?\s*(?i:(?P<cung>cùng\s+)?ngày)\s*:?\s*"
    rf"(?:{_DAY}|{_DAY_WORDS})")
_DATE_BARE = compiled_patterns.compile(rf"\s*(?:[-–]\s*)?(?:{_DAY})")
# a date written right before the number's 'số' ('văn bản ngày 18/11/2022 số 2065/SNV-XDCQ')
_DATE_BEFORE = compiled_patterns.compile(rf"(?i:ngày)\s*:?\s*(?:{_DAY}|{_DAY_WORDS})\s*,?\s*$")
_DATE_BEFORE_REACH = 40
_SPACES = compiled_patterns.compile(r"\s+")


def _indices(pattern, *names: str) -> itemgetter:
    """Picks the named groups (two or more) out of ``match.groups()``, None for a group that did
    not take part: the regex module looks a name up slowly (a date's seven groups by name cost
    more than matching it)."""
    return itemgetter(*(pattern.groupindex[n] - 1 for n in names))


_NUMBER_GROUPS = _indices(_NUMBER, "num", "sup", "suf")
_NGAY_GROUPS = _indices(_DATE_NGAY, "d", "d2", "m", "m2", "y", "y2", "cung")
_BARE_GROUPS = _indices(_DATE_BARE, "d", "m", "y")
_FIRST_JOIN_GROUPS = _indices(_FIRST_JOIN, "j", "p")
_JOIN_GROUPS = _indices(_JOIN, "j", "p")
_LIST_GAP = compiled_patterns.compile(r"\s*(?:,|;|và)?\s*")
_LAST_DIGIT = compiled_patterns.compile(r"\d", regex.REVERSE)   # searched from the end: the last digit
_LETTER = re.compile(r"[^\W\d_]")   # a letter as the anchor pattern reads one


class _Raw(NamedTuple):
    """One mention as read from a text (offsets in that text). Immutable: a text's mentions are
    remembered and handed to every caller that reads the same text."""
    start: int
    end: int
    doc_type: str | None
    type_code: str | None
    number: str
    year: int | None
    symbol: str | None
    issued_on: str | None
    date_text: str | None
    same_day: bool


# How far past an anchor a mention can reach. Every match from an anchor is bounded by it: the
# regex module pre-scans the rest of the string for a pattern's required literal, which made each
# anchor cost the length of the text (quadratic in a long one-line text).
_WINDOW = 1000
_LEAD = compiled_patterns.compile(r"[ :\n]*")


def _at(pattern, text: str, pos: int):
    return pattern.match(text, pos, pos + _WINDOW)


def find_mentions(text: str) -> list[_Raw]:
    """All mentions in one cleaned text, left to right, none overlapping."""
    if len(text) <= _REMEMBERED_TEXT:
        return list(_remembered_mentions(text))
    return _find_mentions(text)


# Texts up to this length are read once per process: every report of a framework repeats its
# items' wording, which cites the same resolutions and directives ('Kết luận số 114-KL/TW ngày
# 14/7/2015 …'), and numbering cells ('Nội dung 1', 'TC3'). The bound keeps the memory small
# (at most _REMEMBERED texts of this length, a few MB) while holding a framework's every label.
_REMEMBERED_TEXT = 1500
_REMEMBERED = 2048


@lru_cache(maxsize=_REMEMBERED)
def _remembered_mentions(text: str) -> tuple[_Raw, ...]:
    """find_mentions of a text not longer than _REMEMBERED_TEXT (mentions are immutable, so every
    caller may share them)."""
    return tuple(_find_mentions(text))


def _find_mentions(text: str) -> list[_Raw]:
    """find_mentions' reading: anchors up to the last digit, each parsed forward."""
    out: list[_Raw] = []
    last = _LAST_DIGIT.search(text)
    if last is None:
        return out
    # a mention's number stands at or after its anchor: none starts past the last digit, and the
    # scan need not read beyond what an anchor starting there can read (_anchor_reach)
    stop = last.start()
    # the reach is a number of pieces of at least one character each: a text that ends within
    # that many characters is read to its end
    end = len(text) if len(text) - stop - 1 <= _reach_pieces() else _anchor_reach().match(text, stop + 1).end()
    pos = 0
    anchors = _anchor().finditer(text, 0, end)
    anchor = next(anchors, None)
    while anchor is not None and anchor.start() <= stop:
        if anchor.start() >= pos:
            raw = _parse(text, anchor)
            if raw is not None:
                out.append(raw)
                pos = raw.end
                if pos > stop:
                    break   # the next mention would start after this one, past the last digit
                if not _may_straddle(text, pos):
                    # the scan goes on from the mention's end, not through its number, symbol and date
                    anchors = _anchor().finditer(text, pos, end)
        anchor = next(anchors, None)
    _share_same_day(text, out)
    return out


def _may_straddle(text: str, at: int) -> bool:
    """Whether an anchor of the scan could hold both ``text[at - 1]`` and ``text[at]`` (``at`` > 0).
    An anchor is made of letters and digits, and of white space between the words of a type name
    (what the case-insensitive pattern takes for a letter is one: 'K' Kelvin, 'ſ'): where
    none can stand across ``at``, the anchors the scan finds from ``at`` are those it finds after
    ``at`` from the text's start (no anchor ends past ``at``, so none hides a later one), and the
    scan may start again there."""
    if not _anchors_are_words():
        return True
    if at >= len(text):
        return False
    char, before = text[at], text[at - 1]
    return char.isalnum() or (char.isspace() and (before.isalpha() or before.isspace()))


class _Read(NamedTuple):
    """What is read forward from an anchor, before the mention is judged: the head's type,
    'số' written, a qualifier between the type and the number, the number's span and reading,
    the year in the number, the symbol, where the date is read (past the symbol) and the date
    (day, month, year as written, 'cùng ngày', its span) or None."""
    head_type: str | None
    said_so: bool
    qualified: bool
    num_start: int
    num_end: int
    number: str
    year: int | None
    symbol: str | None
    code: str | None
    party: bool
    pos: int
    date: tuple | None


_PIECEWISE = object()   # _read_at_once cannot say: the pieces are read one by one


def _parse(text: str, anchor) -> _Raw | None:
    """A mention read forward from its anchor: head, number (and year), symbol, date."""
    read = _read_at_once(text, anchor)
    if read is _PIECEWISE:
        read = _read(text, anchor)
    if read is None:
        return None
    head_type, said_so, qualified, num_start, num_end, number, year, symbol, code, party, pos, date = read
    if symbol is None and not _unsymbolled_is_mention(text, anchor, num_end, head_type, said_so, qualified,
                                                      dated=date is not None or year is not None):
        return None
    coded = _type_of_code(code, party)
    start = anchor.start()
    if head_type is not None and "\n" in text[start:num_start]:
        # 'PHÒNG TÀI CHÍNH - KẾ HOẠCH' / 'Số: 164/BC-TCKH': a type word ending the line above a
        # number whose own code names another type is part of a name, not the number's head
        head_type = head_type if coded in (None, head_type) else None
    so = anchor.lastgroup == "so"
    if head_type is None and so and coded is None:
        titled = _TITLED().search(text, max(0, start - TITLE_REACH), start)
        if titled is not None:   # 'Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15'
            head_type, start = _type_of_name(titled.group("type")), titled.start()
    issued, date_text, same_day, end = _date(text, date, pos)
    if date is None and so:
        issued, date_text = _date_before(text, anchor.start())
    return _Raw(start, end, head_type or coded or "Công văn", code, number, year, symbol, issued, date_text, same_day)


def _read(text: str, anchor) -> _Read | None:
    """The pieces read one by one from the anchor, each by its own pattern; None where the
    number is missing or the text is no mention (a heading's number, a file's name)."""
    head_type, pos, said_so, qualified = _head(text, anchor)
    num = _at(_NUMBER, text, pos)
    if num is None:
        return None
    digits, sup, suf = _NUMBER_GROUPS(num.groups())
    year, pos = _year_in_number(text, num.end())
    symbol, code, party, pos = _symbol(text, pos)
    if anchor.lastgroup == "bare" and symbol is not None and _SPACED_DASH.match(text, num.end()):
        return None   # 'I. NỘI DUNG 1 – THI ĐUA …': a number alone, a dash between spaces, is a heading's
    if _FILE_NAME().match(text, pos):
        return None   # '2318-BC-BVĐK.pdf': a file's name
    date_m = _at(_DATE_NGAY, text, pos) or _at(_DATE_BARE, text, pos)
    return _Read(head_type, said_so, qualified, num.start(), num.end(), digits + (sup or suf or ""), year,
                 symbol, code, party, pos, None if date_m is None else _date_fields(date_m))


def _date_fields(date_m) -> tuple:
    """(day, month, year as written, 'cùng ngày', start, end) of a date match."""
    if date_m.re is _DATE_NGAY:   # 'ngày 5/6/2024' or 'ngày 5 tháng 6 năm 2024', maybe 'cùng ngày'
        day, day_words, month, month_words, year, year_words, cung = _NGAY_GROUPS(date_m.groups())
        return (day or day_words, month or month_words, year or year_words, bool(cung), *date_m.span())
    return (*_BARE_GROUPS(date_m.groups()), False, *date_m.span())


def _renamed(pattern, prefix: str) -> str:
    """A piece's pattern with its groups' names prefixed, to stand inside a larger pattern."""
    return re.sub(r"\(\?P<(\w+)>", rf"(?P<{prefix}\1>", pattern.pattern)


@lru_cache(maxsize=1)
def _at_once():
    """The pieces _read reads one by one after a head's type or from a 'số' anchor, as one
    pattern of the same pieces' patterns, each tried where the one before it stopped: no
    qualifier (head), 'số', the number, then only optional pieces: its year, the symbol's first
    part and up to five more (the captures of j_), a file's extension, the date. An optional
    piece is taken when it matches, as _read takes it, and what follows an optional piece cannot
    fail, so the engine never goes back into a piece for another of its readings (no atomic
    groups needed: they made the match three times slower); nor can it go back into 'số' for a
    number: every shorter reading of 'số' ends before white space or ':'. One match instead of
    seven or more for the common mention ('Kế hoạch số 366/KH-VP ngày 01/3/2024'); (head
    pattern, 'số' pattern, the getter of the groups read as text, the numbers of those whose span
    is read; the qualifier has no group, so both patterns number their groups alike)."""
    tail = (rf"{_SO.pattern}(?P<nn>{_renamed(_NUMBER, 'n_')})(?P<yy>{_renamed(_YEAR_IN_NUMBER, 'y_')})?"
            rf"(?P<sym>{_renamed(_FIRST_JOIN, 'f_')}(?:{_renamed(_JOIN, 'j_')}){{0,5}})?"
            rf"(?:(?={_FILE_NAME().pattern})(?P<file>))?"
            rf"(?:(?P<ngay>{_renamed(_DATE_NGAY, 'g_')})|(?P<bday>{_renamed(_DATE_BARE, 'b_')}))?")
    head = compiled_patterns.compile(rf"(?!{_QUALIFIER.pattern}){tail}")
    so = compiled_patterns.compile(tail)
    assert head.groupindex == so.groupindex
    return head, so, _indices(so, "n_num", "n_sup", "n_suf", "y_y", "f_j", "f_p", "file",
                              "g_d", "g_d2", "g_m", "g_m2", "g_y", "g_y2", "g_cung", "b_d", "b_m", "b_y"), \
        _Groups(*(so.groupindex[name] for name in _Groups._fields))


class _Groups(NamedTuple):
    """The numbers of the groups of _at_once whose spans or captures are read."""
    nn: int
    yy: int
    sym: int
    j_j: int
    j_p: int
    ngay: int
    bday: int


def _read_at_once(text: str, anchor):
    """_read by one match (_at_once) where that gives what the pieces give: a head's type, an
    abbreviation or 'số' followed by no qualifier, then 'số' and a number, in the last _WINDOW
    characters of the text (every piece's window then reaches the text's end, as the one
    match's does). _PIECEWISE elsewhere, or where the pieces would take back a symbol (a word
    glued to the number, '10TTHC')."""
    kind = anchor.lastgroup
    if kind == "bare" or len(text) - anchor.start() > _WINDOW:
        return _PIECEWISE
    head, so, groups, at = _at_once()
    if kind == "so":
        head_type, m = None, so.match(text, anchor.start())
    else:
        head_type = _type_of_name(anchor.group("head")) if kind == "head" else \
            doc_types().abbreviations[anchor.group("abbr")]
        m = head.match(text, anchor.end())
    if m is None:
        return _PIECEWISE
    digits, sup, suf, year, joiner, code, file_name, d, d2, mo, mo2, y, y2, cung, bd, bm, by = groups(m.groups())
    span = m.span   # by number (_Groups): the regex module looks a name up slowly
    num_start, num_end = span(at.nn)
    pos = num_end
    if year is not None:
        pos, year = span(at.yy)[1], int(year)
    symbol, party = None, False
    if code is not None:   # the symbol's first part: the symbol was read
        seps = m.captures(at.j_j)
        joiner = joiner.strip()
        if not joiner and not seps:
            return _PIECEWISE   # a word glued to the number: _symbol gives it back, the date is read before it
        symbol = code
        for sep, part in zip(seps, m.captures(at.j_p)):
            symbol += sep.strip().replace("–", "-") + part
        party, pos = joiner in ("-", "–"), span(at.sym)[1]
    if file_name is not None:
        return None   # '2318-BC-BVĐK.pdf': a file's name
    date_start, date_end = span(at.ngay)
    if date_start >= 0:
        date = (d or d2, mo or mo2, y or y2, bool(cung), date_start, date_end)
    else:
        date_start, date_end = span(at.bday)
        date = (bd, bm, by, False, date_start, date_end) if date_start >= 0 else None
    return _Read(head_type, True, False, num_start, num_end, digits + (sup or suf or ""), year, symbol, code, party,
                 pos, date)


def _date_before(text: str, at: int) -> tuple[str | None, str | None]:
    """The date written right before a number's 'số' at ``at`` (ISO, as written), else (None, None)."""
    found = _DATE_BEFORE.search(text, max(0, at - _DATE_BEFORE_REACH), at)
    if found is None:
        return None, None
    day, month, year = (found.group("d") or found.group("d2"), found.group("m") or found.group("m2"),
                        found.group("y") or found.group("y2"))
    return _iso(day, month, year), text[found.start():found.end()].strip(" ,")


@lru_cache(maxsize=1)
def _FILE_NAME():
    extensions = "|".join(re.escape(e) for e in catalog("doc_types")["file_extensions"])
    return compiled_patterns.compile(rf"\.(?i:{extensions})(?![\p{{L}}\d])")


TITLE_REACH = 120   # characters: the longest title between a titled type and its 'số'


@lru_cache(maxsize=1)
def _TITLED():
    """A titled type, capitalised, then its title (a capital first, no clause's end), ending where
    'số' begins."""
    types = "|".join(_words(t) for t in sorted(doc_types().titled, key=len, reverse=True))
    return compiled_patterns.compile(rf"(?<![\p{{L}}])(?P<type>{types})\s+\p{{Lu}}[^.;:\n()]*?\s*$")


def _head(text: str, anchor) -> tuple[str | None, int, bool, bool]:
    """(type named by the anchor, where the number should start, 'số' written, a qualifier
    such as 'liên tịch' or 'của UBND tỉnh' stands between the type and the number)."""
    types = doc_types()
    kind = anchor.lastgroup
    if kind == "so":
        return None, _at(_SO, text, anchor.start()).end(), True, False
    if kind not in ("head", "abbr"):
        return None, anchor.start(), False, False
    if kind == "head":
        head_type = _type_of_name(anchor.group("head"))
    else:
        head_type = types.abbreviations[anchor.group("abbr")]
    pos, said_so, qualified = anchor.end(), False, False
    qualifiers = 0
    while qualifiers < 3 and (qualifier := _at(_QUALIFIER, text, pos)):
        pos = qualifier.end()
        nxt = _at(_SO, text, pos) or _at(_NUMBER, text, pos + 1 if text[pos:pos + 1].isspace() else pos)
        qualifiers += 1
        qualified = True
        if nxt:
            break
    so_match = _at(_SO, text, pos)
    if so_match:
        pos, said_so = so_match.end(), True
    elif text[pos:pos + 1].isspace() or text[pos:pos + 1] == ":":
        pos = _at(_LEAD, text, pos).end()
    return head_type, pos, said_so, qualified


@lru_cache(maxsize=4096)
def _type_of_name(written: str) -> str | None:
    """The document type a type word names as written ('Quyết  định'), None for a generic one
    ('văn bản'); the same few spellings recur in every report. The words are joined again at the
    white space the anchor took between them, str.isspace's (the standard engine's \\s): regex's
    \\s leaves out \\x1c-\\x1f, and 'Thông tư liên\\x1ctịch' was no name of the catalog (a KeyError)."""
    types = doc_types()
    alias = " ".join(written.split()).casefold()
    return None if alias in types.generic else types.names[alias]


def _year_in_number(text: str, pos: int) -> tuple[int | None, int]:
    """'41/2022/QĐ-UBND': the year inside a legal normative document's number."""
    year_match = _at(_YEAR_IN_NUMBER, text, pos)
    return (int(year_match.group("y")), year_match.end()) if year_match else (None, pos)


def _unsymbolled_is_mention(text: str, anchor, num_end: int, head_type, said_so: bool, qualified: bool, dated: bool) -> bool:
    """Without a symbol, a mention needs other evidence: 'số', a date, or a type word written as a
    document's title, capitalised ('Kế hoạch 47'): a common noun and a count ('lập biên bản 17 vụ
    vi phạm') is no document."""
    kind = anchor.lastgroup
    if kind in ("so", "bare") or head_type is None:
        return False
    if not said_so and not dated and (kind == "abbr" or text[anchor.start()].islower()):
        return False
    if qualified and not said_so:
        return False
    if kind == "abbr" and text[anchor.end():anchor.end() + 1].isdigit() and text[num_end:num_end + 1] == "/":
        return False  # 'TB3/4' is a ratio, not a notice
    return True


def _date(text: str, date: tuple | None, end: int) -> tuple[str | None, str | None, bool, int]:
    """(ISO date or None when impossible, the date as written, 'cùng ngày', where the mention ends)
    of a date's fields (_date_fields)."""
    if date is None:
        return None, None, False, end
    day, month, year, same_day, span_start, span_end = date
    return _iso(day, month, year), text[span_start:span_end].strip(" ,-–"), same_day, span_end


def _symbol(text: str, pos: int) -> tuple[str | None, str | None, bool, int]:
    """The code after the number: '/QĐ-VP', '-KL/TW', ' -QĐ/TU', '/QĐ- UBND', 'VP-TTHC' (no slash)."""
    first = _at(_FIRST_JOIN, text, pos)
    if first is None:
        return None, None, False, pos
    joiner, code = _FIRST_JOIN_GROUPS(first.groups())
    joiner = joiner.strip()
    symbol = code
    n = 1
    cursor = first.end()
    while n < 6 and (join := _JOIN.match(text, cursor, cursor + _WINDOW)):
        sep, part = _JOIN_GROUPS(join.groups())
        symbol += sep.strip().replace("–", "-") + part
        n += 1
        cursor = join.end()
    if not joiner and n == 1:
        return None, None, False, pos  # a bare word glued to the number ('10TTHC') is no symbol
    return symbol, code, joiner in ("-", "–"), cursor


def _type_of_code(code: str | None, party: bool) -> str | None:
    if code is None:
        return None
    types = doc_types()
    if party and code in types.party_codes:
        return types.party_codes[code]
    return types.codes.get(code)


@lru_cache(maxsize=4096)
def _iso(day: str, month: str, year: str) -> str | None:
    """The ISO date of a day, month and year as written; remembered (a report cites the same dates
    again and again)."""
    try:
        return date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def _share_same_day(text: str, mentions: list[_Raw]) -> None:
    """'Quyết định số 52/QĐ-VP và Quyết định số 53/QĐ-VP cùng ngày 29/3/2024': both dated."""
    for i in range(len(mentions) - 1, 0, -1):
        cur = mentions[i]
        if not cur.same_day or cur.issued_on is None:
            continue
        k = i - 1
        while k >= 0 and mentions[k].date_text is None and \
                _LIST_GAP.fullmatch(text, mentions[k].end, mentions[k + 1].start):
            mentions[k] = mentions[k]._replace(issued_on=cur.issued_on)
            k -= 1


def extract_citations(model: DocumentModel, observations: list[ScoreObservation] = ()) -> list[Citation]:
    """Mentions in every narrative block and table cell. A cell continued on the following physical
    rows (the same logical row of a score sheet) is read as one text, so a mention cut there is whole."""
    out: list[Citation] = []
    units: list[TextView] = [b.view for b in paragraphs(model.blocks, model.text)]
    # first physical row -> the starts of all its rows, for logical rows made of several physical
    # ones (a header repeated after a page break between them is not part of the row)
    continued = {o.spans[0][0]: {start for start, _ in o.spans} for o in observations
                 if o.source == "table" and len(o.spans) > 1}
    for table in model.tables:
        rows = table.rows
        i = 0
        while i < len(rows):
            j = i + 1
            starts = continued.get(rows[i].start)
            last_start = max(starts) if starts is not None else -1
            group = [rows[i]]
            while j < len(rows) and rows[j].start <= last_start:
                if rows[j].start in starts:
                    group.append(rows[j])
                else:
                    units += _column_views([rows[j]])
                j += 1
            units += _column_views(group)
            i = j
    need_letter = _anchors_hold_a_letter()
    line_of, page_of, add = model.line_of, model.page_of, out.append
    for view in units:
        text = view.text
        if need_letter and _LETTER.search(text) is None:
            continue   # no anchor can start in a text without a letter (a score cell)
        for mention in find_mentions(text):
            start, end = view.raw_span(mention.start, mention.end)
            add(Citation(text[mention.start:mention.end], mention.doc_type, mention.type_code, mention.number,
                         mention.year, _clean_symbol(mention.symbol), mention.issued_on, start, end,
                         line_of(start), page_of(start), None, mention.date_text))
    out.sort(key=lambda c: c.start)
    return out


def _column_views(rows) -> list[TextView]:
    """One view per column of the rows, their cells joined; a single row with its columns in
    order (the usual case) gives its cells' own views."""
    if len(rows) == 1:
        cells = [cell for cell in rows[0].cells if cell.text.strip()]
        if all(a.col < b.col for a, b in zip(cells, cells[1:])):
            return [cell.view for cell in cells]
    cols: dict[int, list[TextView]] = {}
    for row in rows:
        for cell in row.cells:
            if cell.text.strip():
                cols.setdefault(cell.col, []).append(cell.view)
    return [TextView.join(vs) for _, vs in sorted(cols.items())]


@lru_cache(maxsize=None)
def _anchors_hold_a_letter() -> bool:
    """Every anchor holds a letter (a type word, an abbreviation, 'số', the capitals after a bare
    number) when every name and abbreviation of the catalog has one."""
    types = doc_types()
    return all(_LETTER.search(a) for a in list(types.names) + list(types.abbreviations))


@lru_cache(maxsize=None)
def _anchors_are_words() -> bool:
    """Every name and abbreviation of the catalog is letters and white space (what _may_straddle
    assumes of an anchor; the bare number and 'số' are digits and letters)."""
    types = doc_types()
    return all(char.isalpha() or char.isspace() for alias in list(types.names) + list(types.abbreviations)
               for char in alias)


def _clean_symbol(symbol: str | None) -> str | None:
    return None if symbol is None else _cleaned(symbol)


@lru_cache(maxsize=4096)
def _cleaned(symbol: str) -> str:
    """The symbol without white space, its dashes '-'; remembered (a unit writes the same few
    symbols again and again: 'QĐ-UBND', 'KH-PNV')."""
    return _SPACES.sub("", symbol).replace("–", "-").replace("—", "-")


def link_citations(citations: list[Citation], observations: list[ScoreObservation],
                   blocks: list[Block] | None = None) -> list[Citation]:
    """criterion_id of the table row, or of the narrative item whose paragraph holds the mention.
    Lookups are by bisection: linear in the mentions and rows (a long sheet full of citations
    was quadratic)."""
    rows = sorted(((s, e, o.criterion_id) for o in observations if o.source == "table" and o.criterion_id
                   for s, e in o.spans))
    # (two items named on one line share their start, one of them maybe not placed: a placed one is
    # the line's, found last; None is never compared with an id)
    heads = sorted(((o.start, o.criterion_id, o.is_total) for o in observations if o.source == "narrative"),
                   key=lambda head: (head[0], head[1] is not None))
    stops = sorted(b.start for b in (blocks or []) if _is_section_break(b.text))
    row_starts = [start for start, _, _ in rows]
    head_starts = [start for start, _, _ in heads]
    for citation in citations:
        citation.criterion_id = (_row_of(citation.start, rows, row_starts)
                                 or _section_of(citation.start, heads, head_starts, stops))
    return citations


def _row_of(pos: int, rows, starts) -> str | None:
    # rows may overlap (a logical row's parts): the first in order that holds pos, as before
    k = bisect.bisect_right(starts, pos)
    best = None
    j = k - 1
    while j >= 0 and j >= k - 8:
        start, end, cid = rows[j]
        if start <= pos < end:
            best = cid
        j -= 1
    return best


def _section_of(pos: int, heads, starts, stops) -> str | None:
    k = bisect.bisect_right(starts, pos)
    if k == 0:
        return None
    head_start, criterion_id, is_total = heads[k - 1]
    if is_total:
        return None
    i = bisect.bisect_right(stops, head_start)
    if i < len(stops) and stops[i] <= pos:
        return None
    return criterion_id


_SECTION = compiled_patterns.compile(r"^\s*(?:#{1,6}\s|\*\*[IVX]+\.|[IVX]+\.\s|PHẦN\s)|^[^\p{Ll}]*\p{Lu}{4}[^\p{Ll}]*$")


def _is_section_break(text: str) -> bool:
    return bool(_SECTION.match(text))
