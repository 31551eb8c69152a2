"""The versions of a report as stored: which current documents a new one may replace (the same
path, or the same unit, framework and year: the unit by its name's key or by the registry's
``unit_id``), the locks that serialise that decision between concurrent writers, and marking the
replaced ones."""
from __future__ import annotations

from chamdiem.lexicon.text import fold
from chamdiem.model.observations import Report
from chamdiem.normalizers.sheet_framework import is_provisional
from chamdiem.store.renditions import Form
from chamdiem.store.versions import StoredVersion
from chamdiem.store.writing.contents import storable
from chamdiem.store.writing.dialect import Dialect
from chamdiem.store.writing.rows import unit_names


def _unit(doc: Report) -> tuple | None:
    """(issuer key, framework, year) when the report names all three under a known framework (a
    provisional framework names only the unit and year: two different unknown sheets of one unit
    would look like versions of one report)."""
    meta = doc.metadata
    if meta.issuer and doc.framework and meta.assessment_year and not is_provisional(doc.framework):
        return fold(meta.issuer), doc.framework, meta.assessment_year
    return None


def version_locks(doc: Report) -> list[tuple]:
    """What a load of ``doc`` must hold alone until it commits: its content (another ingest may be
    loading the same file), its path and its unit (the version decision reads then writes them)."""
    keys = [("document", doc.model.sha256), ("path", storable(doc.model.path))]
    unit = _unit(doc)
    if unit is not None:
        # by the registry's key (motto removed, UBND expanded): two spellings of one unit wait for each other
        keys.append(("unit", unit_names(doc)[0] or unit[0], *unit[1:]))
    return keys


def current_versions(dialect: Dialect, cur, doc: Report, unit_id: int | None = None) -> list[StoredVersion]:
    """The current documents ``doc`` is a version of, in id order, each with its form (format,
    OCR, "Số:", self scores) for the rendition rule."""
    # by the path alone, current or not: with "is_current = ?" too, SQLite's planner, in a database
    # without statistics yet (during its first batch), went through the index of the current
    # documents and read every one of them for each report
    cur.execute(dialect.sql("SELECT id, is_current FROM documents WHERE path = ?"), (storable(doc.model.path),))
    ids = {doc_id for doc_id, current in cur.fetchall() if current}
    unit = _unit(doc)
    if unit is not None:
        cur.execute(dialect.sql("SELECT id FROM documents WHERE is_current = ? AND issuer_key = ? "
                                "AND framework = ? AND assessment_year = ?"), (True, *unit))
        ids |= {r[0] for r in cur.fetchall()}
        if unit_id is not None:   # the same unit under another spelling of its name (the registry's aliases)
            cur.execute(dialect.sql("SELECT id FROM documents WHERE is_current = ? AND unit_id = ? "
                                    "AND framework = ? AND assessment_year = ?"), (True, unit_id, *unit[1:]))
            ids |= {r[0] for r in cur.fetchall()}
    if not ids:
        return []
    return stored_versions(dialect, cur, sorted(ids))


def stored_versions(dialect: Dialect, cur, ids: list[int]) -> list[StoredVersion]:
    """The documents ``ids`` (in that order) as versions with their forms."""
    scores = self_scores(dialect, cur, ids)
    cur.execute(dialect.sql(f"SELECT id, file_name, items_read, issued_on, format, ocr, report_number "
                            f"FROM documents WHERE id IN {dialect.in_list(len(ids))} ORDER BY id"), ids)
    return [StoredVersion(doc_id, name, items, issued, Form(doc_id, name, fmt, bool(ocr), number, items or 0,
                                                            scores.get(doc_id, {})))
            for doc_id, name, items, issued, fmt, ocr, number in cur.fetchall()]


def self_scores(dialect: Dialect, cur, ids: list[int]) -> dict[int, dict]:
    """document id -> {criterion id: self score} as stored."""
    cur.execute(dialect.sql(f"SELECT document_id, criterion_id, self_score FROM scores "
                            f"WHERE document_id IN {dialect.in_list(len(ids))}"), ids)
    out: dict[int, dict] = {}
    for doc_id, criterion_id, value in cur.fetchall():
        out.setdefault(doc_id, {})[criterion_id] = value
    return out


def supersede(dialect: Dialect, cur, older: list[int], doc_id: int, file_name: str, reason: str) -> None:
    """The ``older`` versions stop being current: document ``doc_id`` replaced them."""
    cur.execute(dialect.sql(f"UPDATE documents SET is_current = ?, superseded_by = ?, version_reason = ? "
                            f"WHERE id IN {dialect.in_list(len(older))}"),
                (False, doc_id, f"superseded by document {doc_id} ({storable(file_name)}): {reason}", *older))


def mark_renditions(dialect: Dialect, cur, older: list[int]) -> None:
    """The replaced versions were the same report in other forms: renditions, not resubmissions."""
    cur.execute(dialect.sql(f"UPDATE documents SET version_kind = ? WHERE id IN {dialect.in_list(len(older))}"),
                ("rendition", *older))
