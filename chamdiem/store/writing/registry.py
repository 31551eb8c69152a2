"""The cited-documents registry: an entry per distinct cited document (resolved by the normalizers,
``Citation.cited``), and how often and by how many current reports each is cited. Entries are
added and counts changed in one order (by key, then by id), so concurrent writers on PostgreSQL
wait for each other instead of deadlocking."""
from __future__ import annotations

from collections import Counter

from chamdiem.store.writing.dialect import Dialect

_BATCH = 500   # keys per SELECT ... IN (...)


def registry_ids(dialect: Dialect, cur, entries: list[tuple], keys: list[str]) -> list[int]:
    """The registry id of each of ``keys`` (a citation's), adding the ``entries`` (cited_documents
    rows in key order, writing/rows.py) not seen before."""
    dialect.insert(cur, "cited_documents", entries, ignore_key="doc_key")
    ids: dict[str, int] = {}
    ordered = [e[0] for e in entries]
    for start in range(0, len(ordered), _BATCH):
        part = ordered[start:start + _BATCH]
        cur.execute(dialect.sql(f"SELECT doc_key, id FROM cited_documents WHERE doc_key IN {dialect.in_list(len(part))}"),
                    part)
        ids.update(cur.fetchall())
    return [ids[k] for k in keys]


def uncounted(dialect: Dialect, cur, doc_ids: list[int]) -> dict[int, tuple[int, int]]:
    """Count changes for documents that stop being current: their citations leave the counts."""
    cur.execute(dialect.sql(f"SELECT cited_document_id, count(*), count(DISTINCT document_id) FROM citations "
                            f"WHERE document_id IN {dialect.in_list(len(doc_ids))} AND cited_document_id IS NOT NULL "
                            "GROUP BY cited_document_id"), doc_ids)
    return {cid: (-mentions, -reports) for cid, mentions, reports in cur.fetchall()}


def apply_counts(dialect: Dialect, cur, changes: dict[int, tuple[int, int]]) -> None:
    """Adds (mentions, citing reports) to each registry entry, in id order."""
    rows = [(mentions, reports, cid) for cid, (mentions, reports) in sorted(changes.items())
            if mentions or reports]
    if rows:
        cur.executemany(dialect.sql("UPDATE cited_documents SET mentions = mentions + ?, "
                                    "citing_reports = citing_reports + ? WHERE id = ?"), rows)


def add_counts(changes: dict[int, tuple[int, int]], ids: list[int]) -> None:
    """``changes`` plus one report citing each of ``ids`` (as often as it appears)."""
    for cid, mentions in Counter(ids).items():
        was_mentions, was_reports = changes.get(cid, (0, 0))
        changes[cid] = (was_mentions + mentions, was_reports + 1)
