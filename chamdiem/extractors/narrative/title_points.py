"""The points in brackets right after an item's title on its own numbered line: '- 1.1. Lãnh đạo,
chỉ đạo … (100 điểm): Hoàn thành 97% chỉ tiêu … Tự chấm đủ điểm.', '6. Xây dựng tổ chức cơ sở Đảng
(20 điểm; thưởng tối đa 2 điểm): … Tự chấm 15 điểm'. Given without a verb before the line's own
statement, they say what the item is worth: its maximum, and its bonus's when a part of the
bracket names a bonus."""
from __future__ import annotations

import regex

from chamdiem.extractors.narrative.tokens import phrases
from chamdiem.lexicon import compiled_patterns
from chamdiem.lexicon.columns import column_role
from chamdiem.lexicon.numbers import to_float
from chamdiem.lexicon.text import fold, squash
from chamdiem.model.observations import Value

# a bracket closing the title: followed by a colon, or ending what precedes the statement
_BRACKET = compiled_patterns.compile(r"\((?P<body>[^()]{1,80})\)\s*(?::|$)")
# its parts, split at ';' or at a comma followed by a space (a decimal comma has none)
_PARTS = compiled_patterns.compile(r"[^;,]+(?:,(?!\s)[^;,]*)*")
_PART = compiled_patterns.compile(r"(?P<cue>[^\d]*?)(?P<v>\d{1,4}(?:[.,]\d{1,2})?)\s*(?P<unit>[^\d]*)")


def title_maxima(head: str, head_start: int) -> dict[str, Value]:
    """The maxima the first bracket after the title in ``head`` (the line up to its statement,
    starting at document offset ``head_start``) gives: {'max_points': …, 'bonus_max': …}; empty
    when that bracket holds anything but points ('(CCHC)', '(Kế hoạch số 12/KH-UBND)')."""
    match = _BRACKET.search(head)
    if match is None:
        return {}
    out: dict[str, Value] = {}
    base = match.start("body")
    for part in _PARTS.finditer(match.group("body")):
        found = _PART.fullmatch(part.group().strip())
        field = _field(found, first=not out) if found is not None else None
        if field is None or field in out:
            return {}
        lead = len(part.group()) - len(part.group().lstrip())
        start = head_start + base + part.start() + lead + found.start("v")
        raw = found.group("v")
        out[field] = Value(to_float(raw), raw, start, start + len(raw))
    return out


def _field(found, first: bool) -> str | None:
    """The maximum a part of the bracket (``found``, its _PART match) gives: a bonus's when its
    words name one ('thưởng tối đa 2 điểm'), else the item's, only first and bare ('100 điểm') or
    after a maximum's words ('điểm chuẩn 400'); None for anything else."""
    cue, unit = squash(found.group("cue")).strip(" :"), squash(found.group("unit")).lower()
    if unit and unit not in phrases("units"):
        return None
    if regex.search(r"\bthuong\b", fold(cue + " " + unit)):
        return "bonus_max"
    if first and (not cue and unit or cue and column_role(cue) == "max_points"):
        return "max_points"
    return None
