"""A DOCX holding tracked changes reads as Word shows it with every change accepted: inserted and
moved-to text in, deleted and moved-from text out, a deleted table row gone, a paragraph whose mark
was deleted one with the next; v_documents says the file held unaccepted changes."""
from conftest import FIXTURES, extract_file, findings_of, query, scores_of
from renditions import write_docx
from revisions import accepted, write_docx_with_revisions

from chamdiem.interfaces.cli import main

SOURCE = FIXTURES / "tsv_sheet_short_rows_and_html_cells.txt"


def _marked() -> str:
    """The fixture with changes in its narrative and in score cells: a self score rewritten, a
    word deleted, a sentence moved from one paragraph to another."""
    lines = SOURCE.read_text("utf-8").split("\n")
    out = []
    for line in lines:
        if line.startswith("Thực hiện Công văn số 2010/SNV-XDCQ"):
            line = line.replace("Sở Tư pháp tự đánh giá", "Sở Tư pháp {-không -}tự đánh giá")
            line = line.replace("kết quả đạt", "{<Tự chấm 5/30 điểm. <}kết quả {-chưa -}đạt")
        elif line.startswith("Kính gửi"):
            line += "{> Tự chấm 5/30 điểm.>}"
        elif line.startswith("Nội dung 2\tThực hiện niêm yết công khai"):
            cells = line.split("\t")
            cells[3] = "{-3-}{+" + cells[3] + "+}"
            cells[2] = "{+" + cells[2] + "+}"
            line = "\t".join(cells)
        out.append(line)
    return "\n".join(out)


DELETED_ROW = ["Nội dung 9", "Một nội dung đã xóa khỏi bảng", "90", "90", "", ""]


def _pair(tmp_path):
    marked = _marked()
    with_changes = tmp_path / "tracked_changes_unaccepted.docx"
    twin = tmp_path / "tracked_changes_accepted_twin.docx"
    write_docx_with_revisions(marked, with_changes, deleted_row=DELETED_ROW,
                              deleted_mark_after="chấm điểm công tác")
    write_docx(accepted(marked), twin)
    return extract_file(with_changes), extract_file(twin)


def test_tracked_changes_read_as_accepted(tmp_path):
    got, twin = _pair(tmp_path)
    assert got.model.text == twin.model.text
    assert scores_of(got) == scores_of(twin)
    assert findings_of(got) == findings_of(twin)
    assert got.metadata == twin.metadata
    assert "không tự đánh giá" not in got.model.text and "chưa" not in got.model.text
    assert got.model.text.count("Tự chấm 5/30 điểm.") == 1
    assert "Nội dung 9" not in got.model.text
    assert "Tự đánh giá, chấm điểm công tác dân vận chính quyền năm 2023\n" in got.model.text
    assert (got.model.unaccepted_changes, twin.model.unaccepted_changes) == (True, False)


def test_a_rewritten_score_reads_as_the_value_kept(tmp_path):
    got, _ = _pair(tmp_path)
    straight = extract_file(SOURCE)
    assert scores_of(got) == scores_of(straight)
    for o in got.observations:
        for v in o.values.values():
            assert got.model.text[v.start:v.end] == v.raw


def test_v_documents_says_the_file_held_unaccepted_changes(tmp_path, db):
    marked = _marked()
    folder = tmp_path / "in"
    folder.mkdir()
    write_docx_with_revisions(marked, folder / "tracked_changes_unaccepted.docx")
    assert main(["ingest", str(folder), "--db", db, "--quiet"]) == 0
    plain = tmp_path / "plain"
    plain.mkdir()
    write_docx(SOURCE.read_text("utf-8").replace("Sở Tư pháp", "Sở Tài chính"), plain / "no_changes.docx")
    assert main(["ingest", str(plain), "--db", db, "--quiet"]) == 0
    rows = query(db, "SELECT file_name, unaccepted_changes FROM v_documents ORDER BY file_name")
    assert [(r["file_name"], r["unaccepted_changes"]) for r in rows] == [
        ("no_changes.docx", 0), ("tracked_changes_unaccepted.docx", 1)]
