from chamdiem.readers.text import decode, parse_text

import pytest
from chamdiem.model.errors import UndecodableText


def test_tab_rows_with_blank_lines_between_are_one_table():
    text = "Intro\n\nA\tB\tC\n\n\tcont\t\nafter\n"
    doc = parse_text(text)
    assert len(doc.tables) == 1
    rows = doc.tables[0].rows
    assert [r.line for r in rows] == [3, 5]
    assert [c.text for c in rows[0].cells] == ["A", "B", "C"]
    assert [b.text for b in doc.blocks] == ["Intro", "after"]


def test_cell_spans_index_the_document_text():
    text = "TT\tNỘI DUNG\t<b>650</b>\n"
    doc = parse_text(text)
    cells = doc.tables[0].rows[0].cells
    assert [text[c.start:c.end] for c in cells] == ["TT", "NỘI DUNG", "<b>650</b>"]
    assert cells[2].text == " 650 "


def test_pipe_fragments_split_by_page_breaks_join_and_mark_their_start():
    text = ("| a | b |\n|---|---|\n| 1 | x |\n\n| | |\n|---|---|\n| y | z |\n\n| only one |\n")
    doc = parse_text(text)
    assert len(doc.tables) == 2
    rows = doc.tables[0].rows
    assert [[c.text for c in r.cells] for r in rows] == [["a", "b"], ["1", "x"], ["", ""], ["y", "z"]]
    assert [r.chunk_start for r in rows] == [True, False, True, False]


def test_form_feeds_give_pages():
    doc = parse_text("page one\n\fpage two\n")
    assert [b.page for b in doc.blocks] == [1, 2]


def test_crlf_lines_keep_offsets():
    text = "Nội dung 1: 3 điểm\r\nx\ty\r\n"
    doc = parse_text(text)
    assert text[doc.blocks[0].start:doc.blocks[0].end] == "Nội dung 1: 3 điểm"
    assert [c.text for c in doc.tables[0].rows[0].cells] == ["x", "y"]


def test_decoding_is_nfc_and_refuses_garbage():
    assert decode("Tie\u0302u chi\u0301".encode("utf-8"), "f") == "Tiêu chí"  # NFD in, NFC out
    assert decode("Tiêu chí".encode("utf-8"), "f") == "Tiêu chí"
    assert decode(b"\xef\xbb\xbfabc", "f") == "abc"
    with pytest.raises(UndecodableText):
        decode(b"\x81\x8d\x8e\x8f\x90", "f")


def test_cells_of_a_row_with_markup_have_the_views_cleaning_gives_them():
    """A row holding markup in some cells reads its other cells verbatim: every cell's view must be
    the one TextView.of gives its span (text and map back), in tab rows and pipe rows alike."""
    from chamdiem.model.textview import TextView
    text = ("Nội dung 1\tLập kế hoạch\t3\t<b>3</b>\t&nbsp;\t<ul><li>- Kế hoạch số 108/KH-STC</li></ul>\n"
            "| TT | Nội **dung** | Điểm |\n|---|---|---|\n| 1 | Ban hành văn bản \\| quy chế | 2&amp;3 |\n")
    doc = parse_text(text)
    cells = [c for t in doc.tables for r in t.rows for c in r.cells]
    assert len(cells) >= 9
    for c in cells:
        want = TextView.of(text, c.start, c.end)
        assert (c.view.text, c.view._segs) == (want.text, want._segs)
    assert {c.text for c in cells} >= {"3", "Lập kế hoạch", "Nội dung"}
