"""`chamdiem export`: the workbook an analyst forwards, reopened with openpyxl, and its CSV twin."""
import datetime as dt
import os

import openpyxl
import pytest

from chamdiem.interfaces.cli import main
from chamdiem.interfaces.workbook import SCORE_FORMAT
from reports import dvcq_report

A_SELF = [10, 9.5, 10, 10, 9, 10, 10, 10, 10, 8]
A_AUTH = [10, 9, 10, 10, 9, 10, 10, 10, 10, 8]
B_SELF = [8, 8, 11, 8, 8, 8, 8, 8, 8, 8]


@pytest.fixture(scope="module")
def quarter(tmp_path_factory):
    """Three units over two years, a broken file and a photo; ingested once for the module."""
    folder = tmp_path_factory.mktemp("quarter")
    (folder / "a.txt").write_text(dvcq_report("UBND xã Tịnh Kỳ", 2024, A_SELF, A_AUTH, classification="tot",
                                              evidence="Kế hoạch số 24/KH-UBND ngày 17/3/2024 về dân vận"), "utf-8")
    (folder / "b.txt").write_text(dvcq_report("UBND phường Trần Phú", 2024, B_SELF, classification="tot",
                                              evidence="Kế hoạch số 24/KH-UBND ngày 17/3/2024", day=7), "utf-8")
    (folder / "c.txt").write_text(dvcq_report("UBND xã Nghĩa Dũng", 2023, [7] * 10), "utf-8")
    (folder / "broken.docx").write_bytes(b"PK\x03\x04 not a zip")
    (folder / "photo.gif").write_bytes(b"\xff\xd8\xff\xe0 not a report")
    db = str(folder / "q.sqlite")
    assert main(["ingest", str(folder), "--db", db, "--workers", "1", "--quiet"]) == 1
    return folder, db


@pytest.fixture(scope="module")
def workbook(quarter, tmp_path_factory):
    out = tmp_path_factory.mktemp("out") / "tong-hop.xlsx"
    assert main(["export", "--db", quarter[1], "-o", str(out)]) == 0
    return openpyxl.load_workbook(out)


def test_workbook_has_a_score_sheet_per_framework_and_year_then_the_tables(workbook):
    assert workbook.sheetnames == ["dvcq 2023", "Biểu đồ dvcq 2023", "dvcq 2024", "Biểu đồ dvcq 2024", "Phát hiện",
                                   "Văn bản trích dẫn", "Báo cáo", "Phiên bản", "Tệp lỗi", "Kiểm tra"]


def test_score_sheet_rows_are_units_and_columns_are_criteria_with_maxima_and_names(workbook):
    ws = workbook["dvcq 2024"]
    assert ws["F1"].value == "Điểm tự chấm (self-assessed)"
    assert ws["Q1"].value == "Điểm của cơ quan có thẩm quyền (authority)"
    assert [ws.cell(3, c).value for c in range(1, 7)] == [
        "Đơn vị / unit (issuer)", "Tệp / file", "Ngày báo cáo / date of the report",
        "Xếp loại tự đánh giá / classification, self-declared",
        "Xếp loại theo tổng điểm / classification the total earns", "TC1"]
    assert ws["O3"].value == "TC10" and ws["P3"].value == "Tổng (total)" and ws["AA3"].value == "Tổng (total)"
    assert ws["F3"].comment.text.startswith("dvcq.tc1: Công tác triển khai, quán triệt")
    assert (ws["A2"].value, ws["F2"].value, ws["P2"].value, ws["AA2"].value) == ("Thang điểm (max)", 10, 100, 100)
    tran_phu = [ws.cell(4, c).value for c in range(1, 17)]
    assert tran_phu == ["UBND phường Trần Phú", "b.txt", dt.datetime(2024, 11, 7), "Hoàn thành tốt nhiệm vụ",
                        "Hoàn thành tốt nhiệm vụ"] + B_SELF + [83]
    tinh_ky = [ws.cell(5, c).value for c in range(1, 28)]
    assert tinh_ky == ["UBND xã Tịnh Kỳ", "a.txt", dt.datetime(2024, 11, 5), "Hoàn thành tốt nhiệm vụ",
                       "Hoàn thành xuất sắc nhiệm vụ"] + A_SELF + [96.5] + A_AUTH + [96]
    assert ws["C4"].number_format == "dd/mm/yyyy"
    assert ws["G5"].number_format == SCORE_FORMAT and ws["R5"].value == 9


def test_cells_with_findings_are_coloured_and_carry_the_message_as_a_note(workbook):
    ws = workbook["dvcq 2024"]
    exceeds = ws["H4"]   # Trần Phú, TC3 self 11 of 10
    assert exceeds.value == 11 and exceeds.fill.fgColor.rgb == "00FFC7CE"
    assert exceeds.comment.text == ("[error] Điểm tự chấm 11 vượt thang điểm 10 (Tiêu chí 3; bảng điểm, dòng 20) · "
                                    "self score 11 exceeds the maximum 10 (dvcq.tc3; score sheet, line 20)")
    mismatch = ws["P5"]  # Tịnh Kỳ's total: it says 'tot', 96 earns 'xuat_sac'
    assert mismatch.fill.fgColor.rgb == "00FFEB9C"
    assert "classifies itself 'tot' but a total of 96 gives 'xuat_sac'" in mismatch.comment.text
    assert ws["G4"].comment is None and ws["G4"].fill.fgColor.rgb == "00000000"


def test_score_sheet_is_frozen_filtered_and_charted(workbook):
    ws = workbook["dvcq 2024"]
    assert ws.freeze_panes == "C4"
    assert ws.auto_filter.ref == "A3:AA5"
    (chart,) = workbook["Biểu đồ dvcq 2024"]._charts   # on a sheet of its own, one printed page
    assert chart.type == "bar" and len(chart.series) == 2
    assert chart.series[0].val.numRef.f == "'dvcq 2024'!$P$4:$P$5"
    assert chart.series[1].val.numRef.f == "'dvcq 2024'!$AA$4:$AA$5"
    assert chart.series[0].cat.numRef.f == "'dvcq 2024'!$A$4:$A$5" or \
        chart.series[0].cat.strRef.f == "'dvcq 2024'!$A$4:$A$5"


def test_cited_documents_sheet_says_which_criterion_and_which_units(workbook):
    ws = workbook["Văn bản trích dẫn"]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][:3] == ("Loại văn bản / document type", "Số / number", "Ký hiệu / symbol")
    kh24 = [r for r in rows[1:] if r[1] == "24"]
    assert kh24 == [("Kế hoạch", "24", "KH-UBND", None, dt.datetime(2024, 3, 17), 2, 2, "dvcq.tc1",
                     "UBND phường Trần Phú; UBND xã Tịnh Kỳ")]


def test_findings_documents_versions_and_failed_files_sheets(workbook):
    finds = list(workbook["Phát hiện"].iter_rows(values_only=True))
    assert ("UBND phường Trần Phú", 2024, "b.txt", "dvcq.tc3", "self_exceeds_max", "error") in [r[:6] for r in finds]
    assert workbook["Phát hiện"]["F2"].fill.fgColor.rgb in ("00FFC7CE", "00FFEB9C")
    docs = list(workbook["Báo cáo"].iter_rows(values_only=True))
    assert len(docs) == 4 and "Xếp loại theo tổng điểm / classification the total earns" in docs[0]
    failed = list(workbook["Tệp lỗi"].iter_rows(values_only=True))
    assert [r[:2] for r in failed[1:]] == [("broken.docx", "corrupt_file")]
    assert len(list(workbook["Phiên bản"].iter_rows())) == 4


def test_unit_filter_ignores_tone_marks_and_case(quarter, tmp_path):
    out = tmp_path / "tinh-ky.xlsx"
    assert main(["export", "--db", quarter[1], "-o", str(out), "--unit", "tinh ky"]) == 0
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[:1] == ["dvcq 2024"] and "dvcq 2023" not in wb.sheetnames
    assert [r[0] for r in wb["dvcq 2024"].iter_rows(min_row=4, max_col=1, values_only=True)] == ["UBND xã Tịnh Kỳ"]


def test_csv_export_writes_the_same_tables_as_utf8_that_excel_reads(quarter, tmp_path):
    out = tmp_path / "csv"
    assert main(["export", "--db", quarter[1], "-o", str(out), "--format", "csv", "--year", "2024"]) == 0
    assert sorted(os.listdir(out)) == ["cited-documents.csv", "documents.csv", "dvcq-2024.csv", "failed-files.csv",
                                       "findings.csv", "versions.csv"]
    raw = (out / "dvcq-2024.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")   # the byte-order mark Excel needs to read UTF-8
    lines = raw.decode("utf-8-sig").splitlines()
    assert lines[1].startswith("Thang điểm (max),,,,,10.0,")
    assert lines[3].startswith("UBND xã Tịnh Kỳ,a.txt,2024-11-05,Hoàn thành tốt nhiệm vụ,Hoàn thành xuất sắc nhiệm vụ,10.0,9.5,")


def test_export_into_a_missing_folder_is_one_line_and_writes_nothing(quarter, tmp_path, capsys):
    assert main(["export", "--db", quarter[1], "-o", str(tmp_path / "nope" / "x.xlsx")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "does not exist; create it first" in err
    assert not (tmp_path / "nope").exists()


def test_export_of_a_missing_database_creates_none(tmp_path, capsys):
    db = tmp_path / "missing.sqlite"
    assert main(["export", "--db", str(db), "-o", str(tmp_path / "x.xlsx")]) == 2
    err = capsys.readouterr().err
    assert err == f"chamdiem export: {db}: no such database (load reports into it first with `chamdiem ingest`)\n"
    assert os.listdir(tmp_path) == []
