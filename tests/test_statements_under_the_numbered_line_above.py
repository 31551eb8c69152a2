"""In a text typed without blank lines, a criterion's contents follow one another as lettered lines,
each scored on its own line or on the line under it ('b) Triển khai …' / 'UBND xã tự đánh giá đạt
3 điểm (thang điểm 3).'). A statement naming no item belongs to the numbered line nearest above it in
its paragraph, not to the paragraph's first line nor to the criterion's heading; a line that only
counts ('16/18 chỉ tiêu') states no points of its own; a heading that ends its sentence does not take
the next lettered line for its rest; a section of the report in capitals ('III. KẾT QUẢ TỰ CHẤM
ĐIỂM') opens no item for what follows it. Under the title of an item without contents, the
statement under it is that item's."""

from conftest import extract_file, scores_of
from footnotes import write_docx_with_notes

HEAD = ("ỦY BAN NHÂN DÂN XÃ HÀNH THIỆN\nSố: 40/BC-UBND\n\nBÁO CÁO\n"
        "Tự đánh giá, chấm điểm công tác dân vận chính quyền năm 2024\n\n")
BODY = """1. Tiêu chí 1: Công tác triển khai, quán triệt các văn bản về công tác dân vận (điểm tối đa: 10).
a) Quán triệt các văn bản của Trung ương: tổ chức 02 hội nghị cho toàn thể công chức. Tự chấm: 3/3 điểm.
b) Triển khai Quy chế công tác dân vận của hệ thống chính trị: ban hành quy chế tại Quyết định số 41/QĐ-UBND ngày 02/02/2024; 16/18 chỉ tiêu đạt.
UBND xã tự đánh giá đạt 2,5 điểm (thang điểm 3).
c) Kế hoạch công tác dân vận năm; phân công lãnh đạo phụ trách: ban hành Kế hoạch số 12/KH-UBND ngày 10/01/2024.
Đạt điểm tối đa.
Cộng tiêu chí 1: 9,5/10 điểm.

III. KẾT QUẢ TỰ CHẤM ĐIỂM
Căn cứ kết quả trên, UBND xã tự chấm đạt 9,5/10 điểm.
"""


def test_each_statement_is_the_numbered_line_above_its(tmp_path):
    path = tmp_path / "statements_under_lettered_lines.txt"
    path.write_text(HEAD + BODY, "utf-8")
    doc = extract_file(path)
    got = {cid: v[:2] for cid, v in scores_of(doc).items() if cid.startswith("dvcq.tc1")}
    assert got == {"dvcq.tc1": (10.0, 9.5), "dvcq.tc1.nd1": (3.0, 3.0), "dvcq.tc1.nd2": (3.0, 2.5),
                   "dvcq.tc1.nd3": (None, 4.0)}   # (full marks: the maximum is not written)
    second = [o for o in doc.observations if o.criterion_id == "dvcq.tc1.nd2"][0]
    assert doc.model.text.split("\n")[second.line - 1] == "UBND xã tự đánh giá đạt 2,5 điểm (thang điểm 3)."
    # the section's statement is no content's
    assert not any(cid.startswith("dvcq.tc3") or cid.startswith("dvcq.tc1.nd4") for cid in scores_of(doc))


def test_the_statement_under_a_title_of_an_item_without_contents(tmp_path):
    path = tmp_path / "statement_under_a_leaf_title.docx"
    write_docx_with_notes(["ỦY BAN NHÂN DÂN XÃ HÀNH THIỆN", "BÁO CÁO", "Tự chấm điểm công tác dân vận chính quyền năm 2024",
                 "1 - Công tác triển khai, quán triệt các văn bản lãnh đạo, chỉ đạo, hướng dẫn về công tác dân vận của chính quyền",
                 "a. Tổ chức quán triệt, triển khai và cụ thể hóa...",
                 "Đơn vị tự chấm và đề nghị Hội đồng công nhận 3 điểm. Tổ chức 13 cuộc đối thoại với Nhân dân.",
                 "b. Tổ chức triển khai, thực hiện có hiệu quả Quyết định số 396-QĐ/TU...",
                 "Thang điểm 3 điểm, đơn vị tự trừ 0,5 điểm do còn chậm ban hành văn bản.",
                 "c. Xây dựng kế hoạch thực hiện công tác dân vận hàng năm... (4 điểm)",
                 "Đơn vị tự chấm: 4 điểm."], {}, path)
    got = {cid: v[:2] for cid, v in scores_of(extract_file(path)).items() if cid.startswith("dvcq.tc1.")}
    # (the title's bracket says what its item is worth)
    assert got == {"dvcq.tc1.nd1": (None, 3.0), "dvcq.tc1.nd2": (3.0, 2.5), "dvcq.tc1.nd3": (4.0, 4.0)}


TDKT = """SỞ TƯ PHÁP TỈNH HÀ NAM
Số: 91/BC-STP

BÁO CÁO
Tự chấm điểm thi đua năm 2024

Nội dung 1. Thi đua thực hiện kế hoạch phát triển kinh tế - xã hội, bảo đảm quốc phòng, an ninh (650 điểm)

a) Công tác quản lý nhà nước theo ngành, lĩnh vực phụ trách, nghiên cứu tham mưu kịp thời, chính xác cho lãnh đạo cấp trên về công tác lãnh đạo, chỉ đạo (400 điểm)

1.1 - kết quả tự chấm: 100 điểm.

1.2 - kết quả tự chấm: 48 điểm.

1.3: kết quả tự chấm: 245 điểm.
"""


def test_dotted_numbers_under_a_lettered_title(tmp_path):
    """'1.1 - kết quả tự chấm: 100 điểm.' names its item by its dotted number under the lettered
    title above; 'kết quả tự chấm' on a numbered line is the line's item's result, not the report's
    total, and the line labels it."""
    path = tmp_path / "dotted_numbers_under_a_lettered_title.txt"
    path.write_text(TDKT, "utf-8")
    doc = extract_file(path)
    got = {cid: v[:2] for cid, v in scores_of(doc).items()}
    assert {cid: got[cid] for cid in ("tdkt-tmth.nd1.1.1", "tdkt-tmth.nd1.1.2", "tdkt-tmth.nd1.1.3")} == {
        "tdkt-tmth.nd1.1.1": (None, 100.0), "tdkt-tmth.nd1.1.2": (None, 48.0), "tdkt-tmth.nd1.1.3": (None, 245.0)}
    assert "tdkt-tmth" not in got or got["tdkt-tmth"][1] is None
    assert [o.label for o in doc.observations if o.criterion_id == "tdkt-tmth.nd1.1.2"] == ["1.2 - kết quả tự chấm: 48 điểm."]
