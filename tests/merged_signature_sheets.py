"""Writes workbooks whose report sits in the sheet's cells, its signature block at the foot in
merged cells (Nghị định 30/2020's foot: 'Nơi nhận:' and its recipients on one side, the position,
'KT.'/'TM.' lines, blank rows for the signature, then the name, on the other), as units lay a
report out in a spreadsheet. The recipients stand in their own columns beside the block, often on
more rows than it; the reader placed each cell in its column and the signer was looked for down
the recipients' cells. Each case knows the signer it must give; the names, positions and
placements are this file's own."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Case:
    name: str
    side: str                  # where the signature block stands: "right" or "left"
    signature: list[str]       # its rows, top down ('' for a blank row)
    recipients: list[str]      # the other block's rows
    recipients_at: tuple[int, int] = (2, 3)     # the recipients' merged columns (B:C: not the sheet's first)
    name_merge: tuple[int, int] | None = None   # the name's merged columns, when not the block's
    tall_blank: bool = False   # the blank rows for the signature one merged cell over them
    expected: str = ""


CASES = [
    Case("signed_for_the_chief_right_of_the_recipients", "right",
         ["KT. CHÁNH THANH TRA", "PHÓ CHÁNH THANH TRA", "", "", "", "Hoàng Thị Mỹ Duyên"],
         ["Nơi nhận:", "- Thanh tra Chính phủ;", "- UBND tỉnh;", "- Khối thi đua;", "- Lưu: VT, TTr."],
         expected="Hoàng Thị Mỹ Duyên"),
    Case("signature_block_left_of_the_recipients", "left",
         ["KT. CHÁNH THANH TRA", "PHÓ CHÁNH THANH TRA", "(Đã ký)", "", "Nguyễn Đình Khôi"],
         ["Nơi nhận:", "- Như trên;", "- Lưu: VT."], recipients_at=(5, 8), expected="Nguyễn Đình Khôi"),
    # the recipients in the sheet's first column, as the head's issuer
    Case("recipients_in_the_first_column", "right",
         ["KT. CHÁNH THANH TRA", "PHÓ CHÁNH THANH TRA", "", "", "Võ Thành Nhân"],
         ["Nơi nhận:", "- Như trên;", "- Lưu: VT."], recipients_at=(1, 3), expected="Võ Thành Nhân"),
    # more recipients than the block has rows: the name stands seven rows under the position
    Case("recipients_longer_than_the_signature_block", "right",
         ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "", "", "", "", "Bùi Quang Vĩnh"],
         ["Nơi nhận:", "- Sở Nội vụ;", "- Ban Thi đua - Khen thưởng;", "- TT Huyện ủy;", "- TT HĐND huyện;",
          "- Các phòng chuyên môn;", "- Lưu: VT, NV."], expected="Bùi Quang Vĩnh"),
    # the name's cell merged wider than the position's (from the column before it)
    Case("name_merged_wider_than_the_position", "right",
         ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "", "", "Lê Thị Ngọc Trâm"],
         ["Nơi nhận:", "- Như trên;", "- Lưu: VT, KHTC."], name_merge=(4, 8), expected="Lê Thị Ngọc Trâm"),
    # the blank rows for the signature one cell merged over them, the name in the row after it
    # the preparer of the sheet signs too, in the first column, on the signer's rows: not the signer
    Case("preparer_signing_in_the_first_column_beside_the_signer", "right",
         ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "", "", "Lê Thị Hồng Hạnh"],
         ["NGƯỜI LẬP BIỂU", "", "", "", "Trần Văn Lập"], recipients_at=(1, 3), expected="Lê Thị Hồng Hạnh"),
    Case("signature_space_one_merged_cell", "right",
         ["Q. CHÁNH VĂN PHÒNG", "", "", "", "Đặng Minh Trí"],
         ["Nơi nhận:", "- Khối thi đua;", "- Lưu: VT."], tall_blank=True, expected="Đặng Minh Trí"),
]

HEAD = [("UBND TỈNH GIA LAI", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        ("THANH TRA TỈNH", "Độc lập - Tự do - Hạnh phúc"),
        ("Số: 512/BC-TTr", "Gia Lai, ngày 11 tháng 12 năm 2024")]
BODY = ["BÁO CÁO TỰ ĐÁNH GIÁ KẾT QUẢ CÔNG TÁC NĂM 2024",
        "Thực hiện Kế hoạch số 03/KH-TTr ngày 08/01/2024, Thanh tra tỉnh tự đánh giá kết quả năm 2024.",
        "Đơn vị đã hoàn thành các nhiệm vụ được giao."]
# the sheet's columns A..H: the head's left-hand blocks over A:C, the right-hand ones over E:H; a
# signature block on the left over A:C, on the right over E:H
LEFT, RIGHT = (1, 3), (5, 8)
EXPECTED_HEAD = ("512/BC-TTr", "Thanh tra tỉnh", "2024-12-11")


def write(case: Case, path) -> None:
    import openpyxl
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Báo cáo"

    def put(row: int, cols: tuple[int, int], text: str) -> None:
        sheet.cell(row, cols[0], text)
        sheet.merge_cells(start_row=row, start_column=cols[0], end_row=row, end_column=cols[1])
    for k, (left, right) in enumerate(HEAD, start=1):
        put(k, LEFT, left)
        put(k, RIGHT, right)
    for k, para in enumerate(BODY, start=len(HEAD) + 2):
        put(k, (1, 8), para)
    foot = len(HEAD) + len(BODY) + 3
    sig_cols, rec_cols = (RIGHT if case.side == "right" else LEFT), case.recipients_at
    for k, text in enumerate(case.recipients):
        put(foot + k, rec_cols, text)
    last = len(case.signature) - 1
    for k, text in enumerate(case.signature):
        if k == last:
            put(foot + k, case.name_merge or sig_cols, text)
        elif text:
            put(foot + k, sig_cols, text)
    if case.tall_blank:
        blank = [k for k, text in enumerate(case.signature) if not text]
        sheet.merge_cells(start_row=foot + blank[0], start_column=sig_cols[0], end_row=foot + blank[-1],
                          end_column=sig_cols[1])
    book.save(str(path))
