"""Writing reports into the database: one document per transaction, through a plain DB-API
connection and SQL written here once, in the dialect SQLite and PostgreSQL share.

The store (store.py, SQLAlchemy) creates, upgrades and checks a database, then writes through a
Writer on its own connection. A SQLite file already at the current schema, with its views and
thresholds in step, is written by a Writer on a sqlite3 connection without SQLAlchemy at all
(``open_sqlite``): importing SQLAlchemy costs a one-file ingest more than reading the file does.
Either way the same rows come out; ``tests/test_writer_paths.py`` holds the two to each other.
"""
from __future__ import annotations

import os
import sqlite3
import time
from collections import Counter
from contextlib import contextmanager
from datetime import datetime, timezone
from operator import itemgetter

from chamdiem.lexicon.catalogs import catalog
from chamdiem.lexicon.text import fold, strip_marks
from chamdiem.model.faults import fault_point
from chamdiem.model.observations import SCORE_FIELDS, Finding, Report
from chamdiem.normalizers.cited_documents import resolve
from chamdiem.normalizers.framework_catalog import frameworks_signature
from chamdiem.normalizers.sheet_framework import is_provisional
from chamdiem.store.schema.revision import connect_at_head, sqlite_file
from chamdiem.store.schema.views import views_signature

# SQLite copies the write-ahead log into the database once it holds this many pages (4 KiB each):
# at 16,000 (64 MiB) instead of 1,000 a quarter's load checkpoints a sixteenth as often (32.5 s
# instead of 35.7 s for bench_quarter's 1,000 files); the log is emptied when the last connection closes.
WAL_CHECKPOINT_PAGES = 16000

# The columns each insert writes, in order (the tables are schema/tables.py; tests check these
# against them).
COLUMNS = {
    "documents": ("file_name", "path", "sha256", "format", "is_current", "superseded_by", "items_read",
                  "version_reason", "framework", "framework_confidence", "ocr", "legacy_encoding", "report_number",
                  "issuer", "issuer_key", "issued_on", "assessment_year", "signer", "classification", "total_max",
                  "total_self", "total_authority", "pages", "loaded_at"),
    "document_texts": ("document_id", "text"),
    "observations": ("document_id", "seq", "source", "criterion_id", "marker", "label", "is_total", "page", "line",
                     "char_start", "char_end", "cell_ref"),
    "observation_values": ("observation_id", "field", "value", "raw", "char_start", "char_end", "confidence",
                           "cell_ref", "page", "x0", "y0", "x1", "y1"),
    "scores": ("document_id", "criterion_id", "label", *SCORE_FIELDS, "origin", "page", "line", "char_start",
               "char_end", "confidence", "cell_ref", "x0", "y0", "x1", "y1"),
    "findings": ("document_id", "criterion_id", "kind", "severity", "message", "source", "field", "char_start",
                 "char_end"),
    "citations": ("document_id", "criterion_id", "doc_type", "type_code", "number", "year", "symbol", "issued_on",
                  "text", "page", "line", "char_start", "char_end", "cited_document_id", "x0", "y0", "x1", "y1"),
    "cited_documents": ("doc_key", "doc_type", "number", "year", "symbol", "issuer_code", "issued_on", "mentions",
                        "citing_reports"),
    "search_index": ("document_id", "kind", "criterion_id", "text", "line", "char_start", "char_end"),
    "file_state": ("path", "size", "mtime_ns", "ctime_ns", "inode", "device", "checked_ns", "sha256"),
    "ingest_errors": ("file_name", "path", "sha256", "error_kind", "message", "at"),
}


_NO_BOX = (None, None, None, None)


def _corners(box) -> tuple:
    """x0, y0, x1, y1 of a (page, x0, y0, x1, y1) box, or NULLs."""
    return _NO_BOX if box is None else box[1:]


def _located(box) -> tuple:
    return (None, *_NO_BOX) if box is None else box


def storable(name: str) -> str:
    """A file name as text the database takes: bytes that are not UTF-8 (kept by the file system
    as surrogates) are written as \\xNN escapes instead of failing the batch."""
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")



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


def set_wal(cur, attempts: int = 600) -> None:
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


def prepare_sqlite(dbapi_con) -> None:
    """How chamdiem uses every SQLite connection it writes with: transactions begun by the writer
    (BEGIN IMMEDIATE), a long busy timeout, the write-ahead log, foreign keys."""
    dbapi_con.isolation_level = None
    cur = dbapi_con.cursor()
    cur.execute("PRAGMA busy_timeout=120000")
    set_wal(cur)
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute(f"PRAGMA wal_autocheckpoint={WAL_CHECKPOINT_PAGES}")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def _sqlite_time(t: datetime) -> str:
    """A time as SQLAlchemy stores a DateTime in SQLite (UTC, microseconds, no offset), so that
    both paths write the same text."""
    return t.strftime("%Y-%m-%d %H:%M:%S.%f")


class Writer:
    """Writes reports, failures and file states through ``con`` (a DB-API connection of
    ``dialect``, 'sqlite' or 'postgresql'), one transaction each. ``owns``: close() closes it."""

    def __init__(self, con, dialect: str, owns: bool = False):
        if dialect not in ("sqlite", "postgresql"):
            raise ValueError(f"no writer for {dialect}")
        self.con, self.dialect, self.owns = con, dialect, owns
        self.sqlite = dialect == "sqlite"
        self._sql: dict = {}   # statements as this dialect takes them

    # --- SQL in both dialects: written with ?, given to psycopg with %s
    def sql(self, text_: str) -> str:
        """``text_`` as this connection's driver takes it (psycopg's placeholder is %s)."""
        if self.sqlite:
            return text_
        got = self._sql.get(text_)
        if got is None:
            got = self._sql[text_] = text_.replace("?", "%s")
        return got

    def _insert_sql(self, table: str, returning: str | None = None, ignore_key: str | None = None) -> str:
        """The INSERT of COLUMNS[table], built once per writer."""
        key = (table, returning, ignore_key)
        got = self._sql.get(key)
        if got is None:
            cols = COLUMNS[table]
            out = f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
            if ignore_key:
                out += f" ON CONFLICT ({ignore_key}) DO NOTHING"
            if returning:
                out += f" RETURNING {returning}"
            got = self._sql[key] = self.sql(out)
        return got

    def _insert(self, cur, table: str, rows: list[tuple], **how) -> None:
        if rows:
            cur.executemany(self._insert_sql(table, **how), rows)

    def _in(self, n: int) -> str:
        return "(" + ", ".join("?" * n) + ")"

    def _time(self, t: datetime):
        return _sqlite_time(t) if self.sqlite else t

    @contextmanager
    def transaction(self):
        """A cursor in a transaction committed at the end of the block, rolled back on an error.
        SQLite's takes the write lock up front (BEGIN IMMEDIATE): one that read first and then
        wrote would fail at once with "database is locked" when another ingest wrote meanwhile."""
        cur = self.con.cursor()
        try:
            if self.sqlite:
                cur.execute("BEGIN IMMEDIATE")
            yield cur
            if self.sqlite:
                cur.execute("COMMIT")
            else:
                self.con.commit()
        except BaseException:
            if self.sqlite:
                if self.con.in_transaction:
                    cur.execute("ROLLBACK")
            else:
                self.con.rollback()
            raise
        finally:
            cur.close()

    def _read(self, sql: str, params=()) -> list[tuple]:
        cur = self.con.cursor()
        try:
            cur.execute(self.sql(sql), params)
            rows = cur.fetchall()
        finally:
            cur.close()
        if not self.sqlite:
            self.con.rollback()   # psycopg began a transaction for the read: end it
        return rows

    # --- what an ingest asks before it reads
    def known_shas(self) -> set[str]:
        """Hashes of every file already loaded: an ingest skips these without parsing them."""
        return {r[0] for r in self._read("SELECT sha256 FROM documents")}

    def file_states(self) -> dict[str, tuple]:
        """What was seen of each loaded file: path -> (size, mtime_ns, ctime_ns, inode, device,
        checked_ns, sha256), for files whose document is still in the database."""
        return {r[0]: tuple(r[1:]) for r in self._read(
            "SELECT f.path, f.size, f.mtime_ns, f.ctime_ns, f.inode, f.device, f.checked_ns, f.sha256 "
            "FROM file_state f JOIN documents d ON d.sha256 = f.sha256")}

    # --- one report
    def load(self, doc: Report) -> str:
        """'loaded', 'replaced' (an older version of the same report left the views), 'held_back'
        (stored as a non-current version: the current one is more complete) or 'unchanged'."""
        m, md = doc.model, doc.metadata
        items = len(doc.scores)
        with self.transaction() as cur:
            cur.execute(self.sql("SELECT id FROM documents WHERE sha256 = ?"), (m.sha256,))
            if cur.fetchone():
                return "unchanged"
            older = self._older_versions(cur, m.path, fold(md.issuer) if md.issuer else None,
                                         doc.framework, md.assessment_year)
            current, reason, keeper = decide_version(doc, items, self._versions(cur, older))
            if not current:
                doc.findings.append(Finding(None, "incomplete_resubmission", "warning", reason))
            row = dict(file_name=storable(m.file_name), path=storable(m.path), sha256=m.sha256, format=m.format,
                       is_current=current, superseded_by=keeper, items_read=items, version_reason=reason,
                       **self._document_fields(doc))
            cur.execute(self._insert_sql("documents", returning="id"), [row[c] for c in COLUMNS["documents"]])
            doc_id = cur.fetchone()[0]
            if current and older:
                cur.execute(self.sql(f"UPDATE documents SET is_current = ?, superseded_by = ?, version_reason = ? "
                                     f"WHERE id IN {self._in(len(older))}"),
                            (False, doc_id, f"superseded by document {doc_id} ({storable(m.file_name)}): {reason}",
                             *older))
                self._uncount_citations(cur, older)
            self._write_contents(cur, doc_id, doc, counted=current)
            fault_point("after_insert")
        if not current:
            return "held_back"
        return "replaced" if older else "loaded"

    def reload(self, doc_id: int, doc: Report) -> None:
        """Replaces what was extracted from a stored document (framework, metadata, scores,
        observations, findings, citations) with ``doc``, keeping its id, file and version history:
        how `chamdiem remap` moves provisional rows to a framework added since."""
        with self.transaction() as cur:
            if self.sqlite:
                cur.execute("DELETE FROM search_fts WHERE rowid IN (SELECT id FROM search_index WHERE document_id = ?)",
                            (doc_id,))
            self._uncount_citations(cur, [doc_id])
            for table in ("scores", "findings", "citations", "observations", "document_texts", "search_index"):
                cur.execute(self.sql(f"DELETE FROM {table} WHERE document_id = ?"), (doc_id,))
            fields = dict(items_read=len(doc.scores), **self._document_fields(doc))
            cur.execute(self.sql(f"UPDATE documents SET {', '.join(f'{k} = ?' for k in fields)} WHERE id = ?"),
                        (*fields.values(), doc_id))
            self._write_contents(cur, doc_id, doc)

    def _document_fields(self, doc: Report) -> dict:
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
                    loaded_at=self._time(datetime.now(timezone.utc)))

    def _write_contents(self, cur, doc_id: int, doc: Report, counted: bool = True) -> None:
        """Everything extracted from the document, in the loader's transaction; ``counted``: its
        citations enter the registry's counts (a version held back is not current, so they do not)."""
        self._insert(cur, "document_texts", [(doc_id, doc.model.text)])
        self._write_observations(cur, doc_id, doc)
        self._insert(cur, "scores", [
            (doc_id, s.criterion_id, s.label, *map(s.values.get, SCORE_FIELDS), s.origin, s.page, s.line, s.start,
             s.end, s.confidence, s.cell_ref, *_corners(s.box)) for s in doc.scores])
        self._insert(cur, "findings", [
            (doc_id, f.criterion_id, f.kind, f.severity, f.message, f.source, f.field, f.start, f.end)
            for f in doc.findings])
        self._write_search_index(cur, doc_id, doc)
        if not doc.citations:
            return
        cited = self._cited_document_ids(cur, resolve(doc.citations))
        self._insert(cur, "citations", [
            (doc_id, c.criterion_id, c.doc_type, c.type_code, c.number, c.year, c.symbol, c.issued_on, c.text,
             c.page, c.line, c.start, c.end, cid, *_corners(c.box)) for c, cid in zip(doc.citations, cited)])
        if counted:   # the registry's counts: this document now cites each of these
            self._count_cited(cur, [(n, 1, cid) for cid, n in Counter(cited).items()])

    def _count_cited(self, cur, rows: list[tuple]) -> None:
        """rows: (mentions, citing reports, registry id) added to the registry's counts."""
        if rows:
            cur.executemany(self.sql("UPDATE cited_documents SET mentions = mentions + ?, "
                                     "citing_reports = citing_reports + ? WHERE id = ?"), rows)

    def _uncount_citations(self, cur, doc_ids: list[int]) -> None:
        """Takes the citations of documents that stop being current out of the registry's counts."""
        cur.execute(self.sql(f"SELECT cited_document_id, count(*), count(DISTINCT document_id) FROM citations "
                             f"WHERE document_id IN {self._in(len(doc_ids))} AND cited_document_id IS NOT NULL "
                             "GROUP BY cited_document_id"), doc_ids)
        self._count_cited(cur, [(-m, -r, cid) for cid, m, r in cur.fetchall()])

    def _versions(self, cur, ids: list[int]) -> list[dict]:
        if not ids:
            return []
        cur.execute(self.sql(f"SELECT id, file_name, items_read, issued_on FROM documents "
                             f"WHERE id IN {self._in(len(ids))} ORDER BY id"), ids)
        return [dict(zip(("id", "file_name", "items_read", "issued_on"), r)) for r in cur.fetchall()]

    def _older_versions(self, cur, path, issuer_key, framework, year) -> list[int]:
        cur.execute(self.sql("SELECT id FROM documents WHERE is_current = ? AND path = ?"), (True, storable(path)))
        ids = {r[0] for r in cur.fetchall()}
        if issuer_key and framework and year and not is_provisional(framework):
            # (a provisional framework names only the unit and year: two different unknown sheets
            # of one unit would look like versions of one report)
            cur.execute(self.sql("SELECT id FROM documents WHERE is_current = ? AND issuer_key = ? "
                                 "AND framework = ? AND assessment_year = ?"), (True, issuer_key, framework, year))
            ids |= {r[0] for r in cur.fetchall()}
        return sorted(ids)

    def _cited_document_ids(self, cur, keys) -> list[int]:
        """Registry ids for the keys, adding the documents not seen before (safe under concurrency)."""
        rows = {k.text: (k.text, k.doc_type, k.number, k.year, k.symbol, k.issuer_code, k.issued_on, 0, 0)
                for k in keys}
        self._insert(cur, "cited_documents", list(rows.values()), ignore_key="doc_key")
        ids: dict[str, int] = {}
        wanted = list(rows)
        for k in range(0, len(wanted), 500):
            part = wanted[k:k + 500]
            cur.execute(self.sql(f"SELECT doc_key, id FROM cited_documents WHERE doc_key IN {self._in(len(part))}"),
                        part)
            ids.update(cur.fetchall())
        return [ids[k.text] for k in keys]

    def _write_search_index(self, cur, doc_id: int, doc: Report) -> None:
        """The document's searchable pieces, and on SQLite their folded copy in search_fts, in the
        document's own transaction: search never shows half a report."""
        rows = [(doc_id, "text", None, t, n, s, e) for t, n, s, e in text_lines(doc.model.text)]
        rows += [(doc_id, "criterion", s.criterion_id, s.label, s.line, s.start, s.end) for s in doc.scores if s.label]
        rows += [(doc_id, "citation", c.criterion_id, c.text, c.line, c.start, c.end) for c in doc.citations]
        if not rows:
            return
        self._insert(cur, "search_index", rows)
        if self.sqlite:
            cur.execute("SELECT id FROM search_index WHERE document_id = ? ORDER BY id", (doc_id,))
            ids = [r[0] for r in cur.fetchall()]
            cur.executemany("INSERT INTO search_fts (rowid, folded) VALUES (?, ?)",
                            zip(ids, search_folds(list(map(itemgetter(3), rows)))))

    def _write_observations(self, cur, doc_id: int, doc: Report) -> None:
        if not doc.observations:
            return
        self._insert(cur, "observations", [
            (doc_id, k, o.source, o.criterion_id, o.marker, o.label, o.is_total, o.page, o.line, o.start, o.end,
             o.cell_ref) for k, o in enumerate(doc.observations)])
        cur.execute(self.sql("SELECT seq, id FROM observations WHERE document_id = ?"), (doc_id,))
        ids = dict(cur.fetchall())
        self._insert(cur, "observation_values", [
            (ids[k], f, v.value, v.raw, v.start, v.end, v.confidence, v.cell_ref, *_located(v.box))
            for k, o in enumerate(doc.observations) for f, v in o.values.items() if f in SCORE_FIELDS])

    # --- the rest of an ingest
    def record_error(self, path: str, sha256: str | None, kind: str, message: str) -> None:
        with self.transaction() as cur:
            same = "sha256 = ?" if sha256 else "sha256 IS NULL"
            cur.execute(self.sql(f"SELECT id FROM ingest_errors WHERE path = ? AND error_kind = ? AND {same}"),
                        (storable(path), kind, *([sha256] if sha256 else [])))
            if cur.fetchone():
                return  # the same file failing the same way again changes nothing
            self._insert(cur, "ingest_errors", [(storable(os.path.basename(path)), storable(path), sha256, kind,
                                                 storable(message), self._time(datetime.now(timezone.utc)))])

    def remember_files(self, rows: list[dict]) -> None:
        """Records what was seen of files just loaded or found unchanged (replacing older records)."""
        if not rows:
            return
        with self.transaction() as cur:
            paths = [r["path"] for r in rows]
            for k in range(0, len(paths), 500):
                part = paths[k:k + 500]
                cur.execute(self.sql(f"DELETE FROM file_state WHERE path IN {self._in(len(part))}"), part)
            self._insert(cur, "file_state", list(map(itemgetter(*COLUMNS["file_state"]), rows)))

    def refresh_statistics(self) -> None:
        """SQLite plans a view's joins well only with table statistics (ANALYZE): they are taken
        (sampled, so in well under a second) when missing or when the database has grown by half
        since they were. PostgreSQL keeps its own (autovacuum)."""
        if not self.sqlite:
            return
        with self.transaction() as cur:
            docs = cur.execute("SELECT count(*) FROM documents").fetchone()[0]
            last = cur.execute("SELECT value FROM chamdiem_meta WHERE key = 'analyzed_documents'").fetchone()
            if last is not None and docs < 1.5 * int(last[0]) + 10:
                return
            cur.execute("PRAGMA analysis_limit=400")
            cur.execute("ANALYZE")
            cur.execute("DELETE FROM chamdiem_meta WHERE key = 'analyzed_documents'")
            cur.execute("INSERT INTO chamdiem_meta (key, value) VALUES ('analyzed_documents', ?)", (str(docs),))

    def close(self) -> None:
        """Closes the connection when the writer opened it: SQLite then folds its write-ahead log
        into the database file, so the file alone is the whole database again."""
        if self.owns:
            self.con.close()


def open_sqlite(db: str) -> Writer | None:
    """A Writer on a sqlite3 connection, for a SQLite file at the current schema whose views and
    classification thresholds are in step with this version of chamdiem; None for anything else
    (a new file, an older schema, a server, a changed framework file): the store then opens the
    database with SQLAlchemy, brings it up to date and writes through its own connection."""
    path = sqlite_file(db)
    con = connect_at_head(path) if path is not None else None
    if con is None:
        return None
    try:
        meta = dict(con.execute("SELECT key, value FROM chamdiem_meta WHERE key IN ('views', 'thresholds')"))
        if meta.get("views") != views_signature() or meta.get("thresholds") != frameworks_signature():
            con.close()
            return None
        prepare_sqlite(con)
    except sqlite3.Error:
        con.close()
        return None
    return Writer(con, "sqlite", owns=True)

