"""Values a narrative states without writing them, relative to the item's maximum ('Tiêu chí 8 và tiêu
chí 9 đạt tối đa.', 'tiêu chí 10 bị trừ 1 điểm do chậm báo cáo', 'các tiêu chí còn lại đạt điểm tối
đa'): once the observations have their items, each such value (Value.below_maximum, in the
observation's ``relative``) becomes the item's maximum less the points below it, the maximum the
statement itself (or the heading above it) gives, else the framework's, else the sheet's; an info
finding says where it came from. Without a maximum no value is stored, and a finding says why.
A statement of 'the remaining' items gives its values to the items of its level, under one parent,
that no other statement nor row scores."""
from __future__ import annotations

from dataclasses import replace

from chamdiem.lexicon.findings import Both, finding
from chamdiem.model.observations import Finding, ScoreObservation
from chamdiem.normalizers.criterion_names import criterion_name
from chamdiem.normalizers.frameworks import Framework, ItemMapper
from chamdiem.normalizers.sheet_framework import is_provisional

_CAPS = {"self_score": "max_points", "authority_score": "max_points", "bonus_self": "bonus_max"}


def values_from_maximum(framework: Framework, observations: list[ScoreObservation],
                        remaining: list[ScoreObservation]) -> list[Finding]:
    """Adds to ``observations`` those of the items ``remaining`` statements give their values to,
    and gives every value relative to the maximum its value; returns the findings."""
    findings: list[Finding] = []
    for statement in remaining:
        observations += _remaining_items(framework, observations, statement, findings)
    stated = {(o.criterion_id, name) for o in observations if o.source == "narrative" for name in o.values}
    sheet = {o.criterion_id: o for o in observations if o.source == "table" and o.criterion_id is not None}
    for obs in observations:
        if obs.relative:
            findings += _resolve(framework, obs, stated, sheet.get(obs.criterion_id))
    return findings


def _resolve(framework: Framework, obs: ScoreObservation, stated: set, row: ScoreObservation | None) -> list[Finding]:
    """The observation's relative values as values, where its item's maximum is known and no other
    statement of the narrative states the field (a sheet's row that does is compared by the checks)."""
    out = []
    for name, value in list(obs.relative.items()):
        if obs.criterion_id is None or name in obs.values or (obs.criterion_id, name) in stated:
            continue
        cap, whence = _maximum(framework, obs, _CAPS[name], row)
        where = dict(criterion_id=obs.criterion_id, source="narrative", field=name, start=value.start,
                     end=value.end, words=value.raw[:80], line=obs.line,
                     criterion=criterion_name(framework, obs.criterion_id))
        if cap is None:
            out.append(finding("value_without_maximum", **where))
            continue
        obs.values[name] = replace(value, value=round(cap - value.below_maximum, 6))
        del obs.relative[name]
        out.append(finding("value_from_maximum", variant="remaining" if obs.remaining else None, **where,
                           value=obs.values[name].value, maximum=cap, below=value.below_maximum, whence=whence,
                           items=obs.marker[:80]))
    return out


_WHENCE = {"statement": Both("ghi trong câu hoặc tiêu đề", "written in the statement or its heading"),
           "framework": Both("của bộ tiêu chí", "the framework's"),
           "sheet": Both("ghi trong bảng điểm", "written in the score sheet")}


def _maximum(framework: Framework, obs: ScoreObservation, cap: str, row: ScoreObservation | None):
    """The item's maximum and where it was found: written in the observation, the framework's, or the
    sheet row's of the same item."""
    own = obs.values.get(cap)
    if own is not None:
        return own.value, _WHENCE["statement"]
    item = framework.items.get(obs.criterion_id)
    known = None if item is None else (item.bonus_max if cap == "bonus_max" else item.max)
    if known is not None:   # (a provisional framework's maxima are the sheet's)
        return known, _WHENCE["sheet" if is_provisional(framework.id) else "framework"]
    written = row.values.get(cap) if row is not None else None
    return (written.value, _WHENCE["sheet"]) if written is not None else (None, None)


def _remaining_items(framework: Framework, observations: list[ScoreObservation], statement: ScoreObservation,
                     findings: list[Finding]) -> list[ScoreObservation]:
    """The observations of 'các tiêu chí còn lại …': one per item of the statement's level, under the
    parent it names (or that of the items of the same marker word its paragraph names, or the
    whole sheet for the framework's first level), that no other observation gives one of the
    statement's fields."""
    depth = framework.depth_of_word(statement.remaining)
    parent = _parent(framework, observations, statement, depth)
    if depth is None or parent is None:
        findings.append(finding("value_without_maximum", variant="remaining", source="narrative",
                                start=statement.start, end=statement.end, words=statement.marker[:80],
                                line=statement.line, framework=framework.id))
        return []
    fields = set(statement.values) | set(statement.relative)
    scored = {o.criterion_id for o in observations if fields & (set(o.values) | set(o.relative))}
    out = []
    for item in framework.items.values():
        if item.depth == depth and item.parent == parent and item.id not in scored:
            out.append(replace(statement, values=dict(statement.values), relative=dict(statement.relative),
                               spans=list(statement.spans), notes=[], criterion_id=item.id))
    return out


def _parent(framework: Framework, observations: list[ScoreObservation], statement: ScoreObservation,
            depth: int | None) -> str | None:
    """The item whose children the statement names: the one it names ('… của tiêu chí 4'); else the
    one parent of the items of the same level its paragraph names; else the whole sheet, for the
    framework's first level."""
    if depth is None:
        return None
    if statement.parsed_marker is not None:
        item, _ = ItemMapper(framework).map(statement.parsed_marker, "")
        return item.id if item is not None and item.depth == depth - 1 else None
    parents = {framework.items[o.criterion_id].parent for o in observations
               if o.source == "narrative" and o.line == statement.line and o.criterion_id in framework.items
               and framework.items[o.criterion_id].depth == depth}
    if len(parents) == 1:
        return next(iter(parents))
    return framework.root.id if depth == 1 and not parents else None

