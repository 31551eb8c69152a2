"""Items introduced by their names: the framework decides which lines of the prose are its
items' titles ('1. Công tác triển khai, quán triệt …', 'Về thực hiện nhiệm vụ chính trị'), and
the statements under them are read inside those items ('Tự chấm: nội dung 1 đạt 3/3' under the
first criterion's title is its first content; 'Kết quả tiêu chí: 9/10 điểm' is the criterion's).

The lines are offered (extractors/narrative/titles.py) only when the narrative holds statements it
could not place alone, and mapped with the statements in reading order: a line is a title only when
its words name an item (ItemMapper.by_title), and then it opens that item for what follows."""
from __future__ import annotations

import bisect
from dataclasses import replace

import regex

from chamdiem.extractors.narrative.titles import is_section
from chamdiem.lexicon.numbering import nesting
from chamdiem.lexicon.text import fold, fold_keep
from chamdiem.model.observations import ScoreObservation
from chamdiem.normalizers.frameworks import Framework, Item


def may_need_titles(narrative: list[ScoreObservation], undecided: list[ScoreObservation]) -> bool:
    """The narrative states points it cannot place alone: a statement naming no item, on a line
    without numbering of its own, or the same item named twice ('nội dung 1' of each criterion)
    with no item of an outer level named between."""
    # (a bare numbering, 'a.' or '2.', is a content of whichever criterion the title above names)
    if any(o.undecided and (o.parsed_marker is None or o.parsed_marker.word is None) and o.values for o in undecided):
        return True
    if _inner_before_outer(narrative):
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


def _inner_before_outer(narrative: list[ScoreObservation]) -> bool:
    """Items scored by an inner marker word before any of an outer one is named, and an outer one
    named after them ('Đơn vị tự chấm 3/3 điểm đối với nội dung 1: …' … 'Tổng điểm tiêu chí 1: 9,5
    điểm'): the contents' criterion is only said by the title above them."""
    depths = [(nesting(o.parsed_marker.word), bool(o.values or o.relative)) for o in narrative
              if o.parsed_marker is not None and o.parsed_marker.word is not None]
    outermost_before = None
    for k, (depth, scored) in enumerate(depths):
        if scored and (outermost_before is None or outermost_before >= depth) \
                and any(later < depth for later, _ in depths[k + 1:]):
            return True
        outermost_before = depth if outermost_before is None else min(outermost_before, depth)
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
            if observation.values:   # what its bracket says the item is worth ('… (400 điểm)')
                kept.append(replace(observation, title=False))
                kept_mapping.append(entry)
        elif is_section(observation):
            breaks.append(observation.start)
    return kept, kept_mapping, titles, breaks


def under_titles(framework: Framework, titles: list[tuple[int, Item]], breaks: list[int], text: str,
                 statements: tuple[list[ScoreObservation], list, list[ScoreObservation]]) -> list[ScoreObservation]:
    """The statements under a title (no section opening between): those that speak of its item as
    a whole (the item's own maximum written, 'Kết quả tiêu chí: 9/10 điểm', or the item named by its
    level's word, 'Tiêu chí này đạt điểm tuyệt đối: 10 điểm', a self score within the maximum; the
    last of them wins, a section ends on its conclusion), and the others, naming no item, that are
    its contents in order (ordered_contents). ``statements``: the observations, their mapping (a
    total so read is given the item's entry) and the statements naming no item; those of them so
    read are returned, each given its item."""
    observations, mapping, undecided = statements
    starts = [start for start, _ in titles]
    chosen: dict[int, list[ScoreObservation]] = {}
    under: dict[int, list[ScoreObservation]] = {}
    for observation in [o for o in observations if o.is_total and o.source == "narrative"] + \
            [o for o in undecided if o.undecided and o.parsed_marker is None]:
        k = bisect.bisect_right(starts, observation.start) - 1
        if k < 0 or any(starts[k] < b < observation.start for b in breaks):
            continue
        if _of_item(framework, titles[k][1], observation, text):
            chosen.setdefault(k, []).append(observation)
        elif not observation.is_total:
            under.setdefault(k, []).append(observation)
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
    for k, rest in under.items():
        rest = sorted(rest, key=lambda o: o.start)
        item = titles[k][1]
        if _own_before_contents(titles, k, rest, k in chosen):
            rest[0].undecided, rest[0].criterion_id = False, item.id
            out.append(rest[0])
        else:
            out += ordered_contents(framework, item, rest) if item.children else _leaf_statement(item, rest, k in chosen)
    return out


def _own_before_contents(titles: list[tuple[int, Item]], k: int, rest: list[ScoreObservation], said: bool) -> bool:
    """One statement naming no item between a criterion's title and its first content's title ('1 -
    Công tác triển khai … (tối đa 10 điểm)' / 'Đơn vị tự trừ 0,5 điểm …' / '1.1 - Tổ chức quán
    triệt …'): the criterion's own, when it fits its maximum."""
    item = titles[k][1]
    return (not said and bool(item.children) and len(rest) == 1 and k + 1 < len(titles)
            and titles[k + 1][1].parent == item.id and _fits(item, rest[0]))


def under_headings(framework: Framework, observations: list[ScoreObservation], mapping: list,
                   statements: tuple[list[ScoreObservation], list[int]]) -> list[ScoreObservation]:
    """Contents described in order under a criterion's heading, none of them named ('Tiêu chí 1
    (10 điểm): …' / '+ Quán triệt …: đạt 3 điểm.' / '+ Triển khai …: đạt 3 điểm.' / …): the
    statements naming no item between the heading and the next (no section opening between) are
    its contents when ordered_contents says so. ``statements``: the statements naming no item,
    and where the report's sections open."""
    undecided, breaks = statements
    heads = sorted(((o.start, entry[0]) for o, entry in zip(observations, mapping)
                    if o.source == "narrative" and o.parsed_marker is not None and o.parsed_marker.word
                    and entry is not None and entry[0] is not None), key=lambda h: h[0])
    if not heads:
        return []
    starts = [start for start, _ in heads]
    groups: dict[int, list[ScoreObservation]] = {}
    for observation in undecided:
        if not observation.undecided or observation.parsed_marker is not None:
            continue
        k = bisect.bisect_right(starts, observation.start) - 1
        if k >= 0 and not any(starts[k] < b < observation.start for b in breaks):
            groups.setdefault(k, []).append(observation)
    out = []
    for k, group in groups.items():
        group, item = sorted(group, key=lambda o: o.start), heads[k][1]
        if not item.children:   # ('Nội dung 2.1. Ban hành …' / '… tự chấm điểm tối đa.')
            out += _leaf_statement(item, group, _scored_elsewhere(item, observations, mapping))
            continue
        if _heading_own(framework, item, group[0]):
            out.append(group.pop(0))
        if group:
            out += ordered_contents(framework, item, group)
    return out


def _scored_elsewhere(item: Item, observations: list[ScoreObservation], mapping: list) -> bool:
    """Another statement already gives the item a score."""
    return any(entry is not None and entry[0] is item and ("self_score" in o.values or "self_score" in o.relative)
               for o, entry in zip(observations, mapping))


def _heading_own(framework: Framework, item: Item, observation: ScoreObservation) -> bool:
    """The first statement naming no item under a criterion's heading, writing the criterion's
    own maximum and a score within it ('TC 2: Thực hiện nhiệm vụ chính trị' / 'Thang điểm 10 điểm,
    đơn vị tự trừ 0,5 điểm …'), is the criterion's, not a content's: no content is worth as much."""
    written = observation.get("max_points")
    if written is None or not _fits(item, observation) \
            or any(abs((framework.items[c].max or -1) - written) < 1e-9 for c in item.children):
        return False
    observation.undecided, observation.criterion_id = False, item.id
    return True


def _leaf_statement(item: Item, statements: list[ScoreObservation], said: bool) -> list[ScoreObservation]:
    """Under the title of an item without contents ('b. Tổ chức triển khai …' / 'Đơn vị tự chấm và
    đề nghị Hội đồng công nhận 3 điểm.'), the statement naming no item is the item's when it fits
    its maximum: the last of them that does (a paragraph ends on its conclusion), unless one already
    spoke of the item as a whole (``said``)."""
    fitting = [o for o in statements if _fits(item, o)]
    if said or not fitting:
        return []
    observation = fitting[-1]
    observation.undecided, observation.criterion_id = False, item.id
    return [observation]


def ordered_contents(framework: Framework, item: Item, statements: list[ScoreObservation]) -> list[ScoreObservation]:
    """Contents described in order under their item's title, each scored without being named
    ('Tự chấm: 3/3 điểm.' / 'Nội dung này xã tự đánh giá đạt 3 điểm.' / …): the statements are its
    contents in the framework's order when there are as many as it has contents and each fits its
    content's maximum (a maximum written is the content's, a self score within it). Anything else
    leaves them unplaced: the order alone is no evidence."""
    children = [framework.items[c] for c in item.children]
    if not children or len(statements) != len(children) \
            or not all(_fits(child, o) for child, o in zip(children, statements)):
        return []
    for child, observation in zip(children, statements):
        observation.undecided, observation.criterion_id = False, child.id
    return statements


def _fits(item: Item, observation: ScoreObservation) -> bool:
    """The statement's self score, written or relative to the maximum ('bị trừ 0,5 điểm'), within
    the item's maximum, and a maximum written the item's."""
    written, own = observation.get("max_points"), observation.get("self_score")
    if item.max is None or set(observation.values) - {"max_points", "self_score"}:
        return False
    if own is None and "self_score" not in observation.relative or own is not None and own > item.max:
        return False
    return written is None or abs(written - item.max) < 1e-9


def _of_item(framework: Framework, item: Item, observation: ScoreObservation, text: str) -> bool:
    written, own = observation.get("max_points"), observation.get("self_score")
    if item.max is None or own is None and "self_score" not in observation.relative \
            or own is not None and own > item.max:
        return False
    if written is not None:
        return abs(written - item.max) < 1e-9 and abs(written - (framework.root.max or -1)) > 1e-9
    words = framework.level_markers[item.depth - 1] if item.depth <= len(framework.level_markers) else []
    span = text[observation.start:observation.end]
    said = fold(span)
    return any(f"{word} nay" in said or f"ket qua {word}" in said for word in words) or _whole_said(fold_keep(span), words)


def _whole_said(said: str, words: list[str]) -> bool:
    """The sentence names the item by its level's word and scores it ('…, tiêu chí đạt 10 điểm',
    'Tiêu chí: 9/10 điểm'), or sums what was said of it ('Cộng: 10 điểm')."""
    return any(regex.search(rf"(?:^|[,;.]\s)\s*{regex.escape(word)}\s*(?::|dat\b)", said) for word in words) \
        or _SUMMED.match(said) is not None


_SUMMED = regex.compile(r"\s*(?:tong\s+)?cong\s*(?::|la\b|duoc\b|dat\b|\d)")
