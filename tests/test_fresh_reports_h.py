"""Small reports in the wordings and sheet shapes of a batch of units never seen (batch H), each
named after the miss it caught; every value is the one the report writes."""
import docx

from conftest import extract_file, findings_of, scores_of

N = None


def _write(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def _docx(path, paragraphs, rows, after=()):
    d = docx.Document()
    for line in paragraphs:
        d.add_paragraph(line)
    table = d.add_table(rows=0, cols=len(rows[0]))
    for row in rows:
        for cell, text in zip(table.add_row().cells, row):
            cell.text = text
    for line in after:
        d.add_paragraph(line)
    d.save(path)
    return path


def test_contents_shortened_by_the_unit_fit_the_framework_by_their_maxima(tmp_path):
    # the criteria rows name the framework's criteria word for word; the lettered contents under them
    # are the unit's own shortenings, which agree only in part with the framework's long sentences:
    # their maxima (2, 3, 2, 3 / 4, 3, 3) are the framework's, so the sheet is the framework's
    path = _docx(tmp_path / "contents_shortened_by_the_unit.docx",
                 ["SỞ XÂY DỰNG", "Số: 56/BC-SXD", "BÁO CÁO", "Tự đánh giá công tác dân vận chính quyền năm 2025"],
                 [["STT", "Tiêu chí, nội dung", "Điểm tối đa", "Điểm tự đánh giá"],
                  ["3", "Thực hiện công tác cải cách hành chính (CCHC)", "10", "9,5"],
                  ["a)", "Triển khai công tác cải cách hành chính, tạo sự hài lòng của người dân", "2", "2"],
                  ["b)", "Niêm yết công khai thủ tục hành chính; tăng cường kỷ luật, kỷ cương", "3", "3"],
                  ["c)", "Kiểm tra nội bộ, rà soát thủ tục, không để hồ sơ trễ hẹn", "2", "1,5"],
                  ["d)", "Gửi, nhận văn bản điện tử, giải quyết thủ tục trên môi trường điện tử", "3", "3"],
                  ["5", "Giải quyết đơn thư khiếu nại, tố cáo, kiến nghị, phản ánh của công dân", "10", "9"],
                  ["a)", "Chỉ đạo xử lý đơn, thư kiến nghị, phản ánh", "4", "4"],
                  ["b)", "Giải quyết vụ việc phức tạp, tồn đọng", "3", "2"],
                  ["c)", "Không có khiếu nại kéo dài, vượt cấp; hòa giải ở cơ sở", "3", "3"],
                  ["", "Tổng cộng", "20", "18,5"]])
    doc = extract_file(path)
    assert doc.framework == "dvcq"
    assert scores_of(doc) == {
        "dvcq": (20, 18.5, N, N, N), "dvcq.tc3": (10, 9.5, N, N, N), "dvcq.tc3.nd1": (2, 2, N, N, N),
        "dvcq.tc3.nd2": (3, 3, N, N, N), "dvcq.tc3.nd3": (2, 1.5, N, N, N), "dvcq.tc3.nd4": (3, 3, N, N, N),
        "dvcq.tc5": (10, 9, N, N, N), "dvcq.tc5.nd1": (4, 4, N, N, N), "dvcq.tc5.nd2": (3, 2, N, N, N),
        "dvcq.tc5.nd3": (3, 3, N, N, N)}


def test_top_level_items_with_the_frameworks_maxima_but_other_words_stay_provisional(tmp_path):
    # ten points each is every criterion's maximum: numbering and maxima alone, with words that
    # half agree at best, do not make a sheet of another framework the known one
    path = _write(tmp_path, "top_level_maxima_alone.txt", (
        "UBND XÃ NGHĨA KỲ\nSố: 140/BC-UBND\n\nBÁO CÁO\nTự đánh giá các tiêu chí xã nông thôn mới nâng cao năm 2024\n\n"
        "Tiêu chí 1 (Quy hoạch): đạt 10/10 điểm.\n\nTiêu chí 2 (Giao thông): đạt 9/10 điểm.\n\n"
        "Tiêu chí 3 (Thủy lợi): đạt 10/10 điểm.\n\nTiêu chí 4 (Cơ sở vật chất văn hóa): đạt 9/10 điểm.\n\n"
        "Tiêu chí 5 (Thông tin và Truyền thông): đạt 10/10 điểm.\n\nTiêu chí 6 (Nhà ở dân cư): đạt 9,5/10 điểm.\n"))
    doc = extract_file(path)
    assert doc.framework == "sheet:ubnd-xa-nghia-ky-2024"


def test_a_result_label_under_a_criterion_numbered_without_a_marker_word(tmp_path):
    # '2. Thực hiện nhiệm vụ chính trị' opens the paragraph, 'Kết quả: 8,5 điểm (thang điểm 10).' ends
    # it: the line's number and words name the criterion; 'Điểm: 9/10' under a marked heading; a
    # legacy code page with its tone marks combined
    text = ("UBND XÃ DIỄN KIM\r\nSố: 118/BC-UBND\r\n\r\nBÁO CÁO\r\n"
            "Tự đánh giá, chấm điểm công tác dân vận chính quyền năm 2023\r\n\r\n"
            "1. Công tác triển khai, quán triệt các văn bản lãnh đạo, chỉ đạo, hướng dẫn về công tác dân vận của "
            "chính quyền\r\nUBND xã đã quán triệt đầy đủ.\r\nKết quả: 10 điểm (thang điểm 10).\r\n\r\n"
            "2. Thực hiện nhiệm vụ chính trị\r\nCòn 01 chỉ tiêu chưa đạt.\r\nKết quả: 8,5 điểm (thang điểm 10).\r\n\r\n"
            "Tiêu chí thứ ba: Thực hiện công tác cải cách hành chính (CCHC)\r\nCòn 02 hồ sơ quá hạn.\r\nĐiểm: 9/10\r\n\r\n"
            "Tổng cộng: 27,5 điểm.\r\n")
    import unicodedata
    legacy = bytearray()
    for ch in text:
        try:
            legacy += ch.encode("cp1258")
        except UnicodeEncodeError:   # a precomposed tone: the base letter, then the combining tone mark
            base, *marks = unicodedata.normalize("NFD", ch)
            tones = [m for m in marks if m in "\u0300\u0301\u0303\u0309\u0323"]
            legacy += unicodedata.normalize("NFC", base + "".join(m for m in marks if m not in tones)).encode("cp1258")
            legacy += "".join(tones).encode("cp1258")
    path = tmp_path / "result_label_under_numbered_criteria.txt"
    path.write_bytes(bytes(legacy))
    doc = extract_file(path)
    assert doc.framework == "dvcq"
    assert scores_of(doc) == {"dvcq": (N, 27.5, N, N, N), "dvcq.tc1": (10, 10, N, N, N),
                              "dvcq.tc2": (10, 8.5, N, N, N), "dvcq.tc3": (10, 9, N, N, N)}
    assert findings_of(doc) == []


def test_section_headings_by_ordinal_with_points_and_bonus_then_the_self_score_under_them(tmp_path):
    # 'Phần thứ nhất. … (650 điểm, điểm thưởng 30 điểm)': a heading opened by 'Phần' gives the maxima,
    # the sentence under it the self score and, after a semicolon, the bonus
    names = {1: "Thi đua thực hiện kế hoạch phát triển kinh tế - xã hội, bảo đảm quốc phòng, an ninh",
             2: "Thực hiện các chủ trương của Đảng, chính sách, pháp luật của Nhà nước; xây dựng tổ chức Đảng "
                "trong sạch, vững mạnh"}
    body = "".join(
        f"Phần thứ {ordinal}. {names[i]} ({mx} điểm, điểm thưởng {bm} điểm)\n"
        f"Trong năm, Sở đã hoàn thành các nhiệm vụ trọng tâm. Sở tự chấm {sf} điểm; điểm thưởng đạt {bs}/{bm} điểm.\n\n"
        for i, ordinal, mx, bm, sf, bs in [(1, "nhất", 650, 30, 636, 24), (2, "hai", 200, 10, 195, 8)])
    path = _write(tmp_path, "sections_by_ordinal_with_points.txt", (
        "SỞ TƯ PHÁP\nSố: 1887/BC-STP\n\nBÁO CÁO\nTự chấm điểm thi đua năm 2023 (Khối các cơ quan Tham mưu - Tổng hợp)\n\n"
        + body + "Tổng số điểm tự chấm: 831/850 điểm và 32/40 điểm thưởng.\n"))
    doc = extract_file(path)
    assert doc.framework == "tdkt-tmth"
    assert scores_of(doc) == {"tdkt-tmth": (850, 831, N, 40, 32), "tdkt-tmth.nd1": (650, 636, N, 30, 24),
                              "tdkt-tmth.nd2": (200, 195, N, 10, 8)}


def test_a_score_the_unit_proposes_under_a_heading_that_gives_the_maximum(tmp_path):
    # 'Tiêu chí 1. … (10 điểm)' then two sentences, then 'Đơn vị đề xuất mức 9 điểm.' / 'Ban tự đánh giá ở
    # mức 10 điểm.': the heading's points are the maximum
    path = tmp_path / "score_the_unit_proposes.docx"
    d = docx.Document()
    for line in ["BAN QUẢN LÝ KHU KINH TẾ", "Số: 412/BC-BQL", "BÁO CÁO",
                 "Tự đánh giá kết quả thực hiện công tác dân vận chính quyền năm 2025",
                 "Tiêu chí 1. Công tác triển khai, quán triệt các văn bản lãnh đạo, chỉ đạo (10 điểm)",
                 "Ban đã triển khai các nhiệm vụ theo kế hoạch. Một số nội dung còn hạn chế. Đơn vị đề xuất mức 9 điểm.",
                 "Tiêu chí 2. Thực hiện nhiệm vụ chính trị (10 điểm)",
                 "Ban đã hoàn thành các chỉ tiêu. Ban tự đánh giá ở mức 10 điểm."]:
        d.add_paragraph(line)
    d.save(path)
    doc = extract_file(path)
    assert scores_of(doc) == {"dvcq.tc1": (10, 9, N, N, N), "dvcq.tc2": (10, 10, N, N, N)}


def test_a_first_body_row_named_by_the_header_word_of_its_column(tmp_path):
    # the numbering column is headed 'Tiêu chí' and its first body row says 'Tiêu chí 1' (no points, its
    # contents a) b) below): that row is an item, not a second header row, and the label column beside
    # it keeps its header 'Nội dung đánh giá'
    path = _docx(tmp_path / "first_row_named_by_header_word.docx",
                 ["BỆNH VIỆN ĐA KHOA TỈNH", "Số: 1502/BC-BVĐK", "BÁO CÁO",
                  "Tự đánh giá công tác văn thư, lưu trữ năm 2023"],
                 [["Tiêu chí", "Nội dung đánh giá", "Điểm tối đa", "Điểm tự đánh giá"],
                  ["Tiêu chí 1", "Tổ chức, quản lý hồ sơ bệnh án", "", ""],
                  ["a)", "Lập, lưu giữ hồ sơ bệnh án đúng quy định", "10", "9"],
                  ["b)", "Số hóa hồ sơ bệnh án", "10", "8"],
                  ["Tiêu chí 2", "Công tác lưu trữ", "", ""],
                  ["a)", "Chỉnh lý tài liệu tồn đọng", "10", "7"],
                  ["b)", "Bảo quản tài liệu, kho lưu trữ", "10", "9"],
                  ["", "Cộng", "40", "33"]])
    doc = extract_file(path)
    p = "sheet:benh-vien-da-khoa-tinh-2023"
    assert doc.framework == p
    assert scores_of(doc) == {p: (40, 33, N, N, N), f"{p}.tc1.a": (10, 9, N, N, N), f"{p}.tc1.b": (10, 8, N, N, N),
                              f"{p}.tc2.a": (10, 7, N, N, N), f"{p}.tc2.b": (10, 9, N, N, N)}


def test_a_self_score_written_over_its_scale_in_a_sheet_without_a_maximum_column(tmp_path):
    # '| 1 | … | 9/10 |' under 'Tự đánh giá': 10 is the criterion's maximum, not a number left over;
    # '10 điểm' is a self score alone, and so is the number of a verdict 'Đạt (10)'
    path = _write(tmp_path, "self_score_over_its_scale.md", (
        "**PHÒNG NỘI VỤ**  \nSố: 203/BC-PNV\n\n## BÁO CÁO\n### Tự chấm điểm công tác dân vận chính quyền năm 2023\n\n"
        "| TT | Tiêu chí | Tự đánh giá |\n|---|---|---|\n"
        "| 1 | Công tác triển khai, quán triệt các văn bản lãnh đạo, chỉ đạo, hướng dẫn về công tác dân vận của "
        "chính quyền | 9/10 |\n| 2 | Thực hiện nhiệm vụ chính trị | 10 điểm |\n"
        "| 3 | Thực hiện công tác cải cách hành chính (CCHC) | 8,5 / 10 điểm |\n"
        "| 4 | Tiếp tục thực hiện tốt phong trào thi đua “Dân vận khéo” | Đạt (10) |\n"))
    doc = extract_file(path)
    assert scores_of(doc) == {"dvcq.tc1": (10, 9, N, N, N), "dvcq.tc2": (N, 10, N, N, N), "dvcq.tc3": (10, 8.5, N, N, N),
                              "dvcq.tc4": (N, 10, N, N, N)}
    # the sheet has no maximum column: the maxima rows 2 and 4 leave out were not written, not unread
    # (and criteria 5-10, on no row, are not in this report)
    assert findings_of(doc, include_info=True) == []


def test_criterion_rows_left_empty_above_their_dotted_contents_are_not_unread(tmp_path):
    # '1 | Công tác triển khai … | | ' then '1.1 | … | 3 | 3', '1.2', '1.3': the criterion's values are its
    # contents', not values the reader missed (no missing_item_scores), and they count in the total's sum
    subs = [("1.1", "Quán triệt các văn bản của Trung ương về công tác dân vận", "3", "3"),
            ("1.2", "Triển khai Quy chế công tác dân vận của hệ thống chính trị", "3", "2,5"),
            ("1.3", "Kế hoạch công tác dân vận hằng năm, phân công lãnh đạo phụ trách", "4", "4")]
    rows = [["TT", "Nội dung", "Điểm chuẩn", "Điểm tự chấm"],
            ["1", "Công tác triển khai, quán triệt các văn bản lãnh đạo, chỉ đạo, hướng dẫn về công tác dân vận "
                  "của chính quyền", "", ""], *[list(r) for r in subs],
            ["2", "Thực hiện nhiệm vụ chính trị", "10", "9"],
            ["3", "Thực hiện công tác cải cách hành chính (CCHC)", "10", "9,5"],
            ["", "Tổng điểm", "30", "28"]]
    path = _docx(tmp_path / "criterion_rows_empty_above_contents.docx",
                 ["UBND THỊ TRẤN LIÊN NGHĨA", "Số: 97/BC-UBND", "BÁO CÁO", "Tự đánh giá công tác dân vận chính quyền năm 2023"],
                 rows)
    doc = extract_file(path)
    assert scores_of(doc) == {"dvcq": (30, 28, N, N, N), "dvcq.tc1.nd1": (3, 3, N, N, N),
                              "dvcq.tc1.nd2": (3, 2.5, N, N, N), "dvcq.tc1.nd3": (4, 4, N, N, N),
                              "dvcq.tc2": (10, 9, N, N, N), "dvcq.tc3": (10, 9.5, N, N, N)}
    assert findings_of(doc) == []


def test_signers_named_with_an_apostrophe_or_after_joined_degrees(tmp_path):
    # 'K'Brèo Ha Dũng' (a name of the Central Highlands), 'BS.CKII. Lâm Thị Ngọc Hân' (degrees joined)
    for name, signed, want in [("apostrophe_name.txt", "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\n\nK'Brèo Ha Dũng\n", "K'Brèo Ha Dũng"),
                               ("joined_degrees.txt", "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n\n\nBS.CKII. Lâm Thị Ngọc Hân\n",
                                "Lâm Thị Ngọc Hân")]:
        path = _write(tmp_path, name, (
            "UBND THỊ TRẤN LIÊN NGHĨA\nSố: 97/BC-UBND\n\nBÁO CÁO\nTự đánh giá công tác dân vận chính quyền năm 2023\n\n"
            "Tiêu chí 1: tự chấm 10 điểm.\n\nNơi nhận:\n- Phòng Nội vụ;\n- Lưu: VT.\n\n" + signed))
        assert extract_file(path).metadata.signer == want


def test_only_points_taken_off_under_a_heading_make_its_points_the_maximum_less_them(tmp_path):
    # 'Tiêu chí 10. … (10 điểm)' then 'Tiêu chí này bị trừ 1 điểm do chậm báo cáo.': 10 is what the
    # criterion is worth, not its score; the score left (9) is not written: it is that maximum less the
    # points taken off, and an info finding says so (the sum then agrees)
    path = tmp_path / "points_taken_off_under_heading.docx"
    d = docx.Document()
    for line in ["BAN QUẢN LÝ KHU KINH TẾ", "Số: 412/BC-BQL", "BÁO CÁO",
                 "Tự đánh giá kết quả thực hiện công tác dân vận chính quyền năm 2025",
                 "Tiêu chí 9. Tổ chức thực hiện công tác tiếp công dân, công khai đối thoại với Nhân dân (10 điểm)",
                 "Ban duy trì tiếp công dân định kỳ. Đơn vị đề xuất mức 10 điểm.",
                 "Tiêu chí 10. Thực hiện chế độ thông tin, báo cáo; điểm thưởng (10 điểm)",
                 "Các báo cáo định kỳ cơ bản bảo đảm nội dung. Tiêu chí này bị trừ 1 điểm do chậm báo cáo 6 tháng đầu năm.",
                 "Tổng số điểm tự đánh giá: 19/20 điểm."]:
        d.add_paragraph(line)
    d.save(path)
    doc = extract_file(path)
    assert scores_of(doc) == {"dvcq": (20, 19, N, N, N), "dvcq.tc9": (10, 10, N, N, N), "dvcq.tc10": (10, 9, N, N, N)}
    assert findings_of(doc) == []
    assert findings_of(doc, include_info=True) == [("dvcq.tc10", "value_from_maximum")]
