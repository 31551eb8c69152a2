"""A line of a report's head or foot cut into its columns, whether they stand apart by a wide gap
or glued by one space, with each piece's span in the document text."""
import pytest

from chamdiem.extractors.line_columns import pieces
from chamdiem.readers.text import parse_text

LINES = {
    "UBND HUYỆN SƠN HÀ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM": ["UBND HUYỆN SƠN HÀ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
    "SỞ NỘI VỤ Độc lập - Tự do - Hạnh phúc": ["SỞ NỘI VỤ", "Độc lập - Tự do - Hạnh phúc"],
    "ĐẢNG BỘ KHỐI CƠ QUAN ĐẢNG CỘNG SẢN VIỆT NAM": ["ĐẢNG BỘ KHỐI CƠ QUAN", "ĐẢNG CỘNG SẢN VIỆT NAM"],
    "CÁC CÔNG TRÌNH GIAO THÔNG Quảng Ngãi, ngày 02 tháng 12": ["CÁC CÔNG TRÌNH GIAO THÔNG",
                                                               "Quảng Ngãi, ngày 02 tháng 12"],
    "Số: 57/BC-HKL        Sơn Hà, ngày 12 tháng 11 năm 2025": ["Số: 57/BC-HKL", "Sơn Hà, ngày 12 tháng 11 năm 2025"],
    "Nơi nhận: KT. CHỦ TỊCH": ["Nơi nhận:", "KT. CHỦ TỊCH"],
    "- Như trên; PHÓ CHỦ TỊCH": ["- Như trên;", "PHÓ CHỦ TỊCH"],
    "- Như trên; (Chữ ký số)": ["- Như trên;", "(Chữ ký số)"],
    "- Lưu: VT, TH. Nguyễn Hữu Thắng": ["- Lưu: VT, TH.", "Nguyễn Hữu Thắng"],
    # one column: nothing to cut
    "UBND TỈNH QUẢNG NGÃI": ["UBND TỈNH QUẢNG NGÃI"],
    "Sở Nội vụ tự đánh giá, chấm điểm năm 2025.": ["Sở Nội vụ tự đánh giá, chấm điểm năm 2025."],
    "BAN CHẤP HÀNH TRUNG ƯƠNG": ["BAN CHẤP HÀNH TRUNG ƯƠNG"],
}


@pytest.mark.parametrize("line", sorted(LINES))
def test_a_line_is_cut_into_its_columns(line):
    text = "\n" + line + "\n"
    (block,) = parse_text(text).blocks
    got = pieces(block)
    assert [p.text for p in got] == LINES[line]
    assert [text[slice(*p.span)] for p in got] == LINES[line]
    assert [p.right for p in got] == [False] + [True] * (len(got) - 1)


def test_a_line_indented_far_holds_the_right_column_only():
    text = "Số: 12/BC-UBND" + " " * 20 + "Quảng Ngãi, ngày 20 tháng 11\n" + " " * 40 + "năm 2025\n"
    first, second = parse_text(text).blocks
    assert [(p.text, p.right) for p in pieces(second)] == [("năm 2025", True)]
