"""The grammar of score statements in prose (its words in catalogs/narrative.toml):

    statement = SUBJECT [VERB] SCORE [MAXIMUM]              subject before the score
              | [VERB] SCORE [MAXIMUM] CONNECTIVE SUBJECT   subject after it
              | TOTAL_CUE [VERB] SCORE [MAXIMUM]            the whole sheet

A sentence is cut into tokens (tokens.py), and the tokens are read left to right by small
handlers, one per kind of token, over a reading state: the statement being read, a score still
waiting for its subject, the field the last verb named. The extractor (scores.py) turns
statements into observations."""
from __future__ import annotations

from dataclasses import dataclass, field

import regex

from chamdiem.extractors.narrative.tokens import Token, grammar, subject_marker, tokens
from chamdiem.lexicon.numbering import nesting

__all__ = ["Statement", "Token", "grammar", "statements", "subject_marker", "tokens"]

# what may stand between a subject (or a cue) and its score
_ADJACENT = regex.compile(r"^[\s:=\-–(]*$")
# what may stand between a verb and its score
_VERB_ADJACENT = regex.compile(r"^[\s:=\-–]*$")
# between a bare number and the maximum that makes it a score ('đạt 9 trên 10 điểm')
_SPACE_COMMA = regex.compile(r"[\s,(]*")
# what ends the clause of a number written without its unit after a scoring verb
_CLAUSE_END = regex.compile(r"\s*(?:[;.,)]|$)")
_PUNCTUATION = regex.compile(r"[\s,:()\-–]*")
MAX_REACH = 160  # characters from a subject in running text to its score
_LEADS = ("verb", "bonus")


@dataclass
class Statement:
    subject: Token | None
    values: dict[str, tuple[object, str]] = field(default_factory=dict)  # field -> (match, group)
    first: int | None = None    # where the statement's own words begin (the label ends there)
    last: int = 0
    parent: Token | None = None  # 'nội dung 2 của tiêu chí 3': tiêu chí 3
    bare: set[str] = field(default_factory=set)   # fields whose score had no verb before it
    verb_at: int | None = None  # where the verb of a statement without a subject stands
    voice: Token | None = None  # a scoring verb right before the subject ('hội đồng chấm tiêu chí 7 …')


@dataclass
class Reading:
    """What the handlers know while reading one sentence's tokens left to right."""
    text: str
    hi: int
    heading: Token | None
    toks: list[Token]
    out: list[Statement] = field(default_factory=list)
    subjectless: list[Statement] = field(default_factory=list)
    cur: Statement | None = None       # the statement being read
    pending: Statement | None = None   # a score still waiting for a subject written after it
    fld: str | None = None             # the field the last verb or cue named
    prev: Token | None = None          # the token before, for adjacency
    last_field: str | None = None      # the field of the last score read
    topic: str | None = None           # the field a cue before a colon names for the clause ('Điểm thưởng: …')
    k: int = 0                         # the index of the token being read

    def gap(self, start: int) -> str:
        """The text between the token before and ``start``."""
        return self.text[self.prev.end:start] if self.prev is not None else "?"

    def near(self, s: Statement | None, at: int) -> bool:
        """A position close enough to the statement's subject to belong to it."""
        return s is not None and (self.heading is not None or at - _anchor(s) <= MAX_REACH)

    def begin(self, s: Statement) -> None:
        self.cur = s
        self.out.append(s)


def statements(text: str, lo: int, hi: int, heading: Token | None = None, loose: list[Statement] | None = None,
               carry: Statement | None = None, opened: list[Statement] | None = None) -> list[Statement]:
    """The statements of one sentence (or heading line), in order. ``heading`` is the subject
    that opens a heading line: its score may stand anywhere on the line. Statements that found
    no subject go to ``loose`` ('Tự chấm: 8 điểm.' under a heading without points). ``carry``
    is the statement a clause before left open ('… đạt 8 điểm; điểm chuẩn 10 điểm'): values
    without a subject of their own go on to it; ``opened`` receives the statement this sentence
    leaves open, with values or not."""
    toks = tokens(text, lo, hi)
    if not toks:
        return [Statement(heading)] if heading is not None else []
    r = Reading(text, hi, heading, toks, cur=_going_on(carry, toks))
    for r.k, t in enumerate(toks):
        if _HANDLERS.get(t.kind, _plain)(r, t):
            r.prev = t
    if loose is not None:
        loose += [st for st in r.subjectless if st.subject is None]
    if opened is not None and r.cur is not None and r.cur.subject is not None:
        opened.append(r.cur)
    return [s for s in r.out if s.values or heading is not None and s.subject is heading]


def _going_on(carry: Statement | None, toks: list[Token]) -> Statement | None:
    """The statement a clause goes on with: not one without values when the clause names an item
    of its own ('Ở tiêu chí 9 tổ chức …; 9 điểm ở tiêu chí 9')."""
    if carry is not None and not carry.values and any(t.kind == "subject" for t in toks):
        return None
    return carry


def _plain(r: Reading, t: Token) -> bool:
    """A connective or a deduction: read only as the token before the next one."""
    return True


def _on_subject(r: Reading, t: Token) -> bool:
    if r.heading is not None and t.start == r.heading.start:
        r.begin(Statement(r.heading))
    elif r.pending is not None and _joined(r.text[r.pending.last:t.start]):
        r.pending.subject = t      # '9 điểm ở tiêu chí 9': the score found its subject
        r.begin(r.pending)
        r.pending = None
    elif _names_parent(r, t):
        r.cur.parent = t           # 'nội dung 2 của tiêu chí 3'
    elif _comma_pair(r, t):
        pass                       # 'tiêu chí 4, nội dung 2: 3 điểm'
    elif r.heading is not None and r.cur is not None and r.cur.subject is r.heading and not r.cur.values:
        return False               # another item named inside a heading's label
    else:
        r.begin(Statement(t, voice=_voice(r, t)))
    r.fld = r.last_field = None
    return True


def _voice(r: Reading, t: Token) -> Token | None:
    """A scoring verb right before a subject ('hội đồng chấm tiêu chí 7 …'): it names the field
    of the statement's scores."""
    prev = r.prev
    if prev is None or prev.kind != "verb" or prev.weak or not _VERB_ADJACENT.match(r.gap(t.start)):
        return None
    return prev


def _names_parent(r: Reading, t: Token) -> bool:
    """'nội dung 2 của tiêu chí 3': a subject of another marker word, joined by a connective to the
    subject just read, is its parent."""
    cur = r.cur
    if cur is None or cur.subject is None or cur.values or cur.parent is not None or cur.subject.kind != "subject":
        return False
    mine, theirs = subject_marker(cur.subject), subject_marker(t)
    if mine is None or theirs is None or mine.word == theirs.word:
        return False
    gap = r.text[cur.subject.end:t.start]
    return grammar()["connective"].search(gap) is not None and _joined(gap)


def _comma_pair(r: Reading, t: Token) -> bool:
    """'tiêu chí 4, nội dung 2', 'nội dung 2, tiêu chí 7': subjects of two marker words written
    one after the other, only a comma or a dash between, the first without values: one item and
    its parent, the outer marker word (numbering.toml, nesting) the parent. The first written is
    the parent when the nesting does not say."""
    cur = r.cur
    if cur is None or cur.subject is None or cur.values or cur.parent is not None or cur.subject.kind != "subject":
        return False
    mine, theirs = subject_marker(cur.subject), subject_marker(t)
    if (mine is None or theirs is None or mine.word == theirs.word
            or _CHILD_GAP.fullmatch(r.text, cur.subject.end, t.start) is None):
        return False
    if nesting(theirs.word) < nesting(mine.word):
        cur.parent = t
    else:
        r.begin(Statement(t, parent=cur.subject))
    return True


_CHILD_GAP = regex.compile(r"\s*[,\-–]\s*")


def _on_total(r: Reading, t: Token) -> bool:
    cur = r.cur
    if cur is not None and cur.subject is not None and cur.subject.kind == "subject" and not cur.values:
        r.fld = "self_score"       # 'tiêu chí 3 tự chấm điểm đạt …': a verb here
        _open(cur, t)
    else:
        r.begin(Statement(t))
        r.fld = None
    return True


def _on_verb(r: Reading, t: Token) -> bool:
    if t.kind == "bonus" and _names_the_item(r, t):
        return False               # 'Tiêu chí 10: Thực hiện chế độ báo cáo; điểm thưởng: 9 điểm'
    if t.kind == "bonus" and _TOPIC.match(r.text, t.end):
        r.topic = t.field          # 'Điểm thưởng: đơn vị tự chấm 2 điểm'
    if r.topic and t.field == "self_score":
        r.fld = r.topic
    elif not (r.prev is not None and r.prev.kind in _LEADS and r.fld not in (None, "self_score")
              and _VERB_ADJACENT.match(r.gap(t.start))):
        r.fld = t.field            # right after 'điểm thưởng' or 'hội đồng thẩm định', 'chấm' keeps its field
    return True


def _names_the_item(r: Reading, t: Token) -> bool:
    """Words of an item's own name, not a cue: the words stand in the name written after the
    subject (a capitalised title, or several words) before any value of the statement."""
    cur = r.cur
    if cur is None or cur.subject is None or cur.subject.kind != "subject" or cur.values:
        return False
    words = _WORD.findall(r.text, cur.subject.end, t.start)
    return len(words) >= NAME_WORDS or any(w[0].isupper() for w in words)


_WORD = regex.compile(r"\p{L}+")
_TOPIC = regex.compile(r"\s*:")
NAME_WORDS = 4   # words between a subject and a cue that make them the item's name


def _on_max(r: Reading, t: Token) -> bool:
    target = r.cur if r.cur is not None else r.pending
    if target is not None and r.near(target, t.start):
        name = "bonus_max" if _max_is_bonus(r, t) else "max_points"
        target.values.setdefault(name, (t.m, "n"))
        if t.full:                 # 'đạt điểm tối đa 10 điểm': the maximum reached
            target.values.setdefault("bonus_self" if name == "bonus_max" else "self_score", (t.m, "n"))
        _open(target, t)
    return True


def _max_is_bonus(r: Reading, t: Token) -> bool:
    """A maximum after a bonus score, or right after the bonus cue, is the bonus's maximum."""
    if r.last_field:
        return r.last_field == "bonus_self"
    return bool(r.fld == "bonus_self" and r.prev is not None and r.prev.kind in _LEADS
                and _VERB_ADJACENT.match(r.gap(t.start)))


def _on_score(r: Reading, t: Token) -> bool:
    gap = r.gap(t.start)
    prev = r.prev
    if prev is not None and prev.kind == "deduct" and _VERB_ADJACENT.match(gap):
        return True                # 'bị trừ 1 điểm': points taken off
    adjacent = prev is not None and (prev.kind in ("subject", "total") and _ADJACENT.match(gap) is not None
                                     or prev.kind in _LEADS and _VERB_ADJACENT.match(gap) is not None)
    if _is_score(r, t, adjacent):
        _place(r, t, adjacent)
    return True


def _is_score(r: Reading, t: Token, adjacent: bool) -> bool:
    """Whether a number read as a score token is one in its place."""
    if t.kind == "bare":   # 'đạt 9 trên 10 điểm', 'tự chấm: 2,5 (*).', 'điểm tự chấm: 9;'
        return adjacent and (r.prev.kind in _LEADS and _max_follows(r, t)
                             or grammar()["note_end"].match(r.text, t.end, r.hi) is not None
                             or _scoring_verb_before(r) and _CLAUSE_END.match(r.text, t.end, r.hi) is not None)
    if t.kind == "ratio" and not adjacent:
        return False
    # '5 điểm cầu': a count of places, not a score; in words ('là một điểm sáng') even after a verb
    ends = grammar()["score_end"].match(r.text, t.end, r.hi) is not None or _subject_follows(r.toks, r.k, r.text)
    if not t.m.group("self")[:1].isdigit():
        return ends or _max_follows(r, t)
    return adjacent or ends


def _scoring_verb_before(r: Reading) -> bool:
    """A scoring verb right before the number, or before the subject right before it ('điểm tự
    chấm tiêu chí 5 = 8,5')."""
    if r.prev.kind == "subject":
        return r.cur is not None and r.cur.subject is r.prev and r.cur.voice is not None and r.cur.voice.bare_number
    return r.prev.bare_number


def _max_follows(r: Reading, t: Token) -> bool:
    nxt = r.toks[r.k + 1] if r.k + 1 < len(r.toks) else None
    return nxt is not None and nxt.kind == "max" and _SPACE_COMMA.fullmatch(r.text[t.end:nxt.start]) is not None


def _place(r: Reading, t: Token, adjacent: bool) -> None:
    """A score goes to the statement being read, or opens one that waits for its subject."""
    verb_led = r.prev is not None and r.prev.kind in _LEADS and adjacent
    near = r.near(r.cur, t.start)
    name = r.last_field = _field(r, verb_led, near)
    if near and name == "self_score":
        _bare_was_max(r.cur)
    target = r.cur if near and name not in r.cur.values else _waiting(r, verb_led)
    target.values[name] = (t.m, "self")
    if not verb_led:
        target.bare.add(name)
    else:
        _open(target, r.prev)
    if "max" in t.m.re.groupindex and t.m.group("max") is not None:
        target.values.setdefault("bonus_max" if name == "bonus_self" else "max_points", (t.m, "max"))
    _open(target, t)


def _field(r: Reading, verb_led: bool, near: bool) -> str:
    """The field a score fills: the one its verb names, right before it; after a weak verb the
    statement's voice ('hội đồng chấm tiêu chí 7 được 8 điểm'); else the self score."""
    if near and verb_led and r.prev.weak and r.cur.voice:
        return r.cur.voice.field
    return r.fld if r.fld and verb_led else "self_score"


def _waiting(r: Reading, verb_led: bool) -> Statement:
    """A new statement for a score whose subject is still to come ('9 điểm ở tiêu chí 9')."""
    r.pending = target = Statement(None)
    if verb_led:
        target.verb_at = r.prev.start
    r.subjectless.append(target)
    return target


def _bare_was_max(s: Statement) -> None:
    """'Tiêu chí 2 (10 điểm): tự chấm 9 điểm', 'Tiêu chí 8 (10đ): 9đ': the points written first,
    without a verb, were the maximum."""
    if "self_score" in s.bare and "max_points" not in s.values:
        s.values["max_points"] = s.values.pop("self_score")
        s.bare.discard("self_score")


_HANDLERS = {"subject": _on_subject, "total": _on_total, "verb": _on_verb, "bonus": _on_verb,
             "max": _on_max, "score": _on_score, "ratio": _on_score, "bare": _on_score}


def _joined(gap: str) -> bool:
    """Only punctuation and connective words between a score and a subject written after it."""
    g = grammar()["connective"].sub(" ", gap)
    return len(gap) <= 40 and _PUNCTUATION.fullmatch(g) is not None


def _subject_follows(toks: list[Token], k: int, text: str) -> bool:
    for t in toks[k + 1:]:
        if t.kind == "connective":
            continue
        return t.kind == "subject" and _joined(text[toks[k].end:t.start])
    return False


def _anchor(s: Statement) -> int:
    return s.subject.end if s.subject is not None else (s.first or 0)


def _open(s: Statement, t: Token) -> None:
    """The statement's own words reach from ``t`` (when it stands after the subject)."""
    if s.first is None or t.start < s.first:
        if s.subject is None or t.start >= s.subject.end:
            s.first = t.start if s.first is None else min(s.first, t.start)
    s.last = max(s.last, t.end)
