"""Citations marked inline: '<c>…</c>' surrounds each expected mention; the rest must yield nothing."""
import re

import pytest

from chamdiem.extractors.citations import extract_citations, find_mentions
from chamdiem.readers.text import parse_text

MARK = re.compile(r"<c>(.*?)</c>", re.S)


def unmark(marked):
    """Plain text and the expected spans of the marked mentions."""
    spans, out, pos = [], [], 0
    for m in MARK.finditer(marked):
        out.append(marked[pos:m.start()])
        start = sum(len(x) for x in out)
        out.append(m.group(1))
        spans.append((start, start + len(m.group(1))))
        pos = m.end()
    out.append(marked[pos:])
    return "".join(out), spans


CASES = [
    # a law written with its title between its type and 'số' (doc_types.toml, titled)
    ("thực hiện <c>Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15</c>; <c>Nghị định số 59/2023/NĐ-CP</c>",
     [("Luật", "10", 2022, "QH15", None), ("Nghị định", "59", 2023, "NĐ-CP", None)]),
    ("căn cứ <c>Bộ luật Lao động số 45/2019/QH14</c> và <c>Giấy phép số 45/GP-TTĐT ngày 20/5/2019</c>",
     [("Bộ luật", "45", 2019, "QH14", None), ("Giấy phép", "45", None, "GP-TTĐT", "2019-05-20")]),
    ("theo <c>Quyết định số 50/QĐ-VP ngày 20/3/2024</c> của Chánh Văn phòng",
     [("Quyết định", "50", None, "QĐ-VP", "2024-03-20")]),
    ("thực hiện <c>Chỉ thị số 33/CT-TTg ngày 26 tháng 11 năm 2021</c> của Thủ tướng",
     [("Chỉ thị", "33", None, "CT-TTg", "2021-11-26")]),
    ("quán triệt <c>Kết luận số 114-KL/TW</c> và <c>QĐ số 866-QĐ/TU</c>",
     [("Kết luận", "114", None, "KL/TW", None), ("Quyết định", "866", None, "QĐ/TU", None)]),
    ("(<c>Quyết định số 41/2022/QĐ-UBND</c>) theo <c>Nghị định số 04/2015/NĐ-CP ngày 09/01/2015</c>",
     [("Quyết định", "41", 2022, "QĐ-UBND", None), ("Nghị định", "04", 2015, "NĐ-CP", "2015-01-09")]),
    ("<c>KH 19 - 02/3/2023</c> tuyên truyền; <c>BC 94 ngày 12/6/2023</c> sơ kết; xây nhà <c>QĐ01 18/4/2023</c>",
     [("Kế hoạch", "19", None, None, "2023-03-02"), ("Báo cáo", "94", None, None, "2023-06-12"),
      ("Quyết định", "01", None, None, "2023-04-18")]),
    ("các <c>Quyết định: số 47/QĐ-VP ngày 14/3/2024</c>, <c>số 99/QĐ-VP ngày 28/5/2024</c>...",
     [("Quyết định", "47", None, "QĐ-VP", "2024-03-14"), ("Quyết định", "99", None, "QĐ-VP", "2024-05-28")]),
    ("ban hành <c>Quyết định số 52/QĐ-VP</c> và <c>Quyết định số 53/QĐ-VP cùng ngày 29/3/2024</c> về việc",
     [("Quyết định", "52", None, "QĐ-VP", "2024-03-29"), ("Quyết định", "53", None, "QĐ-VP", "2024-03-29")]),
    ("(<c>Công văn số 451VP-TTHC ngày 13/3/2024</c>, <c>số 1200VP-TTHC ngày 07/6/2024</c>)",
     [("Công văn", "451", None, "VP-TTHC", "2024-03-13"), ("Công văn", "1200", None, "VP-TTHC", "2024-06-07")]),
    ("<c>Quyết định số 19^A/QĐ-UBND ngày 15/01/2023</c> ban hành",
     [("Quyết định", "19A", None, "QĐ-UBND", "2023-01-15")]),
    ("<c>Quyết định số 396 -QĐ/TU</c>, <c>Quyết định số 41/QĐ- UBND</c>, "
     "ký kết <c>giao ước thi đua số 01-GUTĐ/UBND – CĐCS ngày 28/01/2023</c>",
     [("Quyết định", "396", None, "QĐ/TU", None), ("Quyết định", "41", None, "QĐ-UBND", None),
      ("Giao ước thi đua", "01", None, "GUTĐ/UBND-CĐCS", "2023-01-28")]),
    ("như <c>số 2608/BC-VP</c> đã nêu; <c>5464/UBND-TTHC</c> ngày nào đó",
     [("Báo cáo", "2608", None, "BC-VP", None), ("Công văn", "5464", None, "UBND-TTHC", None)]),
    ("<c>Thông tri số 12-TT/TW</c>, <c>số 05-TT/TW</c> khác <c>số 05/2019/TT-BNV</c>; <c>Chương trình số 15/CTr-UBND</c>",
     [("Thông tri", "12", None, "TT/TW", None), ("Thông tri", "05", None, "TT/TW", None),
      ("Thông tư", "05", 2019, "TT-BNV", None), ("Chương trình", "15", None, "CTr-UBND", None)]),
    ("<c>Thông báo số 74/TB-UBND tỉnh ngày 24/02/2022</c> kết luận",
     [("Thông báo", "74", None, "TB-UBND", "2022-02-24")]),
    ("<c>KH số 26/KH- UBND ngày 17/3/2023</c> tự kiểm tra; <c>Kế hoạch kiểm tra 01/KH-TKT ngày 12/7/2023</c>",
     [("Kế hoạch", "26", None, "KH-UBND", "2023-03-17"), ("Kế hoạch", "01", None, "KH-TKT", "2023-07-12")]),
    ("theo <c>Kế hoạch 47</c> của Ban, <c>biên bản số 17</c>",
     [("Kế hoạch", "47", None, None, None), ("Biên bản", "17", None, None, None)]),
    ("<c>văn bản số 375/BDT-CSĐT ngày 15/6/2021</c>", [("Công văn", "375", None, "BDT-CSĐT", "2021-06-15")]),
    # the date written right before the number's 'số'
    ("thực hiện văn bản ngày 18/11/2022 <c>số 2065/SNV-XDCQ</c> của Sở Nội vụ",
     [("Công văn", "2065", None, "SNV-XDCQ", "2022-11-18")]),
    ("văn bản ngày 05 tháng 3 năm 2024, <c>số 77/UBND-VP</c>", [("Công văn", "77", None, "UBND-VP", "2024-03-05")]),
    # a date another's than the issue's: in force from it, due by it
    ("thực hiện <c>Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15</c> từ ngày 01/7/2023",
     [("Luật", "10", 2022, "QH15", None)]),
    ("theo <c>Kế hoạch số 12/KH-UBND</c> kể từ ngày 05/3/2024; <c>Công văn số 8/UBND-VP</c> trước ngày 20/3/2024",
     [("Kế hoạch", "12", None, "KH-UBND", None), ("Công văn", "8", None, "UBND-VP", None)]),
]

NOT_CITATIONS = [
    "kết quả đạt 98/100 điểm", "trụ sở làm việc tại số 232 đường Phan Đình Phùng", "khắc phục hậu quả bão số 3",
    "tham mưu ban hành 47 Quyết định QPPL", "họp ngày 12/10/2023 và 27/12/2024", "Ông Trần Văn Ấu, TB3/4 ở TDP4",
    "Hoàn thành 02/02TTHC, đạt 100%", "Tiêu chí 3: Thực hiện công tác (10 điểm)", "Kế hoạch cải cách hành chính năm 2022",
    "giai đoạn 2021-2025, tỷ lệ 99,8%", "tiếp công dân 196 lượt/263 người",
    # a type word as a common noun before a count: no 'số', no symbol, no date, not capitalised
    "phát hiện, lập biên bản 17 vụ vi phạm", "đã gửi báo cáo 4 lần trong năm",
    # a file's name on a portal's page
    "Văn bản đính kèm: 2318-BC-BVĐK.pdf", "tải về tệp 15/KH-UBND.docx",
]


@pytest.mark.parametrize("marked,expected", CASES)
def test_marked_mentions(marked, expected):
    text, spans = unmark(marked)
    found = find_mentions(text)
    assert [(f.start, f.end) for f in found] == spans
    assert [(f.doc_type, f.number, f.year, f.symbol.replace(" ", "").replace("–", "-") if f.symbol else None,
             f.issued_on) for f in found] == expected


@pytest.mark.parametrize("text", NOT_CITATIONS)
def test_not_citations(text):
    assert find_mentions(text) == []


@pytest.mark.parametrize("text", ["Quyết định số 31/QĐ-VP ngày 31/4/2019", "Kế hoạch số 13 ngày 01/30/2023"])
def test_impossible_dates_give_no_date_but_keep_the_text(text):
    (m,) = find_mentions(text)
    assert m.issued_on is None and text[m.start:m.end] == text


def test_mention_cut_by_a_line_break_is_one_mention():
    (m,) = find_mentions("thực hiện Kết luận số 114-\nKL/TW ngày 14/7/2015 của Ban Bí thư")
    assert (m.number, m.symbol, m.issued_on) == ("114", "KL/TW", "2015-07-14")


def test_mention_cut_across_continuation_rows_of_a_sheet_spans_both_parts():
    from chamdiem.pipeline.extract import extract_document
    text = ("TT\tNỘI DUNG TIÊU CHÍ\tThang điểm\tKết quả tự chấm điểm\tTài liệu kiểm chứng\n"
            "Tiêu chí 1: Công tác triển khai, quán triệt các văn bản lãnh đạo\t\t10\t10\t\n"
            "Nội dung 1\tTổ chức quán triệt, triển khai và cụ thể hóa Kết luận số 114-KL/TW\t3\t3\tThực hiện Kết luận số 114-\n"
            "\tcủa Ban Bí thư\t\t\tKL/TW ngày 14/7/2015 của Ban Bí thư\n")
    doc = extract_document(parse_text(text))
    cut = [c for c in doc.citations if c.issued_on == "2015-07-14"]
    assert len(cut) == 1
    c = cut[0]
    assert text[c.start:c.end] == "Kết luận số 114-\n\tcủa Ban Bí thư\t\t\tKL/TW ngày 14/7/2015"
    assert (c.symbol, c.criterion_id, c.line) == ("KL/TW", "dvcq.tc1.nd1", 3)


def test_citations_in_cells_and_paragraphs_keep_document_offsets():
    text = "Mở đầu theo <i>Kế hoạch số 24/KH-UBND ngày 17/3/2023</i>.\nA\t<b>Quyết định số 5/QĐ-UBND</b>\n"
    doc = parse_text(text)
    got = [(text[c.start:c.end], c.line) for c in extract_citations(doc)]
    assert got == [("Kế hoạch số 24/KH-UBND ngày 17/3/2023", 1), ("Quyết định số 5/QĐ-UBND", 2)]


def test_anchors_after_the_last_digit_and_texts_without_digits_give_nothing_more():
    # the scan stops at the last digit: a mention's number never stands before its anchor
    text = "Kế hoạch số 108/KH-STC ngày 03/2/2024 và Quyết định số"
    assert [(m.start, m.end, m.number, m.symbol) for m in find_mentions(text)] == [(0, 37, "108", "KH-STC")]
    assert find_mentions("Quyết định số ban hành Kế hoạch") == []
    assert [(m.start, m.end, m.number) for m in find_mentions("theo Công văn 7")] == [(5, 15, "7")]
    assert [(m.start, m.end, m.number, m.symbol) for m in find_mentions("Kế hoạch 5/KH")] == [(0, 13, "5", "KH")]


def test_type_names_factored_into_a_trie_keep_the_longest_name_first():
    from chamdiem.extractors.citations import _trie
    assert _trie(["thông tư liên tịch", "thông tư", "thông báo"]) == r"thông\s+(?:tư(?:\s+liên\s+tịch|)|báo)"
    assert _trie(["kế hoạch", "kết luận"]) == r"kế(?:\s+hoạch|t\s+luận)"
    # where the trie could choose otherwise than the sorted alternation, the alternation is kept
    assert _trie(["quy  chế"]) is None                # not written with single spaces
    assert _trie(["ia", "ıb"]) is None and _trie(["sa", "ſb"]) is None   # branches equal without case
    (m,) = find_mentions("Thông tư liên tịch số 12/2024/TTLT-BNV ngày 5/6/2024")
    assert (m.doc_type, m.number, m.year, m.symbol) == ("Thông tư liên tịch", "12", 2024, "TTLT-BNV")
    (m,) = find_mentions("Thông tư số 3/2024/TT-BNV")
    assert (m.doc_type, m.number, m.year, m.symbol) == ("Thông tư", "3", 2024, "TT-BNV")


def test_remembered_texts_give_every_caller_the_same_mentions_which_cannot_change():
    a = find_mentions("QĐ số 5/QĐ-UBND")
    with pytest.raises(AttributeError):
        a[0].issued_on = "changed"
    a.clear()   # each caller's list is its own
    b = find_mentions("QĐ số 5/QĐ-UBND")
    assert [(m.start, m.end, m.doc_type, m.number, m.symbol, m.issued_on) for m in b] == [
        (0, 15, "Quyết định", "5", "QĐ-UBND", None)]


def test_type_words_separated_by_an_information_separator_name_their_type():
    # the anchor takes str.isspace's white space between a type's words, \x1c-\x1f included (the
    # standard engine's \s); the name was looked up with regex's \s, which leaves them out: KeyError
    for sep in "\x1c\x1d\x1e\x1f":
        text = f"Thực hiện Thông tư liên{sep}tịch số 12/2024/TTLT-BNV ngày 5/6/2024 và Quyết{sep}định 7."
        got = [(m.doc_type, m.number, m.year, m.symbol, m.issued_on) for m in find_mentions(text)]
        assert got == [("Thông tư liên tịch", "12", 2024, "TTLT-BNV", "2024-06-05"),
                       ("Quyết định", "7", None, None, None)]
