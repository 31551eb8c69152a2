"""The loader: writes one document per transaction with SQLAlchemy Core bulk inserts, keeps the
analyst views in place, and records files that could not be loaded."""
from __future__ import annotations

import hashlib
import os
import re
import sqlite3
import time
from datetime import datetime, timezone
from operator import itemgetter
from collections import Counter
from importlib import resources

from sqlalchemy import (Engine, bindparam, create_engine, delete, distinct, event, func, insert, inspect, select, text,
                        update)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from chamdiem.normalizers.cited_documents import resolve
from chamdiem.normalizers.sheet_framework import is_provisional
from chamdiem.lexicon.text import fold, strip_marks
from chamdiem.normalizers.frameworks import frameworks, frameworks_signature
from chamdiem.schema import tables as T
from chamdiem.schema.snapshot import FILE_STATES_SQL, KNOWN_SHAS_SQL, head_revision, storable
from chamdiem.model.errors import DatabaseError
from chamdiem.model.faults import fault_point
from chamdiem.model.observations import SCORE_FIELDS, Finding, Report
from chamdiem.lexicon.catalogs import catalog



def _insert_or_ignore(dialect: str):
    """The dialect's INSERT that can skip rows that already exist (ON CONFLICT DO NOTHING), if any.
    Imported on use: the dialect modules cost start-up time a one-file ingest does not need."""
    if dialect == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as ins
        return ins
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as ins
        return ins
    return None


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


# SQLite copies the write-ahead log into the database once it holds this many pages (4 KiB each):
# at 16,000 (64 MiB) instead of 1,000 a quarter's load checkpoints a sixteenth as often (32.5 s
# instead of 35.7 s for bench_quarter's 1,000 files); the log is emptied when the last connection closes.
WAL_CHECKPOINT_PAGES = 16000


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
            dbapi_con.isolation_level = None  # transactions are begun below, not by the driver
            cur = dbapi_con.cursor()
            cur.execute("PRAGMA busy_timeout=120000")
            _set_wal(cur)
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute(f"PRAGMA wal_autocheckpoint={WAL_CHECKPOINT_PAGES}")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.close()

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
            tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(path, f"not an SQLite database ({exc}); give --db a new file or a chamdiem database") from None
    if tables and "documents" not in tables:
        raise DatabaseError(path, "an SQLite database of some other program (it has no documents table); "
                                  "give chamdiem a new file or its own database")


def needs_upgrade(engine: Engine) -> bool:
    """True when the database's schema is older than this chamdiem's (reading only)."""
    from alembic.script import ScriptDirectory
    from alembic.config import Config
    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("chamdiem.schema").joinpath("migrations")))
    head = ScriptDirectory.from_config(cfg).get_current_head()
    with engine.connect() as con:
        if "alembic_version" not in inspect(con).get_table_names():
            return True
        return con.execute(text("SELECT version_num FROM alembic_version")).scalar() != head


def _first_line(exc: Exception) -> str:
    text_ = str(getattr(exc, "orig", None) or exc).strip()
    return text_.splitlines()[0] if text_ else type(exc).__name__


def _set_wal(cur, attempts: int = 600) -> None:
    """Switching a new file to WAL needs an exclusive lock and does not wait for one: when two
    ingests open a new database together, one of them retries until the other has switched."""
    for k in range(attempts):
        try:
            cur.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or k == attempts - 1:
                raise
            time.sleep(0.1)


def search_fold(s: str) -> str:
    """What search_fts stores and a search is matched with: no tone marks, đ → d, lower case, so
    "dan van" and "Dân Vận" are the same words. Punctuation stays (the FTS tokenizer splits on it)."""
    return strip_marks(s).casefold()


def search_folds(texts: list[str]) -> list[str]:
    """search_fold of each text, the ones without a line break folded together: a report has
    hundreds of lines, and one pass over them joined is many times faster than one per line.
    Folding goes character by character and never makes, moves or drops a line break (NFD reorders
    marks only between two letters), so the folded whole splits back into each text's fold."""
    alone = ["\n" in t for t in texts]   # (a label joined from several cells)
    folded = iter(search_fold("\n".join(t for t, a in zip(texts, alone) if not a)).split("\n"))
    return [search_fold(t) if a else next(folded) for t, a in zip(texts, alone)]


def text_lines(text_: str):
    """(piece, 1-based line, start, end) of each non-blank line, or of each cell of a tab-separated
    row, stripped of surrounding space: the units search shows."""
    pos = 0
    for number, line in enumerate(text_.split("\n"), 1):
        cell_pos = pos
        for cell in line.split("\t"):
            if cell.strip():
                lead = len(cell) - len(cell.lstrip())
                yield cell.strip(), number, cell_pos + lead, cell_pos + lead + len(cell.strip())
            cell_pos += len(cell) + 1
        pos += len(line) + 1


def decide_version(doc: Report, items: int, current: list[dict]) -> tuple[bool, str, int | None]:
    """(becomes current, why, the version kept current instead). A resubmission replaces the
    current versions only when it is at least as complete as each (as many scored items read and
    no read failure) or dated later in its own text; else the complete report stays current."""
    if not current:
        return True, "current: first version of this report", None
    failures = set(catalog("input_checks")["versions"]["read_failure_findings"])
    damaged = sorted({f.kind for f in doc.findings if f.kind in failures})
    dated = doc.metadata.issued_on
    whys = []
    for v in current:
        if dated and v["issued_on"] and dated > v["issued_on"]:
            whys.append(f"dated {dated}, later than document {v['id']} ({v['issued_on']})")
            continue
        have = v["items_read"] or 0
        if items >= have and not damaged:
            whys.append(f"{items} scored items read, document {v['id']} had {have}")
            continue
        lack = f"read failure ({', '.join(damaged)})" if damaged and items >= have else \
            f"{items} scored items read where document {v['id']} ({v['file_name']}) has {have}"
        return False, (f"not current: an incomplete resubmission, {lack}, and not dated later "
                       f"({dated or 'no date'} vs {v['issued_on'] or 'no date'}); document {v['id']} stays "
                       "current"), v["id"]
    return True, "current: " + "; ".join(whys), None


def _view_statements() -> list[str]:
    sql = resources.files("chamdiem.schema").joinpath("views.sql").read_text("utf-8")
    body = "\n".join(l for l in sql.splitlines() if not l.lstrip().startswith("--"))
    return [s.strip() for s in body.split("\n;") if s.strip()]


def _view_name(stmt: str) -> str:
    return stmt.split()[2]


class _Statements:
    """The loader's statements, built once: SQLAlchemy then compiles each once per dialect, instead
    of building and looking up a new statement object for every document."""

    def __init__(self):
        d, cd, c, o = T.documents.c, T.cited_documents.c, T.citations.c, T.observations.c
        self.by_sha = select(d.id).where(d.sha256 == bindparam("sha"))
        self.new_document = insert(T.documents).returning(d.id)
        self.same_path = select(d.id).where(d.is_current, d.id != bindparam("id"), d.path == bindparam("path"))
        self.same_unit = select(d.id).where(d.is_current, d.id != bindparam("id"), d.issuer_key == bindparam("key"),
                                            d.framework == bindparam("fw"), d.assessment_year == bindparam("year"))
        self.insert_text = insert(T.document_texts)
        self.insert_observations = insert(T.observations)
        self.observation_ids = select(o.seq, o.id).where(o.document_id == bindparam("doc"))
        self.insert_values = insert(T.observation_values)
        self.insert_scores = insert(T.scores)
        self.insert_findings = insert(T.findings)
        self.insert_citations = insert(T.citations)
        self.cited_keys = select(cd.doc_key).where(cd.doc_key.in_(bindparam("keys", expanding=True)))
        self.cited_ids = select(cd.doc_key, cd.id).where(cd.doc_key.in_(bindparam("keys", expanding=True)))
        self.count_cited = update(T.cited_documents).where(cd.id == bindparam("cid")) \
            .values(mentions=cd.mentions + bindparam("m"), citing_reports=cd.citing_reports + bindparam("r"))
        self.cited_by_documents = select(c.cited_document_id, func.count(), func.count(distinct(c.document_id))) \
            .where(c.document_id.in_(bindparam("ids", expanding=True)), c.cited_document_id.is_not(None)) \
            .group_by(c.cited_document_id)
        self._upserts: dict = {}

    def upsert_cited(self, dialect: str):
        """INSERT … ON CONFLICT DO NOTHING into the registry, where the dialect has it."""
        if dialect not in self._upserts:
            ins = _insert_or_ignore(dialect)
            self._upserts[dialect] = None if ins is None else \
                ins(T.cited_documents).on_conflict_do_nothing(index_elements=["doc_key"])
        return self._upserts[dialect]


_STATEMENTS: _Statements | None = None
_BULK: dict[tuple[str, str], tuple[str, list[str] | None, list[str]]] = {}


def _bulk_insert(con, table, rows: list[dict]) -> None:
    """Many rows into ``table`` through the driver's executemany (see _executemany). Only for
    tables whose values need no type conversion (numbers, text, booleans)."""
    _executemany(con, table.name, lambda: insert(table), rows)


def _executemany(con, name: str, make_statement, rows: list[dict]) -> None:
    """``make_statement()`` run for every row, through the driver's executemany, compiled once per
    dialect: SQLAlchemy's per-row parameter processing cost more than the statements themselves."""
    if not rows:
        return
    key = (con.dialect.name, name)
    if key not in _BULK:
        compiled = make_statement().compile(dialect=con.dialect, column_keys=list(rows[0]))
        order = list(compiled.positiontup) if compiled.positional else None
        _BULK[key] = (str(compiled), order, list(rows[0]))
    sql, order, cols = _BULK[key]
    if list(rows[0]) != cols:
        con.execute(make_statement(), rows)   # another shape of row: the general path
        return
    if order is None:
        con.exec_driver_sql(sql, rows)
    elif len(order) == 1:
        con.exec_driver_sql(sql, [(r[order[0]],) for r in rows])
    else:
        con.exec_driver_sql(sql, list(map(itemgetter(*order), rows)))   # each row's values in order, as a tuple


def _statements() -> _Statements:
    global _STATEMENTS
    if _STATEMENTS is None:
        _STATEMENTS = _Statements()
    return _STATEMENTS


class Store:
    def __init__(self, db: str):
        """Opens (creating when new) and upgrades the database. Raises DatabaseError when it cannot
        be used: a malformed or unsupported URL, a server that does not answer, a file that is not
        SQLite or an SQLite file of some other program."""
        if "://" not in db and os.path.isfile(db) and os.path.getsize(db) > 0:
            _check_sqlite_file(db)   # before the engine switches the file to WAL: a foreign file stays as it was
        self.engine = engine_for(db)
        try:
            self.ensure_schema()
        except SQLAlchemyError as exc:
            raise DatabaseError(_shown(db), f"cannot be opened: {_first_line(exc)}") from None
        except sqlite3.DatabaseError as exc:
            raise DatabaseError(_shown(db), f"cannot be opened: {exc}") from None

    def ensure_schema(self) -> None:
        """Brings the database to the newest schema with Alembic (an older database is upgraded),
        then puts the analyst views in place when they changed."""
        self._migrate()
        self._sync_views()
        self._sync_thresholds()

    def _sync_views(self) -> None:
        """The analyst views of views.sql, recreated only when the file changed."""
        with self.engine.begin() as con:
            row = con.execute(select(T.chamdiem_meta.c.value).where(T.chamdiem_meta.c.key == "views")).first()
            stmts = _view_statements()
            signature = hashlib.sha1("\n".join(stmts).encode()).hexdigest()
            if row is not None and row[0] == signature:
                return
            for stmt in stmts:
                con.execute(text(f"DROP VIEW IF EXISTS {_view_name(stmt)}"))
            for stmt in stmts:
                con.execute(text(stmt))
            con.execute(T.chamdiem_meta.delete().where(T.chamdiem_meta.c.key == "views"))
            con.execute(insert(T.chamdiem_meta).values(key="views", value=signature))

    def _sync_thresholds(self) -> None:
        """classification_thresholds follows the framework catalogs: v_documents.classification_earned
        always reflects the scales as they are written now. The catalogs are parsed only when
        their files changed since the last sync (frameworks_signature)."""
        signature = frameworks_signature()
        meta = T.chamdiem_meta.c
        with self.engine.begin() as con:
            if con.execute(select(meta.value).where(meta.key == "thresholds")).scalar() == signature:
                return
            rows = [{"framework": fw.id, "classification": code, "min_total": float(low), "scale_max": fw.root.max}
                    for fw in frameworks().values() for code, low in fw.classification.items()]
            con.execute(T.classification_thresholds.delete())
            if rows:
                con.execute(insert(T.classification_thresholds), rows)
            con.execute(T.chamdiem_meta.delete().where(meta.key == "thresholds"))
            con.execute(insert(T.chamdiem_meta).values(key="thresholds", value=signature))

    def _migrate(self) -> None:
        if self._at_head():
            return
        from alembic import command
        from alembic.config import Config
        cfg = Config()
        cfg.set_main_option("script_location", str(resources.files("chamdiem.schema").joinpath("migrations")))
        with self.engine.begin() as con:
            cfg.attributes["connection"] = con
            have = set(inspect(con).get_table_names())
            if self.engine.dialect.name == "sqlite" and have and "documents" not in have:
                raise DatabaseError(self.engine.url.database, "an SQLite database of some other program "
                                    "(it has no documents table); give chamdiem a new file or its own database")
            if "documents" in have and "alembic_version" not in have:
                # made before migrations existed: say which schema it already has
                command.stamp(cfg, "0002" if "cited_documents" in have else "0001")
            command.upgrade(cfg, "head")

    def _at_head(self) -> bool:
        """The database already has the newest schema (checked without Alembic)."""
        try:
            with self.engine.connect() as con:
                have = con.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
        except SQLAlchemyError:
            return False
        return have == [head_revision()]

    def schema_version(self) -> str:
        with self.engine.connect() as con:
            return con.execute(text("SELECT version_num FROM alembic_version")).scalar_one()

    def known_shas(self) -> set[str]:
        """Hashes of every file already loaded: an ingest skips these without parsing them."""
        with self.engine.connect() as con:
            return {r[0] for r in con.exec_driver_sql(KNOWN_SHAS_SQL)}

    def load(self, doc: Report) -> str:
        """'loaded', 'replaced' (an older version of the same report left the views), 'held_back'
        (stored as a non-current version: the current one is more complete) or 'unchanged'."""
        m, md = doc.model, doc.metadata
        q = _statements()
        items = len(doc.scores)
        with self.engine.begin() as con:
            if con.execute(q.by_sha, {"sha": m.sha256}).first():
                return "unchanged"
            older = self._older_versions(con, 0, m.path, fold(md.issuer) if md.issuer else None,
                                         doc.framework, md.assessment_year)
            current, reason, keeper = decide_version(doc, items, self._versions(con, older))
            if not current:
                doc.findings.append(Finding(None, "incomplete_resubmission", "warning", reason))
            doc_id = con.execute(q.new_document, dict(
                file_name=storable(m.file_name), path=storable(m.path), sha256=m.sha256, format=m.format,
                is_current=current, superseded_by=keeper, items_read=items, version_reason=reason,
                **self._document_fields(doc),
            )).scalar_one()
            if current and older:
                con.execute(update(T.documents).where(T.documents.c.id.in_(older))
                            .values(is_current=False, superseded_by=doc_id,
                                    version_reason=f"superseded by document {doc_id} ({storable(m.file_name)}): {reason}"))
                self._uncount_citations(con, older)
            self._write_contents(con, doc_id, doc, counted=current)
            fault_point("after_insert")
        if not current:
            return "held_back"
        return "replaced" if older else "loaded"

    def reload(self, doc_id: int, doc: Report) -> None:
        """Replaces what was extracted from a stored document (framework, metadata, scores,
        observations, findings, citations) with ``doc``, keeping its id, file and version history:
        how `chamdiem remap` moves provisional rows to a framework added since."""
        with self.engine.begin() as con:
            if self.engine.dialect.name == "sqlite":
                con.execute(text("DELETE FROM search_fts WHERE rowid IN "
                                 "(SELECT id FROM search_index WHERE document_id = :d)"), {"d": doc_id})
            self._uncount_citations(con, [doc_id])
            for table in (T.scores, T.findings, T.citations, T.observations, T.document_texts, T.search_index):
                con.execute(table.delete().where(table.c.document_id == doc_id))
            con.execute(update(T.documents).where(T.documents.c.id == doc_id)
                        .values(items_read=len(doc.scores), **self._document_fields(doc)))
            self._write_contents(con, doc_id, doc)

    def provisional_documents(self) -> list[dict]:
        """Current documents loaded under a provisional framework (read off their own sheet):
        id, file_name, path, sha256, format, ocr and the stored text."""
        d, t = T.documents.c, T.document_texts.c
        q = (select(d.id, d.file_name, d.path, d.sha256, d.format, d.ocr, t.text)
             .join(T.document_texts, t.document_id == d.id)
             .where(d.is_current, d.framework.like("sheet:%")).order_by(d.id))
        with self.engine.connect() as con:
            return [dict(r._mapping) for r in con.execute(q)]

    @staticmethod
    def _document_fields(doc: Report) -> dict:
        m, md = doc.model, doc.metadata
        total = next((s for s in doc.scores if s.criterion_id == doc.framework), None)
        tv = total.values if total else {}
        return dict(framework=doc.framework, framework_confidence=doc.framework_confidence, ocr=m.ocr,
                    legacy_encoding=m.legacy_encoding,
                    report_number=md.report_number, issuer=md.issuer,
                    issuer_key=fold(md.issuer) if md.issuer else None, issued_on=md.issued_on,
                    assessment_year=md.assessment_year, signer=md.signer, classification=md.classification,
                    total_max=tv.get("max_points"), total_self=tv.get("self_score"),
                    total_authority=tv.get("authority_score"),
                    pages=(len(m.page_starts) + 1) if m.page_starts is not None else None,
                    loaded_at=datetime.now(timezone.utc))

    def _write_contents(self, con, doc_id: int, doc: Report, counted: bool = True) -> None:
        """Everything extracted from the document, in the loader's transaction; ``counted``: its
        citations enter the registry's counts (a version held back is not current, so they do not)."""
        m = doc.model
        _bulk_insert(con, T.document_texts, [{"document_id": doc_id, "text": m.text}])
        self._write_observations(con, doc_id, doc)
        if doc.scores:
            _bulk_insert(con, T.scores, [
                {"document_id": doc_id, "criterion_id": s.criterion_id, "label": s.label,
                 **{f: s.values.get(f) for f in SCORE_FIELDS},
                 "origin": s.origin, "page": s.page, "line": s.line, "char_start": s.start, "char_end": s.end,
                 "confidence": s.confidence, "cell_ref": s.cell_ref}
                for s in doc.scores])
        if doc.findings:
            _bulk_insert(con, T.findings, [
                {"document_id": doc_id, "criterion_id": f.criterion_id, "kind": f.kind, "severity": f.severity,
                 "message": f.message, "source": f.source, "field": f.field, "char_start": f.start,
                 "char_end": f.end} for f in doc.findings])
        self._write_search_index(con, doc_id, doc)
        if doc.citations:
            cited = self._cited_document_ids(con, resolve(doc.citations))
            _bulk_insert(con, T.citations, [
                {"document_id": doc_id, "criterion_id": c.criterion_id, "doc_type": c.doc_type,
                 "type_code": c.type_code, "number": c.number, "year": c.year, "symbol": c.symbol,
                 "issued_on": c.issued_on, "text": c.text, "page": c.page, "line": c.line,
                 "char_start": c.start, "char_end": c.end, "cited_document_id": cid}
                for c, cid in zip(doc.citations, cited)])
            if not counted:
                return
            # the registry's counts: this document now cites each of these
            mentions = Counter(cited)
            _executemany(con, "count_cited", lambda: _statements().count_cited,
                         [{"cid": cid, "m": n, "r": 1} for cid, n in mentions.items()])

    @staticmethod
    def _uncount_citations(con, doc_ids: list[int]) -> None:
        """Takes the citations of documents that stop being current out of the registry's counts."""
        q = _statements()
        rows = con.execute(q.cited_by_documents, {"ids": doc_ids}).all()
        if rows:
            con.execute(q.count_cited, [{"cid": cid, "m": -m, "r": -r} for cid, m, r in rows])

    @staticmethod
    def _versions(con, ids: list[int]) -> list[dict]:
        if not ids:
            return []
        d = T.documents.c
        return [dict(r._mapping) for r in con.execute(
            select(d.id, d.file_name, d.items_read, d.issued_on).where(d.id.in_(ids)).order_by(d.id))]

    @staticmethod
    def _older_versions(con, doc_id, path, issuer_key, framework, year) -> list[int]:
        q = _statements()
        ids = {r[0] for r in con.execute(q.same_path, {"id": doc_id, "path": storable(path)})}
        if issuer_key and framework and year and not is_provisional(framework):
            # (a provisional framework names only the unit and year: two different unknown sheets
            # of one unit would look like versions of one report)
            ids |= {r[0] for r in con.execute(q.same_unit, {"id": doc_id, "key": issuer_key, "fw": framework,
                                                             "year": year})}
        return sorted(ids)

    def _cited_document_ids(self, con, keys) -> list[int]:
        """Registry ids for the keys, adding the documents not seen before (safe under concurrency)."""
        q = _statements()
        rows = {k.text: {"doc_key": k.text, "doc_type": k.doc_type, "number": k.number, "year": k.year,
                         "symbol": k.symbol, "issuer_code": k.issuer_code, "issued_on": k.issued_on,
                         "mentions": 0, "citing_reports": 0} for k in keys}
        upsert = q.upsert_cited(self.engine.dialect.name)
        if upsert is not None:
            _executemany(con, "upsert_cited", lambda: upsert, list(rows.values()))
        else:
            have = {r[0] for r in con.execute(q.cited_keys, {"keys": list(rows)})}
            new = [r for k, r in rows.items() if k not in have]
            if new:
                con.execute(insert(T.cited_documents), new)
        ids = dict(con.execute(q.cited_ids, {"keys": list(rows)}).all())
        return [ids[k.text] for k in keys]

    def _write_search_index(self, con, doc_id: int, doc: Report) -> None:
        """The document's searchable pieces, and on SQLite their folded copy in search_fts, in the
        document's own transaction: search never shows half a report."""
        rows = [{"document_id": doc_id, "kind": "text", "criterion_id": None, "text": t, "line": n,
                 "char_start": s, "char_end": e} for t, n, s, e in text_lines(doc.model.text)]
        rows += [{"document_id": doc_id, "kind": "criterion", "criterion_id": s.criterion_id, "text": s.label,
                  "line": s.line, "char_start": s.start, "char_end": s.end} for s in doc.scores if s.label]
        rows += [{"document_id": doc_id, "kind": "citation", "criterion_id": c.criterion_id, "text": c.text,
                  "line": c.line, "char_start": c.start, "char_end": c.end} for c in doc.citations]
        if not rows:
            return
        _bulk_insert(con, T.search_index, rows)
        if self.engine.dialect.name == "sqlite":
            ids = con.execute(select(T.search_index.c.id).where(T.search_index.c.document_id == doc_id)
                              .order_by(T.search_index.c.id)).scalars().all()
            con.exec_driver_sql("INSERT INTO search_fts (rowid, folded) VALUES (?, ?)",
                                list(zip(ids, search_folds([r["text"] for r in rows]))))

    @staticmethod
    def _write_observations(con, doc_id: int, doc: Report) -> None:
        if not doc.observations:
            return
        _bulk_insert(con, T.observations, [
            {"document_id": doc_id, "seq": k, "source": o.source, "criterion_id": o.criterion_id,
             "marker": o.marker, "label": o.label, "is_total": o.is_total, "page": o.page, "line": o.line,
             "char_start": o.start, "char_end": o.end, "cell_ref": o.cell_ref}
            for k, o in enumerate(doc.observations)])
        ids = dict(con.execute(_statements().observation_ids, {"doc": doc_id}).all())
        values = [{"observation_id": ids[k], "field": f, "value": v.value, "raw": v.raw,
                   "char_start": v.start, "char_end": v.end, "confidence": v.confidence, "cell_ref": v.cell_ref}
                  for k, o in enumerate(doc.observations) for f, v in o.values.items() if f in SCORE_FIELDS]
        if values:
            _bulk_insert(con, T.observation_values, values)

    def file_states(self) -> dict[str, tuple]:
        """What was seen of each loaded file: path -> (size, mtime_ns, ctime_ns, inode, device,
        checked_ns, sha256), for files whose document is still in the database."""
        with self.engine.connect() as con:
            return {r[0]: tuple(r[1:]) for r in con.exec_driver_sql(FILE_STATES_SQL)}

    def remember_files(self, rows: list[dict]) -> None:
        """Records what was seen of files just loaded or found unchanged (replacing older records)."""
        if not rows:
            return
        with self.engine.begin() as con:
            paths = [r["path"] for r in rows]
            for k in range(0, len(paths), 500):
                con.execute(delete(T.file_state).where(T.file_state.c.path.in_(paths[k:k + 500])))
            con.execute(insert(T.file_state), rows)

    def refresh_statistics(self) -> None:
        """SQLite plans a view's joins well only with table statistics (ANALYZE): they are taken
        (sampled, so in well under a second) when missing or when the database has grown by half
        since they were. PostgreSQL keeps its own (autovacuum)."""
        if self.engine.dialect.name != "sqlite":
            return
        meta = T.chamdiem_meta.c
        with self.engine.begin() as con:
            docs = con.execute(select(func.count()).select_from(T.documents)).scalar_one()
            last = con.execute(select(meta.value).where(meta.key == "analyzed_documents")).scalar()
            if last is not None and docs < 1.5 * int(last) + 10:
                return
            con.exec_driver_sql("PRAGMA analysis_limit=400")
            con.exec_driver_sql("ANALYZE")
            con.execute(T.chamdiem_meta.delete().where(meta.key == "analyzed_documents"))
            con.execute(insert(T.chamdiem_meta).values(key="analyzed_documents", value=str(docs)))

    def record_error(self, path: str, sha256: str | None, kind: str, message: str) -> None:
        e = T.ingest_errors.c
        with self.engine.begin() as con:
            same = select(e.id).where(e.path == storable(path), e.error_kind == kind,
                                      e.sha256 == sha256 if sha256 else e.sha256.is_(None))
            if con.execute(same).first():
                return  # the same file failing the same way again changes nothing
            con.execute(insert(T.ingest_errors).values(
                file_name=storable(os.path.basename(path)), path=storable(path), sha256=sha256, error_kind=kind,
                message=storable(message),
                at=datetime.now(timezone.utc)))
