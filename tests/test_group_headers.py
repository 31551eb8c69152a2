"""Two-row headers: a sub-column keeps the role its group gives it ('Điểm thưởng' under 'Đơn vị tự
chấm' is the unit's bonus, 'Tự chấm' under 'Điểm thưởng' too, 'Điểm đạt' under 'Kết quả thẩm định'
the authority's score; 'Điểm thưởng' under the authority's group the authority's bonus), in every
format the sheets are written in by tests/group_headers.py."""
import os

import pytest

from conftest import extract_file, findings_of, scores_of
from group_headers import EXPECTED, EXPECTED_BONUS_AUTHORITY, FORMATS, LAYOUTS, write
from renditions import FONT_DIR


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_sub_columns_take_their_group_role(layout, fmt, tmp_path):
    if fmt == "pdf" and not os.path.exists(f"{FONT_DIR}/DejaVuSans.ttf"):
        pytest.skip(f"the DejaVu font is not installed in {FONT_DIR} (Debian: fonts-dejavu-core)")
    path = tmp_path / f"group_header_{layout}.{fmt}"
    write(fmt, layout, path)
    doc = extract_file(path)
    assert doc.framework == "dvcq"
    assert scores_of(doc) == EXPECTED
    assert {s.criterion_id: s.values["bonus_authority"] for s in doc.scores} == EXPECTED_BONUS_AUTHORITY
    assert findings_of(doc) == []
    for o in doc.observations:
        for v in o.values.values():
            assert doc.model.text[v.start:v.end] == v.raw


def test_v_scores_gives_the_authority_bonus(tmp_path, db):
    from chamdiem.interfaces.cli import main
    from conftest import query
    folder = tmp_path / "in"
    folder.mkdir()
    write("docx", "unit_and_authority_groups", folder / "group_header_unit_and_authority.docx")
    assert main(["ingest", str(folder), "--db", db, "--quiet"]) == 0
    rows = query(db, "SELECT criterion_id, bonus_self, bonus_authority FROM v_scores WHERE bonus_authority IS NOT NULL "
                     "ORDER BY criterion_id")
    assert [(r["criterion_id"], r["bonus_self"], r["bonus_authority"]) for r in rows] == [
        ("dvcq", 3, 2), ("dvcq.tc2", 1, 0.5), ("dvcq.tc2.nd1", 1, 0.5), ("dvcq.tc6", 2, 1.5), ("dvcq.tc6.nd2", 2, 1.5)]


@pytest.mark.parametrize("header,role", [("Điểm thưởng", "bonus_max"), ("ĐIỂM THƯỞNG", "bonus_max"),
                                         ("Diem thuong", "bonus_max"), ("Điểm thưởng tự chấm", "bonus_self"),
                                         ("TM. BAN THƯỜNG TRỰC", None), ("Nhiệm vụ thường xuyên", None)])
def test_thuong_is_a_bonus_only_when_written_so(header, role):
    """'thưởng' and 'thường' fold alike: written with the other accents, it is no bonus."""
    from chamdiem.lexicon.columns import column_role
    assert column_role(header) == role


def test_the_longest_phrase_a_header_holds_gives_its_role():
    # 'Tiêu chuẩn' names the items ('tieu chuan'), though 'chuẩn' alone heads a maximum
    from chamdiem.lexicon.columns import column_role
    assert column_role("Tiêu chuẩn") == "label"
    assert column_role("Chuẩn") == "max_points"
    assert column_role("Điểm chuẩn") == "max_points"
    assert column_role("Mã") == "number" and column_role("Má") is None
