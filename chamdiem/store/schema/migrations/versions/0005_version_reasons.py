"""Why each version of a report is or is not current: the items it read and a reason.

A resubmission becomes current only when it is at least as complete as the current version or
dated later in its own text (issue 14); ``version_reason`` says which rule decided.

Revision ID: 0005
Revises: 0006
"""
import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0006"


def upgrade() -> None:
    # plain ADD COLUMN: a batch rebuild of documents on SQLite would cascade-delete its children
    op.add_column("documents", sa.Column("items_read", sa.Integer))
    op.add_column("documents", sa.Column("version_reason", sa.Text))
    bind = op.get_bind()
    bind.execute(sa.text("UPDATE documents SET items_read = "
                         "(SELECT COUNT(*) FROM scores s WHERE s.document_id = documents.id)"))
    bind.execute(sa.text("UPDATE documents SET version_reason = 'current (loaded before version rules)' "
                         "WHERE is_current"))
    bind.execute(sa.text("UPDATE documents SET version_reason = 'superseded by document ' || "
                         "CAST(superseded_by AS VARCHAR(20)) || ' (loaded later, before version rules)' "
                         "WHERE NOT is_current AND superseded_by IS NOT NULL"))


def downgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("version_reason")
        batch.drop_column("items_read")
