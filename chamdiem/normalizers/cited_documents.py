"""One registry entry per distinct cited document. A mention that lacks its symbol or date joins a
fuller mention of the same report only when exactly one candidate fits; otherwise it stays alone."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache

from chamdiem.extractors.citations import doc_types
from chamdiem.model.observations import Citation, CitedDocument


@dataclass(frozen=True)
class DocKey:
    doc_type: str | None
    number: str | None
    year: int | None
    symbol: str | None      # as first written
    issued_on: str | None

    @cached_property
    def text(self) -> str:
        """Stable text key: case and spacing of the symbol do not make another document."""
        sym = (self.symbol or "").upper()
        return f"{self.doc_type}|{(self.number or '').lstrip('0') or '0'}|{self.year or ''}|{sym}|{self.issued_on or ''}"

    @property
    def issuer_code(self) -> str | None:
        """The part of the symbol after its type code ('QĐ-UBND' -> 'UBND', 'KL/TW' -> 'TW');
        a symbol without a type code (a Công văn's) is all issuer."""
        if not self.symbol:
            return None
        codes = _upper_codes()
        for i, ch in enumerate(self.symbol):
            if ch in "-/":
                head = self.symbol[:i]
                return self.symbol[i + 1:] if head.upper() in codes else self.symbol
        return None if self.symbol.upper() in codes else self.symbol


def _same_doc(a: Citation, b: Citation) -> bool:
    return a.doc_type == b.doc_type and (a.number or "").lstrip("0") == (b.number or "").lstrip("0") \
        and (a.year is None or b.year is None or a.year == b.year)


def _doc(c: Citation) -> tuple[str | None, str]:
    """What _same_doc compares besides the year: mentions can only match inside one such group."""
    return c.doc_type, (c.number or "").lstrip("0")


@lru_cache(maxsize=1)
def _upper_codes() -> frozenset[str]:
    return frozenset(c.upper() for c in doc_types().codes)


_MANY = ("many",)   # a summary of two values or more


def _note(cells: dict, key, value, order: int, item) -> None:
    """Adds ``value`` to the summary at ``key``: None (nothing yet), (value, order, item) for one
    distinct value with its last item in reading order (as a dict assignment keeps), or _MANY."""
    old = cells.get(key)
    if old is None or (old is not _MANY and old[0] == value):
        cells[key] = (value, order, item)
    elif old is not _MANY:
        cells[key] = _MANY


def _one(*summaries):
    """The single value over the summaries, with its last item, or None (none, or several)."""
    found = None
    for s in summaries:
        if s is None:
            continue
        if s is _MANY or (found is not None and found[0] != s[0]):
            return None
        if found is None or found[1] < s[1]:
            found = s
    return found


class _Buckets:
    """Summaries of one group by (year, date) and by every coarser grouping the queries need, so
    each query joins at most four of them: linear in the mentions overall."""
    __slots__ = ("cell",)

    def __init__(self):
        self.cell: dict[tuple, tuple] = {}

    def add(self, year, date, value, order: int, item) -> None:
        cell = self.cell
        _note(cell, (year, date), value, order, item)
        _note(cell, (year, "*"), value, order, item)
        _note(cell, ("*", date), value, order, item)
        _note(cell, ("*", "*"), value, order, item)

    def one(self, year, date, *, date_none_matches: bool):
        """The one value (value, order, item) among entries whose year is unknown or ``year`` (any
        when ``year`` is None) and, with ``date_none_matches``, whose date is unknown or ``date``
        (any when ``date`` is None)."""
        years = ("*",) if year is None else (year, None)
        dates = ("*",) if not date_none_matches or date is None else (date, None)
        cell = self.cell
        return _one(*(cell.get((y, d)) for y in years for d in dates))


def resolve(citations: list[Citation]) -> list[DocKey]:
    """The registry key of each mention of one report, in order. Mentions are grouped by type and
    number once, so the cost grows with the number of mentions, not with its square."""
    full = {i: c for i, c in enumerate(citations) if c.symbol}
    dated: dict[tuple, _Buckets] = {}
    for i, f in full.items():
        if f.issued_on:
            dated.setdefault((*_doc(f), f.symbol.upper()), _Buckets()).add(f.year, None, f.issued_on, i, None)
    keys: dict[int, DocKey] = {}
    for i, c in full.items():
        # an undated mention takes the date of the one dated mention of the same number and symbol
        date = c.issued_on
        if not date:
            b = dated.get((*_doc(c), c.symbol.upper()))
            hit = b.one(c.year, None, date_none_matches=False) if b else None
            date = hit[0] if hit else None
        keys[i] = DocKey(c.doc_type, c.number, c.year, c.symbol, date)
    fulls: dict[tuple, _Buckets] = {}
    for i in full:
        k = keys[i]
        fulls.setdefault(_doc(citations[i]), _Buckets()).add(citations[i].year, k.issued_on, k.text, i, k)
    for i, c in enumerate(citations):
        if i in keys:
            continue
        b = fulls.get(_doc(c))
        hit = b.one(c.year, c.issued_on, date_none_matches=True) if b else None
        if hit is not None:
            k = hit[2]
            keys[i] = DocKey(k.doc_type, k.number, c.year or k.year, k.symbol, k.issued_on or c.issued_on)
        else:
            keys[i] = DocKey(c.doc_type, c.number, c.year, None, c.issued_on)
    return [keys[i] for i in range(len(citations))]


def resolve_citations(citations: list[Citation]) -> list[Citation]:
    """Each mention of one report with its registry entry (``Citation.cited``): the report leaves
    the normalizers with its citations resolved, and the writer only stores them."""
    entries: dict[str, CitedDocument] = {}
    for citation, key in zip(citations, resolve(citations)):
        entry = entries.get(key.text)
        if entry is None:
            entry = entries[key.text] = CitedDocument(key.text, key.doc_type, key.number, key.year, key.symbol,
                                                      key.issuer_code, key.issued_on)
        citation.cited = entry
    return citations
