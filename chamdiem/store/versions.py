"""Which version of a report is current: a pure decision over the new report's facts and the
versions current now, returning its finding when the new one is held back. The writer reads the
current versions and stores what this decides, in one transaction (writing/versions.py).

When every current version is the same report in another form (store/renditions.py), the best-read
form is current; otherwise the resubmission rule decides."""
from __future__ import annotations

from typing import NamedTuple

from chamdiem.lexicon.catalogs import catalog
from chamdiem.lexicon.findings import finding
from chamdiem.model.observations import Finding, Report
from chamdiem.store.renditions import Form, decide_rendition, same_report


class VersionFacts(NamedTuple):
    """What the decision needs of the new report."""
    items_read: int                   # scored items read
    issued_on: str | None             # the date it gives itself
    read_failures: tuple[str, ...]    # kinds of its findings that say part of it was not read
    form: Form | None = None          # its form, for the rendition rule


class StoredVersion(NamedTuple):
    """A version current now."""
    id: int
    file_name: str
    items_read: int | None
    issued_on: str | None
    form: Form | None = None          # its form, for the rendition rule


class VersionDecision(NamedTuple):
    current: bool                # the new report becomes the current version
    reason: str                  # why (stored as version_reason)
    kept: int | None             # the version that stays current instead
    finding: Finding | None      # incomplete_resubmission, on a version held back
    kind: str = "first"          # 'first', 'rendition' or 'resubmission' (stored as version_kind)


def version_facts(doc: Report) -> VersionFacts:
    failures = set(catalog("input_checks")["versions"]["read_failure_findings"])
    damaged = tuple(sorted({f.kind for f in doc.findings if f.kind in failures}))
    form = Form(None, doc.model.file_name, doc.model.format, bool(doc.model.ocr), doc.metadata.report_number,
                len(doc.scores), {s.criterion_id: s.values.get("self_score") for s in doc.scores})
    return VersionFacts(len(doc.scores), doc.metadata.issued_on, damaged, form)


def decide(facts: VersionFacts, current: list[StoredVersion]) -> VersionDecision:
    """The first version is current; the same report in another form is current when it is the
    best read of its forms (``_rendition``); else the resubmission rule (``_resubmission``)."""
    if not current:
        return VersionDecision(True, "current: first version of this report", None, None)
    rendition = _rendition(facts, current)
    return rendition if rendition is not None else _resubmission(facts, current)


def _rendition(facts: VersionFacts, current: list[StoredVersion]) -> VersionDecision | None:
    """When every current version is the new report in another form: the best-read form is
    current, the others are its renditions (no finding: nothing is missing)."""
    if facts.form is None or any(version.form is None for version in current):
        return None
    renditions = [(version.form, why) for version in current for why in [same_report(facts.form, version.form)]
                  if why]
    if len(renditions) != len(current):
        return None
    is_current, reason, kept = decide_rendition(facts.form, renditions)
    return VersionDecision(is_current, reason, kept, None, "rendition")


def _resubmission(facts: VersionFacts, current: list[StoredVersion]) -> VersionDecision:
    """A resubmission replaces the current versions only when it is at least as complete as each
    (as many scored items read and no read failure) or dated later in its own text; else the
    complete report stays current and the new one carries the finding incomplete_resubmission."""
    dated, items, damaged = facts.issued_on, facts.items_read, facts.read_failures
    whys = []
    for version in current:
        if dated and version.issued_on and dated > version.issued_on:
            whys.append(f"dated {dated}, later than document {version.id} ({version.issued_on})")
            continue
        have = version.items_read or 0
        if items >= have and not damaged:
            whys.append(f"{items} scored items read, document {version.id} had {have}")
            continue
        lack = f"read failure ({', '.join(damaged)})" if damaged and items >= have else \
            f"{items} scored items read where document {version.id} ({version.file_name}) has {have}"
        reason = (f"not current: an incomplete resubmission, {lack}, and not dated later "
                  f"({dated or 'no date'} vs {version.issued_on or 'no date'}); document {version.id} stays current")
        return VersionDecision(False, reason, version.id,
                               finding("incomplete_resubmission", keeper=version.id, reason=reason), "resubmission")
    return VersionDecision(True, "current: " + "; ".join(whys), None, None, "resubmission")

