"""Under a criterion's heading with its maximum ('Tiêu chí 1 (10 điểm): …'), its contents may be
listed as bullets, none of them named ('+ Quán triệt …: đạt 3 điểm.'), and the criterion's result
given after them ('Kết quả: đạt 9/10 điểm.'). A bulleted line is a list's item: its points are no
score of the heading's; as many bullets as the criterion has contents, each within its maximum, are
its contents in order, and the result is the criterion's, not the report's total."""
import pytest

from conftest import extract_file, scores_of

HEAD = ["ỦY BAN NHÂN DÂN XÃ AN HÒA", "Số: 12/BC-UBND", "BÁO CÁO",
        "Tự đánh giá công tác dân vận chính quyền năm 2024"]
BODY = [
    "Tiêu chí 1 (10 điểm): Công tác triển khai, quán triệt các văn bản lãnh đạo, chỉ đạo về công tác dân vận của chính quyền",
    "+ Quán triệt các văn bản của Trung ương cho toàn thể công chức: đạt 3 điểm.",
    "+ Triển khai Quy chế công tác dân vận của hệ thống chính trị: đạt 2 điểm.",
    "+ Ban hành kế hoạch năm, phân công lãnh đạo phụ trách: đạt 4 điểm.",
    "Kết quả: đạt 9/10 điểm.",
    "Tiêu chí 2 (10 điểm): Thực hiện nhiệm vụ chính trị",
    "+ Hoàn thành nhiệm vụ chính trị được giao trong năm: đạt 4 điểm.",
    "+ Kê khai tài sản, thu nhập đúng hạn: đạt 3 điểm.",
    "+ Sửa đổi quy trình nội bộ kịp thời: đạt 3 điểm.",
    "Kết quả: đạt 10/10 điểm.",
]
EXPECTED = {"dvcq.tc1": (10.0, 9.0), "dvcq.tc1.nd1": (None, 3.0), "dvcq.tc1.nd2": (None, 2.0),
            "dvcq.tc1.nd3": (None, 4.0), "dvcq.tc2": (10.0, 10.0), "dvcq.tc2.nd1": (None, 4.0),
            "dvcq.tc2.nd2": (None, 3.0), "dvcq.tc2.nd3": (None, 3.0)}


@pytest.mark.parametrize("fmt", ["html", "txt"])
def test_bulleted_contents_read_in_order_under_their_heading(tmp_path, fmt):
    path = tmp_path / f"bulleted_contents_under_a_criterion_heading.{fmt}"
    if fmt == "html":
        path.write_text("<html><body>" + "".join(f"<p>{t}</p>" for t in HEAD + BODY) + "</body></html>", "utf-8")
    else:
        path.write_text("\n\n".join(HEAD) + "\n\n" + "\n".join(BODY) + "\n", "utf-8")
    got = {cid: v[:2] for cid, v in scores_of(extract_file(path)).items()}
    assert {k: v for k, v in got.items() if k.startswith("dvcq.")} == EXPECTED
    assert "dvcq" not in got or got["dvcq"][1] is None
