"""The rows of one document: its documents row's fields, text, observations and their values,
scores, findings, citations and search pieces, all in the caller's transaction."""
from __future__ import annotations

from datetime import datetime, timezone

from chamdiem.lexicon.text import fold
from chamdiem.model.observations import Finding, Report
from chamdiem.normalizers.completeness import completeness
from chamdiem.store.writing.dialect import Dialect
from chamdiem.store.writing.registry import registry_ids
from chamdiem.store.writing.rows import CITED_AT, Rows, finding_rows, rows_of
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
    """Everything extracted from the document: its rows (writing/rows.py), with those of the
    writer's own ``findings`` after its own; returns the registry id of each citation."""
    rows = rows_of(doc)
    dialect.insert(cur, "document_texts", [(doc_id, doc.model.text)])
    _write_observations(dialect, cur, doc_id, rows)
    dialect.insert(cur, "scores", [(doc_id, *r) for r in rows.scores])
    dialect.insert(cur, "findings", [(doc_id, *r) for r in (*rows.findings, *finding_rows(findings))])
    write_search_index(dialect, cur, doc_id, rows.search)
    if not rows.citations:
        return []
    ids = registry_ids(dialect, cur, rows.cited, rows.cited_keys)
    dialect.insert(cur, "citations", [(doc_id, *r[:CITED_AT], cid, *r[CITED_AT:])
                                      for r, cid in zip(rows.citations, ids)])
    return ids


def delete_contents(dialect: Dialect, cur, doc_id: int) -> None:
    """What write_contents wrote for the document (before it is written again)."""
    delete_search_index(dialect, cur, doc_id)
    for table in EXTRACTED:
        cur.execute(dialect.sql(f"DELETE FROM {table} WHERE document_id = ?"), (doc_id,))


def _write_observations(dialect: Dialect, cur, doc_id: int, rows: Rows) -> None:
    if not rows.observations:
        return
    given = dialect.insert_ids(cur, "observations", [(doc_id, *r) for r in rows.observations])
    if given is not None:
        ids = {r[0]: i for r, i in zip(rows.observations, given)}
    else:
        cur.execute(dialect.sql("SELECT seq, id FROM observations WHERE document_id = ?"), (doc_id,))
        ids = dict(cur.fetchall())
    dialect.insert(cur, "observation_values", [(ids[r[0]], *r[1:]) for r in rows.values])
