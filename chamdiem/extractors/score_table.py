"""Score-sheet tables to raw score observations.

Columns are found by their header text across stacked header rows (never by position alone);
physical rows are joined into logical rows where a row continues the one above (a cut label,
evidence overflowing, an item number split over a page break). Values are read only from cells
that hold a number: text in a score column is never a score.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import regex

from chamdiem.lexicon.columns import column_role
from chamdiem.lexicon.numbering import Marker, is_fragment, parse_marker
from chamdiem.lexicon.numbers import parse_score_cell
from chamdiem.lexicon.text import fold, squash
from chamdiem.model.document import Row, Table
from chamdiem.model.observations import SCORE_FIELDS, ScoreObservation, Value

_COLUMN_NUMBERS = regex.compile(r"^\(?\s*\d{1,2}\s*\)?$")
_TOTAL = regex.compile(r"^(?:tong(?: cong| diem| so)?\b|cong$|cong diem)")


@dataclass
class Columns:
    number: int | None = None
    label: int | None = None
    evidence: int | None = None
    score: dict[str, int] = field(default_factory=dict)
    header_keys: set[tuple[str, ...]] = field(default_factory=set)


def _is_numeric_row(row: Row) -> bool:
    return any(parse_score_cell(c.view).value is not None for c in row.cells[1:])


def _is_column_numbers(row: Row) -> bool:
    texts = [c.text.strip() for c in row.cells if c.text.strip()]
    return len(texts) >= 3 and all(_COLUMN_NUMBERS.match(t) for t in texts)


def _row_key(row: Row) -> tuple[str, ...]:
    return tuple(fold(c.text) for c in row.cells)


def _is_empty(row: Row) -> bool:
    return not any(c.text.strip() for c in row.cells)


def detect_columns(rows: list[Row]) -> tuple[int, Columns | None]:
    """Header rows at the top of the table and the role of each column."""
    stacked: dict[int, list[str]] = {}
    k = 0
    keys = set()
    for row in rows[:8]:
        if _is_empty(row) or _is_column_numbers(row):
            k += 1
            continue
        if _is_numeric_row(row):
            break
        if not any(column_role(c.text) for c in row.cells if c.text.strip()):
            break
        for c in row.cells:
            stacked.setdefault(c.col, []).append(c.text)
        keys.add(_row_key(row))
        k += 1
    if not stacked:
        return 0, None
    cols = Columns(header_keys=keys)
    for col in sorted(stacked):
        role = column_role(" ".join(stacked[col]))
        if role is None:
            continue
        if role in SCORE_FIELDS:
            cols.score.setdefault(role, col)
        elif role == "number" and cols.number is None:
            cols.number = col
        elif role == "label" and cols.label is None:
            cols.label = col
        elif role == "evidence" and cols.evidence is None:
            cols.evidence = col
    if not cols.score:
        return k, None
    if cols.label is None:
        cols.label = 1 if cols.number == 0 else 0
    return k, cols


@dataclass
class _Logical:
    rows: list[Row]
    tt: str
    label_parts: list[str]
    marker: Marker | None
    values: dict[str, Value]
    notes: list[tuple[str, str]]
    is_total: bool = False

    @property
    def tt_fragment(self) -> bool:
        return self.marker is None and is_fragment(self.tt)


def _starts_continuation(text: str) -> bool:
    t = text.lstrip(" “”\"'")
    return bool(t) and (t[0].islower() or t[0] in "-–+•…,;")


def _read_values(row: Row, cols: Columns, notes: list[tuple[str, str]]) -> dict[str, Value]:
    vals: dict[str, Value] = {}
    for name, col in cols.score.items():
        cell = row.cell(col)
        if cell is None:
            continue
        parsed = parse_score_cell(cell.view)
        if parsed.value is not None:
            vals[name] = parsed.value
            if parsed.extra:
                notes.append(("extra_numbers_ignored",
                              f"{name} cell '{squash(cell.text)}' read as {parsed.value.raw}; "
                              f"further numbers {' '.join(parsed.extra)} not used"))
        elif parsed.is_text:
            notes.append(("text_in_score_column",
                          f"{name} column holds text, not a score: '{squash(cell.text)[:80]}'"))
    return vals


def extract_table(table: Table) -> list[ScoreObservation]:
    n_head, cols = detect_columns(table.rows)
    if cols is None:
        return []
    logical: list[_Logical] = []
    for row in table.rows[n_head:]:
        if _is_empty(row) or _is_column_numbers(row):
            continue
        if _row_key(row) in cols.header_keys:
            continue  # a header repeated on a following page
        notes: list[tuple[str, str]] = []
        values = _read_values(row, cols, notes)
        tt_cell = row.cell(cols.number)
        lab_cell = row.cell(cols.label)
        tt = squash(tt_cell.text) if tt_cell else ""
        lab = squash(lab_cell.text) if lab_cell else ""
        marker = parse_marker(tt) if tt else None
        if marker is None and lab:
            m = parse_marker(lab)
            marker = m if m and m.word else None
        first = tt or lab
        total = bool(_TOTAL.match(fold(first))) if first else False
        prev = logical[-1] if logical else None
        if prev is not None and prev.tt_fragment and tt and not values:
            prev.tt = f"{prev.tt} {tt}"
            prev.marker = parse_marker(prev.tt)
            prev.rows.append(row)
            if lab:
                prev.label_parts.append(lab)
            prev.notes.extend(notes)
            continue
        continuation = prev is not None and marker is None and not total and (
            (not values and (not first or _starts_continuation(first)))
            or (values and _starts_continuation(first)))
        if continuation:
            _merge(prev, row, tt, lab, values, notes)
            continue
        parts = []
        if tt and marker is not None and tt_cell is not None and not lab:
            rest = tt[marker.end:] if marker.end <= len(tt) else ""
            parts.append(rest)
        elif tt and marker is None and not lab:
            parts.append(tt)
        if lab:
            parts.append(lab[marker.end:] if marker is not None and not tt and marker.end <= len(lab) else lab)
        logical.append(_Logical([row], tt, [p for p in parts if p], marker, values, notes, total))
    return [_observation(lg) for lg in logical]


def _merge(prev: _Logical, row: Row, tt: str, lab: str, values: dict[str, Value], notes) -> None:
    prev.rows.append(row)
    for part in (tt, lab):
        if part:
            prev.label_parts.append(part)
    for name, v in values.items():
        if name in prev.values:
            notes.append(("extra_numbers_ignored",
                          f"{name} {v.raw} on a continuation line (line {row.line}) not used; "
                          f"the row's own value {prev.values[name].raw} stands"))
        else:
            prev.values[name] = v
    prev.notes.extend(notes)


def _written_marker(lg: _Logical) -> str:
    if lg.marker is None:
        return ""
    src = lg.tt if lg.tt else (lg.rows[0].cells[0].text if lg.rows[0].cells else "")
    return squash(src[:lg.marker.end]).rstrip(" :.-–") if lg.tt else str(lg.marker)


def _observation(lg: _Logical) -> ScoreObservation:
    first, last = lg.rows[0], lg.rows[-1]
    return ScoreObservation(
        source="table",
        marker=_written_marker(lg),
        label=squash(" ".join(lg.label_parts)),
        values=lg.values,
        start=first.start,
        end=last.end,
        line=first.line,
        page=first.page,
        spans=[(r.start, r.end) for r in lg.rows],
        is_total=lg.is_total,
        notes=lg.notes,
        parsed_marker=lg.marker,
    )
