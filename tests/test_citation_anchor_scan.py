"""The citation anchors are scanned with a pattern that begins with the character before the
anchor (a fast scan past letters and digits), the type names' first letters written as classes of
what matches them case-insensitively. Neither may change which anchors are found: checked against
the pattern that begins with a look-behind and folds case on every letter, on a corpus of
paragraphs (both ways: anchors found and texts without), and for the classes on all of Unicode."""
import random
import re
import sys

from chamdiem.extractors import citations as C

PIECES = ["Quyết định số 123/QĐ-UBND ngày 05/01/2024", "QUYẾT ĐỊNH 5/QĐ-UB", "quyết  định", "Kế hoạch 12/KH-UBND",
          "KH số 26/KH-UBND", "Số: 2088/BC-UBND", "số 91/2017/NĐ-CP", "SỐ 7", "ſố 4", "Kết luận số 114-KL/TW",
          "Thông tư liên tịch số 3/2010/TTLT", "văn bản số 45", "Luật 12/2022/QH15", "12/QĐ", "_Quyết định 3/QĐ-X",
          "xQuyết định", "3Kế hoạch", "ban hành", "Công văn", "công tác", "kết quả", "(Tờ trình 9/TTr-UBND)",
          "CTr số 5", "TTr4", "TB3/4", "NQ 5", "Hướng dẫn số 12/HD-NV", "Giao ước thi đua 2024", "Đề án 06",
          "đề án", "Dự án 1", "Biên bản 2/BB-UB", "Pháp lệnh 3", "Chương trình 10-CTr/TU", "Chỉ thị 05-CT/TW",
          "Nghị quyết 128/NQ-CP", "Nghị định 30/2020/NĐ-CP", "Hợp đồng 5/HĐ", "Phương án 2/PA", "\u212aế hoạch 2",
          "2024", "tổ chức 39 hội nghị", "63%", "ngày 14/1/2023", "", "\n", " - ", "; ", ", "]


def _texts():
    yield from PIECES
    rng = random.Random(5)
    for _ in range(1500):
        yield rng.choice(["", " ", "\n", ", "]).join(rng.choice(PIECES) for _ in range(rng.randint(1, 6)))


def _reference() -> re.Pattern:
    """The anchor pattern as it was: a look-behind first, the type names folded on every letter."""
    types = C.doc_types()
    by_length = sorted(types.names, key=len, reverse=True)
    full = "|".join(C._words(a) for a in by_length)
    abbr = "|".join(re.escape(a) for a in sorted(types.abbreviations, key=len, reverse=True))
    letter = r"[^\W\d_]"
    return re.compile(rf"(?<![^\W_])(?:(?P<head>(?i:{full}))(?!{letter})|(?P<abbr>(?:{abbr}))(?=\s|\d|$)"
                      rf"|(?P<so>(?i:số))(?!{letter})|(?P<bare>\d{{1,5}})(?=\s*[/\-–]\s*[A-ZĐ]|[A-ZĐ]{{2}}))")


def test_the_anchors_are_those_of_the_look_behind_pattern():
    reference = _reference()
    found = empty = 0
    for text in _texts():
        for end in {len(text), len(text) // 2}:
            ours = [(start, a.end(), a.lastgroup, a.group(a.lastgroup)) for start, a in C._anchors(text, end)]
            theirs = [(a.start(), a.end(), a.lastgroup, a.group(a.lastgroup)) for a in reference.finditer(text, 0, end)]
            assert ours == theirs, text[:end]
            found += bool(ours)
            empty += not ours
    assert found > 1000 and empty > 20


def test_a_first_letter_class_matches_what_case_folding_matches():
    everything = "".join(map(chr, range(sys.maxunicode + 1)))
    firsts = {alias[0] for alias in C.doc_types().names} | {"s"}
    for char in firsts:
        ours = re.findall(C._case_class(re.escape(char)), everything)
        assert ours == re.findall(f"(?i:{re.escape(char)})", everything), char
