"""A report may introduce each criterion by its name alone ('2. Thực hiện nhiệm vụ chính trị',
'Về thực hiện nhiệm vụ chính trị'), never writing 'Tiêu chí 2', and score it under that line,
in its text or in a Word footnote. The framework decides which lines are its items' titles
(a numbered line of the report's own lists is none), and the statements under a title are read
inside its item."""
import pytest

from conftest import extract_file, scores_of
from footnotes import write_docx_with_notes

HEAD = ["ỦY BAN NHÂN DÂN HUYỆN MINH LONG", "Số: 48/BC-UBND",
        "BÁO CÁO", "Kết quả tự đánh giá công tác dân vận chính quyền năm 2025",
        "Thực hiện Công văn số 77/SNV-XDCQ ngày 03/11/2025 của Sở Nội vụ, UBND huyện báo cáo như sau:"]
TITLED = [
    "1. Công tác triển khai, quán triệt các văn bản lãnh đạo, chỉ đạo, hướng dẫn về công tác dân vận của chính quyền",
    "Huyện ban hành Kế hoạch số 21/KH-UBND ngày 14/01/2025 thực hiện công tác dân vận chính quyền năm 2025.",
    "2. Thực hiện nhiệm vụ chính trị",
    "Chương trình công tác năm được ban hành đúng thời hạn; có 01 nhiệm vụ chậm so với kế hoạch.",
    "3. Thực hiện công tác cải cách hành chính",
    "Tỷ lệ hồ sơ giải quyết đúng hạn 98,2%; 04 hồ sơ trễ hạn đã xin lỗi công dân.",
    "III. TỒN TẠI VÀ KIẾN NGHỊ",
    "1. Tồn tại: còn hồ sơ trễ hạn, việc đối thoại chưa thường xuyên.",
    "2. Kiến nghị: đề nghị tỉnh tổ chức tập huấn nghiệp vụ.",
]
NOTES = {
    "Huyện ban hành": "Điểm tự chấm: nội dung 1 đạt 3/3; nội dung 2 đạt 3/3; nội dung 3 đạt 2/4 (chưa kiểm tra riêng).",
    "Chương trình công tác": "Điểm tự chấm: nội dung 1 đạt 4/4; nội dung 2 đạt 2/3; nội dung 3 đạt 3/3.",
    "Tỷ lệ hồ sơ": "Điểm tự chấm: nội dung 1 đạt 2/2; nội dung 2 đạt 3/3; nội dung 3 đạt 1/2; nội dung 4 đạt 3/3.",
}
# (max, self) of each content the notes score
EXPECTED = {"dvcq.tc1.nd1": (3, 3), "dvcq.tc1.nd2": (3, 3), "dvcq.tc1.nd3": (4, 2),
            "dvcq.tc2.nd1": (4, 4), "dvcq.tc2.nd2": (3, 2), "dvcq.tc2.nd3": (3, 3),
            "dvcq.tc3.nd1": (2, 2), "dvcq.tc3.nd2": (3, 3), "dvcq.tc3.nd3": (2, 1), "dvcq.tc3.nd4": (3, 3)}


def _contents(doc) -> dict:
    got = scores_of(doc)
    return {cid: (v[0], v[1]) for cid, v in got.items() if cid.count(".") == 2}


@pytest.mark.parametrize("kind", ["footnote", "endnote"])
def test_scores_in_word_notes_under_numbered_titles(tmp_path, kind):
    path = tmp_path / f"contents_scored_in_{kind}s_under_numbered_titles.docx"
    write_docx_with_notes(HEAD + TITLED, NOTES, path, kind)
    doc = extract_file(path)
    assert doc.framework == "dvcq"
    assert _contents(doc) == EXPECTED
    # each note is read right after the paragraph that refers to it
    lines = doc.model.text.split("\n")
    k = lines.index(TITLED[1])
    assert lines[k + 1] == NOTES["Huyện ban hành"]


def test_notes_read_as_their_text_inline(tmp_path):
    """The notes' statements read as they would in the text right after their paragraphs."""
    inline = []
    for text in HEAD + TITLED:
        inline.append(text)
        inline += [n for start, n in NOTES.items() if text.startswith(start)]
    noted, plain = tmp_path / "notes.docx", tmp_path / "inline.docx"
    write_docx_with_notes(HEAD + TITLED, NOTES, noted)
    write_docx_with_notes(inline, {}, plain)
    a, b = extract_file(noted), extract_file(plain)
    assert a.model.text == b.model.text
    assert scores_of(a) == scores_of(b)


def test_numbered_list_of_the_report_is_no_title(tmp_path):
    """'1. Tồn tại: …' under 'III. TỒN TẠI VÀ KIẾN NGHỊ' names no criterion: a statement after it
    stays outside the criteria above."""
    lines = TITLED + ["Nội dung 1 đạt 2/3 điểm."]
    path = tmp_path / "numbered_list_after_titles.txt"
    path.write_text("\n".join(HEAD + [lines[0], NOTES["Huyện ban hành"]] + lines[1:]), "utf-8")
    doc = extract_file(path)
    contents = _contents(doc)
    assert contents == {k: v for k, v in EXPECTED.items() if k.startswith("dvcq.tc1.")}
    # the last statement, under the report's own list, is placed nowhere, and said so
    assert [f.kind for f in doc.findings if f.kind == "unmapped_item"] == ["unmapped_item"]


TITLE_ONLY = HEAD + [
    "I. KẾT QUẢ TỪNG TIÊU CHÍ",
    "Về thực hiện nhiệm vụ chính trị",
    "Huyện hoàn thành 14/15 chỉ tiêu kinh tế - xã hội chủ yếu của năm.",
    "Kết quả tiêu chí: 9/10 điểm.",
    "Về giải quyết đơn thư khiếu nại, tố cáo, kiến nghị, phản ánh của công dân",
    "Tiếp nhận 31 đơn, giải quyết 30 đơn; không có đơn vượt cấp.",
    "Tự đánh giá đạt 8/10 điểm.",
    "II. TỔNG HỢP",
    "Tổng số điểm tự chấm: 88/100 điểm.",
]


def test_criteria_named_by_title_only(tmp_path):
    path = tmp_path / "criteria_named_by_title_only.txt"
    path.write_text("\n".join(TITLE_ONLY), "utf-8")
    doc = extract_file(path)
    got = scores_of(doc)
    assert doc.framework == "dvcq"
    assert got["dvcq.tc2"][:2] == (10, 9)
    assert got["dvcq.tc5"][:2] == (10, 8)
    assert got["dvcq"][:2] == (100, 88)


def test_titles_shortened_by_the_unit(tmp_path):
    """A unit shortens a criterion's name ('7. Công tác phối hợp với Mặt trận Tổ quốc và các tổ chức
    chính trị - xã hội' for the framework's longer one): with its number the line is still its title."""
    path = tmp_path / "titles_shortened_by_the_unit.txt"
    path.write_text("\n".join(HEAD + [
        "6. Thực hiện quy định về đạo đức công vụ, văn hóa công sở",
        "Tự chấm: nội dung 1 đạt 3/3; nội dung 2 đạt 3/3.",
        "7. Công tác phối hợp với Mặt trận Tổ quốc và các tổ chức chính trị - xã hội",
        "Tự chấm: nội dung 1 đạt 4/4; nội dung 2 đạt 2/3.",
    ]), "utf-8")
    assert _contents(extract_file(path)) == {"dvcq.tc6.nd1": (3, 3), "dvcq.tc6.nd2": (3, 3),
                                            "dvcq.tc7.nd1": (4, 4), "dvcq.tc7.nd2": (3, 2)}
