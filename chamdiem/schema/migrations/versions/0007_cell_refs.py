"""Spreadsheet provenance: the cell a value was read from ('Sheet1!D14') and the cells of its row.

Revision ID: 0007
Revises: 0002
"""
import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0002"


def upgrade() -> None:
    for table in ("observations", "observation_values", "scores"):
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("cell_ref", sa.String(160)))


def downgrade() -> None:
    for table in ("observations", "observation_values", "scores"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("cell_ref")
