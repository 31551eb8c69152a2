"""Where each value stands on its page (page and box of a value, of its row and of a cited
document's mention, in PDF points from the page's top left), and the auditors' verdicts.

Revision ID: 0011
Revises: 0010
"""
import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"

BOX = ("x0", "y0", "x1", "y1")


def upgrade() -> None:
    # plain ADD COLUMN: a batch rebuild on SQLite would cascade-delete the children
    op.add_column("observation_values", sa.Column("page", sa.Integer))
    for table in ("observation_values", "scores", "citations"):
        for name in BOX:
            op.add_column(table, sa.Column(name, sa.Float))
    # append-only: a verdict is never changed, a newer one is added; keyed to the file's bytes
    # (sha256) and the criterion, so it outlives the document row that showed the value
    op.create_table(
        "reviews",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("file_name", sa.String(512), nullable=False),
        sa.Column("criterion_id", sa.String(160), nullable=False),
        sa.Column("field", sa.String(32), nullable=False),
        sa.Column("value_read", sa.Float),
        sa.Column("verdict", sa.String(16), nullable=False),
        sa.Column("value", sa.Float),
        sa.Column("note", sa.Text),
        sa.Column("reviewer", sa.String(128), nullable=False),
        sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("document_id", sa.Integer),
    )
    op.create_index("ix_reviews_key", "reviews", ["sha256", "criterion_id"])
    # v_scores looks for verdicts on the versions a current document replaced
    op.create_index("ix_documents_superseded_by", "documents", ["superseded_by"])


def downgrade() -> None:
    op.drop_index("ix_documents_superseded_by", "documents")
    op.drop_index("ix_reviews_key", "reviews")
    op.drop_table("reviews")
    for table in ("observation_values", "scores", "citations"):
        with op.batch_alter_table(table) as batch:
            for name in BOX:
                batch.drop_column(name)
    with op.batch_alter_table("observation_values") as batch:
        batch.drop_column("page")
