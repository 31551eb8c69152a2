"""The grammar of score statements in prose (its words in catalogs/narrative.toml):

    statement = SUBJECT [VERB] SCORE [MAXIMUM]              subject before the score
              | [VERB] SCORE [MAXIMUM] CONNECTIVE SUBJECT   subject after it
              | TOTAL_CUE [VERB] SCORE [MAXIMUM]            the whole sheet

A sentence is cut into tokens (subjects, verbs, scores, maxima, cues, connectives; the longest
wins where they overlap), and the tokens are read left to right into statements. The extractor
(narrative_scores.py) turns statements into observations."""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

import regex

from chamdiem.lexicon.catalogs import catalog
from chamdiem.lexicon.numbering import Marker, parse_marker

_BARE = r"\d{1,4}(?:[.,]\d{1,2})?(?![\d])"
_NUM = r"(?<![\d.,/])" + _BARE
# what may stand between a verb (or a subject) and its score
_ADJACENT = regex.compile(r"^[\s:=\-–(]*$")
_VERB_ADJACENT = regex.compile(r"^[\s:=\-–]*$")
# what may follow a score that ends a statement: punctuation, the end, a maximum, a connective
_SCORE_END = regex.compile(r"^\s*(?:[).,;:!?/(\-–*]|$)")
MAX_REACH = 160  # characters from a subject in running text to its score


@dataclass
class Token:
    kind: str           # subject, total, verb, bonus, deduct, connective, max, score, ratio, bare
    start: int
    end: int
    m: object = None    # the match
    field: str | None = None


@dataclass
class Statement:
    subject: Token | None
    values: dict[str, tuple[object, str]] = field(default_factory=dict)  # field -> (match, group)
    first: int | None = None    # where the statement's own words begin (the label ends there)
    last: int = 0
    parent: Token | None = None  # 'nội dung 2 của tiêu chí 3': tiêu chí 3
    bare: set[str] = field(default_factory=set)   # fields whose score had no verb before it
    verb_at: int | None = None  # where the verb of a statement without a subject stands


@lru_cache(maxsize=None)
def grammar() -> dict:
    """The compiled patterns of catalogs/narrative.toml (and of the marker words of numbering.toml)."""
    cat = catalog("narrative")
    nfc = lambda s: unicodedata.normalize("NFC", s)
    alt = lambda xs: "|".join(nfc(x) for x in sorted(xs, key=len, reverse=True))
    words = alt(s for lv in catalog("numbering")["levels"] for s in lv["spellings"])
    units = alt(cat["units"])
    number_words = alt(cat["number_words"])
    return {
        "number_word": regex.compile(rf"(?<=\p{{L}})\s+(?:{number_words})(?=\s*\d)", regex.I),
        "subject": regex.compile(
            rf"(?<![\p{{L}}\d])(?:{words})\s*(?:(?:{number_words})\s*)?(?P<num>\d+(?:\.\d+)*(?!\d)|(?-i:[IVX]+))(?![\p{{L}}\d])",
            regex.I),
        "max": [regex.compile(("" if f.startswith("/") else r"(?<![\p{L}])")
                              + rf"(?:{nfc(f).replace('{n}', f'(?P<n>{_BARE})')})(?![\p{{L}}])", regex.I)
                for f in cat["maximum"]],
        "score": regex.compile(
            rf"(?P<self>{_NUM})(?:\s*/\s*(?P<max>{_BARE}))?\s*(?:{units})(?![\p{{L}}])", regex.I),
        "closing": regex.compile(rf"(?:\d\s*(?:{units})?|^(?:{units}))\s*\)?\s*[.:;]?$", regex.I),
        "digit": regex.compile(r"\d"),
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


def tokens(text: str, lo: int, hi: int) -> list[Token]:
    """The sentence's tokens, where they overlap the longest; none when it holds no points at all
    (most sentences: the other words are not looked for)."""
    g = grammar()
    found: list[Token] = []
    if not g["digit"].search(text, lo, hi):
        return []
    found += [Token("score", m.start(), m.end(), m) for m in g["score"].finditer(text, lo, hi)]
    found += [Token("ratio", m.start(), m.end(), m) for m in g["ratio"].finditer(text, lo, hi)]
    for pat in g["max"]:
        found += [Token("max", m.start(), m.end(), m) for m in pat.finditer(text, lo, hi)]
    if not found:
        return []
    found += [Token("subject", m.start(), m.end(), m) for m in g["subject"].finditer(text, lo, hi)]
    found += [Token("total", m.start(), m.end(), m) for m in g["total"].finditer(text, lo, hi)]
    found += [Token("bonus", m.start(), m.end(), m, "bonus_self") for m in g["bonus"].finditer(text, lo, hi)]
    found += [Token("deduct", m.start(), m.end(), m) for m in g["deduct"].finditer(text, lo, hi)]
    for fld, pat in g["verbs"]:
        found += [Token("verb", m.start(), m.end(), m, fld) for m in pat.finditer(text, lo, hi)]
    found += [Token("connective", m.start(), m.end(), m) for m in g["connective"].finditer(text, lo, hi)]
    found += [Token("bare", m.start(), m.end(), m) for m in g["bare"].finditer(text, lo, hi)]
    found.sort(key=lambda t: (t.start, -(t.end - t.start), _PRIORITY[t.kind]))
    out: list[Token] = []
    for t in found:
        if out and t.start < out[-1].end:
            continue
        out.append(t)
    return out


def statements(text: str, lo: int, hi: int, heading: Token | None = None,
                loose: list[Statement] | None = None) -> list[Statement]:
    """The statements of one sentence (or heading line), in order. ``heading`` is the subject
    that opens a heading line: its score may stand anywhere on the line. Statements that found
    no subject go to ``loose`` ('Tự chấm: 8 điểm.' under a heading without points)."""
    toks = tokens(text, lo, hi)
    if not toks:
        return [Statement(heading)] if heading is not None else []
    out: list[Statement] = []
    subjectless: list[Statement] = []
    cur: Statement | None = None
    pending: Statement | None = None   # a score still waiting for a subject written after it
    fld: str | None = None              # the field the last verb or cue named
    prev: Token | None = None            # the token before, for adjacency
    last_field: str | None = None       # the field of the last score read

    def between(a: int, b: int) -> str:
        return text[a:b]

    for k, t in enumerate(toks):
        if t.kind == "subject":
            if heading is not None and t.start == heading.start:
                cur = Statement(heading)
                out.append(cur)
            elif pending is not None and _joined(between(pending.last, t.start)):
                pending.subject = t
                cur, pending = pending, None
                out.append(cur)
            elif (cur is not None and cur.subject is not None and not cur.values and cur.parent is None
                  and cur.subject.kind == "subject" and subject_marker(cur.subject) is not None
                  and subject_marker(t) is not None and subject_marker(cur.subject).word != subject_marker(t).word
                  and grammar()["connective"].search(between(cur.subject.end, t.start))
                  and _joined(between(cur.subject.end, t.start))):
                cur.parent = t   # 'nội dung 2 của tiêu chí 3'
            elif heading is not None and cur is not None and cur.subject is heading and not cur.values:
                continue         # another item named inside a heading's label
            else:
                cur = Statement(t)
                out.append(cur)
            fld = last_field = None
        elif t.kind == "total":
            if cur is not None and cur.subject is not None and cur.subject.kind == "subject" and not cur.values:
                fld = "self_score"   # 'tiêu chí 3 tự chấm điểm đạt …': a verb here
                _open(cur, t)
            else:
                cur = Statement(t)
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
                                         and _SPACE_COMMA.fullmatch(between(t.end, toks[k + 1].start))):
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
                pending = target = Statement(None)
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


# compiled once (regex.fullmatch with a pattern string looks it up in the module's cache each call)
_SPACE_COMMA = regex.compile(r"[\s,(]*")
_PUNCTUATION = regex.compile(r"[\s,:()\-–]*")


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
    if s.first is None or t.start < s.first:
        if s.subject is None or t.start >= s.subject.end:
            s.first = t.start if s.first is None else min(s.first, t.start)
    s.last = max(s.last, t.end)


def subject_marker(t: Token) -> Marker | None:
    """The numbering of a subject token ('tiêu chí thứ 4' read as 'tiêu chí 4')."""
    return parse_marker(grammar()["number_word"].sub("", t.m.group(0)))
