"""`chamdiem trace`: a score back to the file, page, line and characters it came from."""
from __future__ import annotations

import os

from sqlalchemy import select

from chamdiem.schema import tables as T

OPEN, CLOSE = "⟦", "⟧"


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


def trace(store, file_name: str, criterion_id: str, html_path: str | None = None) -> tuple[int, str]:
    """Returns (exit status, report). With ``html_path``, also writes the highlighted source."""
    name = os.path.basename(file_name)
    d, s, o, v, f = T.documents.c, T.scores.c, T.observations.c, T.observation_values.c, T.findings.c
    with store.engine.connect() as con:
        doc = con.execute(select(d.id, d.framework).where(d.file_name == name, d.is_current)).first()
        if doc is None:
            return 1, f"{name}: not in the database (ingest it first)"
        text = con.execute(select(T.document_texts.c.text).where(T.document_texts.c.document_id == doc.id)).scalar_one()
        score = con.execute(select(T.scores).where(s.document_id == doc.id, s.criterion_id == criterion_id)).first()
        obs = con.execute(select(T.observations).where(o.document_id == doc.id, o.criterion_id == criterion_id)
                          .order_by(o.seq)).all()
        values = {}
        for ob in obs:
            values[ob.id] = con.execute(select(T.observation_values).where(v.observation_id == ob.id)).all()
        finds = con.execute(select(f.severity, f.kind, f.message).where(f.document_id == doc.id,
                                                                       f.criterion_id == criterion_id)).all()
        cites = con.execute(select(T.citations.c.char_start, T.citations.c.char_end, T.citations.c.text,
                                   T.citations.c.line)
                            .where(T.citations.c.document_id == doc.id,
                                   T.citations.c.criterion_id == criterion_id)).all()
    if score is None and not obs:
        return 1, f"{name}: no score for {criterion_id} (framework {doc.framework})"
    lines = []
    if score is not None:
        lines.append(f"{name} · {criterion_id} · {score.label}")
        lines.append("  reconciled from the " + score.origin + ": " + ", ".join(
            f"{k} {_fmt(getattr(score, k))}" for k in ("max_points", "self_score", "authority_score",
                                                         "bonus_max", "bonus_self") if getattr(score, k) is not None))
    for ob in obs:
        where = f"page {ob.page}, " if ob.page else ""
        lines.append("")
        lines.append(f"  {ob.source} · {name}, {where}line {ob.line}, chars {ob.char_start}-{ob.char_end}")
        for val in values[ob.id]:
            lines.append(f"    {val.field:<16} {val.value:g}  (written '{val.raw}', chars {val.char_start}-{val.char_end}, "
                         f"line {text.count(chr(10), 0, val.char_start) + 1})")
        snippet = mark(text, ob.char_start, ob.char_end, [(x.char_start, x.char_end) for x in values[ob.id]])
        for sl in snippet.splitlines():
            if sl.strip():
                lines.append("    > " + sl)
    if cites:
        lines.append("")
        lines.append(f"  cited documents ({len(cites)}):")
        lines += [f"    line {c.line}: {c.text}" for c in cites]
    if html_path:
        _write_html(html_path, name, criterion_id, text, obs, values, cites)
        lines.append("")
        lines.append(f"  highlighted source written to {html_path}")
    if finds:
        lines.append("")
        lines.append("  findings:")
        lines += [f"    {x.severity} {x.kind}: {x.message}" for x in finds]
    return 0, "\n".join(lines)


def _write_html(path, name, criterion_id, text, obs, values, cites) -> None:
    from chamdiem.interfaces.annotate import build_doc, render_html
    sections = []
    for ob in obs:
        s0, e0 = ob.char_start, ob.char_end
        spans = [(v.char_start - s0, v.char_end - s0, "SCORE") for v in values[ob.id]]
        spans += [(c.char_start - s0, c.char_end - s0, "CITATION") for c in cites
                  if s0 <= c.char_start and c.char_end <= e0]
        snippet = text[s0:e0]
        where = f"page {ob.page}, " if ob.page else ""
        sections.append((f"{ob.source} · {where}line {ob.line}", build_doc(snippet, spans)))
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(render_html(sections, f"{name} · {criterion_id}"))
