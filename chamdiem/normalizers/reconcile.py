"""One value per item and field: the score sheet wins over the narrative when both give one."""
from __future__ import annotations

from chamdiem.lexicon.findings import finding
from chamdiem.normalizers.frameworks import Framework
from chamdiem.model.observations import SCORE_FIELDS, Finding, ReconciledScore, ScoreObservation


def first_by_source(observations: list[ScoreObservation]) -> tuple[dict[str, dict[str, ScoreObservation]], list[Finding]]:
    """{source: {criterion_id: observation}}; a second observation of one item is reported."""
    out: dict[str, dict[str, ScoreObservation]] = {"table": {}, "narrative": {}}
    dupes = []
    for o in observations:
        if o.criterion_id is None:
            continue
        seen = out.setdefault(o.source, {})
        if o.criterion_id in seen:
            if o.values and not seen[o.criterion_id].values:
                seen[o.criterion_id] = o  # a heading without points, its values stated later
                continue
            if o.values:
                first = seen[o.criterion_id]
                dupes.append(finding("duplicate_item", criterion_id=o.criterion_id, source=o.source,
                                     start=o.start, end=o.end, item=f"{o.marker} {o.label[:80]}".strip(),
                                     line=o.line, first_line=first.line))
            continue
        seen[o.criterion_id] = o
    return out, dupes


def reconcile(fw: Framework, by_source: dict[str, dict[str, ScoreObservation]]) -> list[ReconciledScore]:
    table, narrative = by_source.get("table", {}), by_source.get("narrative", {})
    order = fw.position
    out = []
    for cid in sorted(set(table) | set(narrative), key=lambda c: order.get(c, len(order))):
        t, n = table.get(cid), narrative.get(cid)
        tv = t.values if t is not None else {}
        nv = n.values if n is not None else {}
        values = {}
        confidences = []
        for f in SCORE_FIELDS:
            v = tv.get(f)   # the sheet's value, else the narrative's
            if v is None or v.value is None:
                v = nv.get(f)
            values[f] = v.value if v is not None else None
            if values[f] is not None and v.confidence is not None:
                confidences.append(v.confidence)
        if all(v is None for v in values.values()):
            continue
        src = t if t is not None and t.values else n
        label = next((o.label or o.marker for o in (t, n) if o is not None and (o.label or o.marker)), "")
        out.append(ReconciledScore(cid, label, values, src.source, src.page, src.line, src.start, src.end,
                                   min(confidences) if confidences else None, src.cell_ref))
    return out
