"""A score sheet against a framework we were not told about is loaded with every row under a
provisional framework read off the sheet, its arithmetic checked on its own hierarchy; a framework
learned from it, checked, and added later moves its rows to canonical IDs."""
import pathlib
import shutil

from conftest import FIXTURES, extract_file, query
from chamdiem.interfaces.cli import main
from chamdiem.normalizers.framework_catalog import FRAMEWORKS_ENV

SHEET = pathlib.Path(__file__).parent / "sheets" / "sheet_of_unknown_framework.txt"
PROVISIONAL = "sheet:so-khoa-hoc-va-cong-nghe-2024"
# (sheet numbering path, max, self) of every row, as the sheet states them
ROWS = {"": (30, 29), ".I": (10, 9), ".I.1": (3, 3), ".I.1.1": (1, 1), ".I.1.2": (2, 2), ".I.2": (3, 2),
        ".I.3": (4, 4), ".II": (12, 11), ".II.1": (5, 5), ".II.2": (7, 7), ".III": (8, 9), ".III.1": (4, 4),
        ".III.2": (4, 5)}
ARITHMETIC = [(".II", "subtotal_mismatch"), (".III", "self_exceeds_max"), (".III.2", "self_exceeds_max")]


def rows_of(db):
    return {r["criterion_id"]: (r["max_points"], r["self_score"])
            for r in query(db, "SELECT criterion_id, max_points, self_score FROM v_scores")}


def findings_in(db):
    rows = query(db, "SELECT criterion_id, kind FROM v_findings WHERE severity != 'info'")
    return sorted(((r["criterion_id"], r["kind"]) for r in rows), key=str)


def test_sheet_of_unknown_framework_loads_every_row_under_a_provisional_framework(db):
    assert main(["ingest", str(SHEET), "--db", db, "--quiet"]) == 0
    (doc,) = query(db, "SELECT framework, framework_confidence, ocr FROM v_documents")
    assert doc["framework"] == PROVISIONAL
    assert doc["framework_confidence"] < 0.5 and doc["ocr"] == 0
    assert rows_of(db) == {PROVISIONAL + k: v for k, v in ROWS.items()}
    assert findings_in(db) == sorted([(None, "unknown_framework")] +
                                     [(PROVISIONAL + k, kind) for k, kind in ARITHMETIC], key=str)
    (msg,) = [r["message"] for r in query(db, "SELECT message FROM v_findings WHERE kind = 'unknown_framework'")]
    assert "tdkt-tmth" in msg and "framework learn" in msg
    (exceeds,) = [r["message"] for r in query(db, "SELECT message FROM v_findings WHERE criterion_id = ?",
                                                 PROVISIONAL + ".III.2")]
    # the provisional framework has no level names: its items are named by the sheet's own numbering
    assert exceeds.startswith("Điểm tự chấm 5 vượt thang điểm 4 (Mục III – Mục 2; bảng điểm, dòng 21) · ")


def test_sheet_of_known_framework_keeps_it_with_full_confidence():
    doc = extract_file(FIXTURES / "tsv_sheet_short_rows_and_html_cells.txt")
    assert doc.framework == "dvcq" and doc.framework_confidence == 1.0
    assert not [f for f in doc.findings if f.kind == "unknown_framework"]


def test_learn_check_and_remap_give_canonical_rows(db, tmp_path, capsys):
    assert main(["ingest", str(SHEET), "--db", db, "--quiet"]) == 0
    folder = tmp_path / "frameworks"
    folder.mkdir()
    toml = folder / "cchc-skhcn.toml"
    assert main(["framework", "learn", str(SHEET), "--id", "cchc-skhcn", "--title", "Chỉ số CCHC",
                 "--out", str(toml)]) == 0
    text = toml.read_text("utf-8")
    assert 'id = "cchc-skhcn.I.1.2"\nnumber = "1.2"\ntext = "Xác định đầy đủ nhiệm vụ' in text
    assert "[classification]\nxuat_sac = 27\ntot = 21\nhoan_thanh = 15\nkhong_hoan_thanh = 0\n" in text
    assert main(["framework", "check", str(toml)]) == 0
    capsys.readouterr()
    assert main(["remap", "--db", db, "--frameworks", str(folder)]) == 0
    assert "sheet_of_unknown_framework.txt -> cchc-skhcn" in capsys.readouterr().out
    (doc,) = query(db, "SELECT document_id, framework, framework_confidence FROM v_documents")
    assert doc["framework"] == "cchc-skhcn" and doc["framework_confidence"] == 1.0
    assert rows_of(db) == {"cchc-skhcn" + k: v for k, v in ROWS.items()}
    assert findings_in(db) == sorted([("cchc-skhcn" + k, kind) for k, kind in ARITHMETIC], key=str)
    # the same document, remapped in place: nothing else appeared
    assert len(query(db, "SELECT * FROM v_document_versions")) == 1


def test_ingest_with_frameworks_folder_or_environment_maps_at_once(db, tmp_path, monkeypatch):
    folder = tmp_path / "fw"
    folder.mkdir()
    assert main(["framework", "learn", str(SHEET), "--id", "cchc-skhcn", "--out", str(folder / "a.toml")]) == 0
    assert main(["ingest", str(SHEET), "--db", db, "--quiet", "--frameworks", str(folder)]) == 0
    assert set(rows_of(db)) == {"cchc-skhcn" + k for k in ROWS}
    other = str(tmp_path / "other.sqlite")
    monkeypatch.setenv(FRAMEWORKS_ENV, str(folder))
    assert main(["ingest", str(SHEET), "--db", other, "--quiet"]) == 0
    assert set(rows_of(other)) == {"cchc-skhcn" + k for k in ROWS}


def test_remap_rereads_stored_text_when_the_file_is_gone(db, tmp_path):
    moved = tmp_path / "report.txt"
    shutil.copy(SHEET, moved)
    assert main(["ingest", str(moved), "--db", db, "--quiet"]) == 0
    moved.unlink()
    folder = tmp_path / "fw"
    folder.mkdir()
    assert main(["framework", "learn", str(SHEET), "--id", "cchc-skhcn", "--out", str(folder / "a.toml")]) == 0
    assert main(["remap", "--db", db, "--frameworks", str(folder)]) == 0
    assert rows_of(db) == {"cchc-skhcn" + k: v for k, v in ROWS.items()}


def test_framework_check_reports_each_problem_on_one_line(tmp_path, capsys):
    bad = tmp_path / "bad.toml"
    bad.write_text('id = "x"\n[classification]\ntot = 50\nxuat_sac = 90\n'
                   '[[items]]\nid = "x"\ntext = "Tổng"\nmax = 10\n'
                   '[[items]]\nid = "x.1"\ntext = "Một"\nmax = 4\n'
                   '[[items]]\nid = "x.1"\ntext = "Một lần nữa"\nmax = 4\n'
                   '[[items]]\nid = "y.2"\ntext = "Hai"\nmax = 5\n', "utf-8")
    assert main(["framework", "check", str(bad)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"{bad}: item 3 (x.1): id 'x.1' is used twice",
                   f"{bad}: item 4 (y.2): id must be 'x' or start with 'x.'",
                   f"{bad}: classification thresholds are not ordered from the highest class down: "
                   f"'tot' = 50 then 'xuat_sac' = 90",
                   f"{bad}: classification 'tot' = 50 is above the framework's total max 10",
                   f"{bad}: classification 'xuat_sac' = 90 is above the framework's total max 10"]
    sums = tmp_path / "sums.toml"
    sums.write_text('id = "x"\n[[items]]\nid = "x"\ntext = "Tổng"\nmax = 10\n'
                    '[[items]]\nid = "x.1"\ntext = "Một"\nmax = 4\n[[items]]\nid = "x.2"\ntext = "Hai"\nmax = 5\n',
                    "utf-8")
    assert main(["framework", "check", str(sums)]) == 1
    assert capsys.readouterr().err.strip() == f"{sums}: x: its 2 children's `max` add up to 9, not its max 10"
    broken = tmp_path / "broken.toml"
    broken.write_text('id = "x"\n[[items]\n', "utf-8")
    assert main(["framework", "check", str(broken)]) == 1
    assert capsys.readouterr().err.startswith(f"{broken}: not valid TOML")


def test_ingest_refuses_a_frameworks_folder_with_an_invalid_framework(db, tmp_path, capsys):
    folder = tmp_path / "fw"
    folder.mkdir()
    (folder / "dup.toml").write_text('id = "dvcq"\n[[items]]\nid = "dvcq"\ntext = "Tổng"\n', "utf-8")
    assert main(["ingest", str(SHEET), "--db", db, "--quiet", "--frameworks", str(folder)]) == 2
    assert "framework id 'dvcq' is already defined" in capsys.readouterr().err


def test_two_unknown_sheets_of_one_unit_and_year_both_stay_current(db, tmp_path):
    other = tmp_path / "second_sheet.txt"
    other.write_text(SHEET.read_text("utf-8").replace("Hiện đại hóa nền hành chính", "Cải cách tài chính công"),
                     "utf-8")
    assert main(["ingest", str(SHEET), str(other), "--db", db, "--quiet", "--workers", "1"]) == 0
    docs = query(db, "SELECT file_name, framework FROM v_documents ORDER BY file_name")
    assert docs == [{"file_name": "second_sheet.txt", "framework": PROVISIONAL},
                    {"file_name": "sheet_of_unknown_framework.txt", "framework": PROVISIONAL}]


def test_learn_from_a_blank_template_gives_items_and_maxima(tmp_path, capsys):
    blank = tmp_path / "template.txt"
    blank.write_text("BIỂU MẪU CHẤM ĐIỂM\n\nTT\tTiêu chí\tĐiểm tối đa\tĐiểm tự chấm\n"
                     "Tiêu chí 1\tCông tác tuyên truyền\t6\t\nNội dung 1\tBan hành kế hoạch\t2\t\n"
                     "Nội dung 2\tTổ chức thực hiện\t4\t\nTiêu chí 2\tCông tác kiểm tra\t4\t\n"
                     "\tTổng cộng\t10\t\n", "utf-8")
    assert main(["framework", "learn", str(blank), "--id", "mau", "--out", "-"]) == 0
    toml = capsys.readouterr().out
    assert '[[levels]]\nname = "level 1"\nmarkers = ["tieu chi"]\n[[levels]]\nname = "level 2"\nmarkers = ["noi dung"]' in toml
    assert 'id = "mau.tc1.nd2"\nnumber = "2"\ntext = "Tổ chức thực hiện"\nmax = 4\n' in toml
    assert 'id = "mau"\ntext = "Tổng cộng"\nmax = 10\n' in toml
    path = tmp_path / "mau.toml"
    path.write_text(toml, "utf-8")
    assert main(["framework", "check", str(path)]) == 0


def test_learn_says_why_it_cannot_draft_a_framework(tmp_path, capsys):
    assert main(["framework", "learn", str(FIXTURES / "narrative_without_scores.txt"), "--id", "x", "--out", "-"]) == 1
    assert "no score sheet rows to make items of" in capsys.readouterr().err
    assert main(["framework", "learn", str(SHEET), "--id", "a.b", "--out", "-"]) == 2
    assert "without dots" in capsys.readouterr().err
    existing = tmp_path / "x.toml"
    existing.write_text("keep me", "utf-8")
    assert main(["framework", "learn", str(SHEET), "--id", "x", "--out", str(existing)]) == 2
    assert existing.read_text("utf-8") == "keep me"
