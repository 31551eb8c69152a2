"""The class a unit proposes, read from one line of a score sheet's cell of several lines when the
text names none: the sheet's cells are cut into lines only when they hold a class cue's word
(pipeline/extract._cell_lines), and a cell's later line must still be found at its place."""
import docx

from conftest import extract_file, scores_of


def _report(tmp_path, note: list[str]):
    document = docx.Document()
    for line in ("UBND HUYỆN ĐĂK GLEI", "Số: 97/BC-UBND", "BÁO CÁO", "Tự đánh giá công tác dân vận chính quyền năm 2024"):
        document.add_paragraph(line)
    rows = [("TT", "Tiêu chí", "Điểm chuẩn", "Tự chấm", "Ghi chú"),
            ("", "TỔNG ĐIỂM", "20", "19", None),
            ("1", "Công tác triển khai, quán triệt các văn bản lãnh đạo, chỉ đạo, hướng dẫn về công tác dân vận "
                  "của chính quyền", "10", "10", ""),
            ("2", "Thực hiện nhiệm vụ chính trị", "10", "9", "")]
    table = document.add_table(rows=len(rows), cols=5)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            cell = table.cell(r, c)
            if value is not None:
                cell.text = value
                continue
            cell.text = note[0]
            for line in note[1:]:
                cell.add_paragraph(line)
    path = tmp_path / "class_on_a_later_line_of_a_note.docx"
    document.save(path)
    return extract_file(path)


def test_the_class_on_the_second_line_of_the_totals_note(tmp_path):
    doc = _report(tmp_path, ["Đơn vị đã hoàn thành các chỉ tiêu", "Đề nghị xếp loại: Hoàn thành xuất sắc nhiệm vụ"])
    assert scores_of(doc)["dvcq"][:2] == (20, 19)
    assert doc.metadata.classification == "xuat_sac"
    start, end = doc.metadata.spans["classification"]
    assert doc.model.text[start:end].startswith("Hoàn thành xuất sắc nhiệm vụ")


def test_a_note_without_a_class_word_proposes_nothing(tmp_path):
    doc = _report(tmp_path, ["Đơn vị đã hoàn thành các chỉ tiêu", "Hoàn thành xuất sắc nhiệm vụ"])
    assert doc.metadata.classification is None
