"""Score statements in prose read by the grammar of catalogs/narrative.toml, and checks that fire
only on values that were read. The reports are written here, with wordings of their own."""
import unicodedata

import pytest

from conftest import extract_file, findings_of, scores_of

N = None

# one phrasing per criterion: subject before or after, with or without a verb, the maximum written
# in each usual way, comma and dot decimals
NARRATIVE_PHRASINGS = """BÁO CÁO
Kết quả tự chấm điểm công tác dân vận chính quyền năm 2025 của Trung tâm Khuyến nông

Trung tâm Khuyến nông tự đánh giá, chấm điểm công tác dân vận chính quyền năm 2025 như sau:

Tiêu chí 1 đạt 9,5/10 điểm.

Đối với tiêu chí 2, đơn vị tự chấm 8 điểm trên tổng số 10 điểm.

Tự chấm 7.5 điểm (thang điểm 10) cho tiêu chí 3.

Tiêu chí 4 – điểm chuẩn 10, tự đánh giá: 10 điểm.

Tiêu chí 5: Giải quyết đơn thư khiếu nại, tố cáo của công dân (tối đa 10 điểm): đạt 6 điểm.

Nội dung 1 của tiêu chí 5 được 3 điểm (điểm chuẩn 4).

Trong đó, nội dung 2 đạt 2 điểm và nội dung 3 được 1 điểm.

TC6: 9 điểm.

Tiêu chí 7 (điểm tối đa 10) tự chấm 10 điểm.

Điểm tự chấm tiêu chí 8 là 8 điểm, cơ quan có thẩm quyền chấm 7 điểm.

Ở tiêu chí 9 tổ chức 5 điểm cầu truyền hình; 9 điểm ở tiêu chí 9 (10 điểm tối đa).

Tiêu chí 10 tự chấm 8 điểm.

Tổng số điểm tự chấm: 85/100 điểm.
"""

EXPECTED = {
    "dvcq": (100, 85, N, N, N),
    "dvcq.tc1": (10, 9.5, N, N, N), "dvcq.tc2": (10, 8, N, N, N), "dvcq.tc3": (10, 7.5, N, N, N),
    "dvcq.tc4": (10, 10, N, N, N), "dvcq.tc5": (10, 6, N, N, N),
    "dvcq.tc5.nd1": (4, 3, N, N, N), "dvcq.tc5.nd2": (N, 2, N, N, N), "dvcq.tc5.nd3": (N, 1, N, N, N),
    "dvcq.tc6": (N, 9, N, N, N), "dvcq.tc7": (10, 10, N, N, N), "dvcq.tc8": (N, 8, 7, N, N),
    "dvcq.tc9": (10, 9, N, N, N), "dvcq.tc10": (N, 8, N, N, N),
}


def _write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return path


def test_narrative_phrasings_give_every_score_and_maximum(tmp_path):
    doc = extract_file(_write(tmp_path, "narrative_phrasings.txt", NARRATIVE_PHRASINGS))
    assert doc.framework == "dvcq"
    assert scores_of(doc) == EXPECTED
    assert findings_of(doc) == []
    assert all(s.origin == "narrative" for s in doc.scores)


def test_narrative_values_keep_the_span_of_the_number_written(tmp_path):
    doc = extract_file(_write(tmp_path, "narrative_phrasings.txt", NARRATIVE_PHRASINGS))
    text = doc.model.text
    by_id = {o.criterion_id: o for o in doc.observations if o.values}
    tc1, tc3, tc8 = by_id["dvcq.tc1"].values, by_id["dvcq.tc3"].values, by_id["dvcq.tc8"].values
    assert (text[tc1["self_score"].start:tc1["self_score"].end], tc1["self_score"].raw) == ("9,5", "9,5")
    assert text[tc3["max_points"].start:tc3["max_points"].end] == "10"
    assert text[tc3["self_score"].start:tc3["self_score"].end] == "7.5"
    assert text[tc8["authority_score"].start - 25:tc8["authority_score"].end].endswith("thẩm quyền chấm 7")
    assert by_id["dvcq.tc5"].label == "Giải quyết đơn thư khiếu nại, tố cáo của công dân"


def test_narrative_written_in_nfd_reads_as_nfc(tmp_path):
    nfd = unicodedata.normalize("NFD", NARRATIVE_PHRASINGS)
    assert nfd != NARRATIVE_PHRASINGS
    doc = extract_file(_write(tmp_path, "narrative_phrasings_nfd.txt", nfd))
    assert doc.model.text == NARRATIVE_PHRASINGS
    assert scores_of(doc) == EXPECTED


def test_a_count_of_places_is_not_a_score(tmp_path):
    doc = extract_file(_write(tmp_path, "count_not_score.txt", NARRATIVE_PHRASINGS))
    tc9 = [o for o in doc.observations if o.criterion_id == "dvcq.tc9"]
    assert [o.get("self_score") for o in tc9] == [9]


# a sheet whose cells cannot all be read: the checks must not turn them into arithmetic
UNREAD_SHEET = """BÁO CÁO
Tự đánh giá, chấm điểm công tác dân vận chính quyền năm 2025 của Chi cục Thủy lợi

TT\tNội dung tiêu chí\tThang điểm\tĐiểm tự chấm\tTài liệu kiểm chứng
\tTiêu chí 2: Thực hiện nhiệm vụ chính trị\t10\t9\t
Nội dung 1\tBan hành văn bản triển khai, thực hiện hiệu quả nhiệm vụ chính trị hằng năm\t4\t4\t
Nội dung 2\tThực hiện tốt công tác phòng, chống tham nhũng, lãng phí, thực hành tiết kiệm\t3\tĐang tổng hợp\t
Nội dung 3\tKịp thời sửa đổi, bổ sung các quy định, quy trình giải quyết công việc\t3\t\t
\tTiêu chí 6: Thực hiện quy định về đạo đức công vụ, văn hoá công sở\t10\t7\t
Nội dung 1\tXây dựng ban hành và thực hiện nghiêm văn hóa công sở và quy tắc ứng xử\t3\t3\t
Nội dung 2\tCán bộ, công chức, viên chức thực hiện tốt chuẩn mực đạo đức, phong cách\t3\t3\t
Nội dung 3\tTăng cường công tác kiểm tra, thanh tra công vụ\t2\t2\t
Nội dung 4\tKhông có cán bộ, công chức, viên chức suy thoái về tư tưởng, chính trị\t2\t\t
\tTổng cộng\t20\t16\t
"""


def test_unread_items_are_reported_once_never_as_a_mismatch(tmp_path):
    doc = extract_file(_write(tmp_path, "sheet_with_unread_cells.txt", UNREAD_SHEET))
    assert scores_of(doc) == {
        "dvcq": (20, 16, N, N, N),
        "dvcq.tc2": (10, 9, N, N, N), "dvcq.tc2.nd1": (4, 4, N, N, N), "dvcq.tc2.nd2": (3, N, N, N, N),
        "dvcq.tc2.nd3": (3, N, N, N, N),
        "dvcq.tc6": (10, 7, N, N, N), "dvcq.tc6.nd1": (3, 3, N, N, N), "dvcq.tc6.nd2": (3, 3, N, N, N),
        "dvcq.tc6.nd3": (2, 2, N, N, N), "dvcq.tc6.nd4": (2, N, N, N, N),
    }
    # tc2: 4 read of 9, two items unread: no arithmetic finding. tc6: the items read (8) already
    # exceed the 7 stated, whatever the unread one holds: a real mismatch.
    assert findings_of(doc) == [("dvcq", "unread_item_values"), ("dvcq.tc6", "subtotal_mismatch")]
    unread = [f for f in doc.findings if f.kind == "unread_item_values"]
    assert len(unread) == 1
    assert unread[0].message.endswith(": dvcq.tc2.nd2 self_score, dvcq.tc2.nd3 self_score, dvcq.tc6.nd4 self_score")


# points stated in the text under a heading that has none, the heading's own points as the maximum
# once a verb gives the self score, a bare number before the maximum, 'x điểm/y điểm'
POINTS_UNDER_HEADINGS = """BÁO CÁO
Kết quả tự chấm điểm công tác dân vận chính quyền năm 2025 của Ban Quản lý các khu công nghiệp

1. Tiêu chí 1: Công tác triển khai, quán triệt các văn bản lãnh đạo, chỉ đạo, hướng dẫn về công tác dân vận

Ban Quản lý đã ban hành 03 kế hoạch triển khai trong năm.
Tự chấm: 9 điểm.

2. Tiêu chí 2 (10 điểm): tự chấm 8 điểm, cơ quan có thẩm quyền chấm 7,5 điểm.

3. Tiêu chí 3: Thực hiện công tác cải cách hành chính

Đã bố trí 4 điểm tiếp nhận hồ sơ. Đơn vị tự đánh giá đạt 9 trên 10 điểm.

4. Tiêu chí 4: Tiếp tục thực hiện tốt phong trào thi đua “Dân vận khéo”

Nội dung 2 đạt 2 điểm/3 điểm.
"""


def test_points_under_a_heading_and_maximum_written_first(tmp_path):
    doc = extract_file(_write(tmp_path, "points_under_headings.txt", POINTS_UNDER_HEADINGS))
    assert scores_of(doc) == {
        "dvcq.tc1": (N, 9, N, N, N), "dvcq.tc2": (10, 8, 7.5, N, N), "dvcq.tc3": (10, 9, N, N, N),
        "dvcq.tc4.nd2": (3, 2, N, N, N),
    }
    assert findings_of(doc) == []
    tc1 = next(o for o in doc.observations if o.criterion_id == "dvcq.tc1")
    text = doc.model.text
    assert text[tc1.start:tc1.end].startswith("1. Tiêu chí 1:") and text[tc1.start:tc1.end].endswith("Tự chấm: 9 điểm.")
    assert tc1.label == "Công tác triển khai, quán triệt các văn bản lãnh đạo, chỉ đạo, hướng dẫn về công tác dân vận"


@pytest.mark.parametrize("fmt", ["docx", "html", "pdf"])
@pytest.mark.parametrize("name", ["NARRATIVE_PHRASINGS", "POINTS_UNDER_HEADINGS", "UNREAD_SHEET"])
def test_renditions_of_the_grammar_fixtures_give_the_same_results(name, fmt, tmp_path):
    import os

    from renditions import FONT_DIR, write_docx, write_html, write_pdf
    if fmt == "pdf" and not os.path.exists(f"{FONT_DIR}/DejaVuSans.ttf"):
        pytest.skip(f"the DejaVu font is not installed in {FONT_DIR} (Debian: fonts-dejavu-core)")
    text = globals()[name]
    a = extract_file(_write(tmp_path, f"{name.lower()}.txt", text))
    out = tmp_path / f"{name.lower()}.{fmt}"
    {"docx": write_docx, "html": write_html, "pdf": write_pdf}[fmt](text, out)
    b = extract_file(out)
    assert scores_of(b) == scores_of(a)
    assert findings_of(b) == findings_of(a)


# the emulation sheet in prose: maxima and bonuses in the statements; section 3 states no bonus,
# which is not read as a zero (no false arithmetic on the total's bonus maximum)
TDKT_PROSE = """BÁO CÁO
Tổng kết công tác thi đua, khen thưởng năm 2025 của Sở Giao thông vận tải

Nội dung 1: Thi đua thực hiện kế hoạch phát triển kinh tế - xã hội, bảo đảm quốc phòng, an ninh: tự chấm 640/650 điểm; điểm thưởng 28/30 điểm.

Nội dung 2: Thực hiện các chủ trương của Đảng, chính sách, pháp luật của Nhà nước (200 điểm): tự chấm 195 điểm, điểm thưởng tự chấm 8 điểm (tối đa 10 điểm).

Nội dung 3 đạt 100/100 điểm.

Tổng cộng: 935/950 điểm, điểm thưởng 36/50 điểm.
"""


def test_emulation_sheet_in_prose_with_bonuses(tmp_path):
    doc = extract_file(_write(tmp_path, "tdkt_prose_bonuses.txt", TDKT_PROSE))
    assert doc.framework == "tdkt-tmth"
    assert scores_of(doc) == {
        "tdkt-tmth": (950, 935, N, 50, 36), "tdkt-tmth.nd1": (650, 640, N, 30, 28),
        "tdkt-tmth.nd2": (200, 195, N, 10, 8), "tdkt-tmth.nd3": (100, 100, N, N, N),
    }
    assert findings_of(doc) == []


# short forms, points taken off, 'thứ', the maximum after a colon, 'x điểm/y điểm'
SHORT_FORMS = """BÁO CÁO
Kết quả tự chấm điểm công tác dân vận chính quyền năm 2025 của Đài Phát thanh - Truyền hình

TC1: 10đ; TC2: 9đ; TC3: 8,5đ.

Tiêu chí thứ 4 bị trừ 1 điểm do chậm báo cáo, còn 9 điểm.

Tiêu chí 5: 9 điểm (điểm tối đa: 10).

Tiêu chí 6 – Tự chấm: 10 điểm/10 điểm.

Điểm tự chấm của tiêu chí 7: 8 điểm.

Tiêu chí 8: Thực hiện quy chế dân chủ ở cơ sở

Nội dung 1: Đạt (5/5 điểm)
"""


def test_short_forms_and_points_taken_off(tmp_path):
    doc = extract_file(_write(tmp_path, "short_forms_points_taken_off.txt", SHORT_FORMS))
    assert scores_of(doc) == {
        "dvcq.tc1": (N, 10, N, N, N), "dvcq.tc2": (N, 9, N, N, N), "dvcq.tc3": (N, 8.5, N, N, N),
        "dvcq.tc4": (N, 9, N, N, N), "dvcq.tc5": (10, 9, N, N, N), "dvcq.tc6": (10, 10, N, N, N),
        "dvcq.tc7": (N, 8, N, N, N), "dvcq.tc8.nd1": (5, 5, N, N, N),
    }
    assert findings_of(doc) == []


def test_mục_as_subject_inside_its_section(tmp_path):
    text = ("BÁO CÁO\nTổng kết công tác thi đua, khen thưởng năm 2025 của Sở Công Thương\n\n"
            "Mục 1 của Nội dung 1 đạt 380/400 điểm; mục 2 đạt 45 điểm (tối đa 50 điểm).\n\n"
            "Nội dung 3 đạt 100/100 điểm.\n")
    doc = extract_file(_write(tmp_path, "muc_inside_noi_dung.txt", text))
    assert doc.framework == "tdkt-tmth"
    assert scores_of(doc) == {"tdkt-tmth.nd1.1": (400, 380, N, N, N), "tdkt-tmth.nd1.2": (50, 45, N, N, N),
                              "tdkt-tmth.nd3": (100, 100, N, N, N)}
