"""A sheet whose numbering column is headed by a marker word of no column role ('Mục' over 'TC2',
'2.1', …) and whose labels are the unit's own short wording: the column was not taken for the
numbering, the labels alone matched no framework, and the rows went to a provisional framework of
the sheet's own ('sheet:…'). A column left of the label column holding only numbering numbers the
items, as one headed 'TT' does."""
from conftest import extract_file, scores_of

ROWS = [("TC2", "Nhiệm vụ chính trị của đơn vị", 10, 9), ("2.1", "Văn bản về nhiệm vụ chính trị", 4, 4),
        ("2.2", "Phòng, chống tham nhũng, lãng phí", 3, 2), ("2.3", "Sửa đổi quy trình giải quyết việc", 3, 3),
        ("TC9", "Tiếp dân và đối thoại", 10, 8), ("9.1", "Nơi tiếp, lịch tiếp dân", 5, 4),
        ("9.2", "Người đứng đầu đối thoại", 5, 4)]


def test_numbering_under_a_marker_word_header_numbers_the_items(tmp_path):
    cells = "".join(f"<tr><td>{n}</td><td>{label}</td><td>{mx}</td><td>{sf}</td></tr>" for n, label, mx, sf in ROWS)
    path = tmp_path / "sheet.html"
    path.write_text("<html><body><p>BẢNG TỰ CHẤM ĐIỂM CÔNG TÁC DÂN VẬN CHÍNH QUYỀN</p><table>"
                    "<tr><td>Mục</td><td>Tiêu chí / nội dung</td><td>Tối đa</td><td>Tự chấm</td></tr>"
                    f"{cells}</table></body></html>", encoding="utf-8")
    doc = extract_file(path)
    assert doc.framework == "dvcq"
    assert scores_of(doc) == {
        "dvcq.tc2": (10, 9, None, None, None), "dvcq.tc2.nd1": (4, 4, None, None, None),
        "dvcq.tc2.nd2": (3, 2, None, None, None), "dvcq.tc2.nd3": (3, 3, None, None, None),
        "dvcq.tc9": (10, 8, None, None, None), "dvcq.tc9.nd1": (5, 4, None, None, None),
        "dvcq.tc9.nd2": (5, 4, None, None, None)}
