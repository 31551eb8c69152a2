"""Each value, row and mention gets the page and box of the characters its span covers, from the
reader's word boxes (``DocumentModel.boxes``): what the trace page draws on the page image."""
from __future__ import annotations

from chamdiem.model.document import DocumentModel
from chamdiem.model.observations import Citation, ReconciledScore, ScoreObservation


def place(model: DocumentModel, observations: list[ScoreObservation], scores: list[ReconciledScore],
          citations: list[Citation]) -> None:
    if model.boxes is None:
        return
    box_of = model.boxes.box_of
    for o in observations:
        o.box = box_of(o.start, o.end)
        for v in o.values.values():
            v.box = box_of(v.start, v.end)
    for s in scores:
        s.box = box_of(s.start, s.end)
    for c in citations:
        c.box = box_of(c.start, c.end)
