"""The framework places a sheet's rows that the item mapper could not, or placed against their own
numbers.

A score sheet lists its framework's items in the framework's order. When the mapper (numbering and
text, row by row) leaves a row without an item, or puts it on an item whose maximum the row contradicts,
the whole sheet is aligned with the framework's items in order (the best monotone matching, as in a
sequence alignment): a pair scores by the row's text against the item's, by the row's maximum against
the item's, and by the mapper's own choice. A doubtful row takes the item the alignment gives it when
that item's maximum fits, no other row holds it, and (for a row the mapper placed) it fits clearly better. Only the place changes, never a value; each move is
recorded as a ``placed_by_order`` finding (info).
"""
from __future__ import annotations

from collections import Counter, defaultdict

from chamdiem.lexicon.text import fold
from chamdiem.lexicon.findings import finding
from chamdiem.model.observations import Finding, ScoreObservation
from chamdiem.normalizers.criterion_names import criterion_name
from chamdiem.normalizers.frameworks import MAX_LABEL, Framework, Item, similarity

EPS = 1e-6
MAPPER_AGREES = 1.5     # the mapper's own choice, worth more than any text
MAX_FITS, MAX_DIFFERS = 1.0, -1.0
MIN_PAIR = 0.5          # a weaker pair is no match in the alignment
PLACE_TEXT_MIN = 60     # the row's text must agree this well (0-100) with the item it is placed on
MOVE_MARGIN = 0.5       # a row the mapper placed alone moves only to an item that fits it this much better


def place_rows(framework: Framework, observations: list[ScoreObservation]) -> list[Finding]:
    tables: dict[int, list[ScoreObservation]] = defaultdict(list)
    for observation in observations:
        if observation.source == "table" and observation.table is not None and not observation.is_total:
            tables[observation.table].append(observation)
    findings: list[Finding] = []
    for rows in tables.values():
        held = _held(rows)
        if any(_doubtful(framework, o, held) for o in rows):
            findings += _place(framework, rows)
    return findings


def _held(rows: list[ScoreObservation]) -> Counter:
    """How many rows with values hold each item."""
    return Counter(o.criterion_id for o in rows if o.criterion_id is not None and o.values)


def _doubtful(framework: Framework, row: ScoreObservation, held: Counter) -> bool:
    """A row with values and no item, on an item whose maximum it contradicts, or on an item another
    row of the sheet holds too."""
    if not row.values:
        return False
    if row.criterion_id is None or row.criterion_id not in framework.items:
        return True
    return _max_differs(row, framework.items[row.criterion_id]) or held[row.criterion_id] > 1


def _max_differs(row: ScoreObservation, item: Item) -> bool:
    stated = row.get("max_points")
    return stated is not None and item.max is not None and abs(stated - item.max) > EPS


def _fit(row: ScoreObservation, item: Item, label: str | None = None) -> float:
    """The row's text (folded: ``label``) against the item's (0-1), and its maximum against the item's."""
    score = similarity(label if label is not None else fold(row.label)[:MAX_LABEL], item) / 100.0
    stated = row.get("max_points")
    if stated is not None and item.max is not None:
        score += MAX_FITS if abs(stated - item.max) <= EPS else MAX_DIFFERS
    return score


def _pair(row: ScoreObservation, item: Item, label: str, mapped: str | None) -> float:
    return _fit(row, item, label) + (MAPPER_AGREES if mapped == item.id else 0.0)


def _align(rows: list[ScoreObservation], items: list[Item], mapped: list[str | None] | None = None) -> list[Item | None]:
    """The monotone matching of rows to items with the greatest total pair score (``mapped``: the
    mapper's item of each row, by default the row's criterion). ``best[row_no][item_no]``: the best total
    of the first row_no rows against the first item_no items."""
    n_rows, n_items = len(rows), len(items)
    labels = [fold(o.label)[:MAX_LABEL] for o in rows]
    mapped = mapped if mapped is not None else [o.criterion_id for o in rows]
    pair = [[_pair(o, it, lab, cid) for it in items] for o, lab, cid in zip(rows, labels, mapped)]
    best = [[0.0] * (n_items + 1) for _ in range(n_rows + 1)]
    for row_no in range(1, n_rows + 1):
        for item_no in range(1, n_items + 1):
            gain = pair[row_no - 1][item_no - 1]
            diagonal = best[row_no - 1][item_no - 1] + gain if gain >= MIN_PAIR else float("-inf")
            best[row_no][item_no] = max(best[row_no - 1][item_no], best[row_no][item_no - 1], diagonal)
    out: list[Item | None] = [None] * n_rows
    row_no, item_no = n_rows, n_items
    while row_no > 0 and item_no > 0:
        gain = pair[row_no - 1][item_no - 1]
        if gain >= MIN_PAIR and best[row_no][item_no] == best[row_no - 1][item_no - 1] + gain:
            out[row_no - 1] = items[item_no - 1]
            row_no, item_no = row_no - 1, item_no - 1
        elif best[row_no][item_no] == best[row_no - 1][item_no]:
            row_no -= 1
        else:
            item_no -= 1
    return out


def _place(framework: Framework, rows: list[ScoreObservation]) -> list[Finding]:
    items = [it for it in framework.items.values() if it.parent is not None]
    aligned = _align(rows, items)
    findings = []
    for _ in range(len(rows)):   # a move may free the item another row is to take
        moved = []
        for row, item in zip(rows, aligned):
            found = _move(framework, row, item, _held(rows))
            if found is not None:
                moved.append(found)
        findings += moved
        if not moved:
            break
    return findings


def _move(framework: Framework, row: ScoreObservation, item: Item | None, held: Counter) -> Finding | None:
    if item is None or item.id == row.criterion_id or not _doubtful(framework, row, held):
        return None
    if held[item.id] or _max_differs(row, item) or similarity(fold(row.label)[:MAX_LABEL], item) < PLACE_TEXT_MIN:
        return None   # taken, contradicted, or a guess: a place is never given by the maximum alone
    current = framework.items.get(row.criterion_id) if row.criterion_id else None
    shared = current is not None and held[current.id] > 1
    if current is not None and _fit(row, item) <= _fit(row, current) + (0.0 if shared else MOVE_MARGIN):
        return None   # the mapper's item fits as well: a stated maximum may be wrong
    before = row.criterion_id
    row.criterion_id = item.id
    return finding("placed_by_order", variant="moved" if before else None, criterion_id=item.id, source="table",
                   start=row.start, end=row.end, line=row.line, label=(row.label or "")[:60],
                   criterion=criterion_name(framework, item.id), before=before)


def aligned_mapping(framework: Framework, observations: list[ScoreObservation], mapping: list,
                    agrees: float) -> tuple[list, float] | None:
    """For a framework the mapper found too few rows of: each sheet aligned with its items in order,
    a row taking its aligned item when its text agrees (``agrees``, 0-100) and its maximum does not
    contradict it. Returns the mapping with those rows, and the share of the sheets' scored rows
    whose item's text now agrees; None without a sheet."""
    tables: dict[int, list[int]] = defaultdict(list)
    for k, observation in enumerate(observations):
        if (observation.source == "table" and observation.table is not None and not observation.is_total
                and (observation.values or observation.cells)):
            tables[observation.table].append(k)
    if not tables:
        return None
    items = [it for it in framework.items.values() if it.parent is not None]
    out = list(mapping)
    agreed = total = 0
    for row_indexes in tables.values():
        rows = [observations[k] for k in row_indexes]
        mapped = [mapping[k][0].id if mapping[k] is not None and mapping[k][0] is not None else None for k in row_indexes]
        for k, row, item in zip(row_indexes, rows, _align(rows, items, mapped)):
            total += 1
            label = fold(row.label)[:MAX_LABEL]
            if item is not None and not _max_differs(row, item) and similarity(label, item) >= agrees:
                out[k] = (item, "order")
                agreed += 1
            elif mapping[k] is not None and mapping[k][0] is not None and similarity(label, mapping[k][0]) >= agrees:
                agreed += 1
    return out, round(agreed / total, 3)
