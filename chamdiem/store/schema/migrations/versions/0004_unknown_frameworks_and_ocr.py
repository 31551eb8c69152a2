"""Unknown frameworks and scans: how well the framework fits (documents.framework_confidence),
whether the text was read by OCR (documents.ocr) and the OCR confidence of values
(scores.confidence, observation_values.confidence). Provisional framework IDs
(sheet:<issuer>-<year>) and their item IDs are longer than the built-in ones: the ID columns are
widened where the database enforces lengths (PostgreSQL; SQLite does not).

Revision ID: 0004
Revises: 0003
"""
import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"

_CRITERION_TABLES = ("observations", "scores", "findings", "citations")


def upgrade() -> None:
    # plain ADD COLUMN, not a batch copy: on SQLite a batch drops and recreates the table, and
    # dropping documents would cascade to every table that refers to it
    op.add_column("documents", sa.Column("framework_confidence", sa.Float))
    op.add_column("documents", sa.Column("ocr", sa.Boolean, nullable=False, server_default=sa.false()))
    op.add_column("scores", sa.Column("confidence", sa.Float))
    op.add_column("observation_values", sa.Column("confidence", sa.Float))
    if op.get_bind().dialect.name == "postgresql":
        op.alter_column("documents", "framework", type_=sa.String(96))
        for table in _CRITERION_TABLES:
            op.alter_column(table, "criterion_id", type_=sa.String(160))


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.alter_column("documents", "framework", type_=sa.String(32))
        for table in _CRITERION_TABLES:
            op.alter_column(table, "criterion_id", type_=sa.String(64))
    op.drop_column("observation_values", "confidence")
    op.drop_column("scores", "confidence")
    op.drop_column("documents", "ocr")
    op.drop_column("documents", "framework_confidence")
