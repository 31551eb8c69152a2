"""The search index: each document's searchable pieces, and on SQLite the FTS5 index of their
folded text (search_fts, contentless since migration 0012: it keeps the index, not the text),
written in the document's own transaction so search never shows half a report."""
from __future__ import annotations

from array import array
from functools import lru_cache
from itertools import repeat
from typing import TYPE_CHECKING, NamedTuple

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



class SearchPieces(NamedTuple):
    """A report's search pieces as a reading worker sends them: the text's pieces (text_lines) in
    columns, their texts and their folds each one string joined by line breaks (no piece holds
    one, and folding neither makes nor drops one), which crosses the process boundary and is
    split back far faster than a tuple and two strings per piece; then the other pieces
    (criterion labels, citations: few, and their texts may hold a line break) as rows."""
    texts: str              # the text pieces joined by "\n"
    folded_texts: str       # search_fold of ``texts``: each piece's fold, joined by "\n"
    count: int              # how many text pieces
    lines: array            # each text piece's 1-based line
    starts: array           # and its span in the text
    ends: array
    others: list[tuple]     # (kind, criterion_id, text, line, char_start, char_end)
    others_folded: list[str]

    def rows(self, doc_id: int) -> list[tuple]:
        """The search_index rows (document_id, kind, criterion_id, text, line, char_start,
        char_end), the text's pieces first."""
        out = list(zip(repeat(doc_id), repeat("text"), repeat(None), self.texts.split("\n") if self.count else (),
                       self.lines, self.starts, self.ends))
        out += [(doc_id, *r) for r in self.others]
        return out

    def folded(self) -> list[str]:
        """search_fold of each piece, in the order of rows()."""
        return (self.folded_texts.split("\n") if self.count else []) + self.others_folded


def search_pieces(text_: str, others: list[tuple]) -> SearchPieces:
    """The pieces of ``text_`` (those of text_lines, in order) and ``others``, folded."""
    pieces: list[str] = []
    lines, starts, ends = array("i"), array("i"), array("i")
    add, add_line, add_start, add_end = pieces.append, lines.append, starts.append, ends.append
    pos = 0
    for number, line in enumerate(text_.split("\n"), 1):
        if "\t" in line:
            cell_pos = pos
            for cell in line.split("\t"):
                piece = cell.strip()
                if piece:
                    start = cell_pos + len(cell) - len(cell.lstrip())
                    add(piece), add_line(number), add_start(start), add_end(start + len(piece))
                cell_pos += len(cell) + 1
        else:
            piece = line.strip()
            if piece:
                start = pos + len(line) - len(line.lstrip())
                add(piece), add_line(number), add_start(start), add_end(start + len(piece))
        pos += len(line) + 1
    joined = "\n".join(pieces)
    return SearchPieces(joined, fold_by_words(joined), len(pieces), lines, starts, ends, others,
                        search_folds([r[2] for r in others]))

def write_search_index(dialect: Dialect, cur, doc_id: int, pieces: SearchPieces) -> None:
    """``pieces``: the report's search pieces and their folds (search_pieces)."""
    rows = pieces.rows(doc_id)
    if not rows:
        return
    ids = dialect.insert_ids(cur, "search_index", rows)
    if dialect.name == "sqlite":
        if ids is None:
            cur.execute("SELECT id FROM search_index WHERE document_id = ? ORDER BY id", (doc_id,))
            ids = [r[0] for r in cur.fetchall()]
        cur.executemany("INSERT INTO search_fts (rowid, folded) VALUES (?, ?)", zip(ids, pieces.folded()))


def delete_search_index(dialect: Dialect, cur, doc_id: int) -> None:
    """The document's pieces, and their entries in search_fts: a contentless FTS5 table forgets a
    row only when given the folded text it indexed, which is search_fold of the piece's text."""
    if dialect.name == "sqlite":
        cur.execute("SELECT id, text FROM search_index WHERE document_id = ? ORDER BY id", (doc_id,))
        pieces = cur.fetchall()
        cur.executemany("INSERT INTO search_fts (search_fts, rowid, folded) VALUES ('delete', ?, ?)",
                        zip([i for i, _ in pieces], search_folds([t for _, t in pieces])))
    cur.execute(dialect.sql("DELETE FROM search_index WHERE document_id = ?"), (doc_id,))
