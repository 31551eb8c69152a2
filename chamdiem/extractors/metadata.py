"""Report metadata from the narrative blocks: number after 'Số:', issuer, date of issue,
assessment year, signer, and the classification the report claims for itself."""
from __future__ import annotations

from collections import Counter
from datetime import date
from functools import lru_cache

import regex

from chamdiem.lexicon.catalogs import catalog
from chamdiem.lexicon.text import fold, squash
from chamdiem.model.document import Block, paragraphs
from chamdiem.model.observations import Metadata


@lru_cache(maxsize=None)
def _units() -> dict:
    return catalog("units")


# the number runs to the end of the line, or to a place name that follows it on the same line
_SPACES = regex.compile(r"\s+")
_REPORT_NO = regex.compile(r"^\s*Số\s*:\s*(?P<v>[^\s].*?)\s*(?=\s{2,}|\s+\p{Lu}\p{Ll}|$)", regex.I)
_PLACE_DATE = regex.compile(
    r"^\s*[\p{Lu}][\p{L} .\-]{1,60},\s*ngày\s*(?P<d>\d{0,2})\s*tháng\s*(?P<m>\d{0,2})\s*năm\s*(?P<y>\d{4})", regex.I)
_YEAR = regex.compile(r"(?<!tháng\s{1,3}\d{1,2}\s{1,3})\bnăm\s+(?P<y>(?:19|20)\d\d)\b", regex.I)
_DATE_YEAR = regex.compile(r"ngày\s*\d{0,2}\s*tháng\s*\d{0,2}\s*năm\s*(?:19|20)\d\d", regex.I)
_NAME = regex.compile(r"^(?:[\p{Lu}][\p{Ll}]*\.?\s+){1,5}[\p{Lu}][\p{Ll}]+$")
_UNIT_LABEL = regex.compile(r"Đơn\s+vị\s*:\s*(?P<v>[^\n*()]{3,80})", regex.I)


def extract_metadata(blocks: list[Block], text: str | None = None) -> Metadata:
    md = Metadata()
    md.report_number = _report_number(blocks)
    md.issued_on = _issued_on(blocks)
    md.issuer = _issuer(blocks)
    md.assessment_year = _assessment_year(blocks)
    md.signer = _signer(blocks)
    md.classification, md.classification_text = _classification(paragraphs(blocks, text) if text else blocks)
    return md


def _report_number(blocks: list[Block]) -> str | None:
    for b in blocks[:40]:
        m = _REPORT_NO.match(b.text)
        if m:
            v = _SPACES.sub("", m.group("v"))
            return v if regex.match(r"^\d", v) else None
    return None


def _issued_on(blocks: list[Block]) -> str | None:
    for b in blocks:
        m = _PLACE_DATE.match(b.text)
        if m:
            try:
                return date(int(m.group("y")), int(m.group("m")), int(m.group("d"))).isoformat()
            except ValueError:
                return None
    return None


# words that never stand inside a unit's name: they end it
_FUNCTION_WORDS = "về|việc|của|tại|theo|với|cho|đã|được|năm|ngày|số|trong|trên|đến|nhằm|để|là"


def _unit_pattern():
    u = _units()
    heads = "|".join(regex.escape(h) for h in sorted(u["unit_heads"], key=len, reverse=True))
    verbs = "|".join(regex.escape(v) for v in sorted(u["unit_verbs"], key=len, reverse=True))
    return regex.compile(
        rf"(?:^|[,.;:]\s*)(?P<unit>(?:{heads})(?:\s+(?!(?:{_FUNCTION_WORDS})\b)[\p{{L}}\d\-]+){{0,8}}?)"
        rf"\s*(?:\([^)]{{0,80}}\)\s*)?(?:{verbs})\b")


def _issuer(blocks: list[Block]) -> str | None:
    for b in blocks:
        m = _UNIT_LABEL.search(b.text)
        if m:
            return squash(m.group("v"))
    pat = _unit_pattern()
    for b in blocks:
        m = pat.search(b.text)
        if m:
            return squash(m.group("unit"))
    return None


def _assessment_year(blocks: list[Block]) -> int | None:
    # the title: the lines after "BÁO CÁO" up to the first blank-separated paragraph
    for i, b in enumerate(blocks[:30]):
        if fold(b.text) == "bao cao":
            for t in blocks[i + 1:i + 4]:
                y = _first_year(t.text)
                if y:
                    return y
            break
    counts: Counter[int] = Counter()
    first: dict[int, int] = {}
    for i, b in enumerate(blocks):
        for y in _years(b.text):
            counts[y] += 1
            first.setdefault(y, i)
    if not counts:
        return None
    return max(counts, key=lambda y: (counts[y], -first[y]))


def _years(text: str) -> list[int]:
    text = _DATE_YEAR.sub(" ", text)
    return [int(m.group("y")) for m in _YEAR.finditer(text)]


def _first_year(text: str) -> int | None:
    ys = _years(text)
    return ys[0] if ys else None


def _signer(blocks: list[Block]) -> str | None:
    titles = [fold(t) for t in _units()["signature_titles"]]
    for i, b in enumerate(blocks):
        t = b.text.strip()
        if not t or t != t.upper() or not any(c.isalpha() for c in t):
            continue
        ft = fold(t)
        if not any(ft == x or ft.startswith(x + " ") or ft.endswith(" " + x) for x in titles):
            continue
        for nb in blocks[i + 1:i + 4]:
            cand = squash(nb.text)
            if cand and cand != cand.upper() and _NAME.match(cand):
                return cand
            if cand and cand != cand.upper():
                break
    return None


def _classification(blocks: list[Block]) -> tuple[str | None, str | None]:
    cls = _units()["classification"]
    phrases = sorted(((fold(p), code) for code, ps in cls.items() for p in ps), key=lambda x: -len(x[0]))
    cue = regex.compile(r"(?:tự\s+(?:đánh\s+giá,?\s+)?xếp\s+loại|^\s*xếp\s+loại|đề\s+nghị\s+xếp\s+loại)", regex.I | regex.M)
    for b in blocks:
        m = cue.search(b.text)
        if not m:
            continue
        tail = b.text[m.end():m.end() + 200]
        # the class is stated after 'đạt' or ':' when both appear, else right after the cue
        k = max(tail.find(":"), fold(tail).find(" dat "))
        seg = fold(tail[k + 1:] if k >= 0 else tail)
        for p, code in phrases:
            if seg.startswith(p) or seg.startswith("dat " + p):
                return code, p
    return None, None
