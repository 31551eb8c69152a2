"""Framework detection folds a report word by word, and folds it only when keywords could change
the winner: both must decide exactly what folding the whole text and counting every keyword did."""
import pathlib

from hypothesis import given, settings, strategies as st

from chamdiem.extractors.narrative.scores import extract_narrative
from chamdiem.lexicon.text import fold, fold_words
from chamdiem.normalizers import mapping
from chamdiem.normalizers.framework_catalog import frameworks
from chamdiem.pipeline.extract import extract_document
from chamdiem.readers.text import parse_text

HERE = pathlib.Path(__file__).parent
REPORTS = sorted(p for d in (HERE / "fixtures", HERE / "sheets", HERE.parent / "data" / "raw") for p in d.iterdir()
                 if p.suffix in (".txt", ".md"))

# white space of every kind beside marks a word may start with, letters NFD moves marks onto, 'ß'
BITS = list("aăâđêôơưAĐ ßİ\n\t\r\x0b\x0c\x1c\x85\u00a0\u1680\u2028\u2029\u3000,.-/") + [
    "\u0301", "\u0323", "\u0309", "e\u0302\u0301", "\u1ec7", "\u0130", "\U0001d165", "\u093f"]


@given(st.lists(st.sampled_from(BITS), max_size=40).map("".join))
@settings(max_examples=3000, deadline=None)
def test_fold_words_equals_folding_the_whole_text(text):
    assert fold_words(text) == fold.__wrapped__(text)


def test_fold_words_of_every_fixture_report():
    for path in REPORTS:
        text = path.read_text("utf-8")
        assert fold_words(text) == fold.__wrapped__(text), path.name


def _observations(text: str):
    return extract_document(parse_text(text)).observations


def test_winner_by_items_is_the_winner_with_keywords_on_every_fixture_report():
    named = folded = 0
    for path in REPORTS:
        text = path.read_text("utf-8")
        ranked = mapping.rank_frameworks(_observations(text))
        by_items = mapping._winner_by_items(ranked)
        if by_items is not None:
            named += 1
            assert by_items[0] is mapping._winner_with_keywords(ranked, text)[0], path.name
        else:
            folded += 1
    assert named >= 4 and folded >= 3   # long sheets are decided by their items, the rest with keywords


def test_keywords_decide_when_no_item_matches():
    text = ("Báo cáo tự chấm điểm công tác thi đua, khen thưởng năm 2024: điểm chuẩn và điểm thưởng "
            "theo hướng dẫn. Tổng điểm tự chấm: 95 điểm.")
    observations = extract_narrative(parse_text(text).blocks, text)
    assert [o.is_total for o in observations] == [True]
    ranked = [(fw, 0, []) for fw in frameworks().values()]
    assert mapping._winner_by_items(ranked) is None
    fw, _ = mapping.detect_framework(text, observations)
    assert fw.id == "tdkt-tmth"


def test_items_win_only_by_more_than_the_keywords_of_the_others_could_add():
    fws = list(frameworks().values())
    a, b = fws[0], fws[1]
    lead = len(b.keywords) // 3 + 1          # 3 points an item: just past b's keywords at most
    assert mapping._winner_by_items([(a, lead, ["a"]), (b, 0, ["b"])]) == (a, ["a"])
    assert mapping._winner_by_items([(a, lead - 1, ["a"]), (b, 0, ["b"])]) is None
    assert mapping._winner_by_items([(a, 4, ["a"]), (b, 4, ["b"])]) is None


def test_a_sheet_seen_before_maps_from_memory_and_a_changed_row_maps_afresh():
    fw = frameworks()["dvcq"]
    text = (HERE / "fixtures" / "tsv_sheet_short_rows_and_html_cells.txt").read_text("utf-8")
    observations = _observations(text)
    fw.sheet_mappings.clear()   # extracting them mapped the sheet
    first = mapping.map_items(fw, observations)
    # another unit's report of the same sheet: its total's sentence and its evidence differ
    other = text.replace("kết quả đạt **27/30 điểm**", "kết quả đạt 26/30 điểm").replace("45/KH-STP", "46/KH-STP")
    again = mapping.map_items(fw, _observations(other))
    assert again == first and again is not first and len(fw.sheet_mappings) == 1
    # one row numbered otherwise is another sheet: mapped afresh, as without the memory
    renumbered = text.replace("Nội dung 2\tTổ chức triển khai", "Nội dung 3\tTổ chức triển khai")
    observations = _observations(renumbered)
    fresh = mapping.map_items(fw, observations)
    assert fresh == mapping._map_items(fw, observations) and fresh != first and len(fw.sheet_mappings) == 2


def test_sheet_memory_keeps_the_latest_sheets_only():
    fw = frameworks()["dvcq"]
    observations = _observations((HERE / "fixtures" / "tsv_sheet_short_rows_and_html_cells.txt").read_text("utf-8"))
    fw.sheet_mappings.clear()
    for k in range(mapping.SHEETS_REMEMBERED + 5):
        observations[1].label = f"Nhãn {k}"
        mapping.map_items(fw, observations)
    assert len(fw.sheet_mappings) == mapping.SHEETS_REMEMBERED
    assert [key[1][2] for key in fw.sheet_mappings][-1] == f"Nhãn {mapping.SHEETS_REMEMBERED + 4}"


def test_a_sheet_too_large_for_any_framework_is_mapped_without_being_remembered():
    fw = frameworks()["dvcq"]
    observations = _observations((HERE / "fixtures" / "tsv_sheet_short_rows_and_html_cells.txt").read_text("utf-8"))
    fw.sheet_mappings.clear()   # extracting them mapped the sheet
    observations[1].label = "x" * (mapping.SHEET_TEXT_REMEMBERED + 1)
    assert mapping.map_items(fw, observations) == mapping._map_items(fw, observations)
    assert fw.sheet_mappings == {}
    many = observations * (mapping.SHEET_ROWS_REMEMBERED // len(observations) + 1)
    observations[1].label = "Tổ chức quán triệt"
    assert len(mapping.map_items(fw, many)) == len(many) and fw.sheet_mappings == {}


def _decided(ranked, text):
    return mapping._winner_by_items(ranked) or mapping._winner_with_keywords(ranked, text)


def test_a_framework_cut_short_changes_no_decision():
    """Detection maps a framework only while it could still matter against the best before it
    (mapping._rank_to_decide): the winner and its mapping must be those of ranking every framework
    in full, on every fixture report and on each with its sheet's rows in reverse order."""
    cut = 0
    for path in REPORTS:
        text = path.read_text("utf-8")
        observations = _observations(text)
        for rows in (observations, observations[::-1]):
            for fw in frameworks().values():
                fw.sheet_mappings.clear()
            full = mapping.rank_frameworks(rows)
            for fw in frameworks().values():
                fw.sheet_mappings.clear()
            decided = mapping._rank_to_decide(rows)
            winner, winner_mapping = _decided(full, text)
            assert _decided(decided, text) == (winner, winner_mapping), path.name
            cut += sum(len(m) < len(rows) for _, _, m in decided)
            for (fw, hits, m), (_, full_hits, _) in zip(decided, full):
                assert hits == full_hits or (hits <= full_hits and len(m) < len(rows)), path.name
    assert cut >= 5   # the frameworks that cannot win are cut short on many of them
