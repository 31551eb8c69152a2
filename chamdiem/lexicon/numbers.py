"""Score cells to numbers: '08' is 8, '8,5' is 8.5, '<b>650</b>' is 650, '60 20 20' is 60 with
the rest reported; text ('Tạm tính', evidence shifted into a score column) is never a number."""
from __future__ import annotations

from dataclasses import dataclass

import regex

from chamdiem.model.textview import TextView
from chamdiem.model.observations import Value

_NUM = r"\d{1,4}(?:[.,]\d{1,2})?"
# A whole cell that is a score: a number, optionally 'điểm', optionally further bare numbers.
_SCORE_CELL = regex.compile(
    rf"^[\s(]*(?P<n>{_NUM})\s*(?:đ|điểm|d)?\.?[\s)]*(?P<rest>(?:[\s;,/+]+{_NUM}\s*(?:điểm)?)*)[\s.)]*$",
    regex.I,
)
_NUMS = regex.compile(_NUM)


@dataclass
class ParsedCell:
    value: Value | None
    extra: list[str]          # further numbers in the cell, not used
    is_text: bool             # the cell holds words, not a score


def to_float(s: str) -> float:
    return float(s.replace(",", "."))


def parse_score_cell(view: TextView) -> ParsedCell:
    text = view.text
    if not text.strip():
        return ParsedCell(None, [], False)
    m = _SCORE_CELL.match(text)
    if not m:
        return ParsedCell(None, [], True)
    s, e = m.span("n")
    raw_s, raw_e = view.raw_span(s, e)
    extra = _NUMS.findall(m.group("rest") or "")
    return ParsedCell(Value(to_float(m.group("n")), m.group("n"), raw_s, raw_e), extra, False)
