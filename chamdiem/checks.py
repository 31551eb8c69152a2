"""Consistency checks. They record findings; they never change a value."""
from __future__ import annotations

from chamdiem.lexicon.catalogs import catalog
from chamdiem.lexicon.findings import Both, field_name, finding
from chamdiem.normalizers.criterion_names import criterion_name
from chamdiem.normalizers.frameworks import Framework
from chamdiem.model.observations import SCORE_FIELDS, Finding, Metadata, ReconciledScore, ScoreObservation

EPS = 1e-6
_PAIRS = (("self_score", "max_points"), ("authority_score", "max_points"), ("bonus_self", "bonus_max"),
          ("bonus_authority", "bonus_max"))


def run_checks(framework: Framework, by_source: dict[str, dict[str, ScoreObservation]],
               scores: list[ReconciledScore], metadata: Metadata) -> list[Finding]:
    out: list[Finding] = []
    for source, obs in by_source.items():
        out += _exceeds_max(framework, obs)
        out += _subtotals(framework, source, obs)
    out += _narrative_vs_table(framework, by_source)
    out += _missing_items(framework, by_source, scores)
    out += _classification(framework, scores, metadata)
    return out


def _exceeds_max(framework: Framework, obs: dict[str, ScoreObservation]) -> list[Finding]:
    out = []
    for cid, observation in obs.items():
        for val, cap in _PAIRS:
            value, maximum = observation.get(val), observation.get(cap)
            if value is not None and maximum is not None and value > maximum + EPS:
                out.append(finding("authority_exceeds_max" if val in ("authority_score", "bonus_authority") else "self_exceeds_max",
                                   criterion_id=cid, source=observation.source, field=val, start=observation.values[val].start,
                                   end=observation.values[val].end, value=value, cap_field=field_name(cap), cap=maximum,
                                   criterion=criterion_name(framework, cid), line=observation.line))
    return out


# fields every item of a sheet has: an empty one was not read (a bonus left empty is simply none)
_ALWAYS = ("max_points", "self_score", "authority_score")


def _subtotals(framework: Framework, source: str, obs: dict[str, ScoreObservation]) -> list[Finding]:
    """A stated parent against the sum of its items. When some items were not read the sum is
    only a lower bound: a mismatch is reported only when the items read already exceed it."""
    out = []
    for cid, parent in obs.items():
        item = framework.items.get(cid)
        if item is None or not item.children:
            continue
        kids = [obs[c] for c in item.children if c in obs]
        if not kids:
            continue
        for field in SCORE_FIELDS:
            stated = parent.get(field)
            if stated is None:
                continue   # nothing stated to check against
            # the items that have this field: all of them, or for a bonus those the framework
            # gives one (and any that states one)
            members = [c for c in item.children if field in _ALWAYS or framework.items[c].bonus_max is not None
                       or (c in obs and obs[c].get(field) is not None)]
            kid_vals = [obs[c].get(field) if c in obs else None for c in members]
            if all(v is None for v in kid_vals):
                continue
            total = sum(v for v in kid_vals if v is not None)
            read = sum(1 for v in kid_vals if v is not None)
            if read < len(kid_vals) and total <= stated + EPS:
                continue  # unread items: reported by _unread_items, not as arithmetic
            if abs(total - stated) > EPS:
                out.append(finding("subtotal_mismatch", criterion_id=cid, source=source, field=field,
                                   start=parent.values[field].start, end=parent.values[field].end,
                                   criterion=criterion_name(framework, cid), stated=stated, count=read, total=total))
    return out


def _narrative_vs_table(framework: Framework, by_source) -> list[Finding]:
    out = []
    table, narrative = by_source.get("table", {}), by_source.get("narrative", {})
    for cid, from_narrative in narrative.items():
        from_table = table.get(cid)
        if from_table is None:
            continue
        for field in SCORE_FIELDS:
            narrative_value, table_value = from_narrative.get(field), from_table.get(field)
            if narrative_value is not None and table_value is not None and abs(narrative_value - table_value) > EPS:
                out.append(finding("narrative_table_mismatch", criterion_id=cid, source="narrative", field=field,
                                   start=from_narrative.values[field].start, end=from_narrative.values[field].end,
                                   criterion=criterion_name(framework, cid), narrative_line=from_narrative.line,
                                   narrative_value=narrative_value, table_line=from_table.line,
                                   table_value=table_value))
    return out


def _missing_items(framework: Framework, by_source, scores: list[ReconciledScore]) -> list[Finding]:
    """One finding naming what could not be read: a total with no item scores at all
    (missing_item_scores), or items whose values are missing where their siblings' were read
    (unread_item_values) (and the parent's stated value shows
    they belong to the report, or their row is there with its value unreadable)."""
    root = [o for obs in by_source.values() for cid, o in obs.items() if cid == framework.id and o.values]
    items = [o for obs in by_source.values() for cid, o in obs.items() if cid != framework.id and o.values]
    if root and not items:
        total = root[0]
        return [finding("missing_item_scores", criterion_id=framework.id, source=total.source,
                        start=total.start, end=total.end, line=total.line)]
    unread = _unread_items(framework, by_source, scores)
    if not unread:
        return []
    names = Both(", ".join(f"{criterion_name(framework, cid).vi} ({field_name(f).vi})" for cid, f in unread),
                 ", ".join(f"{cid} {f}" for cid, f in unread))
    # (not missing_item_scores, which CONTRACT.md keeps for a total stated with no item scores at all)
    return [finding("unread_item_values", criterion_id=framework.id, count=len(unread), names=names)]


def _unread_items(framework: Framework, by_source, scores: list[ReconciledScore]) -> list[tuple[str, str]]:
    values = {s.criterion_id: s.values for s in scores}
    table_rows = set(by_source.get("table", {}))
    out: list[tuple[str, str]] = []
    for item in framework.items.values():
        if not item.children:
            continue
        for field in _ALWAYS:
            got = {c: _own_or_contents(framework, values, c, field) for c in item.children}
            read = [v for v in got.values() if v is not None]
            if not read or len(read) == len(got):
                continue
            stated = values.get(item.id, {}).get(field)
            if stated is not None:
                if abs(sum(read) - stated) <= EPS:
                    continue  # the items read make up the stated value: the others are not in this report
                missing = [c for c, v in got.items() if v is None]
            else:
                # a sheet row whose cell could not be read (prose may simply not give every level)
                missing = [c for c, v in got.items() if v is None and c in table_rows]
            if field != "self_score":
                # prose often leaves the maximum and the authority's score out: only a sheet row
                # whose cell for them could not be read is unread, in a sheet with a column for them
                # (a sheet of self scores only, a few cells giving '9/10', leaves the others' maxima out)
                missing = [c for c in missing if c in table_rows and _has_column(by_source["table"][c], field)]
            out += [(c, field) for c in missing]
    return out


def _has_column(row: ScoreObservation, field: str) -> bool:
    """The row's sheet has a column for the field, or its columns' roles are not known."""
    return not row.header_roles or field in row.header_roles.values()


def _own_or_contents(framework: Framework, values: dict, cid: str, field: str) -> float | None:
    """An item's value, or when its row leaves it out while every one of its own items gives it (a
    criterion's row empty above its contents 1.1, 1.2, 1.3) their sum: not a value left unread."""
    own = values.get(cid, {}).get(field)
    kids = framework.items[cid].children
    if own is not None or not kids:
        return own
    contents = [values.get(k, {}).get(field) for k in kids]
    return sum(contents) if all(v is not None for v in contents) else None


def _classification(framework: Framework, scores: list[ReconciledScore], metadata: Metadata) -> list[Finding]:
    if metadata.classification is None:
        return []
    total = next((s for s in scores if s.criterion_id == framework.id), None)
    if total is None:
        return []
    stated_max = total.values.get("max_points")
    if stated_max is not None and framework.root.max is not None and abs(stated_max - framework.root.max) > EPS:
        return []  # the scale's thresholds apply to the framework's full total only
    value = total.values.get("authority_score")
    if value is None:
        value = total.values.get("self_score")
    if value is None:
        return []
    expected = framework.classify(value)
    if expected is None or expected == metadata.classification:
        return []
    words = catalog("presentation")["classification"]
    return [finding("classification_mismatch", criterion_id=framework.id, stated=words.get(metadata.classification, metadata.classification),
                    stated_code=metadata.classification, total=value, expected=words.get(expected, expected),
                    expected_code=expected, framework=framework.id)]
