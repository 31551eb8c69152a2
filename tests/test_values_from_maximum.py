"""Scores a narrative states without writing the number ('đạt tối đa', 'bị giảm 0,5 điểm', 'các nội
dung còn lại'), whose value is the item's maximum less the points stated: small reports in md, txt and
docx, each value exact, and the info finding that says which maximum it came from."""
import sqlite3

import docx

from chamdiem.normalizers.framework_catalog import FrameworkSet
from chamdiem.pipeline.extract import extract_document
from chamdiem.readers.dispatch import read_bytes, read_document
from conftest import extract_file, findings_of, scores_of

N = None


def _write(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def _from_maximum(doc):
    """(criterion, field, value, the words cited) of each value_from_maximum finding."""
    text = doc.model.text
    return sorted((f.criterion_id, f.field, doc_value(doc, f.criterion_id, f.field), text[f.start:f.end])
                  for f in doc.findings if f.kind == "value_from_maximum")


def doc_value(doc, cid, field):
    return next(s.values[field] for s in doc.scores if s.criterion_id == cid)


HEAD = "UBND XÃ AN PHÚ\nSố: 77/BC-UBND\nBÁO CÁO\nTự chấm điểm công tác dân vận chính quyền năm 2024\n\n"


def test_the_remaining_contents_of_a_criterion_get_their_own_maxima_md(tmp_path):
    # 'các nội dung còn lại' under 'Tiêu chí 7:': the contents of criterion 7 no other clause scores
    # (2 and 3, worth 3 each in the framework), not those of another criterion
    path = _write(tmp_path, "remaining_contents_of_a_criterion.md", HEAD +
                  "Tiêu chí 6 được 9 điểm.\n\n"
                  "Tiêu chí 7: nội dung 1 đạt 3 điểm; các nội dung còn lại đạt trọn điểm.\n\n"
                  "Tiêu chí 8 tự chấm 10 điểm.\n")
    doc = extract_file(path)
    scores = scores_of(doc)
    assert {k: v for k, v in scores.items() if k.startswith("dvcq.tc7")} == {
        "dvcq.tc7.nd1": (N, 3, N, N, N), "dvcq.tc7.nd2": (N, 3, N, N, N), "dvcq.tc7.nd3": (N, 3, N, N, N)}
    assert scores["dvcq.tc6"] == (N, 9, N, N, N) and scores["dvcq.tc8"] == (N, 10, N, N, N)
    assert _from_maximum(doc) == [("dvcq.tc7.nd2", "self_score", 3, "đạt trọn điểm"),
                                  ("dvcq.tc7.nd3", "self_score", 3, "đạt trọn điểm")]
    assert all(f.severity == "info" for f in doc.findings if f.kind == "value_from_maximum")


def test_points_taken_off_and_full_marks_without_a_number_txt(tmp_path):
    # 'bị giảm 0,5 điểm' with no score left: 10 - 0,5; 'đạt điểm tuyệt đối': 10; a score stated beside
    # its deduction wins ('tự chấm 8 điểm (trừ 2 điểm …)'); a rule of deductions is no statement
    path = _write(tmp_path, "taken_off_and_full_marks.txt", HEAD +
                  "Tiêu chí 2 tự chấm 8 điểm (trừ 2 điểm do chưa hoàn thành chỉ tiêu).\n"
                  "Tiêu chí 3 bị giảm 0,5 điểm vì một thủ tục trễ hạn.\n"
                  "Tiêu chí 5: mỗi văn bản gửi chậm trừ 0,25 điểm; năm nay không có văn bản chậm.\n"
                  "Tiêu chí 6 đạt điểm tuyệt đối.\n"
                  "Tổng cộng: 27,5/30 điểm.\n", "utf-16")
    doc = extract_file(path)
    assert scores_of(doc) == {"dvcq": (30, 27.5, N, N, N), "dvcq.tc2": (N, 8, N, N, N),
                              "dvcq.tc3": (N, 9.5, N, N, N), "dvcq.tc6": (N, 10, N, N, N)}
    assert _from_maximum(doc) == [("dvcq.tc3", "self_score", 9.5, "bị giảm 0,5 điểm"),
                                  ("dvcq.tc6", "self_score", 10, "đạt điểm tuyệt đối")]
    message = next(f.message for f in doc.findings if f.criterion_id == "dvcq.tc3" and f.kind == "value_from_maximum")
    assert "thang điểm 10 (của bộ tiêu chí) trừ 0,5" in message and "the maximum 10 (the framework's) less 0.5" in message


def _docx(path, paragraphs, rows=None):
    d = docx.Document()
    for line in paragraphs:
        d.add_paragraph(line)
    if rows:
        table = d.add_table(rows=0, cols=len(rows[0]))
        for row in rows:
            for cell, text in zip(table.add_row().cells, row):
                cell.text = text
    d.save(path)
    return path


def test_full_marks_under_a_heading_take_the_headings_maximum_and_span_docx(tmp_path):
    # 'Tiêu chí 4. … (10 điểm)' and under it 'Đơn vị đạt tối đa.': the heading's points are the maximum,
    # the self score that maximum; the score's span reaches from the heading (its number) to the words
    path = _docx(tmp_path / "full_marks_under_heading.docx",
                 ["ỦY BAN NHÂN DÂN XÃ BÌNH AN", "Số: 15/BC-UBND", "BÁO CÁO",
                  "Tự đánh giá công tác dân vận chính quyền năm 2024",
                  "Tiêu chí 4. Tiếp tục thực hiện tốt phong trào thi đua “Dân vận khéo” (10 điểm)",
                  "Xã có 3 mô hình dân vận khéo được công nhận. Đơn vị đạt tối đa.",
                  "Tiêu chí 5. Giải quyết đơn thư khiếu nại, tố cáo (10 điểm)",
                  "Tiêu chí này bị trừ 1,5 điểm do một đơn thư quá hạn.",
                  "Tổng số điểm tự đánh giá: 18,5/20 điểm."])
    doc = extract_file(path)
    assert scores_of(doc) == {"dvcq": (20, 18.5, N, N, N), "dvcq.tc4": (10, 10, N, N, N), "dvcq.tc5": (10, 8.5, N, N, N)}
    assert findings_of(doc) == []
    assert _from_maximum(doc) == [("dvcq.tc4", "self_score", 10, "đạt tối đa"),
                                  ("dvcq.tc5", "self_score", 8.5, "bị trừ 1,5 điểm")]
    text = doc.model.text
    tc4 = next(s for s in doc.scores if s.criterion_id == "dvcq.tc4")
    assert text[tc4.start:tc4.end].startswith("Tiêu chí 4.") and text[tc4.start:tc4.end].endswith("Đơn vị đạt tối đa.")
    assert "ghi trong câu hoặc tiêu đề" in next(f.message for f in doc.findings if f.criterion_id == "dvcq.tc4")


def test_a_sheet_value_wins_over_full_marks_and_the_difference_is_a_mismatch_docx(tmp_path):
    # the sheet gives criterion 1 nine points; the narrative says it reached its maximum: the sheet's
    # value is used and the two are a narrative_table_mismatch, as any other narrative value
    path = _docx(tmp_path / "sheet_against_full_marks.docx",
                 ["PHÒNG TÀI NGUYÊN VÀ MÔI TRƯỜNG", "Số: 9/BC-TNMT", "BÁO CÁO",
                  "Tự chấm điểm công tác dân vận chính quyền năm 2024",
                  "Tiêu chí 1 đạt tối đa; tiêu chí 2 được 9 điểm."],
                 [["TT", "Tiêu chí", "Điểm tối đa", "Tự chấm"],
                  ["1", "Công tác triển khai, quán triệt các văn bản lãnh đạo, chỉ đạo, hướng dẫn về công tác dân vận của chính quyền", "10", "9"],
                  ["2", "Thực hiện nhiệm vụ chính trị", "10", "9"]])
    doc = extract_file(path)
    assert scores_of(doc)["dvcq.tc1"] == (10, 9, N, N, N)
    assert ("dvcq.tc1", "narrative_table_mismatch") in findings_of(doc)
    narrative = next(o for o in doc.observations if o.source == "narrative" and o.criterion_id == "dvcq.tc1")
    assert narrative.values["self_score"].value == 10 and narrative.values["self_score"].raw == "đạt tối đa"


FRAMEWORK = '''id = "kiem-tra-thu"
name = "Bảng tự chấm kiểm tra thử"
keywords = ["kiểm tra thử"]
[[levels]]
name = "mục"
markers = ["mục"]
[[items]]
id = "kiem-tra-thu"
text = "Tổng cộng"
max = 30
[[items]]
id = "kiem-tra-thu.m1"
number = "1"
text = "Công tác tuyên truyền phổ biến giáo dục pháp luật trong cơ quan"
max = 20
[[items]]
id = "kiem-tra-thu.m2"
number = "2"
text = "Công tác tự kiểm tra giám sát nội bộ định kỳ"
'''


def test_without_a_known_maximum_no_value_is_stored_and_a_finding_says_why(tmp_path):
    # the framework gives mục 2 no maximum, and the report writes none: 'đạt tối đa' stores nothing
    frameworks = tmp_path / "frameworks"
    frameworks.mkdir()
    (frameworks / "kiem-tra-thu.toml").write_text(FRAMEWORK, "utf-8")
    path = _write(tmp_path, "no_maximum_known.txt",
                  "BÁO CÁO\nKết quả kiểm tra thử năm 2024\n\n"
                  "Mục 1. Công tác tuyên truyền phổ biến giáo dục pháp luật trong cơ quan: tự chấm 18 điểm.\n"
                  "Mục 2. Công tác tự kiểm tra giám sát nội bộ định kỳ: đạt tối đa.\n")
    data, sha = read_bytes(str(path))
    doc = extract_document(read_document(str(path), data, sha), FrameworkSet.of([frameworks]))
    assert doc.framework == "kiem-tra-thu"
    assert scores_of(doc) == {"kiem-tra-thu.m1": (N, 18, N, N, N)}
    kinds = [(f.criterion_id, f.kind, f.severity) for f in doc.findings if "maximum" in f.kind]
    assert kinds == [("kiem-tra-thu.m2", "value_without_maximum", "info")]


def test_the_value_and_its_words_reach_the_views(tmp_path):
    # v_observations keeps the words as raw and the value computed; v_findings the info finding
    from chamdiem.store.database import Store
    path = _write(tmp_path, "full_marks_in_views.txt", HEAD + "Tiêu chí 9 và tiêu chí 10 cùng đạt tối đa.\n"
                  "Tiêu chí 8 tự chấm 7 điểm.\n")
    db = tmp_path / "views.sqlite"
    store = Store(str(db))
    try:
        store.write(extract_file(path))
    finally:
        store.close()
    con = sqlite3.connect(db)
    rows = con.execute("SELECT criterion_id, field, value, raw FROM v_observations ORDER BY criterion_id").fetchall()
    assert ("dvcq.tc9", "self_score", 10.0, "đạt tối đa") in rows and ("dvcq.tc10", "self_score", 10.0, "đạt tối đa") in rows
    found = con.execute("SELECT criterion_id, severity FROM v_findings WHERE kind = 'value_from_maximum' "
                        "ORDER BY criterion_id").fetchall()
    assert found == [("dvcq.tc10", "info"), ("dvcq.tc9", "info")]
