"""Consistency checks. They record findings; they never change a value."""
from __future__ import annotations

from chamdiem.normalizers.frameworks import Framework
from chamdiem.model.observations import SCORE_FIELDS, Finding, Metadata, ReconciledScore, ScoreObservation

EPS = 1e-6
_PAIRS = (("self_score", "max_points"), ("authority_score", "max_points"), ("bonus_self", "bonus_max"),
          ("bonus_authority", "bonus_max"))
_FIELD_VI = {"max_points": "thang điểm", "self_score": "điểm tự chấm", "authority_score": "điểm thẩm quyền",
             "bonus_max": "điểm thưởng", "bonus_self": "điểm thưởng tự chấm",
             "bonus_authority": "điểm thưởng thẩm quyền"}


def _fmt(x: float) -> str:
    return f"{x:g}"


def run_checks(fw: Framework, by_source: dict[str, dict[str, ScoreObservation]],
               scores: list[ReconciledScore], metadata: Metadata) -> list[Finding]:
    out: list[Finding] = []
    for source, obs in by_source.items():
        out += _exceeds_max(obs)
        out += _subtotals(fw, source, obs)
    out += _narrative_vs_table(by_source)
    out += _missing_items(fw, by_source, scores)
    out += _classification(fw, scores, metadata)
    return out


def _exceeds_max(obs: dict[str, ScoreObservation]) -> list[Finding]:
    out = []
    for cid, o in obs.items():
        for val, cap in _PAIRS:
            v, m = o.get(val), o.get(cap)
            if v is not None and m is not None and v > m + EPS:
                kind = "authority_exceeds_max" if val in ("authority_score", "bonus_authority") else "self_exceeds_max"
                out.append(Finding(cid, kind, "error",
                                   f"{_FIELD_VI[val]} {_fmt(v)} vượt {_FIELD_VI[cap]} {_fmt(m)} "
                                   f"({o.source}, line {o.line}): {val} {_fmt(v)} > {cap} {_fmt(m)}",
                                   o.source, val, o.values[val].start, o.values[val].end))
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
                out.append(Finding(cid, "subtotal_mismatch", "warning",
                                   f"{cid} {f}: stated {_fmt(stated)} but its {read} items in the {source} "
                                   f"add up to {_fmt(total)} (tổng các mục {_fmt(total)} ≠ {_fmt(stated)})",
                                   source, f, parent.values[f].start, parent.values[f].end))
    return out


def _narrative_vs_table(by_source) -> list[Finding]:
    out = []
    table, narrative = by_source.get("table", {}), by_source.get("narrative", {})
    for cid, n in narrative.items():
        t = table.get(cid)
        if t is None:
            continue
        for f in SCORE_FIELDS:
            a, b = n.get(f), t.get(f)
            if a is not None and b is not None and abs(a - b) > EPS:
                out.append(Finding(cid, "narrative_table_mismatch", "warning",
                                   f"{cid} {f}: narrative (line {n.line}) says {_fmt(a)}, "
                                   f"score sheet (line {t.line}) says {_fmt(b)}; the sheet's value is used",
                                   "narrative", f, n.values[f].start, n.values[f].end))
    return out


def _missing_items(fw: Framework, by_source, scores: list[ReconciledScore]) -> list[Finding]:
    """One finding naming what could not be read: a total with no item scores at all, or items
    whose values are missing where their siblings' were read (and the parent's stated value shows
    they belong to the report, or their row is there with its value unreadable)."""
    root = [o for obs in by_source.values() for cid, o in obs.items() if cid == fw.id and o.values]
    items = [o for obs in by_source.values() for cid, o in obs.items() if cid != fw.id and o.values]
    if root and not items:
        o = root[0]
        return [Finding(fw.id, "missing_item_scores", "warning",
                        f"a total is stated (line {o.line}) but no item scores are given",
                        o.source, None, o.start, o.end)]
    unread = _unread_items(fw, by_source, scores)
    if not unread:
        return []
    names = ", ".join(f"{cid} {f}" for cid, f in unread)
    return [Finding(fw.id, "missing_item_scores", "warning",
                    f"{len(unread)} item values could not be read (không đọc được): {names}")]


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
    return [Finding(fw.id, "classification_mismatch", "warning",
                    f"the report classifies itself '{md.classification}' but a total of {_fmt(value)} "
                    f"gives '{expected}' on the {fw.id} scale")]
