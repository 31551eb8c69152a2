"""SQLite's upkeep: how every connection chamdiem writes with is set up, table statistics for the
views' query plans, folding the write-ahead log back into the database file, and the readers'
indexes a large batch builds once at its end instead of at every report."""
from __future__ import annotations

import json
import sqlite3
import time

# SQLite copies the write-ahead log into the database once it holds this many pages (4 KiB each,
# 16 MiB), and then cuts the log file back to WAL_LIMIT_BYTES: the log never grows far past 16 MB.
# The ingest folds it completely at the end of every batch (fold_log).
WAL_CHECKPOINT_PAGES = 4096
WAL_LIMIT_BYTES = 16 * 1024 * 1024
# The writer's page cache (KiB; SQLite's default is 2 MiB). A report adds entries all over the
# indexes of the big tables (cited documents by key, citations by type and number, scores and
# observations by criterion): with 2 MiB those pages were thrown out between reports and read back
# from the file (4.6 GB read to load a 1,000-file quarter, against 1.6 GB with 16 MiB and 1.5 GB with
# 32 or 64 MiB; about 1.8 s less system CPU of the writer's 20 s). The cache fills only as far as the
# database needs, and adds that much to the writing process's memory.
WRITER_CACHE_KIB = 16 * 1024


def set_wal(cur, attempts: int = 600) -> None:
    """Switching a new file to WAL needs an exclusive lock and does not wait for one: when two
    ingests open a new database together, one of them retries until the other has switched."""
    for attempt in range(attempts):
        try:
            cur.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or attempt == attempts - 1:
                raise
            time.sleep(0.1)


def prepare_sqlite(dbapi_con) -> None:
    """How chamdiem uses every SQLite connection it writes with: transactions begun by the writer
    (BEGIN IMMEDIATE), a long busy timeout, the write-ahead log, foreign keys, a page cache that
    holds the indexes a report writes into (WRITER_CACHE_KIB)."""
    dbapi_con.isolation_level = None
    cur = dbapi_con.cursor()
    cur.execute("PRAGMA busy_timeout=120000")
    set_wal(cur)
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute(f"PRAGMA wal_autocheckpoint={WAL_CHECKPOINT_PAGES}")
    cur.execute(f"PRAGMA journal_size_limit={WAL_LIMIT_BYTES}")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA cache_size=-{WRITER_CACHE_KIB}")
    cur.close()


def fold_log(con) -> None:
    """Copies the write-ahead log into the database file and empties it, so the .sqlite file alone
    is the whole database (a reader still on an older snapshot leaves the log as it is)."""
    cur = con.cursor()
    try:
        cur.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        cur.close()


def refresh_statistics(cur) -> None:
    """SQLite plans a view's joins well only with table statistics (ANALYZE): they are taken
    (sampled, so in well under a second) when missing or when the database has grown by half
    since they were. PostgreSQL keeps its own (autovacuum)."""
    docs = cur.execute("SELECT count(*) FROM documents").fetchone()[0]
    last = cur.execute("SELECT value FROM chamdiem_meta WHERE key = 'analyzed_documents'").fetchone()
    if last is not None and docs < 1.5 * int(last[0]) + 10:
        return
    cur.execute("PRAGMA analysis_limit=400")
    cur.execute("ANALYZE")
    cur.execute("DELETE FROM chamdiem_meta WHERE key = 'analyzed_documents'")
    cur.execute("INSERT INTO chamdiem_meta (key, value) VALUES ('analyzed_documents', ?)", (str(docs),))


# The indexes only readers use: the views' filters and joins (migration 0006). No statement of the
# writer looks anything up through them and none is a constraint, but each report adds entries all
# over them (citations by type and number, scores and observations by criterion...): about 300 of
# the 600 pages a report's commit writes, a quarter of the writer's CPU. A batch that loads many
# reports for the database's size (BULK_FILES) drops them at its start and builds them once at its
# end (a few tenths of a second per 1,000 reports stored).
READER_INDEXES = ("ix_citations_type_number", "ix_citations_criterion", "ix_citations_cited_document",
                  "ix_cited_documents_type_number", "ix_cited_documents_cited", "ix_scores_criterion",
                  "ix_observations_criterion", "ix_findings_kind", "ix_findings_severity", "ix_findings_criterion")
# A batch defers them when it has at least BULK_FILES files to read and at least a quarter as many
# as the reports stored: building an index again costs about a fifth of what its entries cost a
# report by report (measured on the 1,000-file quarter: 0.8 s against 5 s of the writer's CPU).
BULK_FILES = 50
BULK_SHARE = 4
# chamdiem_meta's key for the CREATE statements of the indexes dropped, in the transaction that
# drops them: whoever opens the database next for writing builds them again, should the batch die.
DEFERRED = "deferred_indexes"


# FTS5 adds a segment to search_fts at every report's commit and merges a level's segments once it
# holds `automerge` of them (4 by default): a bulk batch lets 16 gather first, so each segment is
# merged again less often (about 1 s of the writer's 17 s CPU on the 1,000-file quarter, compared
# side by side); its end sets the default back, and later commits merge as before. The index
# holds the same rows either way: only how they are split into segments differs.
SEARCH_AUTOMERGE = 4
SEARCH_AUTOMERGE_BULK = 16


def set_search_automerge(cur, segments: int) -> None:
    """How many segments of a level search_fts gathers before it merges them (a setting of the
    table, kept in search_fts_config)."""
    cur.execute("INSERT INTO search_fts (search_fts, rank) VALUES ('automerge', ?)", (segments,))


def search_automerge(cur) -> int:
    row = cur.execute("SELECT v FROM search_fts_config WHERE k = 'automerge'").fetchone()
    return SEARCH_AUTOMERGE if row is None else int(row[0])


def is_bulk(files: int, stored: int) -> bool:
    """Whether a batch of ``files`` into a database of ``stored`` reports defers the readers' indexes."""
    return files >= BULK_FILES and BULK_SHARE * files >= stored


def _deferred(cur) -> dict[str, str]:
    row = cur.execute("SELECT value FROM chamdiem_meta WHERE key = ?", (DEFERRED,)).fetchone()
    return json.loads(row[0]) if row else {}


def defer_indexes(cur) -> None:
    """Drops READER_INDEXES, their CREATE statements kept in chamdiem_meta (in the caller's transaction)."""
    names = ", ".join("?" * len(READER_INDEXES))
    dropped = dict(cur.execute(f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND name IN ({names})",
                               READER_INDEXES).fetchall())
    if not dropped:
        return
    kept = _deferred(cur)
    kept.update(dropped)
    for name in sorted(dropped):
        cur.execute(f"DROP INDEX {name}")
    cur.execute("DELETE FROM chamdiem_meta WHERE key = ?", (DEFERRED,))
    cur.execute("INSERT INTO chamdiem_meta (key, value) VALUES (?, ?)", (DEFERRED, json.dumps(kept, sort_keys=True)))


def restore_indexes(cur) -> None:
    """Builds again the indexes defer_indexes dropped (in the caller's transaction), with their
    statistics for the query planner."""
    kept = _deferred(cur)
    if not kept:
        return
    have = {r[0] for r in cur.execute("SELECT name FROM sqlite_master WHERE type = 'index'").fetchall()}
    made = [name for name in sorted(kept) if name not in have]
    for name in made:
        cur.execute(kept[name])
    cur.execute("DELETE FROM chamdiem_meta WHERE key = ?", (DEFERRED,))
    if made and cur.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").fetchone():
        cur.execute("PRAGMA analysis_limit=400")
        for name in made:
            cur.execute(f"ANALYZE {name}")
