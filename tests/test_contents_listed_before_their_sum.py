"""An item's contents may be scored as a list before the item's own score, none of them named:
'…: 3 điểm; …: 3 điểm; …: 2 điểm; …: 2 điểm. Cộng 10 điểm.', '… (5 điểm). … (0 điểm). …', or in a
sheet's note column beside the item's row ('a) 4 điểm; b) 2 điểm; c) 1 điểm; d) 1 điểm'). The
framework gives them to the contents in order only when they are as many as its contents, each
within its content's maximum, and add up to the item's score; otherwise nothing is placed."""
import pytest

from conftest import extract_file, scores_of
from footnotes import write_docx_with_notes

HEAD = ("ỦY BAN NHÂN DÂN PHƯỜNG HÒA BÌNH\nSố: 05/BC-UBND\n\nBÁO CÁO\nKết quả tự chấm điểm công tác dân vận chính "
        "quyền năm 2026\n\nTiêu chí 1 (triển khai, quán triệt các văn bản về công tác dân vận): tự chấm 10/10 điểm.\n"
        "Tiêu chí 2 (thực hiện nhiệm vụ chính trị): tự chấm 9/10 điểm.\n")


def _contents(doc, prefix):
    return {cid: v[1] for cid, v in scores_of(doc).items() if cid.startswith(prefix + ".")}


def test_contents_listed_after_the_criterion_heading_before_its_sum(tmp_path):
    path = tmp_path / "contents_listed_before_their_sum.txt"
    path.write_text(HEAD + "Tiêu chí 6 (đạo đức công vụ, văn hóa công sở): Quy tắc ứng xử được niêm yết: 3 điểm; "
                    "công chức giữ chuẩn mực ứng xử: 3 điểm; kiểm tra công vụ 02 đợt: 1 điểm; không có ai bị kỷ "
                    "luật: 2 điểm. Cộng 9 điểm.\n", "utf-8")
    doc = extract_file(path)
    assert scores_of(doc)["dvcq.tc6"][1] == 9.0
    assert _contents(doc, "dvcq.tc6") == {"dvcq.tc6.nd1": 3.0, "dvcq.tc6.nd2": 3.0, "dvcq.tc6.nd3": 1.0,
                                          "dvcq.tc6.nd4": 2.0}
    listed = [o for o in doc.observations if o.criterion_id == "dvcq.tc6.nd3"][0]
    assert doc.model.text[listed.start:listed.end] == "1"
    assert listed.label == "kiểm tra công vụ 02 đợt"


@pytest.mark.parametrize("sentence, placed", [
    ("Cộng 10 điểm.", False),     # 3 + 3 + 1 + 2 is not 10: the list is not the criterion's parts
    ("Cộng 9 điểm.", True),
])
def test_a_list_that_does_not_add_up_places_nothing(tmp_path, sentence, placed):
    path = tmp_path / "listed_points_that_do_not_add_up.txt"
    path.write_text(HEAD + "Tiêu chí 6 (đạo đức công vụ): niêm yết quy tắc: 3 điểm; chuẩn mực ứng xử: 3 điểm; "
                    f"kiểm tra: 1 điểm; kỷ luật: 2 điểm. {sentence}\n", "utf-8")
    assert bool(_contents(extract_file(path), "dvcq.tc6")) is placed


def test_bracketed_points_under_a_title_closed_by_the_criterion_score(tmp_path):
    path = tmp_path / "bracketed_points_under_a_title.docx"
    write_docx_with_notes(["ỦY BAN NHÂN DÂN XÃ TÂN LẬP", "BÁO CÁO", "Tự chấm điểm công tác dân vận chính quyền năm 2026",
                 "Về thực hiện chế độ thông tin, báo cáo; điểm thưởng",
                 "Báo cáo gửi đúng hạn, đủ nội dung (4 điểm). Xã chưa có mô hình được công nhận (0 điểm). "
                 "Không bị nhắc nhở bằng văn bản (1 điểm). Đoàn Thanh niên xếp loại tốt, Công đoàn chưa xếp "
                 "loại (1 điểm). Tiêu chí đạt 6/10 điểm."], {}, path)
    doc = extract_file(path)
    assert scores_of(doc)["dvcq.tc10"][:2] == (10.0, 6.0)
    assert _contents(doc, "dvcq.tc10") == {"dvcq.tc10.nd1": 4.0, "dvcq.tc10.nd2": 0.0, "dvcq.tc10.nd3": 1.0,
                                           "dvcq.tc10.nd4": 1.0}


def test_lettered_points_in_a_sheets_note_column(tmp_path):
    path = tmp_path / "lettered_points_in_note_column.md"
    rows = [("1", "Công tác triển khai, quán triệt các văn bản về công tác dân vận", "10", "10", ""),
            ("10", "Thực hiện chế độ thông tin, báo cáo; điểm thưởng", "10", "7",
             "a) 4 điểm; b) 0 điểm – chưa có mô hình; c) 1 điểm; d) 2 điểm")]
    table = ["| TT | Tiêu chí | Điểm tối đa | Điểm tự chấm | Ghi chú |", "|---|---|---|---|---|"]
    table += ["| " + " | ".join(r) + " |" for r in rows]
    path.write_text(HEAD.split("Tiêu chí 1")[0] + "\n".join(table) + "\n", "utf-8")
    doc = extract_file(path)
    assert _contents(doc, "dvcq.tc10") == {"dvcq.tc10.nd1": 4.0, "dvcq.tc10.nd2": 0.0, "dvcq.tc10.nd3": 1.0,
                                           "dvcq.tc10.nd4": 2.0}
    assert not _contents(doc, "dvcq.tc1")
