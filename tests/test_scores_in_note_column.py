"""A sheet's note column ('Ghi chú') may hold what its score cells leave empty: a row's own self
score ('Tự chấm 13 điểm', 'Đạt 20/20') and the scores of contents that have no rows ('Nội dung a:
5 điểm; nội dung b: 4 điểm'). A note beside a row that has its score, or numbers that are not
points ('21/23 phòng'), change nothing."""
from conftest import extract_file, findings_of, scores_of

SHEET = """SỞ XÂY DỰNG TỈNH LÂM ĐỒNG
Số: 207/BC-SXD

BÁO CÁO
Tự chấm điểm công tác dân vận chính quyền năm 2024

TT\tTiêu chí, nội dung\tĐiểm chuẩn\tTự chấm\tGhi chú
1\tCông tác triển khai, quán triệt các văn bản lãnh đạo, chỉ đạo, hướng dẫn về công tác dân vận của chính quyền\t10\t9\t
a\tTổ chức quán triệt, triển khai và cụ thể hóa Kết luận số 114-KL/TW\t3\t3\t
b\tTổ chức triển khai, thực hiện có hiệu quả Quyết định số 396-QĐ/TU\t3\t\tTự chấm 3 điểm
c\tXây dựng kế hoạch thực hiện công tác dân vận hằng năm\t4\t3\tTrừ 01 điểm do chậm sơ kết; 21/23 phòng đã triển khai
2\tThực hiện nhiệm vụ chính trị\t10\t8\tNội dung a: 4 điểm; nội dung b: 2 điểm; nội dung c: 2 điểm
3\tThực hiện công tác cải cách hành chính\t10\t\tĐạt 10/10
\tTỔNG CỘNG\t100\t\t
"""


def test_note_column_fills_what_the_sheet_leaves_empty(tmp_path):
    path = tmp_path / "scores_in_note_column.txt"
    path.write_text(SHEET, "utf-8")
    doc = extract_file(path)
    got = {cid: v[:2] for cid, v in scores_of(doc).items()}
    assert doc.framework == "dvcq"
    assert got["dvcq.tc1.nd2"] == (3, 3)                     # its empty cell, from the note
    assert got["dvcq.tc1.nd3"] == (4, 3)                     # the sheet's own; the note explains it
    assert got["dvcq.tc2"] == (10, 8)
    assert {k: got[k] for k in ("dvcq.tc2.nd1", "dvcq.tc2.nd2", "dvcq.tc2.nd3")} == {
        "dvcq.tc2.nd1": (None, 4), "dvcq.tc2.nd2": (None, 2), "dvcq.tc2.nd3": (None, 2)}
    assert got["dvcq.tc3"] == (10, 10)
    # the notes' values keep the span of their characters in the note
    text = doc.model.text
    note = next(o for o in doc.observations if o.criterion_id == "dvcq.tc2.nd2" and o.source == "narrative")
    assert text[note.values["self_score"].start:note.values["self_score"].end] == "2"
    assert "nội dung b" in text[note.start:note.end]
    assert ("dvcq.tc1.nd3", "narrative_table_mismatch") not in findings_of(doc)
