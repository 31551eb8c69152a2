"""documents.legacy_encoding: which pre-Unicode Vietnamese font encoding (TCVN3, VNI) the reader
decoded, shown in v_documents.

Revision ID: 0008
Revises: 0002
"""
import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0002"


def upgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("legacy_encoding", sa.String(16)))


def downgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("legacy_encoding")
