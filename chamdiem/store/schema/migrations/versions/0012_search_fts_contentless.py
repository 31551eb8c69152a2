"""The full-text index keeps no copy of the text (SQLite).

Until now `search_fts` was an FTS5 table with its own content: besides its index it stored each
piece's folded text (`search_fts_content`), a third copy of every line of every report after
`document_texts` and `search_index`, written at each report's commit. It becomes contentless
(`content=''`): the same index, the same tokenizer, the same rowids (`search_index.id`), so every
MATCH and its rank are as before; only `SELECT folded FROM search_fts` now gives NULL. The folded
text is search_fold(search_index.text), which is what the writer and migration 0003 stored.

A contentless FTS5 table forgets a row only when told its folded text ('delete' command): the
writer folds search_index.text again when it replaces a document's rows (`chamdiem remap`).

PostgreSQL has no search_fts: nothing changes there.

Revision ID: 0012
Revises: 0011
"""
import unicodedata

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"

TOKENIZE = "tokenize = 'unicode61 remove_diacritics 2'"


def _rebuild(bind, options: str, rows_sql: str, fold=None) -> None:
    """search_fts built again with ``options``, holding the (rowid, folded) rows ``rows_sql``
    reads (their text folded by ``fold`` first, when given), in rowid order."""
    op.execute(f"CREATE VIRTUAL TABLE search_fts_new USING fts5(folded, {options}{TOKENIZE})")
    rows = bind.execute(sa.text(rows_sql))
    insert = sa.text("INSERT INTO search_fts_new (rowid, folded) VALUES (:i, :f)")
    while True:
        part = rows.fetchmany(20000)
        if not part:
            break
        bind.execute(insert, [{"i": i, "f": fold(f) if fold else f} for i, f in part])
    op.execute("DROP TABLE search_fts")
    op.execute("ALTER TABLE search_fts_new RENAME TO search_fts")


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        _rebuild(bind, "content='', ", "SELECT rowid, folded FROM search_fts ORDER BY rowid")


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        _rebuild(bind, "", "SELECT id, text FROM search_index ORDER BY id", fold=_fold)


# A frozen copy of the store's fold at this revision (a migration never imports live code).
def _fold(s: str) -> str:
    s = unicodedata.normalize("NFD", s).replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in s if unicodedata.category(c) != "Mn").casefold()
