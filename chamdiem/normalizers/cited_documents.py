"""One registry entry per distinct cited document. A mention that lacks its symbol or date joins a
fuller mention of the same report only when exactly one candidate fits; otherwise it stays alone."""
from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from chamdiem.extractors.citations import doc_types
from chamdiem.model.observations import Citation, CitedDocument


class DocKey(NamedTuple):
    """A registry entry's fields (a tuple: one is made per mention of every report)."""
    doc_type: str | None
    number: str | None
    year: int | None
    symbol: str | None      # as first written
    issued_on: str | None

    @property
    def text(self) -> str:
        """Stable text key: case and spacing of the symbol do not make another document."""
        sym = (self.symbol or "").upper()
        return f"{self.doc_type}|{(self.number or '').lstrip('0') or '0'}|{self.year or ''}|{sym}|{self.issued_on or ''}"

    @property
    def issuer_code(self) -> str | None:
        """The part of the symbol after its type code ('QĐ-UBND' -> 'UBND', 'KL/TW' -> 'TW');
        a symbol without a type code (a Công văn's) is all issuer."""
        return _issuer_of(self.symbol) if self.symbol else None


@lru_cache(maxsize=4096)
def _issuer_of(symbol: str) -> str | None:
    """DocKey.issuer_code of a symbol; remembered (a unit writes the same few symbols again and
    again: 'QĐ-UBND', 'KH-PNV')."""
    codes = _upper_codes()
    dash, slash = symbol.find("-"), symbol.find("/")
    cut = slash if dash < 0 or 0 <= slash < dash else dash   # the first '-' or '/'
    if cut < 0:
        return None if symbol.upper() in codes else symbol
    return symbol[cut + 1:] if symbol[:cut].upper() in codes else symbol


def _same_doc(first: Citation, second: Citation) -> bool:
    return first.doc_type == second.doc_type \
        and (first.number or "").lstrip("0") == (second.number or "").lstrip("0") \
        and (first.year is None or second.year is None or first.year == second.year)


def _doc(citation: Citation) -> tuple[str | None, str]:
    """What _same_doc compares besides the year: mentions can only match inside one such group."""
    return citation.doc_type, (citation.number or "").lstrip("0")


@lru_cache(maxsize=1)
def _upper_codes() -> frozenset[str]:
    return frozenset(c.upper() for c in doc_types().codes)


_MANY = ("many",)   # a summary of two values or more


class _Summary(NamedTuple):
    """One distinct value of a bucket, with the reading order and the item of its last entry."""
    value: object
    order: int
    item: object


def _note(cells: dict, key, summary: _Summary) -> None:
    """Adds ``summary`` (a value, its order and item) to the summary at ``key``: None (nothing
    yet), a _Summary for one distinct value with its last item in reading order (as a dict
    assignment keeps), or _MANY."""
    old = cells.get(key)
    if old is None or (old is not _MANY and old.value == summary.value):
        cells[key] = summary
    elif old is not _MANY:
        cells[key] = _MANY


def _one(*summaries):
    """The single value over the summaries, with its last item, or None (none, or several)."""
    found = None
    for summary in summaries:
        if summary is None:
            continue
        if summary is _MANY or (found is not None and found.value != summary.value):
            return None
        if found is None or found.order < summary.order:
            found = summary
    return found


class _Buckets:
    """Summaries of one group by (year, date) and by every coarser grouping the queries need, so
    each query joins at most four of them: linear in the mentions overall."""
    __slots__ = ("cell",)

    def __init__(self):
        self.cell: dict[tuple, tuple] = {}

    def add(self, year, date, value, order: int, item) -> None:
        cell = self.cell
        summary = _Summary(value, order, item)   # immutable: one for the four groupings
        _note(cell, (year, date), summary)
        _note(cell, (year, "*"), summary)
        _note(cell, ("*", date), summary)
        _note(cell, ("*", "*"), summary)

    def one(self, year, date, *, date_none_matches: bool):
        """The one value (a _Summary) among entries whose year is unknown or ``year`` (any
        when ``year`` is None) and, with ``date_none_matches``, whose date is unknown or ``date``
        (any when ``date`` is None)."""
        years = ("*",) if year is None else (year, None)
        dates = ("*",) if not date_none_matches or date is None else (date, None)
        cell = self.cell
        return _one(*(cell.get((y, d)) for y in years for d in dates))


def resolve(citations: list[Citation]) -> list[DocKey]:
    """The registry key of each mention of one report, in order. Mentions are grouped by type and
    number once, so the cost grows with the number of mentions, not with its square. A group is
    summarised only when a mention asks about it (most mentions are whole: number, symbol and
    date): the summaries of the others would never be read."""
    docs = [_doc(citation) for citation in citations]
    full = [i for i, citation in enumerate(citations) if citation.symbol]
    dated = _dated(citations, docs, full)
    keys: list[DocKey | None] = [None] * len(citations)
    for i in full:
        citation = citations[i]
        # an undated mention takes the date of the one dated mention of the same number and symbol
        date = citation.issued_on
        if not date:
            buckets = dated.get((*docs[i], citation.symbol.upper()))
            hit = buckets.one(citation.year, None, date_none_matches=False) if buckets else None
            date = hit.value if hit else None
        keys[i] = DocKey(citation.doc_type, citation.number, citation.year, citation.symbol, date)
    fulls = _fulls(citations, docs, full, keys)
    for i, citation in enumerate(citations):
        if keys[i] is not None:
            continue
        buckets = fulls.get(docs[i])
        hit = buckets.one(citation.year, citation.issued_on, date_none_matches=True) if buckets else None
        if hit is not None:
            fuller = hit.item
            keys[i] = DocKey(fuller.doc_type, fuller.number, citation.year or fuller.year, fuller.symbol,
                             fuller.issued_on or citation.issued_on)
        else:
            keys[i] = DocKey(citation.doc_type, citation.number, citation.year, None, citation.issued_on)
    return keys


def _dated(citations: list[Citation], docs: list[tuple], full: list[int]) -> dict[tuple, _Buckets]:
    """The dates of the dated mentions with a symbol, by (type, number, symbol), for the groups
    a mention with a symbol and no date asks about."""
    undated = {(*docs[i], citations[i].symbol.upper()) for i in full if not citations[i].issued_on}
    dated: dict[tuple, _Buckets] = {}
    if not undated:
        return dated
    for i in full:
        with_symbol = citations[i]
        if with_symbol.issued_on:
            group = (*docs[i], with_symbol.symbol.upper())
            if group in undated:
                dated.setdefault(group, _Buckets()).add(with_symbol.year, None, with_symbol.issued_on, i, None)
    return dated


def _fulls(citations: list[Citation], docs: list[tuple], full: list[int], keys: list) -> dict[tuple, _Buckets]:
    """The keys of the mentions with a symbol, by (type, number), for the groups a mention
    without a symbol asks about."""
    short = {docs[i] for i, citation in enumerate(citations) if not citation.symbol}
    fulls: dict[tuple, _Buckets] = {}
    if not short:
        return fulls
    for i in full:
        if docs[i] in short:
            key = keys[i]
            fulls.setdefault(docs[i], _Buckets()).add(citations[i].year, key.issued_on, key.text, i, key)
    return fulls


def resolve_citations(citations: list[Citation]) -> list[Citation]:
    """Each mention of one report with its registry entry (``Citation.cited``): the report leaves
    the normalizers with its citations resolved, and the writer only stores them."""
    entries: dict[str, CitedDocument] = {}
    for citation, key in zip(citations, resolve(citations)):
        text = key.text
        entry = entries.get(text)
        if entry is None:
            entry = entries[text] = CitedDocument(text, key.doc_type, key.number, key.year, key.symbol,
                                                  key.issuer_code, key.issued_on)
        citation.cited = entry
    return citations
