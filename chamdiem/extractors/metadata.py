"""Report metadata from the narrative blocks: number after 'Số:', issuer, date of issue,
assessment year, signer, and the classification the report claims for itself."""
from __future__ import annotations

from collections import Counter
from datetime import date
from functools import lru_cache

import regex

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
_SPACES = regex.compile(r"\s+")
_REPORT_NO = regex.compile(r"^\s*Số\s*:\s*(?P<v>[^\s].*?)\s*(?=\s{2,}|\s+\p{Lu}\p{Ll}|$)"
                           r"|^\s*Số\s+(?P<v>\d+[\p{L}\d]*(?:-[\p{L}\d]+)?"   # a Party number: 'Số 15-BC/ĐU'
                           r"\s*/\s*[\p{L}\d/\-–]*\p{Lu}[\p{L}\d/\-–]*)", regex.I)
_HEAD_CHARS = 3000  # the head of a report, where a place and date may share a line with other text
_DATE = r",\s*(?P<when>ngày)\s*(?P<d>\d{0,2})\s*tháng\s*(?P<m>\d{0,2})\s*năm\s*(?P<y>\d{4})"
# matched at a text's start (a line, or a column of a line)
_PLACE_DATE = regex.compile(r"\s*[\p{Lu}][\p{L} .\-]{1,60}" + _DATE, regex.I)
# anywhere on a short line, ending it: a place of one to five capitalised words after a space
# ('Số 12/BC-X Quảng Ngãi, ngày …' where a header's two columns were joined by one space)
_PLACE_DATE_IN_LINE = regex.compile(r"(?<=\s)(?-i:\p{Lu})[\p{L}.\-]*(?:\s+(?-i:\p{Lu})[\p{L}.\-]*){0,4}" + _DATE
                                    + r"(?=\s*\.?\s*$)", regex.I)
SHORT_LINE = 120
_YEAR = regex.compile(r"(?<!tháng\s{1,3}\d{1,2}\s{1,3})\bnăm\s+(?P<y>(?:19|20)\d\d)\b", regex.I)
_DATE_YEAR = regex.compile(r"ngày\s*\d{0,2}\s*tháng\s*\d{0,2}\s*năm\s*(?:19|20)\d\d", regex.I)
_DIGIT_FIRST = regex.compile(r"^\d")
_UNIT_LABEL = regex.compile(r"Đơn\s+vị\s*:\s*(?P<v>[^\n*()]{3,80})", regex.I)


Found = tuple  # (value, (start, end) in the document text) or None


def extract_metadata(blocks: list[Block], text: str | None = None) -> Metadata:
    """Each field with the span of the characters it was read from (``Metadata.spans``)."""
    md = Metadata()
    found = {
        "report_number": _report_number(blocks),
        "issued_on": _issued_on(blocks),
        "issuer": _issuer(blocks, text),
        "assessment_year": _assessment_year(blocks),
        "signer": _signer(blocks),
    }
    for name, got in found.items():
        if got is not None:
            setattr(md, name, got[0])
            md.spans[name] = got[1]
    code, phrase, span = _classification(paragraphs(blocks, text) if text else blocks)
    md.classification, md.classification_text = code, phrase
    if span is not None:
        md.spans["classification"] = span
    return md


def _span(b: Block, start: int, end: int) -> tuple[int, int]:
    return b.view.raw_span(start, end)


def _report_number(blocks: list[Block]) -> Found | None:
    for b in blocks[:40]:
        m = _REPORT_NO.match(b.text)
        if m:
            v = _SPACES.sub("", m.group("v"))
            return (v, _span(b, *m.span("v"))) if _DIGIT_FIRST.match(v) else None
    return None


def _segments(t: str) -> list[int]:
    """Where the texts of a line start: the line itself, and each text after a wide gap (a header
    or signature laid out side by side and exported as one line)."""
    return [0] + [m.end() for m in COLUMN_GAP.finditer(t) if m.end() < len(t)]


def _issued_on(blocks: list[Block]) -> Found | None:
    for k, b in enumerate(blocks):
        view, m = b.view, _place_date(b.text, b.start)
        if m is None and b.start < _HEAD_CHARS:
            view, m = _wrapped_date(blocks, k)
        if m:
            try:
                value = date(int(m.group("y")), int(m.group("m")), int(m.group("d"))).isoformat()
            except ValueError:
                return None
            return value, view.raw_span(m.start("when"), m.end("y"))
    return None


def _place_date(t: str, start: int):
    """A place and date written whole on one line (or one of its columns)."""
    m = next((m for i in _segments(t) for m in [_PLACE_DATE.match(t, i)] if m), None)
    if m is None and start < _HEAD_CHARS and len(t) <= SHORT_LINE:
        m = _PLACE_DATE_IN_LINE.search(t)
    return m


# the first line of a place and date that wraps: a place and its comma, maybe the day and month
_DATE_HEAD = regex.compile(r"[\p{Lu}][\p{L} .\-]{1,60},\s*(?:ngày\s*\d{0,2}\s*(?:tháng\s*\d{0,2}\s*(?:năm\s*)?)?)?$",
                           regex.I)
# how such a line ends (a cheap test before the line is cut into its columns)
_DATE_HEAD_END = regex.compile(r"(?:,|ngày\s*\d{0,2}|tháng\s*\d{0,2}|năm)\s*$", regex.I)
# the rest of it on a line below, in the same column: 'năm 2025', '2025', 'ngày 28 tháng 11 năm 2025'
_DATE_TAIL = regex.compile(r"(?:^|(?<=\s))(?:(?:ngày|tháng|năm)\b[\s\d\p{L}]{0,30}?)?(?<!\d)\d{4}\s*\.?$", regex.I)
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
        for b in blocks[k + 1:k + 1 + WRAP_LINES]:
            for tail in pieces(b):
                t = _DATE_TAIL.search(tail.text)
                if t is None:
                    continue
                joined = TextView.join([head.view, tail.view.slice(t.start(), len(tail.text))], sep=" ")
                m = _place_date(joined.text, blocks[k].start)
                if m is not None:
                    return joined, m
    return None, None


# words that never stand inside a unit's name: they end it
_FUNCTION_WORDS = "về|việc|của|tại|theo|với|cho|đã|được|năm|ngày|số|trong|trên|đến|nhằm|để|là"


@lru_cache(maxsize=None)
def _unit_pattern():
    """Built once: the catalog does not change while the process runs."""
    u = _units()
    heads = "|".join(regex.escape(h) for h in sorted(u["unit_heads"], key=len, reverse=True))
    verbs = "|".join(regex.escape(v) for v in sorted(u["unit_verbs"], key=len, reverse=True))
    return regex.compile(
        rf"(?:^|[,.;:]\s*)(?P<unit>(?:{heads})(?:\s+(?!(?:{_FUNCTION_WORDS})\b)[\p{{L}}\d\-]+){{0,8}}?)"
        rf"\s*(?:\([^)]{{0,80}}\)\s*)?(?:{verbs})\b")


def _issuer(blocks: list[Block], text: str | None) -> Found | None:
    """The unit that reports: after 'Đơn vị:'; else the unit named at the head of the page (the
    last of its unit lines: the ones above it are its parent authorities); else the unit that
    opens the report's first sentence ('…, Sở Tư pháp tự đánh giá …')."""
    for b in blocks:
        m = _UNIT_LABEL.search(b.text)
        if m:
            return squash(m.group("v")), _span(b, *m.span("v"))
    head = header_unit(blocks, text)
    if head is not None:
        return head
    pat = _unit_pattern()
    for b in blocks:
        m = pat.search(b.text)
        if m:
            return squash(m.group("unit")), _span(b, *m.span("unit"))
    return None


def _assessment_year(blocks: list[Block]) -> Found | None:
    # the title: the lines after "BÁO CÁO" up to the first blank-separated paragraph
    for i, b in enumerate(blocks[:30]):
        if fold(b.text) == "bao cao":
            for t in blocks[i + 1:i + 4]:
                ys = _years(t)
                if ys:
                    return ys[0]
            break
    counts: Counter[int] = Counter()
    first: dict[int, tuple] = {}
    for b in blocks:
        for y, span in _years(b):
            counts[y] += 1
            first.setdefault(y, (len(first), span))
    if not counts:
        return None
    best = max(counts, key=lambda y: (counts[y], -first[y][0]))
    return best, first[best][1]


def _years(b: Block) -> list[tuple[int, tuple[int, int]]]:
    text = _DATE_YEAR.sub(lambda m: " " * len(m.group(0)), b.text)
    return [(int(m.group("y")), _span(b, *m.span("y"))) for m in _YEAR.finditer(text)]


def _signer(blocks: list[Block]) -> Found | None:
    return signer(blocks)


_CLASS_CUE = regex.compile(r"(?:tự\s+(?:đánh\s+giá,?\s+)?xếp\s+loại|^\s*xếp\s+loại|đề\s+nghị\s+xếp\s+loại)",
                           regex.I | regex.M)


@lru_cache(maxsize=None)
def _class_phrases() -> list[tuple[str, str, str]]:
    """(folded phrase, class code, phrase as written), the longest first: built once."""
    cls = _units()["classification"]
    return sorted(((fold(p), code, p) for code, ps in cls.items() for p in ps), key=lambda x: -len(x[0]))


def _classification(blocks: list[Block]) -> tuple[str | None, str | None, tuple[int, int] | None]:
    phrases = _class_phrases()
    cue = _CLASS_CUE
    for b in blocks:
        m = cue.search(b.text)
        if not m:
            continue
        tail = b.text[m.end():m.end() + 200]
        # the class is stated after 'đạt' or ':' when both appear, else right after the cue
        k = max(tail.find(":"), fold(tail).find(" dat "))
        seg = fold(tail[k + 1:] if k >= 0 else tail)
        fillers = tuple(fold(w) + " " for w in _units()["classification_fillers"])
        while seg.startswith(fillers):
            seg = seg.split(" ", 1)[1]
        for p, code, written in phrases:
            if seg.startswith(p) or seg.startswith("dat " + p):
                w = regex.compile(r"\s+".join(regex.escape(x) for x in written.split()), regex.I)
                at = w.search(b.text, m.end())
                span = _span(b, *at.span()) if at is not None else _span(b, *m.span())
                return code, p, span
    return None, None, None
