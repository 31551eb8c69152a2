"""search_pieces sends a report's search pieces in columns (writing/search.py): its rows must be
text_lines' pieces of the text, then the other pieces, each with the fold of its text alone."""
import pickle

from hypothesis import given, settings, strategies as st

from chamdiem.store.writing.search import search_fold, search_pieces, text_lines

BITS = list("aăâđêôơưAĐ ßİ\n\t\r\x1c\u00a0,.") + ["\u0301", "\u0323", "e\u0302\u0301", "\u1ec7", "  ", "\n\n"]
TEXTS = st.lists(st.sampled_from(BITS), max_size=40).map("".join)
OTHERS = st.lists(st.tuples(st.sampled_from(["criterion", "citation"]), st.none() | st.just("1.2"), TEXTS,
                            st.integers(0, 9), st.integers(0, 99), st.integers(0, 99)), max_size=4)


def _expected(text, others, doc_id):
    rows = [(doc_id, "text", None, piece, line, start, end) for piece, line, start, end in text_lines(text)]
    rows += [(doc_id, *r) for r in others]
    return rows, [search_fold(r[3]) for r in rows]


@given(TEXTS, OTHERS)
@settings(max_examples=1500, deadline=None)
def test_search_pieces_are_text_lines_and_the_others_folded(text, others):
    pieces = pickle.loads(pickle.dumps(search_pieces(text, others), protocol=pickle.HIGHEST_PROTOCOL))
    rows, folded = _expected(text, others, 7)
    assert pieces.rows(7) == rows
    assert pieces.folded() == folded


def test_search_pieces_of_a_report():
    text = "Tiêu chí 1: Đảng ủy\n\n  STT\t Nội dung \t\t10\nKế hoạch số 12/KH-UBND  "
    pieces = search_pieces(text, [("citation", "1", "Kế hoạch số 12/KH-UBND", 4, 46, 68)])
    assert pieces.rows(3) == [(3, "text", None, "Tiêu chí 1: Đảng ủy", 1, 0, 19), (3, "text", None, "STT", 3, 23, 26),
                              (3, "text", None, "Nội dung", 3, 28, 36), (3, "text", None, "10", 3, 39, 41),
                              (3, "text", None, "Kế hoạch số 12/KH-UBND", 4, 42, 64),
                              (3, "citation", "1", "Kế hoạch số 12/KH-UBND", 4, 46, 68)]
    assert pieces.folded() == ["tieu chi 1: dang uy", "stt", "noi dung", "10", "ke hoach so 12/kh-ubnd",
                               "ke hoach so 12/kh-ubnd"]
    assert search_pieces("", []).rows(1) == [] and search_pieces(" \n\t", []).folded() == []
