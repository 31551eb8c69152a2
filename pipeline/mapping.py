"""Which framework a document's score sheet belongs to, and the canonical ID of each item."""
from __future__ import annotations

from normalizers.frameworks import Framework, ItemMapper, frameworks
from normalizers.text import fold
from schema.model import Finding, ScoreObservation


def detect_framework(doc_text: str, observations: list[ScoreObservation]) -> Framework | None:
    """The framework whose items the observations match best (by text, or by numbering its text
    confirms), keywords breaking ties. Only a document that states scores (a sheet, item points or
    a total) has a framework."""
    if not any(o.values for o in observations):
        return None
    folded = fold(doc_text[:300_000])
    best, best_score = None, 0.0
    for fw in frameworks().values():
        mappers: dict[str, ItemMapper] = {}
        hits = 0
        for o in observations:
            if o.is_total:
                continue
            _, how = mappers.setdefault(o.source, ItemMapper(fw)).map(o.parsed_marker, o.label)
            hits += how in ("number+text", "text")
        kw = sum(min(folded.count(k), 5) for k in fw.keywords)
        score = 3 * hits + 0.2 * kw
        if score > best_score:
            best, best_score = fw, score
    return best


def map_observations(fw: Framework, observations: list[ScoreObservation]) -> list[Finding]:
    """Sets ``criterion_id`` on each observation, source by source, in reading order."""
    findings: list[Finding] = []
    mappers: dict[str, ItemMapper] = {}
    for o in observations:
        if o.is_total:
            o.criterion_id = fw.id
            continue
        mapper = mappers.setdefault(o.source, ItemMapper(fw))
        item, how = mapper.map(o.parsed_marker, o.label)
        if item is not None:
            o.criterion_id = item.id
        elif o.values:
            shown = f"{o.marker} " if o.marker else ""
            findings.append(Finding(None, "unmapped_item", "warning",
                                    f"{o.source} item '{shown}{o.label[:80]}' (line {o.line}) matches no "
                                    f"{fw.id} item: {how}", o.source, None, o.start, o.end))
    return findings
