"""Each stored column, declared once: tables.py builds the SQLAlchemy tables from these lines and the
writer its INSERTs and rows, so a column added here reaches both (its migration and views.sql
still have to say it). Plain data, no SQLAlchemy: the writer imports this without it."""
from __future__ import annotations

from collections import namedtuple
from dataclasses import dataclass
from functools import cache


@dataclass(frozen=True, slots=True)
class Stored:
    """One column: ``kind`` is integer, bigint, float, boolean, text, string (of ``size``) or time
    (a time with its zone). ``filled_by_database``: an id the database numbers, never written."""
    name: str
    kind: str
    size: int | None = None
    required: bool = False
    primary: bool = False
    unique: bool = False
    index: bool = False
    references: str | None = None      # "table.column"
    cascade: bool = False              # rows go with the row they reference
    default: object = None
    server_default: str | None = None
    filled_by_database: bool = False


def _id() -> Stored:
    return Stored("id", "integer", primary=True, filled_by_database=True)


def _document_id(primary: bool = False) -> Stored:
    return Stored("document_id", "integer", required=True, primary=primary, index=not primary,
                  references="documents.id", cascade=True)


def _box() -> tuple[Stored, ...]:
    """A box on its page in PDF points from the page's top left (migration 0011): PDF and scans."""
    return tuple(Stored(corner, "float") for corner in ("x0", "y0", "x1", "y1"))


def _span(required: bool) -> tuple[Stored, ...]:
    return Stored("char_start", "integer", required=required), Stored("char_end", "integer", required=required)


SCORE_COLUMNS = tuple(Stored(f, "float") for f in ("max_points", "self_score", "authority_score", "bonus_max",
                                                   "bonus_self", "bonus_authority"))   # bonus_authority: 0009

# Table name -> its columns, in the order of the tables (and of every INSERT).
STORED: dict[str, tuple[Stored, ...]] = {
    "documents": (
        _id(),
        Stored("file_name", "string", 512, required=True),
        Stored("path", "text", required=True),
        Stored("sha256", "string", 64, required=True, unique=True),
        Stored("format", "string", 16, required=True),
        Stored("framework", "string", 96),   # 96/160: provisional IDs (sheet:<issuer>-<year>) are long
        Stored("report_number", "string", 128),
        Stored("issuer", "string", 512),
        Stored("issuer_key", "string", 512),
        Stored("issued_on", "string", 10),
        Stored("assessment_year", "integer"),
        Stored("signer", "string", 256),
        Stored("classification", "string", 32),
        Stored("total_max", "float"),
        Stored("total_self", "float"),
        Stored("total_authority", "float"),
        Stored("pages", "integer"),
        Stored("legacy_encoding", "string", 16),
        # migration 0009: a DOCX held tracked changes (its text is read with every change accepted)
        Stored("unaccepted_changes", "boolean", required=True, default=False, server_default="false"),
        Stored("is_current", "boolean", required=True, default=True),
        Stored("superseded_by", "integer", references="documents.id"),
        Stored("loaded_at", "time", required=True),
        Stored("framework_confidence", "float"),   # how well the best known framework fits, 0-1
        Stored("ocr", "boolean", required=True, default=False, server_default="false"),
        Stored("items_read", "integer"),          # scored items read: how complete this version is
        Stored("version_reason", "text"),         # why this version is or is not current
        # migration 0010: the unit (registry below), how complete the report is, and its kind of version
        Stored("unit_id", "integer"),             # units.id (no foreign key: SQLite cannot add one to a table)
        Stored("items_expected", "integer"),      # the framework's items down to the deepest level read
        Stored("criteria_expected", "integer"),   # the framework's criteria (one level under its total)
        Stored("criteria_unread", "integer"),     # of those, how many have no self score read
        Stored("total_self_computed", "float"),   # the criteria's self scores added up, when all were read
        Stored("version_kind", "string", 16),     # 'first', 'rendition' or 'resubmission'
    ),
    # The units registry (migration 0010): one row per unit; every name it was read under is an alias
    # (matched by its key: folded, motto removed, abbreviations expanded); pairs of units whose names
    # are only alike wait in unit_doubts for the user (`chamdiem units`).
    "units": (
        _id(),
        Stored("name", "string", 512, required=True),
        Stored("unit_key", "string", 512, required=True, unique=True),
        Stored("level", "string", 32),
        Stored("parent_id", "integer", references="units.id"),
        Stored("named_by", "string", 16, required=True, server_default="report"),   # 'report' or 'user'
    ),
    "unit_aliases": (
        Stored("alias_key", "string", 512, primary=True),
        Stored("unit_id", "integer", required=True, index=True, references="units.id"),
        Stored("alias", "string", 512, required=True),
    ),
    "unit_doubts": (
        Stored("unit_id", "integer", primary=True, references="units.id"),
        Stored("other_unit_id", "integer", primary=True, references="units.id"),
        Stored("similarity", "float", required=True),
        Stored("status", "string", 16, required=True, server_default="open"),   # 'open' or 'separate'
    ),
    "document_texts": (
        _document_id(primary=True),
        Stored("text", "text", required=True),
    ),
    "observations": (
        _id(),
        _document_id(),
        Stored("seq", "integer", required=True),
        Stored("source", "string", 16, required=True),
        Stored("criterion_id", "string", 160),
        Stored("marker", "string", 128),
        Stored("label", "text"),
        Stored("is_total", "boolean", required=True),
        Stored("page", "integer"),
        Stored("line", "integer", required=True),
        *_span(required=True),
        Stored("cell_ref", "string", 160),   # spreadsheet cells of the row: 'Sheet1!A14:F14'
    ),
    "observation_values": (
        Stored("observation_id", "integer", required=True, primary=True, references="observations.id", cascade=True),
        Stored("field", "string", 32, required=True, primary=True),
        Stored("value", "float", required=True),
        Stored("raw", "string", 64, required=True),
        *_span(required=True),
        Stored("confidence", "float"),   # OCR confidence 0-100; NULL for a text layer
        Stored("cell_ref", "string", 160),   # the spreadsheet cell of the value: 'Sheet1!D14'
        Stored("page", "integer"),           # page of the value's characters (migration 0011)
        *_box(),
    ),
    "scores": (
        _document_id(primary=True),
        Stored("criterion_id", "string", 64, required=True, primary=True),
        Stored("label", "text"),
        *SCORE_COLUMNS,
        Stored("origin", "string", 16, required=True),
        Stored("page", "integer"),
        Stored("line", "integer", required=True),
        *_span(required=True),
        Stored("confidence", "float"),   # lowest OCR confidence of the row's values; NULL for a text layer
        Stored("cell_ref", "string", 160),   # spreadsheet cells of the row the values come from
        *_box(),                             # the row's box
    ),
    "findings": (
        _id(),
        _document_id(),
        Stored("criterion_id", "string", 160),
        Stored("kind", "string", 64, required=True),
        Stored("severity", "string", 16, required=True),
        Stored("message", "text", required=True),
        Stored("source", "string", 16),
        Stored("field", "string", 32),
        *_span(required=False),
    ),
    "cited_documents": (
        _id(),
        Stored("doc_key", "string", 400, required=True, unique=True),
        Stored("doc_type", "string", 64),
        Stored("number", "string", 32),
        Stored("year", "integer"),
        Stored("symbol", "string", 128),
        Stored("issuer_code", "string", 128),
        Stored("issued_on", "string", 10),
        # how often, and by how many current reports, the document is cited (kept by the writer)
        Stored("mentions", "integer", required=True, server_default="0"),
        Stored("citing_reports", "integer", required=True, server_default="0"),
    ),
    "citations": (
        _id(),
        _document_id(),
        Stored("criterion_id", "string", 160),
        Stored("doc_type", "string", 64),
        Stored("type_code", "string", 16),
        Stored("number", "string", 32),
        Stored("year", "integer"),
        Stored("symbol", "string", 128),
        Stored("issued_on", "string", 10),
        Stored("text", "text", required=True),
        Stored("page", "integer"),
        Stored("line", "integer", required=True),
        *_span(required=True),
        Stored("cited_document_id", "integer", references="cited_documents.id"),
        *_box(),                             # the mention's box
    ),
    # Auditors' verdicts on scores (migration 0011): appended, never changed; keyed to the file's
    # sha256 and the criterion, so a verdict outlives a re-ingest of the same file.
    "reviews": (
        _id(),
        Stored("sha256", "string", 64, required=True),
        Stored("file_name", "string", 512, required=True),
        Stored("criterion_id", "string", 160, required=True),
        Stored("field", "string", 32, required=True),
        Stored("value_read", "float"),              # what chamdiem read when the verdict was given
        Stored("verdict", "string", 16, required=True),   # confirmed | corrected | unreadable
        Stored("value", "float"),                   # the value the auditor reads (NULL when unreadable)
        Stored("note", "text"),
        Stored("reviewer", "string", 128, required=True),
        Stored("reviewed_at", "time", required=True),
        Stored("document_id", "integer"),           # the version the verdict was made on
    ),
    "ingest_errors": (
        _id(),
        Stored("file_name", "string", 512, required=True),
        Stored("path", "text", required=True),
        Stored("sha256", "string", 64),
        Stored("error_kind", "string", 64, required=True),
        Stored("message", "text", required=True),
        Stored("at", "time", required=True),
    ),
    # The searchable pieces of each document (migration 0003): its text line by line (kind 'text'), the
    # names of its scored items ('criterion') and its citations ('citation'). On SQLite the FTS5 table
    # search_fts (a virtual table, not declared here) indexes their folded copy under the same rowid
    # (contentless since migration 0012: the index only).
    "search_index": (
        _id(),
        _document_id(),
        Stored("kind", "string", 16, required=True),
        Stored("criterion_id", "string", 64),
        Stored("text", "text", required=True),
        Stored("line", "integer"),
        *_span(required=False),
    ),
    # Each framework's classification scale as its catalog states it (the store keeps it in step): a
    # total of at least min_total earns the classification, on a sheet whose total max is scale_max.
    "classification_thresholds": (
        Stored("framework", "string", 32, required=True, primary=True),
        Stored("classification", "string", 32, required=True, primary=True),
        Stored("min_total", "float", required=True),
        Stored("scale_max", "float"),
    ),
    # What an ingest saw of each file it loaded: a file whose size, times, inode and device are
    # unchanged since (and whose times were not within a second of the check) is skipped unread.
    "file_state": (
        Stored("path", "text", required=True, primary=True),
        *(Stored(name, "bigint", required=True) for name in ("size", "mtime_ns", "ctime_ns", "inode", "device",
                                                              "checked_ns")),
        Stored("sha256", "string", 64, required=True),
    ),
    "chamdiem_meta": (
        Stored("key", "string", 64, required=True, primary=True),
        Stored("value", "text", required=True),
    ),
}


@cache
def written(table: str) -> tuple[str, ...]:
    """The columns an INSERT into ``table`` names, in order: all but the ids the database numbers."""
    return tuple(c.name for c in STORED[table] if not c.filled_by_database)


@cache
def row_type(table: str):
    """A named tuple of ``written(table)``: rows built by keyword, so a column forgotten or
    misnamed fails at once, and handed to executemany as they are (a named tuple is a tuple)."""
    return namedtuple(f"{table}_row", written(table))
