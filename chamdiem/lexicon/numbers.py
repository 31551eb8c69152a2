"""Score cells to numbers: '08' is 8, '8,5' is 8.5, '<b>650</b>' is 650, '60 20 20' is 60 with
the rest reported; text ('Tạm tính', evidence shifted into a score column) is never a number."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from chamdiem.lexicon.catalogs import catalog
from chamdiem.lexicon import compiled_patterns
from chamdiem.model.textview import TextView
from chamdiem.model.observations import Value

_NUM = r"\d{1,4}(?:[.,]\d{1,2})?"
# a note's mark beside the number ('9,5 (*)', '3¹', '8[2]': catalogs/narrative.toml, note_marks)
_MARK = "|".join(catalog("narrative")["note_marks"][0]["phrases"])
# A whole cell that is a score: a number, optionally 'điểm', a note's mark, optionally further bare numbers.
_VERDICT = "|".join(regex.escape(w) for w in sorted(catalog("columns").get("verdicts", []), key=len, reverse=True))
_SCORE_CELL = compiled_patterns.compile(
    rf"^\s*(?:(?:{_VERDICT})\s*(?=\())?[\s(]*(?P<n>{_NUM})\s*(?:đ|điểm|d)?\.?(?:\s*(?:{_MARK}))?[\s)]*"
    rf"(?P<rest>(?:[\s;,/+]+{_NUM}\s*(?:điểm)?)*)[\s.)]*$",
    regex.I,
)
_NUMS = compiled_patterns.compile(_NUM)
# what follows a score written over its scale ('9/10', '8,5 / 10 điểm'): the scale, the item's maximum
_OVER = compiled_patterns.compile(rf"\s*/\s*(?P<n>{_NUM})\s*(?:đ|điểm)?\s*$", regex.I)


@dataclass(slots=True)
class ParsedCell:
    value: Value | None
    extra: list[str]          # further numbers in the cell, not used
    is_text: bool             # the cell holds words, not a score
    over: Value | None = None  # the scale a score is written over ('9/10': 10), its span as written


def to_float(written: str) -> float:
    return float(written.replace(",", "."))


def parse_score_cell(view: TextView) -> ParsedCell:
    text = view.text
    read = _read_cell if len(text) <= _SHORT_CELL else _read_cell.__wrapped__
    kind, start, end, written, value, extra = read(text)
    if kind != "number":
        return ParsedCell(None, [], kind == "text")
    raw_s, raw_e = view.raw_span(start, end)
    return ParsedCell(Value(value, written, raw_s, raw_e), list(extra), False, _over(view, end))


def _over(view: TextView, end: int) -> Value | None:
    """The number after a slash that alone follows the score ('9/10'), as a value with its span."""
    text = view.text
    match = _OVER.match(text, end) if "/" in text[end:] else None
    if match is None:
        return None
    raw_s, raw_e = view.raw_span(*match.span("n"))
    return Value(to_float(match.group("n")), match.group("n"), raw_s, raw_e)


_SHORT_CELL = 40   # cells up to this length are remembered: the same few ('10', '9,5', '') fill every sheet


@lru_cache(maxsize=8192)
def _read_cell(text: str) -> tuple[str, int, int, str, float, tuple[str, ...]]:
    """('blank' | 'text' | 'number', span of the number in ``text``, the number as written and its
    value, further numbers): what the cell's text says, apart from where it stands in the document."""
    if not text.strip():
        return "blank", 0, 0, "", 0.0, ()
    match = _SCORE_CELL.match(text)
    if not match:
        return "text", 0, 0, "", 0.0, ()
    start, end = match.span("n")
    written = text[start:end]
    return "number", start, end, written, to_float(written), tuple(_NUMS.findall(match.group("rest") or ""))
