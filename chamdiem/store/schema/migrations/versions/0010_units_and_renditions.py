"""The units registry (units, unit_aliases, unit_doubts), each document's unit, and how complete
each report is: items expected, criteria not read, the total as computed, and whether a version is
a rendition (the same report in another form) or a resubmission.

Documents loaded before this revision get their unit when the store next opens the database (the
names are matched by live code, which a migration does not run).

Revision ID: 0010
Revises: 0009
"""
import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"


def upgrade() -> None:
    op.create_table(
        "units",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(512), nullable=False),
        sa.Column("unit_key", sa.String(512), nullable=False, unique=True),
        sa.Column("level", sa.String(32)),
        sa.Column("parent_id", sa.Integer, sa.ForeignKey("units.id")),
        sa.Column("named_by", sa.String(16), nullable=False, server_default="report"),
    )
    op.create_table(
        "unit_aliases",
        sa.Column("alias_key", sa.String(512), primary_key=True),
        sa.Column("unit_id", sa.Integer, sa.ForeignKey("units.id"), nullable=False, index=True),
        sa.Column("alias", sa.String(512), nullable=False),
    )
    op.create_table(
        "unit_doubts",
        sa.Column("unit_id", sa.Integer, sa.ForeignKey("units.id"), primary_key=True),
        sa.Column("other_unit_id", sa.Integer, sa.ForeignKey("units.id"), primary_key=True),
        sa.Column("similarity", sa.Float, nullable=False),
        sa.Column("status", sa.String(16), nullable=False, server_default="open"),
    )
    # plain ADD COLUMN: a batch rebuild of documents on SQLite would cascade-delete its children
    op.add_column("documents", sa.Column("unit_id", sa.Integer))   # (SQLite cannot add a foreign key to a table)
    op.add_column("documents", sa.Column("items_expected", sa.Integer))
    op.add_column("documents", sa.Column("criteria_expected", sa.Integer))
    op.add_column("documents", sa.Column("criteria_unread", sa.Integer))
    op.add_column("documents", sa.Column("total_self_computed", sa.Float))
    op.add_column("documents", sa.Column("version_kind", sa.String(16)))
    op.create_index("ix_documents_unit_id", "documents", ["unit_id", "framework", "assessment_year"])


def downgrade() -> None:
    op.drop_index("ix_documents_unit_id", "documents")
    with op.batch_alter_table("documents") as batch:
        for column in ("version_kind", "total_self_computed", "criteria_unread", "criteria_expected",
                       "items_expected", "unit_id"):
            batch.drop_column(column)
    op.drop_table("unit_doubts")
    op.drop_table("unit_aliases")
    op.drop_table("units")
