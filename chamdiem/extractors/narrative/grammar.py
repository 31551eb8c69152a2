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

from chamdiem.lexicon import compiled_patterns
from chamdiem.extractors.narrative.tokens import Token, grammar, remaining_word, subject_marker, subject_markers, tokens
from chamdiem.lexicon.numbering import nesting

__all__ = ["Statement", "Token", "grammar", "statements", "subject_marker", "tokens"]

# what may stand between a subject (or a cue) and its score
_ADJACENT = compiled_patterns.compile(r"^[\s:=\-–(\[]*$")
# what may stand between a verb and its score
_VERB_ADJACENT = compiled_patterns.compile(r"^[\s:=\-–]*$")
# a score joined to the one before it as the next of a list ('… 0,5 điểm ở tiêu chí 4 và 0,5 điểm …')
_COORDINATED = compiled_patterns.compile(r"\s*(?:,\s*[vV]à|,|[vV]à)\s*")
# between a bare number and the maximum that makes it a score ('đạt 9 trên 10 điểm')
_SPACE_COMMA = compiled_patterns.compile(r"[\s,(\[]*")
# what ends the clause of a number written without its unit after a scoring verb
_CLAUSE_END = compiled_patterns.compile(r"\s*(?:[;.,)\]]|$)")
_PUNCTUATION = compiled_patterns.compile(r"[\s,:()\[\]\-–]*")
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
    guessed: set[str] = field(default_factory=set)  # maxima that were a score without a verb before another
    verb_at: int | None = None  # where the verb of a statement without a subject stands
    group: list[Token] = field(default_factory=list)  # more items sharing its values ('tiêu chí 2 và tiêu chí 3')
    voice: Token | None = None  # a scoring verb right before the subject ('hội đồng chấm tiêu chí 7 …')
    # values given relative to the item's maximum, not written ('đạt tối đa', 'bị trừ 1 điểm'): field ->
    # (start, end) of the words, and the (match, group) of the points taken off (None: full marks)
    relative: dict[str, tuple[int, int, tuple[object, str] | None]] = field(default_factory=dict)
    # values after 'lần lượt' for the items it names, in order ('nội dung 1, 2, 3 lần lượt là 4; 2,5 và 3
    # điểm'), and the field they fill
    each: list[tuple[object, str]] = field(default_factory=list)
    each_field: str = "self_score"

    @property
    def given(self) -> bool:
        """The statement gives values, written or relative to the maximum."""
        return bool(self.values or self.relative or self.each)


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
    unit_bonus: bool = False           # the last bonus was one by its unit ('26 điểm thưởng')
    deducting: bool = False            # points taken off were read, and no verb or cue since
    respective: Statement | None = None  # the statement whose items 'lần lượt' gives values in order
    k: int = 0                         # the index of the token being read

    def gap(self, start: int) -> str:
        """The text between the token before and ``start``."""
        return self.text[self.prev.end:start] if self.prev is not None else "?"

    def near(self, statement: Statement | None, pos: int) -> bool:
        """A position close enough to the statement's subject, or to the last value read into it,
        to belong to it (a list of items named with their names is long before its values)."""
        return statement is not None and (self.heading is not None
                                          or pos - max(_anchor(statement), statement.last) <= MAX_REACH)

    def begin(self, statement: Statement) -> None:
        self.cur = statement
        self.out.append(statement)


def statements(text: str, start: int, end: int, heading: Token | None = None, loose: list[Statement] | None = None,
               carry: Statement | None = None, opened: list[Statement] | None = None) -> list[Statement]:
    """The statements of one sentence (or heading line), in order. ``heading`` is the subject
    that opens a heading line: its score may stand anywhere on the line. Statements that found
    no subject go to ``loose`` ('Tự chấm: 8 điểm.' under a heading without points). ``carry``
    is the statement a clause before left open ('… đạt 8 điểm; điểm chuẩn 10 điểm'): values
    without a subject of their own go on to it; ``opened`` receives the statement this sentence
    leaves open, with values or not."""
    toks = tokens(text, start, end)
    if not toks:
        return [Statement(heading)] if heading is not None else []
    reading = Reading(text, end, heading, toks, cur=_going_on(carry, toks))
    if reading.cur is not None and reading.cur.each:
        reading.respective = reading.cur   # ('… lần lượt là 3; 2,5 và 4 điểm': the list goes on after ';')
    for reading.k, token in enumerate(toks):
        if token.kind in _NAME_WORDS and _in_name_gloss(reading, token):
            continue
        if _HANDLERS.get(token.kind, _plain)(reading, token):
            reading.prev = token
    if loose is not None:
        loose += [st for st in reading.subjectless if st.subject is None]
    if opened is not None and reading.cur is not None and reading.cur.subject is not None:
        opened.append(reading.cur)
    return [s for s in reading.out if s.given or heading is not None and s.subject is heading]


def _going_on(carry: Statement | None, toks: list[Token]) -> Statement | None:
    """The statement a clause goes on with: not one without values when the clause names an item
    of its own ('Ở tiêu chí 9 tổ chức …; 9 điểm ở tiêu chí 9')."""
    if carry is not None and not carry.given and any(t.kind == "subject" for t in toks):
        return None
    return carry


def _plain(reading: Reading, token: Token) -> bool:
    """A connective or a deduction: read only as the token before the next one."""
    return True


def _in_name_gloss(reading: Reading, token: Token) -> bool:
    """A cue's or a connective's words inside the item's name written in brackets right after its
    subject, the bracket holding no number ('mục 3.1 (thanh tra, kiểm tra thuộc thẩm quyền) 30/30
    điểm', 'Mục 5 (thẩm định hồ sơ khen thưởng): 10/10'): the words are the name's, not the
    statement's, and the points after the bracket stay next to their subject."""
    prev, cur = reading.prev, reading.cur
    return (prev is not None and prev.kind == "subject" and cur is not None and cur.subject is not None
            and cur.subject.start == prev.start and not cur.given
            and _GLOSS_OPEN.fullmatch(reading.text, prev.end, token.start) is not None
            and _GLOSS_CLOSE.match(reading.text, token.end, min(len(reading.text), token.end + 200)) is not None)


_NAME_WORDS = ("connective", "verb", "bonus", "deduct")
_GLOSS_OPEN = compiled_patterns.compile(r"\s*\([^()\d]{0,200}")
_GLOSS_CLOSE = compiled_patterns.compile(r"[^()\d]*\)")


def _on_subject(reading: Reading, token: Token) -> bool:
    reading.respective = None
    if _deducted_at(reading, token):
        return True
    if reading.heading is not None and token.start == reading.heading.start:
        reading.begin(Statement(reading.heading))
        if token.end > reading.heading.end:
            reading.cur.group.append(token)  # 'Tiêu chí 4 và 5: …': the line's subject names more items
    elif reading.pending is not None and _joined(reading.text[reading.pending.last:token.start]) \
            and not _lists_parts(reading.text, reading.pending.last, token):
        reading.pending.subject = token      # '9 điểm ở tiêu chí 9': the score found its subject
        reading.begin(reading.pending)
        reading.pending = None
    elif _joins_group(reading, token):
        reading.cur.group.append(token)      # 'tiêu chí 2 và tiêu chí 3 đều đạt 10 điểm'
    elif _names_parent(reading, token):
        reading.cur.parent = token           # 'nội dung 2 của tiêu chí 3'
    elif _comma_pair(reading, token):
        pass                       # 'tiêu chí 4, nội dung 2: 3 điểm'
    elif _child_after_label(reading, token) or _next_child(reading, token):
        reading.begin(Statement(token, parent=reading.heading))   # 'Tiêu chí 3 – CCHC: nội dung 3.1: 2đ; …'
    elif (reading.heading is not None and reading.cur is not None and reading.cur.subject is reading.heading
          and not reading.cur.given and not reading.deducting):
        return False               # another item named inside a heading's label (not after its points taken off)
    else:
        reading.begin(Statement(token, voice=_voice(reading, token)))
    reading.fld = reading.last_field = None
    return True


def _deducted_at(reading: Reading, token: Token) -> bool:
    """'… nên trừ 0,5 điểm ở nội dung 3. Tự chấm: 9,5/10 điểm.': the points just taken off were the
    named item's (a statement of its own, relative to its maximum), and the statement read so far
    goes on (narrative.toml, deduction_places)."""
    cur = reading.cur
    prev = next((t for t in reversed(reading.toks[:reading.k]) if t.kind != "connective"), None)
    if not (reading.deducting and cur is not None and prev is not None and prev.kind == "score"
            and grammar(False)["deduction_place"].fullmatch(reading.text, prev.end, token.start)):
        return False
    taken = next((f for f, (_, _, off) in cur.relative.items() if off is not None and off[0] is prev.m), None)
    if taken is None:
        return False
    place = Statement(token, relative={taken: cur.relative.pop(taken)}, first=token.start, last=token.end)
    reading.out.insert(reading.out.index(cur) + 1 if cur in reading.out else len(reading.out), place)
    return True


def _voice(reading: Reading, token: Token) -> Token | None:
    """A scoring verb right before a subject ('hội đồng chấm tiêu chí 7 …'): it names the field
    of the statement's scores."""
    prev = reading.prev
    if prev is None or prev.kind != "verb" or prev.weak or not _VERB_ADJACENT.match(reading.gap(token.start)):
        return None
    return prev


def _joins_group(reading: Reading, token: Token) -> bool:
    """'tiêu chí 2 và tiêu chí 3 …': a subject of the same marker word right after one without
    values, only 'và' or a comma between: both items share what the statement gives."""
    cur = reading.cur
    if cur is None or cur.subject is None or cur.given or cur.subject.kind != "subject":
        return False
    mine, theirs = subject_marker(cur.subject), subject_marker(token)
    return (mine is not None and theirs is not None and mine.word == theirs.word
            and _GROUP_GAP.fullmatch(reading.text, (cur.group or [cur.subject])[-1].end, token.start) is not None)


_GROUP_GAP = compiled_patterns.compile(r"\s*(?:,\s*và|,|và|hoặc)\s*")


def _names_parent(reading: Reading, token: Token) -> bool:
    """'nội dung 2 của tiêu chí 3': a subject of another marker word, joined by a connective to the
    subject just read, is its parent."""
    cur = reading.cur
    if (cur is None or cur.subject is None or cur.values or cur.relative or cur.parent is not None
            or cur.subject.kind not in ("subject", "remaining")):
        return False
    mine, theirs = _word_of(cur.subject), subject_marker(token)
    if mine is None or theirs is None or mine == theirs.word:
        return False
    gap = reading.text[cur.subject.end:token.start]
    return grammar(False)["connective"].search(gap) is not None and _joined(gap)


def _word_of(token: Token) -> str | None:
    """The marker word (folded) a subject or a token of the remaining names."""
    if token.kind == "remaining":
        return remaining_word(token)
    marker = subject_marker(token)
    return marker.word if marker is not None else None


def _on_remaining(reading: Reading, token: Token) -> bool:
    """'các nội dung còn lại': a statement of the items of a level that nothing else scores; inside
    a heading's line of an outer marker word, the heading's items."""
    statement = Statement(token)
    heading = reading.heading
    mine, theirs = remaining_word(token), _word_of(heading) if heading is not None else None
    if mine is not None and theirs is not None and nesting(mine) > nesting(theirs):
        statement.parent = heading
    reading.begin(statement)
    reading.fld = reading.last_field = None
    return True


def _comma_pair(reading: Reading, token: Token) -> bool:
    """'tiêu chí 4, nội dung 2', 'nội dung 2, tiêu chí 7': subjects of two marker words written
    one after the other, only a comma or a dash between, the first without values: one item and
    its parent, the outer marker word (numbering.toml, nesting) the parent. The first written is
    the parent when the nesting does not say."""
    cur = reading.cur
    if cur is None or cur.subject is None or cur.given or cur.parent is not None or cur.subject.kind != "subject":
        return False
    mine, theirs = subject_marker(cur.subject), subject_marker(token)
    if (mine is None or theirs is None or mine.word == theirs.word
            or _CHILD_GAP.fullmatch(reading.text, cur.subject.end, token.start) is None):
        return False
    if nesting(theirs.word) < nesting(mine.word):
        cur.parent = token
    else:
        reading.begin(Statement(token, parent=cur.subject))
    return True


_CHILD_GAP = compiled_patterns.compile(r"\s*[,\-–]\s*")


def _next_child(reading: Reading, token: Token) -> bool:
    """'… Nội dung 1 đạt 5 điểm, nội dung 2 đạt 4 điểm': after a child of the heading that has its
    points, another item of its marker word is the heading's next child."""
    cur = reading.cur
    if reading.heading is None or cur is None or cur.parent is not reading.heading or not cur.given:
        return False
    mine, theirs = subject_marker(cur.subject), subject_marker(token)
    return mine is not None and theirs is not None and mine.word == theirs.word


def _child_after_label(reading: Reading, token: Token) -> bool:
    """A subject of an inner marker word (numbering.toml, nesting) right after the colon that ends
    a heading's label, the heading without values: the heading's child states its points."""
    cur, heading = reading.cur, reading.heading
    if heading is None or cur is None or cur.subject is not heading or cur.given:
        return False
    mine, theirs = subject_marker(heading), subject_marker(token)
    # (right after the label's colon, or in a later sentence of the heading's line: '- Tiêu chí 9 (…):
    # … viên chức. Nội dung 1 đạt 5 điểm, …', '… Ý kiến của Công đoàn: đề nghị chấm nội dung 2 đạt 1 điểm')
    gap = reading.text[heading.end:token.start]
    return (mine is not None and theirs is not None and nesting(theirs.word) > nesting(mine.word)
            and (gap.rstrip()[-1:] in (":", ".") or _SENTENCE_BREAK.search(gap) is not None))


_SENTENCE_BREAK = compiled_patterns.compile(r"[.!?]\s+\p{Lu}")


def _on_total(reading: Reading, token: Token) -> bool:
    reading.deducting = False
    cur = reading.cur
    if token.field == "whole" and (cur is not None and not cur.given
                                   or any(t.kind == "subject" for t in reading.toks[:reading.k])):
        return True      # 'tiêu chí 10 gồm 4 nội dung, …', 'tổng điểm của 10 tiêu chí': nothing new
    if cur is not None and cur.subject is not None and cur.subject.kind == "subject" and (
            not cur.given or token.weak and (_only_maxima(cur) and reading.near(cur, token.start)
                                             or cur.subject is reading.heading)):
        # 'tiêu chí 3 tự chấm điểm đạt …', '… mục 8, mỗi mục có thang điểm 20, Sở tự chấm đạt …', and on
        # an item's own line ('- Nội dung 1 (4 điểm): … Tự chấm đạt tối đa 4 điểm.'): a verb here
        reading.fld = "self_score"
        _open(cur, token)
    else:
        reading.begin(Statement(token))
        reading.fld = None
    return True


def _only_maxima(statement: Statement) -> bool:
    """The statement gives what its items are worth, and no score yet."""
    return not statement.relative and not set(statement.values) - {"max_points", "bonus_max"}


def _on_each(reading: Reading, token: Token) -> bool:
    """'mỗi nội dung …': after the items it names ('nội dung 2 và 4, mỗi nội dung đạt …') the values
    are theirs; otherwise they are each one's of items not named, and no item's here."""
    cur = reading.cur
    if cur is not None and cur.subject is not None and cur.subject.kind == "subject" and (
            not cur.given or cur.group or len(subject_markers(cur.subject)) > 1):
        # (after the items it names, with their values or not: '… và 8, mỗi mục 20/20 điểm và mỗi mục
        # 01 điểm thưởng')
        mine = subject_marker(cur.subject)
        if mine is not None and mine.word == remaining_word(token):
            return True
    if (cur is not None and cur.subject is not None and cur.subject.kind == "each"
            and remaining_word(cur.subject) == remaining_word(token)):
        return True        # 'cả năm tiêu chí này đều đạt tối đa, mỗi tiêu chí 10/10 điểm': one statement
    reading.begin(Statement(token))
    reading.fld = reading.last_field = None
    return True


def _on_verb(reading: Reading, token: Token) -> bool:
    if _qualifies_points(reading, token):
        holder = reading.pending if reading.pending is not None else reading.cur
        if holder is not None:     # 'Với 8,5/10 điểm tự chấm, tiêu chí 1 được đánh giá …'
            holder.last = max(holder.last, token.end)
        return False
    reading.deducting = False
    if token.sums and reading.heading is not None and reading.cur is not None and reading.cur.parent is reading.heading:
        # '… nội dung 2 đạt 5 điểm; cộng 10 điểm': the heading's item sums its contents
        reading.cur = next((s for s in reading.out if s.subject is reading.heading), reading.cur)
    if token.kind == "bonus" and _names_the_item(reading, token):
        return False               # 'Tiêu chí 10: Thực hiện chế độ báo cáo; điểm thưởng: 9 điểm'
    if token.kind == "bonus" and _TOPIC.match(reading.text, token.end):
        reading.topic = token.field          # 'Điểm thưởng: đơn vị tự chấm 2 điểm'
    if reading.topic and token.field == "self_score":
        reading.fld = reading.topic
    elif token.field == "self_score" and _after_bonus_max(reading, token):
        reading.fld = "bonus_self"           # 'điểm thưởng tối đa 2, tự chấm 2 điểm'

    elif not (reading.prev is not None and reading.prev.kind in _LEADS and reading.fld not in (None, "self_score")
              and _leads_to(reading, token)):
        # right after 'điểm thưởng' or 'hội đồng thẩm định', 'chấm' keeps its field
        reading.fld = token.field
    return True


def _after_bonus_max(reading: Reading, token: Token) -> bool:
    """The verb comes right after the bonus's maximum, a comma between ('điểm thưởng tối đa 2, tự
    chấm 2 điểm'): it scores the bonus."""
    k = reading.k
    cur = reading.cur if reading.cur is not None else reading.pending
    return (k >= 2 and reading.toks[k - 1].kind == "max" and reading.toks[k - 2].kind == "bonus"
            and cur is not None and cur.values.get("bonus_max", (None,))[0] is reading.toks[k - 1].m
            and _MAX_THEN_VERB.fullmatch(reading.text, reading.toks[k - 1].end, token.start) is not None)


_MAX_THEN_VERB = compiled_patterns.compile(r"\s*(?:điểm\s*)?,\s*(?:[^\W\d]+\s+){0,3}")   # (who scores may stand between: "đơn vị")


def _qualifies_points(reading: Reading, token: Token) -> bool:
    """A scoring verb right after points, with no points after it in the clause, says whose they
    are ('8,5/10 điểm tự chấm'), like their unit: it opens nothing."""
    prev = reading.prev
    if prev is None or prev.kind not in ("score", "ratio") or token.kind != "verb" \
            or reading.text[prev.end:token.start].strip():
        return False
    after = next((t for t in reading.toks[reading.k + 1:] if t.kind != "connective"), None)
    return after is None or after.kind not in ("score", "ratio", "bare", "max")


def _leads_to(reading: Reading, token: Token) -> bool:
    """The cue before names the field of the verb: right before it, or a bonus's words with only
    who scores it between ('Điểm thưởng đơn vị tự chấm: 1 điểm')."""
    gap = reading.gap(token.start)
    return (_VERB_ADJACENT.match(gap) is not None
            or reading.prev.kind == "bonus" and _SCORER_BETWEEN.fullmatch(gap) is not None)


# a few words without numbers or clause marks: who scores ('đơn vị', 'Sở', 'cơ quan')
_SCORER_BETWEEN = compiled_patterns.compile(r"\s+(?:[^\W\d]+\s+){1,3}")


def _names_the_item(reading: Reading, token: Token) -> bool:
    """Words of an item's own name, not a cue: the words stand in the name written after the
    subject (a capitalised title, or several words) before any value of the statement."""
    cur = reading.cur
    if cur is None or cur.subject is None or cur.subject.kind != "subject" or cur.given:
        return False
    words = _WORD.findall(reading.text, cur.subject.end, token.start)
    return len(words) >= NAME_WORDS or any(w[0].isupper() for w in words)


_WORD = compiled_patterns.compile(r"\p{L}+")
_TOPIC = compiled_patterns.compile(r"\s*:")
NAME_WORDS = 4   # words between a subject and a cue that make them the item's name


def _on_max(reading: Reading, token: Token) -> bool:
    if token.field == "unwritten":
        return _on_full_marks_unwritten(reading, token)
    target = reading.cur if reading.cur is not None else reading.pending
    if target is None:
        # 'Đạt tối đa 10 điểm.' naming no item: full marks hold their own verb, a statement that
        # waits for its subject like any verb-led score (the heading above, or the framework decides);
        # a maximum alone ('Thang điểm 3 điểm, đơn vị tự trừ 0,5 điểm') waits for what is said of it
        target = _waiting(reading, False)
        target.verb_at = token.start
    if target is not None and reading.near(target, token.start):
        name = "bonus_max" if _max_is_bonus(reading, token, target) else "max_points"
        if token.full:   # ('Nội dung 1 (4 điểm): … đạt tối đa 4 điểm': the points in brackets were the maximum)
            _bare_was_max(reading, target, CAPS_OF[name])
        target.values.setdefault(name, (token.m, "n"))
        if token.full:                 # 'đạt điểm tối đa 10 điểm': the maximum reached
            target.values.setdefault(CAPS_OF[name], (token.m, "n"))
        _open(target, token)
    return True


def _on_full_marks_unwritten(reading: Reading, token: Token) -> bool:
    """'Tiêu chí 8 và tiêu chí 9 đạt tối đa.': full marks without their number, a value relative to
    the item's maximum (0 below it); naming no item, a statement that waits for its subject like
    'Đạt tối đa 10 điểm.'. A score the statement states wins (scores._values)."""
    target = reading.cur if reading.cur is not None else reading.pending
    if target is None:
        target = _waiting(reading, False)
        target.verb_at = token.start
    if reading.near(target, token.start):
        field = _relative_field(reading)
        if field in CAPS:   # ('- Nội dung 2 (3 điểm): … Đạt điểm tối đa.': the points in brackets were the maximum)
            _bare_was_max(reading, target, field)
        target.relative.setdefault(field, (token.start, token.end, None))
        _open(target, token)
    return True


def _relative_field(reading: Reading) -> str:
    """The field of a value relative to the maximum: the authority's after its verb ('cơ quan có
    thẩm quyền chấm … đạt tối đa'), else the self score."""
    return "authority_score" if reading.fld == "authority_score" else "self_score"


def _taken_off(reading: Reading, deduct: Token, token: Token) -> None:
    """'tiêu chí 10 bị trừ 1 điểm do chậm báo cáo': points taken off the item's statement, the score
    left not written: a value relative to the item's maximum. Not a rule ('mỗi văn bản chậm trừ 0,5
    điểm', narrative.toml [[rules]]), nor points without their unit; a score the statement states
    wins ('tự chấm 9 điểm (trừ 1 điểm)', scores._values)."""
    cur = reading.cur
    waiting = reading.pending
    if cur is None and token.kind == "score" and reading.heading is None \
            and (waiting is None or not waiting.values.keys() - {"max_points", "bonus_max"}):
        # naming no item ('Thang điểm 3 điểm, đơn vị tự trừ 0,5 điểm.'): the statement waits for its
        # subject, the points taken off its verb (the heading above, or the framework decides); not a
        # rule ('Mỗi văn bản chậm bị trừ 0,5 điểm.')
        opened = max(reading.text.rfind(c, 0, deduct.start) for c in ".;!?\n") + 1
        if grammar(False)["rule"].search(reading.text, opened, deduct.start) is not None:
            return
        cur = waiting if waiting is not None else _waiting(reading, False)
        cur.verb_at = deduct.start
    elif (token.kind != "score" or cur is None or cur.subject is None or cur.subject.kind not in ("subject", "remaining")
            or not reading.near(cur, token.start)):
        return
    if grammar(False)["rule"].search(reading.text, _anchor(cur), deduct.start) is not None:
        return
    cur.relative.setdefault(_relative_field(reading), (deduct.start, token.end, (token.m, "self")))
    _open(cur, deduct)
    _open(cur, token)


def _max_is_bonus(reading: Reading, token: Token, target: Statement) -> bool:
    """A maximum after a bonus score, or right after the bonus cue, is the bonus's maximum; one
    with the bonus's unit is ('tối đa 50 điểm thưởng'), one without it is not after a bonus by its
    unit ('935 điểm + 45 điểm thưởng (tối đa 950 điểm …)') unless the statement has its maximum
    already ('20/20 điểm và 01 điểm thưởng (tối đa 01 điểm)')."""
    if grammar(False)["bonus_unit"].match(reading.text, token.end, reading.hi):
        return True
    if (reading.fld == "bonus_self" and reading.prev is not None and reading.prev.kind in _LEADS
            and _VERB_ADJACENT.match(reading.gap(token.start))):
        return True                # '(60 điểm, thưởng tối đa 2 điểm)': right after the cue, whatever came before
    return reading.last_field == "bonus_self" and (not reading.unit_bonus or "max_points" in target.values)


def _on_respectively(reading: Reading, token: Token) -> bool:
    """'lần lượt (là)' after several items named together: the values after it are theirs, in order."""
    cur = reading.cur
    if cur is not None and cur.subject is not None and cur.subject.kind == "subject" \
            and len(subject_markers(cur.subject)) + len(more_items(cur)) >= 2:
        reading.respective = cur
        cur.each_field = reading.fld or "self_score"
    return True


def more_items(statement: Statement) -> list[tuple[Token, object]]:
    """The other items a statement names, each to get its values ('tiêu chí 4 và 5 đạt 9 điểm',
    'nội dung 1 và nội dung 2 đều …'), with the subject token that names it."""
    out = []
    for token in statement.group:
        markers = subject_markers(token)
        out += [(token, m) for m in (markers[1:] if token.start == statement.subject.start else markers)]
    return out


def _respective_value(reading: Reading, token: Token) -> bool:
    """A value of the list after 'lần lượt': joined to the one before by a separator only."""
    held = reading.respective
    if held is None or not reading.near(held, token.start):
        return False
    if reading.prev is None and reading.k == 0:   # the first value of the clause after ';'
        pass
    elif reading.prev is None or reading.prev.kind not in ("respectively", "score", "bare", "ratio", "verb") \
            or _LIST_GAP.fullmatch(reading.text, reading.prev.end, token.start) is None:
        reading.respective = None
        return False
    held.each.append((token.m, "self"))
    _open(held, token)
    return True


_LIST_GAP = compiled_patterns.compile(r"\s*(?:[,;:]|và|,\s*và|là)?\s*")


def _on_score(reading: Reading, token: Token) -> bool:
    if _respective_value(reading, token):
        return True
    gap = reading.gap(token.start)
    prev = reading.prev
    if prev is not None and prev.kind == "deduct" and _VERB_ADJACENT.match(gap):
        reading.deducting = True
        _taken_off(reading, prev, token)   # 'bị trừ 1 điểm': points taken off, no score
        return True
    if reading.deducting and _COORDINATED.fullmatch(gap):
        return True                # '… giảm 0,5 điểm ở tiêu chí 4 và 0,5 điểm ở tiêu chí 10': taken off too
    adjacent = prev is not None and (prev.kind in ("subject", "total") and (_ADJACENT.match(gap) is not None
                                                                          or _GLOSS_GAP.fullmatch(gap) is not None)
                                     or prev.kind in _LEADS and (_VERB_ADJACENT.match(gap) is not None
                                                                 or _bracketed_alone(reading, token, gap)))
    if _is_score(reading, token, adjacent):
        _place(reading, token, adjacent)
    return True


def _counts_things(reading: Reading, token: Token) -> bool:
    """'đạt 14/15 chỉ tiêu', 'giải quyết 23/23 đơn': a ratio before a word of its own (no cue of the
    grammar, no reason) counts things; it is no score."""
    after = _WORD_AFTER.match(reading.text, token.end, reading.hi)
    if after is None:
        return False
    nxt = reading.toks[reading.k + 1] if reading.k + 1 < len(reading.toks) else None
    return not (nxt is not None and nxt.start == after.end() and nxt.kind in _CUES) \
        and grammar(False)["reason_after"].match(reading.text, token.end, reading.hi) is None


_WORD_AFTER = compiled_patterns.compile(r"[ \t]+(?=\p{Ll})")
_CUES = ("verb", "bonus", "connective", "deduct", "max", "total")


def _bracketed_alone(reading: Reading, token: Token, gap: str) -> bool:
    """Points out of their maximum stand alone in a bracket right after the cue ('không chấm điểm
    thưởng (0/1)'); points alone in a bracket after a name are its maximum ('…; điểm thưởng (10 điểm)')."""
    return (_with_max(token) and _OPENS_BRACKET.fullmatch(gap) is not None
            and _BRACKET_CLOSES.match(reading.text, token.end) is not None)


def _with_max(token: Token) -> bool:
    """'0/1', '9/10 điểm': the number is written with its maximum."""
    return token.kind == "ratio" or "max" in token.m.re.groupindex and token.m.group("max") is not None


# a number that may be points, not a year or a count of thousands
_SCORE_SIZED = compiled_patterns.compile(r"\d{1,3}(?:[.,]\d{1,2})?")
_OPENS_BRACKET = compiled_patterns.compile(r"\s*[(\[]\s*")


def _is_score(reading: Reading, token: Token, adjacent: bool) -> bool:
    """Whether a number read as a score token is one in its place."""
    if _bonus_beside_max(reading, token):
        return True
    if token.kind == "bare" and _after_label(reading, token):
        # 'Kết quả chấm của đơn vị: 81 trên tổng số 100 điểm', 'Điểm tự chấm: 8.' (the number ends the clause)
        return _max_follows(reading, token) or (reading.prev.kind == "total" and _SCORE_SIZED.fullmatch(token.m.group(0))
                                                 and _CLAUSE_END.match(reading.text, token.end, reading.hi) is not None)
    if token.kind == "bare":   # 'đạt 9 trên 10 điểm', 'tự chấm: 2,5 (*).', 'điểm tự chấm: 9;'
        return adjacent and (reading.prev.kind in _LEADS and _max_follows(reading, token)
                             or grammar(False)["note_end"].match(reading.text, token.end, reading.hi) is not None
                             or (_scoring_verb_before(reading) or reading.prev.kind == "bonus")
                             and _CLAUSE_END.match(reading.text, token.end, reading.hi) is not None)
    if token.kind == "ratio" and (not adjacent or _counts_things(reading, token)):
        return False
    # '5 điểm cầu': a count of places, not a score; in words ('là một điểm sáng') even after a verb
    ends = (grammar(False)["score_end"].match(reading.text, token.end, reading.hi) is not None
            or grammar(False)["bonus_unit"].match(reading.text, token.end, reading.hi) is not None
            or _subject_follows(reading.toks, reading.k, reading.text) or _points_follow(reading, token)
            or _qualified_before_subject(reading, token))
    if not token.m.group("self")[:1].isdigit():
        return ends or _max_follows(reading, token)
    return adjacent or ends or _max_follows(reading, token)   # '… 924 điểm trên thang điểm 950'


def _qualified_before_subject(reading: Reading, token: Token) -> bool:
    """Points whose scoring verb follows them, then their subject ('Với 8,5/10 điểm tự chấm, tiêu
    chí 1 …')."""
    k = reading.k + 1
    if k >= len(reading.toks) or reading.toks[k].kind != "verb" or reading.text[token.end:reading.toks[k].start].strip():
        return False
    return _subject_follows(reading.toks, k, reading.text)


def _bonus_beside_max(reading: Reading, token: Token) -> bool:
    """'(điểm chuẩn 400, thưởng 20)', 'Điểm chuẩn 650 điểm, điểm thưởng 30 điểm.': a number right
    after a bonus cue that follows the item's maximum in the same bracket or clause of maxima is the
    bonus's maximum (not points out of their own maximum: 'điểm chuẩn 20, thưởng 1/2')."""
    k, toks = reading.k, reading.toks
    if token.kind not in ("bare", "score") or _with_max(token) or k < 2 or toks[k - 1].kind != "bonus" \
            or not (toks[k - 2].kind == "max" or toks[k - 2].kind == "score" and reading.heading is None
                    and _in_one_bracket(reading, toks[k - 2], token)):
        return False
    # (in the maximum's bracket, or in a clause of maxima without their unit: 'điểm chuẩn 400, điểm
    # thưởng 20; Sở tự chấm 395 điểm …')
    closes = _BRACKET_CLOSES.match(reading.text, token.end) if _bracketed(reading.text, token.start) \
        else _CLAUSE_END.match(reading.text, token.end, reading.hi)
    return (_VERB_ADJACENT.match(reading.text[toks[k - 1].end:token.start]) is not None
            and _MAX_THEN_BONUS.fullmatch(reading.text, toks[k - 2].end, toks[k - 1].start) is not None
            and closes is not None)


def _in_one_bracket(reading: Reading, first: Token, token: Token) -> bool:
    """Both numbers in one bracket, the first right after its opening ('1. Công tác quản lý … (400
    điểm, thưởng 20 điểm): tự chấm …': what the item and its bonus are worth). (On a heading's line
    the framework decides what the heading's points are: normalizers/heading_points.)"""
    text = reading.text
    return _OPENS_BRACKET.fullmatch(text[text.rfind("(", 0, first.start):first.start] or "x") is not None \
        and not any(c in text[first.end:token.start] for c in "()")


_MAX_THEN_BONUS = compiled_patterns.compile(r"\s*(?:[,;]|và|,\s*và)\s*(?:điểm\s+)?")


def _points_follow(reading: Reading, token: Token) -> bool:
    """More points joined to these by 'và' or a comma ('19 điểm và 2 điểm thưởng'): a list of
    points, not points of something ('5 điểm cầu')."""
    after = next((t for t in reading.toks[reading.k + 1:] if t.kind != "connective"), None)
    return (after is not None and after.kind in ("score", "max")
            and _COORDINATED.fullmatch(reading.text, token.end, after.start) is not None)


def _after_label(reading: Reading, token: Token) -> bool:
    """A number right after the colon that ends a subject's or a total cue's label, in its clause."""
    prev = next((t for t in reversed(reading.toks[:reading.k]) if t.kind != "connective"), None)
    return (prev is not None and prev.kind in ("subject", "total") and reading.near(reading.cur, token.start)
            and _LABEL_GAP.fullmatch(reading.text, prev.end, token.start) is not None)


_LABEL_GAP = compiled_patterns.compile(r"[^\d;.:]{0,60}:\s*")
# an item's name in brackets between it and its points ('mục 3.1 (thanh tra, kiểm tra) 30/30 điểm')
_GLOSS_GAP = compiled_patterns.compile(r"\s*\([^()\d]{1,200}\)\s*:?\s*")


def _scoring_verb_before(reading: Reading) -> bool:
    """A scoring verb right before the number, or before the subject right before it ('điểm tự
    chấm tiêu chí 5 = 8,5')."""
    if reading.prev.kind == "subject":
        cur = reading.cur
        return cur is not None and cur.subject is reading.prev and cur.voice is not None and cur.voice.bare_number
    return reading.prev.bare_number


def _max_follows(reading: Reading, token: Token) -> bool:
    nxt = reading.toks[reading.k + 1] if reading.k + 1 < len(reading.toks) else None
    return (nxt is not None and nxt.kind == "max"
            and _SPACE_COMMA.fullmatch(reading.text[token.end:nxt.start]) is not None)


def _place(reading: Reading, token: Token, adjacent: bool) -> None:
    """A score goes to the statement being read, or opens one that waits for its subject."""
    verb_led = reading.prev is not None and reading.prev.kind in _LEADS and adjacent
    # a statement naming no item yet is the one read on ('a) Ban hành quy chế (4 điểm): tự chấm 4 điểm')
    holder = reading.cur if reading.cur is not None else reading.pending
    near = _near_holder(reading, holder, token)
    name = reading.last_field = _field(reading, token, verb_led, near and holder is reading.cur)
    if near and name in CAPS:
        _bare_was_max(reading, holder, name)
    if near and verb_led and holder is reading.cur:
        _parts_stated(reading, holder, name, token)
    target = holder if near and name not in holder.values else _still_waiting(reading, token, name, verb_led)
    target.values[name] = (token.m, "self")
    if not verb_led:
        target.bare.add(name)
        if target.subject is None and target.verb_at is None and _stated_after_colon(reading, token):
            target.verb_at = token.start   # '…; không để xảy ra mất an ninh: 50/50 điểm': the colon states it
    else:
        _open(target, reading.prev)
        if target.subject is None and target.verb_at is None:
            target.verb_at = reading.prev.start
    if "max" in token.m.re.groupindex and token.m.group("max") is not None:
        target.values.setdefault("bonus_max" if name == "bonus_self" else "max_points", (token.m, "max"))
    _open(target, token)
    unit = grammar(False)["bonus_unit"].match(reading.text, token.end, reading.hi) if reading.unit_bonus else None
    if unit is not None:   # ('20 điểm và 2 điểm thưởng cho tiêu chí 1': the unit's word is the points')
        target.last = max(target.last, unit.end())


def _parts_stated(reading: Reading, holder: Statement, name: str, token: Token) -> None:
    """A score its verb states replaces points written before it without one that were parts: in
    brackets ('… (20 điểm), … (15 điểm); cộng 35/40 điểm'), or any before a sum's verb ('…: 5 điểm;
    …: 0 điểm; …: 1 điểm. Cộng 6 điểm.', where the first part is no maximum either)."""
    sums = reading.prev.sums
    if sums and name in CAPS and CAPS[name] in holder.guessed:
        del holder.values[CAPS[name]]
        holder.guessed.discard(CAPS[name])
    if name in holder.bare and (sums or _parts_before(reading, holder, name, token)):
        del holder.values[name]
        holder.bare.discard(name)


def _parts_before(reading: Reading, statement: Statement, name: str, token: Token) -> bool:
    """The statement's points written without a verb stand in brackets, a part's glossed ('Công đoàn
    … (20 điểm)'), and the points its verb states now do not: those are the statement's. Points in
    brackets after the statement's are an aside ('89/100 điểm (năm 2022 đạt 86 điểm)')."""
    match, group = statement.values[name]
    return _bracketed(reading.text, match.start(group)) and not _bracketed(reading.text, token.start)


def _bracketed(text: str, pos: int) -> bool:
    opened = max(text.rfind("(", 0, pos), text.rfind("[", 0, pos))
    return opened >= 0 and not any(c in text[opened:pos] for c in ")]")


def _stated_after_colon(reading: Reading, token: Token) -> bool:
    """Points with their maximum right after a colon ('…: 50/50 điểm'), or alone in the brackets
    that close their clause ('… đúng quy định (2,5/3 điểm).'), are stated as a verb states them; a
    bare number after a colon ('Năm 2022: 45 điểm') is not, nor one in brackets ('(3 điểm)')."""
    if "max" not in token.m.re.groupindex or token.m.group("max") is None:
        return False
    return (_AFTER_COLON.search(reading.text, max(0, token.start - 4), token.start) is not None
            or _BRACKET_OPENS.search(reading.text, max(0, token.start - 4), token.start) is not None
            and _BRACKET_ENDS_CLAUSE.match(reading.text, token.end, reading.hi) is not None)


_AFTER_COLON = compiled_patterns.compile(r":\s*$")
_BRACKET_OPENS = compiled_patterns.compile(r"[(\[]\s*$")
_BRACKET_ENDS_CLAUSE = compiled_patterns.compile(r"\s*[)\]]\s*(?:[.;,:]|$)")


def _field(reading: Reading, token: Token, verb_led: bool, near: bool) -> str:
    """The field a score fills: a bonus when its unit says so ('26 điểm thưởng'; after a maximum,
    'tối đa 950 điểm + 50 điểm thưởng', the bonus's maximum); the one its verb names, right before
    it; after a weak verb the statement's voice ('hội đồng chấm tiêu chí 7 được 8 điểm'); else the
    self score."""
    reading.unit_bonus = grammar(False)["bonus_unit"].match(reading.text, token.end, reading.hi) is not None
    if reading.unit_bonus:   # (points out of their own maximum are no maximum: '(tối đa 50) và 1/2 điểm thưởng')
        after_max = reading.prev is not None and reading.prev.kind == "max"
        return "bonus_max" if after_max and token.m.groupdict().get("max") is None else "bonus_self"
    if near and verb_led and reading.prev.weak and reading.cur.voice:
        return reading.cur.voice.field
    if not verb_led and _whole_worth(reading, token):
        return "max_points"
    if _bonus_beside_max(reading, token):
        return "bonus_max"
    return reading.fld if reading.fld and verb_led else "self_score"


def _whole_worth(reading: Reading, token: Token) -> bool:
    """Points in brackets right after words naming every item, with no verb ('… tự rà soát 10 tiêu
    chí (100 điểm)'): what the items together are worth, not a score."""
    cur, prev = reading.cur, reading.prev
    return (cur is not None and cur.subject is not None and cur.subject.kind == "total"
            and cur.subject.field == "whole" and prev is cur.subject and _bracketed(reading.text, token.start))


def _still_waiting(reading: Reading, token: Token, name: str, verb_led: bool) -> Statement:
    """The statement waiting for its subject that these points join, points of another field
    coordinated with its own ('…; 20 điểm và 2 điểm thưởng cho tiêu chí 2'); else a new one."""
    pending = reading.pending
    if (pending is not None and pending is not reading.cur and name not in pending.values and pending.values
            and _COORDINATED.fullmatch(reading.text, pending.last, token.start) is not None):
        return pending
    return _waiting(reading, verb_led)


def _waiting(reading: Reading, verb_led: bool) -> Statement:
    """A new statement for a score whose subject is still to come ('9 điểm ở tiêu chí 9')."""
    reading.pending = target = Statement(None)
    if verb_led:
        target.verb_at = reading.prev.start
    reading.subjectless.append(target)
    return target


# each score and its maximum (a score written without a verb may turn out to be the maximum)
CAPS = {"self_score": "max_points", "bonus_self": "bonus_max"}
CAPS_OF = {cap: name for name, cap in CAPS.items()}


def _bare_was_max(reading: Reading, statement: Statement, name: str) -> None:
    """'Tiêu chí 2 (10 điểm): tự chấm 9 điểm', 'Tiêu chí 8 (10đ): 9đ': the points written first,
    without a verb, were the maximum; so were the points given again that the parenthesis right
    after the subject held ('Nội dung 1 (650 điểm, điểm thưởng 30 điểm): …, điểm thưởng 25 điểm')."""
    cap = CAPS[name]
    if name not in statement.values or cap in statement.values:
        return
    match, group = statement.values[name]
    glossed = _in_gloss(reading.text, statement, match.start(group))
    if name in statement.bare or glossed:
        statement.values[cap] = statement.values.pop(name)
        statement.bare.discard(name)
        if not glossed:
            statement.guessed.add(cap)


def _in_gloss(text: str, statement: Statement, pos: int) -> bool:
    """``pos`` stands inside a parenthesis that opens right after the statement's subject."""
    if statement.subject is None:
        return False
    named = (statement.group or [statement.subject])[-1].end   # ('Mục 3 và mục 4 (mỗi mục 10 điểm, …)')
    opening = text.find("(", named, pos)
    if opening < 0 or ")" in text[opening:pos]:
        return False
    if not text[named:opening].strip():
        return True
    # (or closing the item's name before its statement: 'Nội dung 1 - Thi đua … (650 điểm, thưởng 30
    # điểm): tự chấm 650 điểm, điểm thưởng 28 điểm')
    closing = text.find(")", pos)
    return text.rfind("(", named, pos) == opening and closing >= 0 and _LABEL_ENDS.match(text, closing + 1) is not None


_LABEL_ENDS = compiled_patterns.compile(r"\s*:")


def _on_worded(reading: Reading, token: Token) -> bool:
    """'Tiêu chí 2 - …: … nên nội dung phòng, chống tham nhũng chỉ đạt 2/3 điểm.': on a heading's line,
    before the heading's item has points, an item of an inner marker word named by its words: the
    points that follow are that item's, which the words alone do not place (not the heading's)."""
    cur, heading = reading.cur, reading.heading
    if heading is None or cur is None or cur.subject is not heading or cur.given:
        return True
    mine = subject_marker(heading)
    if mine is None or nesting(remaining_word(token) or "") <= nesting(mine.word):
        return True
    reading.begin(Statement(token))
    return True


_HANDLERS = {"respectively": _on_respectively, "worded": _on_worded, "remaining": _on_remaining, "subject": _on_subject, "total": _on_total, "each": _on_each, "verb": _on_verb, "bonus": _on_verb,
             "max": _on_max, "score": _on_score, "ratio": _on_score, "bare": _on_score}


def _lists_parts(text: str, score_end: int, subject: Token) -> bool:
    """A bracket opens between a score and an item named in it that the bracket does not close on
    ('10/10 điểm (nội dung 1: 5 điểm, …)'): the bracket lists the score's parts, and the item is
    the first of them, not the score's subject ('đạt 9 điểm (tiêu chí 9)' names it)."""
    return "(" in text[score_end:subject.start] and _BRACKET_CLOSES.match(text, subject.end) is None


_BRACKET_CLOSES = compiled_patterns.compile(r"\s*\)")


def _joined(gap: str) -> bool:
    """Only punctuation and connective words between a score and a subject written after it."""
    stripped = grammar(False)["connective"].sub(" ", gap)
    return len(gap) <= 40 and _PUNCTUATION.fullmatch(stripped) is not None


def _near_holder(reading: Reading, holder: Statement | None, token: Token) -> bool:
    """The points are near enough to the statement being read to be its own, and not joined by a
    connective to the item after them ('4 điểm cho nội dung 1, 3 điểm cho nội dung 2': the 3 are
    the second content's, not more of the first's)."""
    return reading.near(holder, token.start) and not (holder is reading.cur and holder.given
                                                      and _for_subject_after(reading, token))


def _for_subject_after(reading: Reading, token: Token) -> bool:
    """A connective, then a subject, right after the points ('3 điểm cho nội dung 2')."""
    toks, k = reading.toks, reading.k
    return (k + 2 < len(toks) and toks[k + 1].kind == "connective" and toks[k + 2].kind == "subject"
            and _joined(reading.text[token.end:toks[k + 2].start]))


def _subject_follows(toks: list[Token], k: int, text: str) -> bool:
    for token in toks[k + 1:]:
        if token.kind == "connective":
            continue
        return token.kind == "subject" and _joined(text[toks[k].end:token.start])
    return False


def _anchor(statement: Statement) -> int:
    """Where a statement's reach is measured from: its subject, else its first words or its verb
    (a statement without a subject far into a paragraph is near its own words, not the paragraph's start)."""
    if statement.subject is not None:
        return statement.subject.end
    if statement.first is not None:
        return statement.first
    return statement.verb_at or 0


def _open(statement: Statement, token: Token) -> None:
    """The statement's own words reach from ``token`` (when it stands after the subject)."""
    if statement.first is None or token.start < statement.first:
        if statement.subject is None or token.start >= statement.subject.end:
            statement.first = token.start if statement.first is None else min(statement.first, token.start)
    statement.last = max(statement.last, token.end)
