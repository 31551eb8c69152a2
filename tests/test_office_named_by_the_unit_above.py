"""An office whose header line is its unit word alone ('VĂN PHÒNG') under the body it serves
('ĐOÀN ĐBQH VÀ HĐND TỈNH QUẢNG NGÃI'): the issuer is the office of that body, not 'Văn phòng'
(which names no unit an analyst can tell from another). A unit with a name of its own under its
parent stays itself ('SỞ TÀI CHÍNH' under 'UBND TỈNH QUẢNG NGÃI')."""
from conftest import extract_file

REPORT = """{parent}
{unit}

Số: 57/BC-VP

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Quảng Ngãi, ngày 05 tháng 12 năm 2025

BÁO CÁO
Tự chấm điểm công tác dân vận chính quyền năm 2025

Tiêu chí 1 tự chấm 10 điểm.
"""


def _issuer(tmp_path, parent, unit):
    path = tmp_path / "office_under_its_body.txt"
    path.write_text(REPORT.format(parent=parent, unit=unit), "utf-8")
    doc = extract_file(path)
    return doc.metadata.issuer, doc.model.text[slice(*doc.metadata.spans["issuer"])]


def test_an_office_alone_is_named_by_the_body_above(tmp_path):
    issuer, spanned = _issuer(tmp_path, "ĐOÀN ĐBQH VÀ HĐND TỈNH QUẢNG NGÃI", "VĂN PHÒNG")
    assert issuer == "Văn phòng Đoàn ĐBQH và HĐND tỉnh Quảng Ngãi"
    assert spanned == "ĐOÀN ĐBQH VÀ HĐND TỈNH QUẢNG NGÃI\nVĂN PHÒNG"   # both lines, as written


def test_a_unit_with_a_name_of_its_own_stays_itself(tmp_path):
    issuer, _ = _issuer(tmp_path, "UBND TỈNH QUẢNG NGÃI", "SỞ TÀI CHÍNH")
    assert issuer == "Sở Tài Chính"
