"""Scores stated in prose, read with a small grammar (catalogs/narrative.toml): a subject (an item
number: 'Tiêu chí 5', 'nội dung 2', 'Mục 3'), before or after the score, a verb or none, the score,
and a maximum written in any usual way ('9/10 điểm', 'trên tổng số 10 điểm', '(thang điểm 10)').

Item headings ('Tiêu chí 5: … (8,5 điểm).') are read line by line, with or without points (a
heading without points still places the items after it); statements inside paragraphs and totals
('Tổng số điểm …: 97 điểm.', 'kết quả đạt 98/100 điểm') are read sentence by sentence in whole
paragraphs, since a sentence may wrap onto the next line."""
from __future__ import annotations

import bisect
from functools import lru_cache

import regex

from chamdiem.extractors.narrative.grammar import Statement, Token, grammar, statements, subject_marker
from chamdiem.lexicon.numbering import parse_marker
from chamdiem.lexicon.numbers import to_float
from chamdiem.lexicon.spelled import patterns, spelled_value
from chamdiem.lexicon.text import squash
from chamdiem.model.document import Block, paragraphs
from chamdiem.model.observations import ScoreObservation, Value
from chamdiem.model.textview import TextView

_HEADING = regex.compile(r"^\s*(?:#+\s*)?(?:(?:[IVX]+|\d+)\s*[.)]\s*)?(?:tiêu\s*chí|nội\s*dung)\s*"
                         rf"(?:\d+|{patterns()['ordinal']}|{patterns()['number']})", regex.I)
_SENTENCE_END = regex.compile(r"[.;!?](?=\s|$)")


def extract_narrative(blocks: list[Block], text: str) -> list[ScoreObservation]:
    """Every statement of points in the narrative, headings first (so that a short statement
    without a subject under a heading without points can go to it), in document order."""
    out: list[ScoreObservation] = []
    headings = set()
    for k, b in enumerate(blocks):
        if b.start in headings or not _HEADING.match(b.view.text):
            continue
        obs = _heading(b)
        if obs and not obs[0].values and k + 1 < len(blocks):
            joined = _wrapped(b, blocks[k + 1], text)
            more = _heading(joined) if joined is not None else []
            if more and more[0].values:
                obs = more
                headings.add(blocks[k + 1].start)
        if obs:
            out += obs
            headings.add(b.start)
    heads = sorted((o for o in out if o.parsed_marker is not None and o.spans == [(o.start, o.end)]
                    and o.start in headings), key=lambda o: o.start)
    starts = [o.start for o in heads]
    for p in paragraphs([b for b in blocks if b.start not in headings], text):
        found, loose = _paragraph(p)
        out += found
        for item in loose:
            k = bisect.bisect_left(starts, item[1]) - 1   # the heading right above the sentence
            if k >= 0:
                _attach(heads[k], p, item)
    return sorted(out, key=lambda o: o.start)


_HEADING_HASHES = regex.compile(r"^\s*#+\s*")

LOOSE_LEAD = 15   # characters before the verb of a statement without a subject ('Điểm tự chấm: 8')
LOOSE_LENGTH = 80  # the longest such sentence that still states the points of the heading above


def _attach(head: ScoreObservation, p: Block, item) -> None:
    """'Tự chấm: 8 điểm.' in the text under a heading without points: the heading's points."""
    st, rs, re_ = item
    if head.values:
        return
    head.values = _values(p, st)
    head.end = max(head.end, re_)
    head.spans.append((rs, re_))


WRAP_TAIL = 160  # characters: the rest of a heading wrapped onto its next line, points included


def _wrapped(b: Block, nb: Block, text: str) -> Block | None:
    """The heading and its next line as one block, when the next line is the heading's rest: one
    short sentence ending in its points ('… xã hội (10' / 'điểm).')."""
    if text[b.end:nb.start].strip(" \r\t") != "\n" or _HEADING.match(nb.view.text):
        return None
    tail = nb.view.text.strip()
    m = _SENTENCE_END.search(tail)
    if len(tail) > WRAP_TAIL or (m is not None and m.end() < len(tail)) or not grammar()["closing"].search(tail):
        return None
    return Block(b.start, nb.end, b.line, TextView.join([b.view, nb.view], sep=" "), b.page)


def _heading(b: Block) -> list[ScoreObservation]:
    t = b.view.text
    body = _HEADING_HASHES.sub("", t)
    lead = len(t) - len(body)
    marker = parse_marker(body)
    if marker is None or marker.word is None:
        return []
    head = next((m for m in grammar()["subject"].finditer(t, lead, lead + marker.end)), None)
    if head is None:
        return []
    htok = Token("subject", head.start(), head.end(), head)
    out = []
    found = statements(t, 0, len(t), heading=htok)
    named = any(s.parent is htok for s in found)   # 'Tiêu chí 4, nội dung 2: 3 điểm': the heading is a parent
    for s in found:
        if s.subject is htok and named and not s.values:
            continue
        if s.subject is htok:
            end = s.first if s.first is not None and s.values else len(t)
            if s.parent is not None:
                end = min(end, s.parent.start)
                out += _observations(b, Statement(s.parent), b.start, b.end)[:1]
            label = _label(t[lead + marker.end:end])
            out.append(ScoreObservation(
                source="narrative", marker=squash(body[:marker.end]).rstrip(" :.-–"), label=label,
                values=_values(b, s), start=b.start, end=b.end, line=b.line, page=b.page,
                spans=[(b.start, b.end)], parsed_marker=marker))
        else:
            out += _observations(b, s, b.start, b.end, squash(t))
    return out


@lru_cache(maxsize=None)
def _label_ends():
    """The trailing punctuation and the trailing connective word _label strips, compiled once."""
    conn = grammar()["connective"].pattern
    return regex.compile(r"[\s(:.,\-–=]+$"), regex.compile(rf"(?:^|\s)(?:{conn})$", regex.I)


def _label(s: str) -> str:
    """A heading's text without the punctuation and connectives that lead to its points."""
    trailing, connective = _label_ends()
    while True:
        t = trailing.sub("", s)
        t = connective.sub("", t)
        if t == s:
            return squash(s)
        s = t


def _paragraph(p: Block) -> tuple[list[ScoreObservation], list]:
    """The paragraph's statements, and its short statements without a subject that open with
    their verb (each as (statement, start, end) of its sentence in the document text)."""
    t = p.view.text
    reading = _ParagraphReading(p)
    start = 0
    for m in list(_SENTENCE_END.finditer(t)) + [None]:
        end = m.end() if m is not None else len(t)
        if t[start:end].strip():
            reading.sentence(start, end)
        start = end
    return reading.out, reading.loose


class _ParagraphReading:
    """The sentences of one paragraph read in order: a clause after ';' goes on with the
    statement the clause before left open (with values or not: 'trường hợp … thì tiêu chí 5 được
    10 điểm; đơn vị … tự chấm 10 điểm')."""

    def __init__(self, p: Block):
        self.p, self.text = p, p.view.text
        self.out: list[ScoreObservation] = []
        self.loose: list = []
        self.total_seen = False
        # the statement left open, its observation (None while it has no values), where it began
        self.carry: tuple[Statement, ScoreObservation | None, int] | None = None

    def sentence(self, start: int, end: int) -> None:
        t = self.text
        loose: list[Statement] = []
        opened: list[Statement] = []
        carry, self.carry = self.carry, None
        before = len(carry[0].values) if carry else 0
        found = statements(t, start, end, loose=loose, carry=carry[0] if carry else None, opened=opened)
        grew = carry is not None and len(carry[0].values) > before
        cs, ce = _skip_space(t, start), _trim(t, end)
        open_clause = t[ce - 1:ce] == ";"
        if not (found or loose or grew):   # (most sentences hold no points: their span is not needed)
            if open_clause and opened and opened[-1].subject.kind == "subject":
                self.carry = (opened[-1], None, cs)
            return
        rs, re_ = self.p.view.raw_span(cs, ce)
        if grew:
            self._extend(*carry, re_)
        for s in found:
            self._statement(s, (cs, rs, re_), squash(t[cs:ce]), open_clause)
        self.loose += [(s, rs, re_) for s in loose
                       if s.verb_at is not None and s.verb_at - cs <= LOOSE_LEAD and ce - cs <= LOOSE_LENGTH]

    def _statement(self, s: Statement, span: tuple[int, int, int], sentence: str, open_clause: bool) -> None:
        """``span``: where the sentence begins in the paragraph, and its span in the document."""
        cs, rs, re_ = span
        if s.subject is None:
            return
        if s.subject.kind == "total":
            if self.total_seen:
                return
            self.total_seen = True
        obs = _observations(self.p, s, rs, re_, sentence)
        self.out += obs
        if open_clause and obs and s.subject.kind == "subject":
            self.carry = (s, obs[-1], cs)

    def _extend(self, s: Statement, obs: ScoreObservation | None, start: int, end: int) -> None:
        """The statement read on into the next clause: its values, and its span to that clause's
        end (its observations made now when it had no values before)."""
        if obs is None:
            self.out += _observations(self.p, s, self.p.view.raw_span(start, start)[0], end)
            return
        obs.values = _values(self.p, s)
        obs.end = max(obs.end, end)
        obs.spans = [(obs.start, obs.end)]


def _skip_space(t: str, i: int) -> int:
    while i < len(t) and t[i].isspace():
        i += 1
    return i


def _trim(t: str, i: int) -> int:
    while i > 0 and t[i - 1].isspace():
        i -= 1
    return i


def _observations(b: Block, s: Statement, start: int, end: int, sentence: str = "") -> list[ScoreObservation]:
    """A statement of running text as observations: its parent item first when it names one, so
    the item is read inside it."""
    out = []
    line, page = b.line, b.page
    if s.subject.kind == "total":
        return [ScoreObservation(source="narrative", marker="", label=sentence,
                                 values=_values(b, s), start=start, end=end, line=line, page=page,
                                 spans=[(start, end)], is_total=True)]
    if s.parent is not None:
        pm = subject_marker(s.parent)
        if pm is not None:
            out.append(ScoreObservation(source="narrative", marker=squash(s.parent.m.group(0)), label="",
                                        values={}, start=start, end=end, line=line, page=page,
                                        spans=[(start, end)], parsed_marker=pm))
    m = subject_marker(s.subject)
    if m is None:
        return out
    out.append(ScoreObservation(source="narrative", marker=squash(s.subject.m.group(0)), label="",
                                values=_values(b, s), start=start, end=end, line=line, page=page,
                                spans=[(start, end)], parsed_marker=m))
    return out


def number_value(raw: str) -> float:
    """The value of a number as a statement writes it ('8,5', '9.5', 'mười', 'chín phẩy năm')."""
    if raw[:1].isdigit():
        return to_float(raw)
    return spelled_value(raw)


def _values(b: Block, s: Statement) -> dict[str, Value]:
    vals = {}
    for name, (m, group) in s.values.items():
        raw = m.group(group)
        rs, re_ = b.view.raw_span(*m.span(group))
        vals[name] = Value(number_value(raw), raw, rs, re_)
    return vals
