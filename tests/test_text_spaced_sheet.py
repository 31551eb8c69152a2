"""A plain-text sheet whose columns are aligned by spaces (issue 20): a header of two lines whose
words are cut between them ('Mức' over 'điểm'), rules above and below the body, labels wrapped
onto indented lines with no numbering, an evidence column that some rows leave empty and an
authority column that all leave empty. It was read as several tables of three rows, none with a
header, and the evidence stood in the self score's cell."""
from __future__ import annotations

import pytest

from chamdiem.readers.text import parse_text
from conftest import extract_file, findings_of, scores_of
from legacy_text import cp1258

N = None

# where each column's text starts; numbers end where their column's header words end
_TT, _LABEL, _MAX_END, _SELF_END, _AUTH, _EVIDENCE = 0, 6, 56, 64, 68, 76


def _line(tt: str = "", label: str = "", top: str = "", self_: str = "", evidence: str = "") -> str:
    line = tt.ljust(_LABEL) + label
    if top:
        line = line.ljust(_MAX_END - len(top)) + top
    if self_:
        line = line.ljust(_SELF_END - len(self_)) + self_
    if evidence:
        line = line.ljust(_EVIDENCE) + evidence
    return line.rstrip()


RULE = "-" * 100
SHEET = [
    "STT".ljust(_LABEL) + "Nội dung đánh giá".ljust(52 - _LABEL) + "Mức".ljust(9) + "Tự".ljust(7)
    + "Thẩm".ljust(_EVIDENCE - _AUTH) + "Minh chứng",
    " " * 52 + "điểm".ljust(8) + "chấm".ljust(8) + "định",
    RULE,
    _line("I", "Tiêu chí 1: Triển khai, quán triệt các văn bản", "10", "9,5"),
    _line("", "chỉ đạo về công tác dân vận của chính quyền"),
    _line("1", "Nội dung 1: Quán triệt Kết luận của Ban Bí thư", "3", "3", "Kế hoạch số 12/KH-UBND ngày 05/02/2024"),
    _line("2", "Nội dung 2: Thực hiện Quy chế công tác dân vận", "3", "2,5"),
    _line("", "Quyết định của Ban Thường vụ Tỉnh ủy"),
    _line("3", "Nội dung 3: Kế hoạch năm, phân công phụ trách", "4", "4", "Quyết định số 77/QĐ-UBND"),
    _line("", "và kiểm tra công tác dân vận", evidence="ngày 20/3/2024"),
    _line("II", "Tiêu chí 2: Thực hiện nhiệm vụ chính trị", "10", "9"),
    _line("1", "Nội dung 1: Văn bản về nhiệm vụ chính trị", "4", "4"),
    _line("2", "Nội dung 2: Phòng, chống tham nhũng, lãng phí", "3", "3", "Báo cáo năm"),
    _line("3", "Nội dung 3: Quy trình giải quyết công việc", "3", "2", "Còn 02 hồ sơ trễ hẹn"),
    RULE,
    _line("", "TỔNG CỘNG", "20", "18,5"),
]
REPORT = ["ỦY BAN NHÂN DÂN", "XÃ TỊNH HÒA", "Số: 45/BC-UBND", "", "BÁO CÁO",
          "Tự chấm điểm công tác dân vận chính quyền năm 2024", "", "BẢNG CHẤM ĐIỂM", ""] + SHEET + [""]


def _write(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("encoding", ["utf-8", "cp1258-crlf"])
def test_a_space_aligned_sheet_with_a_two_line_header_and_wrapped_labels_is_read_whole(tmp_path, encoding):
    text = "\n".join(REPORT)
    data = text.encode("utf-8") if encoding == "utf-8" else cp1258(text.replace("\n", "\r\n"))
    doc = extract_file(_write(tmp_path, f"space_aligned_two_line_header_{encoding}.txt", data))
    assert doc.framework == "dvcq"
    assert scores_of(doc) == {
        "dvcq": (20, 18.5, N, N, N),
        "dvcq.tc1": (10, 9.5, N, N, N), "dvcq.tc1.nd1": (3, 3, N, N, N), "dvcq.tc1.nd2": (3, 2.5, N, N, N),
        "dvcq.tc1.nd3": (4, 4, N, N, N),
        "dvcq.tc2": (10, 9, N, N, N), "dvcq.tc2.nd1": (4, 4, N, N, N), "dvcq.tc2.nd2": (3, 3, N, N, N),
        "dvcq.tc2.nd3": (3, 2, N, N, N)}
    assert findings_of(doc) == []


def test_space_aligned_cells_keep_their_spans_across_wrapped_lines():
    text = "\r\n".join(SHEET) + "\r\n"
    doc = parse_text(text)
    assert len(doc.tables) == 1
    rows = doc.tables[0].rows
    assert len(rows) == 10   # the header's two lines are one row, the rules none, a wrapped label its row's
    header = {c.col: c.text for c in rows[0].cells}
    assert header == {0: "STT", 1: "Nội dung đánh giá", 2: "Mức\nđiểm", 3: "Tự\nchấm", 4: "Thẩm\nđịnh",
                      5: "Minh chứng"}
    cells = {c.col: c.text for c in rows[1].cells}
    assert cells == {0: "I", 1: "Tiêu chí 1: Triển khai, quán triệt các văn bản\n"
                                "chỉ đạo về công tác dân vận của chính quyền", 2: "10", 3: "9,5"}
    # an upper-case continuation and evidence going on under its row
    assert rows[3].cells[1].text.endswith("\nQuyết định của Ban Thường vụ Tỉnh ủy")
    assert {c.col: c.text for c in rows[4].cells}[5] == "Quyết định số 77/QĐ-UBND\nngày 20/3/2024"
    # a row whose first line has no evidence: the evidence of the rows below is not in its self score
    assert {c.col: c.text for c in rows[9].cells} == {1: "TỔNG CỘNG", 2: "20", 3: "18,5"}
    assert {c.col: c.text for c in rows[8].cells} == {0: "3", 1: "Nội dung 3: Quy trình giải quyết công việc",
                                                        2: "3", 3: "2", 5: "Còn 02 hồ sơ trễ hẹn"}
    for row in rows:
        assert text[row.start:row.end].strip() and "\n" not in text[row.end - 1:row.end]
        for cell in row.cells:
            for k, ch in enumerate(cell.text):
                start, end = cell.view.raw_span(k, k + 1)
                # a letter maps to itself; the line end joining two lines to the text between them
                assert text[start:end] == ch if ch != "\n" else "\r\n" in text[start:end], (cell.text, k)
