from conftest import FIXTURES
from chamdiem.interfaces.cli import main


def test_trace_prints_values_location_and_marked_source(db, capsys):
    main(["ingest", str(FIXTURES), "--db", db, "--workers", "1", "--quiet"])
    assert main(["trace", "tsv_sheet_short_rows_and_html_cells.txt", "dvcq.tc3.nd3", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "reconciled from the table: max_points 2, self_score 3" in out
    assert "line 35" in out
    assert "⟦2⟧ │ ⟦3⟧" in out
    assert "self_exceeds_max" in out


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
