"""SQLite's upkeep: how every connection chamdiem writes with is set up, table statistics for the
views' query plans, and folding the write-ahead log back into the database file."""
from __future__ import annotations

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
