"""How complete a report's reading is, against its framework: the items a full report of it scores,
the criteria (one level under the total) with no self score read, and the criteria's self scores
added up when every one was read. A criterion not read is said, never taken as zero."""
from __future__ import annotations

from dataclasses import dataclass

from chamdiem.normalizers.framework_catalog import FrameworkSet, framework_set


@dataclass(frozen=True)
class Completeness:
    items_expected: int | None
    criteria_expected: int | None
    criteria_unread: int | None
    total_self_computed: float | None


UNKNOWN = Completeness(None, None, None, None)


def completeness(framework: str | None, scores, frameworks: FrameworkSet | None = None) -> Completeness:
    """``scores``: the report's reconciled scores (criterion_id, values); ``framework``: an id in
    ``frameworks`` (default: $CHAMDIEM_FRAMEWORKS's set). Unknown for a document without a known
    framework (a provisional sheet's items are only what it read)."""
    fw = framework_set(frameworks).get(framework) if framework else None
    if fw is None:
        return UNKNOWN
    read = {s.criterion_id: s.values for s in scores if s.criterion_id in fw.items}
    deepest = max((fw.items[c].depth for c in read), default=1)
    expected = sum(1 for item in fw.items.values() if item.depth <= max(deepest, 1))
    criteria = [item.id for item in fw.items.values() if item.depth == 1]
    selfs = [read.get(c, {}).get("self_score") for c in criteria]   # a self-assessment scores every criterion
    unread = sum(v is None for v in selfs)
    total = round(sum(selfs), 4) if criteria and not unread else None
    return Completeness(expected, len(criteria), unread, total)
