"""The registry of cited documents: one row per distinct document, each citation linked to it.

Revision ID: 0002
Revises: 0001
"""
from typing import NamedTuple

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
        for r, k in zip(doc_rows, _resolve(doc_rows)):
            if k.text not in ids:
                ids[k.text] = bind.execute(sa.insert(registry).values(
                    doc_key=k.text, doc_type=k.doc_type, number=k.number, year=k.year, symbol=k.symbol,
                    issuer_code=k.issuer_code, issued_on=k.issued_on).returning(registry.c.id)).scalar_one()
            bind.execute(sa.text("UPDATE citations SET cited_document_id = :c WHERE id = :i"),
                         {"c": ids[k.text], "i": r.id})


# Frozen copy of the registry rules as they stood at this revision (a migration never imports live
# code: later changes to the rules must not change what this upgrade did).
_TYPE_CODES = frozenset({
    'BB', 'BC', 'BGN', 'BTT', 'CT', 'CTR', 'CV', 'CĐ', 'DA', 'GGT', 'GM', 'GNP', 'GUQ', 'GUTĐ',
    'HD', 'HĐ', 'KH', 'KL', 'L', 'NQ', 'NQLT', 'NĐ', 'PA', 'PB', 'PC', 'PG', 'PL', 'QC', 'QYĐ',
    'QĐ', 'QĐI', 'TB', 'TC', 'TT', 'TTLT', 'TTR', 'ĐA'
})


class _Key(NamedTuple):
    doc_type: str | None
    number: str | None
    year: int | None
    symbol: str | None
    issued_on: str | None

    @property
    def text(self) -> str:
        sym = (self.symbol or "").upper()
        return f"{self.doc_type}|{(self.number or '').lstrip('0') or '0'}|{self.year or ''}|{sym}|{self.issued_on or ''}"

    @property
    def issuer_code(self) -> str | None:
        if not self.symbol:
            return None
        for i, ch in enumerate(self.symbol):
            if ch in "-/":
                head = self.symbol[:i]
                return self.symbol[i + 1:] if head.upper() in _TYPE_CODES else self.symbol
        return None if self.symbol.upper() in _TYPE_CODES else self.symbol


def _same_doc(a, b) -> bool:
    return a.doc_type == b.doc_type and (a.number or "").lstrip("0") == (b.number or "").lstrip("0") \
        and (a.year is None or b.year is None or a.year == b.year)


def _resolve(citations) -> list[_Key]:
    full = {i: c for i, c in enumerate(citations) if c.symbol}
    keys: dict[int, _Key] = {}
    for i, c in full.items():
        dates = {f.issued_on for f in full.values() if f.issued_on and _same_doc(c, f)
                 and f.symbol.upper() == c.symbol.upper()}
        date = c.issued_on or (next(iter(dates)) if len(dates) == 1 else None)
        keys[i] = _Key(c.doc_type, c.number, c.year, c.symbol, date)
    for i, c in enumerate(citations):
        if i in keys:
            continue
        cands = {keys[k].text: keys[k] for k, f in full.items()
                 if _same_doc(c, f) and (c.issued_on is None or keys[k].issued_on in (None, c.issued_on))}
        if len(cands) == 1:
            k = next(iter(cands.values()))
            keys[i] = _Key(k.doc_type, k.number, c.year or k.year, k.symbol, k.issued_on or c.issued_on)
        else:
            keys[i] = _Key(c.doc_type, c.number, c.year, None, c.issued_on)
    return [keys[i] for i in range(len(citations))]
