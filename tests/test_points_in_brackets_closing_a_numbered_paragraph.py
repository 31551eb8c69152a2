"""A content scored only by the points in brackets that close its numbered paragraph ('1. Tổ chức
quán triệt … (2,5/3 điểm)'): the points with their maximum are stated as a verb states them, and
the framework places them by the paragraph's number under the criterion above. Points without a
maximum in brackets ('(3 điểm)') stay what the item is worth, never a score.

Two neighbours of the same reading: words naming every item ('các chỉ tiêu được giao') inside a
numbered line's own text do not make its points the report's total; and the bonus's words before
who scores it ('Điểm cộng (thưởng) đơn vị tự chấm: 2 điểm', 'Điểm thưởng đơn vị tự chấm: 42 điểm')
give a bonus, to the item or to the total before them."""

from conftest import extract_file, scores_of

HEAD = ("UBND HUYỆN SƠN TỊNH\nPHÒNG VĂN HÓA VÀ THÔNG TIN\nSố: 88/BC-VHTT\n\nBÁO CÁO\n"
        "Tự đánh giá, chấm điểm công tác dân vận chính quyền năm 2025\n\n")
DVCQ = """Tiêu chí 1. Công tác triển khai, quán triệt các văn bản lãnh đạo, chỉ đạo về công tác dân vận

1. Phòng đã quán triệt Kết luận số 114-KL/TW đến toàn thể công chức bằng hình thức hội nghị trực tuyến (2,5/3 điểm).

2. Ban hành kế hoạch triển khai Quy chế công tác dân vận; còn chậm so với thời hạn (3/3 điểm)

3. Xây dựng kế hoạch công tác dân vận năm và phân công lãnh đạo phụ trách (4 điểm)

Tiêu chí 2. Thực hiện nhiệm vụ chính trị

1. Ban hành văn bản triển khai nhiệm vụ chính trị năm 2025 (3,5/4 điểm).
"""


def test_points_in_closing_brackets_are_the_numbered_contents(tmp_path):
    path = tmp_path / "contents_scored_in_closing_brackets.txt"
    path.write_text(HEAD + DVCQ, "utf-8")
    got = {cid: v[:2] for cid, v in scores_of(extract_file(path)).items()}
    # (content 3's '(4 điểm)' is what it is worth, its maximum: no score is read from it)
    assert got == {"dvcq.tc1.nd1": (3.0, 2.5), "dvcq.tc1.nd2": (3.0, 3.0), "dvcq.tc1.nd3": (4.0, None),
                   "dvcq.tc2.nd1": (4.0, 3.5)}


TDKT = """PHẦN I. THI ĐUA THỰC HIỆN KẾ HOẠCH PHÁT TRIỂN KINH TẾ - XÃ HỘI (650 điểm)

Mục 1. Công tác quản lý nhà nước theo ngành, lĩnh vực (400 điểm)

1.1. Lãnh đạo triển khai toàn diện các mặt công tác; phấn đấu hoàn thành xuất sắc các chỉ tiêu, kế hoạch được giao. Điểm tự chấm: 96 điểm (điểm tối đa 100 điểm).

1.2. Chủ động tham mưu cho UBND tỉnh. Điểm tự chấm: 50 điểm (điểm tối đa 50 điểm).

Mục 5. Công tác thống kê, báo cáo, quản lý tài chính: đơn vị tự chấm 48/50 điểm. Điểm cộng (thưởng) đơn vị tự chấm: 2 điểm.

Kết quả tự chấm điểm: 905/950 điểm. Điểm thưởng đơn vị tự chấm: 42 điểm.
"""


def test_every_item_words_on_a_numbered_line_and_bonus_before_its_scorer(tmp_path):
    path = tmp_path / "whole_words_on_a_numbered_line.txt"
    path.write_text(HEAD.replace("công tác dân vận chính quyền", "thi đua khen thưởng Khối Tham mưu - Tổng hợp")
                    + TDKT, "utf-8")
    doc = extract_file(path)
    assert doc.framework == "tdkt-tmth"
    got = scores_of(doc)
    assert got["tdkt-tmth.nd1.1.1"][:2] == (100.0, 96.0)   # not the report's total
    assert got["tdkt-tmth.nd1.5"] == (50.0, 48.0, None, None, 2.0)
    assert got["tdkt-tmth"] == (950.0, 905.0, None, None, 42.0)
