"""Statements that name no item, placed by what the report wrote above them, as a reader does:

- a paragraph right under a numbered line ('3. Xây dựng kế hoạch … (tối đa 4 điểm)' / 'Thang điểm:
  4 điểm; điểm tự chấm: 3,5 điểm.') is that line's item's, whatever cue opens it;
- under a criterion's heading that gives no points ('TC 2: Thực hiện nhiệm vụ chính trị'), the first
  statement that writes the criterion's own maximum is the criterion's, and under a content's heading
  the statement under it is the content's;
- under a criterion's title, one statement before its first content's title is the criterion's;
- contents scored by name before their criterion's sum ('Đơn vị tự chấm 2,5/3 điểm đối với nội
  dung 1') take their criterion from the title above them;
- lettered lines scored in brackets ('a. (3/3 điểm): Tổ chức …') are the contents of the criterion
  whose title stands above them."""

from conftest import extract_file, scores_of

HEAD = ("UBND HUYỆN MỘ ĐỨC\nPHÒNG TƯ PHÁP\nSố: 31/BC-PTP\n\nBÁO CÁO\n"
        "Tự đánh giá, chấm điểm công tác dân vận chính quyền năm 2024\n\n")


def _scores(tmp_path, name, body):
    path = tmp_path / name
    path.write_text(HEAD + body, "utf-8")
    return {cid: v[:2] for cid, v in scores_of(extract_file(path)).items()}


def test_paragraph_under_a_numbered_line_is_its_item(tmp_path):
    body = """Tiêu chí 1 - Công tác triển khai, quán triệt các văn bản về công tác dân vận (tối đa 10 điểm)

1. Tổ chức quán triệt, triển khai và cụ thể hóa Kết luận số 114-KL/TW của Ban Bí thư (tối đa 3 điểm)

Phòng tổ chức hội nghị quán triệt cho công chức. Bị trừ 0,5 điểm do tổ chức chậm.

2. Xây dựng kế hoạch thực hiện công tác dân vận hàng năm, phân công lãnh đạo phụ trách (tối đa 4 điểm)

Thang điểm: 4 điểm; điểm tự chấm: 3,5 điểm.
"""
    got = _scores(tmp_path, "paragraph_under_numbered_line.txt", body)
    assert got["dvcq.tc1.nd1"] == (3.0, 2.5)
    assert got["dvcq.tc1.nd3"] == (4.0, 3.5)
    assert "dvcq" not in got   # the weak cue is not the report's total


def test_statements_under_headings_without_points(tmp_path):
    body = """TC 2: Thực hiện nhiệm vụ chính trị
Thang điểm 10 điểm, Phòng tự trừ 1 điểm do chậm gửi báo cáo.
Nội dung 2.1. Ban hành văn bản triển khai nhiệm vụ chính trị hằng năm
Phòng hoàn thành nội dung này và tự chấm điểm tối đa.
Nội dung 2.2: Thực hiện tốt công tác phòng, chống tham nhũng, lãng phí
Thang điểm 3 điểm, Phòng tự trừ 1 điểm do kê khai tài sản chậm.
"""
    got = _scores(tmp_path, "statements_under_headings.txt", body)
    assert got["dvcq.tc2"] == (10.0, 9.0)
    assert got["dvcq.tc2.nd1"] == (None, 4.0)   # (full marks: the maximum is not written)
    assert got["dvcq.tc2.nd2"] == (3.0, 2.0)


def test_criterion_statement_before_its_contents_titles(tmp_path):
    body = """1 - Công tác triển khai, quán triệt các văn bản lãnh đạo, chỉ đạo, hướng dẫn về công tác dân vận của chính quyền (tối đa 10 điểm)
Phòng tự trừ 0,5 điểm vì một kế hoạch ban hành chậm.
1.1 - Tổ chức quán triệt, triển khai và cụ thể hóa Kết luận số 114-KL/TW (thang điểm 3)
Đạt điểm tối đa.
1.2 - Tổ chức triển khai, thực hiện có hiệu quả Quyết định số 396-QĐ/TU (3 điểm)
Tự chấm: đạt điểm tối đa 3 điểm.
1.3 - Xây dựng kế hoạch thực hiện công tác dân vận hàng năm (tối đa 4 điểm)
Bị trừ 0,5 điểm do chậm sơ kết.
"""
    got = _scores(tmp_path, "criterion_statement_before_contents.txt", body)
    assert got["dvcq.tc1"] == (10.0, 9.5)
    assert got["dvcq.tc1.nd1"] == (3.0, 3.0) and got["dvcq.tc1.nd3"] == (4.0, 3.5)


def test_contents_named_before_their_criterion_sum(tmp_path):
    body = """1. Công tác triển khai, quán triệt các văn bản lãnh đạo, chỉ đạo, hướng dẫn về công tác dân vận của chính quyền (thang điểm 10)

Phòng tự chấm 2,5/3 điểm đối với nội dung 1 về quán triệt các văn bản của Trung ương.

Phòng tự chấm 3/3 điểm đối với nội dung 2 về triển khai Quy chế công tác dân vận.

Tổng điểm tiêu chí 1 tự chấm: 5,5 điểm.

2. Thực hiện nhiệm vụ chính trị (10 điểm)

Phòng tự chấm 4/4 điểm đối với nội dung 1 về ban hành văn bản triển khai nhiệm vụ chính trị.
"""
    got = _scores(tmp_path, "contents_before_criterion_sum.txt", body)
    assert got["dvcq.tc1.nd1"] == (3.0, 2.5) and got["dvcq.tc1.nd2"] == (3.0, 3.0)
    assert got["dvcq.tc2.nd1"] == (4.0, 4.0)


def test_lettered_lines_scored_in_brackets_under_titles(tmp_path):
    body = """1: Công tác triển khai, quán triệt các văn bản lãnh đạo, chỉ đạo, hướng dẫn về công tác dân vận của chính quyền (thang điểm 10)
a. (2,5/3 điểm): Tổ chức quán triệt, triển khai các văn bản của Trung ương
b. (3/3 điểm): Tổ chức triển khai Quy chế công tác dân vận
2 - Thực hiện nhiệm vụ chính trị (10 điểm)
a. (4/4 điểm): Ban hành văn bản triển khai nhiệm vụ chính trị
b. (2/3 điểm): Thực hiện tốt công tác phòng, chống tham nhũng
"""
    got = _scores(tmp_path, "lettered_lines_in_brackets.txt", body)
    assert {k: v for k, v in got.items() if k.count(".") == 2} == {
        "dvcq.tc1.nd1": (3.0, 2.5), "dvcq.tc1.nd2": (3.0, 3.0), "dvcq.tc2.nd1": (4.0, 4.0), "dvcq.tc2.nd2": (3.0, 2.0)}
