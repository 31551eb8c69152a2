"""Prose whose marker words are not the framework's, placed by the framework's structure:

- 'Tiêu chí 2 (…): 20/20 điểm, thưởng 1/1' under 'Nội dung 2' of the emulation framework (whose
  levels are 'nội dung' and 'mục'): the item numbered 2 inside the section open above, whose maxima
  are the ones written, is the one named;
- 'TC 1 - thang điểm 650 …' then 'ND1. Điểm chuẩn 400 …': a unit numbering the sections with the
  other framework's words ('ND' is the emulation framework's word for its sections, but no section
  is worth 400): the maxima place each line in the open section, and the word keeps that depth for
  the rest of the report ('ND2 - đạt điểm tối đa.' with no maximum written);
- a line whose words are not the framework's and whose maxima fit no item in place stays unplaced
  (no value is moved to fit)."""

from conftest import extract_file, scores_of

HEAD = ("UBND TỈNH QUẢNG NGÃI\nSỞ TƯ PHÁP\nSố: 2417/BC-STP\n\nBÁO CÁO\n"
        "Tổng kết công tác thi đua, khen thưởng năm 2021\n\n"
        "Sở Tư pháp tự chấm điểm theo Bảng tiêu chí của Khối thi đua các cơ quan Tham mưu - Tổng hợp như sau:\n\n")


def _read(tmp_path, name, body):
    path = tmp_path / name
    path.write_text(HEAD + body, "utf-8")
    return extract_file(path)


def test_criteria_inside_a_section_of_the_emulation_framework(tmp_path):
    doc = _read(tmp_path, "tieu_chi_inside_noi_dung.txt", """Nội dung 2. Thực hiện các chủ trương của Đảng, chính sách, pháp luật của Nhà nước (điểm chuẩn 200, điểm thưởng 10).

- Tiêu chí 1 (học tập, quán triệt các chủ trương của Đảng): 20/20 điểm, thưởng 1/1.
- Tiêu chí 2 (học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh): 20/20 điểm, thưởng 1/1.
- Tiêu chí 6 (xây dựng tổ chức cơ sở Đảng): tự chấm 15/20 điểm, điểm thưởng 1/2.
- Tiêu chí 7 (xây dựng tổ chức các đoàn thể): 60/60 điểm, điểm thưởng 2/2.

Nội dung 3. Tổ chức thực hiện tốt các chủ trương, nhiệm vụ công tác thi đua, khen thưởng (điểm chuẩn 100, điểm thưởng 10).

Tiêu chí 7 (tổ chức bộ máy, cán bộ làm công tác thi đua, khen thưởng): 10/10 điểm, không chấm điểm thưởng (0/1).
""")
    assert doc.framework == "tdkt-tmth"
    got = scores_of(doc)
    assert got["tdkt-tmth.nd2.1"] == (20, 20, None, 1, 1)
    assert got["tdkt-tmth.nd2.2"] == (20, 20, None, 1, 1)
    assert got["tdkt-tmth.nd2.6"] == (20, 15, None, 2, 1)
    assert got["tdkt-tmth.nd2.7"] == (60, 60, None, 2, 2)
    assert got["tdkt-tmth.nd3.7"] == (10, 10, None, 1, 0)


def test_a_units_own_words_for_the_levels_keep_the_depth_the_maxima_gave_them(tmp_path):
    doc = _read(tmp_path, "tc_nd_words_in_emulation_report.txt", """TC 1 - thang điểm 650 điểm, đơn vị tự trừ 22 điểm do chưa tổ chức sơ kết theo kế hoạch. Tự chấm điểm thưởng: 28 điểm.

ND1. Điểm chuẩn 400 điểm, đơn vị tự chấm 399 điểm. Tự chấm điểm thưởng: 20 điểm.

1.1: điểm chuẩn 100 điểm, đơn vị tự chấm 100 điểm.

ND2: điểm chuẩn 50 điểm, đơn vị tự chấm 32 điểm.

TC 2. Điểm tối đa 200 điểm; bị trừ 2 điểm vì chưa tổ chức sơ kết theo kế hoạch. Tự chấm điểm thưởng: 10 điểm.

ND1. Điểm chuẩn 20 điểm, đơn vị tự chấm 20 điểm.

ND2 - đạt điểm tối đa. Điểm cộng (thưởng) đơn vị tự chấm: 1 điểm.
""")
    assert doc.framework == "tdkt-tmth"
    got = scores_of(doc)
    assert got["tdkt-tmth.nd1"][:2] == (650, 628)
    assert got["tdkt-tmth.nd1.1"][:2] == (400, 399)
    assert got["tdkt-tmth.nd1.1.1"][:2] == (100, 100)
    assert got["tdkt-tmth.nd1.2"][:2] == (50, 32)
    assert got["tdkt-tmth.nd2"][:2] == (200, 198)
    assert got["tdkt-tmth.nd2.1"][:2] == (20, 20)
    # no maximum written: 'ND' names a criterion of the section here, as the lines above showed
    assert got["tdkt-tmth.nd2.2"][1] == 20 and got["tdkt-tmth.nd2.2"][4] == 1


def test_maxima_that_fit_no_item_in_place_leave_the_line_unplaced(tmp_path):
    doc = _read(tmp_path, "tieu_chi_with_foreign_maxima.txt", """Nội dung 2. Thực hiện các chủ trương của Đảng, chính sách, pháp luật của Nhà nước (điểm chuẩn 200, điểm thưởng 10).

- Tiêu chí 2 (một việc khác hẳn): 25/25 điểm.
""")
    got = scores_of(doc)
    assert got["tdkt-tmth.nd2"][0] == 200
    assert "tdkt-tmth.nd2.2" not in got
    assert any(f.kind == "unmapped_item" for f in doc.findings)


def test_a_section_titled_with_its_part_word_opens_its_items(tmp_path):
    # 'PHẦN I. <the section's name>' without points is no heading the grammar reads: as a line that
    # may be a title, the framework takes it for its section, and 'Mục 1.1' under '1. <item's name>'
    # is the section's item 1.1; maxima alone in a sentence naming no item are those of the next
    # sentence's points ('Điểm chuẩn 400, điểm thưởng tối đa 20; tự chấm 395 điểm, …')
    doc = _read(tmp_path, "phan_title_and_maxima_sentence.md", """## PHẦN I. THI ĐUA THỰC HIỆN KẾ HOẠCH PHÁT TRIỂN KINH TẾ - XÃ HỘI, BẢO ĐẢM QUỐC PHÒNG, AN NINH

Nội dung này có điểm chuẩn 650 điểm, điểm thưởng tối đa 30 điểm. Sở tự chấm **640 điểm**, điểm thưởng **27 điểm**.

### 1. Công tác quản lý nhà nước theo ngành, lĩnh vực; tham mưu cho lãnh đạo cấp trên

Điểm chuẩn 400, điểm thưởng tối đa 20; tự chấm 390 điểm, điểm thưởng 17 điểm. Cụ thể:

- Mục 1.1 - Lãnh đạo, chỉ đạo triển khai toàn diện các mặt công tác (100 điểm): tự chấm 95 điểm.
- Mục 1.2 - Chủ động tham mưu cho UBND tỉnh (50 điểm): tự chấm 50 điểm.

## PHẦN III. TỔ CHỨC THỰC HIỆN CÔNG TÁC THI ĐUA, KHEN THƯỞNG

- Mục 5 (thẩm định hồ sơ khen thưởng): 10/10, thưởng 1/1.
""")
    assert doc.framework == "tdkt-tmth"
    got = scores_of(doc)
    assert got["tdkt-tmth.nd1"] == (650, 640, None, 30, 27)
    assert got["tdkt-tmth.nd1.1"] == (400, 390, None, 20, 17)
    assert got["tdkt-tmth.nd1.1.1"][:2] == (100, 95)
    assert got["tdkt-tmth.nd1.1.2"][:2] == (50, 50)
    assert got["tdkt-tmth.nd3.5"] == (10, 10, None, 1, 1)


def test_numbered_paragraphs_with_the_bonus_in_the_clause_after(tmp_path):
    # '(400 điểm, thưởng 20 điểm)' after the item's name is what it and its bonus are worth; the
    # bonus given alone in the clause after a semicolon is the statement's before it, and 'điểm
    # thưởng tối đa 1 điểm, đơn vị tự chấm 2 điểm' is the bonus's maximum and its score (above it)
    doc = _read(tmp_path, "bonus_in_the_clause_after.txt", """I. NỘI DUNG 1 - THI ĐUA THỰC HIỆN KẾ HOẠCH PHÁT TRIỂN KINH TẾ - XÃ HỘI, BẢO ĐẢM QUỐC PHÒNG, AN NINH

1. Công tác quản lý nhà nước theo ngành, lĩnh vực phụ trách (400 điểm, thưởng 20 điểm): Sở tự chấm 390 điểm và 18 điểm thưởng.

4. Về cải cách hành chính: điểm chuẩn 50, tự chấm 48 điểm; điểm thưởng tối đa 2, tự chấm 1 điểm (Chỉ số CCHC xếp thứ 8/20).

II. NỘI DUNG 2 - THỰC HIỆN CHỦ TRƯƠNG CỦA ĐẢNG, CHÍNH SÁCH, PHÁP LUẬT CỦA NHÀ NƯỚC

3. Triển khai thực hiện quy chế dân chủ cơ sở: điểm chuẩn 20, tự chấm 20 điểm; điểm thưởng tối đa 1 điểm, đơn vị tự chấm 2 điểm vì có sáng kiến được công nhận.
""")
    got = scores_of(doc)
    assert got["tdkt-tmth.nd1.1"] == (400, 390, None, 20, 18)
    assert got["tdkt-tmth.nd1.4"] == (50, 48, None, 2, 1)
    assert got["tdkt-tmth.nd2.3"] == (20, 20, None, 1, 2)
    assert ("tdkt-tmth.nd2.3", "self_exceeds_max") in {(f.criterion_id, f.kind) for f in doc.findings}


def test_a_dotted_number_under_a_word_the_framework_does_not_use_is_the_items_path(tmp_path):
    # dvcq numbers its contents 1, 2, …; 'mục 2.1 đạt 4/4 điểm' names the first content of the second
    # criterion, whose maximum is the one written ('mục' is no dvcq word)
    path = tmp_path / "muc_dotted_in_dvcq.txt"
    path.write_text("UBND XÃ NGHĨA KỲ\nSố: 12/BC-UBND\n\nBÁO CÁO\nTự chấm điểm công tác dân vận chính quyền năm 2024\n\n"
                    "2. TC 2 - Thực hiện nhiệm vụ chính trị: 10/10 điểm. Trong đó mục 2.1 đạt 4/4 điểm, "
                    "mục 2.2 đạt 3/3 điểm, mục 2.3 đạt 3/3 điểm.\n", "utf-8")
    got = scores_of(extract_file(path))
    assert got["dvcq.tc2"][:2] == (10, 10)
    assert [got[f"dvcq.tc2.nd{k}"][:2] for k in (1, 2, 3)] == [(4, 4), (3, 3), (3, 3)]
