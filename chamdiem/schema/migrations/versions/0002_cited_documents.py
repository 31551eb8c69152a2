"""The registry of cited documents: one row per distinct document, each citation linked to it.

Revision ID: 0002
Revises: 0001
"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade() -> None:
    op.create_table(
        "cited_documents",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("doc_key", sa.String(400), nullable=False, unique=True),
        sa.Column("doc_type", sa.String(64)),
        sa.Column("number", sa.String(32)),
        sa.Column("year", sa.Integer),
        sa.Column("symbol", sa.String(128)),
        sa.Column("issuer_code", sa.String(128)),
        sa.Column("issued_on", sa.String(10)),
    )
    with op.batch_alter_table("citations") as batch:
        batch.add_column(sa.Column("cited_document_id", sa.Integer))
        batch.create_foreign_key("fk_citations_cited_document", "cited_documents", ["cited_document_id"], ["id"])
    _backfill()


def _backfill() -> None:
    """Link the citations already stored, report by report, as a fresh load would."""
    from chamdiem.normalizers.cited_documents import resolve
    from chamdiem.model.document import Citation
    bind = op.get_bind()
    cols = "id, document_id, doc_type, type_code, number, year, symbol, issued_on, text, char_start, char_end"
    rows = bind.execute(sa.text(f"SELECT {cols} FROM citations ORDER BY document_id, char_start")).all()
    by_doc: dict[int, list] = {}
    for r in rows:
        by_doc.setdefault(r.document_id, []).append(r)
    registry = sa.table("cited_documents", *(sa.column(c) for c in (
        "id", "doc_key", "doc_type", "number", "year", "symbol", "issuer_code", "issued_on")))
    ids: dict[str, int] = {}
    for doc_rows in by_doc.values():
        cits = [Citation(r.text, r.doc_type, r.type_code, r.number, r.year, r.symbol, r.issued_on,
                         r.char_start, r.char_end) for r in doc_rows]
        for r, k in zip(doc_rows, resolve(cits)):
            if k.text not in ids:
                ids[k.text] = bind.execute(sa.insert(registry).values(
                    doc_key=k.text, doc_type=k.doc_type, number=k.number, year=k.year, symbol=k.symbol,
                    issuer_code=k.issuer_code, issued_on=k.issued_on).returning(registry.c.id)).scalar_one()
            bind.execute(sa.text("UPDATE citations SET cited_document_id = :c WHERE id = :i"),
                         {"c": ids[k.text], "i": r.id})
