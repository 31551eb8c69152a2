import pytest

from chamdiem.lexicon.numbering import is_fragment, parse_marker
from chamdiem.lexicon.numbers import parse_score_cell
from chamdiem.model.textview import TextView


def cell(s):
    return parse_score_cell(TextView.of(s, 0, len(s)))


@pytest.mark.parametrize("text,value", [("08", 8.0), ("8,5", 8.5), ("9.5", 9.5), ("<b>650</b>", 650.0),
                                        (" 10 ", 10.0), ("3 điểm", 3.0), ("02", 2.0)])
def test_score_cells(text, value):
    assert cell(text).value.value == value


@pytest.mark.parametrize("text,value", [("9,5 (*)", 9.5), ("3¹", 3.0), ("8 điểm (**)", 8.0), ("7[2]", 7.0)])
def test_a_note_mark_beside_a_score_cell_is_not_part_of_it(text, value):
    p = cell(text)
    assert p.value.value == value and p.value.raw == text.split()[0].rstrip("¹[2]") and p.extra == []


@pytest.mark.parametrize("text,marker,number", [("A", "section", "A"), ("B.", "section", "B"), ("Đ)", "section", "Đ")])
def test_a_capital_letter_in_a_numbering_cell_numbers_a_section(text, marker, number):
    got = parse_marker(text, lists=True, bare_letter=True, section_letter=True)
    assert (got.kind, got.number) == (marker, number)
    assert parse_marker(text, lists=True, bare_letter=True) is None            # not in running text
    assert parse_marker("I", lists=True, bare_letter=True, section_letter=True).roman   # I, V, X stay roman


def test_several_numbers_in_one_cell_use_the_first_and_report_the_rest():
    p = cell("60 20 20")
    assert p.value.value == 60.0 and p.value.raw == "60" and p.extra == ["20", "20"]


@pytest.mark.parametrize("text", ["Tạm tính", "Ban hành Kế hoạch số 287/KH-VP ngày 28/02/2024",
                                  "Chưa được công nhận", "<i>Tạm tính</i>"])
def test_text_is_never_a_score(text):
    p = cell(text)
    assert p.value is None and p.is_text


def test_empty_cell_is_neither():
    p = cell("  ")
    assert p.value is None and not p.is_text


def test_value_span_points_into_the_document_text():
    raw = "a\t<b>945</b>\tb"
    s, e = raw.index("<b>"), raw.index("\tb")
    p = parse_score_cell(TextView.of(raw, s, e))
    assert raw[p.value.start:p.value.end] == "945"


@pytest.mark.parametrize("text,word,number", [
    ("Tiêu chí 1: Công tác", "tieu chi", "1"), ("Nội dung 3", "noi dung", "3"), ("1.1", None, "1.1"),
    ("II. Thực hiện", None, "2"), ("2. Tiêu chí 2: Thực hiện", "tieu chi", "2"), ("TC3", "tieu chi", "3"),
    ("Nội dung 1: 3,5 điểm", "noi dung", "1")])
def test_markers(text, word, number):
    m = parse_marker(text)
    assert (m.word, m.number) == (word, number)


@pytest.mark.parametrize("text", ["TỔNG ĐIỂM ĐẠT ĐƯỢC", "dung 1", "60 20", "Công tác"])
def test_not_markers(text):
    assert parse_marker(text) is None


def test_item_number_cut_by_a_page_break_is_a_fragment():
    assert is_fragment("Nội") and is_fragment("Nội dung") and not is_fragment("Nội dung 1")


@pytest.mark.parametrize("text,kind,number", [
    ("a) Tổ chức quán triệt", "letter", "a"), ("b. Ban hành", "letter", "b"), ("đ) Thực hiện", "letter", "đ"),
    ("- Thực hiện tốt", "bullet", ""), ("• Có kế hoạch", "bullet", ""), ("+ Bố trí", "bullet", ""),
    ("1.1.2 Tổ chức", "number", "1.1.2"), ("III. Công tác", "number", "3"), ("TC 4", "number", "4"),
    ("Nội dung 2: Ban hành", "number", "2")])
def test_list_markers_in_score_sheet_rows(text, kind, number):
    m = parse_marker(text, lists=True)
    assert (m.kind, m.number) == (kind, number)


def test_a_letter_alone_is_a_marker_only_in_a_numbering_column():
    assert parse_marker("b", lists=True, bare_letter=True).kind == "letter"
    assert parse_marker("b", lists=True) is None


@pytest.mark.parametrize("text", ["-5 điểm", "Công tác", "A. PHẦN CHUNG"])
def test_not_list_markers(text):
    m = parse_marker(text, lists=True)
    assert m is None or m.kind == "number"


def test_narrative_parsing_ignores_letters_and_bullets():
    assert parse_marker("a) Tổ chức") is None and parse_marker("- Thực hiện") is None


def test_the_same_cell_text_at_two_places_gives_two_values_with_their_own_spans():
    # cell texts are read once and remembered; each cell still gets its own Value and span
    raw = "9,5\tx\t9,5 20"
    a = parse_score_cell(TextView.of(raw, 0, 3))
    b = parse_score_cell(TextView.of(raw, 6, 12))
    c = parse_score_cell(TextView.of(raw, 0, 3))
    assert (a.value.value, a.value.raw, a.value.start, a.value.end, a.extra) == (9.5, "9,5", 0, 3, [])
    assert (b.value.value, b.value.raw, b.value.start, b.value.end, b.extra) == (9.5, "9,5", 6, 9, ["20"])
    assert c.value is not a.value and c.value == a.value
    c.value.cell_ref = "Sheet1!D4"
    assert a.value.cell_ref is None


@pytest.mark.parametrize("text,word,number", [
    ("Tiêu chí thứ nhất: Công tác", "tieu chi", "1"), ("Tiêu chí thứ tư (10 điểm)", "tieu chi", "4"),
    ("Nội dung hai: Thực hiện", "noi dung", "2"), ("Tiêu chí mười hai.", "tieu chi", "12"),
    ("2. Tiêu chí thứ ba: Thực hiện", "tieu chi", "3"), ("Phần hai mươi mốt", "phan", "21")])
def test_markers_in_words(text, word, number):
    m = parse_marker(text)
    assert (m.word, m.number) == (word, number)


@pytest.mark.parametrize("text", ["Nội dung một số văn bản", "Phần năm 2024", "Mục tư liệu"])
def test_number_words_that_are_words_are_no_marker(text):
    assert parse_marker(text) is None


@pytest.mark.parametrize("text,value", [("mười", 10), ("mười lăm", 15), ("hai mươi tư", 24), ("một trăm", 100),
                                        ("một trăm linh năm", 105), ("chín phẩy năm", 9.5), ("thứ nhất", 1),
                                        ("Thứ Tư", 4), ("thứ mười hai", 12)])
def test_numbers_in_words(text, value):
    from chamdiem.lexicon.spelled import spelled_value
    assert spelled_value(text) == value


@pytest.mark.parametrize("text,marker,rest", [
    ("Tiêu chí thứ 1: Công tác lãnh đạo", "tieu chi 1", "Công tác lãnh đạo"),
    ("Nội dung thứ 2 - Ban hành kế hoạch", "noi dung 2", "Ban hành kế hoạch"),
    ("1 - Xây dựng kế hoạch", "1", "Xây dựng kế hoạch"),
    ("1.2 – Tổ chức hội nghị", "1.2", "Tổ chức hội nghị"),
    ("III - Công tác khác", "3", "Công tác khác"),
])
def test_marker_with_thu_or_a_dash_after_a_bare_number(text, marker, rest):
    m = parse_marker(text)
    assert str(m) == marker and text[m.end:] == rest


def test_a_dash_before_a_number_is_no_separator_of_a_name():
    m = parse_marker("10 - 15")
    assert str(m) == "10" and "10 - 15"[m.end:] == "- 15"
    assert parse_marker("2-3 người") is None
