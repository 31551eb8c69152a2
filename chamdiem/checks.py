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


def run_checks(fw: Framework, by_source: dict[str, dict[str, ScoreObservation]],
               scores: list[ReconciledScore], metadata: Metadata) -> list[Finding]:
    out: list[Finding] = []
    for source, obs in by_source.items():
        out += _exceeds_max(fw, obs)
        out += _subtotals(fw, source, obs)
    out += _narrative_vs_table(fw, by_source)
    out += _missing_items(fw, by_source, scores)
    out += _classification(fw, scores, metadata)
    return out


def _exceeds_max(fw: Framework, obs: dict[str, ScoreObservation]) -> list[Finding]:
    out = []
    for cid, o in obs.items():
        for val, cap in _PAIRS:
            v, m = o.get(val), o.get(cap)
            if v is not None and m is not None and v > m + EPS:
                out.append(finding("authority_exceeds_max" if val in ("authority_score", "bonus_authority") else "self_exceeds_max",
                                   criterion_id=cid, source=o.source, field=val, start=o.values[val].start,
                                   end=o.values[val].end, value=v, cap_field=field_name(cap), cap=m,
                                   criterion=criterion_name(fw, cid), line=o.line))
    return out


# fields every item of a sheet has: an empty one was not read (a bonus left empty is simply none)
_ALWAYS = ("max_points", "self_score", "authority_score")


def _subtotals(fw: Framework, source: str, obs: dict[str, ScoreObservation]) -> list[Finding]:
    """A stated parent against the sum of its items. When some items were not read the sum is
    only a lower bound: a mismatch is reported only when the items read already exceed it."""
    out = []
    for cid, parent in obs.items():
        item = fw.items.get(cid)
        if item is None or not item.children:
            continue
        kids = [obs[c] for c in item.children if c in obs]
        if not kids:
            continue
        for f in SCORE_FIELDS:
            stated = parent.get(f)
            if stated is None:
                continue   # nothing stated to check against
            # the items that have this field: all of them, or for a bonus those the framework
            # gives one (and any that states one)
            members = [c for c in item.children if f in _ALWAYS or fw.items[c].bonus_max is not None
                       or (c in obs and obs[c].get(f) is not None)]
            kid_vals = [obs[c].get(f) if c in obs else None for c in members]
            if all(v is None for v in kid_vals):
                continue
            total = sum(v for v in kid_vals if v is not None)
            read = sum(1 for v in kid_vals if v is not None)
            if read < len(kid_vals) and total <= stated + EPS:
                continue  # unread items: reported by _unread_items, not as arithmetic
            if abs(total - stated) > EPS:
                out.append(finding("subtotal_mismatch", criterion_id=cid, source=source, field=f,
                                   start=parent.values[f].start, end=parent.values[f].end,
                                   criterion=criterion_name(fw, cid), stated=stated, count=read, total=total))
    return out


def _narrative_vs_table(fw: Framework, by_source) -> list[Finding]:
    out = []
    table, narrative = by_source.get("table", {}), by_source.get("narrative", {})
    for cid, n in narrative.items():
        t = table.get(cid)
        if t is None:
            continue
        for f in SCORE_FIELDS:
            a, b = n.get(f), t.get(f)
            if a is not None and b is not None and abs(a - b) > EPS:
                out.append(finding("narrative_table_mismatch", criterion_id=cid, source="narrative", field=f,
                                   start=n.values[f].start, end=n.values[f].end,
                                   criterion=criterion_name(fw, cid), narrative_line=n.line, narrative_value=a, table_line=t.line, table_value=b))
    return out


def _missing_items(fw: Framework, by_source, scores: list[ReconciledScore]) -> list[Finding]:
    """One finding naming what could not be read: a total with no item scores at all, or items
    whose values are missing where their siblings' were read (and the parent's stated value shows
    they belong to the report, or their row is there with its value unreadable)."""
    root = [o for obs in by_source.values() for cid, o in obs.items() if cid == fw.id and o.values]
    items = [o for obs in by_source.values() for cid, o in obs.items() if cid != fw.id and o.values]
    if root and not items:
        o = root[0]
        return [finding("missing_item_scores", variant="total_only", criterion_id=fw.id, source=o.source,
                        start=o.start, end=o.end, line=o.line)]
    unread = _unread_items(fw, by_source, scores)
    if not unread:
        return []
    names = Both(", ".join(f"{criterion_name(fw, cid).vi} ({field_name(f).vi})" for cid, f in unread),
                 ", ".join(f"{cid} {f}" for cid, f in unread))
    return [finding("missing_item_scores", criterion_id=fw.id, count=len(unread), names=names)]


def _unread_items(fw: Framework, by_source, scores: list[ReconciledScore]) -> list[tuple[str, str]]:
    values = {s.criterion_id: s.values for s in scores}
    table_rows = set(by_source.get("table", {}))
    out: list[tuple[str, str]] = []
    for item in fw.items.values():
        if not item.children:
            continue
        for f in _ALWAYS:
            got = {c: values.get(c, {}).get(f) for c in item.children}
            read = [v for v in got.values() if v is not None]
            if not read or len(read) == len(got):
                continue
            stated = values.get(item.id, {}).get(f)
            if stated is not None:
                if abs(sum(read) - stated) <= EPS:
                    continue  # the items read make up the stated value: the others are not in this report
                missing = [c for c, v in got.items() if v is None]
            else:
                # a sheet row whose cell could not be read (prose may simply not give every level)
                missing = [c for c, v in got.items() if v is None and c in table_rows]
            if f != "self_score":
                # prose often leaves the maximum and the authority's score out: only a sheet row
                # whose cell for them could not be read is unread
                missing = [c for c in missing if c in table_rows]
            out += [(c, f) for c in missing]
    return out


def _classification(fw: Framework, scores: list[ReconciledScore], md: Metadata) -> list[Finding]:
    if md.classification is None:
        return []
    total = next((s for s in scores if s.criterion_id == fw.id), None)
    if total is None:
        return []
    stated_max = total.values.get("max_points")
    if stated_max is not None and fw.root.max is not None and abs(stated_max - fw.root.max) > EPS:
        return []  # the scale's thresholds apply to the framework's full total only
    value = total.values.get("authority_score")
    if value is None:
        value = total.values.get("self_score")
    if value is None:
        return []
    expected = fw.classify(value)
    if expected is None or expected == md.classification:
        return []
    words = catalog("presentation")["classification"]
    return [finding("classification_mismatch", criterion_id=fw.id, stated=words.get(md.classification, md.classification),
                    stated_code=md.classification, total=value, expected=words.get(expected, expected),
                    expected_code=expected, framework=fw.id)]
