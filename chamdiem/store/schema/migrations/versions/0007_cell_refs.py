"""Spreadsheet provenance: the cell a value was read from ('Sheet1!D14') and the cells of its row.

Revision ID: 0007
Revises: 0008
"""
import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0008"


def upgrade() -> None:
    # plain ADD COLUMN: a batch rebuild of observations on SQLite would cascade-delete its values
    for table in ("observations", "observation_values", "scores"):
        op.add_column(table, sa.Column("cell_ref", sa.String(160)))


def downgrade() -> None:
    for table in ("observations", "observation_values", "scores"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("cell_ref")
