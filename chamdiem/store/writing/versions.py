"""The versions of a report as stored: which current documents a new one may replace (the same
path, or the same unit, framework and year), the locks that serialise that decision between
concurrent writers, and marking the replaced ones."""
from __future__ import annotations

from chamdiem.lexicon.text import fold
from chamdiem.model.observations import Report
from chamdiem.normalizers.sheet_framework import is_provisional
from chamdiem.store.versions import StoredVersion
from chamdiem.store.writing.contents import storable
from chamdiem.store.writing.dialect import Dialect


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
        keys.append(("unit", *unit))
    return keys


def current_versions(dialect: Dialect, cur, doc: Report) -> list[StoredVersion]:
    """The current documents ``doc`` is a version of, in id order."""
    cur.execute(dialect.sql("SELECT id FROM documents WHERE is_current = ? AND path = ?"),
                (True, storable(doc.model.path)))
    ids = {r[0] for r in cur.fetchall()}
    unit = _unit(doc)
    if unit is not None:
        cur.execute(dialect.sql("SELECT id FROM documents WHERE is_current = ? AND issuer_key = ? "
                                "AND framework = ? AND assessment_year = ?"), (True, *unit))
        ids |= {r[0] for r in cur.fetchall()}
    if not ids:
        return []
    cur.execute(dialect.sql(f"SELECT id, file_name, items_read, issued_on FROM documents "
                            f"WHERE id IN {dialect.in_list(len(ids))} ORDER BY id"), sorted(ids))
    return [StoredVersion(*r) for r in cur.fetchall()]


def supersede(dialect: Dialect, cur, older: list[int], doc_id: int, file_name: str, reason: str) -> None:
    """The ``older`` versions stop being current: document ``doc_id`` replaced them."""
    cur.execute(dialect.sql(f"UPDATE documents SET is_current = ?, superseded_by = ?, version_reason = ? "
                            f"WHERE id IN {dialect.in_list(len(older))}"),
                (False, doc_id, f"superseded by document {doc_id} ({storable(file_name)}): {reason}", *older))
