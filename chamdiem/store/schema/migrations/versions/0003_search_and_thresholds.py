"""Full-text search that ignores tone marks, and the thresholds behind classification_earned.

`search_index` holds the searchable pieces of every document (its text line by line, the names of its
scored items, its citations), each with where it is; on SQLite the FTS5 table `search_fts` holds a
folded copy (no tone marks, đ → d, lower case) under the same rowid. `classification_thresholds` is
the framework catalogs' scale, kept in step with them by the store.

Revision ID: 0003
Revises: 0002
"""
import unicodedata

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"

FTS_CREATE = ("CREATE VIRTUAL TABLE search_fts USING fts5(folded, "
              "tokenize = 'unicode61 remove_diacritics 2')")


def upgrade() -> None:
    op.create_table(
        "search_index",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False,
                  index=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("criterion_id", sa.String(64)),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("line", sa.Integer),
        sa.Column("char_start", sa.Integer),
        sa.Column("char_end", sa.Integer),
    )
    op.create_table(
        "classification_thresholds",
        sa.Column("framework", sa.String(32), primary_key=True),
        sa.Column("classification", sa.String(32), primary_key=True),
        sa.Column("min_total", sa.Float, nullable=False),
        sa.Column("scale_max", sa.Float),
    )
    # most-cited documents: counted per registry entry straight from the index
    op.create_index("ix_citations_cited_document", "citations", ["cited_document_id", "document_id"])
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        op.execute(FTS_CREATE)
    _backfill(bind)


def _backfill(bind) -> None:
    """Index the documents already stored, as a fresh load does."""
    fts = bind.dialect.name == "sqlite"
    rows = []
    for doc_id, text in bind.execute(sa.text("SELECT document_id, text FROM document_texts")):
        rows += [(doc_id, "text", None, t, ln, s, e) for t, ln, s, e in _lines(text)]
    for r in bind.execute(sa.text("SELECT document_id, criterion_id, label, line, char_start, char_end "
                                  "FROM scores WHERE label IS NOT NULL")):
        rows.append((r[0], "criterion", r[1], r[2], r[3], r[4], r[5]))
    for r in bind.execute(sa.text("SELECT document_id, criterion_id, text, line, char_start, char_end FROM citations")):
        rows.append((r[0], "citation", r[1], r[2], r[3], r[4], r[5]))
    index = [{"i": k, "d": d, "k": kind, "c": c, "t": t, "l": ln, "s": s, "e": e}
             for k, (d, kind, c, t, ln, s, e) in enumerate(rows, 1)]
    if index:
        bind.execute(sa.text("INSERT INTO search_index (id, document_id, kind, criterion_id, text, line, char_start, "
                             "char_end) VALUES (:i, :d, :k, :c, :t, :l, :s, :e)"), index)
        if fts:
            bind.execute(sa.text("INSERT INTO search_fts (rowid, folded) VALUES (:i, :f)"),
                         [{"i": r["i"], "f": _fold(r["t"])} for r in index])


# Frozen copies of the store's rules at this revision (a migration never imports live code).
def _fold(s: str) -> str:
    s = unicodedata.normalize("NFD", s).replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in s if unicodedata.category(c) != "Mn").casefold()


def _lines(text: str):
    pos = 0
    for number, line in enumerate(text.split("\n"), 1):
        cell_pos = pos
        for cell in line.split("\t"):
            if cell.strip():
                lead = len(cell) - len(cell.lstrip())
                yield cell.strip(), number, cell_pos + lead, cell_pos + lead + len(cell.strip())
            cell_pos += len(cell) + 1
        pos += len(line) + 1


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE search_fts")
    op.drop_index("ix_citations_cited_document", "citations")
    op.drop_table("classification_thresholds")
    op.drop_table("search_index")
