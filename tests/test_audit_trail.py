"""The auditor's trail without a browser: every value read from a PDF keeps the page and box of
its characters, `chamdiem trace --png` draws those boxes on the page, a source file gone or changed
is said, and a verdict given with `chamdiem review` reaches v_scores, the workbook and `reviews
export`, outlives a re-ingest of the same file and turns stale when the report is replaced."""
import io
import json
import shutil

import pytest

from audit_reports import chars_in, write_report
from conftest import query
from chamdiem.interfaces.cli import main
from chamdiem.readers.pdf.ocr import ocr_missing
from reports import dvcq_report

pytest.importorskip("fpdf", reason="the PDF fixtures are written with fpdf2")


@pytest.fixture(scope="module")
def pdf_db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pdf")
    pdf = write_report("pdf", folder)
    db = str(folder / "audit.sqlite")
    assert main(["ingest", str(pdf), "--db", db, "--quiet"]) == 0
    return pdf, db


def test_each_pdf_value_is_boxed_around_exactly_its_characters(pdf_db):
    pdf, db = pdf_db
    values = query(db, "SELECT * FROM v_observations")
    assert len(values) == 23
    for v in values:
        box = (v["x0"], v["y0"], v["x1"], v["y1"])
        spelled, boxes = chars_in(pdf, v["page"], box)
        assert spelled == v["raw"].replace(" ", ""), (v["criterion_id"], v["field"])
        # the stored box is the union of those characters' boxes (float32 on disk, rounded to 0.01)
        union = (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
        assert box == pytest.approx(union, abs=0.02)


def test_rows_and_cited_documents_of_a_pdf_have_boxes_too(pdf_db):
    pdf, db = pdf_db
    row = query(db, "SELECT * FROM v_scores WHERE criterion_id = 'dvcq.tc1'")[0]
    spelled, _ = chars_in(pdf, row["page"], (row["x0"], row["y0"], row["x1"], row["y1"]))
    assert spelled.startswith("Tiêuchí1:Côngtáctriểnkhai") and spelled.endswith("1010")
    cite = query(db, "SELECT * FROM v_citations WHERE text LIKE 'Quyết định số_12/QĐ-STP%'")[0]
    spelled, _ = chars_in(pdf, cite["page"], (cite["x0"], cite["y0"], cite["x1"], cite["y1"]))
    assert spelled == cite["text"].replace(" ", "").replace("\n", "")


def test_text_reports_keep_no_boxes(tmp_path, db):
    write_report("txt", tmp_path)
    assert main(["ingest", str(tmp_path), "--db", db, "--quiet"]) == 0
    assert query(db, "SELECT count(*) AS n FROM v_observations WHERE x0 IS NOT NULL OR page IS NOT NULL")[0]["n"] == 0
    assert query(db, "SELECT count(*) AS n FROM v_scores WHERE x0 IS NOT NULL")[0]["n"] == 0


def _crop(db, file_name, criterion):
    from chamdiem.interfaces.trace import load_trace
    from chamdiem.interfaces.trace_command import sqlalchemy_fetch
    from chamdiem.interfaces.trace_image import render_page
    from chamdiem.store.database import open_existing
    with open_existing(db).connect() as con:
        t = load_trace(sqlalchemy_fetch(con), criterion, file_name=file_name)
    return t, render_page(t)


def test_trace_png_is_the_row_with_each_value_boxed_in_its_colour(pdf_db, tmp_path):
    from PIL import Image
    from chamdiem.interfaces.trace_image import BOX_STYLE, CITED
    pdf, db = pdf_db
    out = tmp_path / "crop.png"
    assert main(["trace", pdf.name, "dvcq.tc1.nd2", "--db", db, "--png", str(out)]) == 0
    _, crop = _crop(db, pdf.name, "dvcq.tc1.nd2")
    assert out.read_bytes() == crop.png
    image = Image.open(io.BytesIO(crop.png)).convert("RGB")
    ox, oy = crop.origin
    drawn = {d.kind: d.box for d in crop.drawn}
    assert sorted(d.kind for d in crop.drawn) == ["cited", "cited", "max_points", "row", "self_score"]
    colours = dict(BOX_STYLE, cited=CITED)
    for kind in ("max_points", "self_score", "cited"):
        x0, y0, x1, y1 = drawn[kind]
        # the rectangle's left side, 1.5 points outside the characters, half way down
        left = round((x0 - 1.5 - ox) * crop.scale)
        middle = round(((y0 + y1) / 2 - oy) * crop.scale)
        assert image.getpixel((left, middle)) == colours[kind][1]
        assert image.getpixel((left + 6, middle)) != colours[kind][1]   # inside: the page, not the pen


def test_trace_html_of_a_pdf_score_holds_the_crop_and_the_boxes(pdf_db, tmp_path, capsys):
    import base64
    import re
    pdf, db = pdf_db
    page = tmp_path / "trace.html"
    assert main(["trace", pdf.name, "dvcq.tc1.nd2", "--db", db, "--html", str(page)]) == 0
    assert "    self_score       3  (written '3', chars 996-997, line 35, page 1 box 383.26,389-388.35,398.31)" \
        in capsys.readouterr().out
    html = page.read_text("utf-8")
    _, crop = _crop(db, pdf.name, "dvcq.tc1.nd2")
    embedded = re.search(r'<img id="crop" src="data:image/png;base64,([^"]+)"', html).group(1)
    assert base64.b64decode(embedded) == crop.png
    assert '<tr class="box" data-kind="self_score" data-box="383.26,389,388.35,398.31">' in html


@pytest.mark.skipif(ocr_missing() is not None, reason=f"OCR is needed: {ocr_missing()}")
def test_a_png_page_image_is_drawn_on_at_its_own_resolution(tmp_path):
    """A scan saved as a PNG (200 dpi): its boxes, in points, land on its ink once the image is
    scaled to the crop's pixels per point."""
    from PIL import Image
    from chamdiem.interfaces.trace_image import BOX_STYLE
    from test_ocr import SCAN_DPI, page_images
    from audit_reports import typed_pdf_of_scan
    typed = typed_pdf_of_scan(tmp_path)
    scan = tmp_path / "so-y-te.png"
    page_images(typed)[0].save(str(scan), dpi=(SCAN_DPI, SCAN_DPI))
    db = str(tmp_path / "png.sqlite")
    assert main(["ingest", str(scan), "--db", db, "--quiet"]) == 0
    t, crop = _crop(db, scan.name, "dvcq.tc1.nd2")
    image = Image.open(io.BytesIO(crop.png)).convert("RGB")
    ox, oy = crop.origin
    for v in query(db, "SELECT * FROM v_observations WHERE criterion_id = 'dvcq.tc1.nd2'"):
        box = (v["x0"], v["y0"], v["x1"], v["y1"])
        spelled, _ = chars_in(typed, 1, box, 1.5)   # the typed characters under the scan's ink
        assert spelled == v["raw"]
        pixel = image.getpixel((round((box[0] - 1.5 - ox) * crop.scale), round(((box[1] + box[3]) / 2 - oy) * crop.scale)))
        assert pixel == BOX_STYLE[v["field"]][1]


def test_a_source_file_gone_or_changed_is_said_and_nothing_is_drawn(tmp_path, capsys):
    pdf = write_report("pdf", tmp_path)
    db = str(tmp_path / "q.sqlite")
    assert main(["ingest", str(pdf), "--db", db, "--quiet"]) == 0
    original = pdf.read_bytes()
    pdf.write_bytes(original + b"\n% edited\n")
    _, said = _crop(db, pdf.name, "dvcq.tc1")
    assert said == f"the source file changed since it was read: {pdf} no longer has sha256 " + \
        query(db, "SELECT sha256 FROM v_documents")[0]["sha256"]
    pdf.unlink()
    capsys.readouterr()
    assert main(["trace", pdf.name, "dvcq.tc1", "--db", db, "--png", str(tmp_path / "c.png")]) == 1
    assert f"no image written: the source file is gone: {pdf} no longer exists" in capsys.readouterr().err
    assert not (tmp_path / "c.png").exists()


def _status(db, criterion):
    return query(db, "SELECT self_score, reviewed_value, review_status, reviewed_field FROM v_scores "
                     "WHERE criterion_id = ?", criterion)[0]


def test_verdicts_reach_v_scores_workbook_and_export_outlive_reingest_and_turn_stale(tmp_path, capsys):
    import openpyxl
    folder = tmp_path / "q4"
    folder.mkdir()
    report = folder / "tinh-ky.txt"
    report.write_text(dvcq_report("UBND xã Tịnh Kỳ", 2024, [10, 9.5, 10, 10, 9, 10, 10, 10, 10, 8]), "utf-8")
    db = str(tmp_path / "q4.sqlite")
    assert main(["ingest", str(folder), "--db", db, "--quiet"]) == 0
    assert main(["review", "tinh-ky.txt", "dvcq.tc1", "--confirm", "--by", "Lê Thị Lan", "--db", db]) == 0
    assert main(["review", "tinh-ky.txt", "dvcq.tc2", "--value", "8,5", "--note", "viết 8,5 trong bản in",
                 "--by", "Lê Thị Lan", "--db", db]) == 0
    assert main(["review", "tinh-ky.txt", "dvcq.tc3", "--unreadable", "--by", "Lê Thị Lan", "--db", db]) == 0
    assert _status(db, "dvcq.tc1") == dict(self_score=10, reviewed_value=10, review_status="confirmed",
                                           reviewed_field="self_score")
    assert _status(db, "dvcq.tc2") == dict(self_score=9.5, reviewed_value=8.5, review_status="corrected",
                                           reviewed_field="self_score")
    assert _status(db, "dvcq.tc3") == dict(self_score=10, reviewed_value=None, review_status="unreadable",
                                           reviewed_field="self_score")
    assert _status(db, "dvcq.tc4")["review_status"] is None
    # nothing extracted is overwritten, and the value read is kept beside each verdict
    assert [(r["criterion_id"], r["value_read"], r["verdict"], r["value"], r["note"]) for r in
            query(db, "SELECT * FROM reviews ORDER BY id")] == [
        ("dvcq.tc1", 10, "confirmed", 10, None), ("dvcq.tc2", 9.5, "corrected", 8.5, "viết 8,5 trong bản in"),
        ("dvcq.tc3", 10, "unreadable", None, None)]
    # the same file ingested again: the verdicts stay attached
    assert main(["ingest", str(folder), "--db", db, "--quiet"]) == 0
    assert _status(db, "dvcq.tc2")["review_status"] == "corrected"
    # the workbook marks the reviewed cells and lists every verdict
    book = tmp_path / "q4.xlsx"
    assert main(["export", "--db", db, "-o", str(book)]) == 0
    wb = openpyxl.load_workbook(book)
    listed = [[c.value for c in r] for r in wb["Kiểm tra"].iter_rows(min_row=2)]
    assert [(r[1], r[3], r[4], r[5], r[7], r[9]) for r in listed] == [
        ("dvcq.tc1", 10, "xác nhận (confirmed)", 10, "Lê Thị Lan", 0),
        ("dvcq.tc2", 9.5, "sửa (corrected)", 8.5, "Lê Thị Lan", 0),
        ("dvcq.tc3", 10, "không đọc được (unreadable)", None, "Lê Thị Lan", 0)]
    sheet = wb["dvcq 2024"]
    titles = [c.value for c in sheet[3]]
    tc2 = sheet.cell(4, titles.index("TC2") + 1)
    assert tc2.value == 9.5 and tc2.font.b and tc2.comment.text.startswith(
        "Đã kiểm tra (reviewed): sửa (corrected), 8.5 · Lê Thị Lan")
    assert not sheet.cell(4, titles.index("TC4") + 1).font.b
    # reviews export: a gold file whose scores are the values read with the auditor's in their place
    gold = tmp_path / "gold"
    assert main(["reviews", "export", "--db", db, "-o", str(gold)]) == 0
    g = json.loads((gold / "tinh-ky.json").read_text("utf-8"))
    assert g["file"] == "tinh-ky.txt" and g["framework"] == "dvcq"
    assert g["score_fields"] == ["max_points", "self_score", "authority_score", "bonus_max", "bonus_self",
                                 "bonus_authority"]
    assert g["scores"]["dvcq.tc1"] == [10, 10, None, None, None, None]
    assert g["scores"]["dvcq.tc2"] == [10, 8.5, None, None, None, None]
    assert g["scores"]["dvcq.tc3"] == [10, "*", None, None, None, None]
    assert g["scores"]["dvcq.tc4"] == [10, 10, None, None, None, None]
    assert [r["verdict"] for r in g["reviews"]] == ["confirmed", "corrected", "unreadable"]
    # the report replaced by a new version (same path, other bytes): the verdicts are stale
    report.write_text(dvcq_report("UBND xã Tịnh Kỳ", 2024, [10, 8.5, 10, 10, 9, 10, 10, 10, 10, 8], day=20), "utf-8")
    assert main(["ingest", str(folder), "--db", db, "--quiet"]) == 0
    assert _status(db, "dvcq.tc2") == dict(self_score=8.5, reviewed_value=8.5, review_status="stale",
                                           reviewed_field="self_score")
    assert [r["is_stale"] for r in query(db, "SELECT is_stale FROM v_reviews")] == [1, 1, 1]
    shutil.rmtree(gold)
    assert main(["reviews", "export", "--db", db, "-o", str(gold)]) == 0
    assert list(gold.iterdir()) == []


def test_a_verdict_that_cannot_be_given_changes_nothing(tmp_path, capsys):
    report = tmp_path / "a.txt"
    report.write_text(dvcq_report("UBND xã Tịnh Kỳ", 2024, [9] * 10), "utf-8")
    db = str(tmp_path / "a.sqlite")
    assert main(["ingest", str(report), "--db", db, "--quiet"]) == 0
    capsys.readouterr()
    assert main(["review", "a.txt", "dvcq.tc1", "--value", "chín", "--by", "Lan", "--db", db]) == 2
    assert capsys.readouterr().err == ("chamdiem review: --value 'chín' is not a number "
                                       "(write it as 3,5 or 3.5)\n")
    assert main(["review", "a.txt", "dvcq.tc42", "--confirm", "--by", "Lan", "--db", db]) == 1
    assert capsys.readouterr().err == "chamdiem review: document 1 has no current score for dvcq.tc42\n"
    assert main(["review", "b.txt", "dvcq.tc1", "--confirm", "--by", "Lan", "--db", db]) == 1
    assert main(["review", "a.txt", "dvcq.tc1", "--confirm", "--by", " ", "--db", db]) == 1
    assert query(db, "SELECT count(*) AS n FROM reviews")[0]["n"] == 0


def test_trace_and_review_upgrade_a_database_made_before_boxes_and_verdicts(tmp_path, capsys):
    from conftest import upgrade_to
    db = str(tmp_path / "old.sqlite")
    upgrade_to(db, "0005")
    assert main(["trace", "a.txt", "dvcq.tc1", "--db", db]) == 1
    assert capsys.readouterr().err == (f"chamdiem: upgraded {db} to the current schema\n"
                                       "a.txt: not in the database (ingest it first)\n")
    from chamdiem.store.schema.revision import head_revision
    assert query(db, "SELECT version_num FROM alembic_version") == [{"version_num": head_revision()}]
    assert main(["review", "a.txt", "dvcq.tc1", "--confirm", "--by", "Lan", "--db", db]) == 1
