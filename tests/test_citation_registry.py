from conftest import FIXTURES, query
from chamdiem.normalizers.cited_documents import resolve
from chamdiem.extractors.citations import extract_citations
from chamdiem.interfaces.cli import main
from chamdiem.readers.text import parse_text


def keys_of(text):
    return [(k.doc_type, k.number, k.symbol, k.issued_on) for k in resolve(extract_citations(parse_text(text)))]


def test_short_mentions_join_the_one_full_mention_that_fits():
    text = ("UBND ban hành Kế hoạch số 24/KH-UBND ngày 17/3/2023.\n"
            "Thực hiện KH 24-17/3/2023 và Kế hoạch số 24; Kế hoạch số 24/KH-UBND.\n")
    assert keys_of(text) == [("Kế hoạch", "24", "KH-UBND", "2023-03-17")] * 4


def test_short_mention_with_two_candidates_stays_on_its_own():
    text = ("Quyết định số 10/QĐ-UBND ngày 10/01/2023; Quyết định số 10/QĐ-UBND ngày 06/01/2022.\n"
            "Theo QĐ số 10 đã nêu.\n")
    assert keys_of(text)[2] == ("Quyết định", "10", None, None)


def test_short_mention_with_another_date_does_not_join():
    text = "Quyết định số 24/QĐ-UBND ngày 01/3/2023.\nQĐ 24 01/3/2003 về kiểm soát.\n"
    assert keys_of(text)[1] == ("Quyết định", "24", None, "2003-03-01")


def test_registry_view_counts_mentions_and_citing_reports(db):
    main(["ingest", str(FIXTURES), "--db", db, "--quiet"])
    rows = query(db, "SELECT * FROM v_cited_documents WHERE doc_type = 'Kết luận' AND number = '114'")
    assert [(r["symbol"], r["issuer_code"], r["mentions"], r["citing_reports"]) for r in rows] == [
        ("KL/TW", "TW", 2, 2)]
    cv = query(db, "SELECT issuer_code FROM v_cited_documents WHERE symbol = 'SNV-XDCQ'")
    assert {r["issuer_code"] for r in cv} == {"SNV-XDCQ"}


def test_v_citations_links_rows_and_paragraphs_to_items(db):
    main(["ingest", str(FIXTURES), "--db", db, "--quiet"])
    got = {(r["file_name"], r["text"]): r["criterion_id"] for r in query(db, "SELECT * FROM v_citations")}
    assert got[("tsv_sheet_short_rows_and_html_cells.txt", "Kế hoạch số 45/KH-STP ngày 02/3/2023")] == "dvcq.tc1.nd1"
    assert got[("tsv_sheet_short_rows_and_html_cells.txt", "Công văn số 2010/SNV-XDCQ ngày 12/10/2023")] is None
    assert got[("markdown_rows_split_by_page_break.md", "Quyết định số 05/QĐ-UBND ngày 08/01/2024")] == "dvcq.tc2.nd1"
    assert got[("markdown_rows_split_by_page_break.md", "KH số 02/KH-UBND ngày\n15/01/2024")] == "dvcq.tc2.nd2"


def test_trace_html_highlights_scores_and_citations_and_escapes_text(db, tmp_path, capsys):
    main(["ingest", str(FIXTURES), "--db", db, "--quiet"])
    out = tmp_path / "trace.html"
    assert main(["trace", "tsv_sheet_short_rows_and_html_cells.txt", "dvcq.tc1.nd1", "--db", db,
                 "--html", str(out)]) == 0
    html = out.read_text("utf-8")
    # marks in the source text carry a title (the summary table's labels do not)
    assert html.count('<mark class="v-max" title=') == 1 and html.count('<mark class="v-self" title=') == 1
    assert html.count('<mark class="cite" title=') == 2
    assert "&lt;ul style=" in html and "<ul style" not in html
    assert "114-KL/TW" in html
