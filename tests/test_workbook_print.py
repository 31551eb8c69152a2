"""The workbook an analyst forwards (issue 21): printed with LibreOffice every page is readable (text
of 6 pt or more) and none is nearly empty; an unread score shows "?" with a note; information
findings colour nothing; a report whose unit, citing unit or file name begins like a formula exports
no formula, in XLSX and CSV alike; a failed export leaves the previous workbook whole."""
import csv
import gc
import shutil
import subprocess

import openpyxl
import pandas as pd
import pytest

from chamdiem.interfaces.cli import main
from chamdiem.interfaces.export_tables import FORMULA_STARTS, load_tables
from chamdiem.interfaces.workbook import write_workbook
from reports import dvcq_report, with_unread_criterion

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
MIN_POINTS = 6.0
MIN_BODY_CHARS = 40     # a page with less than this besides its header and footer prints nearly nothing
INJECTIONS = ["=1+2", "+3-cmd", "-4+5", "@SUM"]


@pytest.fixture(scope="module")
def quarter(tmp_path_factory):
    """Fourteen units in 2024 (some with the authority's scores, one criterion unread, one score
    over its maximum), six of them in 2023 too, and reports whose unit and file name begin with a
    formula's first character."""
    folder = tmp_path_factory.mktemp("print")
    for k in range(14):
        scores = [8 + (k + j) % 3 for j in range(10)]
        text = dvcq_report(f"UBND xã Số {k + 1}", 2024, scores, authority=scores if k % 2 else None, number=100 + k,
                           evidence="Kế hoạch số 24/KH-UBND ngày 17/3/2024 về dân vận")
        if k == 3:
            text = with_unread_criterion(text, 4)
        if k == 5:
            text = text.replace("Tiêu chí 2\t", "Tiêu chí 2\t", 1).replace(
                f"\t10\t{scores[1]:g}\t", "\t10\t12\t", 1)
        (folder / f"xa-{k + 1:02}-2024.txt").write_text(text, "utf-8")
        if k < 6:
            (folder / f"xa-{k + 1:02}-2023.txt").write_text(
                dvcq_report(f"UBND xã Số {k + 1}", 2023, [7] * 10, number=200 + k), "utf-8")
    for k in range(8):   # names that wrap over two or three lines: the sheet runs over a page
        (folder / f"ban-{k + 1}.txt").write_text(dvcq_report(
            f"Ban Quản lý dự án đầu tư xây dựng các công trình dân dụng huyện Số {k + 1}", 2024, [9] * 10,
            classification="xuat_sac", number=400 + k), "utf-8")
    for k, start in enumerate(INJECTIONS):
        text = f"Đơn vị: {start}\n" + dvcq_report("UBND xã Tiêm", 2024, [9] * 10, number=300 + k,
                                                   evidence="Kế hoạch số 24/KH-UBND ngày 17/3/2024")
        (folder / f"{start}.txt").write_text(text, "utf-8")
    db = str(folder / "q.sqlite")
    assert main(["ingest", str(folder), "--db", db, "--workers", "2", "--quiet"]) == 0
    out = folder / "tong-hop.xlsx"
    assert main(["export", "--db", db, "-o", str(out)]) == 0
    return folder, db, out


def _pages(pdf_path):
    """(smallest text size in points, characters besides the header and footer) of each page."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw
    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        out = []
        for k in range(len(pdf)):
            text_page = pdf[k].get_textpage()
            n = text_page.count_chars()
            chars = [text_page.get_text_range(i, 1) for i in range(n)]
            sizes = [raw.FPDFText_GetFontSize(text_page.raw, i) for i in range(n) if not chars[i].isspace()]
            lines = "".join(chars).replace("\r", "").split("\n")
            body = [line for line in lines if not line.startswith("Xuất ngày (exported)") and line.strip()][1:]
            out.append((min(sizes), sum(len(line.strip()) for line in body)))
        return out
    finally:
        pdf.close()


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is needed to print the workbook")
def test_every_printed_page_is_readable_and_none_is_nearly_empty(quarter, tmp_path):
    _, _, out = quarter
    subprocess.run([SOFFICE, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(out)], check=True, capture_output=True, timeout=300)
    pages = _pages(tmp_path / "tong-hop.pdf")
    workbook = openpyxl.load_workbook(out)
    assert len(pages) <= 2 * len(workbook.sheetnames)
    for k, (points, body) in enumerate(pages, 1):
        assert points >= MIN_POINTS, f"page {k}: text of {points:.1f} pt"
        assert body >= MIN_BODY_CHARS, f"page {k}: {body} characters"


def test_every_sheet_is_set_up_to_print_on_a4_landscape_one_page_wide(quarter):
    workbook = openpyxl.load_workbook(quarter[2])
    assert workbook.sheetnames == ["dvcq 2023", "Biểu đồ dvcq 2023", "dvcq 2024", "Biểu đồ dvcq 2024",
                                   "So sánh dvcq 2024-2023", "Phát hiện", "Văn bản trích dẫn", "Báo cáo", "Phiên bản",
                                   "Tệp lỗi", "Kiểm tra"]
    for ws in workbook:
        setup = ws.page_setup
        pages_tall = 1 if ws.title.startswith("Biểu đồ") else 0   # a chart on one page; a table as long as it is
        assert (setup.orientation, setup.paperSize, setup.fitToWidth, setup.fitToHeight) == \
            ("landscape", 9, 1, pages_tall)
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.print_title_rows or ws.title.startswith("Biểu đồ")   # a chart's sheet: one page
        assert ws.oddHeader.center.text == ws.title
        assert ws.oddFooter.right.text == "Trang (page) &P / &N"
        assert ws.oddFooter.left.text.startswith("Xuất ngày (exported) ")


def test_an_unread_criterion_is_a_question_mark_with_a_note_and_the_total_says_why(quarter):
    ws = openpyxl.load_workbook(quarter[2])["dvcq 2024"]
    rows = {ws.cell(r, 1).value: r for r in range(4, ws.max_row + 1)}
    row = rows["UBND xã Số 4"]
    titles = [ws.cell(3, c).value for c in range(1, ws.max_column + 1)]
    tc4, total = titles.index("TC4") + 1, titles.index("Tổng (total)") + 1
    assert ws.cell(row, tc4).value == "?" and ws.cell(row, tc4).comment.text == "không đọc được (not read)"
    # the report states its total; the note says it could not be checked
    assert ws.cell(row, total).value == 89
    assert ws.cell(row, total).comment.text == (
        "không tính được: 1 tiêu chí không đọc được (not computed: 1 criteria not read)\n"
        "[warning] Không đọc được 1 giá trị của các mục: Tiêu chí 4 (điểm tự chấm) · 1 item values could not "
        "be read: dvcq.tc4 self_score")
    # a unit without the authority's scores: its authority cells are empty, not unread
    auth_tc1 = titles.index("TC1", tc4) + 1
    assert ws.cell(rows["UBND xã Số 1"], auth_tc1).value is None
    assert ws.cell(rows["UBND xã Số 2"], auth_tc1).value == 9


def test_errors_colour_their_cell_and_information_never_does(quarter):
    workbook = openpyxl.load_workbook(quarter[2])
    ws = workbook["dvcq 2024"]
    filled = {ws.cell(r, c).fill.fgColor.rgb for r in range(4, ws.max_row + 1) for c in range(1, ws.max_column + 1)}
    assert "00FFC7CE" in filled and "00DDEBF7" not in filled
    findings = list(workbook["Phát hiện"].iter_rows(min_row=2, values_only=True))
    ranks = [{"error": 0, "warning": 1, "info": 2}[r[5]] for r in findings]
    assert ranks == sorted(ranks) and ranks[0] == 0
    info = [c for c in workbook["Phát hiện"]["F"][1:] if c.value == "info"]
    assert all(c.fill.fgColor.rgb == "00000000" for c in info)


def test_the_comparison_sheet_gives_this_year_last_year_and_the_change_coloured(quarter):
    ws = openpyxl.load_workbook(quarter[2])["So sánh dvcq 2024-2023"]
    assert [c.value for c in ws[2]] == ["Đơn vị / unit (issuer)", "Tiêu chí / criterion", "2024 / this year",
                                        "2023 / last year", "Thay đổi / change"]
    rows = {(r[0].value, r[1].value): r for r in ws.iter_rows(min_row=3)}
    up = rows[("UBND xã Số 1", "TC1")]
    assert [c.value for c in up] == ["UBND xã Số 1", "TC1", 8, 7, 1] and up[4].fill.fgColor.rgb == "00C6EFCE"
    assert [c.value for c in rows[("UBND xã Số 4", "TC4")]][2:] == ["?", 7, None]
    assert len(ws["A"]) == 2 + 6 * 11


def test_columns_have_vietnamese_and_english_titles_yes_no_and_dates(quarter):
    workbook = openpyxl.load_workbook(quarter[2])
    for name in ("Phát hiện", "Văn bản trích dẫn", "Báo cáo", "Phiên bản", "Tệp lỗi"):
        titles = [c.value for c in workbook[name][1]]
        assert all(" / " in t for t in titles), (name, [t for t in titles if " / " not in t])
    cited = [c.value for c in workbook["Văn bản trích dẫn"][1]]
    assert "Ngày của văn bản được trích dẫn / date of the cited document" in cited
    assert not any(t.startswith("Ngày báo cáo") for t in cited)
    versions = workbook["Phiên bản"]
    titles = [c.value for c in versions[1]]
    current = titles.index("Phiên bản hiện hành / current version")
    loaded = titles.index("Thời điểm nạp / loaded at")
    assert {r[current] for r in versions.iter_rows(min_row=2, values_only=True)} == {"có / yes"}
    assert versions.cell(2, loaded + 1).is_date


def _formula_like_texts(values):
    return [v for v in values if isinstance(v, str) and v.startswith(FORMULA_STARTS)]


def test_report_text_beginning_like_a_formula_is_never_a_formula_in_the_workbook(quarter):
    workbook = openpyxl.load_workbook(quarter[2])
    seen = set()
    for ws in workbook:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{ws.title}!{cell.coordinate}: {cell.value!r}"
                if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
                    assert cell.quotePrefix, f"{ws.title}!{cell.coordinate}"
                    seen.add(cell.value)
    for start in INJECTIONS:   # the unit, the citing unit and the file name were written, as text
        assert start in seen and f"{start}.txt" in seen, start


def test_report_text_beginning_like_a_formula_is_never_a_formula_in_the_csv_files(quarter, tmp_path):
    _, db, _ = quarter
    out = tmp_path / "csv"
    assert main(["export", "--db", db, "-o", str(out), "--format", "csv"]) == 0
    written = set()
    for path in out.iterdir():
        with open(path, encoding="utf-8-sig", newline="") as fh:
            for row in csv.reader(fh):
                for field in row:
                    if field.startswith(FORMULA_STARTS):
                        float(field)   # only a number (a negative change) may begin so
                    if field.startswith("'"):
                        written.add(field)
    assert {f"'{start}" for start in INJECTIONS} | {f"'{start}.txt" for start in INJECTIONS} <= written


def test_decimal_comma_writes_what_vietnamese_excel_reads(quarter, tmp_path):
    _, db, _ = quarter
    out = tmp_path / "csv"
    assert main(["export", "--db", db, "-o", str(out), "--format", "csv", "--decimal", "comma", "--year",
                 "2023"]) == 0
    lines = (out / "dvcq-2023.csv").read_text("utf-8-sig").splitlines()
    assert lines[1].startswith("Thang điểm (max);;;;;10,0;10,0;")
    assert main(["export", "--db", db, "-o", str(tmp_path / "x.xlsx"), "--decimal", "comma"]) == 2


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")   # openpyxl's unfinished sheets
def test_a_failed_export_leaves_the_previous_workbook_whole(quarter, tmp_path):
    _, db, out = quarter
    previous = tmp_path / "tong-hop.xlsx"
    shutil.copy(out, previous)
    before = previous.read_bytes()
    tables = load_tables(db)
    tables.failed = pd.DataFrame([{"file_name": "bad\x01name.txt", "error_kind": "corrupt_file",   # not writable
                                   "message": "a control character", "at": pd.Timestamp(2024, 1, 1), "path": "x"}])
    with pytest.raises(openpyxl.utils.exceptions.IllegalCharacterError):
        write_workbook(tables, str(previous))
    gc.collect()   # openpyxl's half-written sheets complain when collected: here, where it is expected
    assert previous.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tong-hop.xlsx"]


def test_the_matrix_page_shows_an_unread_criterion_as_a_question_mark_with_the_note(quarter):
    pytest.importorskip("datasette", reason="the browse UI needs Datasette: pip install 'chamdiem[web]'")
    from chamdiem.interfaces.web.plugin import _matrix_table
    _, db, _ = quarter
    sheet = next(s for s in load_tables(db, year=2024).score_sheets)
    html = _matrix_table(sheet)
    row = next(r for r in html.split("<tr>") if "UBND xã Số 4<" in r)
    cells = row.split("<td")[2:]
    assert cells[3].startswith(' class="unread" title="không đọc được (not read)"')
    assert ">? / 8</a>" in cells[3]            # the authority's score was read
    assert 'class="f-error"' in html and "f-info" not in html
