"""Items introduced by their names: the framework decides which lines of the prose are its
items' titles ('1. Công tác triển khai, quán triệt …', 'Về thực hiện nhiệm vụ chính trị'), and
the statements under them are read inside those items ('Tự chấm: nội dung 1 đạt 3/3' under the
first criterion's title is its first content; 'Kết quả tiêu chí: 9/10 điểm' is the criterion's).

The lines are offered (extractors/narrative/titles.py) only when the narrative holds statements it
could not place alone, and mapped with the statements in reading order: a line is a title only when
its words name an item (ItemMapper.by_title), and then it opens that item for what follows."""
from __future__ import annotations

import bisect

from chamdiem.extractors.narrative.titles import is_section
from chamdiem.lexicon.numbering import nesting
from chamdiem.lexicon.text import fold
from chamdiem.model.observations import ScoreObservation
from chamdiem.normalizers.frameworks import Framework, Item


def may_need_titles(narrative: list[ScoreObservation], undecided: list[ScoreObservation]) -> bool:
    """The narrative states points it cannot place alone: a statement naming no item, on a line
    without numbering of its own, or the same item named twice ('nội dung 1' of each criterion)
    with no item of an outer level named between."""
    if any(o.undecided and o.parsed_marker is None and o.values for o in undecided):
        return True
    seen: dict[tuple[str, str], int] = {}
    for observation in narrative:
        marker = observation.parsed_marker
        if marker is None or marker.word is None:
            continue
        depth = nesting(marker.word)
        for key in [k for k, d in seen.items() if d > depth]:
            del seen[key]   # an outer item named: the inner numbers start again
        key = (marker.word, marker.number)
        if key in seen and (observation.values or observation.relative):
            return True
        seen[key] = depth
    return False


def without_titles(observations: list[ScoreObservation], mapping: list) -> tuple[list, list, list, list[int]]:
    """The observations and their mapping without the title lines; the titles placed, as (start,
    item) in order; and where sections of the report open (lines not placed that are sections)."""
    kept, kept_mapping, titles, breaks = [], [], [], []
    for observation, entry in zip(observations, mapping):
        if not observation.title:
            kept.append(observation)
            kept_mapping.append(entry)
        elif entry is not None and entry[0] is not None:
            titles.append((observation.start, entry[0]))
        elif is_section(observation):
            breaks.append(observation.start)
    return kept, kept_mapping, titles, breaks


def under_titles(framework: Framework, titles: list[tuple[int, Item]], breaks: list[int], text: str,
                 statements: tuple[list[ScoreObservation], list, list[ScoreObservation]]) -> list[ScoreObservation]:
    """The statements under a title (no section opening between) that speak of its item as a
    whole: the item's own maximum written ('Kết quả tiêu chí: 9/10 điểm'), or the item named by
    its level's word ('Tiêu chí này đạt điểm tuyệt đối: 10 điểm'), a self score within the
    maximum. ``statements``: the observations, their mapping (a total so read is given the
    item's entry) and the statements naming no item; those of them so read are returned, each
    given its item, and the last of them under a title wins (a section ends on its conclusion)."""
    observations, mapping, undecided = statements
    starts = [start for start, _ in titles]
    chosen: dict[int, list[ScoreObservation]] = {}
    for observation in [o for o in observations if o.is_total and o.source == "narrative"] + \
            [o for o in undecided if o.undecided and o.parsed_marker is None]:
        k = bisect.bisect_right(starts, observation.start) - 1
        if k >= 0 and not any(starts[k] < b < observation.start for b in breaks) \
                and _of_item(framework, titles[k][1], observation, text):
            chosen.setdefault(k, []).append(observation)
    out = []
    where = {id(o): n for n, o in enumerate(observations)}
    for k, found in chosen.items():
        observation = max(found, key=lambda o: o.start)
        item = titles[k][1]
        if observation.is_total:
            observation.is_total = False
            mapping[where[id(observation)]] = (item, "title")
        else:
            observation.undecided, observation.criterion_id = False, item.id
            out.append(observation)
    return out


def _of_item(framework: Framework, item: Item, observation: ScoreObservation, text: str) -> bool:
    written, own = observation.get("max_points"), observation.get("self_score")
    if item.max is None or own is None or own > item.max:
        return False
    if written is not None:
        return abs(written - item.max) < 1e-9 and abs(written - (framework.root.max or -1)) > 1e-9
    words = framework.level_markers[item.depth - 1] if item.depth <= len(framework.level_markers) else []
    said = fold(text[observation.start:observation.end])
    return any(f"{word} nay" in said or f"ket qua {word}" in said for word in words)
