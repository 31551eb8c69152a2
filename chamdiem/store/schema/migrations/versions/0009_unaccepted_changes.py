"""documents.unaccepted_changes: the file (a DOCX) held tracked changes not yet accepted; its text was
read as Word shows it with every change accepted. Shown in v_documents.

Revision ID: 0009
Revises: 0005 (the current head: 0004 → 0008 → 0007 → 0006 → 0005)
"""
import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0005"


def upgrade() -> None:
    # a plain ADD COLUMN: a batch rebuild of documents on SQLite would cascade-delete its children
    op.add_column("documents", sa.Column("unaccepted_changes", sa.Boolean, nullable=False,
                                         server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("unaccepted_changes")
