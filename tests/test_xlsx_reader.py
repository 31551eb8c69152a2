"""XLSX score sheets (openpyxl): the score sheet among several, merged header and number cells,
numbers stored as text, cached formula values, and provenance as sheet and cell."""
import pytest

from conftest import SHARED, extract_file, findings_of, query, scores_of, seed_renditions_meet_gold
from make_sheets import EXPECTED, write_xlsx
from chamdiem.interfaces.cli import main


def test_xlsx_score_sheet_among_several_with_merges_text_numbers_and_formulas(tmp_path):
    path = tmp_path / "score_sheet_with_cover.xlsx"
    write_xlsx(path)
    doc = extract_file(path)
    assert doc.model.format == "xlsx" and doc.framework == "dvcq"
    assert scores_of(doc) == EXPECTED
    assert findings_of(doc) == []
    assert doc.metadata.assessment_year == 2024


def test_xlsx_longer_sheet_of_maximum_points_is_not_the_score_sheet(tmp_path):
    path = tmp_path / "with_instructions.xlsx"
    write_xlsx(path, instructions=True)
    doc = extract_file(path)
    assert scores_of(doc) == EXPECTED
    assert len(doc.model.tables) == 1


def test_xlsx_values_carry_their_sheet_and_cell(tmp_path):
    path = tmp_path / "cells.xlsx"
    write_xlsx(path)
    doc = extract_file(path)
    nd2 = next(o for o in doc.observations if o.criterion_id == "dvcq.tc6.nd2")
    assert nd2.values["authority_score"].cell_ref == "'Chấm điểm'!E11"
    assert nd2.values["authority_score"].raw == "2,5" and nd2.values["authority_score"].value == 2.5
    assert doc.model.text[nd2.values["authority_score"].start:nd2.values["authority_score"].end] == "2,5"
    assert nd2.values["self_score"].raw == "2.5" and nd2.values["self_score"].cell_ref == "'Chấm điểm'!D11"
    tc2 = next(o for o in doc.observations if o.criterion_id == "dvcq.tc2")
    assert tc2.values["self_score"].cell_ref == "'Chấm điểm'!D5" and tc2.values["self_score"].value == 9
    assert tc2.cell_ref == "'Chấm điểm'!A5:F5"


def test_xlsx_formula_without_cached_value_is_reported_not_guessed(tmp_path):
    path = tmp_path / "uncached.xlsx"
    write_xlsx(path, cached=False)
    doc = extract_file(path)
    got = scores_of(doc)
    assert got["dvcq.tc2"][1] is None and got["dvcq.tc2.nd1"] == EXPECTED["dvcq.tc2.nd1"]
    info = [f for f in doc.findings if f.kind == "text_in_score_column" and f.criterion_id == "dvcq.tc2"]
    assert len(info) == 1 and "=SUM(D6:D8)" in info[0].message


def test_cell_refs_reach_the_views(tmp_path):
    path = tmp_path / "in"
    path.mkdir()
    write_xlsx(path / "sheet.xlsx")
    db = str(tmp_path / "s.sqlite")
    main(["ingest", str(path), "--db", db, "--quiet"])
    obs = query(db, "SELECT cell_ref, value FROM v_observations WHERE criterion_id = ? AND field = ?",
                "dvcq.tc6.nd4", "authority_score")
    assert obs == [{"cell_ref": "'Chấm điểm'!E13", "value": 1.5}]
    sc = query(db, "SELECT cell_ref, self_score FROM v_scores WHERE criterion_id = ?", "dvcq.tc6")
    assert sc == [{"cell_ref": "'Chấm điểm'!A9:F9", "self_score": 9.5}]
    txt = query(db, "SELECT format FROM v_documents")
    assert txt == [{"format": "xlsx"}]


@pytest.mark.skipif(not (SHARED / "gold").is_dir(), reason="../shared (seeds and gold) not present")
def test_seed_renditions_as_xlsx_meet_the_gold(tmp_path):
    from renditions import write_xlsx as write_seed_xlsx
    status, out = seed_renditions_meet_gold(tmp_path, "xlsx", write_seed_xlsx)
    assert status == 0, out


def test_xlsx_narrative_cells_keep_their_layout_column(tmp_path):
    """A signer in column E on rows of its own stands right of 'Nơi nhận:' in column A: the
    narrative lines keep the column they stand in, counted from the narrative's first column."""
    import openpyxl
    book = openpyxl.Workbook()
    sheet = book.active
    for ref, text in {"B1": "BÁO CÁO", "B3": "Nơi nhận:", "F3": "GIÁM ĐỐC", "B4": "- Lưu: VT.",
                      "F6": "Nguyễn Thị Hoa"}.items():
        sheet[ref] = text
    path = tmp_path / "signer_alone_in_column_f.xlsx"
    book.save(str(path))
    doc = extract_file(path)
    assert [(b.text, b.column) for b in doc.model.blocks] == [
        ("BÁO CÁO", 0), ("Nơi nhận:", 0), ("GIÁM ĐỐC", 4), ("- Lưu: VT.", 0), ("Nguyễn Thị Hoa", 4)]
    assert doc.metadata.signer == "Nguyễn Thị Hoa"


def _write_wide_sheet(path):
    """A sheet with the items as columns: 'Tiêu chí n' merged over its contents 'ND1', 'ND2', … and
    its own column (the lowest header cell empty), a total merged down both header rows; the score
    kinds as rows named in column A ('Thang điểm', 'Tự chấm', 'Thẩm định' left empty)."""
    import openpyxl
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Bang diem"
    sheet["A1"] = "ỦY BAN NHÂN DÂN PHƯỜNG AN HÒA"
    sheet["A2"] = "BÁO CÁO kết quả tự chấm điểm công tác dân vận chính quyền năm 2025"
    for ref, text in {"A4": "Tiêu chí", "A5": "Nội dung", "A6": "Thang điểm", "A7": "Tự chấm",
                      "A8": "Thẩm định"}.items():
        sheet[ref] = text
    groups = [("Tiêu chí 1", [("ND1", 3, 2), ("ND2", 3, 3), ("ND3", 4, 4)], (10, 9)),
              ("Tiêu chí 2", [("ND1", 4, 3.5), ("ND2", 3, 3), ("ND3", 3, 2)], (10, 8.5))]
    col = 2
    for name, contents, own in groups:
        sheet.cell(4, col, name)
        sheet.merge_cells(start_row=4, start_column=col, end_row=4, end_column=col + len(contents))
        for k, (number, most, given) in enumerate(contents):
            sheet.cell(5, col + k, number), sheet.cell(6, col + k, most), sheet.cell(7, col + k, given)
        col += len(contents)
        sheet.cell(6, col, own[0]), sheet.cell(7, col, own[1])
        col += 1
    sheet.cell(4, col, "Tổng điểm")
    sheet.merge_cells(start_row=4, start_column=col, end_row=5, end_column=col)
    sheet.cell(6, col, 20), sheet.cell(7, col, 17.5)
    sheet["A10"], sheet["F10"], sheet["F13"] = "Nơi nhận:", "CHỦ TỊCH", "Trần Văn Bình"
    book.save(str(path))


def test_wide_xlsx_sheet_with_items_as_columns_is_read_transposed(tmp_path):
    """Issue 20: a sheet whose items are columns and whose score kinds are rows read no score (the
    item names over their numbers were taken for unnamed score columns of one header row)."""
    path = tmp_path / "items_as_columns.xlsx"
    _write_wide_sheet(path)
    doc = extract_file(path)
    assert doc.framework == "dvcq"
    assert scores_of(doc) == {
        "dvcq": (20, 17.5, None, None, None),
        "dvcq.tc1": (10, 9, None, None, None), "dvcq.tc1.nd1": (3, 2, None, None, None),
        "dvcq.tc1.nd2": (3, 3, None, None, None), "dvcq.tc1.nd3": (4, 4, None, None, None),
        "dvcq.tc2": (10, 8.5, None, None, None), "dvcq.tc2.nd1": (4, 3.5, None, None, None),
        "dvcq.tc2.nd2": (3, 3, None, None, None), "dvcq.tc2.nd3": (3, 2, None, None, None)}
    nd1 = next(o for o in doc.observations if o.criterion_id == "dvcq.tc2.nd1")
    self_score = nd1.values["self_score"]
    assert self_score.cell_ref == "'Bang diem'!F7" and doc.model.text[self_score.start:self_score.end] == "3.5"
    tc2 = next(o for o in doc.observations if o.criterion_id == "dvcq.tc2")
    assert tc2.values["max_points"].cell_ref == "'Bang diem'!I6"
    assert doc.metadata.signer == "Trần Văn Bình"
