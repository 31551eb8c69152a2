"""Some units send the minutes of their emulation council ('BIÊN BẢN HỌP Hội đồng Thi đua - Khen
thưởng') instead of a report. The issuer block has the council under the unit: the unit that
submits is the one above it. The secretary signs on the left and the chair on the right: the
document's signer is on the right. The minutes list sub-items as bulleted numbers with a colon
('+ 2.1: 15/15 điểm.'): each line is the item its number and written maximum name."""
from conftest import extract_file, scores_of

MINUTES = """UBND TỈNH HÀ NAM
SỞ TÀI CHÍNH
HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG

Số: 03/BB-HĐTĐKT

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Phủ Lý, ngày 10 tháng 12 năm 2025

BIÊN BẢN HỌP
Hội đồng Thi đua - Khen thưởng Sở về tự chấm điểm thi đua năm 2025

Hội đồng biểu quyết thống nhất kết quả như sau:

1. Nội dung I – Thi đua thực hiện kế hoạch phát triển kinh tế - xã hội (650 điểm, thưởng tối đa 30 điểm): Hội đồng thống nhất tổng 640 điểm, điểm thưởng 25 điểm. Cụ thể:
   b) Mục 2 – Xây dựng, nâng cao năng lực lãnh đạo, quản lý (50 điểm): 48 điểm; điểm thưởng 2/2.
      + 2.1: 15/15 điểm.
      + 2.2: 9/10 điểm.
      + 2.3: 10/10 điểm.
      + 2.4: 14/15 điểm.

      THƯ KÝ                                          CHỦ TỊCH HỘI ĐỒNG
                                                       GIÁM ĐỐC SỞ

  Lê Thu Hằng                                          Vũ Đức Minh
"""


def test_council_minutes(tmp_path):
    path = tmp_path / "council_minutes_secretary_left_chair_right.txt"
    path.write_text(MINUTES, "utf-8")
    doc = extract_file(path)
    assert doc.metadata.issuer == "Sở Tài Chính"   # (its capitals written as the catalogs case words)
    assert doc.metadata.signer == "Vũ Đức Minh"
    got = scores_of(doc)
    assert {k: v[:2] for k, v in got.items() if k.startswith("tdkt-tmth.nd1.2.")} == {
        "tdkt-tmth.nd1.2.1": (15.0, 15.0), "tdkt-tmth.nd1.2.2": (10.0, 9.0),
        "tdkt-tmth.nd1.2.3": (10.0, 10.0), "tdkt-tmth.nd1.2.4": (15.0, 14.0)}
    line = [o for o in doc.observations if o.criterion_id == "tdkt-tmth.nd1.2.2"][0]
    assert line.label == "2.2: 9/10 điểm."
    assert doc.model.text.split("\n")[line.line - 1].strip() == "+ 2.2: 9/10 điểm."


def test_a_colon_after_a_time_is_no_numbering():
    from chamdiem.lexicon.numbering import parse_marker
    assert str(parse_marker("2.1: 15/15 điểm", lists=True)) == "2.1"
    assert parse_marker("14:00 họp Hội đồng", lists=True) is None
