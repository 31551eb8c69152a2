"""Writes small dvcq score sheets (DOCX) whose criterion and content stand in separate columns:
a 'Tiêu chí' column (with or without a TT column beside it, merged over the criterion's rows or
not) and a 'Nội dung' column numbering each content, with or without a 'Cộng …' row closing each
criterion, under a two-row header ('Điểm' over its sub-columns) or a one-row one. Values and
wording are this file's own; EXPECTED is what every variant must yield."""
from __future__ import annotations

from dataclasses import dataclass

# criterion -> (its name, [(content name, max, self)])
CRITERIA = [
    (2, "Thực hiện nhiệm vụ chính trị của đơn vị", [
        ("Ban hành kế hoạch thực hiện nhiệm vụ chính trị năm, quản lý chặt chẽ các khoa, phòng", 4, 4),
        ("Làm tốt công tác phòng, chống tham nhũng, lãng phí; kê khai tài sản đúng hạn", 3, 2.5),
        ("Sửa đổi kịp thời quy trình giải quyết công việc theo chức năng, nhiệm vụ", 3, 3),
    ]),
    (6, "Thực hiện đạo đức công vụ, văn hóa công sở", [
        ("Ban hành và thực hiện quy tắc ứng xử, văn hóa công sở trong đơn vị", 3, 3),
        ("Viên chức giữ chuẩn mực đạo đức, tác phong khi phục vụ người dân", 3, 2),
        ("Kiểm tra công vụ thường xuyên, xử lý nghiêm vi phạm", 2, 2),
        ("Không có viên chức suy thoái đạo đức, lối sống", 2, 2),
    ]),
    (9, "Tổ chức tiếp công dân, đối thoại với nhân dân", [
        ("Bố trí nơi tiếp công dân, công khai lịch tiếp", 5, 5.5),   # planted: self above max
        ("Người đứng đầu đối thoại định kỳ với người dân", 5, 4),
    ]),
]

# a framework no catalog knows: its sheet is read under a provisional framework of its own rows
UNKNOWN_CRITERIA = [
    (1, "Chuyển đổi số trong khám, chữa bệnh", [
        ("Triển khai bệnh án điện tử tại các khoa lâm sàng", 6, 5),
        ("Thanh toán viện phí không dùng tiền mặt", 4, 4),
    ]),
    (2, "Bảo đảm an toàn thông tin mạng", [
        ("Ban hành quy chế bảo đảm an toàn thông tin", 5, 5),
        ("Diễn tập ứng cứu sự cố ít nhất một lần trong năm", 5, 3),
    ]),
]
UNKNOWN_TITLE = "BÁO CÁO TỰ ĐÁNH GIÁ KẾT QUẢ CHUYỂN ĐỔI SỐ NĂM 2024"
PROVISIONAL = "sheet:benh-vien-da-khoa-khu-vuc-2024"

N = None
EXPECTED: dict[str, tuple] = {"dvcq": (sum(m for *_, cs in CRITERIA for _, m, _ in cs),
                                        sum(s for *_, cs in CRITERIA for _, _, s in cs), N, N, N)}
for _c, _name, _contents in CRITERIA:
    EXPECTED[f"dvcq.tc{_c}"] = (sum(m for _, m, _ in _contents), sum(s for _, _, s in _contents), N, N, N)
    for _k, (_lab, _mx, _sf) in enumerate(_contents, 1):
        EXPECTED[f"dvcq.tc{_c}.nd{_k}"] = (_mx, _sf, N, N, N)
# a sheet without rows closing its criteria states no criterion's own score
EXPECTED_CONTENTS = {k: v for k, v in EXPECTED.items() if k.count(".") != 1}
FINDINGS = [("dvcq.tc9.nd1", "self_exceeds_max")]


@dataclass(frozen=True)
class Layout:
    tt: bool = True                 # a TT column holding the criterion's number
    criterion: str = "{name}"       # how the criterion cell reads
    content: str = "Nội dung {k}: {name}"
    closing: str | None = "Cộng tiêu chí {c}"   # the row closing a criterion, or none
    merged: bool = True             # TT and criterion cells merged over the criterion's rows
    two_row_header: bool = True


def _num(v) -> str:
    return f"{v:g}".replace(".", ",")


def _rows(layout: Layout, criteria) -> tuple[list[list[str]], list[tuple[int, int]]]:
    """Body rows [tt?, criterion, content, max, self, authority, evidence] and, per criterion,
    (first row, rows it takes)."""
    rows, groups = [], []
    for c, name, contents in criteria:
        first = len(rows)
        for k, (lab, mx, sf) in enumerate(contents, 1):
            crit = layout.criterion.format(c=c, name=name) if (k == 1 or not layout.merged) else ""
            tt = [str(c) if k == 1 or not layout.merged else ""] if layout.tt else []
            rows.append(tt + [crit, layout.content.format(k=k, name=lab), _num(mx), _num(sf), "", ""])
        if layout.closing is not None:
            tt = [""] if layout.tt else []
            rows.append(tt + ["", layout.closing.format(c=c), _num(sum(m for _, m, _ in contents)),
                              _num(sum(s for _, _, s in contents)), "", ""])
        groups.append((first, len(rows) - first))
    width = len(rows[0])
    total = [""] * width
    total[0] = "TỔNG CỘNG"
    total[width - 4], total[width - 3] = _num(_sum(criteria, 1)), _num(_sum(criteria, 2))
    rows.append(total)
    return rows, groups


def _sum(criteria, field: int) -> float:
    return sum(content[field] for *_, contents in criteria for content in contents)


def write(path, layout: Layout, criteria=CRITERIA, title="BÁO CÁO TỰ ĐÁNH GIÁ CÔNG TÁC DÂN VẬN CHÍNH QUYỀN NĂM 2024") -> None:
    import docx
    d = docx.Document()
    d.add_paragraph("BỆNH VIỆN ĐA KHOA KHU VỰC")
    d.add_paragraph(title)
    d.add_paragraph("Bệnh viện tự chấm điểm theo bảng dưới đây.")
    lead = ["TT"] if layout.tt else []
    if layout.two_row_header:
        header = [lead + ["Tiêu chí", "Nội dung", "Điểm", "", "", "Tài liệu kiểm chứng"],
                  lead + ["", "", "Tối đa", "Tự chấm", "Thẩm định", ""]]
    else:
        header = [lead + ["Tiêu chí", "Nội dung", "Điểm tối đa", "Điểm tự chấm", "Điểm thẩm định", "Tài liệu kiểm chứng"]]
    rows, groups = _rows(layout, criteria)
    width = len(header[0])
    t = d.add_table(rows=len(header) + len(rows), cols=width)
    t.style = "Table Grid"
    for i, r in enumerate(header + rows):
        for j, v in enumerate(r):
            if v:
                t.cell(i, j).text = v
    h = len(header)
    if layout.two_row_header:
        label_cols = range(len(lead) + 2)
        for col in [*label_cols, width - 1]:
            text = t.cell(0, col).text
            t.cell(0, col).merge(t.cell(1, col)).text = text
        t.cell(0, width - 4).merge(t.cell(0, width - 2)).text = "Điểm"
    if layout.merged:
        for first, n in groups:
            for col in range(len(lead) + 1):
                text = t.cell(h + first, col).text
                t.cell(h + first, col).merge(t.cell(h + first + n - 1, col)).text = text
    last = h + len(rows) - 1
    t.cell(last, 0).merge(t.cell(last, width - 5)).text = "TỔNG CỘNG"
    d.add_paragraph(f"Tổng điểm tự chấm: {_num(_sum(criteria, 2))}/{_num(_sum(criteria, 1))} điểm.")
    d.save(str(path))
