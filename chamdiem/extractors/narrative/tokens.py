"""The words of score statements (catalogs/narrative.toml) as tokens: a sentence is cut into
subjects, verbs, scores, maxima, cues and connectives, the longest winning where they overlap.
The grammar (grammar.py) reads the tokens into statements."""
from __future__ import annotations

import bisect
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache

import regex

from chamdiem.lexicon import compiled_patterns
from chamdiem.lexicon.catalogs import catalog
from chamdiem.lexicon.lazy_pattern import compile_later
from chamdiem.lexicon.text import strip_marks
from chamdiem.lexicon.numbers import to_float
from chamdiem.lexicon.numbering import Marker, canonical_word, letter_number, parse_marker, roman_to_int
from chamdiem.lexicon.spelled import has_number_word, patterns, spelled_value

_BARE = r"\d{1,4}(?:[.,]\d{1,2})?(?![\d])"
_NUM = r"(?<![\d.,/])" + _BARE
# _NUM as a group 'self' that begins with its digits (what a pattern begins with decides how fast
# it scans: a look-behind first is tried at every position)
_DIGITS = r"(?P<self>\d{1,4}(?:[.,]\d{1,2})?)(?!\d)(?<![\d.,/](?P=self))"


@dataclass
class Token:
    kind: str           # subject, total, each, verb, bonus, deduct, connective, max, score, ratio, bare
    start: int
    end: int
    m: object = None    # the match
    field: str | None = None
    weak: bool = False         # a verb that says a score is given, not by whom ('đạt', 'được'); a total
    #                            cue that names a result, not a sum ('kết quả tự chấm', 'các tiêu chí')
    bare_number: bool = False  # a verb after which a number without its unit is a score ('tự chấm: 9;')
    full: bool = False         # a maximum that is also the score ('đạt điểm tối đa 10 điểm')
    sums: bool = False         # a verb giving the sum of the parts stated before it ('…; cộng 10 điểm')


_GROUPS = ("units", "number_words", "maximum", "full_marks", "at_maximum", "reasons", "rules", "remaining", "deductions", "deduction_places", "bonus_cues", "bonus_units", "total_cues",
           "connectives",
           "notes", "instructions", "unit_voice", "quotations", "note_marks", "wholes", "distributives", "negations",
           "revisions", "superseded", "respectively")


def phrases(group: str) -> list[str]:
    """Every phrase of the entries of one group of catalogs/narrative.toml."""
    return [p for entry in catalog("narrative")[group] for p in entry.get("phrases", [])]


def grammar(in_words: bool = True, written_only: bool = False) -> dict:
    """The patterns of catalogs/narrative.toml (and of the marker words of numbering.toml), each
    compiled the first time it is used (lexicon/lazy_pattern.py).
    Without ``in_words``, numbers are read in digits only: the patterns for a sentence without a
    number word, which need not try one at every position (nor fold case to find a digit).
    Each phrase also matches as typed without its diacritics; with ``written_only``, only as
    written: the patterns that scan a sentence that has diacritics (twice the phrases cost a
    quarter more of the scan, and such a sentence types its cues with them)."""
    return _grammar(bool(in_words), bool(written_only))


def compile_now(in_words: bool = False) -> None:
    """Compiles every pattern of one grammar now, as typed with or without diacritics and as
    written only, not on first use: the fork server does (its workers then start with them,
    pipeline/warm.py)."""
    for written_only in (False, True):
        for value in grammar(in_words, written_only).values():
            for pattern in value if isinstance(value, list) else [value]:
                (pattern[1] if isinstance(pattern, tuple) else pattern).search("")


@lru_cache(maxsize=4)
def _grammar(in_words: bool, written_only: bool) -> dict:
    cat = {key: phrases(key) for key in _GROUPS}
    spelled = patterns() if in_words else None
    alt = _written_alt if written_only else _alt
    return {**_value_patterns(cat, spelled, alt), **_word_patterns(cat, spelled, alt)}


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _written_alt(phrases) -> str:
    """The phrases as one alternation, the longest first, as written only."""
    return "|".join(sorted(dict.fromkeys(map(_nfc, phrases)), key=len, reverse=True))


def _alt(phrases) -> str:
    """The phrases as one alternation, the longest first; each also as written without its
    diacritics ('tu cham 9 diem': a line typed without them), never with some of them only (a word
    stripped of part of its marks is often another word)."""
    written = {}
    for phrase in map(_nfc, phrases):
        written[phrase] = None
        written[_nfc(strip_marks(phrase))] = None
    return "|".join(sorted(written, key=len, reverse=True))


def _value_patterns(cat: dict, spelled: dict | None, alt) -> dict:
    """The patterns of numbers: scores, maxima, numbers beside a note's mark or after a verb
    (``alt``: how phrases become one alternation, _alt or _written_alt)."""
    units, note = alt(cat["units"]), alt(cat["note_marks"])
    number = rf"(?:{_NUM}|{spelled['decimal']})" if spelled else _NUM
    number_group = rf"(?P<n>{_BARE}|{spelled['decimal']})" if spelled else f"(?P<n>{_BARE})"
    markers = alt(s for lv in catalog("numbering")["levels"] for s in lv["spellings"])
    bare_verbs = alt(p for v in catalog("narrative")["verbs"] if v.get("bare_number")
                      for p in v["phrases"]).replace("{word}", f"(?:{markers})")
    # a number glossed in words beside it ('10 (mười) điểm') is the number
    gloss = rf"|\(\s*(?:{spelled['number']})\s*\)" if spelled else ""
    flags = regex.I if spelled else 0   # (folding case costs a digit's fast scan)
    # full marks denied ('chưa đạt điểm tối đa') are none
    not_negated = rf"(?<!(?<![\p{{L}}])(?:{alt(cat['negations'])})\s+)"
    # what follows the number of a score, of a ratio, of a noted number and of a bare number
    # after a scoring verb (each pattern below is its number, then this)
    rest = {
        "score": rf"(?:\s*(?:{note}{gloss}))?(?:\s*/\s*(?P<max>{_BARE}))?\s*(?i:{units})(?![\p{{L}}])",
        "ratio": rf"\s*/\s*(?P<max>{_BARE})(?![\d/])",
        "noted": rf"(?=\s*(?:{note})\s*(?:[).,;:]|$))",
        # (the verb looked for behind the number only where a number ends a clause, on the verb's line: a
        # number opening the next line is that line's numbering, 'TỰ ĐÁNH GIÁ, CHẤM ĐIỂM' / '1. Những …')
        "verb_number": rf"(?=\s*(?:[;.,)]|$))(?<=(?<![\p{{L}}])(?i:{bare_verbs})"
                       rf"(?:\s{{1,3}}(?i:{markers})\s{{0,3}}\d{{1,3}}(?:\.\d{{1,3}}){{0,3}})?[ \t\u00a0:=\-–]{{0,6}}(?P=self))",
    }
    # the four in one pattern, their number read once (tokens.may_hold_points asks only whether
    # one of them matches): with digits only, the number of each is _NUM (_DIGITS reads the same)
    numbered = {"numbered": compile_later(rf"(?P<self>{_NUM})(?:{'|'.join(rest.values())})")} if not spelled else {}
    return {
        **numbered,
        "max": [compile_later(("" if f.startswith("/") else r"(?<![\p{L}])")
                              + rf"(?:{alt([f]).replace('{n}', number_group).replace('{word}', f'(?:{markers})')})"
                              + r"(?![\p{L}])", regex.I)
                for f in cat["maximum"]],
        "full": [compile_later(rf"(?<![\p{{L}}]){not_negated}(?:{alt([f]).replace('{n}', number_group)})(?![\p{{L}}])", regex.I)
                 for f in cat["full_marks"]],
        # full marks without their number, ending their clause, before a reason or a bracket of
        # numbers ('đạt tối đa.', 'đạt tối đa do …', 'đạt điểm tối đa (10/10)'): a value relative to the
        # item's maximum
        "at_max": compile_later(rf"(?<![\p{{L}}]){not_negated}(?:{alt(cat['at_maximum'])})"
                                rf"(?=\s*(?:[.;,:!?)]|$|\(\s*\d)|\s+(?:{alt(cat['reasons'])})(?![\p{{L}}]))", regex.I),
        "score": compile_later(rf"(?P<self>{number}){rest['score']}", flags),
        # a reason's word right after a number ('đạt 9/10 do …')
        "reason_after": compile_later(rf"\s+(?:{alt(cat['reasons'])})(?![\p{{L}}])", regex.I),
        # what may follow a score that ends a statement: punctuation, the end, a maximum, a
        # connective, after a note's mark or not ('3 điểm¹.')
        "score_end": compile_later(rf"\s*(?:(?:{note})\s*)?(?:[).,;:!?/(\[\]\-–*]|$)"),
        "note_end": compile_later(rf"\s*(?:{note})\s*(?:[).,;:\]]|$)"),
        # a number without its unit right after a scoring verb, ending its clause ('tự chấm: 9;')
        # (the digits first)
        "verb_number": compile_later(rf"{_DIGITS}{rest['verb_number']}"),
        "noted": compile_later(rf"(?P<self>{number}){rest['noted']}", flags),
        "closing": compile_later(rf"(?:\d\s*(?:{units})?|^(?:{units}))\s*[)\]]?\s*[.:;]?$", regex.I),
        "digit": compile_later(rf"\d|{spelled['number']}", regex.I) if spelled else compile_later(r"\d"),
        "bare": compile_later(rf"(?P<self>{number})(?![\d/])", flags),
        "ratio": compile_later(rf"(?P<self>{_NUM}){rest['ratio']}"),
    }


def _word_patterns(cat: dict, spelled: dict | None, alt) -> dict:
    """The patterns of words: subjects, verbs, cues, connectives, notes and quotations (``alt`` as
    in _value_patterns)."""
    words = alt(s for lv in catalog("numbering")["levels"] for s in lv["spellings"])
    number_words = alt(cat["number_words"])
    # a number or a letter in words is an item's number only before what follows an item's
    # reference: punctuation, a verb or cue, a connective ('tiêu chí một đạt …', 'mục b của …')
    leads = alt([p for v in catalog("narrative")["verbs"] for p in v["phrases"]]
                 + cat["total_cues"] + cat["bonus_cues"] + cat["connectives"]).replace("{word}", f"(?:{words})")
    follows = rf"(?=\s*(?:[:.,;()\-–]|$)|\s+(?:{leads})(?![\p{{L}}]))"
    in_words = rf"{spelled['ordinal']}(?!\s*\d)|{spelled['number']}{follows}" if spelled else "(?!)"
    cue = lambda key: compile_later(rf"(?<![\p{{L}}])(?:{alt(cat[key])})(?![\p{{L}}])", regex.I)
    # words naming items by their marker word without a number ('các tiêu chí', 'mỗi nội dung')
    unnumbered = lambda key: compile_later(
        # (a number after them that is points, not an item's number: 'mỗi tiêu chí 10/10 điểm')
        rf"(?<![\p{{L}}\d])(?:{alt(cat[key]).replace('{word}', f'(?:{words})')})(?![\p{{L}}])"
        rf"(?!\s*(?:\d+(?:[.,]\d+)?(?!\d|[.,]\d)(?!\s*(?:/\s*\d|điểm|đ(?![\p{{L}}])))|[IVX]+\b))",
        regex.I)
    total = lambda weak: [p for entry in catalog("narrative")["total_cues"] if entry.get("weak", False) == weak
                          for p in entry.get("phrases", [])]
    return {
        "number_word": compile_later(rf"(?<=\p{{L}})\s+(?:{number_words})(?=\s*\d)", regex.I),
        "subject": compile_later(
            rf"(?<![\p{{L}}\d])(?P<word>{words})(?:[.\-](?=\d))?\s*(?:"
            # (a number with a leading zero is a count before anything else: 'chỉ tiêu 02 nhà Đại đoàn kết')
            rf"(?:(?:{number_words})\s*)?(?P<num>(?!0\d)\d+(?:\.\d+)*(?!\d)|0\d+(?!\d){follows}|(?-i:[IVX]+)(?:\.\d+)*(?!\d))(?![\p{{L}}\d])"
            # more numbers of the same marker word, one value for all ('tiêu chí 4 và 5', 'nội dung 1, 2 và 3'),
            # never a score ('tiêu chí 3, 9 điểm')
            # (each number may carry its name in brackets: 'các mục 1 (học tập …), 2 (…) và 8 (…)')
            rf"(?P<more>(?:{_GLOSS_PATTERN}?\s*(?:,\s*và|,|và)\s*(?:\d+(?:\.\d+)*|(?-i:[IVX]+))(?![\p{{L}}\d/])(?![.,]\d)"
            rf"(?!\s*(?:{alt(cat['units'])}|/)(?![\p{{L}}])))*)"
            rf"|(?P<spelled>{in_words})"
            rf"|(?P<letter>(?-i:[a-zđ]))(?![\p{{L}}\d]){follows})"
            # a dotted number alone before a colon or a scoring verb, inside a statement after a list's
            # separator: an item by the sheet's own numbering ('Mục 2 …: tự chấm 50 điểm; trong đó 2.1:
            # 15/15 điểm; 2.2: …', '…; 3.1 đạt 30/30 điểm, 3.2 đạt 20/20 điểm'); one opening its line is
            # that line's numbering (scores.py)
            rf"|(?<=(?:[;,]|trong\s+đó|gồm|cụ\s+thể)[ \t]*)(?<![\p{{L}}\d.,/])(?P<dotted>\d{{1,2}}(?:\.\d{{1,2}})+)(?![\d,/]|\.\d)"
            rf"(?=\s*:|\s+(?:{leads})(?![\p{{L}}]))",
            regex.I),
        "verbs": [(v, compile_later(rf"(?<![\p{{L}}])(?:{alt(v['phrases']).replace('{word}', f'(?:{words})')})(?![\p{{L}}])",
                                    regex.I))
                  for v in catalog("narrative")["verbs"]],
        "deduct": cue("deductions"), "bonus": cue("bonus_cues"),
        # the words between points taken off and the item they were taken from ('trừ 0,5 điểm ở nội dung 3')
        "deduction_place": compile_later(rf"\s*(?:{alt(cat['deduction_places'])})\s*", regex.I),
        # right after a score's unit: the points are a bonus ('26 điểm thưởng')
        "bonus_unit": compile_later(rf"\s*(?:{alt(cat['bonus_units'])})(?![\p{{L}}])", regex.I),
        "total": compile_later(rf"(?<![\p{{L}}])(?:{alt(total(False))})(?![\p{{L}}])", regex.I),
        "total_weak": compile_later(rf"(?<![\p{{L}}])(?:{alt(total(True))})(?![\p{{L}}])", regex.I),
        "whole": unnumbered("wholes"), "each": unnumbered("distributives"), "remaining": unnumbered("remaining"),
        # a marker word naming its item by words, not by a number ('nội dung phòng, chống tham nhũng, kê
        # khai tài sản chỉ đạt 2/3 điểm')
        "worded": compile_later(rf"(?<![\p{{L}}\d])(?:{words})(?=\s+(?!(?:số|thứ|này|trên|còn|khác|đều|cùng)"
                                rf"(?![\p{{L}}]))\p{{Ll}})", regex.I),
        "rule": cue("rules"), "revision": cue("revisions"),
        "connective": cue("connectives"), "respectively": cue("respectively"),
        # a rule's points, and a value a revision replaced, are no statement of the unit's now
        "instruction": compile_later(rf"(?<![\p{{L}}])(?:{alt(cat['instructions'] + cat['superseded'])})(?![\p{{L}}])",
                                     regex.I),
        "unit_voice": compile_later(rf"(?:{alt(cat['unit_voice'])})(?![\p{{L}}])", regex.I),
        "note": compile_later(rf"(?:^|(?<=[\n.;!?]))[\s*\-–•]*(?:{alt(cat['notes'])})", regex.I),
        "sum_plus": compile_later(alt(p for entry in catalog("narrative")["sums"] for p in entry["plus"]), regex.I),
        "sum_equals": compile_later(alt(p for entry in catalog("narrative")["sums"] for p in entry["equals"]), regex.I),
        "quote": compile_later("|".join(cat["quotations"])),
        "quote_open": compile_later("|".join(q[0] for q in cat["quotations"])),
    }


# at one position the longer token wins; at equal length, the earlier kind in this order
_PRIORITY = {"max": 0, "score": 1, "subject": 2, "remaining": 2, "instruction": 3, "total": 3, "each": 3, "bonus": 4, "verb": 5,
             "connective": 6, "deduct": 6, "respectively": 6, "ratio": 7, "bare": 8, "worded": 9}


def tokens(text: str, start: int, end: int) -> list[Token]:
    """The sentence's tokens, where they overlap the longest; none when it holds no points at all
    (most sentences: the other words are not looked for), or when it is a note. Numbers quoted
    or inside an instruction are no statement of the unit's."""
    patterns = grammar(has_number_word(text, start, end), _MARKED.search(text, start, end) is not None)
    if not patterns["digit"].search(text, start, end) and not patterns["at_max"].search(text, start, end):
        return []
    found = _value_tokens(patterns, text, start, end)
    if not found:
        return []
    found += _word_tokens(patterns, text, start, end)
    _yield_to_full_marks(found)
    found.sort(key=lambda token: (token.start, -(token.end - token.start), _PRIORITY[token.kind]))
    out: list[Token] = []
    for token in found:
        if out and token.start < out[-1].end:
            continue
        out.append(token)
    return _unsaid(text, end, _without_sum_results(patterns, text, out))


# a Vietnamese letter with a mark (and đ): a sentence holding one types its cues with their marks
_MARKED = compiled_patterns.compile(r"[\u00c0-\u024f\u1e00-\u1eff]")

SUM_GAP = 40   # characters: the most between the parts of a sum written out, and before its result


def _without_sum_results(patterns: dict, text: str, toks: list[Token]) -> list[Token]:
    """The tokens without the results of sums written out ('931 điểm chuẩn + 44 điểm thưởng = 975
    điểm'; narrative.toml, sums): a value after an equals word that equals the values before it,
    each joined to the next by a plus word, one of them a bonus, is their sum and no field of its own."""
    values = [k for k, token in enumerate(toks) if token.kind in _VALUES]
    dropped, scored = set(), set()
    for j in range(1, len(values)):
        result = toks[values[j]]
        if not _joined_by(patterns["sum_equals"], text, toks[values[j - 1]], result):
            continue
        parts = [toks[values[j - 1]]]
        for i in range(j - 2, -1, -1):
            if not _joined_by(patterns["sum_plus"], text, toks[values[i]], parts[-1]):
                break
            parts.append(toks[values[i]])
        if (len(parts) >= 2 and abs(sum(_number_of(t) for t in parts) - _number_of(result)) < 1e-6
                and any(_bonus_after(patterns, text, part, toks[values[j - k]]) for k, part in enumerate(parts[:-1], 1))):
            dropped.add(values[j])
            if result.kind == "score":   # the result's unit is its parts' ('85 + 5 (điểm thưởng) = 90 điểm')
                scored.update(k for k in values[j - len(parts):j] if toks[k].kind == "bare")
    if not dropped:
        return toks
    return [replace(token, kind="score") if k in scored else token for k, token in enumerate(toks) if k not in dropped]


def _bonus_after(patterns: dict, text: str, part: Token, following: Token) -> bool:
    """The part of a sum is a bonus ('44 điểm thưởng', '5 (điểm thưởng)'): a sum of points of
    different kinds, whose result is no field, where a sum of plain points ('2 + 3 + 4 = 9 điểm')
    is the statement's score."""
    gap = text[part.end:following.start]
    return patterns["bonus_unit"].match(text, part.end) is not None or patterns["bonus"].search(gap) is not None


def _joined_by(pattern, text: str, before: Token, after: Token) -> bool:
    """The words between two values hold ``pattern``, within one clause."""
    gap = text[before.end:after.start]
    return len(gap) <= SUM_GAP and ";" not in gap and pattern.search(gap) is not None


def _number_of(token: Token) -> float:
    groups = token.m.groupdict()
    return to_float(groups.get("self") or groups.get("n") or "nan")


def may_hold_points(text: str) -> bool:
    """False when no sentence of the paragraph ``text`` can have a token of value (a score, a
    ratio, a maximum, a noted or bare number), so none states points: no number word in it, and
    no pattern of values of the digits' grammar matching anywhere in it. One search per pattern
    over the paragraph, where tokens() would run every pattern over each sentence with a digit
    (most paragraphs with digits cite documents and dates, and state no points).

    A match inside a sentence is a match in the paragraph, the sentences being cut as
    scores._paragraph cuts them: each ends at the paragraph's end or right after one of '.;!?'
    that a space follows. A pattern's match or look-ahead reaches the sentence's end only past
    that mark (its value patterns end with ``$`` only after spaces, digits or a note's mark), and
    there the paragraph holds a space, which no look-ahead of theirs tells from the end ('(?!\\d)',
    '(?![\\p{L}])'); each sentence after the first begins with that space, so no match begins at
    its start, where a look-behind would look. Number words are found the same way: a paragraph
    without one has no sentence with one, and its sentences are read with the digits' grammar."""
    if has_number_word(text, 0, len(text)):
        return True
    return _digits_may_hold_points(text)


def _digits_may_hold_points(text: str) -> bool:
    """may_hold_points' test with the digits' grammar: a value token of it matches in the paragraph."""
    patterns = grammar(False)
    if not patterns["digit"].search(text):
        # full marks without their number ('Các tiêu chí còn lại đạt tối đa.') need no digit
        return patterns["at_max"].search(text) is not None
    if patterns["at_max"].search(text) is not None:
        return True
    # ("numbered" matches where "score", "ratio", "noted" or "verb_number" does)
    return patterns["numbered"].search(text) is not None or \
        any(pattern.search(text) is not None for pattern in [*patterns["max"], *patterns["full"]])


# where a sentence ends: after one of '.;!?' that a space or the end follows (scores.read_sentences
# cuts a paragraph there; sentences_may_hold_points reads the same sentences)
# (';' between two numbers separates a list of values, 'lần lượt là 3; 2,5 và 4 điểm', not two clauses;
# nor does one inside brackets, 'tiêu chí 10 (thông tin, báo cáo; điểm thưởng) … tự chấm 7 điểm')
SENTENCE_END = compiled_patterns.compile(r"(?:[.!?]|(?:(?<!\d);|;(?!\s*\d))(?![^()]{0,200}\)))(?=\s|$)")


def sentence_spans(text: str):
    """(start, end) of each sentence of the paragraph ``text`` that holds more than white space."""
    start = 0
    for sentence_end in list(SENTENCE_END.finditer(text)) + [None]:
        end = sentence_end.end() if sentence_end is not None else len(text)
        if text[start:end].strip():
            yield start, end
        start = end


def sentences_may_hold_points(text: str) -> bool:
    """may_hold_points for a paragraph whose sentences are read one by one (scores._paragraph),
    narrower where the paragraph holds a number word: most such words name no number ('Sở Tư
    pháp', 'thứ ba', 'năm học'), and may_hold_points then says True at once, so every sentence
    of the paragraph was read with the full grammar. Here each sentence with a number word is
    asked what tokens() asks of it with the grammar of numbers in words (a digit or full marks,
    then a value token), and the sentences without one are covered by the digits' grammar over
    the paragraph, as in may_hold_points (a match in a sentence is one in the paragraph). False
    only where tokens() finds no value in any sentence (tests/test_narrative_gate.py)."""
    # (the digits' test first: a paragraph with points in digits is read without asking its words)
    if _digits_may_hold_points(text):
        return True
    return has_number_word(text, 0, len(text)) and \
        any(_worded_value(text, start, end) for start, end in sentence_spans(text))


def _worded_value(text: str, start: int, end: int) -> bool:
    """Whether tokens() finds a value token in the sentence ``text[start:end]`` read with the
    grammar of numbers in words (False for a sentence without a number word: the digits' grammar
    reads it). The same patterns as _value_tokens, the cheaper first."""
    if not has_number_word(text, start, end):
        return False
    patterns = grammar(True)
    if not patterns["digit"].search(text, start, end) and not patterns["at_max"].search(text, start, end):
        return False
    cheap = [patterns["at_max"], *patterns["max"], *patterns["full"], patterns["ratio"], patterns["verb_number"]]
    return any(p.search(text, start, end) is not None for p in [*cheap, patterns["score"], patterns["noted"]])


def _yield_to_full_marks(found: list[Token]) -> None:
    """A verb that runs into a full mark ('tự chấm đạt' + 'đạt điểm tối đa 10 điểm') ends where
    the full mark begins, so that both are read; so does a verb that runs into a total's cue ('tự
    đánh giá đạt' + 'đạt tổng số')."""
    for cue in (token for token in found if token.full or token.kind == "total"):
        for token in found:
            if (token.kind in ("verb", "total") and token is not cue and (cue.full or token.kind == "verb")
                    and token.start < cue.start < token.end):
                token.end = cue.start


def _value_tokens(patterns: dict, text: str, start: int, end: int) -> list[Token]:
    # with digits only, one search of "numbered" says whether the score, ratio, noted and verb's
    # number patterns find anything in the sentence (most sentences with digits cite documents)
    numbered = patterns.get("numbered")
    four = numbered is None or numbered.search(text, start, end) is not None
    found: list[Token] = []
    if four:
        found += [Token("score", m.start(), m.end(), m) for m in patterns["score"].finditer(text, start, end)]
        found += [Token("ratio", m.start(), m.end(), m) for m in patterns["ratio"].finditer(text, start, end)]
    # (full marks first: where a maximum's words are full marks' too, 'tự chấm tối đa 10 điểm', they are those)
    for pat in patterns["full"]:
        found += [Token("max", m.start(), m.end(), m, full=True) for m in pat.finditer(text, start, end)]
    for pat in patterns["max"]:
        found += [Token("max", m.start(), m.end(), m) for m in pat.finditer(text, start, end)]
    found += [Token("max", m.start(), m.end(), m, "unwritten", full=True)
              for m in patterns["at_max"].finditer(text, start, end)]
    if four:
        found += [Token("bare", m.start(), m.end(), m) for m in patterns["noted"].finditer(text, start, end)]
        found += [Token("bare", m.start(), m.end(), m) for m in patterns["verb_number"].finditer(text, start, end)]
    return found


_WORD_KINDS = ("subject", "total", "deduct", "connective", "bare", "instruction", "each", "remaining", "worded",
               "respectively")


def _word_tokens(patterns: dict, text: str, start: int, end: int) -> list[Token]:
    found = [Token(kind, m.start(), m.end(), m)
             for kind in _WORD_KINDS for m in patterns[kind].finditer(text, start, end)]
    # a weak total cue, and the words naming every item ('các tiêu chí'): the whole sheet's, unless
    # an item's heading above claims the statement (scores.py)
    found += [Token("total", m.start(), m.end(), m, weak=True)
              for m in patterns["total_weak"].finditer(text, start, end)]
    found += [Token("total", m.start(), m.end(), m, "whole", weak=True)
              for m in patterns["whole"].finditer(text, start, end)]
    found += [Token("bonus", m.start(), m.end(), m, "bonus_self")
              for m in patterns["bonus"].finditer(text, start, end)]
    for verb, pat in patterns["verbs"]:
        found += [Token("verb", m.start(), m.end(), m, verb["field"], verb.get("weak", False),
                        verb.get("bare_number", False), sums=verb.get("sums", False))
                  for m in pat.finditer(text, start, end)]
    return found


_VALUES = ("score", "ratio", "bare", "max")


def _unsaid(text: str, end: int, toks: list[Token]) -> list[Token]:
    """The tokens without what the unit does not state: a note, everything quoted, the numbers an
    instruction gives ('theo hướng dẫn chấm, tiêu chí 3 được tối đa 5 điểm'), from its cue to the
    end of its clause or to the unit's own voice ('…, đơn vị tự chấm 4 điểm')."""
    quotes, note = _unsaid_spans(text)
    out: list[Token] = []
    until = -1
    for token in toks:
        if note is not None and note[0] <= token.start < note[1]:
            continue               # a note ('Ghi chú: …', '(*) …'), to the paragraph's end or its line's
        if _inside(quotes, token.start):
            continue
        if token.kind == "instruction":
            until = _clause_end(text, token.end, end)
            continue
        if token.start < until and grammar(False)["unit_voice"].match(text, token.start):
            until = -1
        if token.start < until and token.kind in _VALUES:
            continue
        out.append(token)
    return out


def _clause_end(text: str, start: int, end: int) -> int:
    semicolon = _CLAUSE_END.search(text, start, end)
    return semicolon.start() if semicolon else end


_CLAUSE_END = compiled_patterns.compile(r";")


@lru_cache(maxsize=8)
def _unsaid_spans(text: str) -> tuple[tuple[list[int], list[int]], tuple[int, int] | None]:
    """The quoted spans of a paragraph (their starts and their ends, in order), and the span of a
    note in it: read once for all of its sentences. A note runs to the paragraph's end, or to the
    first sentence of it that ends a line: the lines of a paragraph joined from a DOCX's or an
    HTML's paragraphs each end one ('Ghi chú: …' / 'Tổng cộng …'). (Notes and quotations do not
    depend on numbers in words: the digits' grammar has them, and a worker's first report need not
    compile the other.)"""
    patterns = grammar(False)
    quotes = [m.span() for m in patterns["quote"].finditer(text)] if patterns["quote_open"].search(text) else []
    note = patterns["note"].search(text)
    if note is None:
        return ([s for s, _ in quotes], [e for _, e in quotes]), None
    line_end = _NOTE_END.search(text, note.end())
    return ([s for s, _ in quotes], [e for _, e in quotes]), (note.start(), line_end.end() if line_end else len(text))


_NOTE_END = compiled_patterns.compile(r"[.!?][ \t]*\n")


def is_said(text: str, at: int) -> bool:
    """Whether the paragraph ``text`` states what stands at ``at`` in the unit's voice: not in a
    note, nor in a quotation."""
    quotes, note = _unsaid_spans(text)
    return not (note is not None and note[0] <= at < note[1]) and not _inside(quotes, at)


def _inside(spans: tuple[list[int], list[int]], at: int) -> bool:
    """Whether ``at`` falls in one of the spans (starts, ends), which do not overlap and come in
    order (a pattern's matches): the last span starting at or before it is the only candidate, so a
    paragraph of many quotations and many statements is read in linear time."""
    starts, ends = spans
    k = bisect.bisect_right(starts, at) - 1
    return k >= 0 and at < ends[k]


def subject_marker(token: Token) -> Marker | None:
    """The numbering of a subject token ('tiêu chí thứ 4' read as 'tiêu chí 4', 'tiêu chí thứ tư'
    as 'tiêu chí 4', 'nội dung b' as 'nội dung 2')."""
    match = token.m
    if "spelled" in match.re.groupindex and match.group("spelled"):
        return Marker(canonical_word(match.group("word")), f"{spelled_value(match.group('spelled')):g}",
                      len(match.group(0)))
    if "letter" in match.re.groupindex and match.group("letter"):
        return Marker(canonical_word(match.group("word")), str(letter_number(match.group("letter"))),
                      len(match.group(0)))
    num = match.group("num") if "num" in match.re.groupindex else None
    if num and num[0] in "IVX" and "." in num:   # 'Mục IV.2': item 2 of section IV
        head, rest = num.split(".", 1)
        value = roman_to_int(head)
        if value is not None:
            return Marker(canonical_word(match.group("word")), f"{value}.{rest}", len(match.group(0)), roman=True)
    marker = parse_marker(_SEPARATOR.sub("", grammar(False)["number_word"].sub("", match.group(0))))
    return replace(marker, number=item_number(marker.number)) if marker is not None else None


def subject_markers(token: Token) -> list[Marker]:
    """Every item a subject token names: 'tiêu chí 4 và 5' names tiêu chí 4 and tiêu chí 5. Digits
    lose their leading zeros ('tiêu chí số 05' is tiêu chí 5)."""
    first = subject_marker(token)
    if first is None:
        return []
    more = token.m.group("more") if "more" in token.m.re.groupindex else None
    more = _GLOSS.sub("", more) if more else None
    return [first] + [replace(first, number=item_number(n)) for n in (_LISTED.findall(more) if more else [])]


def item_number(written: str) -> str:
    """An item's number as the framework writes it: digits without leading zeros ('05' is 5),
    Roman numerals as digits."""
    if written.isdigit():
        return str(int(written))
    if written.isalpha():
        value = roman_to_int(written)
        return str(value) if value is not None else written
    return written


def remaining_word(token: Token) -> str | None:
    """The marker word (folded) of the items a token of the remaining names ('các nội dung còn lại':
    'noi dung')."""
    found = _ANY_WORD().search(token.m.group(0))
    return canonical_word(found.group(0)) if found is not None else None


@lru_cache(maxsize=1)
def _ANY_WORD():
    words = _alt(s for lv in catalog('numbering')['levels'] for s in lv['spellings'])
    return compiled_patterns.compile(rf"(?<![\p{{L}}])(?:{words})(?![\p{{L}}])", regex.I)


# an item's name in brackets after its number in a list of items (no digits: never its points)
_GLOSS_PATTERN = r"(?:\s*\([^()\d]{1,200}\))"
_GLOSS = compiled_patterns.compile(_GLOSS_PATTERN)
_LISTED = compiled_patterns.compile(r"\d+(?:\.\d+)*|[IVX]+")
_SEPARATOR = compiled_patterns.compile(r"(?<=\p{L})[.\-](?=\d)")   # 'TC.3', 'TC-3'
