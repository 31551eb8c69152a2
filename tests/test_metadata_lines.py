"""Metadata lines as exports leave them: the year of a place and date wrapped onto the line of
'Số:' (a PDF's columns side by side) is not part of the report's number, and a place and date in
Markdown's emphasis is read."""
from conftest import extract_file

BODY = "\nBÁO CÁO\nKết quả tự chấm điểm thi đua\nTổng số điểm tự chấm: 930/950 điểm.\n"


def test_year_wrapped_beside_the_number_is_the_dates(tmp_path):
    path = tmp_path / "year_wrapped_beside_report_number.txt"
    path.write_text("VĂN PHÒNG ĐOÀN ĐBQH\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                    "VÀ HĐND TỈNH\tĐộc lập - Tự do - Hạnh phúc\n"
                    "\tKon Tum, ngày 12 tháng 12 năm\n"
                    "Số: 604/BC-VP 2022\n" + BODY, "utf-8")
    md = extract_file(path).metadata
    assert md.report_number == "604/BC-VP"


def test_place_and_date_in_markdown_emphasis(tmp_path):
    path = tmp_path / "place_and_date_in_emphasis.md"
    path.write_text("**SỞ NGOẠI VỤ**  \nSố: 1184/BC-SNgV\n\n**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**\n\n"
                    "_Gia Lai, ngày 10 tháng 12 năm 2024_\n" + BODY, "utf-8")
    md = extract_file(path).metadata
    assert (md.report_number, md.issued_on) == ("1184/BC-SNgV", "2024-12-10")


def test_signer_after_a_title_in_any_case(tmp_path):
    """'Bs.CKII Trương Công Định': a doctor's titles, joined and in mixed case, before the name."""
    path = tmp_path / "signer_after_mixed_case_titles.txt"
    path.write_text("TRUNG TÂM Y TẾ HUYỆN TIÊN PHƯỚC\nSố: 95/BC-TTYT\n" + BODY +
                    "\nNơi nhận:\n- Sở Y tế;\n- Lưu: VT.\n\nGIÁM ĐỐC\n\n\nBs.CKII Trương Công Định\n", "utf-8")
    assert extract_file(path).metadata.signer == "Trương Công Định"
