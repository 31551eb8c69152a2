"""The unit named at the head of a report's first page: its capital lines ('UBND TỈNH QUẢNG NGÃI' /
'SỞ NỘI VỤ'), the last of which is the issuer and the ones above it its parent authorities. The
national title and motto beside them ('CỘNG HÒA …', 'Độc lập - Tự do - Hạnh phúc') are skipped,
whether they stand in their own cell (a layout table), after a wide gap, or on the same line."""
from __future__ import annotations

import unicodedata
from functools import lru_cache

import regex

from chamdiem.lexicon.catalogs import catalog
from chamdiem.lexicon.text import fold, squash
from chamdiem.model.document import Block
from chamdiem.model.textview import TextView

# where the right-hand column of a header flattened into one line begins (three spaces or a tab)
COLUMN_GAP = regex.compile(r"\s{3,}|\t")

WRAP_WORDS = 6  # a capital line of at most this many words, no unit word and no digit, goes on the name above
_RULE_LINE = regex.compile(r"^[\s\-_=*.~–—]+$")


@lru_cache(maxsize=None)
def _connector_end():
    """A header line ending in a word that joins a name ('… ĐOÀN ĐBQH VÀ' / 'HĐND TỈNH')."""
    words = "|".join(regex.escape(w) for w in catalog("units")["name_connectors"])
    return regex.compile(rf"(?:\s(?:{words})|[,\-–])\s*$", regex.I)


def _is_caps(t: str) -> bool:
    return t == t.upper() and any(c.isalpha() for c in t)


@lru_cache(maxsize=None)
def _header_words() -> tuple[list[str], tuple[str, ...], tuple[str, ...]]:
    """The catalogs' unit words (folded, longest first), national title and document titles
    (folded), prepared once. A document's title ('BÁO CÁO', 'KẾ HOẠCH') ends the header: 'Báo'
    is also a unit word."""
    u = catalog("units")
    heads = sorted((fold(h) for h in u["unit_heads"]), key=len, reverse=True)
    doc_titles = tuple(fold(n) for ns in catalog("doc_types")["names"].values() for n in ns)
    return heads, tuple(u["national_title"]), doc_titles


def header_unit(blocks: list[Block], text: str | None) -> tuple[str, tuple[int, int]] | None:
    """Capital lines at the head of the page that start with a unit word ('UBND TỈNH …',
    'SỞ NỘI VỤ'); the national title beside them is skipped, a line ending in 'VÀ' or '-' goes on
    on the next line; the header ends at the first other line."""
    heads, title, doc_titles = _header_words()
    units: list[tuple[Block, int, int]] = []   # (block, start, end) of each unit line
    for b in blocks[:20]:
        t = b.text
        ft = fold(t)
        if not ft or _RULE_LINE.match(t) or ft.startswith(title):
            continue
        lead = len(t) - len(t.lstrip())
        end = _column_end(t, lead)
        t = t[:end]
        ft = fold(t)
        if not ft:
            continue
        is_title = _begins_with_a_word_of(ft, doc_titles)
        is_unit = _begins_with_a_word_of(ft, heads)
        if units and _is_caps(t) and not is_title:
            ub, us, ue = units[-1]
            wrapped = not is_unit and not any(c.isdigit() for c in t) and len(ft.split()) <= WRAP_WORDS
            if wrapped or _connector_end().search(ub.text[:ue]) or fold(ub.text[us:ue]) in heads:
                # the name goes on: 'BAN QUẢN LÝ CÁC KHU CÔNG NGHIỆP' / 'TỈNH QUẢNG NGÃI'
                units[-1] = _joined_lines(units[-1], (b, lead, end))
                continue
        if _is_caps(t) and not is_title and is_unit:
            units.append((b, lead, end))
            continue
        if not units and _is_caps(t) and not is_title:
            continue  # a parent authority the catalog does not name ('ĐẢNG BỘ TỈNH …')
        break
    if not units:
        return None
    b, s, e = units[-1]
    span = b.view.raw_span(s, e)
    return _written_case(squash(b.text[s:e]), text, span), span


def _begins_with_a_word_of(folded: str, phrases) -> bool:
    """The folded line is one of the phrases, or begins with one followed by a space."""
    return any(folded == p or folded.startswith(p + " ") for p in phrases)


def _fold_chars(t: str) -> str:
    """Lower case without diacritics, one character for one: offsets hold."""
    out = []
    for ch in t:
        base = unicodedata.normalize("NFD", ch)[0]
        out.append("d" if ch in "đĐ" else base.lower() if len(base.lower()) == 1 else ch)
    return "".join(out)


@lru_cache(maxsize=None)
def _national_title():
    words = [r"\W+".join(regex.escape(w) for w in t.split()) for t in catalog("units")["national_title"]]
    return regex.compile(r"(?:^|\s)(?:" + "|".join(words) + ")")


def _column_end(t: str, lead: int) -> int:
    """The end of a header line's left-hand text: before a wide gap, or before the national title
    or motto standing beside it on the same line."""
    end = len(t.rstrip())
    gap = COLUMN_GAP.search(t, lead)
    if gap is not None and gap.start() > lead:
        end = min(end, gap.start())
    m = _national_title().search(_fold_chars(t), lead + 1)
    if m is not None:
        end = min(end, len(t[:m.start()].rstrip()))
    return end


def _joined_lines(first, second):
    """A unit's name that goes on over two lines, as one (block of the first line, span over both)."""
    b1, s1, _ = first
    b2, _, e2 = second
    joined = Block(b1.start, b2.end, b1.line, TextView.join([b1.view, b2.view], sep=" "), b1.page)
    return joined, s1, len(joined.view.text) - (len(b2.view.text) - e2)


def _written_case(name: str, text: str | None, span: tuple[int, int]) -> str:
    """The header's capitals as the name is written in running text, when it is; else the unit
    word as the catalog spells it and each other word with a capital, but common nouns
    ('tỉnh', 'huyện', 'và') and all-consonant abbreviations ('UBND') as they are usually written."""
    if text:
        pat = regex.compile(r"(?<!\p{L})" + r"\s+".join(regex.escape(w) for w in name.split()) + r"(?!\p{L})",
                            regex.I)
        for m in pat.finditer(text):
            if not (span[0] <= m.start() < span[1]) and not _is_caps(m.group(0)):
                return squash(m.group(0))
    u = catalog("units")
    words = name.split()
    out: list[str] = []
    head = next((h for h in sorted(u["unit_heads"], key=len, reverse=True)
                 if fold(" ".join(words[:len(h.split())])) == fold(h)), None)
    if head is not None:
        out.append(head)
        words = words[len(head.split()):]
    lower = sorted((w.split() for w in u["lowercase_words"]), key=len, reverse=True)
    i = 0
    while i < len(words):
        hit = next((n for n in lower if [x.lower() for x in words[i:i + len(n)]] == n), None)
        if hit:
            out += hit
            i += len(hit)
            continue
        w = words[i]
        out.append(w if not any(c.lower() in "aăâeêioôơuưy" for c in fold(w)) else w[:1] + w[1:].lower())
        i += 1
    return " ".join(out)
