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
    params = {"d": doc["document_id"], "c": criterion_id}
    doc.update(fetch("SELECT path, sha256, format FROM documents WHERE id = :d", params)[0])
    score = fetch("SELECT * FROM v_scores WHERE document_id = :d AND criterion_id = :c", params)
    obs = fetch("SELECT id, source, page, line, char_start, char_end FROM observations "
                "WHERE document_id = :d AND criterion_id = :c ORDER BY seq", params)
    if not score and not obs:
        return f"{doc['file_name']}: no score for {criterion_id} (framework {doc['framework']})"
    for observation in obs:
        observation["values"] = fetch("SELECT field, value, raw, char_start, char_end, cell_ref, page, x0, y0, x1, y1 "
                            "FROM observation_values "
                            "WHERE observation_id = :o ORDER BY char_start", {"o": observation["id"]})
    text = fetch("SELECT text FROM v_texts WHERE document_id = :d", params)[0]["text"]
    cites = fetch("SELECT doc_type, number, symbol, issued_on, text, page, line, char_start, char_end, x0, y0, x1, y1 "
                  "FROM v_citations WHERE document_id = :d AND criterion_id = :c ORDER BY char_start", params)
    finds = fetch("SELECT severity, kind, message, field FROM v_findings WHERE document_id = :d AND criterion_id = :c",
                  params)
    # verdicts on these bytes, and on the versions this one replaced (shown as stale)
    reviews = fetch("SELECT * FROM v_reviews WHERE criterion_id = :c AND (sha256 = :s OR sha256 IN "
                    "(SELECT sha256 FROM documents WHERE superseded_by = :d AND id <> :d)) ORDER BY review_id",
                    {"s": doc["sha256"], "c": criterion_id, "d": doc["document_id"]})
    return Trace(doc, criterion_id, text, score[0] if score else None, obs, cites, finds, reviews)


def line_of(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


def _fmt(value):
    return "—" if value is None else f"{value:g}"


def mark(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> str:
    """The source text start..end with each value span wrapped in ⟦ ⟧ (tabs shown as │)."""
    out, pos = [], start
    for span_start, span_end in sorted(spans):
        if span_start < pos or span_end > end:
            continue
        out += [text[pos:span_start], OPEN, text[span_start:span_end], CLOSE]
        pos = span_end
    out.append(text[pos:end])
    return "".join(out).replace("\t", " │ ")


def text_report(score_trace: Trace) -> str:
    name, lines = score_trace.document["file_name"], []
    if score_trace.score is not None:
        lines.append(f"{name} · {score_trace.criterion_id} · {score_trace.score['label']}")
        lines.append("  reconciled from the " + score_trace.score["origin"] + ": " + ", ".join(
            f"{k} {_fmt(score_trace.score[k])}" for k in VALUE_FIELDS if score_trace.score[k] is not None))
    for observation in score_trace.observations:
        where = f"page {observation['page']}, " if observation["page"] else ""
        lines.append("")
        lines.append(f"  {observation['source']} · {name}, {where}line {observation['line']}, "
                     f"chars {observation['char_start']}-{observation['char_end']}")
        for val in observation["values"]:
            box = (f", page {val['page']} box {val['x0']:g},{val['y0']:g}-{val['x1']:g},{val['y1']:g}"
                   if val.get("x0") is not None else "")
            lines.append(f"    {val['field']:<16} {val['value']:g}  (written '{val['raw']}', chars "
                         f"{val['char_start']}-{val['char_end']}, line {line_of(score_trace.text, val['char_start'])}{box})")
        spans = [(v["char_start"], v["char_end"]) for v in observation["values"]]
        snippet = mark(score_trace.text, observation["char_start"], observation["char_end"], spans)
        lines += ["    > " + sl for sl in snippet.splitlines() if sl.strip()]
    if score_trace.citations:
        lines.append("")
        lines.append(f"  cited documents ({len(score_trace.citations)}):")
        lines += [f"    line {c['line']}: {c['text']}" for c in score_trace.citations]
    if score_trace.findings:
        lines.append("")
        lines.append("  findings:")
        lines += [f"    {x['severity']} {x['kind']}: {x['message']}" for x in score_trace.findings]
    return "\n".join(lines)


