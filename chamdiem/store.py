"""The loader: writes one document per transaction with SQLAlchemy Core bulk inserts, keeps the
analyst views in place, and records files that could not be loaded."""
from __future__ import annotations

import hashlib
import os
import sqlite3
import time
from datetime import datetime, timezone
from importlib import resources

from sqlalchemy import Engine, create_engine, event, insert, inspect, select, text, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import SQLAlchemyError

from chamdiem.normalizers.cited_documents import resolve
from chamdiem.lexicon.text import fold
from chamdiem.schema import tables as T
from chamdiem.model.errors import DatabaseError
from chamdiem.model.faults import fault_point
from chamdiem.model.observations import SCORE_FIELDS, Finding, Report
from chamdiem.lexicon.catalogs import catalog

from chamdiem.model.defaults import DEFAULT_DB
# dialects whose INSERT can skip rows that already exist (ON CONFLICT DO NOTHING)
_INSERT_OR_IGNORE = {"sqlite": sqlite.insert, "postgresql": postgresql.insert}


def engine_for(db: str) -> Engine:
    """A file path means SQLite; anything with '://' is an SQLAlchemy URL."""
    if "://" not in db:
        parent = os.path.dirname(os.path.abspath(db))
        os.makedirs(parent, exist_ok=True)
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
            cur.execute("PRAGMA foreign_keys=ON")
            cur.close()

        @event.listens_for(eng, "begin")
        def _begin(con):
            # IMMEDIATE takes the write lock up front: a transaction that read first and then wrote
            # would fail at once with "database is locked" when another ingest wrote meanwhile
            con.exec_driver_sql("BEGIN IMMEDIATE")
        return eng
    return create_engine(db, pool_pre_ping=True)


def open_existing(db: str) -> Engine:
    """An engine on a chamdiem database that must already exist: reading never creates one.
    Raises DatabaseError when the file is missing, is not a chamdiem database, or cannot be reached."""
    if "://" not in db and not os.path.isfile(db):
        raise DatabaseError(db, "no such database (load reports into it first with `chamdiem ingest`)")
    engine = engine_for(db)
    try:
        with engine.connect() as con:
            if "documents" not in inspect(con).get_table_names():
                raise DatabaseError(db, "not a chamdiem database (it has no documents table)")
    except DatabaseError:
        raise
    except SQLAlchemyError as exc:
        raise DatabaseError(db, f"cannot be opened: {_first_line(exc)}") from None
    return engine


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


def storable(name: str) -> str:
    """A file name as text the database takes: bytes that are not UTF-8 (kept by the file system
    as surrogates) are written as \\xNN escapes instead of failing the batch."""
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


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


class Store:
    def __init__(self, db: str):
        self.engine = engine_for(db)
        self.ensure_schema()

    def ensure_schema(self) -> None:
        """Brings the database to the newest schema with Alembic (an older database is upgraded),
        then puts the analyst views in place when they changed."""
        self._migrate()
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

    def _migrate(self) -> None:
        from alembic import command
        from alembic.config import Config
        cfg = Config()
        cfg.set_main_option("script_location", str(resources.files("chamdiem.schema").joinpath("migrations")))
        with self.engine.begin() as con:
            cfg.attributes["connection"] = con
            have = set(inspect(con).get_table_names())
            if "documents" in have and "alembic_version" not in have:
                # made before migrations existed: say which schema it already has
                command.stamp(cfg, "head" if "cited_documents" in have else "0001")
            command.upgrade(cfg, "head")

    def schema_version(self) -> str:
        with self.engine.connect() as con:
            return con.execute(text("SELECT version_num FROM alembic_version")).scalar_one()

    def known_shas(self) -> set[str]:
        """Hashes of every file already loaded: an ingest skips these without parsing them."""
        with self.engine.connect() as con:
            return {r[0] for r in con.execute(select(T.documents.c.sha256))}

    def load(self, doc: Report) -> str:
        """'loaded', 'replaced' (an older version of the same report left the views), 'held_back'
        (stored as a non-current version: the current one is more complete) or 'unchanged'."""
        m, md = doc.model, doc.metadata
        total = next((s for s in doc.scores if s.criterion_id == doc.framework), None)
        tv = total.values if total else {}
        issuer_key = fold(md.issuer) if md.issuer else None
        items = len(doc.scores)
        with self.engine.begin() as con:
            if con.execute(select(T.documents.c.id).where(T.documents.c.sha256 == m.sha256)).first():
                return "unchanged"
            older = self._older_versions(con, None, m.path, issuer_key, doc.framework, md.assessment_year)
            current, reason, keeper = decide_version(doc, items, self._versions(con, older))
            if not current:
                doc.findings.append(Finding(None, "incomplete_resubmission", "warning", reason))
            doc_id = con.execute(insert(T.documents).values(
                file_name=storable(m.file_name), path=storable(m.path), sha256=m.sha256, format=m.format, framework=doc.framework,
                report_number=md.report_number, issuer=md.issuer, issuer_key=issuer_key, issued_on=md.issued_on,
                assessment_year=md.assessment_year, signer=md.signer, classification=md.classification,
                total_max=tv.get("max_points"), total_self=tv.get("self_score"),
                total_authority=tv.get("authority_score"),
                pages=(len(m.page_starts) + 1) if m.page_starts is not None else None,
                is_current=current, superseded_by=keeper, loaded_at=datetime.now(timezone.utc),
                items_read=items, version_reason=reason,
            ).returning(T.documents.c.id)).scalar_one()
            if current and older:
                con.execute(update(T.documents).where(T.documents.c.id.in_(older))
                            .values(is_current=False, superseded_by=doc_id,
                                    version_reason=f"superseded by document {doc_id} ({storable(m.file_name)}): {reason}"))
            con.execute(insert(T.document_texts), [{"document_id": doc_id, "text": m.text}])
            self._write_observations(con, doc_id, doc)
            if doc.scores:
                con.execute(insert(T.scores), [
                    {"document_id": doc_id, "criterion_id": s.criterion_id, "label": s.label, **s.values,
                     "origin": s.origin, "page": s.page, "line": s.line, "char_start": s.start, "char_end": s.end}
                    for s in doc.scores])
            if doc.findings:
                con.execute(insert(T.findings), [
                    {"document_id": doc_id, "criterion_id": f.criterion_id, "kind": f.kind, "severity": f.severity,
                     "message": f.message, "source": f.source, "field": f.field, "char_start": f.start,
                     "char_end": f.end} for f in doc.findings])
            if doc.citations:
                cited = self._cited_document_ids(con, resolve(doc.citations))
                con.execute(insert(T.citations), [
                    {"document_id": doc_id, "criterion_id": c.criterion_id, "doc_type": c.doc_type,
                     "type_code": c.type_code, "number": c.number, "year": c.year, "symbol": c.symbol,
                     "issued_on": c.issued_on, "text": c.text, "page": c.page, "line": c.line,
                     "char_start": c.start, "char_end": c.end, "cited_document_id": cid}
                    for c, cid in zip(doc.citations, cited)])
            fault_point("after_insert")
        if not current:
            return "held_back"
        return "replaced" if older else "loaded"

    @staticmethod
    def _versions(con, ids: list[int]) -> list[dict]:
        if not ids:
            return []
        d = T.documents.c
        return [dict(r._mapping) for r in con.execute(
            select(d.id, d.file_name, d.items_read, d.issued_on).where(d.id.in_(ids)).order_by(d.id))]

    @staticmethod
    def _older_versions(con, doc_id, path, issuer_key, framework, year) -> list[int]:
        d = T.documents.c
        same_path = select(d.id).where(d.is_current, d.id != doc_id, d.path == storable(path))
        ids = {r[0] for r in con.execute(same_path)}
        if issuer_key and framework and year:
            same_unit = select(d.id).where(d.is_current, d.id != doc_id, d.issuer_key == issuer_key,
                                           d.framework == framework, d.assessment_year == year)
            ids |= {r[0] for r in con.execute(same_unit)}
        return sorted(ids)

    def _cited_document_ids(self, con, keys) -> list[int]:
        """Registry ids for the keys, adding the documents not seen before (safe under concurrency)."""
        rows = {k.text: {"doc_key": k.text, "doc_type": k.doc_type, "number": k.number, "year": k.year,
                         "symbol": k.symbol, "issuer_code": k.issuer_code, "issued_on": k.issued_on} for k in keys}
        upsert = _INSERT_OR_IGNORE.get(self.engine.dialect.name)
        if upsert is not None:
            con.execute(upsert(T.cited_documents).on_conflict_do_nothing(index_elements=["doc_key"]),
                        list(rows.values()))
        else:
            have = {r[0] for r in con.execute(select(T.cited_documents.c.doc_key)
                                              .where(T.cited_documents.c.doc_key.in_(list(rows))))}
            new = [r for k, r in rows.items() if k not in have]
            if new:
                con.execute(insert(T.cited_documents), new)
        ids = dict(con.execute(select(T.cited_documents.c.doc_key, T.cited_documents.c.id)
                               .where(T.cited_documents.c.doc_key.in_(list(rows)))).all())
        return [ids[k.text] for k in keys]

    @staticmethod
    def _write_observations(con, doc_id: int, doc: Report) -> None:
        if not doc.observations:
            return
        con.execute(insert(T.observations), [
            {"document_id": doc_id, "seq": k, "source": o.source, "criterion_id": o.criterion_id,
             "marker": o.marker, "label": o.label, "is_total": o.is_total, "page": o.page, "line": o.line,
             "char_start": o.start, "char_end": o.end} for k, o in enumerate(doc.observations)])
        ids = dict(con.execute(select(T.observations.c.seq, T.observations.c.id)
                               .where(T.observations.c.document_id == doc_id)).all())
        values = [{"observation_id": ids[k], "field": f, "value": v.value, "raw": v.raw,
                   "char_start": v.start, "char_end": v.end}
                  for k, o in enumerate(doc.observations) for f, v in o.values.items() if f in SCORE_FIELDS]
        if values:
            con.execute(insert(T.observation_values), values)

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
