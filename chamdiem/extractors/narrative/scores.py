"""Scores stated in prose, read with a small grammar (catalogs/narrative.toml): a subject (an item
number: 'Tiêu chí 5', 'nội dung 2', 'Mục 3'), before or after the score, a verb or none, the score,
and a maximum written in any usual way ('9/10 điểm', 'trên tổng số 10 điểm', '(thang điểm 10)').

Item headings ('Tiêu chí 5: … (8,5 điểm).') are read line by line, with or without points (a
heading without points still places the items after it); statements inside paragraphs and totals
('Tổng số điểm …: 97 điểm.', 'kết quả đạt 98/100 điểm') are read sentence by sentence in whole
paragraphs, since a sentence may wrap onto the next line."""
from __future__ import annotations

import bisect
from dataclasses import replace
import math
from functools import lru_cache
from typing import NamedTuple

import regex

from chamdiem.lexicon import compiled_patterns
from chamdiem.extractors.narrative.title_points import title_maxima
from chamdiem.extractors.narrative.grammar import (CAPS, CAPS_OF, Statement, Token, grammar, more_items, statements,
                                                  subject_marker)
from chamdiem.extractors.narrative.tokens import (SENTENCE_END, is_said, item_number, may_hold_points, remaining_word,
                                                  sentence_spans, sentences_may_hold_points, subject_markers)
from chamdiem.lexicon.catalogs import catalog
from chamdiem.lexicon.columns import column_role
from chamdiem.lexicon.lazy_pattern import compile_later
from chamdiem.lexicon.numbering import canonical_word, nesting, parse_marker
from chamdiem.lexicon.numbers import to_float
from chamdiem.lexicon.spelled import has_number_word, patterns, spelled_value
from chamdiem.lexicon.text import in_capitals, squash
from chamdiem.model.document import Block, paragraphs
from chamdiem.model.observations import ScoreObservation, Value
from chamdiem.model.textview import TextView

# compiled on first use, from the program an earlier run kept (lazy_pattern.py): with the numbers
# in words it is the worker's dearest pattern to compile (~10 ms), on the path of a one-file ingest
# (the criteria's and contents' marker words as numbering.toml spells them: 'Tiêu chí 3', 'TC3', 'ND2')
_HEADING_WORDS = "|".join(s for lv in catalog("numbering")["levels"] if lv["word"] in ("tieu chi", "noi dung")
                          for s in lv["spellings"])
# (a part's numbering may stand before it: 'PHẦN I. NỘI DUNG 1 - THI ĐUA …')
_HEADING = compile_later(r"^\s*(?:#+\s*)?(?:[\-–•+*]\s*)?(?:(?:phần\s+)?(?:[IVX]+|\d+|[a-zđ])\s*[.)]\s*)?(?:"
                         + _HEADING_WORDS + r")\s*"
                         # (in Roman numerals before a title: 'Nội dung II – Thực hiện …', not 'Tiêu chí I: số điểm …')
                         rf"(?:\d+|(?-i:[IVX]+)\b(?=[\s.:\-–)]*(?-i:\p{{Lu}}))|{patterns()['ordinal']}|{patterns()['number']})", regex.I)
# a line opened by another marker word ('Phần thứ nhất', 'Mục 2', 'Chỉ tiêu 3') is an item's heading
# only when it gives points ('Phần thứ nhất. … (650 điểm, điểm thưởng 30 điểm)'): without them it is
# as often a section of the report ('Phần II. Kết quả thực hiện')
# (their words as numbering.toml spells them, with their marks or without: 'Muc 2')
_PART_WORDS = "|".join(s for lv in catalog("numbering")["levels"] if lv["word"] in ("phan", "muc", "chi tieu")
                       for s in lv["spellings"])
_POINTED_HEADING = compile_later(r"^\s*(?:#+\s*)?(?:[\-–•+*]\s*)?(?:(?:[IVX]+|\d+|[a-zđ])\s*[.)]\s*)?(?:" + _PART_WORDS + r")\s*"
                                 rf"(?:\d+|[IVX]+\b|{patterns()['ordinal']}|{patterns()['number']})", regex.I)
_SENTENCE_END = SENTENCE_END


def opens_heading(text: str) -> bool:
    """The line is an item's heading the grammar reads: opened by a marker word of the items
    ('Tiêu chí 3', 'Nội dung 2'), or by another one with points ('Phần thứ nhất … (650 điểm)')."""
    return _HEADING.match(text) is not None or (_POINTED_HEADING.match(text) is not None and may_hold_points(text))


def extract_narrative(blocks: list[Block], text: str) -> list[ScoreObservation]:
    """Every statement of points in the narrative, headings first (so that a short statement
    without a subject under a heading without points can go to it), in document order."""
    out, headings = _headings(blocks, text)
    heads = sorted((o for o in out if o.parsed_marker is not None and o.spans == [(o.start, o.end)]
                    and o.start in headings), key=lambda o: o.start)
    starts = [o.start for o in heads]
    breaks = [block.start for block in blocks if block.start not in headings and _SECTION_LINE().match(block.view.text)]
    _mark_verbless(heads, text)
    capped: list[tuple[ScoreObservation, Value]] = []
    before, heading_starts = None, sorted(headings)
    for paragraph in paragraphs([block for block in blocks if block.start not in headings], text):
        under_numbered = _is_numbered_line(before) and not _heading_between(heading_starts, before, paragraph)
        found, loose, undecided = _paragraph(paragraph, under_numbered)
        before = paragraph
        out += _restated(heads, starts, found, text)
        capped += _under_opening_maximum(paragraph, found)
        # (a paragraph right under a numbered line is that line's item's, which the framework decides)
        attached = set() if under_numbered else \
            _attached_to_headings(heads, (starts, breaks), paragraph, (loose, undecided), out, text)
        out += _one_per_item([_undecided(paragraph, item, text) for item in undecided
                              if id(item.statement) not in attached])
        if not (loose or undecided) and all(o.is_total for o in found):   # (a total may follow on the next line)
            _points_taken_off_under(heads, starts, paragraph, text)
    _give_opening_maxima(capped, out)
    _relative_apart(out)
    return sorted(out, key=lambda o: o.start)


def _attached_to_headings(heads: list[ScoreObservation], places: tuple[list[int], list[int]], paragraph: Block,
                          statements: tuple[list["_Loose"], list["_Loose"]], out: list[ScoreObservation],
                          text: str) -> set[int]:
    """The ids of the paragraph's statements naming no item that the item's heading right above
    them takes: short ones opening with their verb ('Tự chấm: 8 điểm.'), and those within the
    heading's maximum. ``places``: the headings' starts and where the report's sections open."""
    (starts, breaks), (loose, undecided) = places, statements
    attached: set[int] = set()
    for item in loose:
        k = _heading_above(starts, breaks, item.raw_start)   # the heading right above the sentence
        # (a statement on a line with a numbering of its own, '- 1.2. … Tự chấm 48 điểm.', is that
        # line's item, which the framework decides: normalizers/readings.item_readings)
        # (nor one under a numbered line of its paragraph: 'a) …' / 'Đạt điểm tối đa.' is a's; nor one
        # on a bulleted line, a list's item: '+ Quán triệt …: đạt 3 điểm.' is a content's)
        if k >= 0 and _line_item(paragraph, item.statement, text)[0] is None \
                and _numbered_line_above(paragraph, item.raw_start)[0] < 0 and not _bulleted(text, item.raw_start) \
                and _attach(heads[k], paragraph, item, text):
            attached.add(id(item.statement))
            if item.total is not None:
                out.remove(item.total)    # 'Kết quả tự chấm: 8 điểm.' under an item's heading
    for item in undecided:
        k = _heading_above(starts, breaks, item.raw_start)
        if id(item.statement) not in attached and k >= 0 and _numbered_line_above(paragraph, item.raw_start)[0] < 0 \
                and not _bulleted(text, item.raw_start) and _within_heading_maximum(heads[k], paragraph, item, text):
            attached.add(id(item.statement))
    return attached


def _bulleted(text: str, at: int) -> bool:
    """The line ``at`` stands on opens with a bullet ('+ …', '- …', '• …')."""
    start = text.rfind("\n", 0, at) + 1
    return _BULLETED.match(text, start + len(text[start:at]) - len(text[start:at].lstrip())) is not None


def _heading_above(starts: list[int], breaks: list[int], pos: int) -> int:
    """The index of the item's heading right above ``pos``, -1 when there is none or a section of
    the report opens between them ('10. Tiêu chí 10: …' / … / 'II. TỰ ĐÁNH GIÁ, XẾP LOẠI' / '…
    tự chấm … đạt 92/100 điểm': the whole report's, not the criterion's)."""
    k = bisect.bisect_left(starts, pos) - 1
    if k < 0:
        return -1
    cut = bisect.bisect_left(breaks, starts[k] + 1)
    return -1 if cut < len(breaks) and breaks[cut] < pos else k


@lru_cache(maxsize=1)
def _SECTION_LINE():
    """A line that opens a section of the report by a Roman numeral or 'Phần' ('II. TỰ ĐÁNH GIÁ, XẾP
    LOẠI', '## III. Kiến nghị', '**PHẦN II**')."""
    return compiled_patterns.compile(r"^\s*(?:#+\s*)?(?:\*\*)?\s*(?:[IVX]+\s*[.)]\s|phần(?![\p{L}]))", regex.I)


_STATED_AFTER_COLON = compiled_patterns.compile(r":[ \t]*$")


def _mark_verbless(heads: list[ScoreObservation], text: str) -> None:
    """Marks the headings whose self score is given without a verb ('… (650 điểm)'): the framework
    decides later whether it is what the item got or what it is worth (normalizers/heading_points)."""
    for head in heads:
        own = head.values.get("self_score")
        # ('Mục 5. Thống kê, báo cáo: 50 điểm, thưởng 2 điểm.': points after the colon that ends the
        # title are stated, as after a verb)
        head.verbless = (own is not None and own.below_maximum is None   # (full marks in words have their verb)
                         and not _verb_before(text[head.start:own.start])
                         and not _STATED_AFTER_COLON.search(text, head.start, own.start))


def _under_opening_maximum(paragraph: Block, found: list[ScoreObservation]) -> list[tuple[ScoreObservation, Value]]:
    """'7. Phối hợp với Mặt trận … (10 điểm)' opening the paragraph and under it 'Tiêu chí 7 được 9,5
    điểm.': the statement names the item the line numbers (the same number, under a marker word), and
    no other; the line's maximum is the item's when the statement gives a self score within it and no
    maximum. Kept as a candidate: _give_opening_maxima decides by the words the narrative numbers with."""
    named = {(o.parsed_marker.word, o.parsed_marker.number) for o in found if o.parsed_marker is not None}
    if len(named) != 1:
        return []
    word, number = next(iter(named))
    if word is None:
        return []
    marker, _, maximum = _opening_item(paragraph, min(o.start for o in found))
    if marker is None or maximum is None or marker.kind != "number" or marker.number != number:
        return []
    return [(o, maximum) for o in found
            if "max_points" not in o.values and (own := o.values.get("self_score")) is not None
            and (own.below_maximum is not None or own.value <= maximum.value) and o.start > maximum.end]


def _give_opening_maxima(capped: list[tuple[ScoreObservation, Value]], out: list[ScoreObservation]) -> None:
    """The opening lines' maxima for the statements that name an item by the narrative's outermost
    marker word (numbering.toml, nesting): 'Tiêu chí 7' under '7. … (10 điểm)' where the narrative
    speaks of criteria, but not 'Nội dung 2' under '2. … (10 điểm)' where it also names criteria (a
    content of criterion 2, worth less than its criterion)."""
    words = {o.parsed_marker.word for o in out if o.parsed_marker is not None and o.parsed_marker.word}
    if not capped or not words:
        return
    outermost = min(nesting(w) for w in words)
    for obs, maximum in capped:
        if nesting(obs.parsed_marker.word) == outermost:
            obs.values = {"max_points": maximum, **obs.values}
            obs.spans.insert(0, (maximum.start, maximum.end))
            obs.start = min(obs.start, maximum.start)


def _within_heading_maximum(head: ScoreObservation, paragraph: Block, item: _Loose, text: str) -> bool:
    """A statement naming no item under a heading that gives the item's maximum ('Tiêu chí thứ ba:
    … (thang điểm 10)' and under it '… nên Phòng chỉ tự chấm 9 điểm'): the self score of that item
    when it is within the maximum, and its line opens with no numbering of its own. Any other is
    left for the framework to decide (a total, or the item its numbering names)."""
    got = _values(paragraph, item.statement)
    own = got.get("self_score")
    cap = head.values.get("max_points") or head.values.get("self_score")
    if own is None or cap is None or own.value > cap.value or _line_item(paragraph, item.statement, text)[0] is not None:
        return False
    return _as_maximum(head, got, (item.raw_start, item.raw_end), text)


def _headings(blocks: list[Block], text: str) -> tuple[list[ScoreObservation], set[int]]:
    """The observations of the heading lines, and where those lines start (a heading wrapped onto
    the next line with its points is read whole)."""
    out: list[ScoreObservation] = []
    headings: set[int] = set()
    for k, block in enumerate(blocks):
        if block.start in headings:
            continue
        if not opens_heading(block.view.text):
            named = _named_at_end(block)   # ('7. Phối hợp với Mặt trận và các đoàn thể (Tiêu chí 7)')
            if named:
                out += named
                headings.add(block.start)
            continue
        obs = _heading(block)
        if obs and not obs[0].values and k + 1 < len(blocks):
            joined, whole = _wrapped(block, blocks[k + 1], text)
            more = _heading(joined) if joined is not None else []
            if more and more[0].values:
                obs = more
                if whole:   # (a line only partly the heading's stays the text under it)
                    headings.add(blocks[k + 1].start)
        if len(obs) == 1 and "self_score" in obs[0].values:
            _taken_off_in_line(obs[0], block, text)
        if obs:
            out += obs
            headings.add(block.start)
    return out, headings


def _named_at_end(block: Block) -> list[ScoreObservation]:
    """A line of its own that gives no points and closes on its item named in brackets
    ('5. Giải quyết đơn thư khiếu nại, tố cáo (Tiêu chí 5)') is that item's heading: its title
    first, its marker word and number after it. (The statements under it are the item's, as
    under 'Tiêu chí 5. Giải quyết đơn thư …'.)"""
    text = block.view.text
    if "\n" in text or ")" not in text[-4:]:
        return []
    found = _NAMED_AT_END().search(text)
    if found is None or may_hold_points(text):
        return []
    marker = parse_marker(found.group("ref"))
    if marker is None or marker.word is None:
        return []
    marker = replace(marker, number=item_number(marker.number))
    opening = parse_marker(text, lists=True)
    label = _label(text[opening.end if opening is not None and opening.word is None else 0:found.start()])
    return [ScoreObservation(source="narrative", marker=squash(found.group("ref")), label=label, values={},
                             start=block.start, end=block.end, line=block.line, page=block.page,
                             spans=[(block.start, block.end)], parsed_marker=marker)]


@lru_cache(maxsize=None)
def _NAMED_AT_END():
    return compiled_patterns.compile(rf"\(\s*(?P<ref>(?:{_HEADING_WORDS})\s*(?:\d+|[IVX]+))\s*\)[\s.:*_]*$", regex.I)


def _points_taken_off_under(heads: list[ScoreObservation], starts: list[int], paragraph: Block, text: str) -> None:
    """'Tiêu chí 10. … (10 điểm)' and under it only points taken off, naming no other item ('Tiêu chí
    này bị trừ 1 điểm do chậm báo cáo.'): the heading's points, given without a verb, are what the
    item is worth, its maximum; the score left is not written: a value relative to that maximum,
    unless a word of a rule stands before the points in their sentence ('mỗi văn bản chậm trừ …')."""
    k = bisect.bisect_left(starts, paragraph.start) - 1
    if k >= 0:
        _points_taken_off(heads[k], paragraph.view, 0, text)


def _points_taken_off(head: ScoreObservation, view: TextView, begin: int, text: str) -> None:
    """_points_taken_off_under's reading of ``view`` from ``begin``: the text under the heading, or
    the rest of the heading's own line after its points ('Nội dung 2 (3 điểm): … Ban tự trừ 0,5
    điểm do …')."""
    own = head.values.get("self_score")
    if (set(head.values) != {"self_score"} or head.spans != [(head.start, head.end)]
            or _verb_before(text[head.start:own.start])):
        return
    body = view.text
    taken = _TAKEN_OFF().search(body, begin) if grammar(False)["subject"].search(body, begin) is None else None
    if taken is None:
        return
    head.values = {"max_points": own}
    sentence_start = max(body.rfind(mark, 0, taken.start()) for mark in ".;!?\n") + 1
    if grammar(False)["rule"].search(body, sentence_start, taken.start()) is None:
        # the points taken off are a value relative to the maximum the heading gives (its span
        # reaches from the heading to them)
        raw_start, raw_end = view.raw_span(*taken.span())
        head.values["self_score"] = Value(math.nan, taken.group(0), raw_start, raw_end,
                                          below_maximum=number_value(taken.group("n")))
        head.spans.append((raw_start, raw_end))
        head.end = max(head.end, raw_end)


def _taken_off_in_line(head: ScoreObservation, block: Block, text: str) -> None:
    """A heading line whose points, in brackets without a verb ('Nội dung 2 (3 điểm): …'), are
    followed on the line by points taken off and nothing else: what the item is worth, and the
    score left relative to it. ('Tiêu chí 4: 8 điểm (trừ 2 điểm do …)' states the score left.)"""
    own = head.values["self_score"]
    at = block.view.text.find(own.raw, max(0, own.start - block.start))
    if at >= 0 and block.view.text[:at].rstrip().endswith("("):
        _points_taken_off(head, block.view, at + len(own.raw), text)


@lru_cache(maxsize=1)
def _TAKEN_OFF():
    """A deduction's words and its points ('bị trừ 1 điểm', 'trừ 0,5đ')."""
    units = "|".join(p for entry in catalog("narrative")["units"] for p in entry["phrases"])
    return regex.compile(rf"(?:{grammar(False)['deduct'].pattern})\s*(?P<n>\d{{1,3}}(?:[.,]\d{{1,2}})?)\s*(?:{units})(?!\p{{L}})",
                         regex.I)


# what may lead a heading line: Markdown's hashes, a bullet ('- Mục 1 (…; 20 điểm): …')
_HEADING_HASHES = compiled_patterns.compile(r"^\s*(?:#+\s*)?(?:[\-–•+*]\s*)?")

LOOSE_LEAD = 15   # characters before the verb of a statement without a subject ('Điểm tự chấm: 8')
LOOSE_LENGTH = 80  # the longest such sentence that still states the points of the heading above


class _Loose(NamedTuple):
    """A short statement without a subject and the span of its sentence in the document."""
    statement: Statement
    raw_start: int
    raw_end: int
    total: ScoreObservation | None = None   # the whole sheet's reading of it (a weak total cue)


def _revised_in_clause(text: str, span: tuple[int, int], carry: "_Carry | None", read: tuple[bool, list],
                       loose: list[Statement]) -> list[Statement]:
    """'Ban đầu đơn vị tự chấm mục 1.3 đạt 250 điểm; sau khi rà soát, … điều chỉnh lại còn 245/250
    điểm': the one self score of a clause that revises (narrative.toml, [[revisions]]) and names no
    item, where the clause found nothing else, is the item the clause before scored (``carry``);
    it is taken out of ``loose`` and returned as that item's statement (its observation then
    revises the earlier one)."""
    grew, found = read   # (what the clause already gave: the carried statement's values, or its own)
    if carry is None or carry.observation is None or grew or found:
        return []
    carried = carry.statement
    revised = [st for st in loose if st.verb_at is not None and "self_score" in st.values]
    if len(revised) != 1 or grammar(False)["revision"].search(text, *span) is None:
        return []
    statement = revised[0]
    loose.remove(statement)
    statement.subject, statement.parent, statement.group = carried.subject, carried.parent, list(carried.group)
    return [statement]


class _Carry(NamedTuple):
    """The statement a clause left open, its observation (None while it has no values), and where
    its clause began in the paragraph."""
    statement: Statement
    observation: ScoreObservation | None
    clause_start: int


def _attach(head: ScoreObservation, paragraph: Block, item: _Loose, text: str) -> bool:
    """'Tự chấm: 8 điểm.' in the text under a heading without points: the heading's points."""
    if head.values:
        return _under_points(head, paragraph, item, text)
    head.values = _values(paragraph, item.statement)
    head.end = max(head.end, item.raw_end)
    head.spans.append((item.raw_start, item.raw_end))
    return True


def _under_points(head: ScoreObservation, paragraph: Block, item: _Loose, text: str) -> bool:
    """'Tiêu chí 3: … (10 điểm)' and under it 'Tự chấm: 9 điểm.': the points the heading gives
    without a verb are the points the item is worth, its maximum, when the text under it states
    the self score."""
    return _as_maximum(head, _values(paragraph, item.statement), (item.raw_start, item.raw_end), text)


def _as_maximum(head: ScoreObservation, got: dict[str, Value], span: tuple[int, int], text: str) -> bool:
    """The heading's points given without a verb become its maxima (its bonus points the bonus's
    maximum: 'Phần thứ nhất … (650 điểm, điểm thưởng 30 điểm)') when the text under it states the
    self score. A heading that names its maximum ('(thang điểm 10)') takes the self score stated
    under it, and a later clause under a heading that took one ('…; điểm thưởng đạt 24/30 điểm.')
    completes it with fields it has not got yet."""
    own = head.values.get("self_score")
    if own is not None and _maxima_in_heading(head, got, text):
        bonus = head.values.get("bonus_self")
        head.values = {"max_points": own, **({"bonus_max": bonus} if bonus is not None else {}), **got}
    elif "max_points" in head.values and _completes(head.values, got) and \
            (head.spans[-1] != (head.start, head.end) or ("self_score" in got and own is None)):
        head.values = {**head.values, **got}
    elif own is not None and not head.verbless and "self_score" not in got and _completes(head.values, got):
        # 'ND1: … (điểm tự chấm: 2)' and under it 'Kết quả thẩm định: 1,5 điểm.': the heading's own
        # score stated, the text under it adds the authority's or the bonus
        head.values = {**head.values, **got}
    else:
        return False
    head.end = max(head.end, span[1])
    head.spans.append(span)
    return True


def _completes(have: dict[str, Value], got: dict[str, Value]) -> bool:
    """``got`` gives a field ``have`` lacks, and the same values for the fields both give."""
    return bool(set(got) - set(have)) and all(have[k].value == v.value for k, v in got.items() if k in have)


def _maxima_in_heading(head: ScoreObservation, got: dict[str, Value], text: str) -> bool:
    """The heading holds only a self score (and a bonus score) without a verb, and the text under it
    states the self score without a maximum of its own, or with the heading's points as it."""
    own = head.values["self_score"]
    # (full marks under it state the same maximum again: 'Đạt tối đa 10 điểm.' under '(10 điểm)')
    return (own.below_maximum is None and set(head.values) <= {"self_score", "bonus_self"} and "self_score" in got
            and ("max_points" not in got or abs(got["max_points"].value - own.value) < 1e-6)
            and not ("bonus_self" in head.values and "bonus_max" in got)
            and not _verb_before(text[head.start:own.start]))


def _restated(heads: list[ScoreObservation], starts: list[int], found: list[ScoreObservation],
              text: str) -> list[ScoreObservation]:
    """The paragraph's observations but those that state the self score of the item whose heading
    is right above them, the heading's points given without a verb: 'Tiêu chí 7: … (10 điểm)' and
    under it 'Tự chấm tiêu chí 7: 10 điểm.' (the heading's points were its maximum)."""
    out = []
    for obs in found:
        k = bisect.bisect_left(starts, obs.start) - 1
        head = heads[k] if k >= 0 else None
        if (head is not None and obs.parsed_marker is not None
                and (head.parsed_marker.word, head.parsed_marker.number) == (obs.parsed_marker.word, obs.parsed_marker.number)
                and _as_maximum(head, obs.values, (obs.start, obs.end), text)):
            continue
        out.append(obs)
    return out


def _verb_before(text: str) -> bool:
    """A scoring verb ends the text, but for the punctuation before a number ('tự chấm: ')."""
    tail = text[-VERB_REACH:].rstrip(" :=-–(")
    return any(m.end() == len(tail) for _, pattern in grammar(False)["verbs"] for m in pattern.finditer(tail))


VERB_REACH = 40   # characters before a heading's points where a verb would stand

WRAP_TAIL = 160  # characters: the rest of a heading wrapped onto its next line, points included
_BULLETED = compiled_patterns.compile(r"[\-–•+*]\s")   # a bulleted line is an item of a list, not a heading's rest


def _wrapped(block: Block, next_block: Block, text: str) -> tuple[Block | None, bool]:
    """The heading and its next line as one block, when the next line is the heading's rest: one
    short sentence ending in its points ('… xã hội (10' / 'điểm).'); or, in a paragraph wrapped by
    hand, the next line's first sentence when it ends in them ('… Chỉ' / 'thị 33/CT-TTg về công tác
    dân vận (3 điểm). Các văn bản …'). The flag: the whole next line is the heading's."""
    if text[block.end:next_block.start].strip(" \r\t") != "\n" or _HEADING.match(next_block.view.text):
        return None, False
    # (a heading that ends its sentence is whole; a next line opening with its own numbering, 'a) …',
    # is an item of its own)
    following = next_block.view.text.lstrip(" \t")
    if block.view.text.rstrip().endswith(".") or _NUMBERED.match(following.lstrip("-–•+*").lstrip()) \
            or _BULLETED.match(following):
        return None, False
    view = next_block.view
    lead = len(view.text) - len(view.text.lstrip())
    tail = view.text.strip()
    closing = grammar(False)["closing"]
    # the first of its clauses that ends in points: the whole line, or the part up to it
    cut = next((m.end() for m in _SENTENCE_END.finditer(tail, 0, WRAP_TAIL) if closing.search(tail, 0, m.end())),
               None)
    whole = cut is None or cut == len(tail)
    if not whole:
        view, tail = view.slice(0, lead + cut), tail[:cut]
    if len(tail) > WRAP_TAIL or not closing.search(tail):
        return None, False
    return Block(block.start, view.raw_end if not whole else next_block.end, block.line,
                 TextView.join([block.view, view], sep=" "), block.page), whole


def _heading(block: Block) -> list[ScoreObservation]:
    text = block.view.text
    body = _HEADING_HASHES.sub("", text)
    lead = len(text) - len(body)
    marker = parse_marker(body)
    if marker is None or marker.word is None:
        return []
    marker = replace(marker, number=item_number(marker.number))   # 'Tiêu chí 01' is tiêu chí 1
    # the grammar of numbers in words only where the marker holds one (it is compiled on first use)
    in_words = has_number_word(text, lead, lead + marker.end)
    head = next((m for m in grammar(in_words)["subject"].finditer(text, lead, lead + marker.end)), None)
    if head is None:
        return []
    heading_token = Token("subject", head.start(), head.end(), head)
    out = []
    found = statements(text, 0, len(text), heading=heading_token)
    # 'Tiêu chí 4, nội dung 2: 3 điểm': the heading is a parent
    named = any(statement.parent is heading_token for statement in found)
    for statement in found:
        if statement.subject is heading_token and named and not statement.given:
            continue
        if statement.subject is heading_token:
            end = statement.first if statement.first is not None and statement.given else len(text)
            if statement.parent is not None:
                end = min(end, statement.parent.start)
                out += _observations(block, Statement(statement.parent), block.start, block.end)[:1]
            # (after the other items the line names: 'Mục 3 và mục 4 (mỗi mục 10 điểm): …')
            named_end = max([lead + marker.end] + [t.end for t in statement.group if t.end <= end])
            label = _label(text[named_end:end])
            others = more_items(statement)
            out.append(ScoreObservation(
                source="narrative", marker=squash(body[:marker.end]).rstrip(" :.-–"), label=label,
                values=_item_values(block, statement, 0, 1 + len(others)), start=block.start, end=block.end,
                line=block.line, page=block.page, spans=[(block.start, block.end)], parsed_marker=marker))
            out += [ScoreObservation(source="narrative", marker=squash(token.m.group(0)), label="",
                                     values=_item_values(block, statement, k, 1 + len(others)), start=block.start,
                                     end=block.end, line=block.line, page=block.page, spans=[(block.start, block.end)],
                                     parsed_marker=more)
                    for k, (token, more) in enumerate(others, 1) if statement.given]
        else:
            out += _observations(block, statement, block.start, block.end, squash(text))
    return out


@lru_cache(maxsize=None)
def _label_ends():
    """The trailing punctuation and the trailing connective word _label strips, compiled once."""
    conn = grammar(False)["connective"].pattern
    return compiled_patterns.compile(r"[\s(:.,\-–=]+$"), compiled_patterns.compile(rf"(?:^|\s)(?:{conn})$", regex.I)


def _label(label: str) -> str:
    """A heading's text without the punctuation and connectives that lead to its points."""
    trailing, connective = _label_ends()
    while True:
        stripped = trailing.sub("", label)
        stripped = connective.sub("", stripped)
        if stripped == label:
            return squash(label)
        label = stripped


def _undecided(paragraph: Block, item: _Loose, text: str) -> ScoreObservation:
    """A statement of points naming no item, that no heading above took: the framework decides
    whether it is the whole sheet's (normalizers/readings.total_reading), or, when its line opens
    with a numbering of its own, the item that numbering and the words after it name
    (normalizers/readings.item_readings)."""
    values = _values(paragraph, item.statement)
    spans = [(item.raw_start, item.raw_end)]
    marker, label = _line_item(paragraph, item.statement, text)
    line = paragraph.line
    if marker is not None:
        # its line's title may give what the item is worth: '1.1. … (100 điểm): … Tự chấm đủ điểm.'
        head_start, head = _line_head(paragraph, item.statement, text)
        line += text.count("\n", paragraph.start, head_start)
        for name, value in title_maxima(head, head_start).items():
            if name not in values:
                values = {name: value, **values}
                spans.insert(0, (value.start, value.end))
    else:
        marker, label, maximum = _opening_item(paragraph, item.raw_start)
        line += text.count("\n", paragraph.start, item.raw_start)   # (the statement's own line)
        if maximum is not None and "max_points" not in values and "self_score" in values:
            values = {"max_points": maximum, **values}   # the first line's points are the item's maximum
            spans.insert(0, (maximum.start, maximum.end))
    # (a numbered line without words of its own is labelled by its line once placed: pipeline/extract)
    return ScoreObservation(source="narrative", marker="",
                            label=label if marker is not None else label or squash(paragraph.view.text)[:200],
                            values=values, start=min(s for s, _ in spans), end=item.raw_end,
                            line=line, page=paragraph.page, spans=spans,
                            undecided=True, parsed_marker=marker)


def _one_per_item(found: list[ScoreObservation]) -> list[ScoreObservation]:
    """A paragraph's statements naming no item that its numbered line gives one item ('4. Cải cách
    hành chính (50 điểm, …). Chỉ số CCHC … đạt 91,27 điểm; … Đạt tối đa 50/50 điểm, cộng 2/2 điểm
    thưởng.') as one observation: each field from the first that gives it, but a score stated with
    its maximum wins over one stated without (the other was about something else)."""
    out: list[ScoreObservation] = []
    own = {id(obs): obs.spans[-1][0] for obs in found}   # where each statement's own words begin

    def capped(obs: ScoreObservation, name: str) -> bool:   # its maximum written in the statement itself
        cap = CAPS.get(name)
        return cap is not None and cap in obs.values and obs.values[cap].start >= own[id(obs)]

    for obs in found:
        # (the same numbering again after another's is another list's line: 'a.' under each criterion)
        same = out[-1] if out and out[-1].parsed_marker is not None and out[-1].parsed_marker == obs.parsed_marker \
            else None
        if same is None:
            out.append(obs)
            continue
        wins = {name for name in obs.values if capped(obs, name) and not capped(same, name)}
        for name, value in obs.values.items():
            if name not in same.values or name in wins or CAPS_OF.get(name) in wins:
                same.values[name] = value
        same.end = max(same.end, obs.end)
        same.spans += obs.spans
    return out



_LINE_LEAD = compiled_patterns.compile(r"[\s#>*_]*(?:[\-–•+](?=\s)[\s*_]*)?")
# a line's own numbering ends with its mark ('2.', 'b)', 'IV.', '3 -'): a line a hand-wrapped paragraph
# opens with a number ('6 tháng tại Báo cáo số 159/BC-UBND …') is no item's
_NUMBERED = compiled_patterns.compile(r"(?:[IVX]+|\d+(?:\.\d+)*|[a-zđ])\s*(?:[.):]|\s[\-–])", regex.I)


def _line_item(paragraph: Block, statement: Statement, text: str):
    """The numbering without a marker word that opens the statement's line ('1. Công tác triển
    khai …: tự chấm 10/10 điểm', 'a) Ban hành quy chế … (4 điểm): tự chấm 4 điểm') and the words
    between it and the statement's own words; (None, '') when the line opens with none."""
    _, head = _line_head(paragraph, statement, text)
    marker = parse_marker(head, lists=True) if _NUMBERED.match(head) else None
    if marker is None or marker.word is not None or marker.kind not in ("number", "letter"):
        return None, ""
    return marker, _label(head[marker.end:].replace("*", ""))


def _line_head(paragraph: Block, statement: Statement, text: str) -> tuple[int, str]:
    """Where the statement's line begins after its bullets and emphasis, and its text up to the
    statement's own words; (-1, '') for a statement with no word to begin at."""
    first = statement.first if statement.first is not None else statement.verb_at
    if statement.subject is not None and statement.subject.kind == "total":
        first = statement.subject.start   # ('1.1 - kết quả tự chấm: 100 điểm': the cue is no label)
    if first is None and statement.values:   # points alone after the numbering ('+ 2.1: 15/15 điểm.')
        first = min(match.start(group) for match, group in statement.values.values())
    if first is None:
        return -1, ""
    at, _ = paragraph.view.raw_span(first, first)
    line_start = max(text.rfind("\n", paragraph.start, at) + 1 or paragraph.start, paragraph.start)
    lead = _LINE_LEAD.match(text, line_start, at).end()
    return lead, text[lead:at]


def _opening_item(paragraph: Block, at: int):
    """The numbering without a marker word that opens the paragraph's line nearest above a
    statement naming no item on a later line (its first line, or a later numbered one) ('2. Thực hiện nhiệm vụ chính trị' / 'Đã hoàn thành …' / 'Kết
    quả: 9 điểm.'), the words after it, and the points the line gives as a maximum at its end ('2.
    Thực hiện nhiệm vụ chính trị (10 điểm)', '(thang điểm 10)'; _trailing_maximum). A first line
    with other points is a statement itself: (None, '', None), as when there is no numbering."""
    text = paragraph.view.text
    line_start, line_end = _numbered_line_above(paragraph, at)
    if line_start < 0:
        return None, "", None
    lead = _LINE_LEAD.match(text, line_start, line_end).end()
    head = text[lead:line_end]
    marker = parse_marker(head, lists=True) if _NUMBERED.match(head) else None
    if marker is None or marker.word is not None or marker.kind not in ("number", "letter"):
        return None, "", None
    maximum = None
    if may_hold_points(head):
        found = _trailing_maximum(head)
        if found is None:
            if _states_points(text, lead, line_end):
                return None, "", None
            return marker, _label(head[marker.end:].replace("*", "")), None   # ('16/18 chỉ tiêu': no points)
        head, (raw, start, end) = head[:found[1] - 1], found
        raw_start, raw_end = paragraph.view.raw_span(lead + start, lead + end)
        maximum = Value(number_value(raw), raw, raw_start, raw_end)
    return marker, _label(head[marker.end:].replace("*", "")), maximum


def _states_points(text: str, start: int, end: int) -> bool:
    """The line states points of its own (sentence by sentence, as the narrative reads it)."""
    cut = start
    for stop in [m.end() for m in SENTENCE_END.finditer(text, start, end)] + [end]:
        if any(st.given for st in statements(text, cut, stop)):
            return True
        cut = stop
    return False


def _numbered_line_above(paragraph: Block, at: int) -> tuple[int, int]:
    """The view's span of the line nearest above the raw offset ``at`` (not its own) that opens
    with a numbering ('a) … Tự chấm: 3/3 điểm.' / 'b) Triển khai …' / 'UBND xã tự đánh giá đạt 3
    điểm.' is b's); (-1, -1) without one."""
    text = paragraph.view.text
    found, start = (-1, -1), 0
    while True:
        end = text.find("\n", start)
        if end < 0 or paragraph.view.raw_span(end, end)[0] > at:
            return found
        lead = _LINE_LEAD.match(text, start, end).end()
        if _SECTION_LINE().match(text[start:end]) and in_capitals(text[lead:end]):
            found = (-1, -1)   # a section of the report opens ('III. KẾT QUẢ TỰ CHẤM ĐIỂM'): no item above
        elif _NUMBERED.match(text, lead, end):
            found = (start, end)
        start = end + 1


_TRAILING_POINTS = compiled_patterns.compile(r"\((?P<cue>[^()\d]*?)(?P<v>\d{1,4}(?:[.,]\d{1,2})?)\s*(?P<unit>[^()\d]*)\)\s*[.:]?\s*$")


def _trailing_maximum(head: str) -> tuple[str, int, int] | None:
    """The points in brackets that end a heading line, given without a verb: bare ('(10 điểm)') or
    after the words of a maximum ('(thang điểm 10)', columns.toml); their text and span."""
    match = _TRAILING_POINTS.search(head)
    if match is None:
        return None
    cue, unit = match.group("cue").strip(" :"), squash(match.group("unit")).lower()
    units = {p for entry in catalog("narrative")["units"] for p in entry["phrases"]}
    if (cue and column_role(cue) != "max_points") or (unit and unit not in units) or not (cue or unit):
        return None
    return match.group("v"), match.start("v"), match.end("v")


def _under_numbered_line(block: Block, start: int) -> bool:
    """The sentence at ``start`` stands under a line that opens with a numbering of its own and
    states no points but a maximum (_opening_item), or on such a line ('1.1 - kết quả tự chấm: 100
    điểm.')."""
    text = block.view.text
    line_start = text.rfind("\n", 0, start) + 1
    lead = _LINE_LEAD.match(text, line_start, len(text)).end()
    if not text[lead:start].strip() or _NUMBERED.fullmatch(text[lead:start].strip() + " ") is not None:
        numbered = _NUMBERED.match(text, lead)
        if numbered is not None and not _SECTION_LINE().match(text[line_start:]):
            return True
    return _opening_item(block, block.view.raw_span(start, start)[0])[0] is not None


def _on_numbered_line(block: Block, start: int) -> bool:
    """The sentence at ``start`` stands on a line that opens with a numbering of its own, not a
    section's ('1.1. … hoàn thành các chỉ tiêu được giao. Điểm tự chấm: 100 điểm')."""
    text = block.view.text
    line_start = text.rfind("\n", 0, start) + 1
    lead = _LINE_LEAD.match(text, line_start, len(text)).end()
    return _NUMBERED.match(text, lead, start) is not None and not _SECTION_LINE().match(text[line_start:])


def _heading_between(heading_starts: list[int], before: Block, paragraph: Block) -> bool:
    """An item's heading stands between the two paragraphs (headings are read apart)."""
    k = bisect.bisect_left(heading_starts, before.end)
    return k < len(heading_starts) and heading_starts[k] < paragraph.start


def _is_numbered_line(paragraph: Block | None) -> bool:
    """A paragraph of one line opened by a numbering without a marker word, not a section's ('3.
    Xây dựng kế hoạch … (tối đa 4 điểm)'): the paragraph under it may be that item's."""
    if paragraph is None or "\n" in paragraph.view.text.strip():
        return False
    text = paragraph.view.text
    return _on_numbered_line(paragraph, len(text)) and parse_marker(text[_LINE_LEAD.match(text).end():],
                                                                     lists=True) is not None


def _paragraph(paragraph: Block, under_numbered: bool = False) -> tuple[list[ScoreObservation], list[_Loose], list[_Loose]]:
    """The paragraph's statements, its short statements without a subject that open with their
    verb, and every statement without a subject whose verb gives a self score. ``under_numbered``:
    the paragraph before is a numbered line (_is_numbered_line)."""
    if not sentences_may_hold_points(paragraph.view.text):
        return [], [], []   # what reading its sentences would find (tests/test_narrative_gate.py)
    return read_sentences(paragraph, under_numbered)


def read_sentences(paragraph: Block, under_numbered: bool = False) -> tuple[list[ScoreObservation], list[_Loose], list[_Loose]]:
    """_paragraph's reading, sentence by sentence, cut where _SENTENCE_END ends one (the cut
    tokens.may_hold_points relies on)."""
    reading = _ParagraphReading(paragraph)
    reading.under_numbered = under_numbered
    for start, end in sentence_spans(paragraph.view.text):
        reading.sentence(start, end)
    return reading.out, reading.loose, reading.undecided


_SCORED = {"self_score", "bonus_self"}   # a statement naming no item that gives one of these is undecided
_MAXIMA = {"max_points", "bonus_max"}
_BONUS = {"bonus_max", "bonus_self"}


class _ParagraphReading:
    """The sentences of one paragraph read in order: a clause after ';' goes on with the
    statement the clause before left open (with values or not: 'trường hợp … thì tiêu chí 5 được
    10 điểm; đơn vị … tự chấm 10 điểm')."""

    def __init__(self, block: Block):
        self.block, self.text = block, block.view.text
        self.under_numbered = False   # the paragraph before is a numbered line (_is_numbered_line)
        self.out: list[ScoreObservation] = []
        self.loose: list[_Loose] = []
        self.undecided: list[_Loose] = []
        self.total_seen = False
        self.carry: _Carry | None = None
        self.maxima: Statement | None = None   # the last sentence's maxima naming no item (_lend_maxima)
        # the statement naming no item of a clause on a numbered line ending on ';' (_bonus_of_undecided)
        self.open_undecided: _Loose | None = None
        # the paragraph's subjects by marker word, their starts and tokens, found once (said_outer)
        self._said: dict[str, tuple[list[int], list[Token]]] | None = None

    def sentence(self, start: int, end: int) -> None:
        text = self.text
        loose: list[Statement] = []
        opened: list[Statement] = []
        carry, self.carry = self.carry, None
        carried = carry.statement if carry else None
        before = len(carried.values) + len(carried.relative) + len(carried.each) if carried else 0
        found = statements(text, start, end, loose=loose, carry=carried, opened=opened)
        found += _anaphors(text, start, loose)
        found = [self._distributed(statement, start) for statement in found]
        if found:
            self.maxima = None   # (maxima lent only to the next sentence that names no item)
        grew = carried is not None and len(carried.values) + len(carried.relative) + len(carried.each) > before
        found += _revised_in_clause(text, (start, end), carry, (grew, found), loose)
        clause_start, clause_end = _skip_space(text, start), _trim(text, end)
        open_clause = text[clause_end - 1:clause_end] == ";"
        had = len(self.undecided)
        self._read_clause((found, loose, grew), (start, clause_start, clause_end), carry, open_clause, opened)
        # (on a numbered or bulleted line: under a heading the heading takes the two clauses one by one)
        self.open_undecided = self.undecided[-1] if open_clause and len(self.undecided) > had \
            and (_on_numbered_line(self.block, clause_start) or _bulleted(self.text, clause_start)) else None

    def _read_clause(self, read: tuple, span: tuple[int, int, int], carry, open_clause: bool, opened: list) -> None:
        """sentence()'s reading of what the clause's statements found."""
        text = self.text
        (found, loose, grew), (start, clause_start, clause_end) = read, span
        if not (found or loose or grew):   # (most sentences hold no points: their span is not needed)
            if open_clause and opened and opened[-1].subject.kind == "subject":
                self.carry = _Carry(opened[-1], None, clause_start)
            return
        raw_start, raw_end = self.block.view.raw_span(clause_start, clause_end)
        if grew:
            self._extend(*carry, raw_end)
        sentence = squash(text[clause_start:clause_end])
        for statement in found:
            if statement.parent is None and statement.subject.kind == "subject":
                statement.parent = self.said_outer(clause_start, statement.subject)
            if statement.subject.kind == "total" and statement.subject.weak and statement.subject.field != "whole" \
                    and not self.out:
                statement = _about(text, clause_start, statement)
            self._statement(statement, (clause_start, raw_start, raw_end), sentence, open_clause)
        self._subjectless(loose, (clause_start, clause_end), (raw_start, raw_end))

    def _subjectless(self, loose: list[Statement], clause: tuple[int, int], span: tuple[int, int]) -> None:
        """The sentence's statements naming no item: going on the statement before, undecided (the
        framework decides), or loose (a heading above may take them)."""
        (clause_start, clause_end), (raw_start, raw_end) = clause, span
        loose = [st for st in loose if not self._adds_to_last(st, clause_end - clause_start, span)
                 and not self._bonus_of_undecided(st, span)]
        self._lend_maxima(loose)
        self.undecided += [_Loose(statement, raw_start, raw_end) for statement in loose
                           if statement.verb_at is not None
                           and (_SCORED & (statement.values.keys() | statement.relative.keys())
                                or _maxima_alone(statement) and clause_end - clause_start <= LOOSE_LENGTH)]
        if clause_end - clause_start <= LOOSE_LENGTH:
            self.loose += [_Loose(statement, raw_start, raw_end) for statement in loose
                           if statement.verb_at is not None and statement.verb_at - clause_start <= LOOSE_LEAD]

    def _bonus_of_undecided(self, statement: Statement, span: tuple[int, int]) -> bool:
        """'4. Về cải cách hành chính: điểm chuẩn 50, tự chấm 48 điểm; điểm thưởng tối đa 2, tự chấm 1
        điểm.': the bonus alone, in the clause after a numbered line's statement naming no item that
        gives none, is that statement's (True: taken)."""
        given = statement.values.keys() | statement.relative.keys()
        last = self.undecided[-1] if self.undecided else None
        if not given or not given <= _BONUS or last is None or last is not self.open_undecided \
                or last.statement.subject is not None or (last.statement.values.keys() & _BONUS):
            return False
        last.statement.values.update(statement.values)
        self.undecided[-1] = last._replace(raw_end=span[1])
        return True

    def said_outer(self, clause_start: int, subject: Token) -> Token | None:
        """'3. Về Nội dung 3: ban hành Quyết định …; mục 2 trừ 2 điểm do …': the item of another
        marker word the paragraph named last before the clause is the parent of an item it names
        without one, when that word is an outer one (as 'mục 2 của Nội dung 3' would say). The
        paragraph's subjects are found once, by marker word: a paragraph of many statements is
        read in linear time."""
        mine = subject_marker(subject)
        if mine is None or mine.word is None:
            return None
        if self._said is None:
            self._said = {}
            for token in _said_subjects(self.text, len(self.text)):
                marker = subject_marker(token)
                if marker is not None and marker.word is not None:
                    self._said.setdefault(marker.word, ([], []))
                    self._said[marker.word][0].append(token.start)
                    self._said[marker.word][1].append(token)
        last = None
        for word, (starts, tokens) in self._said.items():
            k = bisect.bisect_left(starts, clause_start)
            if word != mine.word and k and (last is None or starts[k - 1] > last[1].start):
                last = (word, tokens[k - 1])
        return last[1] if last is not None and nesting(last[0]) < nesting(mine.word) else None

    def _lend_maxima(self, loose: list[Statement]) -> None:
        """'Điểm chuẩn 400, điểm thưởng tối đa 20; tự chấm 395 điểm, điểm thưởng 18 điểm.': maxima
        naming no item, alone in their sentence, are those of the next statement of the paragraph
        naming none that scores and writes no maxima of its own."""
        for statement in loose:
            given = statement.values.keys() | statement.relative.keys()
            if _maxima_alone(statement):
                self.maxima = statement
            elif given & _SCORED and self.maxima is not None and not given & _MAXIMA:
                lent = self.maxima
                statement.values = {**lent.values, **statement.values}
                self.loose = [item for item in self.loose if item.statement is not lent]
                self.undecided = [item for item in self.undecided if item.statement is not lent]
                self.maxima = None

    def _statement(self, statement: Statement, span: tuple[int, int, int], sentence: str, open_clause: bool) -> None:
        """``span``: where the sentence begins in the paragraph, and its span in the document."""
        clause_start, raw_start, raw_end = span
        if statement.subject is None:
            return
        if statement.subject.kind == "total":
            if (_weak_result(statement) or statement.subject.field == "whole") \
                    and (self.under_numbered or _under_numbered_line(self.block, clause_start)
                         or _on_numbered_line(self.block, clause_start)):
                # 'Kết quả: 9 điểm.' under '2. Thực hiện nhiệm vụ chính trị', '1.1. … hoàn thành các chỉ
                # tiêu được giao; điểm tự chấm: 100 điểm': the framework decides whether the line names
                # its item (normalizers/readings.item_readings)
                self.undecided.append(_Loose(statement, raw_start, raw_end))
                return
            if self.total_seen:
                return
            self.total_seen = True
        obs = _observations(self.block, statement, raw_start, raw_end, sentence)
        if obs and grammar(False)["revision"].search(sentence):
            for o in obs:
                o.revises = True
        self.out += obs
        if statement.subject.kind == "total" and statement.subject.weak and obs:
            self.loose.append(_Loose(statement, raw_start, raw_end, obs[0]))
        if open_clause and obs and statement.subject.kind in ("subject", "total"):
            self.carry = _Carry(statement, obs[-1], clause_start)

    def _adds_to_last(self, statement: Statement, length: int, span: tuple[int, int]) -> bool:
        """'Đạt 3 điểm ở nội dung 1 – … . Kết quả thẩm định: 3 điểm.': a short sentence naming no
        item that gives only what the paragraph's last statement lacks, the authority's score or a
        bonus, and no self score (or the scores of a total that stated its maxima only:
        _scores_after_maxima), goes on that statement (True: taken)."""
        last = self.out[-1] if self.out else None
        given = statement.values.keys() | statement.relative.keys()
        if (last is None or last.parsed_marker is None and not last.is_total or statement.verb_at is None
                or length > LOOSE_LENGTH or not given or given & last.values.keys()
                or given & {"self_score", "max_points"} and not _scores_after_maxima(last, given)):
            return False
        last.values = {**last.values, **_values(self.block, statement)}
        last.end = max(last.end, span[1])
        last.spans.append(span)
        return True

    def _distributed(self, statement: Statement, clause_start: int) -> Statement:
        """'Về … (tiêu chí 1), … (tiêu chí 2) và … (tiêu chí 8): … . Cả ba tiêu chí này đều đạt tối
        đa, mỗi tiêu chí 10/10 điểm.': a score given to each item of a marker word, in a sentence that
        names none of them, is the score of every item of that word the paragraph named before it
        and left unscored (two at least; the count, when written, must agree)."""
        if statement.subject is None or statement.subject.kind != "each" \
                or not _SCORED & (statement.values.keys() | statement.relative.keys()):
            return statement
        word = remaining_word(statement.subject)
        scored = {(o.parsed_marker.word, o.parsed_marker.number) for o in self.out if o.parsed_marker is not None}
        named: dict[tuple[str, str], Token] = {}
        for token in _said_subjects(self.text, clause_start):
            for marker in subject_markers(token):
                if marker.word == word and (marker.word, marker.number) not in scored:
                    named.setdefault((marker.word, marker.number), token)
        count = _count_of(statement.subject.m.group(0))
        if len(named) < 2 or count is not None and count != len(named):
            return statement
        tokens = list({token.start: token for token in named.values()}.values())
        return Statement(tokens[0], statement.values, first=statement.first, last=statement.last,
                         group=tokens[1:], relative=statement.relative)

    def _extend(self, statement: Statement, obs: ScoreObservation | None, start: int, end: int) -> None:
        """The statement read on into the next clause: its values, and its span to that clause's
        end (its observations made now when it had no values before)."""
        if obs is None:
            raw_start, _ = self.block.view.raw_span(start, start)
            self.out += _observations(self.block, statement, raw_start, end)
            return
        if statement.each:   # ('… lần lượt là 3; 2,5 và 4 điểm': each item's value, read again whole)
            self.out = [o for o in self.out if (o.start, o.end) != (obs.start, obs.end)]
            self.out += _observations(self.block, statement, obs.start, max(obs.end, end))
            return
        obs.values = _values(self.block, statement)
        obs.end = max(obs.end, end)
        obs.spans = [(obs.start, obs.end)]


def _scores_after_maxima(last: ScoreObservation, given) -> bool:
    """'Tổng điểm chuẩn 950 điểm, điểm thưởng tối đa 50 điểm. Sở tự chấm 949 điểm, …': a total that
    stated its maxima only, then scores naming no item and no maxima: the total's."""
    return last.is_total and bool(last.values) and last.values.keys() <= _MAXIMA and not given & _MAXIMA


def _maxima_alone(statement: Statement) -> bool:
    """'Tối đa 10 điểm.', 'Thang điểm tối đa của tiêu chí: 10 điểm.': a statement of maxima only."""
    given = statement.values.keys() | statement.relative.keys()
    return bool(given) and given <= _MAXIMA and not statement.each


def _count_of(words: str) -> int | None:
    """The number of items words naming several write ('cả năm tiêu chí này', 'cả 3 nội dung')."""
    found = _COUNT().search(words)
    if found is None:
        return None
    return int(found.group(0)) if found.group(0).isdigit() else int(spelled_value(found.group(0)))


@lru_cache(maxsize=1)
def _COUNT():
    return compiled_patterns.compile(rf"(?<![\p{{L}}\d])(?:\d{{1,2}}|{patterns()['number']})(?![\p{{L}}\d])", regex.I)


def _weak_result(statement: Statement) -> bool:
    """A statement opened by a cue naming a result, not a sum nor every item ('Kết quả: …')."""
    return statement.subject.weak and statement.subject.field != "whole"


def _about(text: str, clause_start: int, statement: Statement) -> Statement:
    """'Về tiếp công dân (tiêu chí 9), … Kết quả tự chấm: 10 điểm.': a weak total cue in a paragraph
    that named an item before it and gave no points yet states that item's points."""
    named = _said_subjects(text, clause_start)[-1:]
    if not named or subject_marker(named[0]) is None:
        return statement
    return Statement(named[0], statement.values, relative=statement.relative)


def _said_subjects(text: str, clause_start: int) -> list[Token]:
    """The items the paragraph ``text`` names before ``clause_start`` in the unit's voice, in order."""
    return [Token("subject", m.start(), m.end(), m) for m in grammar(False)["subject"].finditer(text, 0, clause_start)
            if is_said(text, m.start())]


def _anaphors(text: str, clause_start: int, loose: list[Statement]) -> list[Statement]:
    """'Tiêu chí số 5: …; điểm tự chấm cho tiêu chí này là 10.': a statement naming its item by
    the marker word and 'này' states the points of the item of that word the paragraph named last
    (in the unit's voice). Such statements leave ``loose``."""
    out = []
    for statement in list(loose):
        anaphor = _ANAPHOR().search(text, clause_start, max(statement.last, clause_start))
        if anaphor is None:
            continue
        word = canonical_word(anaphor.group("word"))
        named = None
        for token in _said_subjects(text, clause_start):
            marker = subject_marker(token)
            named = token if marker is not None and marker.word == word else named
        if named is not None:
            loose.remove(statement)
            out.append(Statement(named, statement.values, relative=statement.relative))
        elif statement.verb_at is not None:
            # the paragraph names no item: 'Tiêu chí này …' opening it is the heading's above, as
            # a statement that opens with its verb is (_attached_to_headings)
            statement.verb_at = min(statement.verb_at, anaphor.start())
    return out


@lru_cache(maxsize=1)
def _ANAPHOR():
    words = "|".join(s for lv in catalog("numbering")["levels"] for s in lv["spellings"])
    return compiled_patterns.compile(rf"(?<![\p{{L}}])(?P<word>{words})\s+này(?![\p{{L}}])", regex.I)


def _skip_space(text: str, i: int) -> int:
    while i < len(text) and text[i].isspace():
        i += 1
    return i


def _trim(text: str, i: int) -> int:
    while i > 0 and text[i - 1].isspace():
        i -= 1
    return i


def _observations(block: Block, statement: Statement, start: int, end: int,
                  sentence: str = "") -> list[ScoreObservation]:
    """A statement of running text as observations: its parent item first when it names one, so
    the item is read inside it."""
    out = []
    line, page = block.line, block.page
    if statement.subject.kind == "total":
        return [ScoreObservation(source="narrative", marker="", label=sentence,
                                 values=_values(block, statement), start=start, end=end, line=line, page=page,
                                 spans=[(start, end)], is_total=True)]
    if statement.subject.kind == "each":
        return out       # 'mỗi nội dung tối đa 2 điểm': no item named here
    if statement.subject.kind == "remaining":   # 'các tiêu chí còn lại đạt tối đa': the normalizers say which
        return [ScoreObservation(source="narrative", marker=squash(statement.subject.m.group(0)), label="",
                                 values=_values(block, statement), start=start, end=end, line=line, page=page,
                                 spans=[(start, end)], remaining=remaining_word(statement.subject),
                                 parsed_marker=subject_marker(statement.parent) if statement.parent else None)]
    if statement.parent is not None:
        parent_marker = subject_marker(statement.parent)
        if parent_marker is not None:
            out.append(ScoreObservation(source="narrative", marker=squash(statement.parent.m.group(0)), label="",
                                        values={}, start=start, end=end, line=line, page=page,
                                        spans=[(start, end)], parsed_marker=parent_marker))
    named = [(statement.subject, m) for m in subject_markers(statement.subject)] + more_items(statement)
    for k, (subject, marker) in enumerate(named):
        values = _item_values(block, statement, k, len(named))
        out.append(ScoreObservation(source="narrative", marker=squash(subject.m.group(0)), label="",
                                    values=values, start=start, end=end, line=line,
                                    page=page, spans=[(start, end)], parsed_marker=marker))
    return out


def _item_values(block: Block, statement: Statement, k: int, count: int) -> dict[str, Value]:
    """The values of the k-th of the ``count`` items a statement names: its own after 'lần lượt' when
    there is one for each ('nội dung 1, 2, 3 lần lượt là 4; 2,5 và 3 điểm'), else the statement's."""
    values = _values(block, statement)
    if len(statement.each) == count:
        match, group = statement.each[k]
        raw_start, raw_end = block.view.raw_span(*match.span(group))
        values[statement.each_field] = Value(number_value(match.group(group)), match.group(group), raw_start, raw_end)
    return values


def number_value(raw: str) -> float:
    """The value of a number as a statement writes it ('8,5', '9.5', 'mười', 'chín phẩy năm')."""
    if raw[:1].isdigit():
        return to_float(raw)
    return spelled_value(raw)


def _values(block: Block, statement: Statement) -> dict[str, Value]:
    """The statement's values; those it gives relative to the item's maximum ('đạt tối đa', 'bị trừ
    1 điểm') with their words as ``raw``, no value yet (NaN) and ``below_maximum`` set, only for
    fields it states no score of (extract_narrative moves them to the observation's ``relative``)."""
    vals = {}
    for name, (match, group) in statement.values.items():
        raw = match.group(group)
        raw_start, raw_end = block.view.raw_span(*match.span(group))
        vals[name] = Value(number_value(raw), raw, raw_start, raw_end)
    for name, (start, end, taken) in statement.relative.items():
        if name in vals:
            continue        # a stated score wins ('tự chấm 9 điểm (trừ 1 điểm)')
        below = 0.0 if taken is None else number_value(taken[0].group(taken[1]))
        raw_start, raw_end = block.view.raw_span(start, end)
        vals[name] = Value(math.nan, block.view.text[start:end], raw_start, raw_end, below_maximum=below)
    return vals


def _relative_apart(observations: list[ScoreObservation]) -> None:
    """The values given relative to the maximum leave ``values`` for ``relative``: the values the
    stages after the extractor compare are numbers written."""
    for obs in observations:
        relative = {name: v for name, v in obs.values.items() if v.below_maximum is not None}
        if relative:
            obs.values = {name: v for name, v in obs.values.items() if v.below_maximum is None}
            obs.relative = {**relative, **obs.relative}
