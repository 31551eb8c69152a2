"""Writing reports into the database: one document per transaction, through a plain DB-API
connection and SQL written once, in the dialect SQLite and PostgreSQL share. The Writer only
writes what it is handed; its pieces (chamdiem/store/writing/) each keep one concern, and which
version of a report is current is decided by chamdiem/store/versions.py.

The store (database.py, SQLAlchemy) creates, upgrades and checks a database, then writes through a
Writer on its own connection. A SQLite file already at the current schema, with its views and
thresholds in step, is written by a Writer on a sqlite3 connection without SQLAlchemy at all
(``open_sqlite``): importing SQLAlchemy costs a one-file ingest more than reading the file does.
Either way the same rows come out; ``tests/test_writer_paths.py`` holds the two to each other.
"""
from __future__ import annotations

import sqlite3
from typing import NamedTuple

from chamdiem.model.faults import fault_point
from chamdiem.model.observations import Finding, Report
from chamdiem.normalizers.framework_catalog import FrameworkSet, frameworks_signature
from chamdiem.store.schema.columns import STORED, row_type, written
from chamdiem.store.schema.revision import connect_at_head, sqlite_file
from chamdiem.store.schema.views import views_signature
from chamdiem.store.unit_registry import unit_for, unit_of_same_report
from chamdiem.store.versions import decide, version_facts
from chamdiem.store.writing import failures, file_states, registry, upkeep
from chamdiem.store.writing.contents import delete_contents, document_fields, storable, write_contents
from chamdiem.store.writing.dialect import StorageFull, dialect_for
from chamdiem.store.writing.rows import unit_names
from chamdiem.store.writing.search import search_fold, search_folds, text_lines
from chamdiem.store.writing.upkeep import WAL_CHECKPOINT_PAGES, prepare_sqlite, set_wal
from chamdiem.store.writing.versions import current_versions, mark_renditions, supersede, version_locks

# (the names below lived here before the writer was split; callers still import them from here)
__all__ = ["Writer", "Written", "open_sqlite", "COLUMNS", "StorageFull", "storable", "search_fold", "search_folds",
           "text_lines", "prepare_sqlite", "set_wal", "WAL_CHECKPOINT_PAGES"]

# The columns each insert writes, in order (declared once in schema/columns.py).
COLUMNS = {table: written(table) for table in STORED}


class Written(NamedTuple):
    """What loading one report did: 'loaded', 'replaced' (an older version of the same report left
    the views), 'held_back' (stored as a non-current version: the current one is more complete),
    'rendition' (the same report in another form, stored as a non-current version: the current form
    is better read) or 'unchanged'; and the findings the writer stored beside the report's own
    (incomplete_resubmission)."""
    status: str
    findings: tuple[Finding, ...] = ()


class Writer:
    """Writes reports, failures and file states through ``con`` (a DB-API connection of
    ``dialect``, 'sqlite' or 'postgresql'), one transaction each. ``owns``: close() closes it."""

    def __init__(self, con, dialect: str, owns: bool = False):
        self.con, self.owns = con, owns
        self.dialect = dialect_for(dialect)
        self.sqlite = self.dialect.name == "sqlite"
        self.alike_index = None   # the unit names known, indexed (unit_registry._alike_index)

    def transaction(self):
        """A cursor in a transaction committed at the end of the block (writing/dialect.py)."""
        return self.dialect.transaction(self.con)

    def sql(self, text_: str) -> str:
        """``text_`` in this database's parameter style (writing/dialect.py)."""
        return self.dialect.sql(text_)

    def read(self, sql: str, params=()) -> list[tuple]:
        """The rows of one query, outside any write."""
        return self.dialect.read(self.con, sql, params)

    # --- what an ingest asks before it reads
    def known_shas(self) -> set[str]:
        """Hashes of every file already loaded: an ingest skips these without parsing them."""
        return file_states.loaded_shas(self.dialect, self.con)

    def file_states(self) -> dict[str, tuple]:
        """What was seen of each loaded file (writing/file_states.py)."""
        return file_states.file_states(self.dialect, self.con)

    def prepare(self) -> None:
        """Makes, before the first report comes, what writing one makes the first time (the row
        types of the tables): the ingest calls it while its first worker reads, and the one
        report of a one-file ingest is then stored sooner."""
        for table in STORED:
            row_type(table)

    # --- one report
    def load(self, doc: Report) -> str:
        """'loaded', 'replaced', 'held_back' or 'unchanged' (see Written)."""
        return self.write(doc).status

    def write(self, doc: Report) -> Written:
        """Stores ``doc`` as a new version, or nothing when its content is stored already (by an
        earlier ingest or a concurrent one). The report is not changed."""
        model = doc.model
        facts = version_facts(doc)
        with self.transaction() as cur:
            self.dialect.lock(cur, version_locks(doc))   # PostgreSQL; SQLite's BEGIN IMMEDIATE holds them all
            cur.execute(self.dialect.sql("SELECT id FROM documents WHERE sha256 = ?"), (model.sha256,))
            if cur.fetchone():
                return Written("unchanged")
            unit_id = unit_for(self, cur, doc.metadata.issuer, unit_names(doc))
            if unit_id is None:
                unit_id = unit_of_same_report(self, cur, doc, facts.form)
            older = current_versions(self.dialect, cur, doc, unit_id)
            decision = decide(facts, older)
            row = row_type("documents")(
                file_name=storable(model.file_name), path=storable(model.path), sha256=model.sha256,
                format=model.format, is_current=decision.current, superseded_by=decision.kept,
                version_reason=decision.reason, version_kind=decision.kind, unit_id=unit_id,
                **document_fields(self.dialect, doc))
            cur.execute(self.dialect.insert_sql("documents", returning="id"), row)
            doc_id = cur.fetchone()[0]
            counts: dict = {}
            if decision.current and older:
                replaced = [v.id for v in older]
                supersede(self.dialect, cur, replaced, doc_id, model.file_name, decision.reason)
                if decision.kind == "rendition":
                    mark_renditions(self.dialect, cur, replaced)
                counts = registry.uncounted(self.dialect, cur, replaced)
            added = (decision.finding,) if decision.finding else ()
            cited = write_contents(self.dialect, cur, doc_id, doc, list(added))
            if decision.current:   # a version held back is not current: its citations are not counted
                registry.add_counts(counts, cited)
            registry.apply_counts(self.dialect, cur, counts)
            fault_point("after_insert")
        if not decision.current:
            return Written("rendition" if decision.kind == "rendition" else "held_back", added)
        return Written("replaced" if older else "loaded", added)

    def reload(self, doc_id: int, doc: Report) -> None:
        """Replaces what was extracted from a stored document (framework, metadata, scores,
        observations, findings, citations) with ``doc``, keeping its id, file and version history:
        how `chamdiem remap` moves provisional rows to a framework added since."""
        with self.transaction() as cur:
            counts = registry.uncounted(self.dialect, cur, [doc_id])
            delete_contents(self.dialect, cur, doc_id)
            fields = dict(document_fields(self.dialect, doc), unit_id=unit_for(self, cur, doc.metadata.issuer))
            cur.execute(self.dialect.sql(f"UPDATE documents SET {', '.join(f'{k} = ?' for k in fields)} WHERE id = ?"),
                        (*fields.values(), doc_id))
            registry.add_counts(counts, write_contents(self.dialect, cur, doc_id, doc, []))
            registry.apply_counts(self.dialect, cur, counts)

    def current_shas(self, shas: list[str]) -> set[str]:
        """Which of these files' documents are current now (an ingest's summary counts their findings)."""
        out: set[str] = set()
        for start in range(0, len(shas), 500):
            part = shas[start:start + 500]
            out |= {row[0] for row in self.read(f"SELECT sha256 FROM documents WHERE is_current = ? AND sha256 IN "
                                                f"{self.dialect.in_list(len(part))}", (True, *part))}
        return out

    # --- the rest of an ingest
    def record_error(self, path: str, sha256: str | None, kind: str, message: str) -> None:
        with self.transaction() as cur:
            failures.record_failure(self.dialect, cur, path, sha256, kind, message)

    def remember_files(self, rows: list[dict]) -> None:
        """Records what was seen of files just loaded or found unchanged (replacing older records)."""
        if rows:
            with self.transaction() as cur:
                file_states.remember_files(self.dialect, cur, rows)

    def begin_batch(self, files: int) -> None:
        """Before a batch of ``files`` to read: on SQLite, when they are many for the database's size
        (writing/upkeep.is_bulk), the indexes only readers use are dropped, to be built once by
        end_batch (a batch that dies leaves that to the next one; the database says so), and the
        search index merges its segments less often (upkeep.SEARCH_AUTOMERGE_BULK)."""
        if self.sqlite and files >= upkeep.BULK_FILES:
            with self.transaction() as cur:
                if upkeep.is_bulk(files, cur.execute("SELECT count(*) FROM documents").fetchone()[0]):
                    upkeep.defer_indexes(cur)
                    upkeep.set_search_automerge(cur, upkeep.SEARCH_AUTOMERGE_BULK)

    def end_batch(self) -> None:
        """After a batch: the indexes a batch deferred (this one or one that died) are built again,
        and the search index merges as usual."""
        if self.sqlite:
            with self.transaction() as cur:
                upkeep.restore_indexes(cur)
                if upkeep.search_automerge(cur) != upkeep.SEARCH_AUTOMERGE:
                    upkeep.set_search_automerge(cur, upkeep.SEARCH_AUTOMERGE)

    def refresh_statistics(self) -> None:
        """Table statistics for SQLite's query plans (writing/upkeep.py); PostgreSQL keeps its own."""
        if self.sqlite:
            with self.transaction() as cur:
                upkeep.refresh_statistics(cur)

    def fold_log(self) -> None:
        """At the end of a batch: SQLite's write-ahead log goes into the database file, so the
        .sqlite file alone is the whole database."""
        if self.sqlite:
            upkeep.fold_log(self.con)

    def database_size(self) -> tuple[int, int]:
        """(bytes the database takes, documents in it): what the ingest says a full disk needs."""
        return self.dialect.database_size(self.con)

    def close(self) -> None:
        """Closes the connection when the writer opened it: SQLite then folds its write-ahead log
        into the database file, so the file alone is the whole database again."""
        if self.owns:
            self.con.close()


def open_sqlite(db: str, frameworks: FrameworkSet | None = None) -> Writer | None:
    """A Writer on a sqlite3 connection, for a SQLite file at the current schema whose views and
    classification thresholds are in step with this version of chamdiem; None for anything else
    (a new file, an older schema, a server, a changed framework file of ``frameworks``, default
    the set of $CHAMDIEM_FRAMEWORKS): the store then opens the database with SQLAlchemy, brings it
    up to date and writes through its own connection."""
    path = sqlite_file(db)
    con = connect_at_head(path) if path is not None else None
    if con is None:
        return None
    try:
        meta = dict(con.execute("SELECT key, value FROM chamdiem_meta WHERE key IN ('views', 'thresholds')"))
        if meta.get("views") != views_signature() or meta.get("thresholds") != frameworks_signature(frameworks):
            con.close()
            return None
        prepare_sqlite(con)
    except sqlite3.Error:
        con.close()
        return None
    return Writer(con, "sqlite", owns=True)

