"""Writes the head and foot of administrative documents laid out as Nghị định 30/2020/NĐ-CP says
(issuer block top left above 'Số:', the motto top right with the place and date under it, the
title, 'Nơi nhận:' bottom left and the signature bottom right), with units, mottos, date wrappings,
signature titles and placements of this file's own, in every format a unit sends: DOCX and HTML
borderless tables, PDF text columns (fpdf2), and text exported with the columns side by side,
one after the other, or glued by one space. Each case knows the metadata it must give."""
from __future__ import annotations

import html as html_lib
from dataclasses import dataclass

from renditions import FONT_DIR

NATIONAL = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
NATIONAL_DASHES = ["CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", "ĐỘC LẬP – TỰ DO – HẠNH PHÚC"]
PARTY = ["ĐẢNG CỘNG SẢN VIỆT NAM"]


@dataclass
class Case:
    name: str
    issuer_block: list[str]   # the left block above 'Số:', parents first
    number_line: str
    motto: list[str]
    date_lines: list[str]     # the place and date, maybe wrapped
    signature: list[str]      # the right block at the foot ('' for a blank line)
    placement: str            # where the signature stands to 'Nơi nhận': beside, below, above
    spelled: str              # the issuer as the body's first sentence writes it
    expected: tuple           # (report_number, issuer, issued_on, signer)


CASES = [
    Case("forest_ranger_unit_title_unknown",
         ["UBND HUYỆN SƠN HÀ", "HẠT KIỂM LÂM"], "Số: 57/BC-HKL", NATIONAL,
         ["Sơn Hà, ngày 12 tháng 11 năm 2025"], ["HẠT TRƯỞNG", "", "", "Đinh Văn Bảy"], "beside",
         "Hạt Kiểm lâm", ("57/BC-HKL", "Hạt Kiểm lâm", "2025-11-12", "Đinh Văn Bảy")),
    Case("social_insurance_date_wrapped",
         ["BẢO HIỂM XÃ HỘI VIỆT NAM", "BẢO HIỂM XÃ HỘI TỈNH QUẢNG NGÃI"], "Số: 1204/BC-BHXH", NATIONAL_DASHES,
         ["Quảng Ngãi, ngày 20 tháng 11", "năm 2025"],
         ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "(Đã ký)", "", "Trương Thị Hồng Nhung"], "below",
         "Bảo hiểm xã hội tỉnh Quảng Ngãi",
         ("1204/BC-BHXH", "Bảo hiểm xã hội tỉnh Quảng Ngãi", "2025-11-20", "Trương Thị Hồng Nhung")),
    Case("market_team_with_a_number_in_its_name",
         ["CỤC QUẢN LÝ THỊ TRƯỜNG TỈNH", "ĐỘI QUẢN LÝ THỊ TRƯỜNG SỐ 3"], "Số: 31/BC-QLTT3", NATIONAL,
         ["Đức Phổ, ngày 5 tháng 12 năm 2025"], ["Q. ĐỘI TRƯỞNG", "[đã ký]", "Võ Minh Khang"], "above",
         "Đội Quản lý thị trường số 3",
         ("31/BC-QLTT3", "Đội Quản lý thị trường số 3", "2025-12-05", "Võ Minh Khang")),
    Case("school_three_levels_place_on_its_own_line",
         ["UBND TỈNH QUẢNG NGÃI", "SỞ GIÁO DỤC VÀ ĐÀO TẠO", "TRƯỜNG THPT TRẦN QUỐC TUẤN"], "Số: 88/BC-THPT",
         NATIONAL, ["Thành phố Quảng Ngãi,", "ngày 28 tháng 11 năm 2025"],
         ["HIỆU TRƯỞNG", "", "", "Lê Thị Thu Hà"], "beside",
         "Trường THPT Trần Quốc Tuấn", ("88/BC-THPT", "Trường THPT Trần Quốc Tuấn", "2025-11-28", "Lê Thị Thu Hà")),
    Case("project_board_name_wrapped",
         ["UBND TỈNH QUẢNG NGÃI", "BAN QUẢN LÝ DỰ ÁN ĐẦU TƯ XÂY DỰNG", "CÁC CÔNG TRÌNH GIAO THÔNG"],
         "Số: 415/BC-BQLDA", NATIONAL, ["Quảng Ngãi, ngày 02 tháng 12 năm 2025"],
         ["GIÁM ĐỐC", "", "Huỳnh Tấn Phát"], "below",
         "Ban Quản lý dự án đầu tư xây dựng các công trình giao thông",
         ("415/BC-BQLDA", "Ban Quản lý dự án đầu tư xây dựng các công trình giao thông", "2025-12-02",
          "Huỳnh Tấn Phát")),
    Case("party_committee_under_the_party_motto",
         ["ĐẢNG BỘ KHỐI CÁC CƠ QUAN TỈNH", "ĐẢNG ỦY SỞ TƯ PHÁP", "*"], "Số 15-BC/ĐU", PARTY,
         ["Quảng Ngãi, ngày 25 tháng 11 năm 2025"], ["T/M ĐẢNG ỦY", "BÍ THƯ", "", "Phan Thanh Tùng"], "beside",
         "Đảng ủy Sở Tư pháp", ("15-BC/ĐU", "Đảng ủy Sở Tư pháp", "2025-11-25", "Phan Thanh Tùng")),
    Case("front_committee_of_a_commune",
         ["ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM", "XÃ TỊNH KỲ"], "Số: 09/BC-MTTQ", NATIONAL_DASHES,
         ["Tịnh Kỳ, ngày 30 tháng 11", "năm 2025"], ["TM. BAN THƯỜNG TRỰC", "CHỦ TỊCH", "", "Nguyễn Thị Mỹ"],
         "above", "Ủy ban Mặt trận Tổ quốc Việt Nam xã Tịnh Kỳ",
         ("09/BC-MTTQ", "Ủy ban Mặt trận Tổ quốc Việt Nam xã Tịnh Kỳ", "2025-11-30", "Nguyễn Thị Mỹ")),
    Case("police_staff_office_signed_for_the_director",
         ["CÔNG AN TỈNH QUẢNG NGÃI", "PHÒNG THAM MƯU"], "Số: 702/BC-PTM", NATIONAL,
         ["Quảng Ngãi, ngày 18 tháng 11 năm 2025"],
         ["TL. GIÁM ĐỐC", "TRƯỞNG PHÒNG THAM MƯU", "", "Đại tá Trần Văn Hùng"], "beside",
         "Phòng Tham mưu", ("702/BC-PTM", "Phòng Tham mưu", "2025-11-18", "Trần Văn Hùng")),
    Case("culture_office_signer_in_capitals",
         ["UBND THÀNH PHỐ QUẢNG NGÃI", "PHÒNG VĂN HÓA VÀ THÔNG TIN"], "Số: 145/BC-VHTT", NATIONAL,
         ["Quảng Ngãi, ngày 09 tháng 12 năm 2025"], ["TRƯỞNG PHÒNG", "", "NGUYỄN THỊ THANH HƯƠNG"], "beside",
         "Phòng Văn hóa và Thông tin",
         ("145/BC-VHTT", "Phòng Văn hóa và Thông tin", "2025-12-09", "NGUYỄN THỊ THANH HƯƠNG")),
    Case("island_district_office_date_in_figures",
         ["UBND HUYỆN LÝ SƠN", "PHÒNG KINH TẾ - HẠ TẦNG"], "Số: 96/BC-KTHT", NATIONAL,
         ["Lý Sơn, ngày 04/12/2025"], ["KT. TRƯỞNG PHÒNG", "PHÓ TRƯỞNG PHÒNG", "", "Dương Văn Sáu"], "beside",
         "Phòng Kinh tế - Hạ tầng", ("96/BC-KTHT", "Phòng Kinh tế - Hạ tầng", "2025-12-04", "Dương Văn Sáu")),
]

RECIPIENTS = ["Nơi nhận:", "- Như trên;", "- Lưu: VT, TH."]
FORMATS = ("docx", "docx_tabs", "html", "pdf", "txt_columns", "txt_sequential", "txt_glued", "txt_tab_rows",
           "txt_motto_first", "md_rows", "xlsx_rows")


def body(case: Case) -> list[str]:
    return ["BÁO CÁO", "Kết quả tự đánh giá, chấm điểm công tác dân vận chính quyền năm 2025",
            f"Thực hiện Kế hoạch số 12/KH-UBND ngày 03/01/2025, {case.spelled} tự đánh giá kết quả năm 2025 "
            "như sau.", "Đơn vị đã hoàn thành các nhiệm vụ được giao."]


def head(case: Case) -> tuple[list[str], list[str]]:
    return case.issuer_block + [case.number_line], case.motto + case.date_lines


def write(fmt: str, case: Case, path) -> None:
    if fmt.startswith("txt_"):
        path.write_text(_text(case, fmt[4:]), "utf-8")
    elif fmt == "docx_tabs":
        _docx_tabs(case, path)
    else:
        {"docx": _docx, "html": _html, "pdf": _pdf, "md_rows": _md_rows, "xlsx_rows": _xlsx_rows}[fmt](case, path)


def suffix(fmt: str) -> str:
    """The file name's extension for a format of this module."""
    return "txt" if fmt.startswith("txt") else fmt.split("_")[0]


def _foot_rows(case: Case) -> list[tuple[list[str], list[str]]]:
    """The foot as rows of (left lines, right lines), as the placement sets them."""
    if case.placement == "beside":
        return [(RECIPIENTS, case.signature)]
    if case.placement == "below":
        return [(RECIPIENTS, []), ([], case.signature)]
    return [([], case.signature), (RECIPIENTS, [])]


GAP_COLUMN = 50


def _side_by_side(left: list[str], right: list[str], how: str) -> list[str]:
    if how == "sequential":
        return left + right
    out = []
    for k in range(max(len(left), len(right))):
        a = left[k] if k < len(left) else ""
        b = right[k] if k < len(right) else ""
        if how == "columns":
            out.append((a.ljust(GAP_COLUMN) + b).rstrip() if b else a)
        elif how == "tabs":
            out.append(f"{a}\t\t{b}" if b else a)
        elif how == "tab_rows":
            out.append(f"{a}\t{b}")   # a layout table saved as tab-separated rows, one per line
        else:
            out.append(f"{a} {b}".strip())
    return out


def _text(case: Case, how: str) -> str:
    if how == "motto_first":   # the motto's block above the issuer's, one after the other
        issuer, motto = head(case)
        lines = motto + [""] + issuer + [""]
        how = "sequential"
    else:
        lines = _side_by_side(*head(case), how) + [""]
    for para in body(case):
        lines += [para, ""]
    for left, right in _foot_rows(case):
        lines += _side_by_side(left, right, how)
    return "\n".join(lines) + "\n"


def _docx(case: Case, path) -> None:
    import docx
    d = docx.Document()

    def table(rows):
        t = d.add_table(rows=len(rows), cols=2)   # python-docx's default table has no borders
        for r, row in enumerate(rows):
            for c, lines in enumerate(row):
                cell = t.cell(r, c)
                cell.paragraphs[0].text = lines[0] if lines else ""
                for line in lines[1:]:
                    cell.add_paragraph(line)
    table([head(case)])
    for para in body(case):
        d.add_paragraph(para)
    table(_foot_rows(case))
    d.save(str(path))


def _docx_tabs(case: Case, path) -> None:
    """The two columns typed on shared paragraphs, apart by two tabs (no layout table)."""
    import docx
    d = docx.Document()
    for line in _side_by_side(*head(case), "tabs"):
        d.add_paragraph(line)
    for para in body(case):
        d.add_paragraph(para)
    for left, right in _foot_rows(case):
        for line in _side_by_side(left, right, "tabs"):
            d.add_paragraph(line)
    d.save(str(path))


def _html(case: Case, path) -> None:
    def table(rows):
        cells = "".join("<tr>" + "".join("<td>" + "<br>".join(html_lib.escape(x) for x in lines) + "</td>"
                                         for lines in row) + "</tr>" for row in rows)
        return f"<table>{cells}</table>"
    paras = "".join(f"<p>{html_lib.escape(p)}</p>" for p in body(case))
    path.write_text(f"<html><head><meta charset='utf-8'></head><body>{table([head(case)])}{paras}"
                    f"{table(_foot_rows(case))}</body></html>", "utf-8")


def _md_rows(case: Case, path) -> None:
    """The layout tables as Markdown pipe tables, one row per line of the page (as a converter
    writes a borderless table whose lines are rows)."""
    def table(rows):
        out = []
        for left, right in rows:
            for k in range(max(len(left), len(right))):
                out.append(f"| {left[k] if k < len(left) else ''} | {right[k] if k < len(right) else ''} |")
        return [out[0], "| --- | --- |"] + out[1:] + [""]
    lines = table([head(case)])
    for para in body(case):
        lines += [para, ""]
    lines += table(_foot_rows(case))
    path.write_text("\n".join(lines), "utf-8")


SHEET_RIGHT = 5   # the sheet's column of the right-hand blocks (E), the left-hand ones in A


def _xlsx_rows(case: Case, path) -> None:
    """A workbook with the head and foot in cells, one row per line: the left-hand blocks in
    column A, the right-hand ones in column E, a block alone on its rows where the layout puts it."""
    import openpyxl
    book = openpyxl.Workbook()
    sheet = book.active
    row = 1

    def put(rows):
        nonlocal row
        for left, right in rows:
            for k in range(max(len(left), len(right))):
                if k < len(left) and left[k]:
                    sheet.cell(row, 1, left[k])
                if k < len(right) and right[k]:
                    sheet.cell(row, SHEET_RIGHT, right[k])
                row += 1
        row += 1
    put([head(case)])
    put([([para], []) for para in body(case)])
    put(_foot_rows(case))
    book.save(str(path))


def _pdf(case: Case, path) -> None:
    from fpdf import FPDF
    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", "", f"{FONT_DIR}/DejaVuSans.ttf")
    pdf.set_font("DejaVu", size=10)
    pdf.add_page()

    def columns(rows):
        with pdf.table(borders_layout="NONE", text_align="CENTER", line_height=5,
                       first_row_as_headings=False) as t:
            for row in rows:
                r = t.row()
                for lines in row:
                    r.cell("\n".join(lines))
    columns([head(case)])
    pdf.ln(6)
    for para in body(case):
        pdf.multi_cell(0, 5, para, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    columns(_foot_rows(case))
    pdf.output(str(path))


# Written after the reader, without changing it to fit: units, positions, marks and wrappings it
# was not written for.
HELD_OUT = [
    Case("land_registry_office_digital_signature",
         ["SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG", "VĂN PHÒNG ĐĂNG KÝ ĐẤT ĐAI"], "Số: 640/BC-VPĐK", NATIONAL,
         ["Quảng Ngãi, ngày 07 tháng 11 năm 2025"], ["GIÁM ĐỐC", "(Chữ ký số)", "Nguyễn Hữu Thắng"], "beside",
         "Văn phòng Đăng ký đất đai",
         ("640/BC-VPĐK", "Văn phòng Đăng ký đất đai", "2025-11-07", "Nguyễn Hữu Thắng")),
    Case("power_company_under_its_corporation",
         ["TỔNG CÔNG TY ĐIỆN LỰC MIỀN TRUNG", "CÔNG TY ĐIỆN LỰC QUẢNG NGÃI"], "Số: 3310/BC-PCQNg",
         NATIONAL_DASHES, ["Quảng Ngãi, ngày 21 tháng 11 năm 2025"],
         ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "", "Trần Quốc Việt"], "below", "Công ty Điện lực Quảng Ngãi",
         ("3310/BC-PCQNg", "Công ty Điện lực Quảng Ngãi", "2025-11-21", "Trần Quốc Việt")),
    Case("council_committee_under_a_wrapped_council",
         ["HỘI ĐỒNG NHÂN DÂN", "TỈNH QUẢNG NGÃI", "BAN PHÁP CHẾ"], "Số: 27/BC-BPC", NATIONAL,
         ["Quảng Ngãi, ngày 03 tháng 12", "năm 2025"], ["TM. BAN PHÁP CHẾ", "TRƯỞNG BAN", "", "Lê Văn Thanh"],
         "above", "Ban Pháp chế", ("27/BC-BPC", "Ban Pháp chế", "2025-12-03", "Lê Văn Thanh")),
    Case("procuracy_year_wrapped_alone",
         ["VIỆN KIỂM SÁT NHÂN DÂN TỈNH QUẢNG NGÃI", "VIỆN KIỂM SÁT NHÂN DÂN HUYỆN NGHĨA HÀNH"], "Số: 19/BC-VKS",
         NATIONAL, ["Nghĩa Hành, ngày 14 tháng 11 năm", "2025"], ["VIỆN TRƯỞNG", "", "Đặng Thị Xuân"], "beside",
         "Viện kiểm sát nhân dân huyện Nghĩa Hành",
         ("19/BC-VKS", "Viện kiểm sát nhân dân huyện Nghĩa Hành", "2025-11-14", "Đặng Thị Xuân")),
    Case("farm_service_centre_alone_capital_motto",
         ["TRUNG TÂM DỊCH VỤ NÔNG NGHIỆP HUYỆN TƯ NGHĨA"], "Số: 44/BC-TTDVNN", NATIONAL_DASHES,
         ["Tư Nghĩa, ngày 26 tháng 11 năm 2025"], ["Q. GIÁM ĐỐC", "", "", "Võ Thị Lệ"], "beside",
         "Trung tâm Dịch vụ nông nghiệp huyện Tư Nghĩa",
         ("44/BC-TTDVNN", "Trung tâm Dịch vụ nông nghiệp huyện Tư Nghĩa", "2025-11-26", "Võ Thị Lệ")),
    Case("trade_union_under_the_provincial_federation",
         ["LIÊN ĐOÀN LAO ĐỘNG TỈNH QUẢNG NGÃI", "CÔNG ĐOÀN VIÊN CHỨC TỈNH"], "Số: 52/BC-CĐVC", NATIONAL,
         ["Quảng Ngãi, ngày 19 tháng 11 năm 2025"],
         ["TM. BAN THƯỜNG VỤ", "CHỦ TỊCH", "", "Huỳnh Thị Kim Oanh"], "below", "Công đoàn Viên chức tỉnh",
         ("52/BC-CĐVC", "Công đoàn Viên chức tỉnh", "2025-11-19", "Huỳnh Thị Kim Oanh")),
    Case("district_court_chief_judge",
         ["TÒA ÁN NHÂN DÂN TỈNH QUẢNG NGÃI", "TÒA ÁN NHÂN DÂN HUYỆN SƠN TỊNH"], "Số: 08/BC-TA", NATIONAL,
         ["Sơn Tịnh, ngày 11 tháng 11 năm 2025"], ["CHÁNH ÁN", "", "Phạm Minh Tâm"], "above",
         "Tòa án nhân dân huyện Sơn Tịnh",
         ("08/BC-TA", "Tòa án nhân dân huyện Sơn Tịnh", "2025-11-11", "Phạm Minh Tâm")),
    # a second batch, written after the reader had read the first one
    Case("tax_subdepartment_with_a_dash_in_its_name",
         ["CỤC THUẾ TỈNH QUẢNG NGÃI", "CHI CỤC THUẾ KHU VỰC ĐỨC PHỔ - BA TƠ"], "Số: 211/BC-CCT", NATIONAL,
         ["TX. Đức Phổ, ngày 16 tháng 11 năm 2025"],
         ["KT. CHI CỤC TRƯỞNG", "PHÓ CHI CỤC TRƯỞNG", "(đã ký)", "Hồ Văn Tư"], "beside", "Chi cục Thuế khu vực Đức Phổ - Ba Tơ",
         ("211/BC-CCT", "Chi cục Thuế khu vực Đức Phổ - Ba Tơ", "2025-11-16", "Hồ Văn Tư")),
    Case("ministry_department_parent_wrapped",
         ["BỘ NÔNG NGHIỆP VÀ PHÁT TRIỂN", "NÔNG THÔN", "CỤC THỦY LỢI"], "Số: 1502/BC-TL", NATIONAL,
         ["Hà Nội, ngày 24 tháng 11 năm 2025"], ["CỤC TRƯỞNG", "", "Nguyễn Tùng Phong"], "below",
         "Cục Thủy lợi", ("1502/BC-TL", "Cục Thủy lợi", "2025-11-24", "Nguyễn Tùng Phong")),
    Case("party_deputy_secretary_signs",
         ["HUYỆN ỦY SƠN TỊNH", "BAN DÂN VẬN", "*"], "Số 33-BC/BDVHU", PARTY,
         ["Sơn Tịnh, ngày 08 tháng 12 năm 2025"], ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "", "Trần Thị Lan"], "beside",
         "Ban Dân vận", ("33-BC/BDVHU", "Ban Dân vận", "2025-12-08", "Trần Thị Lan")),
    Case("city_office_signed_by_the_chief_of_staff",
         ["ỦY BAN NHÂN DÂN", "THÀNH PHỐ QUẢNG NGÃI"], "Số: 600/BC-UBND", NATIONAL_DASHES,
         ["TP. Quảng Ngãi, ngày 29 tháng 11", "năm 2025"],
         ["TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG", "", "Lê Quang Vinh"], "above",
         "Ủy ban nhân dân thành phố Quảng Ngãi",
         ("600/BC-UBND", "Ủy ban nhân dân thành phố Quảng Ngãi", "2025-11-29", "Lê Quang Vinh")),
    Case("hospital_under_the_health_department",
         ["SỞ Y TẾ QUẢNG NGÃI", "BỆNH VIỆN ĐA KHOA KHU VỰC", "ĐẶNG THÙY TRÂM"], "Số: 77/BC-BV", NATIONAL,
         ["Đức Phổ, ngày 01 tháng 12 năm 2025"], ["GIÁM ĐỐC", "", "Bùi Thanh Sơn"], "beside",
         "Bệnh viện Đa khoa khu vực Đặng Thùy Trâm",
         ("77/BC-BV", "Bệnh viện Đa khoa khu vực Đặng Thùy Trâm", "2025-12-01", "Bùi Thanh Sơn")),
]
