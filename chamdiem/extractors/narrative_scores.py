"""Scores stated in prose: item headings that end in points ('Tiêu chí 5: ... (8,5 điểm).',
'Nội dung 1: 3,5 điểm'), item headings without points (they still place later items), and
totals ('Tổng số điểm ...: 97 điểm.', 'kết quả đạt 98/100 điểm')."""
from __future__ import annotations

import regex

from chamdiem.lexicon.numbering import parse_marker
from chamdiem.lexicon.numbers import to_float
from chamdiem.lexicon.text import squash
from chamdiem.model.document import Block, paragraphs
from chamdiem.model.observations import ScoreObservation, Value

_NUM = r"\d{1,4}(?:[.,]\d{1,2})?"
_HEADING = regex.compile(r"^\s*(?:#+\s*)?(?:(?:[IVX]+|\d+)\s*[.)]\s*)?(?:tiêu\s*chí|nội\s*dung)\s*\d+", regex.I)
# points closing a heading: '(8,5 điểm).', '3 điểm', '10 điểm)', '9/10 điểm'
_TAIL_POINTS = regex.compile(
    rf"(?P<self>{_NUM})(?:\s*/\s*(?P<max>{_NUM}))?\s*điểm\s*[).:;]*\s*$", regex.I)
_TOTAL_CUE = regex.compile(
    r"tổng\s+(?:số\s+)?điểm|tổng\s+cộng|kết\s+quả\s+(?:tự\s+chấm\s+điểm\s+)?đạt|đạt\s+tổng|tự\s+chấm\s+(?:điểm\s+)?đạt"
    r"|tổng\s+điểm\s+tự\s+chấm", regex.I)
_POINTS = regex.compile(rf"(?P<self>{_NUM})(?:\s*/\s*(?P<max>{_NUM}))?\s*điểm", regex.I)
_SENTENCE_END = regex.compile(r"[.;!?](?=\s|$)")
_HEADING_HASHES = regex.compile(r"^\s*#+\s*")
_TRAILING_PUNCT = regex.compile(r"[\s(:.\-–]+$")


def extract_narrative(blocks: list[Block], text: str) -> list[ScoreObservation]:
    """Headings line by line (their points close the line); totals in whole paragraphs, since a
    sentence may wrap onto the next line."""
    out: list[ScoreObservation] = []
    headings = set()
    for b in blocks:
        if _HEADING.match(b.view.text):
            obs = _heading(b, b.view.text)
            if obs is not None:
                out.append(obs)
                headings.add(b.start)
    for p in paragraphs([b for b in blocks if b.start not in headings], text):
        for m in _TOTAL_CUE.finditer(p.view.text):
            obs = _total(p, p.view.text, m)
            if obs is not None:
                out.append(obs)
                break
    return sorted(out, key=lambda o: o.start)


def _value(b: Block, text: str, m, group: str) -> Value | None:
    if m.group(group) is None:
        return None
    s, e = b.view.raw_span(*m.span(group))
    return Value(to_float(m.group(group)), m.group(group), s, e)


def _values(b: Block, text: str, m) -> dict[str, Value]:
    vals = {}
    v = _value(b, text, m, "self")
    if v:
        vals["self_score"] = v
    v = _value(b, text, m, "max")
    if v:
        vals["max_points"] = v
    return vals


def _heading(b: Block, text: str) -> ScoreObservation | None:
    body = _HEADING_HASHES.sub("", text)
    lead = len(text) - len(body)
    marker = parse_marker(body)
    if marker is None or marker.word is None:
        return None
    rest = body[marker.end:]
    m = _TAIL_POINTS.search(rest)
    values = {}
    label = rest
    if m:
        shifted = regex.compile(_TAIL_POINTS.pattern, regex.I).search(text, lead + marker.end)
        values = _values(b, text, shifted)
        label = rest[:m.start()]
    label = squash(_TRAILING_PUNCT.sub("", label))
    return ScoreObservation(
        source="narrative", marker=squash(body[:marker.end]).rstrip(" :.-–"), label=label, values=values,
        start=b.start, end=b.end, line=b.line, page=b.page, spans=[(b.start, b.end)],
        parsed_marker=marker)


def _total(b: Block, text: str, cue) -> ScoreObservation | None:
    m = _POINTS.search(text, cue.end())
    if m is None:
        return None
    between = text[cue.end():m.start()]
    if len(between) > 120 or _SENTENCE_END.search(between):
        return None
    s = _sentence_start(text, cue.start())
    e = _sentence_end(text, m.end())
    rs, re_ = b.view.raw_span(s, e)
    return ScoreObservation(
        source="narrative", marker="", label=squash(text[s:e]), values=_values(b, text, m),
        start=rs, end=re_, line=b.line, page=b.page, spans=[(rs, re_)], is_total=True)


def _sentence_start(text: str, i: int) -> int:
    j = max(text.rfind(". ", 0, i), text.rfind("; ", 0, i))
    return 0 if j < 0 else j + 2


def _sentence_end(text: str, i: int) -> int:
    m = _SENTENCE_END.search(text, i)
    return len(text.rstrip()) if m is None else m.end()
