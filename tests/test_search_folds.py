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
