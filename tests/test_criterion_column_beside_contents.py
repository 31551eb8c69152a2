"""A score sheet whose criterion and contents stand in separate columns ('Tiêu chí' merged over the
'Nội dung k' rows of its contents, or written again in each of them; with or without a TT column),
each criterion closed by a 'Cộng' row or not: every content is read inside its criterion, and the
closing row is the criterion's own score, so the sheet is the framework's (not a provisional sheet
with 'Nội dung 1' again under each criterion). Sheets are written by tests/criterion_column_sheets.py."""
import pytest

from conftest import extract_file, findings_of, scores_of
from criterion_column_sheets import (EXPECTED, EXPECTED_CONTENTS, FINDINGS, PROVISIONAL, UNKNOWN_CRITERIA,
                                    UNKNOWN_TITLE, Layout, write)
from chamdiem.lexicon.numbering import closed_item

CLOSED_BY_A_ROW = {
    "merged_tt_cong_tieu_chi": Layout(),
    "merged_tt_cong_alone": Layout(closing="Cộng"),
    "merged_tt_contents_numbered_bare": Layout(content="{k}. {name}"),
    "no_tt_criterion_in_words": Layout(tt=False, criterion="Tiêu chí {c}: {name}"),
    "no_tt_criterion_dotted_cong_diem": Layout(tt=False, criterion="{c}. {name}", closing="Cộng điểm"),
    "no_tt_short_markers_one_row_header": Layout(tt=False, criterion="TC{c} - {name}", content="ND{k}. {name}",
                                                 closing="Tổng điểm TC {c}:", two_row_header=False),
    # not merged: the criterion's number and name written again in each of its contents' rows
    "repeated_tt_and_criterion": Layout(merged=False),
    "repeated_criterion_in_words_no_tt": Layout(merged=False, tt=False, criterion="Tiêu chí {c}. {name}"),
}


# the same sheets without the rows closing each criterion: only the contents are scored
NOT_CLOSED = {
    "merged_tt_no_closing_rows": Layout(closing=None),
    "no_tt_criterion_dotted_no_closing_rows": Layout(tt=False, criterion="{c}. {name}", closing=None,
                                                     two_row_header=False),
    "repeated_tt_and_criterion_no_closing_rows": Layout(merged=False, closing=None),
}


@pytest.mark.parametrize("name", sorted(NOT_CLOSED))
def test_contents_sit_under_the_merged_criterion_without_closing_rows(tmp_path, name):
    path = tmp_path / f"{name}.docx"
    write(path, NOT_CLOSED[name])
    doc = extract_file(path)
    assert doc.framework == "dvcq"
    assert scores_of(doc) == EXPECTED_CONTENTS
    assert findings_of(doc) == FINDINGS


@pytest.mark.parametrize("name", sorted(CLOSED_BY_A_ROW))
def test_closing_row_is_the_criterion_and_contents_sit_under_it(tmp_path, name):
    path = tmp_path / f"{name}.docx"
    write(path, CLOSED_BY_A_ROW[name])
    doc = extract_file(path)
    assert doc.framework == "dvcq"
    assert scores_of(doc) == EXPECTED
    assert findings_of(doc) == FINDINGS


def test_merged_criterion_cell_heads_its_group_and_the_closing_row_scores_it(tmp_path):
    path = tmp_path / "criterion_rows.docx"
    write(path, Layout())
    doc = extract_file(path)
    rows = [(o.marker, o.label, {k: v.value for k, v in o.values.items()})
            for o in doc.observations if o.criterion_id == "dvcq.tc6"]
    assert rows == [("6", "Thực hiện đạo đức công vụ, văn hóa công sở", {}),
                    ("Cộng tiêu chí 6", "Thực hiện đạo đức công vụ, văn hóa công sở",
                     {"max_points": 10.0, "self_score": 9.0})]


@pytest.mark.parametrize("name,layout", [("merged", Layout()), ("repeated", Layout(merged=False)),
                                         ("no_tt", Layout(tt=False, criterion="Tiêu chí {c}: {name}"))])
def test_unknown_framework_keeps_contents_under_their_criterion(tmp_path, name, layout):
    # a provisional framework read off the sheet: each criterion once, its contents inside it, its
    # closing row its own score (not 'Nội dung 1' again at the top level under a suffix)
    path = tmp_path / f"unknown_{name}.docx"
    write(path, layout, UNKNOWN_CRITERIA, UNKNOWN_TITLE)
    doc = extract_file(path)
    assert doc.framework == PROVISIONAL
    criterion = "tc" if name == "no_tt" else ""
    assert scores_of(doc) == {PROVISIONAL + k.replace("#", criterion): v for k, v in {
        "": (20, 17, None, None, None),
        ".#1": (10, 9, None, None, None), ".#1.nd1": (6, 5, None, None, None), ".#1.nd2": (4, 4, None, None, None),
        ".#2": (10, 8, None, None, None), ".#2.nd1": (5, 5, None, None, None), ".#2.nd2": (5, 3, None, None, None),
    }.items()}
    assert findings_of(doc) == [(None, "unknown_framework")]


@pytest.mark.parametrize("text,named", [
    ("Cộng tiêu chí 3", ("tieu chi", "3", "Cộng tiêu chí 3")),
    ("Tổng điểm TC 3:", ("tieu chi", "3", "Tổng điểm TC 3:")),
    ("Cộng (nội dung 2)", ("noi dung", "2", "Cộng (nội dung 2)")),
    ("Cộng điểm tiêu chí số 2 (ND1+ND2)", ("tieu chi", "2", "Cộng điểm tiêu chí số 2 ")),
    ("Cộng", None),
    ("Tổng cộng", None),
    ("Cộng I + II", None),
    ("Tổng cộng tiêu chí 1-10", None),
    ("Tổng điểm tiêu chí 1 đến tiêu chí 10", None),
    ("Cộng tiêu chí 1 và 2", None),
    ("Cộng tác viên 2", None),
])
def test_closed_item_names_one_item_only(text, named):
    marker = closed_item(text)
    assert (None if marker is None else (marker.word, marker.number, text[:marker.end])) == named
