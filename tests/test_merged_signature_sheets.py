"""A report laid out in a workbook's cells, its signature block at the foot in merged cells
(tests/merged_signature_sheets.py): on the right or the left, 'KT.'/'TM.' lines, blank rows for the
signature (or one cell merged over them), the name in the block's last row, maybe merged wider; the
recipients in their own columns beside it, on as many rows as they need. The signer is the name
down the block's own columns, whatever the recipients' cells hold."""
import pytest

import merged_signature_sheets as fixture
from conftest import extract_file


@pytest.mark.parametrize("case", fixture.CASES, ids=[c.name for c in fixture.CASES])
def test_signer_down_a_signature_block_in_merged_cells(case, tmp_path):
    path = tmp_path / f"{case.name}.xlsx"
    fixture.write(case, path)
    doc = extract_file(path)
    md = doc.metadata
    assert (md.report_number, md.issuer, md.issued_on) == fixture.EXPECTED_HEAD
    assert md.signer == case.expected
    assert doc.model.text[slice(*md.spans["signer"])] == case.expected


def test_a_merged_cell_keeps_the_columns_it_covers(tmp_path):
    """The reader: a sheet's narrative cell knows the layout's columns it covers (A..H, from A)."""
    case = next(c for c in fixture.CASES if c.name == "name_merged_wider_than_the_position")
    path = tmp_path / "merged.xlsx"
    fixture.write(case, path)
    blocks = {b.text: (b.column, b.columns) for b in extract_file(path).model.blocks}
    assert blocks["KT. GIÁM ĐỐC"] == (4, 4)
    assert blocks["Lê Thị Ngọc Trâm"] == (3, 5)
    assert blocks["Nơi nhận:"] == (1, 2)
