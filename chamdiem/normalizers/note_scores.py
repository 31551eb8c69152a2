"""The points a sheet's note column states, placed by the framework where the sheet says nothing
(extractors/note_cells.py): a row's own self score when its cell is empty, and the scores of its
contents that have no rows of their own. A note beside a row that has its score (an explanation,
'Trừ 01 điểm nội dung c') adds nothing; each value keeps the span of its characters in the note."""
from __future__ import annotations

from chamdiem.extractors.note_cells import NoteReading
from chamdiem.model.observations import ScoreObservation
from chamdiem.normalizers.frameworks import Framework


def note_scores(framework: Framework, readings: list[NoteReading],
                observations: list[ScoreObservation]) -> list[ScoreObservation]:
    """The note statements read as their items' (each given its criterion_id), to add to the
    observations as the narrative's."""
    rows = {o.criterion_id for o in observations if o.source == "table" and o.values}
    out = []
    for reading in readings:
        item = framework.items.get(reading.row.criterion_id or "")
        if item is None or item.id == framework.id:
            continue
        if reading.row.get("self_score") is None:
            out += _own(item, reading.unnamed)
        out += _contents(framework, item, reading.named, rows)
    return out


def _own(item, unnamed: list[ScoreObservation]) -> list[ScoreObservation]:
    """The row's own self score: the one statement naming no item that fits the item (a maximum
    written is the item's, the score within it)."""
    fits = [o for o in unnamed if (own := o.get("self_score")) is not None and item.max is not None
            and own <= item.max and o.get("max_points") in (None, item.max)]
    if len(fits) != 1:
        return []
    fits[0].undecided, fits[0].criterion_id = False, item.id
    return fits


def _contents(framework: Framework, item, named: list[ScoreObservation], rows: set[str]) -> list[ScoreObservation]:
    """Statements naming the row's children by the children's marker word and number, for those
    the sheet has no row of."""
    out = []
    for observation in named:
        marker = observation.parsed_marker
        depth = framework.depth_of_word(marker.word)
        if depth is not None and depth != item.depth + 1:
            continue
        child = next((framework.items[c] for c in item.children if framework.items[c].number == marker.number), None)
        if child is not None and child.id not in rows and observation.get("self_score") is not None:
            observation.criterion_id = child.id
            out.append(observation)
    return out
