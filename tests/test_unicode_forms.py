"""The same report in NFD or with stray zero-width characters gives the same results."""
import unicodedata

from conftest import FIXTURES, extract_file, findings_of, scores_of

NAMES = ["tsv_sheet_short_rows_and_html_cells.txt", "markdown_rows_split_by_page_break.md",
         "tdkt_sheet_bonus_and_multi_number_cell.txt", "narrative_total_only_wrong_class.txt"]


def test_nfd_copies_give_the_same_scores_findings_and_offsets(tmp_path):
    for name in NAMES:
        src = (FIXTURES / name).read_text("utf-8")
        nfd = tmp_path / name
        nfd.write_text(unicodedata.normalize("NFD", src), "utf-8")
        a, b = extract_file(FIXTURES / name), extract_file(nfd)
        assert b.model.text == a.model.text  # NFC
        assert scores_of(b) == scores_of(a)
        assert findings_of(b, include_info=True) == findings_of(a, include_info=True)
        assert [(s.start, s.end, s.line) for s in b.scores] == [(s.start, s.end, s.line) for s in a.scores]
        assert b.metadata == a.metadata


def test_zero_width_characters_do_not_change_results(tmp_path):
    for name in NAMES:
        src = (FIXTURES / name).read_text("utf-8")
        noisy = src.replace("Nội dung", "Nội\u200b dung").replace("Tiêu chí", "Tiêu\u200c chí").replace(" điểm", " \ufeffđiểm")
        p = tmp_path / name
        p.write_text(noisy, "utf-8")
        a, b = extract_file(FIXTURES / name), extract_file(p)
        assert scores_of(b) == scores_of(a)
        assert findings_of(b) == findings_of(a)
        for o in b.observations:
            for v in o.values.values():
                assert b.model.text[v.start:v.end] == v.raw
