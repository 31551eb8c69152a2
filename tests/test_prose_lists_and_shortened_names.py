"""Prose that scores contents in lists, and names them shorter than the framework does:

- 'Trong đó: a) …: 3 điểm; b) …: 3 điểm; c) …: 4 điểm.' after the criterion's own statement: the
  points listed are its contents' in the framework's order, only when they are as many as its
  contents, each within its content's maximum, and add up to the criterion's score;
- 'Nội dung 1 và nội dung 2 đạt điểm tối đa (lần lượt là 2 điểm và 3 điểm)' on a line of its own:
  'lần lượt' gives each item named its own value, in order;
- 'TC3. … (tự chấm: 10 điểm)' / 'Nội dung 3.2 - Niêm yết công khai …: đạt 3 điểm.': items named with
  the framework's own marker words and numbers but shortened names are the framework's (the
  report is not read as a sheet of its own)."""

from conftest import extract_file, scores_of

HEAD = ("UBND TỈNH QUẢNG NGÃI\nSỞ KHOA HỌC VÀ CÔNG NGHỆ\nSố: 140/BC-SKHCN\n\nBÁO CÁO\n"
        "Tự đánh giá, chấm điểm công tác dân vận chính quyền năm 2025\n\n")


def _read(tmp_path, name, body):
    path = tmp_path / name
    path.write_text(HEAD + body, "utf-8")
    return extract_file(path)


def test_lettered_points_after_the_criterion_statement(tmp_path):
    doc = _read(tmp_path, "lettered_points_after_criterion.txt", """Tiêu chí 1 - Công tác triển khai, quán triệt văn bản về dân vận (tối đa 10 điểm): tự chấm 9,5 điểm.

Sở ban hành Kế hoạch số 20/KH-SKHCN ngày 10/02/2025 về công tác dân vận chính quyền.

Trong đó: a) quán triệt văn bản của Trung ương và của tỉnh: 3 điểm; b) thực hiện Quy chế công tác dân vận: 2,5 điểm; c) kế hoạch, phân công lãnh đạo phụ trách, sơ kết: 4 điểm.

Tiêu chí 2 - Thực hiện nhiệm vụ chính trị (tối đa 10 điểm): tự chấm 10 điểm.

Trong đó: a) văn bản thực hiện nhiệm vụ chính trị: 4 điểm; b) phòng, chống tham nhũng: 3 điểm.
""")
    got = {cid: v[:2] for cid, v in scores_of(doc).items()}
    assert got["dvcq.tc1.nd1"] == (None, 3.0) and got["dvcq.tc1.nd2"] == (None, 2.5) and got["dvcq.tc1.nd3"] == (None, 4.0)
    # two points for three contents, adding to 7 and not 10: none of them is placed
    assert not any(cid.startswith("dvcq.tc2.") for cid in got)


def test_respectively_on_a_line_of_its_own(tmp_path):
    doc = _read(tmp_path, "respectively_on_its_own_line.txt", """Tiêu chí 3. Thực hiện công tác cải cách hành chính (tự chấm 9/10 điểm)

Nội dung 1 và nội dung 2 đạt điểm tối đa (lần lượt là 2 điểm và 3 điểm); nội dung 3 chỉ đạt 1 điểm do còn hồ sơ trễ hẹn; nội dung 4 đạt 3 điểm.

Tiêu chí 4. Phong trào thi đua “Dân vận khéo” (tự chấm 9,5/10 điểm)

Điểm các nội dung 1, 2, 3 lần lượt là 4; 2,5 và 3 điểm.
""")
    got = {cid: v[:2] for cid, v in scores_of(doc).items()}
    assert [got[f"dvcq.tc3.nd{k}"][1] for k in (1, 2, 3, 4)] == [2.0, 3.0, 1.0, 3.0]
    assert [got[f"dvcq.tc4.nd{k}"][1] for k in (1, 2, 3)] == [4.0, 2.5, 3.0]


def test_framework_marker_words_with_shortened_names(tmp_path):
    doc = _read(tmp_path, "marker_words_shortened_names.txt", """TC1. Triển khai, quán triệt văn bản về công tác dân vận (tự chấm: 10 điểm)
Nội dung 1.1 - Quán triệt Kết luận số 114-KL/TW và các chỉ thị: đạt 3 điểm.
Nội dung 1.2 - Triển khai Quy chế công tác dân vận: đạt 3 điểm.
Nội dung 1.3 - Kế hoạch hằng năm, phân công lãnh đạo phụ trách: đạt 4 điểm.
TC2. Thực hiện nhiệm vụ chính trị (tự chấm: 9,5 điểm)
Nội dung 2.1 - Văn bản triển khai nhiệm vụ chính trị: đạt 4 điểm.
Nội dung 2.2 - Phòng, chống tham nhũng, lãng phí: đạt 2,5 điểm.
Nội dung 2.3 - Sửa đổi quy định, quy trình giải quyết công việc: đạt 3 điểm.
TC3. Cải cách hành chính (tự chấm: 10 điểm)
Nội dung 3.1 - Triển khai công tác CCHC hiệu quả: đạt 2 điểm.
Nội dung 3.2 - Niêm yết công khai thủ tục hành chính: đạt 3 điểm.
Nội dung 3.3 - Kiểm tra nội bộ, không để hồ sơ trễ hẹn: đạt 2 điểm.
Nội dung 3.4 - Xử lý hồ sơ trên môi trường điện tử: đạt 3 điểm.
""")
    assert doc.framework == "dvcq"
    got = {cid: v[1] for cid, v in scores_of(doc).items()}
    assert got["dvcq.tc2"] == 9.5 and got["dvcq.tc2.nd2"] == 2.5 and got["dvcq.tc3.nd4"] == 3.0


def test_lettered_paragraphs_scored_in_square_brackets_before_the_criterion_result(tmp_path):
    # each content its own paragraph ending in '[3 điểm]', the criterion's result after them: the
    # points listed since the criterion's heading are its contents' when they add up to the result
    doc = _read(tmp_path, "lettered_paragraphs_before_result.txt", """I. Tiêu chí thứ nhất – Công tác triển khai, quán triệt các văn bản về công tác dân vận

a) Quán triệt các văn bản của Trung ương, của tỉnh tại hội nghị giao ban tháng 02/2025 [3 điểm].

b) Thực hiện Quy chế công tác dân vận của hệ thống chính trị [2,5 điểm].

c) Ban hành Kế hoạch số 11/KH-SKHCN ngày 03/3/2025, phân công lãnh đạo phụ trách [4 điểm].

Điểm tự chấm tiêu chí thứ nhất: 9,5/10 điểm.
""")
    got = {cid: v[:2] for cid, v in scores_of(doc).items()}
    assert got["dvcq.tc1"] == (10.0, 9.5)
    assert [got[f"dvcq.tc1.nd{k}"][1] for k in (1, 2, 3)] == [3.0, 2.5, 4.0]
