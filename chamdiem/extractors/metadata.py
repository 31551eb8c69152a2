"""Report metadata from the narrative blocks: number after 'Số:', issuer, date of issue,
assessment year, signer, and the classification the report claims for itself."""
from __future__ import annotations

from collections import Counter
from datetime import date
from functools import lru_cache
from typing import NamedTuple

import regex

from chamdiem.lexicon import compiled_patterns
from chamdiem.extractors.header import COLUMN_GAP, header_unit
from chamdiem.extractors.line_columns import pieces
from chamdiem.extractors.signature import signer
from chamdiem.lexicon.catalogs import catalog
from chamdiem.lexicon.text import fold, squash
from chamdiem.model.document import Block, paragraphs
from chamdiem.model.observations import Metadata
from chamdiem.model.textview import TextView


@lru_cache(maxsize=None)
def _units() -> dict:
    return catalog("units")


# the number runs to the end of the line, or to a place name that follows it on the same line
_SPACES = compiled_patterns.compile(r"\s+")
# without a colon 'Số' is capitalised ('Số', 'SỐ'): running text that wraps before 'số 91/2017/NĐ-CP' cites a document
# (a year alone after it on the line is the place and date's, wrapped beside it: 'Số: 604/BC-VP 2022')
_REPORT_NO = compiled_patterns.compile(r"^\s*Số\s*:\s*(?P<v>[^\s].*?)\s*(?=\s{2,}|\s+\p{Lu}\p{Ll}|\s+(?:19|20)\d\d\s*$|$)"
                           r"|^\s*(?-i:S[ốỐ])\s+(?P<v>\d+[\p{L}\d]*(?:-[\p{L}\d]+)?"   # a Party number: 'Số 15-BC/ĐU'
                           r"\s*/\s*[\p{L}\d/\-–]*\p{Lu}[\p{L}\d/\-–]*)", regex.I)
_HEAD_CHARS = 3000  # the head of a report, where a place and date may share a line with other text
# 'ngày 30 tháng 11 năm 2023', and in figures 'ngày 30/11/2023' (the same groups in either branch)
_DATE = (r",\s*(?P<when>ngày)\s*(?:(?P<d>\d{0,2})\s*tháng\s*(?P<m>\d{0,2})\s*năm\s*(?P<y>\d{4})"
         r"|(?P<d>\d{1,2})\s*(?P<sep>[/.\-])\s*(?P<m>\d{1,2})\s*(?P=sep)\s*(?P<y>\d{4}))")
# matched at a text's start (a line, or a column of a line)
# (after Markdown's emphasis: '_Quảng Ngãi, ngày 10 tháng 12 năm 2024_')
_PLACE_DATE = compiled_patterns.compile(r"\s*[_*]{0,3}[\p{Lu}][\p{L} .\-]{1,60}" + _DATE, regex.I)
# anywhere on a short line, ending it: a place of one to five capitalised words after a space
# ('Số 12/BC-X Quảng Ngãi, ngày …' where a header's two columns were joined by one space)
_PLACE_DATE_IN_LINE = compiled_patterns.compile(r"(?<=\s)(?-i:\p{Lu})[\p{L}.\-]*(?:\s+(?-i:\p{Lu})[\p{L}.\-]*){0,4}" + _DATE
                                    + r"(?=\s*\.?\s*$)", regex.I)
SHORT_LINE = 120
_KINDS = "|".join(r"\s+".join(regex.escape(w) for w in kind.split()) for kind in catalog("units")["year_kinds"])
# 'năm 2024'; 'năm học 2024' and 'năm học 2023-2024' (its later year: units.toml, year_kinds)
_YEAR = compiled_patterns.compile(r"(?<!tháng\s{1,3}\d{1,2}\s{1,3})\bnăm\s+"
                                  rf"(?:(?:{_KINDS})\s+(?:(?:19|20)\d\d\s*[-–]\s*)?)?(?P<y>(?:19|20)\d\d)\b", regex.I)
_DATE_YEAR = compiled_patterns.compile(r"ngày\s*\d{0,2}\s*tháng\s*\d{0,2}\s*năm\s*(?:19|20)\d\d", regex.I)
_DIGIT_FIRST = compiled_patterns.compile(r"^\d")
_UNIT_LABEL = compiled_patterns.compile(r"Đơn\s+vị\s*:\s*(?P<v>[^\n*()]{3,80})", regex.I)


def years_named(text: str) -> set[int]:
    """The years a text names as years ('năm 2022'), not those of the dates it writes."""
    return {int(m.group("y")) for m in _YEAR.finditer(text)}


Found = tuple  # (value, (start, end) in the document text) or None


def extract_metadata(blocks: list[Block], text: str | None = None, sheet_cells: list[Block] = ()) -> Metadata:
    """Each field with the span of the characters it was read from (``Metadata.spans``).
    ``sheet_cells``: the lines of the score sheets' cells, where the class a unit proposes is looked
    for last (a note beside the total)."""
    metadata = Metadata()
    found = {
        "report_number": _report_number(blocks),
        "issued_on": _issued_on(blocks),
        "issuer": _issuer(blocks, text),
        "assessment_year": _assessment_year(blocks),
        "signer": _signer(blocks),
    }
    for name, got in found.items():
        if got is not None:
            value, span = got
            setattr(metadata, name, value)
            metadata.spans[name] = span
    code, phrase, span = _classification(paragraphs(blocks, text) if text else blocks, metadata.assessment_year,
                                         list(sheet_cells))
    metadata.classification, metadata.classification_text = code, phrase
    if span is not None:
        metadata.spans["classification"] = span
    return metadata


def _span(block: Block, start: int, end: int) -> tuple[int, int]:
    return block.view.raw_span(start, end)


def _report_number(blocks: list[Block]) -> Found | None:
    for block in blocks[:40]:
        match = _REPORT_NO.match(block.text)
        if match:
            value = _SPACES.sub("", match.group("v"))
            return (value, _span(block, *match.span("v"))) if _DIGIT_FIRST.match(value) else None
    return None


def _segments(line_text: str) -> list[int]:
    """Where the texts of a line start: the line itself, and each text after a wide gap (a header
    or signature laid out side by side and exported as one line)."""
    return [0] + [m.end() for m in COLUMN_GAP.finditer(line_text) if m.end() < len(line_text)]


def _issued_on(blocks: list[Block]) -> Found | None:
    for k, block in enumerate(blocks):
        view, match = block.view, _place_date(block.text, block.start)
        if match is None and block.start < _HEAD_CHARS:
            view, match = _wrapped_date(blocks, k)
        if match:
            try:
                value = date(int(match.group("y")), int(match.group("m")), int(match.group("d"))).isoformat()
            except ValueError:
                return None
            return value, view.raw_span(match.start("when"), match.end("y"))
    return None


def _place_date(line_text: str, start: int):
    """A place and date written whole on one line (or one of its columns)."""
    match = next((m for i in _segments(line_text) for m in [_PLACE_DATE.match(line_text, i)] if m), None)
    if match is None and start < _HEAD_CHARS and len(line_text) <= SHORT_LINE:
        match = _PLACE_DATE_IN_LINE.search(line_text)
    return match


# the first line of a place and date that wraps: a place and its comma, maybe the day and month
_DATE_HEAD = compiled_patterns.compile(r"[\p{Lu}][\p{L} .\-]{1,60},\s*(?:ngày\s*\d{0,2}\s*(?:tháng\s*\d{0,2}\s*(?:năm\s*)?)?)?$",
                           regex.I)
# how such a line ends (a cheap test before the line is cut into its columns)
_DATE_HEAD_END = compiled_patterns.compile(r"(?:,|ngày\s*\d{0,2}|tháng\s*\d{0,2}|năm)\s*$", regex.I)
# the rest of it on a line below, in the same column: 'năm 2025', '2025', 'ngày 28 tháng 11 năm 2025'
_DATE_TAIL = compiled_patterns.compile(r"(?:^|(?<=\s))(?:(?:ngày|tháng|năm)\b[\s\d\p{L}]{0,30}?)?(?<!\d)\d{4}\s*\.?$", regex.I)
WRAP_LINES = 2   # lines below a date's first line where the rest of it may stand


def _wrapped_date(blocks: list[Block], k: int):
    """(view, match) of a place and date wrapped over two lines at the head of the page
    ('Quảng Ngãi, ngày 20 tháng 11' / 'năm 2025'), read as one: the first line's piece and the
    rest below it, joined in one view so the span runs from 'ngày' to the year."""
    if _DATE_HEAD_END.search(blocks[k].text) is None:
        return None, None
    for head in pieces(blocks[k]):
        if _DATE_HEAD.search(head.text) is None:
            continue
        for block in blocks[k + 1:k + 1 + WRAP_LINES]:
            for tail in pieces(block):
                tail_match = _DATE_TAIL.search(tail.text)
                if tail_match is None:
                    continue
                joined = TextView.join([head.view, tail.view.slice(tail_match.start(), len(tail.text))], sep=" ")
                match = _place_date(joined.text, blocks[k].start)
                if match is not None:
                    return joined, match
    return None, None


# words that never stand inside a unit's name: they end it
_FUNCTION_WORDS = "về|việc|của|tại|theo|với|cho|đã|được|năm|ngày|số|trong|trên|đến|nhằm|để|là"


@lru_cache(maxsize=None)
def _unit_pattern():
    """Built once: the catalog does not change while the process runs."""
    unit_words = _units()
    heads = "|".join(regex.escape(h) for h in sorted(unit_words["unit_heads"], key=len, reverse=True))
    verbs = "|".join(regex.escape(v) for v in sorted(unit_words["unit_verbs"], key=len, reverse=True))
    return compiled_patterns.compile(
        rf"(?:^|[,.;:]\s*)(?P<unit>(?:{heads})(?:\s+(?!(?:{_FUNCTION_WORDS})\b)[\p{{L}}\d\-]+){{0,8}}?)"
        rf"\s*(?:\([^)]{{0,80}}\)\s*)?(?:{verbs})\b", regex.M)   # (a paragraph's lines each open one)


def _issuer(blocks: list[Block], text: str | None) -> Found | None:
    """The unit that reports: after 'Đơn vị:'; else the unit named at the head of the page (the
    last of its unit lines: the ones above it are its parent authorities); else the unit that
    opens the report's first sentence ('…, Sở Tư pháp tự đánh giá …')."""
    for block in blocks:
        match = _UNIT_LABEL.search(block.text)
        if match:
            return squash(match.group("v")), _span(block, *match.span("v"))
    head = header_unit(blocks, text)
    if head is not None:
        return head
    pattern = _unit_pattern()
    for block in paragraphs(blocks, text) if text else blocks:   # a PDF's sentence wraps over lines
        match = pattern.search(block.text)
        if match:
            return squash(match.group("unit")), _span(block, *match.span("unit"))
    return None


class _FirstSeen(NamedTuple):
    """A year's first mention: how many other years were seen before it, and where it stands."""
    order: int
    span: tuple[int, int]


def _assessment_year(blocks: list[Block]) -> Found | None:
    # the title: the lines after "BÁO CÁO" up to the first blank-separated paragraph
    for i, block in enumerate(blocks[:30]):
        if fold(block.text) == "bao cao":
            for title_line in blocks[i + 1:i + 4]:
                years = _years(title_line)
                if years:
                    return years[0]
            break
    counts: Counter[int] = Counter()
    first: dict[int, _FirstSeen] = {}
    for block in blocks:
        for year, span in _years(block):
            counts[year] += 1
            first.setdefault(year, _FirstSeen(len(first), span))
    if not counts:
        return None
    best = max(counts, key=lambda year: (counts[year], -first[year].order))
    return best, first[best].span


def _years(block: Block) -> list[tuple[int, tuple[int, int]]]:
    text = _DATE_YEAR.sub(lambda m: " " * len(m.group(0)), block.text)
    return [(int(m.group("y")), _span(block, *m.span("y"))) for m in _YEAR.finditer(text)]


def _signer(blocks: list[Block]) -> Found | None:
    return signer(blocks)


# 'Xếp loại: …' opening a line, a sentence or a clause ('Tổng điểm: 97/100 điểm. Xếp loại: Hoàn thành tốt nhiệm vụ.')
@lru_cache(maxsize=None)
def _CLASS_CUE(in_cells: bool = False):
    """The cues of the class a report claims (units.toml, classification_cues, and in running text
    classification_clause_cues)."""
    cues = _units()["classification_cues"] + ([] if in_cells else _units()["classification_clause_cues"])
    return compiled_patterns.compile("|".join(f"(?:{cue})" for cue in cues), regex.I | regex.M)
# the word every cue holds: a literal found far faster than the cue, which most blocks lack (the
# pipeline passes over the sheets' cells without it before cutting them into lines)
CLASS_WORD = compiled_patterns.compile(r"xếp", regex.I)


# the verb before a class ('…, đạt mức Hoàn thành xuất sắc nhiệm vụ')
_REACHED = compiled_patterns.compile(r"(?<!\p{L})đạt(?!\p{L})", regex.I)
_SENTENCE_BREAK = compiled_patterns.compile(r"[.;!?\n](?=\s|$)")
# the end of a sentence that may wrap over lines (a class written 'Hoàn thành xuất sắc nhiệm\nvụ')
_SENTENCE_END = compiled_patterns.compile(r"[.;!?](?=\s|$)")


def _of_other_years(text: str, at: int, year: int | None) -> bool:
    """The sentence around ``at`` names years, none of them ``year`` (up to its end, or to a bracket
    after ``at``: 'tự xếp loại Hoàn thành tốt nhiệm vụ (năm 2023: Hoàn thành xuất sắc nhiệm vụ)' compares
    with another year aside)."""
    if year is None:
        return False
    start = max((m.end() for m in _SENTENCE_BREAK.finditer(text, 0, at)), default=0)
    end_match = _SENTENCE_BREAK.search(text, at)
    end = end_match.start() if end_match else len(text)
    aside = text.find("(", at, end)
    years = years_named(text[start:aside if aside >= 0 else end])
    return bool(years) and year not in years


@lru_cache(maxsize=None)
def _class_phrases() -> list[tuple[str, str, str]]:
    """(folded phrase, class code, phrase as written), the longest first: built once."""
    classes = _units()["classification"]
    return sorted(((fold(p), code, p) for code, ps in classes.items() for p in ps), key=lambda x: -len(x[0]))


def _classification(blocks: list[Block], year: int | None = None,
                    cells: list[Block] = ()) -> tuple[str | None, str | None, tuple[int, int] | None]:
    """The class the report claims: the first cue of a class ('xếp loại') whose sentence does not
    name only years other than the assessed one ('Năm 2023, … xếp loại Hoàn thành tốt nhiệm vụ');
    in the text, else in a score sheet's ``cells`` ('Đề nghị xếp loại: …' beside its total)."""
    phrases = _class_phrases()
    for group, cue in ((blocks, _CLASS_CUE()), (cells, _CLASS_CUE(True))):
        for block in group:
            matches = cue.finditer(block.text) if CLASS_WORD.search(block.text) else ()
            # every cue not about another year: one in a report's opening ('tự chấm điểm, xếp loại …') names no class
            for match in (m for m in matches if not _of_other_years(block.text, m.start(), year)):
                found = _class_after(block, match, phrases)
                if found is not None:
                    return found
    return _class_reached(blocks, year, phrases)


def _class_reached(blocks: list[Block], year: int | None, phrases) -> tuple[str | None, str | None, tuple[int, int] | None]:
    """A report that never writes 'xếp loại' may say the class it reached ('Căn cứ kết quả thẩm
    định, Công ty đạt mức Hoàn thành xuất sắc nhiệm vụ năm 2024'; units.toml, classification_reached),
    or the class it assesses itself at, written whole ('tự đánh giá hoàn thành xuất sắc nhiệm vụ'):
    the first such sentence with no number before the cue, which would count people or shares
    ('100% công chức đạt mức hoàn thành tốt nhiệm vụ' is about the staff, not the unit)."""
    whole = [p for p in phrases if p[0].endswith("nhiem vu")]
    for cue, named in ((_REACHED_CUE(), phrases), (_SELF_ASSESSED_CUE(), whole)):
        for block in blocks:
            for match in cue.finditer(block.text):
                start = max((m.end() for m in _SENTENCE_BREAK.finditer(block.text, 0, match.start())), default=0)
                if _DIGIT.search(block.text, start, match.start()) or _of_other_years(block.text, match.start(), year):
                    continue
                found = _class_after(block, match, named)
                if found is not None:
                    return found
    return None, None, None


_DIGIT = compiled_patterns.compile(r"\d")


@lru_cache(maxsize=None)
def _SELF_ASSESSED_CUE():
    cues = "|".join(_units()["classification_self_assessed"])
    return compiled_patterns.compile(rf"(?<!\p{{L}})(?:{cues})(?!\p{{L}})", regex.I)


@lru_cache(maxsize=None)
def _REACHED_CUE():
    cues = "|".join(_units()["classification_reached"])
    return compiled_patterns.compile(rf"(?<!\p{{L}})(?:{cues})(?!\p{{L}})", regex.I)


def _class_after(block: Block, match, phrases: list[tuple[str, str, str]]) -> tuple[str, str, tuple[int, int]] | None:
    """The class the cue ``match`` of ``block`` states, with its span, or None when the words after it name none."""
    tail = block.text[match.end():match.end() + 200]
    # within the cue's sentence: a colon further on ('… nhiệm vụ.\nNơi nhận:', a layout table's
    # line joined to the paragraph) is not where the class is stated
    end = _SENTENCE_END.search(tail)
    tail = tail[:end.start()] if end is not None else tail
    # the class is stated after a 'đạt' or the ':' (the last of them first: 'tổng điểm … 94,5 điểm,
    # đạt mức Hoàn thành xuất sắc nhiệm vụ'), else right after the cue; found in the text as written
    # (folding drops punctuation, and its offsets are not the text's)
    aside = tail.find("(")   # (what a bracket says is an aside: '(năm 2023: Hoàn thành xuất sắc nhiệm vụ)')
    starts = sorted({s for s in (tail.find(":") + 1, *(m.start() for m in _REACHED.finditer(tail)))
                     if s > 0 and (aside < 0 or s < aside)}, reverse=True)
    for start in starts + [0]:
        found = _class_named(block, match, fold(tail[start:]), phrases)
        if found is not None:
            return found
    return None


def _class_named(block: Block, match, rest: str, phrases) -> tuple[str, str, tuple[int, int]] | None:
    """The class the folded words ``rest`` open with, past the fillers ('đạt mức …'), with its span."""
    fillers = tuple(fold(word) + " " for word in _units()["classification_fillers"])
    while rest.startswith(fillers):
        rest = rest.split(" ", 1)[1]
    for phrase, code, written in phrases:
        if rest.startswith(phrase):
            pattern = regex.compile(r"\s+".join(regex.escape(x) for x in written.split()), regex.I)
            found = pattern.search(block.text, match.end())
            span = _span(block, *found.span()) if found is not None else _span(block, *match.span())
            return code, phrase, span
    return None
