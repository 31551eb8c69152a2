"""Scores written in a sheet's note column ('Ghi chú', 'Giải trình'): a unit leaves a row's own
score cell empty and writes 'Tự chấm 13 điểm' or 'Đạt 30/30' beside it, or scores the row's
contents there, having no rows for them ('Nội dung a: 5 điểm; nội dung b: 4 điểm'). Each note
cell is read with the narrative's grammar; which item a statement is the framework says
(normalizers/note_scores.py), and only where the sheet itself says nothing."""
from __future__ import annotations

from typing import NamedTuple

from chamdiem.extractors.narrative.scores import extract_narrative
from chamdiem.extractors.narrative.grammar import grammar
from chamdiem.extractors.narrative.tokens import may_hold_points
from chamdiem.extractors.score_table import Columns
from chamdiem.model.document import Block, Table
from chamdiem.model.observations import ScoreObservation


def _may_score(note: str, own_empty: bool) -> bool:
    """Whether a note may state what the normalizer takes from it: the row's own points, only where
    its score cell is empty, or an item named by its marker word; most notes cite documents beside
    a row that has its score, and are passed over before the grammar reads them."""
    if not note.strip() or (not own_empty and grammar(False)["subject"].search(note) is None):
        return False
    return may_hold_points(note)


class NoteReading(NamedTuple):
    """What the note cells of one row of a sheet state."""
    row: ScoreObservation             # the sheet's row (its item is known once mapped)
    named: list[ScoreObservation]     # statements naming an item: the row's contents
    unnamed: list[ScoreObservation]   # statements naming none: the row's own points


def note_readings(table: Table, columns: tuple[int, Columns | None], rows: list[ScoreObservation],
                  text: str) -> list[NoteReading]:
    """The statements of points in the note column of each of ``rows`` (the sheet's observations)."""
    _, cols = columns
    if cols is None or cols.evidence is None:
        return []
    by_start = {row.start: row for row in table.rows}
    out = []
    for observation in rows:
        if observation.is_total:
            continue
        own_empty = observation.get("self_score") is None
        blocks = []
        for start, _ in observation.spans:
            cell = by_start[start].cell(cols.evidence) if start in by_start else None
            if cell is not None and _may_score(cell.view.text, own_empty):
                blocks.append(Block(cell.view.raw_start, cell.view.raw_end, by_start[start].line, cell.view, cell.page))
        if not blocks:
            continue
        found = extract_narrative(blocks, text)
        named = [o for o in found if not o.undecided and not o.is_total and o.parsed_marker is not None]
        unnamed = [o for o in found if o.undecided and o.parsed_marker is None]
        if named or unnamed:
            out.append(NoteReading(observation, named, unnamed))
    return out
