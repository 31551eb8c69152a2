"""A paragraph in which tokens.may_hold_points finds no value is skipped by the narrative reader:
reading its sentences one by one must find nothing in it either. Checked on every example of
catalogs/narrative.toml and on paragraphs that put digits, dates, number words, notes and
maxima at the edges of their sentences, where a sentence's end differs from the paragraph's."""
import random
import unicodedata

import regex

from chamdiem.extractors.narrative.scores import read_sentences
from chamdiem.extractors.narrative.tokens import may_hold_points, sentence_spans, sentences_may_hold_points
from chamdiem.lexicon.catalogs import catalog
from chamdiem.model.document import paragraphs
from chamdiem.readers.text import parse_text

EDGES = ["Ngày 12/3/2024 đơn vị ban hành Kế hoạch số 45/KH-UBND.", "Tổ chức 12 hội nghị; 340 lượt người.",
         "Tự chấm: 9.", "đạt 9", "tự chấm 8;", "9 (*).", "Điểm chuẩn 10!", "trên 10?", "thang điểm 10.",
         "Tiêu chí 3 đạt", "8 điểm.", "năm 2024.", "năm.", "Tiêu chí thứ tư?", "10 đ.", "x 3/4.", "đạt 3/4",
         "Ghi chú: 5 điểm.", "“9 điểm”.", "tối đa 5", "tổng số 96 điểm.", "Kết quả tự chấm: 95", "1.", "2;",
         "a) 4", "TC2: 9đ", "Tiêu chí 5 tự chấm 8 điểm (tối đa 10 điểm).", "cấp 2.", "lần thứ 3.",
         # number words, with points in words or in digits, and without points
         "Tiêu chí ba đạt chín điểm.", "tự chấm mười;", "đạt tám phẩy năm điểm", "chín (*).", "Sở Tư pháp tự chấm 9.",
         "Bộ Tư pháp; tối đa năm", "ba hội nghị.", "năm học 2023 - 2024", "thứ tư:", "mười (10) điểm."]

# sentences with digits and no points: document numbers, dates, counts, years, ordinals
QUIET = ["Quyết định số 123/QĐ-UBND ngày 05/01/2024.", "Năm 2024, xã có 3 thôn.", "Giai đoạn 2021-2025;",
         "Đợt 2 năm 2023!", "Có 15/17 cơ quan tham gia.", "Lần thứ 3, ngày 1.", "Khoảng 1.250 hộ, 4,5 ha.",
         "Thông tư 08/2023/TT-BNV?", "Mục tiêu thứ tư", "Sở Tư pháp ban hành 2 văn bản"]


def _texts():
    for entries in catalog("narrative").values():
        for entry in entries:
            yield from (example["text"] for example in entry.get("examples", []))
    rng = random.Random(3)
    for k in range(600):
        pool = EDGES if k % 2 else QUIET + EDGES[:3]   # half of them mostly without points
        yield " ".join(rng.choice(pool) for _ in range(rng.randint(1, 6)))


def test_a_skipped_paragraph_states_nothing():
    skipped = worded = 0
    for text in _texts():
        model = parse_text(unicodedata.normalize("NFC", text))
        for paragraph in paragraphs(model.blocks, model.text):
            text = paragraph.view.text
            if not may_hold_points(text):
                skipped += 1
                assert read_sentences(paragraph) == ([], [], []), text
            if not sentences_may_hold_points(text):
                assert read_sentences(paragraph) == ([], [], []), text
                worded += may_hold_points(text)
            assert sentences_may_hold_points(text) <= may_hold_points(text), text   # narrower, never wider
    assert skipped > 100   # the texts do hold paragraphs without points
    # and paragraphs whose number words name no number ('Sở Tư pháp', 'ba hội nghị'), which the
    # sentence-wise gate skips where may_hold_points reads them
    assert worded > 30


def test_the_numbered_pattern_matches_where_one_of_its_four_does():
    """may_hold_points asks one pattern ("numbered") whether a score, a ratio, a noted number or a
    bare number after a scoring verb stands in a paragraph: on every text above, and on each of
    its sentences, it must find one exactly where one of the four finds one."""
    from chamdiem.extractors.narrative.tokens import grammar
    patterns = grammar(False)
    four = [patterns[k] for k in ("score", "ratio", "noted", "verb_number")]
    found = 0
    for text in _texts():
        text = unicodedata.normalize("NFC", text)
        spans = [(0, len(text))] + [(m.start(), m.end()) for m in regex.finditer(r"[^.;!?]+[.;!?]?", text)] \
            + list(sentence_spans(text))   # (the sentences tokens() reads: _value_tokens asks "numbered" of them)
        for start, end in spans:
            one = patterns["numbered"].search(text, start, end) is not None
            assert one == any(p.search(text, start, end) is not None for p in four), text[start:end]
            found += one
    assert found > 300
