"""Indexes for the analyst views' filters and joins; the registry's counts kept with each cited
document (v_cited_documents no longer aggregates every citation on each query); and the file
state that lets an ingest skip an unchanged file without reading it.

Revision ID: 0006
Revises: 0007
"""
import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0007"

# (index, table, columns): what the views filter on (is_current, file_name, criterion_id, kind,
# severity, framework and year) and what they join on (citations -> cited_documents), plus the
# loader's own look-ups (a document's path, an error's path).
INDEXES = [
    ("ix_documents_current", "documents", ["is_current", "id"]),
    ("ix_documents_file_name", "documents", ["file_name"]),
    ("ix_documents_path", "documents", ["path"]),
    ("ix_documents_framework_year", "documents", ["framework", "assessment_year"]),
    ("ix_scores_criterion", "scores", ["criterion_id"]),
    ("ix_findings_kind", "findings", ["kind", "severity"]),
    ("ix_findings_severity", "findings", ["severity"]),
    ("ix_findings_criterion", "findings", ["criterion_id"]),
    ("ix_citations_criterion", "citations", ["criterion_id"]),
    ("ix_citations_type_number", "citations", ["doc_type", "number"]),
    ("ix_cited_documents_type_number", "cited_documents", ["doc_type", "number"]),
    ("ix_observations_criterion", "observations", ["criterion_id"]),
    ("ix_ingest_errors_path", "ingest_errors", ["path", "error_kind"]),
]


def upgrade() -> None:
    for name, table, cols in INDEXES:
        op.create_index(name, table, cols)
    # plain ADD COLUMN: a batch rebuild of cited_documents on SQLite would break its citations' links
    op.add_column("cited_documents", sa.Column("mentions", sa.Integer, nullable=False, server_default="0"))
    op.add_column("cited_documents", sa.Column("citing_reports", sa.Integer, nullable=False, server_default="0"))
    op.execute(
        "UPDATE cited_documents SET "
        "mentions = (SELECT COUNT(*) FROM citations c JOIN documents d ON d.id = c.document_id "
        "            WHERE c.cited_document_id = cited_documents.id AND d.is_current), "
        "citing_reports = (SELECT COUNT(DISTINCT c.document_id) FROM citations c JOIN documents d "
        "                  ON d.id = c.document_id WHERE c.cited_document_id = cited_documents.id AND d.is_current)")
    op.create_index("ix_cited_documents_cited", "cited_documents", ["citing_reports", "mentions"])
    op.create_table(
        "file_state",
        sa.Column("path", sa.Text, primary_key=True),
        sa.Column("size", sa.BigInteger, nullable=False),
        sa.Column("mtime_ns", sa.BigInteger, nullable=False),
        sa.Column("ctime_ns", sa.BigInteger, nullable=False),
        sa.Column("inode", sa.BigInteger, nullable=False),
        sa.Column("device", sa.BigInteger, nullable=False),
        sa.Column("checked_ns", sa.BigInteger, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("file_state")
    op.drop_index("ix_cited_documents_cited", table_name="cited_documents")
    with op.batch_alter_table("cited_documents") as batch:
        batch.drop_column("citing_reports")
        batch.drop_column("mentions")
    for name, table, _ in reversed(INDEXES):
        op.drop_index(name, table_name=table)
