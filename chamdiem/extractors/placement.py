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
    for observation in observations:
        observation.box = box_of(observation.start, observation.end)
        for value in observation.values.values():
            value.box = box_of(value.start, value.end)
    for score in scores:
        score.box = box_of(score.start, score.end)
    for citation in citations:
        citation.box = box_of(citation.start, citation.end)
