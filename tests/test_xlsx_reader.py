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
