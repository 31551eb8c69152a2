"""The SQL dialect a writer speaks (SQLite through sqlite3, PostgreSQL through psycopg): its
placeholders, times, transactions, locks and how it says the disk is full. Statements are written
once, in the dialect the two share, with ``?`` placeholders."""
from __future__ import annotations

import hashlib
import sqlite3
from contextlib import contextmanager
from datetime import datetime

from chamdiem.store.schema.columns import written

SQLITE_FULL = 13           # sqlite3's primary result code for "database or disk is full"
POSTGRES_DISK_FULL = "53100"


class StorageFull(Exception):
    """The disk holding the database has no room for what was being written; the transaction was
    rolled back. The ingest says how much room it needs (pipeline/ingest.py)."""


def lock_key(*parts) -> int:
    """A signed 64-bit key for PostgreSQL's advisory locks, the same in every process."""
    digest = hashlib.blake2b("\x1f".join(map(str, parts)).encode("utf-8", "surrogateescape"), digest_size=8)
    return int.from_bytes(digest.digest(), "big", signed=True)


def _in_list(count: int) -> str:
    return "(" + ", ".join("?" * count) + ")"


def sqlite_time(moment: datetime) -> str:
    """A time as SQLAlchemy stores a DateTime in SQLite (UTC, microseconds, no offset), so that
    both write paths store the same text."""
    return moment.strftime("%Y-%m-%d %H:%M:%S.%f")


class Dialect:
    """What differs between the two databases, for one connection."""
    name = ""

    def __init__(self):
        self._statements: dict = {}

    def sql(self, text_: str) -> str:
        """``text_`` as this connection's driver takes it."""
        return text_

    in_list = staticmethod(_in_list)

    def time(self, moment: datetime):
        return moment

    def insert_sql(self, table: str, returning: str | None = None, ignore_key: str | None = None,
                   update_key: str | None = None) -> str:
        """The INSERT of the table's written columns, built once: ``ignore_key`` skips a row whose
        key is stored already, ``update_key`` overwrites it."""
        key = (table, returning, ignore_key, update_key)
        got = self._statements.get(key)
        if got is None:
            cols = written(table)
            out = f"INSERT INTO {table} ({', '.join(cols)}) VALUES {_in_list(len(cols))}"
            if ignore_key:
                out += f" ON CONFLICT ({ignore_key}) DO NOTHING"
            if update_key:
                out += f" ON CONFLICT ({update_key}) DO UPDATE SET " + ", ".join(
                    f"{c} = excluded.{c}" for c in cols if c != update_key)
            if returning:
                out += f" RETURNING {returning}"
            got = self._statements[key] = self.sql(out)
        return got

    def insert(self, cur, table: str, rows: list[tuple], **how) -> None:
        if rows:
            cur.executemany(self.insert_sql(table, **how), rows)

    def insert_ids(self, cur, table: str, rows: list[tuple]) -> list[int] | None:
        """Inserts ``rows`` (as insert) and returns their ids in order when the database says them
        without reading the rows back; None: the caller reads them."""
        self.insert(cur, table, rows)
        return None

    def lock(self, cur, keys: list[tuple]) -> None:
        """Serialises this transaction with any other holding one of ``keys``, until it ends."""

    def is_full(self, exc: BaseException) -> bool:
        """Whether ``exc`` says the disk holding the database is full."""
        return False

    def database_size(self, con) -> tuple[int, int]:
        """(bytes the database takes, documents in it)."""
        raise NotImplementedError

    @contextmanager
    def transaction(self, con):
        raise NotImplementedError

    def read(self, con, sql: str, params=()) -> list[tuple]:
        cur = con.cursor()
        try:
            cur.execute(self.sql(sql), params)
            return cur.fetchall()
        finally:
            cur.close()


class SqliteDialect(Dialect):
    name = "sqlite"

    def time(self, moment: datetime):
        return sqlite_time(moment)

    def is_full(self, exc: BaseException) -> bool:
        return isinstance(exc, sqlite3.Error) and (getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF == SQLITE_FULL

    def database_size(self, con) -> tuple[int, int]:
        pages = self.read(con, "PRAGMA page_count")[0][0] * self.read(con, "PRAGMA page_size")[0][0]
        return pages, self.read(con, "SELECT count(*) FROM documents")[0][0]

    def insert_ids(self, cur, table: str, rows: list[tuple]) -> list[int] | None:
        """SQLite gives a new row the id one above the largest in the table (unless that is the
        largest integer), and this writer holds the write lock: when the largest id grew by exactly
        the rows inserted, they took the ids above the old largest, one by one in order."""
        before = cur.execute(f"SELECT max(id) FROM {table}").fetchone()[0] or 0
        self.insert(cur, table, rows)
        after = cur.execute(f"SELECT max(id) FROM {table}").fetchone()[0] or 0
        return list(range(before + 1, after + 1)) if after - before == len(rows) else None

    @contextmanager
    def transaction(self, con):
        """A cursor in a transaction committed at the end of the block, rolled back on an error.
        It takes the write lock up front (BEGIN IMMEDIATE), which also serialises every decision
        read inside it: one that read first and then wrote would fail at once with "database is
        locked" when another ingest wrote meanwhile."""
        cur = con.cursor()
        try:
            cur.execute("BEGIN IMMEDIATE")
            yield cur
            cur.execute("COMMIT")
        except BaseException as exc:
            if con.in_transaction:
                cur.execute("ROLLBACK")
            if self.is_full(exc):
                raise StorageFull(str(exc)) from None
            raise
        finally:
            cur.close()


class PostgresDialect(Dialect):
    name = "postgresql"

    def sql(self, text_: str) -> str:
        """psycopg's placeholder is %s."""
        got = self._statements.get(text_)
        if got is None:
            got = self._statements[text_] = text_.replace("?", "%s")
        return got

    def lock(self, cur, keys: list[tuple]) -> None:
        """Transaction-level advisory locks, taken in one order so two writers never wait on each other."""
        for key in sorted({lock_key(*k) for k in keys}):
            cur.execute("SELECT pg_advisory_xact_lock(%s)", (key,))

    def is_full(self, exc: BaseException) -> bool:
        return getattr(exc, "sqlstate", None) == POSTGRES_DISK_FULL

    def __init__(self):
        super().__init__()
        # psycopg logs what it ignores while ending a statement that failed (the disk full, say)
        # as a warning: without a handler of the program's, Python would print it beside the one line
        import logging   # here: a SQLite ingest never needs it
        logging.getLogger("psycopg").addHandler(logging.NullHandler())

    def database_size(self, con) -> tuple[int, int]:
        """Of the tables in the schema (with their indexes and long values), not of the whole
        database: an empty PostgreSQL database already takes several megabytes of catalogs."""
        return self.read(con, "SELECT (SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c "
                              "JOIN pg_namespace n ON n.oid = c.relnamespace "
                              "WHERE n.nspname = current_schema() AND c.relkind = 'r'), "
                              "(SELECT count(*) FROM documents)")[0]

    @contextmanager
    def transaction(self, con):
        cur = con.cursor()
        try:
            yield cur
            con.commit()
        except BaseException as exc:
            con.rollback()
            if self.is_full(exc):
                raise StorageFull(str(exc).strip().splitlines()[0]) from None
            raise
        finally:
            cur.close()

    def read(self, con, sql: str, params=()) -> list[tuple]:
        try:
            return super().read(con, sql, params)
        finally:
            con.rollback()   # psycopg began a transaction for the read: end it


def dialect_for(name: str) -> Dialect:
    if name == "sqlite":
        return SqliteDialect()
    if name == "postgresql":
        return PostgresDialect()
    raise ValueError(f"no writer for {name}")
