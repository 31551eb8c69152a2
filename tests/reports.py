"""Synthetic score reports written by the tests: a dân vận (dvcq) report in the text-export shape
(header, narrative, tab-separated score sheet), with the values each test needs."""
from __future__ import annotations

from chamdiem.normalizers.framework_catalog import frameworks

CLASS_WORDS = {"xuat_sac": "Hoàn thành xuất sắc nhiệm vụ", "tot": "Hoàn thành tốt nhiệm vụ",
               "hoan_thanh": "Hoàn thành nhiệm vụ"}


def dvcq_report(unit: str, year: int, self_scores: list[float], authority: list[float] | None = None,
                classification: str | None = None, evidence: str = "", number: int = 12,
                day: int = 5) -> str:
    """Ten criterion rows (self, and the authority's when given), the total as their sum, the
    classification sentence when given; ``evidence`` goes into criterion 1's evidence cell."""
    fw = frameworks()["dvcq"]
    tcs = [i for i in fw.items.values() if i.depth == 1]
    T = "\t"
    rows = [T.join(["TT", "NỘI DUNG TIÊU CHÍ", "ĐIỂM", "", "", "Tài liệu kiểm chứng"]),
            T.join(["", "", "Thang điểm", "Kết quả tự chấm điểm", "Kết quả chấm điểm của cơ quan có thẩm quyền", ""])]
    for k, (tc, s) in enumerate(zip(tcs, self_scores), 1):
        a = f"{authority[k - 1]:g}".replace(".", ",") if authority else ""
        rows.append(T.join([f"Tiêu chí {k}", tc.text, f"{tc.max:g}", f"{s:g}".replace(".", ","), a,
                            evidence if k == 1 else ""]))
    total = sum(self_scores)
    a_total = f"{sum(authority):g}".replace(".", ",") if authority else ""
    rows.append(T.join(["", "TỔNG ĐIỂM ĐẠT ĐƯỢC", "100", f"{total:g}".replace(".", ","), a_total, ""]))
    klass = (f" Tự xếp loại: {CLASS_WORDS[classification]}." if classification else "")
    head = [f"Số: {number}/BC-UBND", "", f"Quảng Ngãi, ngày {day} tháng 11 năm {year}", "", "BÁO CÁO",
            f"Tự đánh giá, chấm điểm công tác dân vận chính quyền năm {year}", "",
            f"{unit} tự đánh giá, chấm điểm công tác dân vận chính quyền năm {year}, kết quả đạt "
            f"{total:g}/100 điểm.{klass}", "", "CHỦ TỊCH", "", "Nguyễn Văn An", "", "BẢNG CHẤM ĐIỂM", ""]
    return "\n".join(head + rows) + "\n"


def with_unread_criterion(text: str, criterion: int) -> str:
    """``text`` (a dvcq_report) with one criterion's self score left blank, as a unit sends it or
    as it was lost."""
    lines = text.split("\n")
    k = next(i for i, line in enumerate(lines) if line.startswith(f"Tiêu chí {criterion}\t"))
    cells = lines[k].split("\t")
    cells[3] = ""
    lines[k] = "\t".join(cells)
    return "\n".join(lines)
