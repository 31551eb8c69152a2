"""The rows a report is written as, built before its transaction: every column but the ids the
database gives (the document's, an observation's, a cited document's), and the folded copy of each
search piece. A reading worker builds them (pipeline/reading.py) and sends them as plain tuples,
which cross the process boundary far faster than the objects they come from, so the writing
process only inserts; a report built in the writing process (`chamdiem remap`) gets them there.

Plain data and plain Python: no database, no SQLAlchemy (a reading worker imports this)."""
from __future__ import annotations

from typing import NamedTuple

from chamdiem.lexicon.text import fold
from chamdiem.model.geometry import Box
from chamdiem.model.observations import SCORE_FIELDS, Finding, Report
from chamdiem.normalizers.units import clean_name, unit_key
from chamdiem.store.schema.columns import written
from chamdiem.store.writing.search import SearchPieces, search_pieces

# where a citation row takes the id of its cited document (the rows below leave it out)
CITED_AT = written("citations").index("cited_document_id") - 1   # (document_id, the first, left out too)


class Rows(NamedTuple):
    """A report's rows, each without its leading document_id (observation_values': without its
    observation_id, led by the observation's seq instead; citations': without cited_document_id)."""
    observations: list[tuple]
    values: list[tuple]
    scores: list[tuple]
    findings: list[tuple]          # the report's own (the writer adds its own findings' rows)
    citations: list[tuple]
    cited: list[tuple]             # cited_documents rows, one per key, in key order
    cited_keys: list[str]          # the registry key of each citation
    search: SearchPieces           # search_index rows and the search_fold of each (SQLite's search_fts)
    issuer_key: str | None         # fold(issuer): the documents row's issuer_key
    unit_key: str | None           # normalizers.units.unit_key(issuer)
    unit_name: str | None          # normalizers.units.clean_name(issuer)


def rows_of(doc: Report) -> Rows:
    """The report's own rows: built by the reading worker, or here for a report built in this process."""
    got = getattr(doc, "rows", None)
    return got if got is not None else build_rows(doc)


def build_rows(doc: Report) -> Rows:
    issuer = doc.metadata.issuer
    cited, keys = cited_rows(doc)
    return Rows(observation_rows(doc), value_rows(doc), score_rows(doc), finding_rows(doc.findings),
                citation_rows(doc), cited, keys, search_pieces(doc.model.text, other_search_rows(doc)),
                fold(issuer) if issuer else None, unit_key(issuer), clean_name(issuer) if issuer else None)


def unit_names(doc: Report) -> tuple[str | None, str | None]:
    """(unit_key, clean_name) of the report's issuer, from its rows when the worker built them."""
    rows = getattr(doc, "rows", None)
    if rows is not None:
        return rows.unit_key, rows.unit_name
    issuer = doc.metadata.issuer
    return unit_key(issuer), clean_name(issuer) if issuer else None


def for_writing(doc: Report) -> Report:
    """``doc`` as a reading worker sends it: its rows built, and the observations and citations
    (written from the rows only) left out, so that little more than tuples crosses to the writer.
    Its scores, findings, metadata and model stay: the writer decides versions with them."""
    rows = build_rows(doc)
    doc.observations, doc.citations = [], []
    doc.rows = rows
    return doc


def _corners(box: Box | None) -> tuple:
    """x0, y0, x1, y1 of a (page, x0, y0, x1, y1) box, or NULLs (text formats have none)."""
    return (None, None, None, None) if box is None else tuple(box[1:])


def observation_rows(doc: Report) -> list[tuple]:
    return [(seq, o.source, o.criterion_id, o.marker, o.label, o.is_total, o.page, o.line, o.start, o.end,
             o.cell_ref) for seq, o in enumerate(doc.observations)]


def value_rows(doc: Report) -> list[tuple]:
    return [(seq, name, v.value, v.raw, v.start, v.end, v.confidence, v.cell_ref, v.box[0] if v.box else None,
             *_corners(v.box))
            for seq, o in enumerate(doc.observations) for name, v in o.values.items() if name in SCORE_FIELDS]


def score_rows(doc: Report) -> list[tuple]:
    return [(s.criterion_id, s.label, *[s.values.get(f) for f in SCORE_FIELDS], s.origin, s.page, s.line, s.start,
             s.end, s.confidence, s.cell_ref, *_corners(s.box)) for s in doc.scores]


def finding_rows(findings: list[Finding]) -> list[tuple]:
    return [(f.criterion_id, f.kind, f.severity, f.message, f.source, f.field, f.start, f.end) for f in findings]


def citation_rows(doc: Report) -> list[tuple]:
    return [(c.criterion_id, c.doc_type, c.type_code, c.number, c.year, c.symbol, c.issued_on, c.text, c.page,
             c.line, c.start, c.end, *_corners(c.box)) for c in doc.citations]


def cited_rows(doc: Report) -> tuple[list[tuple], list[str]]:
    """The registry entries the citations resolve to (one per key, the last citation's), in key
    order, and each citation's key."""
    entries = {}
    for citation in doc.citations:
        entry = citation.cited
        if entry is None:
            raise ValueError(f"citation '{citation.text}' reached the writer unresolved (normalizers/cited_documents)")
        entries[entry.key] = (entry.key, entry.doc_type, entry.number, entry.year, entry.symbol, entry.issuer_code,
                              entry.issued_on, 0, 0)
    return [entries[k] for k in sorted(entries)], [c.cited.key for c in doc.citations]


def other_search_rows(doc: Report) -> list[tuple]:
    """(kind, criterion_id, text, line, start, end) of each piece search shows besides the text's
    own lines (search.search_pieces): the items' labels and the citations."""
    rows = [("criterion", s.criterion_id, s.label, s.line, s.start, s.end) for s in doc.scores if s.label]
    rows += [("citation", c.criterion_id, c.text, c.line, c.start, c.end) for c in doc.citations]
    return rows
