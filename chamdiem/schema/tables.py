"""The tables behind the analyst views (SQLAlchemy Core; SQLite and PostgreSQL alike)."""
from __future__ import annotations

from sqlalchemy import (Boolean, Column, DateTime, Float, ForeignKey, Index, Integer, MetaData, String, Table,
                        Text, UniqueConstraint)

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
    Column("framework", String(32)),
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
    Column("is_current", Boolean, nullable=False, default=True),
    Column("superseded_by", Integer, ForeignKey("documents.id")),
    Column("loaded_at", DateTime(timezone=True), nullable=False),
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
    Column("criterion_id", String(64)),
    Column("marker", String(128)),
    Column("label", Text),
    Column("is_total", Boolean, nullable=False),
    Column("page", Integer),
    Column("line", Integer, nullable=False),
    Column("char_start", Integer, nullable=False),
    Column("char_end", Integer, nullable=False),
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
)

findings = Table(
    "findings", metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("criterion_id", String(64)),
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
)

citations = Table(
    "citations", metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("criterion_id", String(64)),
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
)

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

chamdiem_meta = Table(
    "chamdiem_meta", metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)
