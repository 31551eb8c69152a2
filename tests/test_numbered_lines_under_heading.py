"""A prose report scores the items of a section on bulleted, numbered lines under the section's
heading ('- 2.1. Tổ chức, bồi dưỡng … (15 điểm): … Tự chấm đủ điểm.'): each line is its own item's,
not the heading's, and the points in brackets after the line's title are what the item is worth
(its maximum, and its bonus's: '(20 điểm; thưởng tối đa 2 điểm)')."""
from conftest import extract_file, scores_of

REPORT = """SỞ CÔNG THƯƠNG TỈNH KON TUM
Số: 91/BC-SCT

BÁO CÁO
Tự chấm điểm thi đua năm 2025

## Nội dung 1. Thi đua thực hiện kế hoạch phát triển kinh tế - xã hội, bảo đảm quốc phòng, an ninh

**2. Công tác xây dựng, nâng cao năng lực lãnh đạo, quản lý; chỉ đạo, điều hành** (điểm chuẩn 50, điểm thưởng tối đa 2)

- 2.1. Công tác tổ chức, bồi dưỡng, quy hoạch, đào tạo cán bộ (15 điểm): cử 12 lượt công chức dự lớp bồi dưỡng. Tự chấm đủ điểm.
- 2.2. Các biện pháp nâng cao chuyên môn, nghiệp vụ (10 điểm): mở 02 lớp tập huấn. Tự chấm 9 điểm.
- 2.3. Ý thức đạo đức công vụ; thực hiện quy chế dân chủ (10 điểm): không có vi phạm. Đơn vị tự chấm tối đa.
- 2.4. Triển khai Luật Phòng, chống tham nhũng và Luật thực hành tiết kiệm (15 điểm): ban hành kế hoạch. Tự chấm 14 điểm.

**3. Công tác thanh tra, kiểm tra** (50 điểm; thưởng tối đa 2 điểm): thực hiện 04 cuộc kiểm tra. Tự chấm 47 điểm; điểm thưởng 1 điểm.
"""


def test_bulleted_numbered_lines_are_their_items(tmp_path):
    path = tmp_path / "bulleted_numbered_lines_under_section_heading.md"
    path.write_text(REPORT, "utf-8")
    doc = extract_file(path)
    got = {cid: v[:2] + v[3:] for cid, v in scores_of(doc).items()}   # (max, self, bonus max, bonus self)
    assert doc.framework == "tdkt-tmth"
    assert got["tdkt-tmth.nd1.2.1"] == (15, 15, None, None)
    assert got["tdkt-tmth.nd1.2.2"] == (10, 9, None, None)
    assert got["tdkt-tmth.nd1.2.3"] == (10, 10, None, None)
    assert got["tdkt-tmth.nd1.2.4"] == (15, 14, None, None)
    assert got["tdkt-tmth.nd1.3"] == (50, 47, 2, 1)
    # the heading of Nội dung 1 took none of its items' points
    assert "tdkt-tmth.nd1" not in got or got["tdkt-tmth.nd1"][1] is None
    lines = REPORT.split("\n")
    line_of = {o.criterion_id: o.line for o in doc.observations}
    assert lines[line_of["tdkt-tmth.nd1.2.2"] - 1].startswith("- 2.2.")
