"""The tables behind the analyst views (SQLAlchemy Core; SQLite and PostgreSQL alike)."""
from __future__ import annotations

from sqlalchemy import (BigInteger, Boolean, Column, DateTime, Float, ForeignKey, Index, Integer, MetaData, String,
                        Table, Text, UniqueConstraint, false)

from chamdiem.store.schema.columns import STORED, Stored

# The model the code writes with, built from the column declarations of columns.py (which the
# writer reads too). The database is built by the Alembic migrations in schema/migrations (tests
# check that the two agree).
metadata = MetaData()

_KINDS = {"integer": Integer, "bigint": BigInteger, "float": Float, "boolean": Boolean, "text": Text}


def _type(col: Stored):
    if col.kind == "string":
        return String(col.size)
    if col.kind == "time":
        return DateTime(timezone=True)
    return _KINDS[col.kind]


def _column(col: Stored) -> Column:
    refs = [ForeignKey(col.references, ondelete="CASCADE" if col.cascade else None)] if col.references else []
    server_default = {"false": false()}.get(col.server_default, col.server_default)
    return Column(col.name, _type(col), *refs, primary_key=col.primary, nullable=not (col.required or col.primary),
                  unique=col.unique or None, index=col.index or None, default=col.default,
                  server_default=server_default)


def _table(name: str, *constraints) -> Table:
    return Table(name, metadata, *map(_column, STORED[name]), *constraints)


documents = _table("documents")
Index("ix_documents_unit_id", documents.c.unit_id, documents.c.framework, documents.c.assessment_year)
units = _table("units")
unit_aliases = _table("unit_aliases")
unit_doubts = _table("unit_doubts")
Index("ix_documents_unit", documents.c.issuer_key, documents.c.framework, documents.c.assessment_year)
document_texts = _table("document_texts")
observations = _table("observations", UniqueConstraint("document_id", "seq"))
observation_values = _table("observation_values")
scores = _table("scores")
findings = _table("findings")
cited_documents = _table("cited_documents")
Index("ix_cited_documents_cited", cited_documents.c.citing_reports, cited_documents.c.mentions)
citations = _table("citations")
Index("ix_citations_cited_document", citations.c.cited_document_id, citations.c.document_id)
ingest_errors = _table("ingest_errors")
search_index = _table("search_index")
classification_thresholds = _table("classification_thresholds")
file_state = _table("file_state")
chamdiem_meta = _table("chamdiem_meta")
reviews = _table("reviews")
Index("ix_reviews_key", reviews.c.sha256, reviews.c.criterion_id)
Index("ix_documents_superseded_by", documents.c.superseded_by)

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
