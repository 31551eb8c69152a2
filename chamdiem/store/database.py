"""The store: opens a database with SQLAlchemy (a SQLite file or a PostgreSQL URL), creates or
upgrades it with Alembic, keeps the analyst views and the classification thresholds in step, and
writes reports, failures and file states through a writer.Writer on its own connection."""
from __future__ import annotations

import os
import re
import sqlite3
from importlib import resources

from sqlalchemy import Engine, create_engine, event, insert, inspect, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from chamdiem.model.errors import DatabaseError, DiskFull
from chamdiem.model.observations import Report
from chamdiem.normalizers.framework_catalog import FrameworkSet, framework_set
from chamdiem.store.schema import tables
from chamdiem.store.schema.revision import head_revision
from chamdiem.store.schema.views import view_name, view_statements, views_signature
from chamdiem.store.unit_registry import assign_missing
from chamdiem.store.writing.dialect import dialect_for, lock_key
from chamdiem.store.writing.upkeep import restore_indexes
from chamdiem.store.writer import (WAL_CHECKPOINT_PAGES, Writer, Written, prepare_sqlite, search_fold,
                                   search_folds, storable, text_lines)

# (head_revision, storable, search_fold, search_folds, text_lines and
# WAL_CHECKPOINT_PAGES live below the store; they are named here too for the code that asks it.)
__all__ = ["Store", "DatabaseError", "open_existing", "needs_upgrade", "engine_for", "check_url", "head_revision",
           "storable", "search_fold", "search_folds", "text_lines", "WAL_CHECKPOINT_PAGES"]


# the advisory lock (PostgreSQL) under which a database is created or upgraded
SCHEMA_LOCK = lock_key("chamdiem schema")

SUPPORTED = "a SQLite file path, or a PostgreSQL URL such as postgresql+psycopg://user:pass@host/dbname"


def _shown(db: str) -> str:
    """The database as messages show it: a URL's password is masked."""
    if "://" not in db:
        return db
    try:
        return make_url(db).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        return re.sub(r"(://[^:/@]*:)[^@]*@", r"\1***@", db)


def check_url(db: str) -> None:
    """Raises DatabaseError for a URL that is malformed or of a dialect chamdiem does not support."""
    if "://" not in db:
        return
    try:
        url = make_url(db)
    except (ArgumentError, ValueError) as exc:
        raise DatabaseError(_shown(db), f"not a valid database URL ({exc}); use {SUPPORTED}") from None
    if url.get_backend_name() not in ("sqlite", "postgresql"):
        raise DatabaseError(_shown(db), f"{url.get_backend_name()} is not supported; use {SUPPORTED}")


def engine_for(db: str) -> Engine:
    """A file path means SQLite; anything with '://' is an SQLAlchemy URL."""
    check_url(db)
    if "://" not in db:
        parent = os.path.dirname(os.path.abspath(db))
        try:
            os.makedirs(parent, exist_ok=True)
        except OSError as exc:
            raise DatabaseError(db, f"cannot be opened: its folder {parent} cannot be made "
                                    f"({exc.strerror or exc})") from None
        db = f"sqlite:///{os.path.abspath(db)}"
    if db.startswith("sqlite"):
        eng = create_engine(db, connect_args={"timeout": 120})

        @event.listens_for(eng, "connect")
        def _pragmas(dbapi_con, _record):
            prepare_sqlite(dbapi_con)   # the writer's settings (writer.py)

        @event.listens_for(eng, "begin")
        def _begin(con):
            # IMMEDIATE takes the write lock up front: a transaction that read first and then wrote
            # would fail at once with "database is locked" when another ingest wrote meanwhile
            con.exec_driver_sql("BEGIN IMMEDIATE")
        return eng
    return create_engine(db, pool_pre_ping=True)


def _reader_for(db: str) -> Engine:
    """An engine that only reads: a SQLite file is opened read-only, so nothing is created or
    locked for writing (an ingest may run meanwhile)."""
    check_url(db)
    if "://" in db and not db.startswith("sqlite"):
        return create_engine(db, pool_pre_ping=True)
    path = make_url(db).database if "://" in db else db
    return create_engine(f"sqlite:///file:{os.path.abspath(path)}?mode=ro&uri=true",
                         connect_args={"timeout": 30})


def open_existing(db: str) -> Engine:
    """A read-only engine on a chamdiem database that must already exist: reading never creates
    one. Raises DatabaseError when the file is missing, is not a chamdiem database, or cannot be reached."""
    check_url(db)
    path = db if "://" not in db else (make_url(db).database if db.startswith("sqlite") else None)
    if path is not None and not os.path.isfile(path):
        raise DatabaseError(_shown(db), "no such database (load reports into it first with `chamdiem ingest`)")
    engine = _reader_for(db)
    try:
        with engine.connect() as con:
            if "documents" not in inspect(con).get_table_names():
                raise DatabaseError(_shown(db), "not a chamdiem database (it has no documents table)")
    except DatabaseError:
        raise
    except SQLAlchemyError as exc:
        raise DatabaseError(_shown(db), f"cannot be opened: {_first_line(exc)}") from None
    return engine


def _check_sqlite_file(path: str) -> None:
    """Raises DatabaseError unless ``path`` is an SQLite file that chamdiem may write: its own, or
    one with no tables yet. Reads only."""
    try:
        con = sqlite3.connect(f"file:{os.path.abspath(path)}?mode=ro", uri=True)
        try:
            table_names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(path, f"not an SQLite database ({exc}); give --db a new file or a chamdiem database") from None
    if table_names and "documents" not in table_names:
        raise DatabaseError(path, "an SQLite database of some other program (it has no documents table); "
                                  "give chamdiem a new file or its own database")


def needs_upgrade(engine: Engine) -> bool:
    """True when the database's schema is older than this chamdiem's (reading only)."""
    from alembic.script import ScriptDirectory
    from alembic.config import Config
    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("chamdiem.store.schema").joinpath("migrations")))
    head = ScriptDirectory.from_config(cfg).get_current_head()
    with engine.connect() as con:
        if "alembic_version" not in inspect(con).get_table_names():
            return True
        return con.execute(text("SELECT version_num FROM alembic_version")).scalar() != head


def _first_line(exc: Exception) -> str:
    text_ = str(getattr(exc, "orig", None) or exc).strip()
    return text_.splitlines()[0] if text_ else type(exc).__name__


class Store:
    def __init__(self, db: str, frameworks: FrameworkSet | None = None):
        """Opens (creating when new) and upgrades the database. Raises DatabaseError when it cannot
        be used: a malformed or unsupported URL, a server that does not answer, a file that is not
        SQLite or an SQLite file of some other program. The classification thresholds follow
        ``frameworks`` (default: the set of $CHAMDIEM_FRAMEWORKS)."""
        self.frameworks = framework_set(frameworks)
        if "://" not in db and os.path.isfile(db) and os.path.getsize(db) > 0:
            _check_sqlite_file(db)   # before the engine switches the file to WAL: a foreign file stays as it was
        self.engine = engine_for(db)
        try:
            self.ensure_schema()
            self.writer = Writer(self.engine.raw_connection(), self.engine.dialect.name)
            assign_missing(self.writer)   # documents loaded before the units registry (0010)
        except SQLAlchemyError as exc:
            if dialect_for(self.engine.dialect.name).is_full(getattr(exc, "orig", None)):
                raise DiskFull(_shown(db), f"the disk is full: the database cannot be created or upgraded "
                                           f"({_first_line(exc)}); make room and run the command again") from None
            raise DatabaseError(_shown(db), f"cannot be opened: {_first_line(exc)}") from None
        except sqlite3.DatabaseError as exc:
            raise DatabaseError(_shown(db), f"cannot be opened: {exc}") from None

    def ensure_schema(self) -> None:
        """Brings the database to the newest schema with Alembic (an older database is upgraded),
        then puts the analyst views and thresholds in place when they changed: all in one
        transaction, which on PostgreSQL first takes an advisory lock, so two ingests starting on a
        new database do not both create it (SQLite's BEGIN IMMEDIATE does the same there)."""
        with self.engine.begin() as con:
            if self.engine.dialect.name == "postgresql":
                con.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": SCHEMA_LOCK})
            else:
                self._restore_indexes(con)
            if not self._at_head(con):
                self._migrate(con)
            self._sync_views(con)
            self._sync_thresholds(con)

    @staticmethod
    def _restore_indexes(con) -> None:
        """The readers' indexes a batch that died had deferred (writing/upkeep.py), built before
        anything else: a migration may expect them."""
        if inspect(con).has_table("chamdiem_meta"):
            cur = con.connection.driver_connection.cursor()
            try:
                restore_indexes(cur)
            finally:
                cur.close()

    def _sync_views(self, con) -> None:
        """The analyst views of views.sql, recreated only when the file changed."""
        row = con.execute(select(tables.chamdiem_meta.c.value).where(tables.chamdiem_meta.c.key == "views")).first()
        signature = views_signature()
        if row is not None and row[0] == signature:
            return
        stmts = view_statements()
        for stmt in stmts:
            con.execute(text(f"DROP VIEW IF EXISTS {view_name(stmt)}"))
        for stmt in stmts:
            con.execute(text(stmt))
        con.execute(tables.chamdiem_meta.delete().where(tables.chamdiem_meta.c.key == "views"))
        con.execute(insert(tables.chamdiem_meta).values(key="views", value=signature))

    def _sync_thresholds(self, con) -> None:
        """classification_thresholds follows the framework catalogs: v_documents.classification_earned
        always reflects the scales as they are written now. The catalogs are parsed only when
        their files changed since the last sync (FrameworkSet.signature)."""
        signature = self.frameworks.signature()
        meta = tables.chamdiem_meta.c
        if con.execute(select(meta.value).where(meta.key == "thresholds")).scalar() == signature:
            return
        rows = [{"framework": fw.id, "classification": code, "min_total": float(low), "scale_max": fw.root.max}
                for fw in self.frameworks.values() for code, low in fw.classification.items()]
        con.execute(tables.classification_thresholds.delete())
        if rows:
            con.execute(insert(tables.classification_thresholds), rows)
        con.execute(tables.chamdiem_meta.delete().where(meta.key == "thresholds"))
        con.execute(insert(tables.chamdiem_meta).values(key="thresholds", value=signature))

    def _migrate(self, con) -> None:
        from alembic import command
        from alembic.config import Config
        cfg = Config()
        cfg.set_main_option("script_location", str(resources.files("chamdiem.store.schema").joinpath("migrations")))
        cfg.attributes["connection"] = con
        have = set(inspect(con).get_table_names())
        if self.engine.dialect.name == "sqlite" and have and "documents" not in have:
            raise DatabaseError(self.engine.url.database, "an SQLite database of some other program "
                                "(it has no documents table); give chamdiem a new file or its own database")
        if "documents" in have and "alembic_version" not in have:
            # made before migrations existed: say which schema it already has
            command.stamp(cfg, "0002" if "cited_documents" in have else "0001")
        command.upgrade(cfg, "head")

    @staticmethod
    def _at_head(con) -> bool:
        """The database already has the newest schema (checked without Alembic, and without a
        failing statement: on PostgreSQL one would end the transaction)."""
        if not inspect(con).has_table("alembic_version"):
            return False
        have = con.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
        return have == [head_revision()]

    def schema_version(self) -> str:
        with self.engine.connect() as con:
            return con.execute(text("SELECT version_num FROM alembic_version")).scalar_one()

    def known_shas(self) -> set[str]:
        """Hashes of every file already loaded: an ingest skips these without parsing them."""
        return self.writer.known_shas()

    def file_states(self) -> dict[str, tuple]:
        """See Writer.file_states."""
        return self.writer.file_states()

    def load(self, doc: Report) -> str:
        """'loaded', 'replaced', 'held_back' or 'unchanged' (see Writer.load)."""
        return self.writer.load(doc)

    def prepare(self) -> None:
        """See Writer.prepare."""
        self.writer.prepare()

    def write(self, doc: Report) -> Written:
        """The status and the findings the writer added (see Writer.write)."""
        return self.writer.write(doc)

    def reload(self, doc_id: int, doc: Report) -> None:
        """Replaces what was extracted from a stored document (see Writer.reload)."""
        self.writer.reload(doc_id, doc)

    def record_error(self, path: str, sha256: str | None, kind: str, message: str) -> None:
        self.writer.record_error(path, sha256, kind, message)

    def remember_files(self, rows: list[dict]) -> None:
        self.writer.remember_files(rows)

    def begin_batch(self, files: int) -> None:
        self.writer.begin_batch(files)

    def end_batch(self) -> None:
        self.writer.end_batch()

    def refresh_statistics(self) -> None:
        self.writer.refresh_statistics()

    def fold_log(self) -> None:
        self.writer.fold_log()

    def database_size(self) -> tuple[int, int]:
        return self.writer.database_size()

    def current_shas(self, shas: list[str]) -> set[str]:
        return self.writer.current_shas(shas)

    def provisional_documents(self) -> list[dict]:
        """Current documents loaded under a provisional framework (read off their own sheet):
        id, file_name, path, sha256, format, ocr and the stored text."""
        documents, texts = tables.documents.c, tables.document_texts.c
        query = (select(documents.id, documents.file_name, documents.path, documents.sha256, documents.format,
                        documents.ocr, texts.text)
                 .join(tables.document_texts, texts.document_id == documents.id)
                 .where(documents.is_current, documents.framework.like("sheet:%")).order_by(documents.id))
        with self.engine.connect() as con:
            return [dict(r._mapping) for r in con.execute(query)]

    def close(self) -> None:
        """Gives back the writer's connection and closes the engine's: SQLite then folds its
        write-ahead log into the database file, so the file alone is the whole database again."""
        self.writer.con.close()
        self.engine.dispose()
