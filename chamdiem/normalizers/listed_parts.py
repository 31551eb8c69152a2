"""An item's contents scored in a list before the item's own score, without being named:
'… ban hành Quy tắc ứng xử (3 điểm); … (3 điểm); … (2 điểm); … (2 điểm). Cộng: 10 điểm.' or
'Tiêu chí 10 (…): Báo cáo đầy đủ: 5 điểm; …: 0 điểm; …: 1 điểm; …: 2 điểm. Cộng 8 điểm.'

The framework decides, never the order alone: the points listed in the paragraph before the item's
score are its contents' in the framework's order only when they are exactly as many as its
contents, each within its content's maximum, and add up to the score written after them; and only
for an item none of whose contents is scored otherwise. Each value keeps its characters' span."""
from __future__ import annotations

import bisect

from chamdiem.extractors.narrative.listed_points import points_before
from chamdiem.model.document import Block, DocumentModel, paragraphs
from chamdiem.model.observations import ScoreObservation
from chamdiem.normalizers.frameworks import Framework


def listed_parts(framework: Framework, observations: list[ScoreObservation],
                 model: DocumentModel) -> list[ScoreObservation]:
    """The contents' observations so read, to add to ``observations``: from the paragraph of a
    statement, the points listed before its score; from a sheet's row, those of one of its other
    cells ('a) 5 điểm; b) 0 điểm; c) 1 điểm; d) 2 điểm' in its note column)."""
    scored = {o.criterion_id for o in observations if o.values or o.relative}
    candidates = [o for o in observations if o.get("self_score") is not None
                  and (item := framework.items.get(o.criterion_id or "")) is not None and item.children
                  and item.id != framework.id and not any(c in scored for c in item.children)]
    if not candidates:
        return []
    runs = paragraphs(model.blocks, model.text)
    starts = [p.start for p in runs]
    out = []
    for observation in candidates:
        item = framework.items[observation.criterion_id]
        if any(c in scored for c in item.children):
            continue
        if observation.source == "table":
            found = _in_row(framework, item, observation, model)
        else:
            found = _in_paragraph(framework, item, observation, observations, (runs, starts, model.text))
        for child, value, label, page in found:
            out.append(ScoreObservation(source="narrative", marker="", label=label, values={"self_score": value},
                                        start=value.start, end=value.end, line=model.line_of(value.start),
                                        page=page, spans=[(value.start, value.end)], criterion_id=child.id))
            scored.add(child.id)
    return out


def _in_paragraph(framework: Framework, item, observation: ScoreObservation, observations: list[ScoreObservation],
                  runs: tuple[list[Block], list[int], str]) -> list:
    paras, starts, text = runs
    k = bisect.bisect_right(starts, observation.start) - 1
    if k < 0:
        return []
    said_at = min(v.start for v in observation.values.values())
    since = _since(observation, observations, paras[k].start, said_at)
    listed = [v for v in points_before(paras[k], said_at) if v.start >= since]
    found = _parts(framework, item, listed, observation.get("self_score"), (text, paras[k], since))
    return (found or _listed_above(framework, item, observation, observations, (paras, k, text))
            or _listed_after(framework, item, observation, observations, (paras, k, text)))


def _listed_above(framework: Framework, item, observation: ScoreObservation, observations: list[ScoreObservation],
                  runs: tuple[list[Block], int, str]) -> list:
    """'I. Tiêu chí thứ nhất – …' / 'a) Quán triệt … [3 điểm].' / 'b) … [3 điểm].' / 'c) … [3,5 điểm].' /
    'Điểm tự chấm tiêu chí thứ nhất: 9,5/10 điểm.': the points listed in the paragraphs before the
    item's statement, since whatever the narrative read before them (the item's heading)."""
    paras, k, text = runs
    if k == 0:
        return []
    ends = [e for o in observations if o is not observation and o.source == "narrative"
            for _, e in (o.spans or [(o.start, o.end)]) if e <= paras[k].start]
    lo = max(ends, default=0)
    listed = [v for para in paras[:k] if para.end > lo for v in points_before(para, para.end) if v.start >= lo]
    if not listed:
        return []
    first = next(p for p in paras[:k] if p.end > lo)
    return _parts(framework, item, listed, observation.get("self_score"), (text, first, max(lo, first.start)))


def _listed_after(framework: Framework, item, observation: ScoreObservation, observations: list[ScoreObservation],
                  runs: tuple[list[Block], int, str]) -> list:
    """'Tiêu chí 1 (tối đa 10 điểm): tự chấm 10 điểm.' / … / 'Trong đó: a) …: 3 điểm; b) …: 3 điểm; c)
    …: 4 điểm.': the points listed after the item's statement, in the rest of its paragraph or in one
    paragraph after it, before anything else states points of an item."""
    paras, k, text = runs
    end = max(e for _, e in (observation.spans or [(observation.start, observation.end)]))
    bound = min([o.start for o in observations if o.start > end and (o.values or o.relative or o.title)]
                + [len(text)])
    for para in paras[k:]:
        if para.start >= bound:
            break
        lo = max(para.start, end)
        listed = [v for v in points_before(para, min(para.end, bound)) if v.start >= lo]
        if listed:
            return _parts(framework, item, listed, observation.get("self_score"), (text, para, lo))
    return []


def _in_row(framework: Framework, item, observation: ScoreObservation, model: DocumentModel) -> list:
    """The one cell of the row, other than those its values stand in, whose listed points fit."""
    if observation.table is None:
        return []
    mine = [v.start for v in observation.values.values()]
    rows = {start for start, _ in observation.spans or [(observation.start, observation.end)]}
    found = []
    for row in model.tables[observation.table].rows:
        if row.start not in rows:
            continue
        for cell in row.cells:
            if cell.merged_from is not None or any(cell.start <= at <= cell.end for at in mine):
                continue
            block = Block(cell.view.raw_start, cell.view.raw_end, row.line, cell.view, cell.page)
            parts = _parts(framework, item, points_before(block, cell.end), observation.get("self_score"),
                           (model.text, block, cell.start))
            if parts:
                found.append(parts)
    return found[0] if len(found) == 1 else []


def _since(observation: ScoreObservation, observations: list[ScoreObservation], start: int, said_at: int) -> int:
    """Where the list may begin: at the item's own heading when the statement opens with it
    ('Tiêu chí 10 (…): …: 5 điểm; …'), else after whatever else the paragraph states before it."""
    if observation.parsed_marker is not None:
        return observation.start
    ends = [e for o in observations if o is not observation for s, e in (o.spans or [(o.start, o.end)])
            if start <= e <= said_at and o.values]
    return max([start] + ends)


def _parts(framework: Framework, item, values: list, total: float, where: tuple[str, Block, int]) -> list:
    """(child, value, label, page) for each content, when the values fit the item's contents.
    ``where``: the document's text, the paragraph or cell, and where the list may begin."""
    text, block, since = where
    children = [framework.items[c] for c in item.children]
    if len(values) != len(children) or abs(sum(v.value for v in values) - total) > 1e-9:
        return []
    if not all(c.max is not None and v.value <= c.max for c, v in zip(children, values)):
        return []
    out, lo = [], since
    for child, value in zip(children, values):
        out.append((child, value, _clause(text, lo, value.start), block.page))
        lo = value.end
    return out


def _clause(text: str, start: int, end: int) -> str:
    """The words of the part the points score: from the list's last separator before them."""
    segment = text[start:end].rstrip(" :([–-")
    cut = max(segment.rfind(c) for c in ";.:)")
    words = segment[cut + 1:].split() or segment.split()   # ('a) 5 điểm': the list's own mark)
    return " ".join(words)[:200]
