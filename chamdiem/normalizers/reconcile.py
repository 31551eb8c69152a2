"""One value per item and field: the score sheet wins over the narrative when both give one."""
from __future__ import annotations

from chamdiem.lexicon.findings import Both, field_name, finding, written_number
from chamdiem.normalizers.frameworks import Framework
from chamdiem.model.observations import SCORE_FIELDS, Finding, ReconciledScore, ScoreObservation


def first_by_source(observations: list[ScoreObservation]) -> tuple[dict[str, dict[str, ScoreObservation]], list[Finding]]:
    """{source: {criterion_id: observation}}; a second observation of one item is reported."""
    out: dict[str, dict[str, ScoreObservation]] = {"table": {}, "narrative": {}}
    dupes = []
    for obs in observations:
        if obs.criterion_id is None:
            continue
        seen = out.setdefault(obs.source, {})
        if obs.criterion_id in seen:
            if obs.values and not seen[obs.criterion_id].values:
                seen[obs.criterion_id] = obs  # a heading without points, its values stated later
                continue
            if obs.revises and obs.values and obs.start > seen[obs.criterion_id].start:
                # 'điều chỉnh … xuống còn 8 điểm': the later statement's values win, the others stay
                first = seen[obs.criterion_id]
                dupes.append(_revised(first, obs))
                obs.values = {**first.values, **obs.values}
                seen[obs.criterion_id] = obs
                continue
            if _completes(seen[obs.criterion_id], obs):
                continue
            if obs.values:
                first = seen[obs.criterion_id]
                dupes.append(finding("duplicate_item", criterion_id=obs.criterion_id, source=obs.source,
                                     start=obs.start, end=obs.end, item=f"{obs.marker} {obs.label[:80]}".strip(),
                                     line=obs.line, first_line=first.line))
            continue
        seen[obs.criterion_id] = obs
    return out, dupes


def _revised(first: ScoreObservation, later: ScoreObservation) -> Finding:
    """The finding that says a later statement revised an item's values (nothing is replaced
    silently): both lines and the values of each."""
    def shown(obs: ScoreObservation) -> Both:
        return Both(*(", ".join(f"{getattr(field_name(k), lang)} {written_number(v.value, lang)}"
                                for k, v in obs.values.items() if k in SCORE_FIELDS) for lang in ("vi", "en")))
    return finding("value_revised", criterion_id=later.criterion_id, source=later.source, start=later.start,
                   end=later.end, line=later.line, first_line=first.line, before=shown(first), after=shown(later))


def _completes(first: ScoreObservation, later: ScoreObservation) -> bool:
    """'Tiêu chí 1. … (tối đa 10 điểm)' and below it '=> Điểm tiêu chí 1: 10 điểm.': a statement of
    the narrative that gives an item the fields its first statement lacked, and agrees with it on
    the others, completes it (the first keeps its place)."""
    if later.source != "narrative" or not later.values or set(later.values) <= set(first.values):
        return False
    if any(first.values[f].value != v.value for f, v in later.values.items() if f in first.values):
        return False
    first.values = {**first.values, **{f: v for f, v in later.values.items() if f not in first.values}}
    return True


def reconcile(framework: Framework, by_source: dict[str, dict[str, ScoreObservation]]) -> list[ReconciledScore]:
    table, narrative = by_source.get("table", {}), by_source.get("narrative", {})
    order = framework.position
    out = []
    for cid in sorted(set(table) | set(narrative), key=lambda c: order.get(c, len(order))):
        from_table, from_narrative = table.get(cid), narrative.get(cid)
        table_values = from_table.values if from_table is not None else {}
        narrative_values = from_narrative.values if from_narrative is not None else {}
        values = {}
        confidences = []
        for field_name in SCORE_FIELDS:
            stated = table_values.get(field_name)   # the sheet's value, else the narrative's
            if stated is None or stated.value is None:
                stated = narrative_values.get(field_name)
            values[field_name] = stated.value if stated is not None else None
            if values[field_name] is not None and stated.confidence is not None:
                confidences.append(stated.confidence)
        if all(stated is None for stated in values.values()):
            continue
        src = from_table if from_table is not None and from_table.values else from_narrative
        label = next((o.label or o.marker for o in (from_table, from_narrative)
                      if o is not None and (o.label or o.marker)), "")
        out.append(ReconciledScore(cid, label, values, src.source, src.page, src.line, src.start, src.end,
                                   min(confidences) if confidences else None, src.cell_ref))
    return out
