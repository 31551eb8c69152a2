"""A report may revise later what it said of an item before ('Hiệu trưởng kết luận: điều chỉnh điểm
Tiêu chí 6 từ 9 điểm xuống còn 8 điểm'): the revision wins, the earlier statement's other values
stay, and a `value_revised` finding names both lines. The words 'điểm thưởng' of an item's own name
after its heading ('Tiêu chí 10 (10 điểm) – chế độ thông tin, báo cáo; điểm thưởng: thống nhất chấm
7 điểm') make its points no bonus where the item has none."""
from conftest import extract_file, findings_of, scores_of

MINUTES = """TRƯỜNG THPT TRẦN PHÚ
Số: 12/TB-THPTTP

THÔNG BÁO
Kết luận của Hiệu trưởng về tự đánh giá công tác dân vận chính quyền năm 2025

**Tiêu chí 6** (10 điểm) – đạo đức công vụ, văn hóa công sở: dự thảo đề xuất 9 điểm.
**Tiêu chí 10** (10 điểm) – chế độ thông tin, báo cáo; điểm thưởng: thống nhất chấm 7 điểm.

Qua thảo luận, Hiệu trưởng kết luận: điều chỉnh điểm Tiêu chí 6 từ 9 điểm xuống còn 8 điểm.
"""


def test_a_later_revision_wins_and_is_said(tmp_path):
    path = tmp_path / "score_revised_later_in_the_text.md"
    path.write_text(MINUTES, "utf-8")
    doc = extract_file(path)
    got = {cid: v[:2] + v[3:] for cid, v in scores_of(doc).items()}   # (max, self, bonus max, bonus self)
    assert got["dvcq.tc6"] == (10, 8, None, None)
    assert got["dvcq.tc10"] == (10, 7, None, None)
    revised = [f for f in doc.findings if f.kind == "value_revised"]
    assert [f.criterion_id for f in revised] == ["dvcq.tc6"]
    assert revised[0].message.startswith("Dòng 10 điều chỉnh lại mục dvcq.tc6 (điểm tự chấm 8); giá trị ở dòng 7 ")
    assert doc.model.text[revised[0].start:revised[0].end].startswith("Qua thảo luận")
    assert findings_of(doc) == []


def test_a_revising_clause_revises_the_item_of_the_clause_before(tmp_path):
    """'Ban đầu … tự chấm tiêu chí 3 đạt 10 điểm; sau khi rà soát, … điều chỉnh lại còn 9/10 điểm':
    the clause names no item, the one before does; its points revise that item's."""
    path = tmp_path / "revising_clause_without_its_item.txt"
    path.write_text(MINUTES.split("**Tiêu chí 6**")[0] + "Ban đầu đơn vị tự chấm tiêu chí 3 đạt 10 điểm; sau khi rà "
                    "soát, do còn 02 hồ sơ trễ hạn, đơn vị điều chỉnh lại còn 9/10 điểm.\n", "utf-8")
    doc = extract_file(path)
    assert scores_of(doc)["dvcq.tc3"][:2] == (10, 9)
    assert [f.kind for f in doc.findings if f.criterion_id == "dvcq.tc3"] == ["value_revised"]
