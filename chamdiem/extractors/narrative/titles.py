"""Lines that may be an item's title: '1. Công tác triển khai, quán triệt …' or 'Về thực hiện
nhiệm vụ chính trị' alone on their line, naming the item by its words and giving no points.

A report that introduces each criterion by its name rather than 'Tiêu chí 3' and then scores
'nội dung 1 đạt 3/3' under it needs those lines to place its statements; but a numbered line in
prose is as often a list ('1. Hạn chế: …') or a section of the report. Only the framework can tell
one from the other (normalizers/title_headings.py), so this module offers candidates, each an
observation without values, and decides nothing."""
from __future__ import annotations

from chamdiem.extractors.narrative.scores import opens_heading
from chamdiem.extractors.narrative.title_points import title_maxima
from chamdiem.extractors.narrative.tokens import may_hold_points, tokens
from chamdiem.lexicon import compiled_patterns
from chamdiem.lexicon.numbering import parse_marker
from chamdiem.lexicon.text import in_capitals
from chamdiem.model.document import Block
from chamdiem.model.observations import ScoreObservation

# a title is a line of words, not a page of them; shorter ones name nothing a framework can match
# (a framework's item may be named in some 560 characters: dvcq's first content)
_SHORTEST, _LONGEST = 12, 800
# what a line may open and end with around its words: Markdown's heading and emphasis, bullets
_LEAD = compiled_patterns.compile(r"[\s#*_>\-–•+]*")
_TAIL = compiled_patterns.compile(r"[\s*_:.]*$")


def title_lines(blocks: list[Block]) -> list[ScoreObservation]:
    """The lines of ``blocks`` that may be an item's title, in order: words opening with a capital,
    after a bare numbering ('1.', 'II.', 'a)'), a marker word the grammar does not read as a heading
    ('Phần I.'; 'Tiêu chí 3' is a heading it reads) or none, and no points."""
    out = []
    for block in blocks:
        candidate = _candidate(block)
        if candidate is not None:
            out.append(candidate)
    return out


def _candidate(block: Block) -> ScoreObservation | None:
    text = block.view.text
    if "\n" in text or len(text) > _LONGEST + 20:
        return None
    lead = _LEAD.match(text).end()
    tail = _TAIL.search(text, lead).start()
    core = text[lead:tail]
    if not core:
        return None
    marker = parse_marker(core, lists=True)
    if marker is not None and (marker.kind == "bullet" or marker.word is not None and opens_heading(text)):
        # (a marker word the grammar does not read as a heading is a title or a section of the
        # report: 'PHẦN I. THI ĐUA THỰC HIỆN KẾ HOẠCH …', 'Phần II. Kết quả thực hiện')
        return None
    label = core[marker.end:].lstrip(" .)–-:") if marker is not None else core
    if not (_SHORTEST <= len(label) <= _LONGEST) or not label[0].isupper():
        return None
    start, end = block.view.raw_span(lead, tail)
    maxima = {}
    if _gives_points(label):
        # points only in a bracket closing the title: what the item is worth ('a) Công tác … (400
        # điểm)'), kept as its maxima, or what it got ('1: Công tác triển khai … (tự chấm 9,5/10
        # điểm)'), which the grammar reads as a statement on the line
        opening = label.rfind("(")
        if opening <= 0 or not label.rstrip().endswith(")") or _gives_points(label[:opening]):
            return None
        maxima = title_maxima(core, start) if block.view.raw_span(lead, tail) == (start, start + len(core)) else {}
    return ScoreObservation(source="narrative", marker=core[:marker.end].strip() if marker else "",
                            label=label, values=maxima, start=start, end=end, line=block.line,
                            page=block.page, spans=[(start, end)], parsed_marker=marker)


def _gives_points(label: str) -> bool:
    """Points read in the line's words ('hàng năm' holds a number word and no points)."""
    return may_hold_points(label) and bool(tokens(label, 0, len(label)))


def is_section(candidate: ScoreObservation) -> bool:
    """A line the framework did not take for an item that opens a section of the report: numbered
    in Roman numerals, or written in capitals ('II. TỔNG HỢP KẾT QUẢ')."""
    marker = candidate.parsed_marker
    return (marker is not None and marker.roman) or in_capitals(candidate.label)
