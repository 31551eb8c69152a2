"""search_folds folds a report's search pieces in one pass: it must give exactly what folding
each piece alone gives, whatever the pieces hold (marks at a piece's start, NFD text, 'ß', line
breaks inside a piece)."""
from hypothesis import given, settings, strategies as st

from chamdiem.store.database import search_fold, search_folds

BITS = list("aăâđêôơưAĐ ßİ\n\t,.") + ["\u0301", "\u0323", "\u0309", "e\u0302\u0301", "\u1ec7", "\u0130"]
PIECES = st.lists(st.lists(st.sampled_from(BITS), max_size=12).map("".join), max_size=20)


@given(PIECES)
@settings(max_examples=2000, deadline=None)
def test_search_folds_equals_folding_each_piece(pieces):
    assert search_folds(pieces) == [search_fold(p) for p in pieces]


def test_search_folds_of_report_lines():
    lines = ["Tiêu chí 1: Đảng ủy", "\u0301Điểm tự chấm", "Kế hoạch số 12/KH-UBND\nngày 01/3/2024", "", "STRASSE ß"]
    assert search_folds(lines) == ["tieu chi 1: dang uy", "diem tu cham", "ke hoach so 12/kh-ubnd\nngay 01/3/2024",
                                    "", "strasse ss"]


def test_folding_by_words_equals_folding_the_whole():
    """fold_by_words folds each piece between spaces once per process: a mark after a space, a
    final sigma, spaces that NFD decomposes (U+2000) or casefold expands must not tell it apart."""
    from chamdiem.store.writing.search import fold_by_words
    texts = ["a \u0301b", "ΑΣ ΑΣ", "x\u2000y \u2001", "Đảng  ủy\u00a0Tỉnh", " ", "", "  lead ", "ǅ ß ﬁ İ",
             "\u0345 \u0345", "e\u0323\u0302 o\u0302\u0323\nTiêu chí 1: Đảng ủy"]
    assert [fold_by_words(t) for t in texts] == [search_fold(t) for t in texts]
    assert fold_by_words("Tiêu chí 1: Đảng ủy") == "tieu chi 1: dang uy"
