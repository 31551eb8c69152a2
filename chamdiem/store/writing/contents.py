"""The rows of one document: its documents row's fields, text, observations and their values,
scores, findings, citations and search pieces, all in the caller's transaction."""
from __future__ import annotations

from datetime import datetime, timezone

from chamdiem.lexicon.text import fold
from chamdiem.model.geometry import Box
from chamdiem.model.observations import SCORE_FIELDS, Finding, Report
from chamdiem.normalizers.completeness import completeness
from chamdiem.store.schema.columns import row_type
from chamdiem.store.writing.dialect import Dialect
from chamdiem.store.writing.registry import registry_ids
from chamdiem.store.writing.search import delete_search_index, write_search_index

# the tables that hold what was extracted from a document (its documents row and versions stay)
EXTRACTED = ("scores", "findings", "citations", "observations", "document_texts")


def storable(name: str) -> str:
    """A file name as text the database takes: bytes that are not UTF-8 (kept by the file system
    as surrogates) are written as \\xNN escapes instead of failing the batch."""
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def document_fields(dialect: Dialect, doc: Report) -> dict:
    """The documents row's columns read off the report (its file and version columns aside)."""
    model, meta = doc.model, doc.metadata
    total = next((s for s in doc.scores if s.criterion_id == doc.framework), None)
    totals = total.values if total else {}
    done = doc.completeness   # measured against the set the report was extracted under
    if done is None:
        done = completeness(doc.framework, doc.scores)
    return dict(items_expected=done.items_expected, criteria_expected=done.criteria_expected,
                criteria_unread=done.criteria_unread, total_self_computed=done.total_self_computed,
                framework=doc.framework, framework_confidence=doc.framework_confidence, ocr=model.ocr,
                legacy_encoding=model.legacy_encoding, unaccepted_changes=model.unaccepted_changes,
                report_number=meta.report_number, issuer=meta.issuer,
                issuer_key=fold(meta.issuer) if meta.issuer else None, issued_on=meta.issued_on,
                assessment_year=meta.assessment_year, signer=meta.signer, classification=meta.classification,
                total_max=totals.get("max_points"), total_self=totals.get("self_score"),
                total_authority=totals.get("authority_score"),
                pages=(len(model.page_starts) + 1) if model.page_starts is not None else None,
                items_read=len(doc.scores), loaded_at=dialect.time(datetime.now(timezone.utc)))


def write_contents(dialect: Dialect, cur, doc_id: int, doc: Report, findings: list[Finding]) -> list[int]:
    """Everything extracted from the document, with ``findings`` (the report's and the writer's
    own); returns the registry id of each citation."""
    dialect.insert(cur, "document_texts", [row_type("document_texts")(document_id=doc_id, text=doc.model.text)])
    _write_observations(dialect, cur, doc_id, doc)
    score = row_type("scores")
    dialect.insert(cur, "scores", [
        score(document_id=doc_id, criterion_id=s.criterion_id, label=s.label,
              **{f: s.values.get(f) for f in SCORE_FIELDS}, origin=s.origin, page=s.page, line=s.line,
              char_start=s.start, char_end=s.end, confidence=s.confidence, cell_ref=s.cell_ref, **_corners(s.box))
        for s in doc.scores])
    finding_row = row_type("findings")
    dialect.insert(cur, "findings", [
        finding_row(document_id=doc_id, criterion_id=f.criterion_id, kind=f.kind, severity=f.severity,
                    message=f.message, source=f.source, field=f.field, char_start=f.start, char_end=f.end)
        for f in findings])
    write_search_index(dialect, cur, doc_id, doc)
    if not doc.citations:
        return []
    ids = registry_ids(dialect, cur, doc.citations)
    citation = row_type("citations")
    dialect.insert(cur, "citations", [
        citation(document_id=doc_id, criterion_id=c.criterion_id, doc_type=c.doc_type, type_code=c.type_code,
                 number=c.number, year=c.year, symbol=c.symbol, issued_on=c.issued_on, text=c.text, page=c.page,
                 line=c.line, char_start=c.start, char_end=c.end, cited_document_id=cid, **_corners(c.box))
        for c, cid in zip(doc.citations, ids)])
    return ids


def delete_contents(dialect: Dialect, cur, doc_id: int) -> None:
    """What write_contents wrote for the document (before it is written again)."""
    delete_search_index(dialect, cur, doc_id)
    for table in EXTRACTED:
        cur.execute(dialect.sql(f"DELETE FROM {table} WHERE document_id = ?"), (doc_id,))


def _write_observations(dialect: Dialect, cur, doc_id: int, doc: Report) -> None:
    if not doc.observations:
        return
    observation = row_type("observations")
    dialect.insert(cur, "observations", [
        observation(document_id=doc_id, seq=seq, source=o.source, criterion_id=o.criterion_id, marker=o.marker,
                    label=o.label, is_total=o.is_total, page=o.page, line=o.line, char_start=o.start,
                    char_end=o.end, cell_ref=o.cell_ref) for seq, o in enumerate(doc.observations)])
    cur.execute(dialect.sql("SELECT seq, id FROM observations WHERE document_id = ?"), (doc_id,))
    ids = dict(cur.fetchall())
    value = row_type("observation_values")
    dialect.insert(cur, "observation_values", [
        value(observation_id=ids[seq], field=name, value=v.value, raw=v.raw, char_start=v.start, char_end=v.end,
              confidence=v.confidence, cell_ref=v.cell_ref, page=v.box[0] if v.box else None, **_corners(v.box))
        for seq, o in enumerate(doc.observations) for name, v in o.values.items() if name in SCORE_FIELDS])


def _corners(box: Box | None) -> dict:
    """x0, y0, x1, y1 of a (page, x0, y0, x1, y1) box, or NULLs (text formats have none)."""
    if box is None:
        return dict.fromkeys(("x0", "y0", "x1", "y1"))
    _, x0, y0, x1, y1 = box
    return {"x0": x0, "y0": y0, "x1": x1, "y1": y1}
