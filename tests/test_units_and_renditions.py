"""Units and renditions (issue 21): a folder where units sent the same report as DOCX, PDF and a
scan, under different spellings of their name, gives one current report per unit, framework and
year and one unit per unit; a name only alike another is a doubtful pair until the user merges it,
and the merge is kept in a TOML file that applies to a new database alike."""
import pathlib

import pytest

from chamdiem.interfaces.cli import main
from chamdiem.normalizers.units import clean_name, loosely_alike, unit_key, unit_level
from chamdiem.readers.pdf.ocr import ocr_missing
from conftest import extract_file, query
from renditions import FONT_DIR, write_docx, write_pdf, write_scan
from reports import dvcq_report, with_unread_criterion

HAVE_OCR = pathlib.Path(FONT_DIR, "DejaVuSans.ttf").exists() and ocr_missing() is None
MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
HEAD = f"UBND XÃ TỊNH KỲ                    {MOTTO}\n                                   Độc lập - Tự do - Hạnh phúc\n"
TINH_KY = [10, 9.5, 10, 10, 9, 10, 10, 10, 10, 8]


def test_the_motto_glued_to_a_unit_line_is_not_part_of_its_name():
    glued = f"UBND XÃ TỊNH KỲ {MOTTO} Độc lập - Tự do - Hạnh phúc"
    assert clean_name(glued) == "UBND XÃ TỊNH KỲ"
    assert clean_name(f"{MOTTO} UBND xã Tịnh Kỳ") == "UBND xã Tịnh Kỳ"
    assert clean_name("UBND XÃ TỊNH KỲ CỘNG") == "UBND XÃ TỊNH KỲ"       # a column cut after its first word
    assert clean_name("Hội Chủ Nghĩa Việt Nam") is None                  # only a piece of the motto
    assert clean_name("Sở Lao động - Thương binh và Xã hội") == "Sở Lao động - Thương binh và Xã hội"


def test_ubnd_and_uy_ban_nhan_dan_case_and_tone_marks_give_one_key():
    keys = {unit_key(n) for n in ("UBND xã Tịnh Kỳ", "Ủy ban nhân dân xã Tịnh Kỳ", "UỶ BAN NHÂN DÂN XÃ TỊNH KỲ",
                                  f"UBND XÃ TỊNH KỲ {MOTTO}", "ubnd xa tinh ky")}
    assert keys == {"uy ban nhan dan xa tinh ky"}


def test_levels_come_from_how_the_name_begins():
    assert [unit_level(unit_key(n)) for n in ("UBND tỉnh Quảng Ngãi", "UBND huyện Sơn Tịnh", "UBND phường Trần Phú",
                                              "Ủy ban nhân dân xã Tịnh Kỳ", "Sở Tư pháp", "Văn phòng UBND tỉnh",
                                              "UBND thành phố Quảng Ngãi", "Hợp tác xã An Phú")] == \
        ["tỉnh", "huyện", "phường", "xã", "sở", "sở", "thành phố", None]


def test_names_only_alike_are_a_doubtful_pair_and_different_units_are_not():
    assert loosely_alike(unit_key("UBND xã Tịnh Kỳ"), unit_key("UBND xã Tịnh Kì")) == 0.857
    assert loosely_alike(unit_key("UBND xã Tịnh Kỳ"), unit_key("xã Tịnh Kỳ")) == 0.385   # words added before
    assert loosely_alike(unit_key("UBND xã Tịnh Kỳ"), unit_key("UBND xã Nghĩa Dũng")) is None
    assert loosely_alike(unit_key("UBND phường Trần Phú"), unit_key("UBND phường Trần Hưng Đạo")) is None
    assert loosely_alike(unit_key("UBND xã Tịnh Kỳ"), unit_key("UBND phường Tịnh Kỳ")) is None   # another level


@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    """Four units: Tịnh Kỳ sent its report as DOCX, PDF and (with OCR) a scan; Trần Phú as a DOCX
    naming itself 'Ủy ban nhân dân' and a PDF naming itself 'UBND'; Sở Tư pháp two years, one with a
    criterion unread; and 'UBND xã Tịnh Kì', a name only alike Tịnh Kỳ's."""
    folder = tmp_path_factory.mktemp("mixed")
    tinh_ky = HEAD + dvcq_report("UBND xã Tịnh Kỳ", 2024, TINH_KY, number=12)
    write_docx(tinh_ky, folder / "tinh-ky.docx")
    write_pdf(tinh_ky, folder / "tinh-ky.pdf")
    if HAVE_OCR:
        write_scan(tinh_ky, folder / "tinh-ky-scan.pdf")
    write_docx(dvcq_report("Ủy ban nhân dân phường Trần Phú", 2024, [8] * 10, number=31), folder / "tran-phu.docx")
    write_pdf(dvcq_report("UBND phường Trần Phú", 2024, [8] * 10, number=31), folder / "tran-phu.pdf")
    (folder / "tu-phap-2023.txt").write_text(dvcq_report("Sở Tư pháp", 2023, [7] * 10, number=5), "utf-8")
    (folder / "tu-phap-2024.txt").write_text(
        with_unread_criterion(dvcq_report("Sở Tư pháp", 2024, [9] * 10, number=40), 3), "utf-8")
    (folder / "tinh-ki.txt").write_text(dvcq_report("UBND xã Tịnh Kì", 2024, [6] * 10, number=77), "utf-8")
    db = str(folder / "mixed.sqlite")
    assert main(["ingest", str(folder), "--db", db, "--workers", "2", "--quiet"]) == 0
    return folder, db


def test_one_current_report_per_unit_framework_and_year(mixed):
    _, db = mixed
    rows = query(db, "SELECT unit_name, framework, assessment_year, file_name FROM v_documents")
    assert sorted((r["unit_name"], r["assessment_year"], r["file_name"]) for r in rows) == [
        ("Sở Tư pháp", 2023, "tu-phap-2023.txt"), ("Sở Tư pháp", 2024, "tu-phap-2024.txt"),
        ("UBND xã Tịnh Kì", 2024, "tinh-ki.txt"), ("UBND xã Tịnh Kỳ", 2024, "tinh-ky.docx"),
        # the first form read names the unit (files are loaded in name order: the DOCX first)
        ("Ủy ban nhân dân phường Trần Phú", 2024, "tran-phu.docx")]
    assert {r["framework"] for r in rows} == {"dvcq"}


def test_one_unit_per_unit_with_its_level_and_the_names_it_was_read_under(mixed):
    _, db = mixed
    units = query(db, "SELECT name, level, reports, aliases, doubtful_pairs FROM v_units")
    assert sorted((u["name"], u["level"], u["reports"], u["aliases"], u["doubtful_pairs"]) for u in units) == [
        ("Sở Tư pháp", "sở", 2, 1, 0), ("UBND xã Tịnh Kì", "xã", 1, 1, 1), ("UBND xã Tịnh Kỳ", "xã", 1, 1, 1),
        ("Ủy ban nhân dân phường Trần Phú", "phường", 1, 1, 0)]
    # 'UBND phường Trần Phú' (the PDF) has the DOCX's key: the same alias, not a second one
    assert query(db, "SELECT alias_key FROM v_unit_aliases WHERE name LIKE '%Trần Phú'") == [
        {"alias_key": "uy ban nhan dan phuong tran phu"}]


def test_other_forms_are_renditions_of_the_best_read_one(mixed):
    _, db = mixed
    versions = {r["file_name"]: r for r in query(db, "SELECT * FROM v_document_versions")}
    docx = versions["tinh-ky.docx"]
    assert docx["is_current"] == 1 and docx["items_read"] == 11
    others = ["tinh-ky.pdf"] + (["tinh-ky-scan.pdf"] if HAVE_OCR else [])
    for name in others:
        v = versions[name]
        assert (v["is_current"], v["version_kind"], v["superseded_by"], v["unit_id"]) == \
            (0, "rendition", docx["document_id"], docx["unit_id"]), name
    assert versions["tinh-ky.pdf"]["version_reason"] in (
        f"rendition: the same report as document {docx['document_id']} (tinh-ky.docx, docx, 11 scored items read) "
        "(the same Số: 12/BC-UBND), which is better read and stays current; this one read 11 scored items",
        f"superseded by document {docx['document_id']} (tinh-ky.docx): current: the best-read rendition of its "
        "report, better read than " + versions["tinh-ky.docx"]["version_reason"][len("current: the best-read "
                                                                                  "rendition of its report, "
                                                                                  "better read than "):])
    assert versions["tran-phu.pdf"]["version_kind"] == "rendition"
    assert query(db, "SELECT count(*) AS n FROM v_findings WHERE kind = 'incomplete_resubmission'")[0]["n"] == 0


def test_completeness_and_the_total_that_cannot_be_computed(mixed):
    _, db = mixed
    rows = {r["file_name"]: r for r in query(db, "SELECT * FROM v_documents")}
    whole, gap = rows["tu-phap-2023.txt"], rows["tu-phap-2024.txt"]
    assert (whole["items_expected"], whole["items_read"], whole["criteria_unread"], whole["total_self"],
            whole["total_self_computed"], whole["total_note"]) == (11, 11, 0, 70, 70, "khớp (matches)")
    # criterion 3 is a row (its maximum is read) without a self score: read as an item, unread as a score
    assert (gap["items_expected"], gap["items_read"], gap["criteria_unread"], gap["total_self_computed"],
            gap["total_note"]) == (11, 11, 1, None, "không tính được: 1 tiêu chí không đọc được (not computed: "
                                                   "1 criteria not read)")


def test_a_report_whose_unit_line_was_lost_joins_the_same_report_in_another_form(mixed, tmp_path):
    """The header reader gave only a piece of the motto as the issuer: the report's Số and scores
    are those of a current report of a unit in another form, so it is that report's rendition."""
    from chamdiem.store.database import Store
    folder, db = mixed
    copy = tmp_path / "copy.sqlite"
    copy.write_bytes(pathlib.Path(db).read_bytes())
    doc = extract_file(folder / "tran-phu.pdf")
    doc.model.sha256 = "0" * 64   # another file of the same report
    doc.model.format = "html"
    doc.metadata.issuer = "Hội Chủ Nghĩa Việt Nam"
    store = Store(str(copy))
    try:
        assert store.load(doc) == "rendition"
    finally:
        store.close()
    (row,) = query(str(copy), "SELECT d.unit_id, d.version_kind, u.name FROM v_document_versions d "
                              "JOIN v_units u ON u.unit_id = d.unit_id WHERE d.sha256 = ?", "0" * 64)
    assert (row["name"], row["version_kind"]) == ("Ủy ban nhân dân phường Trần Phú", "rendition")
    assert len(query(str(copy), "SELECT * FROM v_units")) == 4


def test_units_command_lists_doubts_merges_and_the_file_applies_to_a_new_database(mixed, tmp_path, capsys):
    folder, db = mixed
    copy = tmp_path / "q.sqlite"
    copy.write_bytes(pathlib.Path(db).read_bytes())
    assert main(["units", "doubtful", "--db", str(copy)]) == 0
    out = capsys.readouterr().out
    assert "UBND xã Tịnh Kì" in out and "UBND xã Tịnh Kỳ" in out and "(similarity 0.86)" in out
    aliases = tmp_path / "don-vi.toml"
    assert main(["units", "merge", "UBND xã Tịnh Kì", "UBND xã Tịnh Kỳ", "--db", str(copy),
                 "--aliases", str(aliases)]) == 0
    assert "merged unit" in capsys.readouterr().out
    assert sorted(u["name"] for u in query(str(copy), "SELECT name FROM v_units")) == [
        "Sở Tư pháp", "UBND xã Tịnh Kỳ", "Ủy ban nhân dân phường Trần Phú"]
    # the merged unit keeps one current report of dvcq 2024: the better read (both read 11; DOCX first)
    tinh_ky = query(str(copy), "SELECT file_name FROM v_documents WHERE unit_name = 'UBND xã Tịnh Kỳ'")
    assert [r["file_name"] for r in tinh_ky] == ["tinh-ky.docx"]
    text = aliases.read_text("utf-8")
    assert 'name = "UBND xã Tịnh Kỳ"\nlevel = "xã"\naliases = ["UBND xã Tịnh Kì"]' in text
    assert main(["units", "rename", "Sở Tư pháp", "--name", "Sở Tư pháp tỉnh Quảng Ngãi", "--db", str(copy),
                 "--parent", "UBND tỉnh Quảng Ngãi", "--aliases", str(aliases)]) == 0
    # the province sent no report: naming it as a parent registers it
    assert query(str(copy), "SELECT name, level, parent_name, reports FROM v_units WHERE parent_id IS NOT NULL") == [
        {"name": "Sở Tư pháp tỉnh Quảng Ngãi", "level": "sở", "parent_name": "UBND tỉnh Quảng Ngãi", "reports": 2}]
    fresh = tmp_path / "fresh.sqlite"
    assert main(["ingest", str(folder), "--db", str(fresh), "--workers", "2", "--quiet"]) == 0
    assert main(["units", "apply", str(aliases), "--db", str(fresh)]) == 0
    assert sorted((u["name"], u["level"], u["parent_name"]) for u in query(str(fresh), "SELECT * FROM v_units")) == [
        ("Sở Tư pháp tỉnh Quảng Ngãi", "sở", "UBND tỉnh Quảng Ngãi"), ("UBND tỉnh Quảng Ngãi", "tỉnh", None),
        ("UBND xã Tịnh Kỳ", "xã", None), ("Ủy ban nhân dân phường Trần Phú", "phường", None)]
    assert query(str(fresh), "SELECT count(*) AS n FROM v_unit_doubts WHERE status = 'open'")[0]["n"] == 0


def test_units_command_errors_are_one_line(mixed, tmp_path, capsys):
    _, db = mixed
    assert main(["units", "merge", "UBND xã Không Có", "1", "--db", db]) == 2
    assert capsys.readouterr().err == "chamdiem units: no unit 'UBND xã Không Có' (see `chamdiem units`)\n"
    bad = tmp_path / "bad.toml"
    bad.write_text("[[unit]]\nlevel = 'xã'\n", "utf-8")
    assert main(["units", "apply", str(bad), "--db", db]) == 2
    assert capsys.readouterr().err == f"chamdiem units: {bad}: unit 1 has no name\n"
    assert main(["units", "list", "--db", str(tmp_path / "none.sqlite")]) == 2
    assert not (tmp_path / "none.sqlite").exists()


def test_the_ingest_summary_counts_the_findings_of_current_versions_only(tmp_path, capsys):
    """The same report as a PDF (loaded first, by name) and a DOCX that replaces it: its one error is
    counted once, not once per form."""
    report = dvcq_report("UBND xã Tịnh Kỳ", 2024, [10, 9.5, 11, 10, 9, 10, 10, 10, 10, 8], number=12)
    write_pdf(report, tmp_path / "r-1.pdf")
    write_docx(report, tmp_path / "r-2.docx")
    assert main(["ingest", str(tmp_path), "--db", str(tmp_path / "q.sqlite"), "--workers", "1"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("loaded 1, unchanged 0, replaced 1, failed 0 in ")
    assert out[1:] == ["findings: self_exceeds_max 1"]


def test_reports_loaded_before_the_registry_get_their_unit_when_the_database_is_opened(mixed, tmp_path):
    import sqlite3

    from chamdiem.store.database import Store
    _, db = mixed
    copy = tmp_path / "old.sqlite"
    copy.write_bytes(pathlib.Path(db).read_bytes())
    con = sqlite3.connect(copy)
    with con:   # as a database upgraded by migration 0010 holds them: no units yet
        con.execute("UPDATE documents SET unit_id = NULL")
        for table in ("unit_doubts", "unit_aliases", "units"):
            con.execute(f"DELETE FROM {table}")
    con.close()
    Store(str(copy)).close()
    assert query(str(copy), "SELECT count(*) AS n FROM documents WHERE unit_id IS NULL") == [{"n": 0}]
    assert len(query(str(copy), "SELECT * FROM v_units")) == 4


def test_the_indexed_names_find_exactly_the_pairs_of_comparing_every_name():
    """The registry finds a new name's doubtful pairs through an index of the names known
    (units.AlikeIndex) instead of comparing it with each: the pairs must be exactly those of
    comparing with each, for typos (one letter), words added before or after, and other levels."""
    from chamdiem.normalizers.units import AlikeIndex
    places = ["Tịnh Kỳ", "Tịnh Kì", "Nghĩa Hà", "Nghĩa Hòa", "Trần Phú", "Trần Hưng Đạo", "Phú Mỹ", "Phú Mỹ Tây",
              "An Bình", "An Binh", "Bình Sơn", "Sơn Tịnh", "Thạnh Lộc", "Thanh Lộc", "Long Mỹ", "Mỹ Long"]
    levels = ["UBND xã", "UBND phường", "xã", "Ủy ban nhân dân thị trấn", "UBND huyện", "Sở Nội vụ tỉnh", ""]
    keys = list(dict.fromkeys(filter(None, (unit_key(f"{level} {place}".strip())
                                            for place in places for level in levels))))
    index = AlikeIndex()
    pairs = 0
    for n, key in enumerate(keys):
        want: dict[int, float] = {}
        for other in keys[:n]:
            alike = loosely_alike(key, other)
            if alike is not None:
                want[index.unit_of[other]] = max(alike, want.get(index.unit_of[other], -1))
        assert index.alike(key) == want, key
        pairs += len(want)
        index.add(key, n)
    assert pairs > 50   # the names make many doubtful pairs of every kind


def test_a_report_whose_unit_line_was_lost_is_compared_with_other_forms_of_its_own_number_only(mixed, tmp_path):
    """The writer compares a lost-unit report only with the current versions in another form with
    its own "Số:" (same_report_strictly needs both): under a rewritten number it joins no unit, nor as
    a DOCX: Trần Phú's current version is its DOCX (the same form), its PDF is not current."""
    from chamdiem.store.database import Store
    folder, db = mixed
    for case, (number, fmt, unit) in enumerate([("32", "html", None), (None, "docx", None)]):
        copy = tmp_path / f"copy{case}.sqlite"
        copy.write_bytes(pathlib.Path(db).read_bytes())
        doc = extract_file(folder / "tran-phu.pdf")
        doc.model.sha256 = str(case) * 64
        doc.model.format = fmt
        doc.model.path = str(tmp_path / f"other{case}.{fmt}")   # not a version by its path
        doc.metadata.issuer = "Hội Chủ Nghĩa Việt Nam"
        if number:
            doc.metadata.report_number = doc.metadata.report_number.replace("31", number)
        store = Store(str(copy))
        try:
            store.load(doc)
        finally:
            store.close()
        (row,) = query(str(copy), "SELECT u.name FROM v_document_versions d LEFT JOIN v_units u "
                                  "ON u.unit_id = d.unit_id WHERE d.sha256 = ?", str(case) * 64)
        assert row["name"] == unit
