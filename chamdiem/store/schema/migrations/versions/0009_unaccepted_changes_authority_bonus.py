"""documents.unaccepted_changes: the file (a DOCX) held tracked changes not yet accepted; its text was
read as Word shows it with every change accepted. Shown in v_documents.
scores.bonus_authority: the authority's bonus, read from a sub-column under the authority's group
header. Shown in v_scores.

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
    op.add_column("scores", sa.Column("bonus_authority", sa.Float))


def downgrade() -> None:
    with op.batch_alter_table("scores") as batch:
        batch.drop_column("bonus_authority")
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("unaccepted_changes")
