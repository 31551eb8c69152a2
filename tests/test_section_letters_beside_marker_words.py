"""A sheet may letter its sections A, B, C while their labels name them by their marker word ('B |
Nội dung II: Thực hiện chủ trương …'): the label names the item, the letter only orders the sheet,
and the rows numbered 1, 2 … under it are that section's items."""
from conftest import extract_file, scores_of

SHEET = """THANH TRA TỈNH KON TUM
Số: 31/BC-TTr

BÁO CÁO
Tự chấm điểm thi đua năm 2025

TT\tNội dung chấm điểm\tĐiểm chuẩn\tTự chấm
A\tNội dung I: Thi đua thực hiện kế hoạch phát triển kinh tế - xã hội, bảo đảm quốc phòng, an ninh\t650\t640
B\tNội dung II: Thực hiện chủ trương của Đảng, pháp luật của Nhà nước; xây dựng tổ chức Đảng, đoàn thể\t200\t198
1\tHọc tập, quán triệt chủ trương, nghị quyết\t20\t20
2\tHọc tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh\t20\t19
C\tNội dung III: Thực hiện chủ trương, nhiệm vụ công tác thi đua, khen thưởng\t100\t98
"""


def test_section_letter_beside_a_marker_word(tmp_path):
    path = tmp_path / "section_letters_beside_marker_words.txt"
    path.write_text(SHEET, "utf-8")
    doc = extract_file(path)
    got = {cid: v[:2] for cid, v in scores_of(doc).items()}
    assert doc.framework == "tdkt-tmth"
    assert {k: got.get(k) for k in ("tdkt-tmth.nd1", "tdkt-tmth.nd2", "tdkt-tmth.nd2.1", "tdkt-tmth.nd2.2",
                                    "tdkt-tmth.nd3")} == {
        "tdkt-tmth.nd1": (650, 640), "tdkt-tmth.nd2": (200, 198), "tdkt-tmth.nd2.1": (20, 20),
        "tdkt-tmth.nd2.2": (20, 19), "tdkt-tmth.nd3": (100, 98)}
    assert "unmapped_item" not in {f.kind for f in doc.findings}
