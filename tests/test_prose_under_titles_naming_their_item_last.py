"""Prose whose criteria are introduced by a title that names its item last, in brackets
('5. Giải quyết đơn thư khiếu nại, tố cáo (Tiêu chí 5)'), with short statements under it:

- the title is the item's heading: 'Điểm tự chấm: 8.' under it is the item's score (a number
  closing the clause after a scoring label), 'Tối đa 10 điểm.' its maximum, 'Tiêu chí này có điểm
  tối đa là 10 điểm.' too (the paragraph names no item: 'tiêu chí này' is the heading's);
- a total's comparison with another year, said aside in brackets ('(năm 2023 … đạt 92 điểm)'), is
  no value of this year's total."""

from conftest import extract_file, scores_of

HEAD = ("UBND THÀNH PHỐ QUẢNG NGÃI\nUBND PHƯỜNG NGHĨA LỘ\nSố: 31/BC-UBND\n\nBÁO CÁO\n"
        "Kết quả tự đánh giá công tác dân vận chính quyền năm 2024\n\n")


def test_statements_under_titles_that_name_their_item_last(tmp_path):
    path = tmp_path / "titles_naming_item_last.txt"
    path.write_text(HEAD + """1. Công tác triển khai, quán triệt (Tiêu chí 1)
Ban hành Kế hoạch số 04/KH-UBND ngày 10/01/2024 về công tác dân vận chính quyền.
Điểm tự chấm: 9,5.

2. Công tác cải cách hành chính (Tiêu chí 3)
Niêm yết công khai 142 thủ tục hành chính tại Bộ phận Một cửa.
Tiêu chí này có điểm tối đa là 10 điểm.

3. Giải quyết đơn thư khiếu nại, tố cáo (Tiêu chí 5)
Tiếp nhận 27 đơn, đã giải quyết 25 đơn.
Tối đa 10 điểm.
Điểm tự chấm: 8.

Tổng điểm tự chấm: 87 điểm (năm 2023 phường đạt 92 điểm).
""", "utf-8")
    doc = extract_file(path)
    assert doc.framework == "dvcq"
    got = scores_of(doc)
    assert got["dvcq.tc1"][1] == 9.5
    assert got["dvcq.tc3"][0] == 10
    assert got["dvcq.tc5"][:2] == (10, 8)
    assert got["dvcq"][1] == 87


def test_a_numbered_line_naming_its_item_by_initials(tmp_path):
    # '3. CCHC: …' names its criterion by the initials of words of its name; '4. Hội thi văn nghệ …'
    # names nothing and stays no one's; '14/15 chỉ tiêu' counts targets, it is no score
    path = tmp_path / "numbered_by_initials.txt"
    path.write_text(HEAD + """1. Triển khai, quán triệt văn bản – Tự chấm: 10đ
tc 2 (nhiệm vụ chính trị) — 09 điểm. Thị trấn đạt 14/15 chỉ tiêu Nghị quyết HĐND.
3. CCHC: niêm yết đầy đủ 118 TTHC; có 01 hồ sơ trễ hẹn, điểm tự chấm là 9,5.
4. Hội thi văn nghệ của ngành: đơn vị đạt 8 điểm.
""", "utf-8")
    got = scores_of(extract_file(path))
    assert got["dvcq.tc1"][1] == 10
    assert got["dvcq.tc2"][1] == 9
    assert got["dvcq.tc3"][1] == 9.5
    assert "dvcq.tc4" not in got


def test_paragraphs_led_by_their_items_name(tmp_path):
    # no number anywhere: each paragraph opens with its criterion's name before a colon or a comma,
    # and its statement names no item; a paragraph whose lead names nothing stays no one's
    path = tmp_path / "paragraphs_led_by_names.txt"
    path.write_text(HEAD + """Về công tác triển khai, quán triệt các văn bản lãnh đạo, chỉ đạo, hướng dẫn về công tác dân vận của chính quyền: ban hành Kế hoạch số 18/KH-UBND ngày 20/02/2024. Tiêu chí này đơn vị tự đánh giá đạt 10/10 điểm.

Đối với việc thực hiện nhiệm vụ chính trị, UBND phường tự chấm 9 điểm.

Công tác cải cách hành chính được xác định là nhiệm vụ trọng tâm; còn 03 hồ sơ trễ hẹn. Vì vậy, đơn vị tự chấm 9 điểm trên thang điểm 10.

Tổ chức tiếp công dân, đối thoại với Nhân dân: bố trí phòng tiếp công dân tại Bộ phận một cửa. Đạt 10 điểm.

Hội thao của phường năm nay, đơn vị đạt 8 điểm.
""", "utf-8")
    got = scores_of(extract_file(path))
    assert got["dvcq.tc1"][:2] == (10, 10)
    assert got["dvcq.tc2"][1] == 9
    assert got["dvcq.tc3"][:2] == (10, 9)
    assert got["dvcq.tc9"][1] == 10
    assert set(got) == {"dvcq.tc1", "dvcq.tc2", "dvcq.tc3", "dvcq.tc9"}
