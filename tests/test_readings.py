"""The framework chooses among readings of a sheet's columns: a column whose header names no role is
read by how its numbers fit the framework (the items' maxima, children adding up to their parent);
values stay as written, checks still fire, and two readings that fit alike are recorded."""
from conftest import extract_file, findings_of, scores_of
from make_sheets import EXPECTED, EXPECTED_SELF_ONLY, HEADER, body_rows, write_tsv

N = None


def _kinds(doc, kind):
    return [f for f in doc.findings if f.kind == kind]


def test_blank_max_header_is_read_as_the_maximum_because_its_numbers_are_the_items_maxima(tmp_path):
    header = ["TT", "Nội dung tiêu chí", "", "Điểm tự chấm", "Điểm thẩm định", "Tài liệu kiểm chứng"]
    path = tmp_path / "blank_max_header.txt"
    write_tsv(path, [header], body_rows("dotted"))
    doc = extract_file(path)
    assert scores_of(doc) == EXPECTED
    assert findings_of(doc) == []
    [changed] = _kinds(doc, "reading_by_framework")
    assert changed.severity == "info"
    assert "column 3 = max_points" in changed.message
    assert _kinds(doc, "ambiguous_reading") == []


def test_unknown_max_wording_read_by_the_framework_and_self_over_max_still_reported(tmp_path):
    # "Điểm khoán" names no role any catalog knows; criterion 2.2's self score is over its maximum
    rows = body_rows("dotted")
    rows[2][3] = "3,5"
    rows[0][3] = "10,5"
    rows[-1][3] = "20"
    header = ["TT", "Nội dung tiêu chí", "Điểm khoán", "Điểm tự chấm", "Điểm thẩm định", "Tài liệu kiểm chứng"]
    path = tmp_path / "self_over_max_under_unknown_max_wording.txt"
    write_tsv(path, [header], rows)
    doc = extract_file(path)
    scores = scores_of(doc)
    assert scores["dvcq.tc2.nd2"] == (3, 3.5, 2, N, N)
    assert scores["dvcq.tc2"] == (10, 10.5, 8.5, N, N)
    assert ("dvcq.tc2.nd2", "self_exceeds_max") in findings_of(doc)
    assert ("dvcq.tc2", "self_exceeds_max") in findings_of(doc)


def test_a_named_header_stands_when_its_numbers_fit(tmp_path):
    path = tmp_path / "named_header.txt"
    write_tsv(path, [HEADER], body_rows("dotted"))
    doc = extract_file(path)
    assert scores_of(doc) == EXPECTED
    assert _kinds(doc, "reading_by_framework") == []
    assert _kinds(doc, "ambiguous_reading") == []


def test_two_unnamed_score_columns_that_fit_alike_are_an_ambiguous_reading(tmp_path):
    # both unnamed columns hold the same sums within the maxima: self or authority, nothing decides
    header = ["TT", "Nội dung tiêu chí", "Điểm tối đa", "", "", "Tài liệu kiểm chứng"]
    rows = [r[:4] + [r[3]] + r[5:] for r in body_rows("dotted")]
    path = tmp_path / "two_unnamed_alike.txt"
    write_tsv(path, [header], rows)
    doc = extract_file(path)
    [doubt] = _kinds(doc, "ambiguous_reading")
    assert doubt.severity == "info"
    assert "column 4 = self_score, column 5 = authority_score" in doubt.message
    assert "column 4 = authority_score, column 5 = self_score" in doubt.message
    # the stronger reading is kept: self before the authority, left to right
    assert scores_of(doc) == {k: (v[0], v[1], v[1], N, N) for k, v in EXPECTED_SELF_ONLY.items()}


def test_an_unnamed_column_of_item_numbers_is_no_score(tmp_path):
    # "Thứ tự" is no numbering header the catalogs know; its numbers are the items' own
    header = ["Thứ tự", "Nội dung tiêu chí", "Điểm tối đa", "Điểm tự chấm", "Điểm thẩm định", "Tài liệu kiểm chứng"]
    path = tmp_path / "unnamed_item_numbers.txt"
    write_tsv(path, [header], body_rows("letters_dot"))
    doc = extract_file(path)
    assert scores_of(doc) == EXPECTED
    assert _kinds(doc, "reading_by_framework") == []


def test_rows_the_mapper_cannot_place_are_placed_by_the_sheets_order(tmp_path):
    # the second level numbered "1.1" as its parent's first item: in tdkt-tmth's own numbering "1.1"
    # is the item below it, whose text this row does not have; names cut short with "..."
    header = ["TT", "Nội dung", "Điểm chuẩn", "Điểm tự chấm"]
    rows = [["1", "Thi đua thực hiện kế hoạch phát triển kinh tế - xã hội, bảo đảm quốc phòng, an ninh", "650", "640"],
            ["1.1", "Công tác quản lý nhà nước theo...", "400", "395"],
            ["a)", "Lãnh đạo, chỉ đạo triển khai thực hiện toàn diện các mặt công tác...", "100", "100"],
            ["b)", "Chủ động tham mưu cho UBND tỉnh lãnh đạo, chỉ đạo...", "50", "45"],
            ["c)", "Xây dựng và thực hiện tốt chương trình, kế hoạch công tác...", "250", "250"],
            ["1.2", "Công tác xây dựng, nâng cao năng lực lãnh đạo, quản lý...", "50", "45"]]
    path = tmp_path / "second_level_dotted_like_the_third.txt"
    write_tsv(path, [header], rows, title="BẢNG CHẤM ĐIỂM THI ĐUA KHỐI THAM MƯU - TỔNG HỢP NĂM 2024")
    doc = extract_file(path)
    assert doc.framework == "tdkt-tmth"
    scores = scores_of(doc)
    assert scores["tdkt-tmth.nd1.1"] == (400, 395, N, N, N)
    assert scores["tdkt-tmth.nd1.1.1"] == (100, 100, N, N, N)
    assert scores["tdkt-tmth.nd1.1.3"] == (250, 250, N, N, N)
    assert scores["tdkt-tmth.nd1.2"] == (50, 45, N, N, N)
    placed = {f.criterion_id for f in _kinds(doc, "placed_by_order")}
    assert "tdkt-tmth.nd1.1" in placed
    assert [f for f in doc.findings if f.kind == "unmapped_item"] == []


def test_sheet_of_cut_names_is_read_under_its_framework_by_the_sheets_order(tmp_path):
    # contents numbered "1." in the label (a label may start with a year: no marker) and their names
    # cut after seven words: row by row too few fit for the framework to be sure; in order they all do
    from chamdiem.normalizers.framework_catalog import frameworks
    fw = frameworks()["dvcq"]
    rows, expected = [], {}
    for tc in (fw.items[c] for c in fw.root.children):
        rows.append([f"TC {tc.number}", tc.text, f"{tc.max:g}", f"{tc.max:g}"])
        expected[tc.id] = (tc.max, tc.max, N, N, N)
        for nd in (fw.items[c] for c in tc.children):
            words = nd.text.split()
            rows.append(["", f"{nd.number}. " + " ".join(words[:7]) + "...", f"{nd.max:g}", f"{nd.max:g}"])
            expected[nd.id] = (nd.max, nd.max, N, N, N)
    rows.append(["", "Tổng cộng", "100", "100"])
    expected["dvcq"] = (100, 100, N, N, N)
    path = tmp_path / "cut_names_numbered_in_label.txt"
    write_tsv(path, [["TT", "Nội dung", "Thang điểm", "Điểm tự chấm"]], rows)
    doc = extract_file(path)
    assert doc.framework == "dvcq"
    assert _kinds(doc, "unknown_framework") == []
    assert scores_of(doc) == expected


def test_sheet_without_a_named_score_column_is_read_by_the_framework_and_the_doubt_recorded(tmp_path):
    # "Điểm được giao" and a blank header: no catalog names either column; the numbers do: one is the
    # items' maxima, the other adds up within them, the unit's or the authority's score alike
    header = ["TT", "Nội dung tiêu chí", "Điểm được giao", "", "Tài liệu kiểm chứng"]
    rows = [r[:4] + r[5:] for r in body_rows("dotted")]
    path = tmp_path / "no_named_score_column.txt"
    write_tsv(path, [header], rows)
    doc = extract_file(path)
    assert scores_of(doc) == EXPECTED_SELF_ONLY
    [doubt] = _kinds(doc, "ambiguous_reading")
    assert "column 4 = self_score" in doubt.message and "column 4 = authority_score" in doubt.message
    assert findings_of(doc) == []


def test_workbook_with_a_blank_max_header_is_a_score_sheet_read_by_the_framework(tmp_path):
    # the workbook reader looks for a header naming two score columns: this one names one, and the
    # blank one holds numbers
    import openpyxl
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["BẢNG TỰ CHẤM ĐIỂM CÔNG TÁC DÂN VẬN CHÍNH QUYỀN NĂM 2024"])
    ws.append(["TT", "Nội dung tiêu chí", None, "Điểm tự chấm", "Tài liệu kiểm chứng"])
    for row in body_rows("dotted"):
        ws.append([row[0] or None, row[1], *(float(v.replace(",", ".")) for v in row[2:4]), row[5] or None])
    path = tmp_path / "blank_max_header.xlsx"
    wb.save(path)
    doc = extract_file(path)
    assert scores_of(doc) == EXPECTED_SELF_ONLY
    assert findings_of(doc) == []
    assert len(_kinds(doc, "reading_by_framework")) == 1


def _sheet_then_sentence(path, sentence):
    """The sheet of make_sheets without its total row, then one sentence of narrative."""
    lines = ["BÁO CÁO KẾT QUẢ TỰ CHẤM ĐIỂM CÔNG TÁC DÂN VẬN CHÍNH QUYỀN NĂM 2024", "", sentence, "", "\t".join(HEADER)]
    lines += ["\t".join(r) for r in body_rows("dotted")[:-1]]
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return extract_file(path)


def test_a_sentence_naming_no_item_is_the_total_when_only_the_root_can_hold_its_score(tmp_path):
    # 'từng tiêu chí' is no cue of a total; 18,5 is above every item's maximum but the root's (100)
    doc = _sheet_then_sentence(tmp_path / "undecided_total.txt",
                               "Sau khi rà soát từng tiêu chí, UBND phường tự chấm được 18,5 điểm.")
    assert scores_of(doc)["dvcq"] == (N, 18.5, N, N, N)
    [note] = _kinds(doc, "total_by_framework")
    assert note.severity == "info" and note.criterion_id == "dvcq"


def test_a_sentence_naming_no_item_with_the_roots_maximum_is_the_total(tmp_path):
    doc = _sheet_then_sentence(tmp_path / "undecided_total_with_max.txt",
                               "Qua rà soát, đơn vị tự chấm được 9 điểm trên 100 điểm.")
    assert scores_of(doc)["dvcq"] == (100, 9, N, N, N)
    assert len(_kinds(doc, "total_by_framework")) == 1


def test_a_sentence_naming_no_item_whose_score_an_item_could_hold_is_no_total(tmp_path):
    doc = _sheet_then_sentence(tmp_path / "undecided_item_sized.txt",
                               "Sau khi rà soát, đơn vị tự chấm được 8 điểm.")
    assert "dvcq" not in scores_of(doc)
    assert _kinds(doc, "total_by_framework") == []


def test_a_sentence_naming_no_item_of_another_year_is_no_total(tmp_path):
    # the report is on 2024 (its title): the points of 2023 are that year's result, not this one's
    doc = _sheet_then_sentence(tmp_path / "undecided_other_year.txt",
                               "Năm 2023, đơn vị được Ban Dân vận đánh giá đạt 18,5 điểm.")
    assert "dvcq" not in scores_of(doc)
    assert _kinds(doc, "total_by_framework") == []
    doc = _sheet_then_sentence(tmp_path / "undecided_this_year.txt",
                               "Năm 2024, đơn vị tự chấm được 18,5 điểm.")
    assert scores_of(doc)["dvcq"] == (N, 18.5, N, N, N)
