"""Small reports written by hand in the wordings and layouts of units never seen (issue 20), each
named after the miss it caught; every value is the one the report writes."""
import docx
import pytest

from conftest import extract_file, findings_of, scores_of

N = None


def _write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_heading_points_are_the_maximum_when_the_self_score_is_stated_under_it(tmp_path):
    # a heading '(10 điểm)' then 'Tự chấm: 9 điểm.' under it; the class stated mid-line after the total
    path = _write(tmp_path, "heading_points_then_self_score_under_it.txt", (
        "UBND PHƯỜNG NGHĨA LỘ\nSố: 12/BC-UBND\n\nNghĩa Lộ, ngày 02 tháng 12 năm 2024\n\n"
        "BÁO CÁO\nTự đánh giá công tác dân vận chính quyền năm 2024\n\n"
        "Tiêu chí 1: Công tác triển khai, quán triệt các văn bản lãnh đạo, chỉ đạo (10 điểm)\n\n"
        "Phường đã quán triệt đầy đủ các văn bản.\n\nTự chấm: 10 điểm.\n\n"
        "Tiêu chí 2: Thực hiện nhiệm vụ chính trị (10 điểm)\n\nCòn 01 chỉ tiêu chưa đạt.\n\nTự chấm: 8,5 điểm.\n\n"
        "Tiêu chí 3: Thực hiện công tác cải cách hành chính (10 điểm)\n\nTự chấm: 9 điểm.\n\n"
        "Tổng điểm: 27,5/30 điểm. Xếp loại: Hoàn thành tốt nhiệm vụ.\n"))
    doc = extract_file(path)
    assert doc.framework == "dvcq"
    assert scores_of(doc) == {"dvcq": (30, 27.5, N, N, N), "dvcq.tc1": (10, 10, N, N, N),
                              "dvcq.tc2": (10, 8.5, N, N, N), "dvcq.tc3": (10, 9, N, N, N)}
    assert doc.metadata.classification == "tot"


def test_contents_named_by_dotted_numbers_in_running_text(tmp_path):
    # 'nội dung 3.2' is content 2 of tiêu chí 3; the inner items after a heading's colon; a note
    # paragraph of a DOCX does not swallow the total in the next one
    path = tmp_path / "contents_by_dotted_numbers.docx"
    d = docx.Document()
    for line in ["SỞ XÂY DỰNG", "Số: 77/BC-SXD", "BÁO CÁO", "Tự chấm điểm công tác dân vận chính quyền năm 2024",
                 "1. Tiêu chí 1 (10 điểm): tự chấm 10 điểm; trong đó nội dung 1.1 đạt 3đ, nội dung 1.2 đạt 3đ, "
                 "nội dung 1.3 đạt 4đ.",
                 "2. Tiêu chí 3 – cải cách hành chính: nội dung 3.1: 2đ; nội dung 3.2: 2,5đ; nội dung 3.3: 2đ; "
                 "nội dung 3.4: 3đ. Cộng tiêu chí 3: 9,5 điểm.",
                 "Ghi chú: nội dung 3.2 được tối đa 3 điểm nếu có văn bản điện tử toàn trình.",
                 "Tổng cộng 2 tiêu chí, Sở tự chấm 19,5 điểm."]:
        d.add_paragraph(line)
    d.save(path)
    doc = extract_file(path)
    assert doc.framework == "dvcq"
    assert scores_of(doc) == {
        "dvcq": (N, 19.5, N, N, N), "dvcq.tc1": (10, 10, N, N, N), "dvcq.tc1.nd1": (N, 3, N, N, N),
        "dvcq.tc1.nd2": (N, 3, N, N, N), "dvcq.tc1.nd3": (N, 4, N, N, N), "dvcq.tc3": (N, 9.5, N, N, N),
        "dvcq.tc3.nd1": (N, 2, N, N, N), "dvcq.tc3.nd2": (N, 2.5, N, N, N), "dvcq.tc3.nd3": (N, 2, N, N, N),
        "dvcq.tc3.nd4": (N, 3, N, N, N)}


def test_sheet_sections_numbered_by_capital_letters_and_a_marked_cell(tmp_path):
    path = _write(tmp_path, "sheet_sections_by_capital_letters.txt", (
        "SỞ THÔNG TIN VÀ TRUYỀN THÔNG\nSố: 90/BC-STTTT\n\nBÁO CÁO\nTự đánh giá chỉ số chuyển đổi số năm 2024\n\n"
        "STT\tChỉ số\tĐiểm tối đa\tĐiểm tự đánh giá\n"
        "A\tNhận thức số\t10\t9,5 (*)\n1\tKế hoạch chuyển đổi số\t5\t5\n2\tTuyên truyền về chuyển đổi số\t5\t4,5\n"
        "B\tHạ tầng số\t10\t8\n1\tMạng nội bộ\t4\t4\n2\tMáy tính, thiết bị\t6\t4\n"
        "\tTổng điểm\t20\t17,5\n\n(*) Có 01 cuộc thi trực tuyến chưa tổ chức.\n"))
    doc = extract_file(path)
    p = "sheet:so-thong-tin-va-truyen-thong-2024"
    assert doc.framework == p
    assert scores_of(doc) == {
        p: (20, 17.5, N, N, N), f"{p}.A": (10, 9.5, N, N, N), f"{p}.A.1": (5, 5, N, N, N),
        f"{p}.A.2": (5, 4.5, N, N, N), f"{p}.B": (10, 8, N, N, N), f"{p}.B.1": (4, 4, N, N, N),
        f"{p}.B.2": (6, 4, N, N, N)}
    assert findings_of(doc) == [(N, "unknown_framework")]


def test_a_later_line_completes_the_heading_of_its_item(tmp_path):
    # the heading gives the maximum, a line below it the self score; a weak cue names the item the
    # paragraph spoke of; a place and date in figures
    path = _write(tmp_path, "heading_maximum_completed_below.txt", (
        "PHÒNG Y TẾ HUYỆN\nSố: 31/BC-PYT\n\nMinh Long, ngày 05/12/2024\n\nBÁO CÁO\n"
        "Tự chấm điểm công tác dân vận chính quyền năm 2024\n\n"
        "Tiêu chí 2. Thực hiện nhiệm vụ chính trị (tối đa 10 điểm)\n"
        "- Nội dung 1 (4 điểm): đạt 4 điểm.\n- Nội dung 2 (3 điểm): đạt 3 điểm.\n- Nội dung 3 (3 điểm): đạt 3 điểm.\n"
        "=> Điểm tiêu chí 2: 10 điểm.\n\n"
        "Về tiếp công dân (tiêu chí 9), Phòng công khai lịch tiếp công dân. Kết quả tự chấm: 9 điểm.\n"))
    doc = extract_file(path)
    assert scores_of(doc) == {
        "dvcq.tc2": (10, 10, N, N, N), "dvcq.tc2.nd1": (4, 4, N, N, N), "dvcq.tc2.nd2": (3, 3, N, N, N),
        "dvcq.tc2.nd3": (3, 3, N, N, N), "dvcq.tc9": (N, 9, N, N, N)}
    assert doc.metadata.issued_on == "2024-12-05"


def test_narrative_marker_word_names_a_provisional_sheets_item_by_its_number(tmp_path):
    # the sheet numbers its items without words; 'Mục 2' in the text above it is its item 2
    path = _write(tmp_path, "narrative_word_on_a_sheet_without_words.txt", (
        "CHI CỤC THỦY LỢI\nSố: 45/BC-CCTL\n\nBÁO CÁO\nTự kiểm tra công tác văn thư, lưu trữ năm 2024\n\n"
        "Việc lập hồ sơ công việc còn chậm; Mục 2 tự chấm 7 điểm.\n\n"
        "STT\tNội dung kiểm tra\tĐiểm tối đa\tĐiểm tự chấm\n"
        "1\tBan hành quy chế văn thư, lưu trữ\t10\t10\n2\tLập hồ sơ và nộp lưu hồ sơ\t10\t6\n"
        "\tTổng cộng\t20\t16\n"))
    doc = extract_file(path)
    p = "sheet:chi-cuc-thuy-loi-2024"
    assert scores_of(doc) == {p: (20, 16, N, N, N), f"{p}.1": (10, 10, N, N, N), f"{p}.2": (10, 6, N, N, N)}
    assert findings_of(doc) == [(f"{p}.2", "narrative_table_mismatch"), (N, "unknown_framework")]


def test_codes_in_a_column_headed_ma_number_the_rows(tmp_path):
    # 'Mã' heads the numbering column; 'ND1.2' is content 2 of criterion 1 by its path
    path = _write(tmp_path, "codes_in_a_ma_column.txt", (
        "CÔNG AN HUYỆN\nSố: 9/BC-CAH\n\nBÁO CÁO\nTự chấm điểm công tác dân vận chính quyền năm 2024\n\n"
        "Mã\tTiêu chí/Nội dung\tĐiểm chuẩn\tĐiểm đạt\n"
        "TC1\tCông tác triển khai, quán triệt các văn bản lãnh đạo, chỉ đạo, hướng dẫn về công tác dân vận\t10\t9\n"
        "ND1.1\tTổ chức quán triệt, triển khai và cụ thể hóa Kết luận số 114-KL/TW\t3\t3\n"
        "ND1.2\tTổ chức triển khai, thực hiện có hiệu quả Quyết định số 396-QĐ/TU\t3\t3\n"
        "ND1.3\tXây dựng kế hoạch thực hiện công tác dân vận hàng năm\t4\t4\n"))
    doc = extract_file(path)
    assert [o.marker for o in doc.observations if o.source == "table"] == ["TC1", "ND1.1", "ND1.2", "ND1.3"]
    assert scores_of(doc) == {"dvcq.tc1": (10, 9, N, N, N), "dvcq.tc1.nd1": (3, 3, N, N, N),
                              "dvcq.tc1.nd2": (3, 3, N, N, N), "dvcq.tc1.nd3": (4, 4, N, N, N)}
    assert findings_of(doc) == [("dvcq.tc1", "subtotal_mismatch")]


def test_a_total_stated_without_a_cue_in_a_report_of_no_item_scores(tmp_path):
    # no item's points and no total cue: the framework the words name decides that 91/100 is its
    # total; the class after a comma is the report's own
    path = _write(tmp_path, "total_without_a_cue.txt", (
        "VĂN PHÒNG HĐND VÀ UBND HUYỆN\nSố: 12/BC-VP\n\nBÁO CÁO\nKết quả tự chấm điểm công tác dân vận chính quyền năm 2024\n\n"
        "Căn cứ Quyết định số 1211/QĐ-UBND ngày 02/11/2022, Văn phòng tự đánh giá công tác dân vận chính quyền "
        "năm 2024 đạt 91/100 điểm, xếp loại Hoàn thành xuất sắc nhiệm vụ.\n"))
    doc = extract_file(path)
    assert doc.framework == "dvcq"
    assert scores_of(doc) == {"dvcq": (100, 91, N, N, N)}
    assert findings_of(doc) == [("dvcq", "missing_item_scores")]
    assert doc.metadata.classification == "xuat_sac"
    # a statement of points the framework's total cannot be stays no one's, and the report has no framework
    path = _write(tmp_path, "points_of_no_item.txt", (
        "BÁO CÁO\nKết quả công tác dân vận chính quyền năm 2024\n\nĐơn vị đạt 8 điểm trong hội thi tìm hiểu pháp luật.\n"))
    doc = extract_file(path)
    assert doc.framework is None and scores_of(doc) == {}


def test_a_label_naming_its_item_only_by_numbering_maps_by_the_number(tmp_path):
    # 'Nội dung 1 của tiêu chí 1' in the name column: no name of its own to contradict 'ND1.1'
    path = _write(tmp_path, "label_only_references.txt", (
        "CÔNG AN HUYỆN\nSố: 10/BC-CAH\n\nBÁO CÁO\nTự chấm điểm công tác dân vận chính quyền năm 2024\n\n"
        "Mã\tTiêu chí/Nội dung\tĐiểm chuẩn\tĐiểm đạt\n"
        "TC4\tTiếp tục thực hiện tốt phong trào thi đua “Dân vận khéo”\t10\t9\n"
        "ND4.1\tNội dung 1 của tiêu chí 4\t4\t4\nND4.2\tNội dung 2 của tiêu chí 4\t3\t3\n"
        "ND4.3\tNội dung 3 của tiêu chí 4\t3\t3\n"))
    doc = extract_file(path)
    assert scores_of(doc) == {"dvcq.tc4": (10, 9, N, N, N), "dvcq.tc4.nd1": (4, 4, N, N, N),
                              "dvcq.tc4.nd2": (3, 3, N, N, N), "dvcq.tc4.nd3": (3, 3, N, N, N)}
    assert findings_of(doc) == [("dvcq.tc4", "subtotal_mismatch")]


def test_indicators_numbered_chi_tieu_nest_under_their_criterion(tmp_path):
    # 'Chỉ tiêu N' rows numbered on from one criterion to the next, in a sheet of no known framework
    path = _write(tmp_path, "chi_tieu_rows.txt", (
        "UBND XÃ SƠN LONG\nSố: 5/BC-UBND\n\nBÁO CÁO\nTự đánh giá xã đạt chuẩn tiếp cận pháp luật năm 2024\n\n"
        "Tiêu chí, chỉ tiêu\tNội dung\tĐiểm tối đa\tĐiểm tự chấm\n"
        "Tiêu chí 1\tBan hành văn bản theo thẩm quyền\t12\t11\n"
        "Chỉ tiêu 1\tVăn bản ban hành đúng thẩm quyền\t6\t6\nChỉ tiêu 2\tVăn bản hợp hiến, hợp pháp\t6\t5\n"
        "Tiêu chí 2\tHòa giải ở cơ sở\t10\t10\n"
        "Chỉ tiêu 3\tTỷ lệ hòa giải thành\t5\t5\nChỉ tiêu 4\tTổ hòa giải được bồi dưỡng\t5\t5\n"))
    doc = extract_file(path)
    p = "sheet:ubnd-xa-son-long-2024"
    assert scores_of(doc) == {f"{p}.tc1": (12, 11, N, N, N), f"{p}.tc1.ct1": (6, 6, N, N, N),
                              f"{p}.tc1.ct2": (6, 5, N, N, N), f"{p}.tc2": (10, 10, N, N, N),
                              f"{p}.tc2.ct3": (5, 5, N, N, N), f"{p}.tc2.ct4": (5, 5, N, N, N)}


def test_a_sheet_whose_columns_are_aligned_by_spaces(tmp_path):
    # a sheet pasted from a PDF: its columns stand at the header's positions, runs of spaces between;
    # 'KẾ HOẠCH' ending the issuer's line is no type of the report's number below it
    path = _write(tmp_path, "space_aligned_sheet.txt", (
        "UBND HUYỆN BA TƠ\nPHÒNG TÀI CHÍNH - KẾ HOẠCH\nSố: 16/BC-TCKH\n\nBÁO CÁO\n"
        "Tự đánh giá công tác dân vận chính quyền năm 2024\n\n"
        "TT   Tiêu chí                            Tối đa    Tự đánh giá\n"
        "1    Quán triệt văn bản về dân vận       10        10\n"
        "2    Thực hiện nhiệm vụ chính trị        10        9,5\n"
        "3    Cải cách hành chính                 10        10,5\n"
        "     Cộng điểm                           30        30\n"))
    doc = extract_file(path)
    assert doc.framework == "dvcq"
    assert scores_of(doc) == {"dvcq": (30, 30, N, N, N), "dvcq.tc1": (10, 10, N, N, N),
                              "dvcq.tc2": (10, 9.5, N, N, N), "dvcq.tc3": (10, 10.5, N, N, N)}
    assert findings_of(doc) == [("dvcq.tc3", "self_exceeds_max")]
    assert [(c.doc_type, c.number, c.symbol) for c in doc.citations] == [("Báo cáo", "16", "BC-TCKH")]


def test_lettered_contents_in_prose_under_a_criterion_heading(tmp_path):
    # 'a) … (4 điểm): tự chấm 4 điểm.' under 'Tiêu chí 7': the letter names the criterion's content by
    # its place, the framework confirms it by the words; the points in the parenthesis are its maximum
    path = tmp_path / "lettered_contents_in_prose.html"
    path.write_text(
        "<html><body><p>UBND PHƯỜNG AN PHÚ</p><p>Số: 8/BC-UBND</p><h2>BÁO CÁO</h2>"
        "<h2>Tự đánh giá công tác dân vận chính quyền năm 2024</h2>"
        "<h3>Tiêu chí 7: Công tác phối hợp, tạo điều kiện cho Ủy ban Mặt trận Tổ quốc (10 điểm)</h3>"
        "<p>a) Ban hành Quy chế phối hợp giữa chính quyền với Mặt trận Tổ quốc (4 điểm): tự chấm 4 điểm.</p>"
        "<p>b) Bảo đảm kinh phí, cơ sở vật chất cho Mặt trận và các đoàn thể (3 điểm): tự chấm 2 điểm.</p>"
        "<p>c) Có lịch làm việc định kỳ với Mặt trận và các đoàn thể (3 điểm): tự chấm 3 điểm.</p>"
        "<p>Tự chấm tiêu chí 7: 9 điểm.</p></body></html>", encoding="utf-8")
    doc = extract_file(path)
    assert scores_of(doc) == {"dvcq.tc7": (10, 9, N, N, N), "dvcq.tc7.nd1": (4, 4, N, N, N),
                              "dvcq.tc7.nd2": (3, 2, N, N, N), "dvcq.tc7.nd3": (3, 3, N, N, N)}


def test_criteria_numbered_without_a_marker_word_in_prose(tmp_path):
    # '3. Thực hiện công tác cải cách hành chính: tự chấm 9/10 điểm.': the number and the framework's
    # words name the criterion; a numbered line whose words name no item stays no one's
    path = _write(tmp_path, "criteria_numbered_without_a_word.md", (
        "**TRƯỜNG THCS PHỔ VĂN**  \nSố: 21/BC-THCS\n\n## BÁO CÁO\n### Tự chấm điểm công tác dân vận chính quyền năm 2024\n\n"
        "1. Công tác triển khai, quán triệt các văn bản lãnh đạo, chỉ đạo, hướng dẫn về công tác dân vận: tự chấm 10/10 điểm.\n"
        "2. Thực hiện nhiệm vụ chính trị: tự chấm 9/10 điểm.\n"
        "3. Thực hiện công tác cải cách hành chính (CCHC): tự chấm 9,5/10 điểm.\n"
        "4. Hội thi văn nghệ của ngành: đơn vị đạt 8 điểm.\n"))
    doc = extract_file(path)
    assert doc.framework == "dvcq"
    assert scores_of(doc) == {"dvcq.tc1": (10, 10, N, N, N), "dvcq.tc2": (10, 9, N, N, N),
                              "dvcq.tc3": (10, 9.5, N, N, N)}


def test_an_item_named_again_by_its_marker_word_and_nay(tmp_path):
    # '…; điểm tự chấm cho tiêu chí này là 10': the criterion the paragraph named last
    path = _write(tmp_path, "item_named_again_by_nay.txt", (
        "BAN QUẢN LÝ RỪNG PHÒNG HỘ\nSố: 3/BC-BQLR\n\nBÁO CÁO\nĐánh giá công tác dân vận chính quyền năm 2024\n\n"
        "Tiêu chí số 4 đạt 10 điểm. Tiêu chí số 5: không có đơn thư vượt cấp; điểm tự chấm cho tiêu chí này là 10.\n"))
    doc = extract_file(path)
    assert scores_of(doc) == {"dvcq.tc4": (N, 10, N, N, N), "dvcq.tc5": (N, 10, N, N, N)}


def test_a_total_and_a_class_stated_for_another_year(tmp_path):
    # 'Năm 2023, tổng số điểm tự chấm … 88/100 điểm, xếp loại …' in the report on 2024: last year's
    path = _write(tmp_path, "total_and_class_of_another_year.txt", (
        "UBND XÃ BÌNH HẢI\nSố: 9/BC-UBND\n\nBÁO CÁO\nTự chấm điểm công tác dân vận chính quyền năm 2024\n\n"
        "Năm 2023, tổng số điểm tự chấm của xã là 88/100 điểm, xếp loại Hoàn thành tốt nhiệm vụ.\n\n"
        "Tiêu chí 1: tự chấm 10 điểm.\nTiêu chí 2: tự chấm 9 điểm.\n\nTổng số điểm tự chấm: 19 điểm.\n"))
    doc = extract_file(path)
    assert scores_of(doc) == {"dvcq": (N, 19, N, N, N), "dvcq.tc1": (N, 10, N, N, N), "dvcq.tc2": (N, 9, N, N, N)}
    assert findings_of(doc) == []
    assert doc.metadata.classification is None


def test_bonus_words_in_the_name_of_a_numbered_criterion_without_a_bonus(tmp_path):
    # '10. Thực hiện chế độ thông tin, báo cáo; điểm thưởng: tự chấm 8,5/10 điểm.': the criterion has no
    # bonus in its framework, so 'điểm thưởng' is part of its name and the points are its own
    path = _write(tmp_path, "bonus_words_in_a_numbered_name.md", (
        "**TRƯỜNG THCS PHỔ VĂN**  \nSố: 21/BC-THCS\n\n## BÁO CÁO\n### Tự chấm điểm công tác dân vận chính quyền năm 2024\n\n"
        "9. Tổ chức thực hiện công tác tiếp công dân, công khai đối thoại với Nhân dân: tự chấm 9/10 điểm.\n"
        "10. Thực hiện chế độ thông tin, báo cáo; điểm thưởng: tự chấm 8,5/10 điểm.\n"))
    doc = extract_file(path)
    assert scores_of(doc) == {"dvcq.tc9": (10, 9, N, N, N), "dvcq.tc10": (10, 8.5, N, N, N)}


def test_a_cited_guidance_is_no_instruction_and_an_aligned_markdown_delimiter(tmp_path):
    # 'Căn cứ Hướng dẫn số 12/HD-NV …' cites a document: the points after it are the unit's; a
    # Markdown delimiter row ':-:' is no row of the sheet, and 'Điểm khung' heads the maximum
    path = _write(tmp_path, "cited_guidance_then_points.txt", (
        "PHÒNG VĂN HÓA VÀ THÔNG TIN\nSố: 48/BC-VHTT\n\nBÁO CÁO\nTự đánh giá công tác dân vận chính quyền năm 2024\n\n"
        "Căn cứ Hướng dẫn số 12/HD-NV ngày 09/10/2024 của Phòng Nội vụ huyện, Phòng đề nghị như sau:\n"
        "- Tiêu chí I: số điểm đơn vị đề nghị 10 điểm.\n- Tiêu chí II: số điểm đơn vị đề nghị 9 điểm.\n"))
    doc = extract_file(path)
    assert scores_of(doc) == {"dvcq.tc1": (N, 10, N, N, N), "dvcq.tc2": (N, 9, N, N, N)}
    path = _write(tmp_path, "aligned_markdown_delimiter.md", (
        "**TRƯỜNG MẦM NON HOA SEN**  \nSố: 19/BC-MNHS\n\n**BÁO CÁO**  \n**Tự đánh giá thi đua năm 2024**\n\n"
        "| Số thứ tự | Nội dung đánh giá | Điểm khung | Điểm trường tự chấm |\n|:-:|---|:-:|:-:|\n"
        "| Phần 1 | Công tác chăm sóc, nuôi dưỡng trẻ | 40 | 37 |\n| 1.1 | Bảo đảm an toàn thực phẩm | 20 | 19 |\n"
        "| 1.2 | Theo dõi sức khỏe trẻ | 20 | 18 |\n| | **Tổng điểm** | **40** | **37** |\n"))
    doc = extract_file(path)
    p = "sheet:truong-mam-non-hoa-sen-2024"
    assert scores_of(doc) == {p: (40, 37, N, N, N), f"{p}.p1": (40, 37, N, N, N), f"{p}.p1.1": (20, 19, N, N, N),
                              f"{p}.p1.2": (20, 18, N, N, N)}


def test_self_scores_said_under_a_heading_that_names_its_maximum(tmp_path):
    # each heading names its maximum ('(thang điểm 10)'); the line under it states the self score
    # with a subject, an anaphor or full marks; a closing statement beyond every maximum is the total
    path = _write(tmp_path, "self_scores_under_headings_naming_their_maximum.txt", (
        "UBND HUYỆN THẠCH HÀ\nPHÒNG TƯ PHÁP\nSố: 31/BC-PTP\n\nThạch Hà, ngày 04 tháng 12 năm 2025\n\n"
        "BÁO CÁO\nTự đánh giá công tác dân vận chính quyền năm 2025\n\n"
        "Tiêu chí thứ nhất: Triển khai các văn bản về dân vận (thang điểm 10).\n"
        "Đã quán triệt đến toàn thể công chức; Phòng tự chấm 10 điểm.\n\n"
        "Tiêu chí thứ hai: Thực hiện nhiệm vụ chính trị (thang điểm 10).\n"
        "Một nhiệm vụ hoàn thành chậm, vì vậy tiêu chí này chỉ được tự chấm 8,5 điểm.\n\n"
        "Tiêu chí thứ ba: Cải cách hành chính (thang điểm 10).\nKhông có hồ sơ trễ hạn. Tự chấm đạt tối đa 10 điểm.\n\n"
        "Căn cứ kết quả trên, Phòng tự chấm 28,5 điểm.\n"))
    doc = extract_file(path)
    assert doc.framework == "dvcq"
    assert scores_of(doc) == {"dvcq": (N, 28.5, N, N, N), "dvcq.tc1": (10, 10, N, N, N),
                              "dvcq.tc2": (10, 8.5, N, N, N), "dvcq.tc3": (10, 10, N, N, N)}


def test_numbered_lines_giving_a_maximum_in_brackets_head_the_statements_under_them(tmp_path):
    # '2. Thực hiện nhiệm vụ chính trị (10 điểm)' has no marker word: the statements under it that
    # name no item (the unit as subject, 'tiêu chí này', full marks with no subject) are its scores
    path = _write(tmp_path, "numbered_lines_with_a_maximum_in_brackets.txt", (
        "UBND XÃ PHÚ LỢI\nSố: 19/BC-UBND\n\nPhú Lợi, ngày 09 tháng 12 năm 2025\n\n"
        "BÁO CÁO\nTự chấm điểm công tác dân vận chính quyền năm 2025\n\n"
        "1. Công tác triển khai, quán triệt văn bản (10 điểm)\n"
        "Xã ban hành kế hoạch thực hiện. Đơn vị tự chấm đạt tối đa 10/10 điểm.\n\n"
        "2. Thực hiện nhiệm vụ chính trị (thang điểm 10)\n"
        "Còn 01 chỉ tiêu chưa đạt; tiêu chí này xã tự chấm 8 điểm (trừ 2 điểm).\n\n"
        "3. Cải cách hành chính (10 điểm)\nKhông có hồ sơ trễ hạn. Đạt tối đa 10 điểm.\n\n"
        "Tổng cộng xã tự chấm 28 điểm.\n"))
    doc = extract_file(path)
    assert doc.framework == "dvcq"
    assert scores_of(doc) == {"dvcq": (N, 28, N, N, N), "dvcq.tc1": (10, 10, N, N, N),
                              "dvcq.tc2": (10, 8, N, N, N), "dvcq.tc3": (10, 10, N, N, N)}


def test_a_criterion_named_under_its_numbered_line_takes_the_lines_maximum(tmp_path):
    # '4. … (10 điểm)' then 'Tiêu chí 4 được 9 điểm.': the statement names the item its line numbers,
    # so the line's points are its maximum; under '5. … (10 điểm)' two contents are named, and a
    # content's score never takes its criterion's maximum
    path = _write(tmp_path, "criterion_named_under_its_numbered_line.txt", (
        "UBND THỊ TRẤN MƯỜNG TÈ\nSố: 31/BC-UBND\n\nMường Tè, ngày 04 tháng 12 năm 2025\n\n"
        "BÁO CÁO\nKết quả tự chấm điểm công tác dân vận chính quyền năm 2025\n\n"
        "4. Thực hiện quy chế dân chủ ở cơ sở (10 điểm)\n"
        "Niêm yết công khai các thủ tục tại trụ sở. Tiêu chí 4 được 9 điểm.\n\n"
        "5. Công tác tiếp công dân (10 điểm)\n"
        "Tiêu chí 5, nội dung 1 được 3 điểm; nội dung 2 được 4 điểm.\n"))
    doc = extract_file(path)
    assert doc.framework == "dvcq"
    got = scores_of(doc)
    assert got["dvcq.tc4"] == (10, 9, N, N, N)
    assert got["dvcq.tc5.nd1"][:2] == (N, 3) and got["dvcq.tc5.nd2"][:2] == (N, 4)


def test_the_class_reached_without_xep_loai_and_a_past_year_after_the_total(tmp_path):
    # no 'xếp loại' anywhere: 'Đơn vị đạt mức Hoàn thành xuất sắc nhiệm vụ' is the unit's class, but
    # '100% công chức đạt mức hoàn thành tốt nhiệm vụ' (a count before the cue) is the staff's; the
    # past year named after the total's points compares them and does not make it that year's
    path = _write(tmp_path, "class_reached_and_past_year_after_total.txt", (
        "UBND HUYỆN MÈO VẠC\nPHÒNG TƯ PHÁP\nSố: 08/BC-PTP\n\nMèo Vạc, ngày 05 tháng 12 năm 2025\n\n"
        "BÁO CÁO\nTự chấm điểm công tác dân vận chính quyền năm 2025\n\n"
        "Năm 2025, 100% công chức của phòng đạt mức hoàn thành tốt nhiệm vụ.\n\n"
        "Tiêu chí 1: Công tác triển khai văn bản (10 điểm). Tự chấm: 10 điểm.\n\n"
        "Tiêu chí 2: Thực hiện nhiệm vụ chính trị (10 điểm). Tự chấm: 8 điểm.\n\n"
        "Tổng điểm tự chấm: 18/20 điểm (năm 2024 đạt 17 điểm). Căn cứ kết quả trên, "
        "Phòng đạt mức Hoàn thành xuất sắc nhiệm vụ năm 2025.\n"))
    doc = extract_file(path)
    assert doc.framework == "dvcq"
    assert scores_of(doc)["dvcq"][:2] == (20, 18)
    assert doc.metadata.classification == "xuat_sac"


def test_a_signature_cell_whose_lines_are_broken_inside_it(tmp_path):
    # a Markdown layout table: 'Nơi nhận' beside '**GIÁM ĐỐC**<br><br>**Name**' in one cell
    path = _write(tmp_path, "signature_cell_with_line_breaks.md", (
        "| UBND TỈNH BẮC KẠN<br>**SỞ XÂY DỰNG** | **CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**<br>Độc lập - Tự do - Hạnh phúc |\n"
        "|:---:|:---:|\n| Số: 41/BC-SXD | *Bắc Kạn, ngày 03 tháng 12 năm 2025* |\n\n"
        "# BÁO CÁO\nTự chấm điểm công tác dân vận chính quyền năm 2025\n\n"
        "Tiêu chí 1 tự chấm 9 điểm.\n\n"
        "| *Nơi nhận:*<br>- Sở Nội vụ;<br>- Lưu: VT. | **KT. GIÁM ĐỐC**<br>**PHÓ GIÁM ĐỐC**<br><br><br>**Hà Thị Mai Anh** |\n"
        "|:--|:--:|\n"))
    doc = extract_file(path)
    assert doc.metadata.signer == "Hà Thị Mai Anh"


def test_lettered_rows_under_a_dotted_number_of_an_unknown_sheet(tmp_path):
    # 'a)' and 'b)' under '2.2' are its children, and '2.3' after them is 2.2's sibling again (the
    # letters were read as the top level: '2.3' became 'b.3')
    path = _write(tmp_path, "lettered_rows_under_a_dotted_number.txt", (
        "TRƯỜNG THCS NA HANG\nSố: 21/BC-THCS\n\nBÁO CÁO\nTự chấm điểm thi đua năm học 2024 - 2025\n\n"
        "TT\tNội dung\tĐiểm chuẩn\tĐiểm tự chấm\n"
        "2\tChất lượng dạy và học\t30\t28\n2.1\tChất lượng đại trà\t10\t10\n"
        "2.2\tHọc sinh giỏi\t12\t10,5\na)\tCấp huyện\t8\t7,5\nb)\tCấp tỉnh\t4\t3\n"
        "2.3\tTốt nghiệp\t8\t7,5\n3\tĐội ngũ\t20\t20\n"))
    doc = extract_file(path)
    p = "sheet:truong-thcs-na-hang-2025"
    assert doc.framework == p
    assert scores_of(doc) == {f"{p}.2": (30, 28, N, N, N), f"{p}.2.1": (10, 10, N, N, N),
                              f"{p}.2.2": (12, 10.5, N, N, N), f"{p}.2.2.a": (8, 7.5, N, N, N),
                              f"{p}.2.2.b": (4, 3, N, N, N), f"{p}.2.3": (8, 7.5, N, N, N),
                              f"{p}.3": (20, 20, N, N, N)}
    assert findings_of(doc) == [(None, "unknown_framework")]   # (nothing adds up wrong)


def test_a_headings_points_without_a_verb_take_the_roles_the_framework_gives_them(tmp_path):
    # '(650 điểm; điểm thưởng tối đa 30 điểm)' on a section's heading is what it is worth: 650 is its
    # maximum and 30 its bonus's, its score is stated later ('Cộng Nội dung 1: 636,5/650 điểm'); the
    # heading's 'NỘI DUNG 1 – THI ĐUA' is no dispatch numbered 1
    path = _write(tmp_path, "heading_points_without_a_verb.txt", (
        "UBND TỈNH BẮC GIANG\nSỞ TƯ PHÁP\nSố: 77/BC-STP\n\nBắc Giang, ngày 04 tháng 12 năm 2024\n\n"
        "BÁO CÁO\nTự chấm điểm thi đua năm 2024\n\n"
        "I. NỘI DUNG 1 – THI ĐUA THỰC HIỆN NHIỆM VỤ CHÍNH TRỊ (650 điểm; điểm thưởng tối đa 30 điểm)\n"
        "Sở hoàn thành các nhiệm vụ được giao.\n"
        "Cộng Nội dung 1: 636,5/650 điểm; điểm thưởng 24/30 điểm.\n"))
    doc = extract_file(path)
    assert doc.framework == "tdkt-tmth"
    assert scores_of(doc)["tdkt-tmth.nd1"] == (650, 636.5, N, 30, 24)
    assert [(c.number, c.symbol) for c in doc.citations] == [("77", "BC-STP")]


def test_an_items_score_of_another_year_said_aside_is_not_this_years(tmp_path):
    # '(năm 2023 tiêu chí này đạt 8,5 điểm)' beside this year's deduction: last year's, no mismatch
    path = _write(tmp_path, "score_of_another_year_aside.txt", (
        "UBND HUYỆN CHÂU PHÚ\nVĂN PHÒNG\nSố: 12/BC-VP\n\nChâu Phú, ngày 06 tháng 12 năm 2024\n\n"
        "BÁO CÁO\nTự chấm điểm công tác dân vận chính quyền năm 2024\n\n"
        "TT\tTiêu chí\tĐiểm tối đa\tTự chấm\n1\tCông tác triển khai văn bản\t10\t10\n"
        "10\tChế độ thông tin, báo cáo\t10\t9\n\n"
        "Tiêu chí 10 bị trừ 01 điểm do gửi báo cáo chậm (năm 2023 tiêu chí này đạt 8,5 điểm).\n"))
    doc = extract_file(path)
    assert scores_of(doc)["dvcq.tc10"][:2] == (10, 9)
    assert [k for _, k in findings_of(doc)] == []


def test_a_numbering_column_headed_by_an_items_word(tmp_path):
    # 'Tiêu chí | Nội dung | …' over '7 | Phối hợp với MTTQ …': the first column numbers the items
    # (the two were one label: '7 Phối hợp với MTTQ…' matched no criterion by its abbreviated words)
    path = _write(tmp_path, "numbering_column_headed_tieu_chi.txt", (
        "UBND HUYỆN LẬP VÒ\nVĂN PHÒNG\nSố: 31/BC-VP\n\nBÁO CÁO\nTự chấm điểm công tác dân vận chính quyền năm 2024\n\n"
        "Tiêu chí\tNội dung\tĐiểm tối đa\tĐiểm tự chấm\n1\tTriển khai văn bản\t10\t10\n"
        "7\tPhối hợp với MTTQ và các tổ chức chính trị - xã hội\t10\t9\n"))
    doc = extract_file(path)
    assert doc.framework == "dvcq"
    assert scores_of(doc) == {"dvcq.tc1": (10, 10, N, N, N), "dvcq.tc7": (10, 9, N, N, N)}


def test_an_item_of_a_roman_section_named_by_a_dotted_number(tmp_path):
    # 'mục IV.2 chỉ đạt 6,5/7 điểm' is item 2 of section IV, not section IV (a false mismatch with IV's 19,5)
    path = _write(tmp_path, "roman_section_dotted_item.txt", (
        "TRƯỜNG THCS HÒA BÌNH\nSố: 14/BC-THCS\n\nBÁO CÁO\nTự đánh giá chuyển đổi số năm 2024\n\n"
        "TT\tNội dung\tĐiểm tối đa\tĐiểm tự chấm\nIV\tDạy học số\t20\t19,5\n1\tHọc liệu số\t13\t13\n"
        "2\tHệ thống học tập trực tuyến\t7\t6,5\n\n"
        "Trong năm, mục IV.2 chỉ đạt 6,5/7 điểm vì còn thiếu tài khoản.\n"))
    doc = extract_file(path)
    p = "sheet:truong-thcs-hoa-binh-2024"
    assert scores_of(doc)[f"{p}.IV"][:2] == (20, 19.5)
    assert [k for _, k in findings_of(doc)] == ["unknown_framework"]


def test_the_class_after_the_last_dat_that_names_one(tmp_path):
    # 'Tự xếp loại: tổng điểm … 94,5 điểm, đạt mức Hoàn thành xuất sắc nhiệm vụ' (the class after the
    # second 'đạt'), and 'Tự xếp loại: đạt Hoàn thành tốt nhiệm vụ, đạt 92 điểm' (after the first)
    for sentence, code in [("Tự xếp loại: tổng điểm tự chấm 94,5 điểm, đạt mức Hoàn thành xuất sắc nhiệm vụ.", "xuat_sac"),
                           ("Tự xếp loại: đạt Hoàn thành tốt nhiệm vụ, đạt 92 điểm.", "tot")]:
        path = _write(tmp_path, f"class_{code}.txt", (
            "UBND PHƯỜNG ĐÔNG PHONG\nSố: 66/BC-UBND\n\nBÁO CÁO\nTự chấm điểm công tác dân vận chính quyền năm 2024\n\n"
            "Tiêu chí 1 tự chấm 9 điểm.\n\n" + sentence + "\n"))
        assert extract_file(path).metadata.classification == code


def test_a_class_beside_another_years_class_said_aside(tmp_path):
    # 'Phòng tự xếp loại Hoàn thành tốt nhiệm vụ (năm 2023: Hoàn thành xuất sắc nhiệm vụ)': this
    # year's class, the bracket comparing it with last year's
    path = _write(tmp_path, "class_beside_another_years_aside.md", (
        "UBND HUYỆN LỤC NAM  \n**PHÒNG NỘI VỤ**  \nSố: 19/BC-PNV\n\n## BÁO CÁO\n"
        "### Tự chấm điểm công tác dân vận chính quyền năm 2024\n\nTiêu chí 1 tự chấm 9 điểm.\n\n"
        "Phòng tự xếp loại **Hoàn thành tốt nhiệm vụ** (năm 2023: Hoàn thành xuất sắc nhiệm vụ).\n"))
    assert extract_file(path).metadata.classification == "tot"


def test_the_class_the_unit_proposes(tmp_path):
    # 'đề xuất xếp loại …: Hoàn thành xuất sắc nhiệm vụ', 'Kiến nghị xếp loại: …' (units.toml,
    # classification_cues); another body's verdict is not the unit's claim
    for sentence, code in [("Phường tự đánh giá, đề xuất xếp loại công tác dân vận chính quyền năm 2024: "
                            "Hoàn thành xuất sắc nhiệm vụ.", "xuat_sac"),
                           ("Tổng điểm 88/100 điểm. Kiến nghị xếp loại: Hoàn thành tốt nhiệm vụ.", "tot"),
                           ("Năm 2024 Đảng bộ phường được cấp ủy cấp trên xếp loại Hoàn thành xuất sắc nhiệm vụ.", None),
                           # a sentence wrapped before 'xếp loại' is no clause opening there; 'Xếp loại:' on its line is
                           ("Chi đoàn cơ quan chỉ\nxếp loại hoàn thành nhiệm vụ.", None),
                           ("Tổng điểm tự chấm 91/100 điểm\nXếp loại: Hoàn thành tốt nhiệm vụ.", "tot")]:
        path = _write(tmp_path, f"class_proposed_{code}_{len(sentence)}.txt", (
            "UBND PHƯỜNG ĐÔNG PHONG\nSố: 66/BC-UBND\n\nBÁO CÁO\nTự chấm điểm công tác dân vận chính quyền năm 2024\n\n"
            "Tiêu chí 1 tự chấm 9 điểm.\n\n" + sentence + "\n"))
        assert extract_file(path).metadata.classification == code


def test_numbered_paragraphs_of_a_prose_emulation_report_placed_by_the_frameworks_maxima(tmp_path):
    # a tdkt report in prose only: each numbered paragraph opens with its title, paraphrased too
    # loosely to name the framework's item, and its maxima '(400 điểm, thưởng tối đa 20 điểm)', which
    # the framework's item at that number has; an index's points before the item's own ('Chỉ số … đạt
    # 88,5 điểm; … Đạt 50/50 điểm'), points stated after a colon, the parts of a sum then 'cộng'
    path = _write(tmp_path, "numbered_paragraphs_placed_by_maxima.txt", (
        "SỞ TƯ PHÁP TỈNH BẮC KẠN\nSố: 77/BC-STP\n\nBắc Kạn, ngày 05 tháng 12 năm 2024\n\n"
        "BÁO CÁO\nKết quả tự chấm điểm thi đua năm 2024\n\n"
        "Thực hiện Bảng chấm điểm thi đua của Khối thi đua các cơ quan Tham mưu - Tổng hợp, Sở báo cáo kết "
        "quả tự chấm điểm thi đua, khen thưởng như sau:\n\n"
        "I. NỘI DUNG 1 – THI ĐUA THỰC HIỆN NHIỆM VỤ CHÍNH TRỊ (650 điểm; điểm thưởng tối đa 30 điểm)\n\n"
        "1. Tham mưu về tư pháp cho Tỉnh ủy, UBND tỉnh (400 điểm, thưởng tối đa 20 điểm). Năm 2024 Sở hoàn "
        "thành 31/32 nhiệm vụ. Sở đề xuất 390/400 điểm và 18/20 điểm thưởng.\n\n"
        "2. Năng lực điều hành (50 điểm, thưởng tối đa 2 điểm). Chỉ số hài lòng năm 2023 đạt 88,5 điểm; "
        "các phòng được kiện toàn. Đạt 50/50 điểm, cộng 2/2 điểm thưởng.\n\n"
        "3. Thanh tra, kiểm tra (50 điểm, thưởng tối đa 2 điểm). Không có sai phạm qua 4 cuộc thanh tra: "
        "50/50 điểm; điểm thưởng 1/2.\n\n"
        "4. Công tác cải cách hành chính (50 điểm, thưởng tối đa 2 điểm). Tự chấm 49/50 điểm, điểm thưởng 2/2.\n\n"
        "5. Thống kê, báo cáo; quản lý, thanh quyết toán tài chính (50 điểm, thưởng tối đa 2 điểm): "
        "tự chấm 50/50 điểm, điểm thưởng 2/2.\n\n"
        "Cộng Nội dung 1 (mục 1 đến mục 5): 589/600 điểm; điểm thưởng 25/28 điểm.\n\n"
        "II. NỘI DUNG 2 – XÂY DỰNG TỔ CHỨC ĐẢNG, ĐOÀN THỂ (200 điểm; điểm thưởng tối đa 10 điểm)\n\n"
        "Mục 3 – Triển khai thực hiện quy chế dân chủ cơ sở: hội nghị cán bộ, công chức tổ chức đúng hạn, "
        "tự chấm 20/20 điểm, thưởng 1/1.\n\n"
        "Mục 5 – Giải quyết đơn thư khiếu nại, tố cáo theo quy định: tự chấm 20/20 điểm, điểm thưởng 1/1.\n\n"
        "Mục 7 – xây dựng các đoàn thể (60 điểm, thưởng tối đa 2 điểm): Công đoàn cơ sở hoàn thành tốt "
        "nhiệm vụ (18 điểm), Chi đoàn hoàn thành xuất sắc nhiệm vụ (20 điểm), Chi hội Cựu chiến binh hoàn "
        "thành xuất sắc nhiệm vụ (20 điểm); cộng 58/60 điểm, điểm thưởng 2/2.\n"))
    doc = extract_file(path)
    assert doc.framework == "tdkt-tmth"
    got = scores_of(doc)
    assert got["tdkt-tmth.nd1.1"] == (400, 390, N, 20, 18)
    assert got["tdkt-tmth.nd1.2"] == (50, 50, N, 2, 2)
    assert got["tdkt-tmth.nd1.3"] == (50, 50, N, 2, 1)
    assert got["tdkt-tmth.nd2.7"] == (60, 58, N, 2, 2)


def test_a_line_naming_two_items_one_not_in_the_framework_links_its_citations(tmp_path):
    # 'Tiêu chí 3 và tiêu chí 12 …': two narrative items start where the line does, one placed and
    # one not (dvcq has 10 criteria); linking the citations under them compared None with an id
    path = _write(tmp_path, "two_items_on_one_line_one_unplaced.txt", (
        "UBND XÃ TÂN HÒA\nSố: 08/BC-UBND\n\nTân Hòa, ngày 03 tháng 12 năm 2024\n\n"
        "BÁO CÁO\nTự đánh giá công tác dân vận chính quyền năm 2024\n\n"
        "Tiêu chí 1: Công tác triển khai, quán triệt các văn bản lãnh đạo, chỉ đạo về công tác dân vận: "
        "tự chấm 10 điểm.\n\nTiêu chí 2: Thực hiện nhiệm vụ chính trị: tự chấm 9 điểm.\n\n"
        "Tiêu chí 4: Phong trào thi đua “Dân vận khéo”: tự chấm 10 điểm.\n\n"
        "Tiêu chí 5: Giải quyết đơn thư khiếu nại, tố cáo, kiến nghị, phản ánh của công dân: tự chấm 10 điểm.\n\n"
        "Tiêu chí 3 và tiêu chí 12: thực hiện Kế hoạch số 45/KH-UBND ngày 12/3/2024, mỗi tiêu chí tự chấm 9 điểm.\n"))
    doc = extract_file(path)
    assert doc.framework == "dvcq"
    assert scores_of(doc)["dvcq.tc3"] == (N, 9, N, N, N)
    assert [(c.number, c.criterion_id) for c in doc.citations if c.number == "45"] == [("45", "dvcq.tc3")]


def test_points_taken_off_a_content_named_after_them_and_a_heading_that_describes_the_work(tmp_path):
    # 'Tiêu chí 10: Báo cáo đầy đủ, đúng hạn; … nên trừ 01 điểm ở nội dung 2. Tự chấm: 9/10 điểm.': the
    # words after 'Tiêu chí 10' describe the work (they name no other item), the point was taken off
    # content 2, and the criterion states 9 of 10 (it was read as content 2's, under criterion 9)
    path = _write(tmp_path, "deduction_at_a_content_under_a_describing_heading.txt", (
        "UBND XÃ AN HÒA\nSố: 41/BC-UBND\n\nAn Hòa, ngày 10 tháng 12 năm 2025\n\n"
        "BÁO CÁO\nTự đánh giá công tác dân vận chính quyền năm 2025\n\n"
        "Tiêu chí 8: Quy chế dân chủ ở cơ sở được thực hiện nghiêm. Tự chấm: 10/10 điểm.\n\n"
        "Tiêu chí 9: Bố trí nơi tiếp công dân tại trụ sở; Chủ tịch UBND xã đối thoại với Nhân dân. Tự chấm: 10/10 điểm.\n\n"
        "Tiêu chí 10: Báo cáo đầy đủ, đúng hạn; mô hình dân vận chưa được cấp có thẩm quyền công nhận nên "
        "trừ 01 điểm ở nội dung 2. Tự chấm: 9/10 điểm.\n"))
    doc = extract_file(path)
    assert doc.framework == "dvcq"
    got = scores_of(doc)
    assert got["dvcq.tc9"] == (10, 10, N, N, N) and got["dvcq.tc10"] == (10, 9, N, N, N)
    assert "dvcq.tc9.nd2" not in got and got["dvcq.tc10.nd2"][:2] == (N, 1)   # (its maximum is 2)


def test_criteria_of_another_framework_numbered_like_dvcq_but_worth_other_maxima(tmp_path):
    # a school's own criteria 'Tiêu chí 1 … (25 điểm)': their numbers exist in dvcq, their words
    # name none of its items, and their maxima are not its (a criterion named only by its number
    # must have the framework's maxima where the line writes one)
    path = _write(tmp_path, "school_criteria_numbered_like_dvcq.txt", (
        "TRƯỜNG THPT CHU VĂN AN\nSố: 15/BC-THPT\n\nBÁO CÁO\nTự đánh giá thi đua năm học 2024 - 2025\n\n"
        "Tiêu chí 1: Chất lượng giáo dục đại trà, tỷ lệ học sinh lên lớp: tự chấm 24/25 điểm.\n\n"
        "Tiêu chí 2: Học sinh giỏi cấp tỉnh và quốc gia: tự chấm 23,5/25 điểm.\n\n"
        "Tiêu chí 3: Cơ sở vật chất, thiết bị dạy học: tự chấm 14/15 điểm.\n"))
    doc = extract_file(path)
    assert doc.framework.startswith("sheet:")
    assert sorted(v[:2] for v in scores_of(doc).values()) == [(15, 14), (25, 23.5), (25, 24)]


def test_a_markdown_head_cell_broken_by_br_gives_the_number_and_the_issuer(tmp_path):
    # the head as one pipe-table row, each column's lines broken by '<br>': 'Số:' is a line of the
    # cell, and the issuer the unit above it (the parent authority above that)
    path = _write(tmp_path, "head_cell_lines_broken_by_br.md", (
        "| SỞ Y TẾ HÀ GIANG<br>**TRUNG TÂM Y TẾ HUYỆN BẮC MÊ**<br>Số: 214/BC-TTYT | **CỘNG HÒA XÃ HỘI CHỦ NGHĨA "
        "VIỆT NAM**<br>**Độc lập - Tự do - Hạnh phúc**<br>*Bắc Mê, ngày 20 tháng 11 năm 2024* |\n|---|---|\n\n"
        "## BÁO CÁO\n\n**Tự đánh giá công tác dân vận chính quyền năm 2024**\n\nTiêu chí 1 tự chấm 9 điểm.\n"))
    md = extract_file(path).metadata
    # (the issuer's words as capitals left them: 'Y Tế', the name written nowhere else in the text)
    assert (md.report_number, md.issuer, md.issued_on) == ("214/BC-TTYT", "Trung tâm Y Tế huyện Bắc Mê", "2024-11-20")


def test_a_portal_page_whose_menus_stand_above_the_reports_head(tmp_path):
    # menus and a breadcrumb above the report a portal shows: the issuer is the block above 'Số:'
    path = _write(tmp_path, "portal_menus_above_the_head.html", (
        "<html><body><ul><li>Trang chủ</li><li>Tin tức</li></ul><p>Trang chủ » Văn bản » Báo cáo</p>"
        "<p>Ngày đăng: 02/12/2024</p><table><tr><td>ỦY BAN NHÂN DÂN<br>HUYỆN BA CHẼ<br>Số: 311/BC-UBND</td>"
        "<td>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br>Độc lập - Tự do - Hạnh phúc<br>Ba Chẽ, ngày 28 tháng 11 năm 2024"
        "</td></tr></table><p>BÁO CÁO</p><p>Tự đánh giá công tác dân vận chính quyền năm 2024</p>"
        "<p>Tiêu chí 1 tự chấm 9 điểm.</p></body></html>"))
    md = extract_file(path).metadata
    assert (md.report_number, md.issuer) == ("311/BC-UBND", "Ủy ban nhân dân huyện Ba Chẽ")


def test_the_class_proposed_in_a_note_beside_the_sheets_total(tmp_path):
    # 'Đề nghị xếp loại: Hoàn thành xuất sắc nhiệm vụ' in the notes cell of the sheet's total row,
    # nowhere in the text; a criterion's words naming a class in the sheet are no proposal
    document = docx.Document()
    for line in ("UBND HUYỆN ĐĂK GLEI", "Số: 97/BC-UBND", "BÁO CÁO", "Tự đánh giá công tác dân vận chính quyền năm 2024"):
        document.add_paragraph(line)
    rows = [("TT", "Tiêu chí", "Điểm chuẩn", "Tự chấm", "Ghi chú"),
            ("", "TỔNG ĐIỂM", "20", "19", "Đề nghị xếp loại: Hoàn thành xuất sắc nhiệm vụ"),
            ("1", "Công tác triển khai, quán triệt các văn bản lãnh đạo, chỉ đạo, hướng dẫn về công tác dân vận "
                  "của chính quyền", "10", "10", ""),
            ("2", "Thực hiện nhiệm vụ chính trị", "10", "9", "Chi đoàn được xếp loại Hoàn thành tốt nhiệm vụ")]
    table = document.add_table(rows=len(rows), cols=5)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    path = tmp_path / "class_in_the_sheets_total_note.docx"
    document.save(path)
    doc = extract_file(path)
    assert scores_of(doc)["dvcq"][:2] == (20, 19)
    assert doc.metadata.classification == "xuat_sac"


def test_contents_of_a_paragraph_wrapped_by_hand(tmp_path):
    # 'a) Nội dung 1: … Chỉ' / 'thị 33/CT-TTg … (3 điểm). Các văn bản …' / '… Tự đánh giá: 3/3 điểm.': the
    # content's maximum ends the first clause of its next line; a line a wrap opens with a number
    # ('6 tháng tại …') is no item's
    path = _write(tmp_path, "contents_wrapped_by_hand.txt", (
        "UBND HUYỆN TÂY TRÀ\nSố: 55/BC-UBND\n\nBÁO CÁO\nTự đánh giá công tác dân vận chính quyền năm 2024\n\n"
        "Tiêu chí 1: Công tác triển khai, quán triệt các văn bản lãnh đạo, chỉ đạo, hướng dẫn\n"
        "về công tác dân vận của chính quyền (10 điểm)\n"
        "    a) Nội dung 1: Quán triệt, cụ thể hóa Kết luận 114-KL/TW, Chỉ thị 16/CT-TTg và Chỉ\n"
        "thị 33/CT-TTg về công tác dân vận (3 điểm). Các văn bản được phổ biến trong sinh hoạt\n"
        "chi bộ. Tự đánh giá: 3/3 điểm.\n"
        "    b) Nội dung 2: Triển khai Quy chế công tác dân vận của hệ thống chính trị; phân công\n"
        "cán bộ, công chức theo dõi (3 điểm). Phân công đồng chí Phó Chủ tịch phụ trách. Tự chấm 3 điểm.\n"
        "    c) Nội dung 3: Xây dựng kế hoạch công tác dân vận; kiểm tra, sơ kết (4 điểm). Sơ kết\n"
        "6 tháng tại Báo cáo số 159/BC-UBND ngày 22/6/2024. Tự đánh giá: 3/4 điểm.\n"
        "    => Cộng tiêu chí 1: 9/10 điểm.\n"))
    got = scores_of(extract_file(path))
    assert [got[f"dvcq.tc1.nd{k}"][:2] for k in (1, 2, 3)] == [(3, 3), (3, 3), (4, 3)]
    assert got["dvcq.tc1"][:2] == (10, 9) and "dvcq.tc6" not in got


def test_a_grid_table_in_a_text_export(tmp_path):
    # a console's or Pandoc's grid table: '+----+' rules between rows, each cell wrapped over lines;
    # the rules broke the sheet into a table per row
    rule = "+-------+----------------------------------+--------+---------+"
    path = _write(tmp_path, "grid_table_with_wrapped_cells.txt", "\n".join([
        "TRƯỜNG THCS NGHĨA HÒA", "Số: 61/BC-THCS", "", "BÁO CÁO", "Tự đánh giá công tác dân vận chính quyền năm 2024", "",
        rule,
        "|   TT  |        Tiêu chí / nội dung        |  Điểm  | Tự chấm |",
        "|       |                                  | tối đa |         |",
        rule,
        "| TC1   | Công tác triển khai, quán triệt  |   10   |    9    |",
        "|       | các văn bản lãnh đạo, chỉ đạo    |        |         |",
        rule,
        "| - ND1 | Quán triệt, triển khai, cụ thể   |   3    |    3    |",
        "|       | hóa các văn bản                  |        |         |",
        rule,
        "| - ND2 | Triển khai Quy chế công tác dân  |   3    |    2    |",
        "|       | vận của hệ thống chính trị       |        |         |",
        rule,
        "| - ND3 | Xây dựng kế hoạch công tác dân   |   4    |    4    |",
        "|       | vận hằng năm                     |        |         |",
        rule,
        "| TC2   | Thực hiện nhiệm vụ chính trị     |   10   |   10    |",
        rule, ""]))
    got = scores_of(extract_file(path))
    assert (got["dvcq.tc1"], got["dvcq.tc1.nd2"], got["dvcq.tc2"]) == ((10, 9, N, N, N), (3, 2, N, N, N), (10, 10, N, N, N))
    assert [got[f"dvcq.tc1.nd{k}"][:2] for k in (1, 3)] == [(3, 3), (4, 4)]


def test_a_sheet_beside_last_years_columns(tmp_path):
    # 'Năm 2024 | Năm 2025' over 'Tự chấm | Thẩm định' each, and 'Tăng, giảm so với năm 2024': the
    # report's scores are the latest year's columns (the earlier year's self score was read as this one's)
    import openpyxl
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG"])
    ws.append(["Số: 88/BC-TTPVHCC"])
    ws.append(["BẢNG TỰ CHẤM ĐIỂM CÔNG TÁC DÂN VẬN CHÍNH QUYỀN NĂM 2025"])
    ws.append(["TT", "Tiêu chí", "Điểm tối đa", "Năm 2024", None, "Năm 2025", None, "Tăng, giảm so với năm 2024"])
    ws.append([None, None, None, "Tự chấm", "Thẩm định", "Tự chấm", "Thẩm định", None])
    for c in ("A4:A5", "B4:B5", "C4:C5", "D4:E4", "F4:G4", "H4:H5"):
        ws.merge_cells(c)
    ws.append([1, "Công tác triển khai, quán triệt các văn bản lãnh đạo, chỉ đạo, hướng dẫn về công tác dân vận "
                  "của chính quyền", 10, 9, 9, 10, None, 1])
    ws.append([2, "Thực hiện nhiệm vụ chính trị", 10, 10, 9, 9, None, -1])
    ws.append([None, "Tổng cộng", 20, 19, 18, 19, None, 0])
    path = tmp_path / "sheet_beside_last_years_columns.xlsx"
    wb.save(path)
    assert scores_of(extract_file(path)) == {"dvcq": (20, 19, N, N, N), "dvcq.tc1": (10, 10, N, N, N),
                                             "dvcq.tc2": (10, 9, N, N, N)}


@pytest.mark.parametrize("sentence, expected", [
    ("Sở Xây dựng tự đánh giá hoàn thành xuất sắc nhiệm vụ năm 2025, đề nghị Khối thi đua xem xét.", "xuat_sac"),
    ("Sở tự đánh giá là Hoàn thành tốt nhiệm vụ.", "tot"),
    # the class's words without 'nhiệm vụ' are what was done, not a class
    ("Sở tự đánh giá hoàn thành tốt các chỉ tiêu được giao.", None),
])
def test_the_class_a_unit_assesses_itself_at_without_xep_loai(tmp_path, sentence, expected):
    path = _write(tmp_path, "class_self_assessed_without_xep_loai.txt", (
        "UBND TỈNH BẮC KẠN\nSỞ XÂY DỰNG\nSố: 52/BC-SXD\n\nBÁO CÁO\nTự chấm điểm công tác dân vận chính quyền năm 2025\n\n"
        "Tiêu chí 1: Công tác triển khai văn bản (10 điểm). Tự chấm: 10 điểm.\n\n"
        f"III. TỰ ĐÁNH GIÁ, ĐỀ NGHỊ\n{sentence}\n"))
    assert extract_file(path).metadata.classification == expected
