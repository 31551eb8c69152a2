"""The tables behind the analyst views (SQLAlchemy Core; SQLite and PostgreSQL alike)."""
from __future__ import annotations

from sqlalchemy import (BigInteger, Boolean, Column, DateTime, Float, ForeignKey, Index, Integer, MetaData, String,
                        Table, Text, UniqueConstraint, false)

# The model the code writes with. The database is built by the Alembic migrations in
# schema/migrations (tests check that the two agree).
metadata = MetaData()

documents = Table(
    "documents", metadata,
    Column("id", Integer, primary_key=True),
    Column("file_name", String(512), nullable=False),
    Column("path", Text, nullable=False),
    Column("sha256", String(64), nullable=False, unique=True),
    Column("format", String(16), nullable=False),
    Column("framework", String(96)),  # 96/160: provisional IDs (sheet:<issuer>-<year>) are long
    Column("report_number", String(128)),
    Column("issuer", String(512)),
    Column("issuer_key", String(512)),
    Column("issued_on", String(10)),
    Column("assessment_year", Integer),
    Column("signer", String(256)),
    Column("classification", String(32)),
    Column("total_max", Float),
    Column("total_self", Float),
    Column("total_authority", Float),
    Column("pages", Integer),
    Column("legacy_encoding", String(16)),
    Column("is_current", Boolean, nullable=False, default=True),
    Column("superseded_by", Integer, ForeignKey("documents.id")),
    Column("loaded_at", DateTime(timezone=True), nullable=False),
    Column("framework_confidence", Float),   # how well the best known framework fits, 0-1
    Column("ocr", Boolean, nullable=False, default=False, server_default=false()),
    Column("items_read", Integer),          # scored items read: how complete this version is
    Column("version_reason", Text),         # why this version is or is not current
)
Index("ix_documents_unit", documents.c.issuer_key, documents.c.framework, documents.c.assessment_year)

document_texts = Table(
    "document_texts", metadata,
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("text", Text, nullable=False),
)

observations = Table(
    "observations", metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("seq", Integer, nullable=False),
    Column("source", String(16), nullable=False),
    Column("criterion_id", String(160)),
    Column("marker", String(128)),
    Column("label", Text),
    Column("is_total", Boolean, nullable=False),
    Column("page", Integer),
    Column("line", Integer, nullable=False),
    Column("char_start", Integer, nullable=False),
    Column("char_end", Integer, nullable=False),
    Column("cell_ref", String(160)),   # spreadsheet cells of the row: 'Sheet1!A14:F14'
    UniqueConstraint("document_id", "seq"),
)

observation_values = Table(
    "observation_values", metadata,
    Column("observation_id", Integer, ForeignKey("observations.id", ondelete="CASCADE"), primary_key=True),
    Column("field", String(32), primary_key=True),
    Column("value", Float, nullable=False),
    Column("raw", String(64), nullable=False),
    Column("char_start", Integer, nullable=False),
    Column("char_end", Integer, nullable=False),
    Column("confidence", Float),   # OCR confidence 0-100; NULL for a text layer
    Column("cell_ref", String(160)),   # the spreadsheet cell of the value: 'Sheet1!D14'
    # page and box of the value's characters, PDF points from the page's top left (migration 0011)
    Column("page", Integer),
    Column("x0", Float), Column("y0", Float), Column("x1", Float), Column("y1", Float),
)

scores = Table(
    "scores", metadata,
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("criterion_id", String(64), primary_key=True),
    Column("label", Text),
    Column("max_points", Float),
    Column("self_score", Float),
    Column("authority_score", Float),
    Column("bonus_max", Float),
    Column("bonus_self", Float),
    Column("origin", String(16), nullable=False),
    Column("page", Integer),
    Column("line", Integer, nullable=False),
    Column("char_start", Integer, nullable=False),
    Column("char_end", Integer, nullable=False),
    Column("confidence", Float),   # lowest OCR confidence of the row's values; NULL for a text layer
    Column("cell_ref", String(160)),   # spreadsheet cells of the row the values come from
    Column("x0", Float), Column("y0", Float), Column("x1", Float), Column("y1", Float),   # the row's box on page
)

findings = Table(
    "findings", metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("criterion_id", String(160)),
    Column("kind", String(64), nullable=False),
    Column("severity", String(16), nullable=False),
    Column("message", Text, nullable=False),
    Column("source", String(16)),
    Column("field", String(32)),
    Column("char_start", Integer),
    Column("char_end", Integer),
)

cited_documents = Table(
    "cited_documents", metadata,
    Column("id", Integer, primary_key=True),
    Column("doc_key", String(400), nullable=False, unique=True),
    Column("doc_type", String(64)),
    Column("number", String(32)),
    Column("year", Integer),
    Column("symbol", String(128)),
    Column("issuer_code", String(128)),
    Column("issued_on", String(10)),
    # how often, and by how many current reports, the document is cited (kept by the loader)
    Column("mentions", Integer, nullable=False, server_default="0"),
    Column("citing_reports", Integer, nullable=False, server_default="0"),
)
Index("ix_cited_documents_cited", cited_documents.c.citing_reports, cited_documents.c.mentions)

citations = Table(
    "citations", metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("criterion_id", String(160)),
    Column("doc_type", String(64)),
    Column("type_code", String(16)),
    Column("number", String(32)),
    Column("year", Integer),
    Column("symbol", String(128)),
    Column("issued_on", String(10)),
    Column("text", Text, nullable=False),
    Column("page", Integer),
    Column("line", Integer, nullable=False),
    Column("char_start", Integer, nullable=False),
    Column("char_end", Integer, nullable=False),
    Column("cited_document_id", Integer, ForeignKey("cited_documents.id")),
    Column("x0", Float), Column("y0", Float), Column("x1", Float), Column("y1", Float),   # the mention's box on page
)

Index("ix_citations_cited_document", citations.c.cited_document_id, citations.c.document_id)

ingest_errors = Table(
    "ingest_errors", metadata,
    Column("id", Integer, primary_key=True),
    Column("file_name", String(512), nullable=False),
    Column("path", Text, nullable=False),
    Column("sha256", String(64)),
    Column("error_kind", String(64), nullable=False),
    Column("message", Text, nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
)

# The searchable pieces of each document (migration 0003): its text line by line (kind 'text'), the names
# of its scored items ('criterion') and its citations ('citation'). On SQLite the FTS5 table search_fts
# (not modelled here: a virtual table) holds their folded copy under the same rowid.
search_index = Table(
    "search_index", metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("kind", String(16), nullable=False),
    Column("criterion_id", String(64)),
    Column("text", Text, nullable=False),
    Column("line", Integer),
    Column("char_start", Integer),
    Column("char_end", Integer),
)

# Each framework's classification scale as its catalog states it (the store keeps it in step):
# a total of at least min_total earns the classification, on a sheet whose total max is scale_max.
classification_thresholds = Table(
    "classification_thresholds", metadata,
    Column("framework", String(32), primary_key=True),
    Column("classification", String(32), primary_key=True),
    Column("min_total", Float, nullable=False),
    Column("scale_max", Float),
)
# What an ingest saw of each file it loaded: a file whose size, times, inode and device are unchanged
# since (and whose times were not within a second of the check) is skipped without being read.
file_state = Table(
    "file_state", metadata,
    Column("path", Text, primary_key=True),
    Column("size", BigInteger, nullable=False),
    Column("mtime_ns", BigInteger, nullable=False),
    Column("ctime_ns", BigInteger, nullable=False),
    Column("inode", BigInteger, nullable=False),
    Column("device", BigInteger, nullable=False),
    Column("checked_ns", BigInteger, nullable=False),
    Column("sha256", String(64), nullable=False),
)

# Indexes for the analyst views' filters and joins (migration 0006).
Index("ix_documents_current", documents.c.is_current, documents.c.id)
Index("ix_documents_file_name", documents.c.file_name)
Index("ix_documents_path", documents.c.path)
Index("ix_documents_framework_year", documents.c.framework, documents.c.assessment_year)
Index("ix_scores_criterion", scores.c.criterion_id)
Index("ix_findings_kind", findings.c.kind, findings.c.severity)
Index("ix_findings_severity", findings.c.severity)
Index("ix_findings_criterion", findings.c.criterion_id)
Index("ix_citations_criterion", citations.c.criterion_id)
Index("ix_citations_type_number", citations.c.doc_type, citations.c.number)
Index("ix_cited_documents_type_number", cited_documents.c.doc_type, cited_documents.c.number)
Index("ix_observations_criterion", observations.c.criterion_id)
Index("ix_ingest_errors_path", ingest_errors.c.path, ingest_errors.c.error_kind)

# Auditors' verdicts on scores (migration 0011): appended, never changed; keyed to the file's
# sha256 and the criterion, so a verdict outlives a re-ingest of the same file.
reviews = Table(
    "reviews", metadata,
    Column("id", Integer, primary_key=True),
    Column("sha256", String(64), nullable=False),
    Column("file_name", String(512), nullable=False),
    Column("criterion_id", String(160), nullable=False),
    Column("field", String(32), nullable=False),
    Column("value_read", Float),        # what chamdiem read when the verdict was given
    Column("verdict", String(16), nullable=False),   # confirmed | corrected | unreadable
    Column("value", Float),             # the value the auditor reads (NULL when unreadable)
    Column("note", Text),
    Column("reviewer", String(128), nullable=False),
    Column("reviewed_at", DateTime(timezone=True), nullable=False),
    Column("document_id", Integer),     # the version the verdict was made on
)
Index("ix_reviews_key", reviews.c.sha256, reviews.c.criterion_id)
Index("ix_documents_superseded_by", documents.c.superseded_by)

chamdiem_meta = Table(
    "chamdiem_meta", metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)
