from chamdiem.normalizers.frameworks import ItemMapper
from chamdiem.normalizers.framework_catalog import frameworks
from chamdiem.lexicon.numbering import parse_marker


def mapper(fid="dvcq"):
    return ItemMapper(frameworks()[fid])


def run(m, marker, label=""):
    item, how = m.map(parse_marker(marker) if marker else None, label)
    return (item.id if item else None), how


def test_contents_are_read_inside_the_criterion_before_them():
    m = mapper()
    assert run(m, "Tiêu chí 4")[0] == "dvcq.tc4"
    assert run(m, "Nội dung 2")[0] == "dvcq.tc4.nd2"


def test_missing_number_maps_by_text_despite_typos_and_truncation():
    m = mapper()
    item, how = run(m, "", "Giai quyet kip thoi, co hieu qua nhung vu viec phuc tap, ton dong; cac kien nghi")
    assert item == "dvcq.tc5.nd2" and how == "text"


def test_number_written_differently_still_maps():
    m = mapper()
    assert run(m, "III", "Thực hiện công tác cải cách hành chính")[0] == "dvcq.tc3"
    assert run(m, "3.2")[0] == "dvcq.tc3.nd2"


def test_text_wins_over_a_wrong_number():
    m = mapper()
    run(m, "Tiêu chí 6")
    item, how = run(m, "Nội dung 1", "Cơ quan, đơn vị, địa phương không có cán bộ, công chức, viên chức suy thoái về tư tưởng")
    assert (item, how) == ("dvcq.tc6.nd4", "text")


def test_neither_number_nor_text_fits_gives_no_item():
    m = mapper()
    run(m, "Tiêu chí 1")
    item, how = run(m, "Nội dung 7", "Tổ chức hội thi văn nghệ quần chúng chào mừng ngày thành lập tỉnh")
    assert item is None and "neither" in how


def test_tdkt_items_carry_the_sheet_numbering_after_the_section():
    m = mapper("tdkt-tmth")
    assert run(m, "Nội dung 1")[0] == "tdkt-tmth.nd1"
    assert run(m, "1")[0] == "tdkt-tmth.nd1.1"
    assert run(m, "1.2")[0] == "tdkt-tmth.nd1.1.2"
    assert run(m, "2")[0] == "tdkt-tmth.nd1.2"
    assert run(m, "Nội dung 2")[0] == "tdkt-tmth.nd2"
    assert run(m, "3")[0] == "tdkt-tmth.nd2.3"


def test_a_marker_word_with_a_dotted_number_names_the_item_by_its_path():
    # 'nội dung 3.2' in running text: content 2 of tiêu chí 3, even with another criterion open;
    # the marker word keeps its depth ('tiêu chí 3.2' names no criterion)
    m = mapper()
    run(m, "Tiêu chí 1")
    assert run(m, "nội dung 3.2") == ("dvcq.tc3.nd2", "number")
    assert run(m, "nội dung 10.4")[0] == "dvcq.tc10.nd4"
    assert run(m, "tiêu chí 3.2")[0] is None


def test_a_dotted_number_after_its_section_is_the_sections_own_numbering():
    # 'Nội dung I, mục 3.1 trừ 02 điểm …; mục 5 trừ 03 điểm …' in a list explaining deductions: '3.1' is
    # the sheet's number inside section I (nd1.3.1), not the path to section 3's first item, and 'mục 5'
    # after it is section I's fifth (both were read under section III)
    m = mapper("tdkt-tmth")
    assert [run(m, t)[0] for t in ("Nội dung I", "mục 3.1", "mục 5", "Nội dung III", "mục 2")] == [
        "tdkt-tmth.nd1", "tdkt-tmth.nd1.3.1", "tdkt-tmth.nd1.5", "tdkt-tmth.nd3", "tdkt-tmth.nd3.2"]


def test_a_row_citing_documents_is_placed_by_its_place_and_maximum():
    """'a | Quán triệt Kết luận 114-KL/TW, Chỉ thị 16/CT-TTg | 3' under criterion 1: its words cite
    documents rather than name the content, but its letter (or '1.1') and its maximum place it, in a
    sheet whose other rows the framework's words name; without the maximum, or with another, not."""
    def sheet(number, maximum):
        m = mapper()
        assert run(m, "1", "Công tác triển khai, quán triệt các văn bản lãnh đạo, chỉ đạo, hướng dẫn về công tác dân vận")[0] == "dvcq.tc1"
        parsed = parse_marker(number, lists=True)
        item, how = m.map(parsed, "Quán triệt Kết luận 114-KL/TW, Chỉ thị 16/CT-TTg, Chỉ thị 33/CT-TTg",
                          {"max_points": maximum} if maximum is not None else {})
        return (item.id if item else None), how
    assert sheet("a)", 3) == ("dvcq.tc1.nd1", "number")
    assert sheet("1.1", 3) == ("dvcq.tc1.nd1", "number")
    assert sheet("a)", 4)[0] is None
    assert sheet("a)", None)[0] is None


def test_a_dotted_number_after_a_leaf_is_inside_the_item_open_above():
    """'Tiểu mục 1.1' (a leaf) then 'Tiểu mục 1.2': the second is inside 'Mục 1' still open above
    the leaf, not the path '1.2' from the top (Nội dung 1, item 2)."""
    m = mapper("tdkt-tmth")
    assert run(m, "Nội dung I")[0] == "tdkt-tmth.nd1"
    assert run(m, "Mục 1")[0] == "tdkt-tmth.nd1.1"
    assert run(m, "Mục 1.1")[0] == "tdkt-tmth.nd1.1.1"
    assert run(m, "Mục 1.2")[0] == "tdkt-tmth.nd1.1.2"
    assert run(m, "Mục 2")[0] == "tdkt-tmth.nd1.2"


def test_maximum_written_keeps_a_number_whose_words_resemble_another_item():
    # 'Thực hiện Quy chế dân vận' resembles criterion 8's 'Thực hiện quy chế dân chủ ở cơ sở' (10
    # points) more than the long text of content 1.2 (3 points), but the row's 3 points are 1.2's
    m = mapper()
    assert run(m, "TC1", "Triển khai, quán triệt văn bản về công tác dân vận")[0] == "dvcq.tc1"
    item, _ = m.map(parse_marker("1.2", lists=True), "Thực hiện Quy chế dân vận (QĐ 396)", {"max_points": 3.0})
    assert item.id == "dvcq.tc1.nd2"
    item, _ = m.map(parse_marker("8", lists=True), "Thực hiện Quy chế dân chủ ở cơ sở", {"max_points": 10.0})
    assert item.id == "dvcq.tc8"
