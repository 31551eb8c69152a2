"""One registry entry per distinct cited document. A mention that lacks its symbol or date joins a
fuller mention of the same report only when exactly one candidate fits; otherwise it stays alone."""
from __future__ import annotations

from dataclasses import dataclass

from chamdiem.extractors.citations import doc_types
from chamdiem.model.observations import Citation


@dataclass(frozen=True)
class DocKey:
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
        if not self.symbol:
            return None
        codes = {c.upper() for c in doc_types().codes}
        for i, ch in enumerate(self.symbol):
            if ch in "-/":
                head = self.symbol[:i]
                return self.symbol[i + 1:] if head.upper() in codes else self.symbol
        return None if self.symbol.upper() in codes else self.symbol


def _same_doc(a: Citation, b: Citation) -> bool:
    return a.doc_type == b.doc_type and (a.number or "").lstrip("0") == (b.number or "").lstrip("0") \
        and (a.year is None or b.year is None or a.year == b.year)


def resolve(citations: list[Citation]) -> list[DocKey]:
    """The registry key of each mention of one report, in order."""
    full = {i: c for i, c in enumerate(citations) if c.symbol}
    keys: dict[int, DocKey] = {}
    for i, c in full.items():
        # an undated mention takes the date of the one dated mention of the same number and symbol
        dates = {f.issued_on for f in full.values() if f.issued_on and _same_doc(c, f)
                 and f.symbol.upper() == c.symbol.upper()}
        date = c.issued_on or (next(iter(dates)) if len(dates) == 1 else None)
        keys[i] = DocKey(c.doc_type, c.number, c.year, c.symbol, date)
    for i, c in enumerate(citations):
        if i in keys:
            continue
        cands = {keys[k].text: keys[k] for k, f in full.items()
                 if _same_doc(c, f) and (c.issued_on is None or keys[k].issued_on in (None, c.issued_on))}
        if len(cands) == 1:
            k = next(iter(cands.values()))
            keys[i] = DocKey(k.doc_type, k.number, c.year or k.year, k.symbol, k.issued_on or c.issued_on)
        else:
            keys[i] = DocKey(c.doc_type, c.number, c.year, None, c.issued_on)
    return [keys[i] for i in range(len(citations))]
