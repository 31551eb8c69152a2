"""Baseline: documents, texts, observations, scores, findings, citations, ingest errors.

Revision ID: 0001
"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def _span():
    return [sa.Column("page", sa.Integer), sa.Column("line", sa.Integer, nullable=False),
            sa.Column("char_start", sa.Integer, nullable=False), sa.Column("char_end", sa.Integer, nullable=False)]


def _doc_fk(primary_key=False):
    return sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id", ondelete="CASCADE"),
                     nullable=False, primary_key=primary_key)


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("file_name", sa.String(512), nullable=False),
        sa.Column("path", sa.Text, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False, unique=True),
        sa.Column("format", sa.String(16), nullable=False),
        sa.Column("framework", sa.String(32)),
        sa.Column("report_number", sa.String(128)),
        sa.Column("issuer", sa.String(512)),
        sa.Column("issuer_key", sa.String(512)),
        sa.Column("issued_on", sa.String(10)),
        sa.Column("assessment_year", sa.Integer),
        sa.Column("signer", sa.String(256)),
        sa.Column("classification", sa.String(32)),
        sa.Column("total_max", sa.Float),
        sa.Column("total_self", sa.Float),
        sa.Column("total_authority", sa.Float),
        sa.Column("pages", sa.Integer),
        sa.Column("is_current", sa.Boolean, nullable=False),
        sa.Column("superseded_by", sa.Integer, sa.ForeignKey("documents.id")),
        sa.Column("loaded_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_documents_unit", "documents", ["issuer_key", "framework", "assessment_year"])
    op.create_table("document_texts", _doc_fk(primary_key=True), sa.Column("text", sa.Text, nullable=False))
    op.create_table(
        "observations",
        sa.Column("id", sa.Integer, primary_key=True),
        _doc_fk(),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("source", sa.String(16), nullable=False),
        sa.Column("criterion_id", sa.String(64)),
        sa.Column("marker", sa.String(128)),
        sa.Column("label", sa.Text),
        sa.Column("is_total", sa.Boolean, nullable=False),
        *_span(),
        sa.UniqueConstraint("document_id", "seq"),
    )
    op.create_index("ix_observations_document_id", "observations", ["document_id"])
    op.create_table(
        "observation_values",
        sa.Column("observation_id", sa.Integer, sa.ForeignKey("observations.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("field", sa.String(32), primary_key=True),
        sa.Column("value", sa.Float, nullable=False),
        sa.Column("raw", sa.String(64), nullable=False),
        sa.Column("char_start", sa.Integer, nullable=False),
        sa.Column("char_end", sa.Integer, nullable=False),
    )
    op.create_table(
        "scores",
        _doc_fk(primary_key=True),
        sa.Column("criterion_id", sa.String(64), primary_key=True),
        sa.Column("label", sa.Text),
        *[sa.Column(f, sa.Float) for f in ("max_points", "self_score", "authority_score", "bonus_max", "bonus_self")],
        sa.Column("origin", sa.String(16), nullable=False),
        *_span(),
    )
    op.create_table(
        "findings",
        sa.Column("id", sa.Integer, primary_key=True),
        _doc_fk(),
        sa.Column("criterion_id", sa.String(64)),
        sa.Column("kind", sa.String(64), nullable=False),
        sa.Column("severity", sa.String(16), nullable=False),
        sa.Column("message", sa.Text, nullable=False),
        sa.Column("source", sa.String(16)),
        sa.Column("field", sa.String(32)),
        sa.Column("char_start", sa.Integer),
        sa.Column("char_end", sa.Integer),
    )
    op.create_index("ix_findings_document_id", "findings", ["document_id"])
    op.create_table(
        "citations",
        sa.Column("id", sa.Integer, primary_key=True),
        _doc_fk(),
        sa.Column("criterion_id", sa.String(64)),
        sa.Column("doc_type", sa.String(64)),
        sa.Column("type_code", sa.String(16)),
        sa.Column("number", sa.String(32)),
        sa.Column("year", sa.Integer),
        sa.Column("symbol", sa.String(128)),
        sa.Column("issued_on", sa.String(10)),
        sa.Column("text", sa.Text, nullable=False),
        *_span(),
    )
    op.create_index("ix_citations_document_id", "citations", ["document_id"])
    op.create_table(
        "ingest_errors",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("file_name", sa.String(512), nullable=False),
        sa.Column("path", sa.Text, nullable=False),
        sa.Column("sha256", sa.String(64)),
        sa.Column("error_kind", sa.String(64), nullable=False),
        sa.Column("message", sa.Text, nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "chamdiem_meta",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
