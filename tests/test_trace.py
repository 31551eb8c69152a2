from conftest import FIXTURES
from chamdiem.interfaces.cli import main


def test_trace_prints_values_location_and_marked_source(db, capsys):
    main(["ingest", str(FIXTURES), "--db", db, "--workers", "1", "--quiet"])
    assert main(["trace", "tsv_sheet_short_rows_and_html_cells.txt", "dvcq.tc3.nd3", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "reconciled from the table: max_points 2, self_score 3" in out
    assert "line 35" in out
    assert "⟦2⟧ │ ⟦3⟧" in out
    assert ("error self_exceeds_max: Điểm tự chấm 3 vượt thang điểm 2 (Tiêu chí 3 – Nội dung 3; bảng điểm, dòng 35) · "
            "self score 3 exceeds the maximum 2 (dvcq.tc3.nd3; score sheet, line 35)") in out


def test_trace_shows_both_sources_when_narrative_and_table_differ(db, capsys):
    main(["ingest", str(FIXTURES), "--db", db, "--workers", "1", "--quiet"])
    assert main(["trace", "markdown_rows_split_by_page_break.md", "dvcq.tc2", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "narrative ·" in out and "table ·" in out
    assert "(⟦9⟧ điểm)" in out and "⟦9,5⟧" in out
    assert "narrative_table_mismatch" in out


def test_trace_of_unknown_file_or_item_fails_cleanly(db, capsys):
    main(["ingest", str(FIXTURES), "--db", db, "--workers", "1", "--quiet"])
    assert main(["trace", "nope.txt", "dvcq", "--db", db]) == 1
    assert main(["trace", "row_matching_no_item.txt", "dvcq.tc9", "--db", db]) == 1


def test_trace_page_shows_the_finding_in_vietnamese_with_the_english_beside_it(db, tmp_path):
    from html import escape
    main(["ingest", str(FIXTURES), "--db", db, "--workers", "1", "--quiet"])
    page = tmp_path / "tc3.nd3.html"
    assert main(["trace", "tsv_sheet_short_rows_and_html_cells.txt", "dvcq.tc3.nd3", "--db", db, "--html", str(page)]) == 0
    assert escape("Điểm tự chấm 3 vượt thang điểm 2 (Tiêu chí 3 – Nội dung 3; bảng điểm, dòng 35) · "
                  "self score 3 exceeds the maximum 2 (dvcq.tc3.nd3; score sheet, line 35)") in page.read_text("utf-8")
