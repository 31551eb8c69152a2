"""The search index: each document's searchable pieces, and on SQLite the FTS5 index of their
folded text (search_fts, contentless since migration 0012: it keeps the index, not the text),
written in the document's own transaction so search never shows half a report."""
from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from chamdiem.lexicon.text import strip_marks

if TYPE_CHECKING:   # (a reading worker builds rows with search_folds, and never writes: no sqlite3, no logging)
    from chamdiem.store.writing.dialect import Dialect


def search_fold(text_: str) -> str:
    """What search_fts stores and a search is matched with: no tone marks, đ → d, lower case, so
    "dan van" and "Dân Vận" are the same words. Punctuation stays (the FTS tokenizer splits on it)."""
    return strip_marks(text_).casefold()


@lru_cache(maxsize=65536)
def _fold_word(word: str) -> str:
    return search_fold(word)


def fold_by_words(text_: str) -> str:
    """search_fold(text_), each piece between spaces folded once per process (a report's words
    recur in every report): equal, because a space is a starter that nothing decomposes into nor
    reorders across (NFD), is no mark, and folds to itself, and casefold looks at no neighbour."""
    return " ".join(map(_fold_word, text_.split(" ")))


def search_folds(texts: list[str]) -> list[str]:
    """search_fold of each text, the ones without a line break folded together: a report has
    hundreds of lines, and one pass over them joined is many times faster than one per line.
    Folding goes character by character and never makes, moves or drops a line break (NFD reorders
    marks only between two letters), so the folded whole splits back into each text's fold."""
    alone = ["\n" in t for t in texts]   # (a label joined from several cells)
    folded = iter(fold_by_words("\n".join(t for t, a in zip(texts, alone) if not a)).split("\n"))
    return [search_fold(t) if a else next(folded) for t, a in zip(texts, alone)]


def text_lines(text_: str):
    """(piece, 1-based line, start, end) of each non-blank line, or of each cell of a tab-separated
    row, stripped of surrounding space: the units search shows."""
    pos = 0
    for number, line in enumerate(text_.split("\n"), 1):
        cell_pos = pos
        for cell in line.split("\t"):
            if cell.strip():
                lead = len(cell) - len(cell.lstrip())
                yield cell.strip(), number, cell_pos + lead, cell_pos + lead + len(cell.strip())
            cell_pos += len(cell) + 1
        pos += len(line) + 1


def write_search_index(dialect: Dialect, cur, doc_id: int, pieces: list[tuple], folded: list[str]) -> None:
    """``pieces``: (kind, criterion_id, text, line, char_start, char_end) of each (writing/rows.py),
    ``folded`` their search_fold."""
    if not pieces:
        return
    ids = dialect.insert_ids(cur, "search_index", [(doc_id, *r) for r in pieces])
    if dialect.name == "sqlite":
        if ids is None:
            cur.execute("SELECT id FROM search_index WHERE document_id = ? ORDER BY id", (doc_id,))
            ids = [r[0] for r in cur.fetchall()]
        cur.executemany("INSERT INTO search_fts (rowid, folded) VALUES (?, ?)", zip(ids, folded))


def delete_search_index(dialect: Dialect, cur, doc_id: int) -> None:
    """The document's pieces, and their entries in search_fts: a contentless FTS5 table forgets a
    row only when given the folded text it indexed, which is search_fold of the piece's text."""
    if dialect.name == "sqlite":
        cur.execute("SELECT id, text FROM search_index WHERE document_id = ? ORDER BY id", (doc_id,))
        pieces = cur.fetchall()
        cur.executemany("INSERT INTO search_fts (search_fts, rowid, folded) VALUES ('delete', ?, ?)",
                        zip([i for i, _ in pieces], search_folds([t for _, t in pieces])))
    cur.execute(dialect.sql("DELETE FROM search_index WHERE document_id = ?"), (doc_id,))
