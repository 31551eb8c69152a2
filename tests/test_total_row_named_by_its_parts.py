"""A sheet's total row may name the sections it adds ('Cộng (I + II + III)', 'Cộng A+B+C'): it is
the sheet's total, not an item nobody can place."""
import pytest

from conftest import extract_file, scores_of

SHEET = """SỞ NỘI VỤ TỈNH CÀ MAU

BÁO CÁO
Kết quả tự chấm điểm công tác dân vận chính quyền năm 2025

| TT | Tiêu chí | Điểm chuẩn | Tự chấm |
|---|---|---|---|
| 1 | Công tác triển khai, quán triệt các văn bản lãnh đạo, chỉ đạo, hướng dẫn về công tác dân vận | 10 | 9 |
| 2 | Thực hiện nhiệm vụ chính trị | 10 | 10 |
| 3 | Thực hiện công tác cải cách hành chính | 10 | 8 |
| {label} | | 30 | 27 |
"""


@pytest.mark.parametrize("label", ["Cộng (I + II + III)", "Cộng A+B+C", "Cộng"])
def test_total_row_named_by_the_parts_it_adds(tmp_path, label):
    path = tmp_path / "total_row_named_by_its_parts.md"
    path.write_text(SHEET.format(label=label), "utf-8")
    doc = extract_file(path)
    assert scores_of(doc)["dvcq"][:2] == (30.0, 27.0)
    assert [f.kind for f in doc.findings if f.kind == "unmapped_item"] == []
