"""A sheet may number its contents with a bare '-' (or '•', '+') in the numbering column: each
such row with its own scores is the next content of the criterion above, not a continuation of the
criterion's row (whose scores it would lose)."""
import pytest

from conftest import extract_file, findings_of, scores_of

ROWS = """UBND THỊ TRẤN PHONG ĐIỀN
Số: 188/BC-UBND

BÁO CÁO
Tự chấm điểm công tác dân vận chính quyền năm 2022

TT\tTiêu chí, nội dung\tĐiểm chuẩn\tĐiểm tự chấm
1\tCông tác triển khai, quán triệt các văn bản lãnh đạo, chỉ đạo về công tác dân vận\t10\t9
{b}\tQuán triệt Kết luận 114-KL/TW, Chỉ thị 16/CT-TTg, Chỉ thị 33/CT-TTg\t3\t3
{b}\tThực hiện Quy chế công tác dân vận của hệ thống chính trị\t3\t3
{b}\tKế hoạch dân vận hằng năm, phân công lãnh đạo phụ trách, kiểm tra, sơ kết\t4\t3
2\tThực hiện nhiệm vụ chính trị\t10\t10
"""


@pytest.mark.parametrize("bullet", ["-", "•", "+"])
def test_lone_bullet_numbers_a_content(tmp_path, bullet):
    path = tmp_path / "lone_bullet_in_numbering_column.txt"
    path.write_text(ROWS.replace("{b}", bullet), "utf-8")
    doc = extract_file(path)
    got = {cid: v[:2] for cid, v in scores_of(doc).items()}
    assert {k: got.get(k) for k in ("dvcq.tc1", "dvcq.tc1.nd1", "dvcq.tc1.nd2", "dvcq.tc1.nd3", "dvcq.tc2")} == {
        "dvcq.tc1": (10, 9), "dvcq.tc1.nd1": (3, 3), "dvcq.tc1.nd2": (3, 3), "dvcq.tc1.nd3": (4, 3),
        "dvcq.tc2": (10, 10)}
    assert "extra_numbers_ignored" not in {f.kind for f in doc.findings}
    assert findings_of(doc) == []
