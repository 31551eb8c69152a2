"""Scores stated in prose, read with a small grammar (catalogs/narrative.toml): a subject (an item
number: 'Tiêu chí 5', 'nội dung 2', 'Mục 3'), before or after the score, a verb or none, the score,
and a maximum written in any usual way ('9/10 điểm', 'trên tổng số 10 điểm', '(thang điểm 10)').

Item headings ('Tiêu chí 5: … (8,5 điểm).') are read line by line, with or without points (a
heading without points still places the items after it); statements inside paragraphs and totals
('Tổng số điểm …: 97 điểm.', 'kết quả đạt 98/100 điểm') are read sentence by sentence in whole
paragraphs, since a sentence may wrap onto the next line."""
from __future__ import annotations

import bisect
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

import regex

from chamdiem.lexicon.catalogs import catalog
from chamdiem.lexicon.numbering import Marker, parse_marker
from chamdiem.lexicon.numbers import to_float
from chamdiem.lexicon.text import squash
from chamdiem.model.document import Block, paragraphs
from chamdiem.model.observations import ScoreObservation, Value
from chamdiem.model.textview import TextView

_BARE = r"\d{1,4}(?:[.,]\d{1,2})?(?![\d])"
_NUM = r"(?<![\d.,/])" + _BARE
_HEADING = regex.compile(r"^\s*(?:#+\s*)?(?:(?:[IVX]+|\d+)\s*[.)]\s*)?(?:tiêu\s*chí|nội\s*dung)\s*\d+", regex.I)
_SENTENCE_END = regex.compile(r"[.;!?](?=\s|$)")
# what may stand between a verb (or a subject) and its score
_ADJACENT = regex.compile(r"^[\s:=\-–(]*$")
_VERB_ADJACENT = regex.compile(r"^[\s:=\-–]*$")
# what may follow a score that ends a statement: punctuation, the end, a maximum, a connective
_SCORE_END = regex.compile(r"^\s*(?:[).,;:!?/(\-–*]|$)")
MAX_REACH = 160  # characters from a subject in running text to its score


@dataclass
class _Tok:
    kind: str           # subject, total, verb, bonus, connective, max, score
    start: int
    end: int
    m: object = None    # the match
    field: str | None = None


@dataclass
class _Statement:
    subject: _Tok | None
    values: dict[str, tuple[object, str]] = field(default_factory=dict)  # field -> (match, group)
    first: int | None = None    # where the statement's own words begin (the label ends there)
    last: int = 0
    parent: _Tok | None = None  # 'nội dung 2 của tiêu chí 3': tiêu chí 3
    bare: set[str] = field(default_factory=set)   # fields whose score had no verb before it
    verb_at: int | None = None  # where the verb of a statement without a subject stands


@lru_cache(maxsize=None)
def _grammar() -> dict:
    cat = catalog("narrative")
    nfc = lambda s: unicodedata.normalize("NFC", s)
    alt = lambda xs: "|".join(nfc(x) for x in sorted(xs, key=len, reverse=True))
    words = alt(s for lv in catalog("numbering")["levels"] for s in lv["spellings"])
    units = alt(cat["units"])
    return {
        "subject": regex.compile(
            rf"(?<![\p{{L}}\d])(?:{words})\s*(?:(?:số|thứ)\s*)?(?P<num>\d+(?:\.\d+)*(?!\d)|(?-i:[IVX]+))(?![\p{{L}}\d])",
            regex.I),
        "max": [regex.compile(("" if f.startswith("/") else r"(?<![\p{L}])")
                              + rf"(?:{nfc(f).replace('{n}', f'(?P<n>{_BARE})')})(?![\p{{L}}])", regex.I)
                for f in cat["maximum"]],
        "score": regex.compile(
            rf"(?P<self>{_NUM})(?:\s*/\s*(?P<max>{_BARE}))?\s*(?:{units})(?![\p{{L}}])", regex.I),
        "closing": regex.compile(rf"(?:\d\s*(?:{units})?|^(?:{units}))\s*\)?\s*[.:;]?$", regex.I),
        "bare": regex.compile(rf"(?P<self>{_NUM})(?![\d/])"),
        "ratio": regex.compile(rf"(?P<self>{_NUM})\s*/\s*(?P<max>{_BARE})(?![\d/])"),
        "verbs": [(v["field"], regex.compile(rf"(?<![\p{{L}}])(?:{alt(v['phrases'])})(?![\p{{L}}])", regex.I))
                  for v in cat["verbs"]],
        "deduct": regex.compile(rf"(?<![\p{{L}}])(?:{alt(cat['deductions'])})(?![\p{{L}}])", regex.I),
        "bonus": regex.compile(rf"(?<![\p{{L}}])(?:{alt(cat['bonus_cues'])})(?![\p{{L}}])", regex.I),
        "total": regex.compile(rf"(?<![\p{{L}}])(?:{alt(cat['total_cues'])})(?![\p{{L}}])", regex.I),
        "connective": regex.compile(rf"(?<![\p{{L}}])(?:{alt(cat['connectives'])})(?![\p{{L}}])", regex.I),
    }


# at one position the longer token wins; at equal length, the earlier kind in this order
_PRIORITY = {"max": 0, "score": 1, "subject": 2, "total": 3, "bonus": 4, "verb": 5, "connective": 6, "deduct": 6, "ratio": 7, "bare": 8}


def _tokens(text: str, lo: int, hi: int) -> list[_Tok]:
    g = _grammar()
    found: list[_Tok] = []
    for pat in g["max"]:
        found += [_Tok("max", m.start(), m.end(), m) for m in pat.finditer(text, lo, hi)]
    found += [_Tok("score", m.start(), m.end(), m) for m in g["score"].finditer(text, lo, hi)]
    found += [_Tok("ratio", m.start(), m.end(), m) for m in g["ratio"].finditer(text, lo, hi)]
    found += [_Tok("subject", m.start(), m.end(), m) for m in g["subject"].finditer(text, lo, hi)]
    found += [_Tok("total", m.start(), m.end(), m) for m in g["total"].finditer(text, lo, hi)]
    found += [_Tok("bonus", m.start(), m.end(), m, "bonus_self") for m in g["bonus"].finditer(text, lo, hi)]
    found += [_Tok("deduct", m.start(), m.end(), m) for m in g["deduct"].finditer(text, lo, hi)]
    for fld, pat in g["verbs"]:
        found += [_Tok("verb", m.start(), m.end(), m, fld) for m in pat.finditer(text, lo, hi)]
    found += [_Tok("connective", m.start(), m.end(), m) for m in g["connective"].finditer(text, lo, hi)]
    found += [_Tok("bare", m.start(), m.end(), m) for m in g["bare"].finditer(text, lo, hi)]
    found.sort(key=lambda t: (t.start, -(t.end - t.start), _PRIORITY[t.kind]))
    out: list[_Tok] = []
    for t in found:
        if out and t.start < out[-1].end:
            continue
        out.append(t)
    return out


def _statements(text: str, lo: int, hi: int, heading: _Tok | None = None,
                loose: list[_Statement] | None = None) -> list[_Statement]:
    """The statements of one sentence (or heading line), in order. ``heading`` is the subject
    that opens a heading line: its score may stand anywhere on the line. Statements that found
    no subject go to ``loose`` ('Tự chấm: 8 điểm.' under a heading without points)."""
    toks = _tokens(text, lo, hi)
    out: list[_Statement] = []
    subjectless: list[_Statement] = []
    cur: _Statement | None = None
    pending: _Statement | None = None   # a score still waiting for a subject written after it
    fld: str | None = None              # the field the last verb or cue named
    prev: _Tok | None = None            # the token before, for adjacency
    last_field: str | None = None       # the field of the last score read

    def between(a: int, b: int) -> str:
        return text[a:b]

    for k, t in enumerate(toks):
        if t.kind == "subject":
            if heading is not None and t.start == heading.start:
                cur = _Statement(heading)
                out.append(cur)
            elif pending is not None and _joined(between(pending.last, t.start)):
                pending.subject = t
                cur, pending = pending, None
                out.append(cur)
            elif (cur is not None and cur.subject is not None and not cur.values and cur.parent is None
                  and cur.subject.kind == "subject" and _marker(cur.subject) is not None
                  and _marker(t) is not None and _marker(cur.subject).word != _marker(t).word
                  and _grammar()["connective"].search(between(cur.subject.end, t.start))
                  and _joined(between(cur.subject.end, t.start))):
                cur.parent = t   # 'nội dung 2 của tiêu chí 3'
            elif heading is not None and cur is not None and cur.subject is heading and not cur.values:
                continue         # another item named inside a heading's label
            else:
                cur = _Statement(t)
                out.append(cur)
            fld = last_field = None
        elif t.kind == "total":
            if cur is not None and cur.subject is not None and cur.subject.kind == "subject" and not cur.values:
                fld = "self_score"   # 'tiêu chí 3 tự chấm điểm đạt …': a verb here
                _open(cur, t)
            else:
                cur = _Statement(t)
                out.append(cur)
                fld = None
        elif t.kind in ("verb", "bonus"):
            if prev is not None and prev.kind in ("verb", "bonus") and fld == "bonus_self":
                pass         # 'điểm thưởng tự chấm': still the bonus
            else:
                fld = t.field
        elif t.kind == "max":
            target = cur if cur is not None else pending
            if target is not None and (heading is not None or t.start - _anchor(target) <= MAX_REACH):
                bonus = last_field == "bonus_self" if last_field else (
                    fld == "bonus_self" and prev is not None and prev.kind in ("verb", "bonus")
                    and _VERB_ADJACENT.match(between(prev.end, t.start)))
                name = "bonus_max" if bonus else "max_points"
                target.values.setdefault(name, (t.m, "n"))
                _open(target, t)
        elif t.kind in ("score", "ratio", "bare"):
            gap = between(prev.end, t.start) if prev is not None else "?"
            if prev is not None and prev.kind == "deduct" and _VERB_ADJACENT.match(gap):
                prev = t  # 'bị trừ 1 điểm': points taken off
                continue
            adjacent = prev is not None and (prev.kind in ("subject", "total") and _ADJACENT.match(gap)
                                             or prev.kind in ("verb", "bonus") and _VERB_ADJACENT.match(gap))
            if t.kind == "bare" and not (adjacent and prev.kind in ("verb", "bonus") and k + 1 < len(toks)
                                         and toks[k + 1].kind == "max"
                                         and regex.fullmatch(r"[\s,(]*", between(t.end, toks[k + 1].start))):
                prev = t  # a number with no unit is a score only in 'đạt 9 trên 10 điểm'
                continue
            if t.kind == "ratio" and not adjacent:
                prev = t
                continue
            if not adjacent and not _SCORE_END.match(text[t.end:hi]) and not _subject_follows(toks, k, text):
                prev = t  # '5 điểm cầu': a count of places, not a score
                continue
            # a verb names the field only when it stands right before the score
            verb_led = prev is not None and prev.kind in ("verb", "bonus") and adjacent
            name = fld if fld and verb_led else "self_score"
            last_field = name
            near = cur is not None and (heading is not None or t.start - _anchor(cur) <= MAX_REACH)
            if (near and name == "self_score" and verb_led and "self_score" in cur.bare
                    and "max_points" not in cur.values):
                # 'Tiêu chí 2 (10 điểm): tự chấm 9 điểm': the bare points were the maximum
                cur.values["max_points"] = cur.values.pop("self_score")
                cur.bare.discard("self_score")
            if cur is not None and near and name not in cur.values:
                target = cur
            else:
                pending = target = _Statement(None)
                if verb_led:
                    target.verb_at = prev.start
                subjectless.append(target)
            target.values[name] = (t.m, "self")
            if not verb_led:
                target.bare.add(name)
            if prev is not None and prev.kind in ("verb", "bonus") and adjacent:
                _open(target, prev)
            if "max" in t.m.re.groupindex and t.m.group("max") is not None:
                target.values.setdefault("bonus_max" if name == "bonus_self" else "max_points", (t.m, "max"))
            _open(target, t)
        prev = t
    if loose is not None:
        loose += [st for st in subjectless if st.subject is None]
    return [s for s in out if s.values or s is not None and heading is not None and s.subject is heading]


def _joined(gap: str) -> bool:
    """Only punctuation and connective words between a score and a subject written after it."""
    g = _grammar()["connective"].sub(" ", gap)
    return len(gap) <= 40 and regex.fullmatch(r"[\s,:()\-–]*", g) is not None


def _subject_follows(toks: list[_Tok], k: int, text: str) -> bool:
    for t in toks[k + 1:]:
        if t.kind == "connective":
            continue
        return t.kind == "subject" and _joined(text[toks[k].end:t.start])
    return False


def _anchor(s: _Statement) -> int:
    return s.subject.end if s.subject is not None else (s.first or 0)


def _open(s: _Statement, t: _Tok) -> None:
    if s.first is None or t.start < s.first:
        if s.subject is None or t.start >= s.subject.end:
            s.first = t.start if s.first is None else min(s.first, t.start)
    s.last = max(s.last, t.end)


def extract_narrative(blocks: list[Block], text: str) -> list[ScoreObservation]:
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
    if len(tail) > WRAP_TAIL or (m is not None and m.end() < len(tail)) or not _grammar()["closing"].search(tail):
        return None
    return Block(b.start, nb.end, b.line, TextView.join([b.view, nb.view], sep=" "), b.page)


def _heading(b: Block) -> list[ScoreObservation]:
    t = b.view.text
    body = regex.sub(r"^\s*#+\s*", "", t)
    lead = len(t) - len(body)
    marker = parse_marker(body)
    if marker is None or marker.word is None:
        return []
    head = next((m for m in _grammar()["subject"].finditer(t, lead, lead + marker.end)), None)
    if head is None:
        return []
    htok = _Tok("subject", head.start(), head.end(), head)
    out = []
    for s in _statements(t, 0, len(t), heading=htok):
        if s.subject is htok:
            end = s.first if s.first is not None and s.values else len(t)
            if s.parent is not None:
                end = min(end, s.parent.start)
                out += _observations(b, _Statement(s.parent), b.start, b.end)[:1]
            label = _label(t[lead + marker.end:end])
            out.append(ScoreObservation(
                source="narrative", marker=squash(body[:marker.end]).rstrip(" :.-–"), label=label,
                values=_values(b, s), start=b.start, end=b.end, line=b.line, page=b.page,
                spans=[(b.start, b.end)], parsed_marker=marker))
        else:
            out += _observations(b, s, b.start, b.end, squash(t))
    return out


def _label(s: str) -> str:
    """A heading's text without the punctuation and connectives that lead to its points."""
    conn = _grammar()["connective"].pattern
    while True:
        t = regex.sub(r"[\s(:.,\-–=]+$", "", s)
        t = regex.sub(rf"(?:^|\s)(?:{conn})$", "", t, flags=regex.I)
        if t == s:
            return squash(s)
        s = t


def _paragraph(p: Block) -> tuple[list[ScoreObservation], list]:
    """The paragraph's statements, and its short statements without a subject that open with
    their verb (each as (statement, start, end) of its sentence in the document text)."""
    t = p.view.text
    out: list[ScoreObservation] = []
    loose_out = []
    total_seen = False
    start = 0
    for m in list(_SENTENCE_END.finditer(t)) + [None]:
        end = m.end() if m is not None else len(t)
        if t[start:end].strip():
            cs, ce = _skip_space(t, start), _trim(t, end)
            rs, re_ = p.view.raw_span(cs, ce)
            loose: list[_Statement] = []
            for s in _statements(t, start, end, loose=loose):
                if s.subject is None:
                    continue
                if s.subject.kind == "total":
                    if total_seen:
                        continue
                    total_seen = True
                out += _observations(p, s, rs, re_, squash(t[cs:ce]))
            loose_out += [(s, rs, re_) for s in loose
                          if s.verb_at is not None and s.verb_at - cs <= LOOSE_LEAD and ce - cs <= LOOSE_LENGTH]
        start = end
    return out, loose_out


def _skip_space(t: str, i: int) -> int:
    while i < len(t) and t[i].isspace():
        i += 1
    return i


def _trim(t: str, i: int) -> int:
    while i > 0 and t[i - 1].isspace():
        i -= 1
    return i


def _observations(b: Block, s: _Statement, start: int, end: int, sentence: str = "") -> list[ScoreObservation]:
    """A statement of running text as observations: its parent item first when it names one, so
    the item is read inside it."""
    out = []
    line, page = b.line, b.page
    if s.subject.kind == "total":
        return [ScoreObservation(source="narrative", marker="", label=sentence,
                                 values=_values(b, s), start=start, end=end, line=line, page=page,
                                 spans=[(start, end)], is_total=True)]
    if s.parent is not None:
        pm = _marker(s.parent)
        if pm is not None:
            out.append(ScoreObservation(source="narrative", marker=squash(s.parent.m.group(0)), label="",
                                        values={}, start=start, end=end, line=line, page=page,
                                        spans=[(start, end)], parsed_marker=pm))
    m = _marker(s.subject)
    if m is None:
        return out
    out.append(ScoreObservation(source="narrative", marker=squash(s.subject.m.group(0)), label="",
                                values=_values(b, s), start=start, end=end, line=line, page=page,
                                spans=[(start, end)], parsed_marker=m))
    return out


def _marker(t: _Tok) -> Marker | None:
    return parse_marker(regex.sub(r"(?<=\p{L})\s+(?:số|thứ)(?=\s*\d)", "", t.m.group(0), flags=regex.I))


def _values(b: Block, s: _Statement) -> dict[str, Value]:
    vals = {}
    for name, (m, group) in s.values.items():
        raw = m.group(group)
        rs, re_ = b.view.raw_span(*m.span(group))
        vals[name] = Value(to_float(raw), raw, rs, re_)
    return vals
