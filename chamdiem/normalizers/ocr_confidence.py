"""Values read by OCR carry the confidence of the words they were read from; a number read with
low confidence is reported, never loaded silently as if it had been typed."""
from __future__ import annotations

import bisect

from chamdiem.lexicon.catalogs import catalog
from chamdiem.lexicon.findings import finding
from chamdiem.model.document import DocumentModel
from chamdiem.model.observations import Finding, ScoreObservation


def attach_confidence(model: DocumentModel, observations: list[ScoreObservation]) -> list[Finding]:
    """Sets each value's ``confidence`` to the lowest confidence of the OCR words its span touches,
    and returns a ``low_confidence_value`` finding for each value below the threshold of
    chamdiem/catalogs/ocr.toml. Nothing happens for a document read from a text layer."""
    if not model.ocr or not model.ocr_words:
        return []  # a text layer, or OCR text re-read from the database without its word confidences
    words = sorted(model.ocr_words)
    starts = [w[0] for w in words]
    low = float(catalog("ocr")["min_value_confidence"])
    out: list[Finding] = []
    for o in observations:
        for field, v in o.values.items():
            k = max(bisect.bisect_right(starts, v.start) - 1, 0)
            confs = []
            while k < len(words) and words[k][0] < v.end:
                if words[k][1] > v.start:
                    confs.append(words[k][2])
                k += 1
            v.confidence = min(confs) if confs else 0.0
            if v.confidence < low:
                out.append(finding("low_confidence_value", criterion_id=o.criterion_id, source=o.source,
                                   field=field, start=v.start, end=v.end, raw=v.raw, line=o.line,
                                   confidence=round(v.confidence), threshold=low))
    return out
