"""`chamdiem trace`: a score back to the file, page, line and characters it came from. The same
data feeds the text report, the standalone HTML page (`--html`) and the trace page of `serve`."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Callable

OPEN, CLOSE = "⟦", "⟧"
VALUE_FIELDS = ("max_points", "self_score", "authority_score", "bonus_max", "bonus_self", "bonus_authority")

Fetch = Callable[[str, dict], list[dict]]   # plain SQL with :named parameters -> rows as dicts


@dataclass
class Trace:
    """Everything known about one score of one report."""
    document: dict                     # document_id, file_name, framework, issuer, assessment_year
    criterion_id: str
    text: str
    score: dict | None                 # the v_scores row
    observations: list[dict] = field(default_factory=list)   # each with its "values"
    citations: list[dict] = field(default_factory=list)
    findings: list[dict] = field(default_factory=list)
    reviews: list[dict] = field(default_factory=list)        # v_reviews rows of this file and criterion


def load_trace(fetch: Fetch, criterion_id: str, *, file_name: str | None = None,
               document_id: int | None = None) -> Trace | str:
    """The trace of a current report's score, or a sentence saying why there is none."""
    key, value = ("file_name", os.path.basename(file_name)) if file_name else ("document_id", document_id)
    docs = fetch(f"SELECT document_id, file_name, framework, issuer, assessment_year FROM v_documents "
                 f"WHERE {key} = :v", {"v": value})
    if not docs:
        return f"{value}: not in the database (ingest it first)"
    doc = docs[0]
    p = {"d": doc["document_id"], "c": criterion_id}
    doc.update(fetch("SELECT path, sha256, format FROM documents WHERE id = :d", p)[0])
    score = fetch("SELECT * FROM v_scores WHERE document_id = :d AND criterion_id = :c", p)
    obs = fetch("SELECT id, source, page, line, char_start, char_end FROM observations "
                "WHERE document_id = :d AND criterion_id = :c ORDER BY seq", p)
    if not score and not obs:
        return f"{doc['file_name']}: no score for {criterion_id} (framework {doc['framework']})"
    for o in obs:
        o["values"] = fetch("SELECT field, value, raw, char_start, char_end, cell_ref, page, x0, y0, x1, y1 "
                            "FROM observation_values "
                            "WHERE observation_id = :o ORDER BY char_start", {"o": o["id"]})
    text = fetch("SELECT text FROM v_texts WHERE document_id = :d", p)[0]["text"]
    cites = fetch("SELECT doc_type, number, symbol, issued_on, text, page, line, char_start, char_end, x0, y0, x1, y1 "
                  "FROM v_citations WHERE document_id = :d AND criterion_id = :c ORDER BY char_start", p)
    finds = fetch("SELECT severity, kind, message, field FROM v_findings WHERE document_id = :d AND criterion_id = :c",
                  p)
    # verdicts on these bytes, and on the versions this one replaced (shown as stale)
    reviews = fetch("SELECT * FROM v_reviews WHERE criterion_id = :c AND (sha256 = :s OR sha256 IN "
                    "(SELECT sha256 FROM documents WHERE superseded_by = :d AND id <> :d)) ORDER BY review_id",
                    {"s": doc["sha256"], "c": criterion_id, "d": doc["document_id"]})
    return Trace(doc, criterion_id, text, score[0] if score else None, obs, cites, finds, reviews)


def line_of(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


def _fmt(v):
    return "—" if v is None else f"{v:g}"


def mark(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> str:
    """The source text start..end with each value span wrapped in ⟦ ⟧ (tabs shown as │)."""
    out, pos = [], start
    for s, e in sorted(spans):
        if s < pos or e > end:
            continue
        out += [text[pos:s], OPEN, text[s:e], CLOSE]
        pos = e
    out.append(text[pos:end])
    return "".join(out).replace("\t", " │ ")


def text_report(t: Trace) -> str:
    name, lines = t.document["file_name"], []
    if t.score is not None:
        lines.append(f"{name} · {t.criterion_id} · {t.score['label']}")
        lines.append("  reconciled from the " + t.score["origin"] + ": " + ", ".join(
            f"{k} {_fmt(t.score[k])}" for k in VALUE_FIELDS if t.score[k] is not None))
    for ob in t.observations:
        where = f"page {ob['page']}, " if ob["page"] else ""
        lines.append("")
        lines.append(f"  {ob['source']} · {name}, {where}line {ob['line']}, chars {ob['char_start']}-{ob['char_end']}")
        for val in ob["values"]:
            box = (f", page {val['page']} box {val['x0']:g},{val['y0']:g}-{val['x1']:g},{val['y1']:g}"
                   if val.get("x0") is not None else "")
            lines.append(f"    {val['field']:<16} {val['value']:g}  (written '{val['raw']}', chars "
                         f"{val['char_start']}-{val['char_end']}, line {line_of(t.text, val['char_start'])}{box})")
        snippet = mark(t.text, ob["char_start"], ob["char_end"], [(v["char_start"], v["char_end"]) for v in ob["values"]])
        lines += ["    > " + sl for sl in snippet.splitlines() if sl.strip()]
    if t.citations:
        lines.append("")
        lines.append(f"  cited documents ({len(t.citations)}):")
        lines += [f"    line {c['line']}: {c['text']}" for c in t.citations]
    if t.findings:
        lines.append("")
        lines.append("  findings:")
        lines += [f"    {x['severity']} {x['kind']}: {x['message']}" for x in t.findings]
    return "\n".join(lines)


