"""documents.legacy_encoding: which pre-Unicode Vietnamese font encoding (TCVN3, VNI) the reader
decoded, shown in v_documents.

Revision ID: 0008
Revises: 0004
"""
import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0004"


def upgrade() -> None:
    # a plain ADD COLUMN: a batch rebuild of documents on SQLite would cascade-delete its children
    op.add_column("documents", sa.Column("legacy_encoding", sa.String(16)))


def downgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("legacy_encoding")
