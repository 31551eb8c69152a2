"""Writes a borderless landscape score sheet that runs over several pages (a DOCX table without
borders, printed to PDF by LibreOffice): its header stands on the first page only (not repeated),
labels and notes wrap over many lines, rows are cut by the page breaks, and the total row stands
on the last page. Rows on the later pages read like a header: a label gives the scale it is scored
on ('Thực hiện đầy đủ: 4 điểm; Đạt một phần: 2 điểm'), a note says what the self score took off
('Tự chấm trừ 0,5 điểm ...', 'Đạt chuẩn ...'), and their words name score columns under the label
and the note columns. Such rows were taken for a new sheet's header at the top of their page: the
rows from there on were lost (read as a sheet of wrong columns, then as running text). With cells
set at the top of their rows, the header so found held rows' scores; with cells centred, it held
the lines of a scale and a note between two rows, without a number. Wordings are the dvcq
framework's item texts; the unit, the scales, the notes and the values are this file's."""
from __future__ import annotations

from unruled_soffice import SOFFICE, print_to_pdf  # (SOFFICE: the tests skip without it)

UNIT = "TRUNG TÂM Y TẾ HUYỆN BA TƠ"
HEADER = ["STT", "Tiêu chí, nội dung đánh giá", "Thang điểm", "Tự chấm", "Ghi chú"]
TITLE = "BẢNG TỰ CHẤM ĐIỂM CÔNG TÁC DÂN VẬN CHÍNH QUYỀN NĂM 2024"
TOTAL_LABEL = "Tổng cộng điểm tự chấm"

# criterion -> (self score, the scale written after its label, the note); the maximum is the
# framework's. A criterion's self score is the sum of its contents'.
SCORES = {
    "tc1.nd1": (3, "", ""),
    "tc1.nd2": (3, "", "Kế hoạch số 12/KH-TTYT ngày 20/01/2024"),
    "tc1.nd3": (3.5, "", "Tự chấm trừ 0,5 điểm: kế hoạch kiểm tra ban hành chậm so với quy định"),
    "tc2.nd1": (4, "", ""),
    "tc2.nd2": (3, "", "Kê khai tài sản, thu nhập đúng hạn"),
    "tc2.nd3": (3, "", ""),
    "tc3.nd1": (2, "Đạt mức hài lòng trên 90%: 2 điểm; Đạt từ 80% đến 90%: 1 điểm; Dưới 80%: 0 điểm",
                "Đạt chuẩn: khảo sát hài lòng 93,5%"),
    "tc3.nd2": (3, "", ""),
    "tc3.nd3": (2, "", ""),
    "tc3.nd4": (2.5, "Thực hiện đầy đủ: 3 điểm; Đạt một phần: 1,5 điểm; Không thực hiện: 0 điểm",
                "Tự chấm trừ 0,5 điểm do tỷ lệ hồ sơ điện tử chưa đạt chuẩn"),
    "tc4.nd1": (4, "", "Kế hoạch số 35/KH-TTYT ngày 02/3/2024"),
    "tc4.nd2": (3, "", ""),
    "tc4.nd3": (3, "", ""),
    "tc5.nd1": (4, "Đạt: giải quyết đúng hạn 100% đơn thư (4 điểm); Chưa đạt: 0 điểm", ""),
    "tc5.nd2": (3, "", ""),
    "tc5.nd3": (2.5, "", "Tự chấm trừ 0,5 điểm: còn 01 đơn kiến nghị chuyển cấp trên"),
    "tc6.nd1": (3, "", "Quyết định số 41/QĐ-TTYT ngày 15/02/2024"),
    "tc6.nd2": (3, "Thực hiện tốt: 3 điểm; Đạt một phần: 1,5 điểm; Không đạt: 0 điểm", "Đạt chuẩn văn hóa công sở"),
    "tc6.nd3": (2, "", ""),
    "tc6.nd4": (2, "", ""),
    "tc7.nd1": (4, "", ""),
    "tc7.nd2": (3, "", ""),
    "tc7.nd3": (2.5, "Có lịch làm việc định kỳ: 3 điểm; Không có: 0 điểm",
                "Tự chấm trừ 0,5 điểm: chưa họp định kỳ 6 tháng cuối năm"),
    "tc8.nd1": (4.5, "Thực hiện đầy đủ: 5 điểm; Đạt một phần: 2,5 điểm; Không thực hiện: 0 điểm",
                "Tự chấm trừ 0,5 điểm: hội nghị cán bộ, công chức tổ chức chậm"),
    "tc8.nd2": (2, "", ""),
    "tc8.nd3": (3, "", "Đạt chuẩn; không có đơn thư liên quan"),
    "tc9.nd1": (5, "", ""),
    "tc9.nd2": (4.5, "Đạt: 5 điểm; Đạt một phần: 2,5 điểm; Không đạt: 0 điểm",
                "Tự chấm trừ 0,5 điểm: đối thoại chưa đủ 02 lần trong năm"),
    "tc10.nd1": (5, "", ""),
    "tc10.nd2": (2, "Có mô hình được công nhận: 2 điểm; Không có: 0 điểm",
                 "Mô hình “Dân vận khéo” được công nhận năm 2024"),
    "tc10.nd3": (1, "", ""),
    "tc10.nd4": (2, "Đạt: 2 điểm; Không đạt: 0 điểm", "Đạt chuẩn"),
}
_ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]


def _num(value) -> str:
    return f"{value:g}".replace(".", ",")


def _items():
    from chamdiem.normalizers.framework_catalog import frameworks
    return frameworks()["dvcq"].items


def expected() -> dict[str, tuple]:
    """The score fields each criterion reads: (max, self, authority, bonus max, bonus self)."""
    items = _items()
    out = {}
    for c in range(1, 11):
        contents = [k for k in SCORES if k.startswith(f"tc{c}.")]
        out[f"dvcq.tc{c}"] = (items[f"dvcq.tc{c}"].max, sum(SCORES[k][0] for k in contents), None, None, None)
        for k in contents:
            out[f"dvcq.{k}"] = (items[f"dvcq.{k}"].max, SCORES[k][0], None, None, None)
    out["dvcq"] = (items["dvcq"].max, sum(SCORES[k][0] for k in SCORES), None, None, None)
    return out


def rows() -> list[list[str]]:
    """The body rows [number, label, max, self, note], the total row last."""
    items, want = _items(), expected()
    out = []
    for c in range(1, 11):
        mx, sf = want[f"dvcq.tc{c}"][:2]
        out.append([_ROMAN[c - 1], items[f"dvcq.tc{c}"].text, _num(mx), _num(sf), ""])
        for k in (k for k in SCORES if k.startswith(f"tc{c}.")):
            sf, scale, note = SCORES[k]
            label = items[f"dvcq.{k}"].text + (f" ({scale})" if scale else "")
            out.append([k.split(".nd")[1], label, _num(items[f"dvcq.{k}"].max), _num(sf), note])
    mx, sf = want["dvcq"][:2]
    return out + [["", TOTAL_LABEL, _num(mx), _num(sf), ""]]


# how the cells stand in their rows: at the top, or centred (the scores at the middle of a row of
# long labels, the header's one-line cells between the lines of its two-line ones)
LAYOUTS = ("top", "centred")


def write(path, layout: str = "top") -> None:
    """The sheet as a PDF at ``path`` (a .pdf), through a DOCX LibreOffice prints: an A4 page
    turned landscape, the header row not repeated, rows free to break over pages, cells set as
    ``layout`` says."""
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.enum.table import WD_ALIGN_VERTICAL
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    d = docx.Document()
    section = d.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21)
    section.left_margin, section.right_margin = Cm(2), Cm(2)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    d.styles["Normal"].font.name = "Times New Roman"
    d.styles["Normal"].font.size = Pt(12)
    for text in (UNIT, TITLE):
        paragraph = d.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run(text).bold = True
    body = rows()
    table = d.add_table(rows=1 + len(body), cols=len(HEADER))
    table.autofit = False
    widths = [Cm(1.4), Cm(13.5), Cm(2.2), Cm(2.0), Cm(6.5)]
    for column, width in zip(table.columns, widths):
        column.width = width
    for r, row in enumerate([HEADER] + body):
        for c, text in enumerate(row):
            cell = table.cell(r, c)
            cell.width = widths[c]
            cell.text = text
            if layout == "centred":
                cell.vertical_alignment = WD_ALIGN_VERTICAL.CENTER
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.space_before = paragraph.paragraph_format.space_after = Pt(3)
                if c in (2, 3):
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            if r == 0 or c == 0 and row[0] in _ROMAN:
                for run in cell.paragraphs[0].runs:
                    run.bold = True
    d.add_paragraph("Ghi chú: điểm của mỗi tiêu chí là tổng điểm các nội dung của tiêu chí đó; "
                                "tài liệu kiểm chứng lưu tại Phòng Tổ chức - Hành chính.")
    print_to_pdf(d, path)
