"""The framework's structure decides where a unit's wording does not (issue 20): a sheet that
rewords every content but has the framework's numbering and maxima is read under it; a sheet of
another shape is not, however many of its rows fit. Written in wordings no reader was tuned to."""
from conftest import extract_file, findings_of, scores_of

from chamdiem.lexicon.columns import column_role

N = None
HEAD = ("**ỦY BAN NHÂN DÂN PHƯỜNG HÒA BÌNH**\n\nSố: 41/BC-UBND\n\n*Hòa Bình, ngày 11 tháng 11 năm 2025*\n\n"
        "# BÁO CÁO\n\nTự chấm điểm công tác dân vận chính quyền năm 2025\n\n")
SHEET = ("| TT | Nội dung chấm | Điểm chuẩn | Điểm tự chấm |\n|---|---|---|---|\n"
         "| TC1 | Quán triệt văn bản về dân vận | 10 | 9 |\n"
         "| 1 | Quán triệt Kết luận 114-KL/TW và các chỉ thị của Thủ tướng | 3 | 3 |\n"
         "| 2 | Làm theo quy chế dân vận của hệ thống chính trị tỉnh | 3 | 2 |\n"
         "| 3 | Có kế hoạch năm, người phụ trách, kiểm tra và sơ kết | 4 | 4 |\n"
         "| TC2 | Nhiệm vụ chính trị của phường | 10 | 10 |\n"
         "| 1 | Văn bản triển khai nhiệm vụ; không có vi phạm | 4 | 4 |\n"
         "| 2 | Chống tham nhũng, tiết kiệm, kê khai tài sản | 3 | 3 |\n"
         "| 3 | Sửa quy trình kịp thời khi cấp trên thay đổi | 3 | 3 |\n")


def _write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_sheet_rewording_every_content_is_read_under_the_framework_its_maxima_fit(tmp_path):
    # the contents' names share few words with the framework's, and each states its item's maximum;
    # '1' right under 'TC1' is the criterion's first content, not the criterion again
    doc = extract_file(_write(tmp_path, "contents_reworded_maxima_fit.md", HEAD + SHEET))
    assert doc.framework == "dvcq"
    assert scores_of(doc) == {
        "dvcq.tc1": (10, 9, N, N, N), "dvcq.tc1.nd1": (3, 3, N, N, N), "dvcq.tc1.nd2": (3, 2, N, N, N),
        "dvcq.tc1.nd3": (4, 4, N, N, N), "dvcq.tc2": (10, 10, N, N, N), "dvcq.tc2.nd1": (4, 4, N, N, N),
        "dvcq.tc2.nd2": (3, 3, N, N, N), "dvcq.tc2.nd3": (3, 3, N, N, N)}
    assert "unknown_framework" not in {kind for _, kind in findings_of(doc, include_info=True)}


def test_a_sheet_of_another_total_stays_a_framework_of_its_own(tmp_path):
    # twelve criteria of 10 points for 120: its first rows fit the ten criteria of 100 by number and
    # maximum, but the sheet's shape is another framework's
    rows = "".join(f"Tiêu chí {k} ({name}): đạt {score}/10 điểm.\n\n" for k, (name, score) in enumerate(
        [("Quy hoạch", 10), ("Giao thông", 9), ("Thủy lợi", 10), ("Điện", 10), ("Trường học", 8),
         ("Văn hóa", 9), ("Chợ nông thôn", 10), ("Bưu điện", 10), ("Nhà ở", 9), ("Thu nhập", 8),
         ("Hộ nghèo", 10), ("Lao động", 9)], start=1))
    text = ("UBND XÃ AN HÒA\nSố: 7/BC-UBND\n\nBÁO CÁO\nTự đánh giá xã nông thôn mới năm 2025\n\n" + rows
            + "Tổng điểm tự đánh giá: 112/120 điểm.\n")
    doc = extract_file(_write(tmp_path, "twelve_criteria_of_120.txt", text))
    assert doc.framework.startswith("sheet:")
    assert "unknown_framework" in {kind for _, kind in findings_of(doc, include_info=True)}


def test_header_words_cut_by_a_narrow_column_still_name_it():
    # LibreOffice breaks a word that does not fit a narrow column: 'Than' / 'g' / 'điểm'
    assert column_role("Than\ng\nđiểm") == "max_points"
    assert column_role("Tự\nchấ\nm") == "self_score"
    assert column_role("Điểm\ntự chấm") == "self_score"
    assert column_role("Số\nlượng") is None
    # a longer phrase read across the cut wins over a shorter one read as written ('tự chấm')
    assert column_role("Điểm\nthưở\nng tự\nchấm") == "bonus_self"
    assert column_role("Điểm\nthưở\nng") == "bonus_max"
