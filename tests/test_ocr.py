"""Scans: a known sheet written as a PDF (fpdf2, DejaVu), rendered to page images with pypdfium2 and
wrapped into an image-only PDF (or saved as a PNG page) is read by OCR into the same scores; values
read by OCR are marked with their confidence, and a scan without OCR installed stays
`no_text_layer` saying how to enable it."""
import os
import pathlib

import pytest

from conftest import FIXTURES, extract_file, query, scores_of
from chamdiem.interfaces.cli import main
from chamdiem.model.errors import NoTextLayer
from chamdiem.pipeline.extract import extract_document
from chamdiem.readers.dispatch import read_bytes, read_document
from chamdiem.readers.pdf.ocr import ocr_missing
from chamdiem.readers.text import parse_text
from renditions import FONT_DIR, write_pdf

HAVE_FONT = pathlib.Path(FONT_DIR, "DejaVuSans.ttf").exists()
needs_ocr = pytest.mark.skipif(not HAVE_FONT or ocr_missing() is not None,
                               reason=f"fonts-dejavu-core and OCR are needed: {ocr_missing()}")
SHEETS = ["tsv_sheet_short_rows_and_html_cells.txt", "tdkt_sheet_bonus_and_multi_number_cell.txt"]
SCAN_DPI = 200  # an office scanner's usual setting


def page_images(pdf_path, dpi=SCAN_DPI):
    import pypdfium2 as pdfium
    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        return [pdf[k].render(scale=dpi / 72).to_pil().convert("L") for k in range(len(pdf))]
    finally:
        pdf.close()


def scan_of(name, folder, suffix=".pdf", tilt=0.0, ruled=True):
    """The fixture as fpdf2 writes it, rasterised: an image-only PDF, or a PNG of its first page;
    ``tilt``: each page turned by that many degrees counter-clockwise, as a sheet fed askew;
    ``ruled=False``: a table without rules, its cells centred in their rows as word processors set them."""
    from PIL import Image
    typed = folder / (pathlib.Path(name).stem + ("_typed.pdf" if ruled else "_unruled_typed.pdf"))
    write_pdf((FIXTURES / name).read_text("utf-8"), typed, ruled=ruled, v_align="TOP" if ruled else "MIDDLE")
    images = page_images(typed)
    if tilt:
        images = [im.rotate(tilt, resample=Image.BICUBIC, expand=True, fillcolor=255) for im in images]
    stem = pathlib.Path(name).stem + ("" if ruled else "_unruled")
    out = folder / (stem + (f"_scan_tilted_{tilt:+g}" if tilt else "_scan") + suffix)
    if suffix == ".pdf":
        images[0].save(str(out), save_all=True, append_images=images[1:], resolution=SCAN_DPI)
    else:
        images[0].save(str(out), dpi=(SCAN_DPI, SCAN_DPI))
    return out


def fields_matched(expected, got):
    total = same = 0
    for cid, values in expected.items():
        for k, v in enumerate(values):
            if v is not None:
                total += 1
                same += got.get(cid, (None,) * 5)[k] == v
    return same, total


@pytest.fixture(scope="module")
def scans(tmp_path_factory):
    folder = tmp_path_factory.mktemp("scans")
    return {name: scan_of(name, folder) for name in SHEETS}


@needs_ocr
def test_rasterised_sheets_give_95_percent_of_score_fields_exactly(scans):
    same = total = 0
    for name, scan in scans.items():
        typed, read = extract_file(FIXTURES / name), extract_file(scan)
        assert read.model.ocr and read.model.format == "pdf"
        assert read.framework == typed.framework
        s, t = fields_matched(scores_of(typed), scores_of(read))
        same, total = same + s, total + t
    assert total == 41
    assert same / total >= 0.95, f"{same}/{total} score fields read exactly"


TILTS = {SHEETS[0]: 1.0, SHEETS[1]: -2.0}   # degrees, counter-clockwise


@needs_ocr
def test_tilted_scans_read_as_their_straight_twins(scans, tmp_path):
    """A sheet fed askew (one and two degrees, either way) is turned straight before its layout is
    read: at least 95% of its score fields equal its straight twin's."""
    same = total = 0
    for name, tilt in TILTS.items():
        straight, tilted = extract_file(scans[name]), extract_file(scan_of(name, tmp_path, tilt=tilt))
        assert tilted.model.ocr and tilted.framework == straight.framework
        s, t = fields_matched(scores_of(straight), scores_of(tilted))
        same, total = same + s, total + t
    assert total == 41
    assert same / total >= 0.95, f"{same}/{total} score fields as the straight scan reads them"


@needs_ocr
def test_unruled_scan_with_centred_cells_reads_its_columns_apart(tmp_path):
    """A sheet printed without rules, each cell centred in its row, scanned: its columns are cut
    apart at their white gutters before tesseract reads them (read as one block, a row's score
    cells, centred between two lines of the label, were run into the label's lines as garbage),
    and every score field equals the typed sheet's."""
    name = SHEETS[0]
    typed, read = extract_file(FIXTURES / name), extract_file(scan_of(name, tmp_path, ruled=False))
    assert read.model.ocr and read.framework == typed.framework == "dvcq"
    assert fields_matched(scores_of(typed), scores_of(read)) == (21, 21)
    assert scores_of(read)["dvcq.tc3.nd2"][:2] == (3.0, 2.5)


@needs_ocr
def test_scanned_header_cells_of_two_words_to_a_line_stay_one_column_each_over_two_pages(tmp_path):
    """An unruled sheet whose narrow score columns wrap their header cells two words to a line
    ('Điểm tối / đa'), begun low on its page and going on over the next without its header,
    scanned. OCR boxes hug the ink, so a space between two words read as wide as the gap between
    two columns: each header cell was split into columns of its own, the sheet lost its score
    columns' names. Each header cell is one column, and the rows of the second page keep the
    sheet's columns with their scores."""
    import unruled_fpdf
    layout = "narrow_header_cells_of_two_words"
    typed = tmp_path / f"{layout}.pdf"
    unruled_fpdf.write(layout, typed)
    images = page_images(typed)
    assert len(images) == 2
    scan = tmp_path / f"{layout}_scan.pdf"
    images[0].save(str(scan), save_all=True, append_images=images[1:], resolution=SCAN_DPI)
    read = extract_file(scan)
    assert read.model.ocr
    header = [" ".join(read.model.text[c.start:c.end].split()) for c in read.model.tables[0].rows[0].cells]
    assert header == ["TT", "Nội dung tiêu chí", "Điểm tối đa", "Điểm tự chấm", "Tài liệu kiểm chứng"]
    expected, got = unruled_fpdf.expected(layout), scores_of(read)
    second_page = {c.page for row in read.model.tables[0].rows for c in row.cells} == {1, 2}
    assert second_page
    for key in ("dvcq.tc6.nd2", "dvcq.tc6.nd3", "dvcq.tc6.nd4", "dvcq"):
        assert got[key] == expected[key]


@pytest.mark.skipif(not HAVE_FONT, reason="fonts-dejavu-core is needed to draw the numbers")
@pytest.mark.parametrize("printed, read, seen", [("3,5", "35", "3,5"), ("2,5", "215", "2,5"), ("2.5", "2:5", "2.5"),
                                                  ("8.5", "85", "8.5"), ("35", "35", "35"), ("10", "10", "10")])
def test_number_whose_point_both_readings_dropped_gets_it_back_from_its_ink(printed, read, seen):
    """A score cell '3,5' that tesseract read as '35' (a comma is a speck it drops), as '215' or
    '2:5': the ink under the word parts into the digits and, low between two of them, a blob too
    short for a digit; the point or comma is put back where it stands. A number without such a
    blob is left as read."""
    import numpy as np
    from PIL import Image, ImageDraw, ImageFont
    from chamdiem.readers.pdf.ocr import _OcrWord, _point_seen
    picture = Image.new("L", (80, 40), 255)
    ImageDraw.Draw(picture).text((10, 8), printed, fill=0, font=ImageFont.truetype(f"{FONT_DIR}/DejaVuSans.ttf", 25))
    image = np.asarray(picture)
    cols = np.flatnonzero((image < 128).any(axis=0))
    word = _OcrWord(read, 80.0, int(cols[0]), 8, int(cols[-1] - cols[0] + 1), 25, 4, 38)
    assert _point_seen(word, image, 0, 0).text == seen


def test_short_cell_whose_second_reading_keeps_a_dropped_decimal_point_is_kept_and_flagged():
    """Two readings of a score cell, '23' and '2.3': the same digits, one with the point tesseract
    is apt to drop. The one with the point is kept, at the disagreement's capped confidence, so the
    value gets a low_confidence_value finding instead of loading 23 silently."""
    from chamdiem.readers.pdf.ocr import _OcrWord, _settle
    dropped = [_OcrWord("23", 83.0, 5, 5, 30, 20, 5, 25)]
    kept = [_OcrWord("2.3", 62.0, 5, 5, 34, 20, 5, 25)]
    for first, second in ((dropped, kept), (kept, dropped)):
        (word,) = _settle(first, second, 50.0)
        assert (word.text, word.conf) == ("2.3", 50.0)


@pytest.mark.skipif(not HAVE_FONT or ocr_missing() is not None, reason="fonts-dejavu-core, numpy and Pillow are needed")
@pytest.mark.parametrize("tilt", [0.0, 0.7, -1.0, 2.5, -3.0])
@pytest.mark.parametrize("name", [SHEETS[0], "narrative_without_scores.txt"])
def test_skew_angle_of_a_turned_page(name, tilt, tmp_path):
    """From a sheet's rules, or from a narrative page's lines of text alone."""
    import numpy as np
    from PIL import Image

    from chamdiem.readers.pdf.deskew import skew_angle
    typed = tmp_path / "typed.pdf"
    write_pdf((FIXTURES / name).read_text("utf-8"), typed, ruled=True, v_align="TOP")
    page = page_images(typed)[0].rotate(tilt, resample=Image.BICUBIC, expand=True, fillcolor=255)
    assert skew_angle(np.asarray(page), 3.0, 0.05) == pytest.approx(tilt, abs=0.051)


@needs_ocr
def test_scan_values_are_marked_as_ocr_with_their_confidence(scans, db):
    scan = scans[SHEETS[0]]
    assert main(["ingest", str(scan), "--db", db, "--quiet"]) == 0
    (doc,) = query(db, "SELECT format, ocr, framework FROM v_documents")
    assert doc == {"format": "pdf", "ocr": 1, "framework": "dvcq"}
    rows = query(db, "SELECT source, confidence FROM v_scores")
    assert rows and all(r["source"] == "ocr" and 0 <= r["confidence"] <= 100 for r in rows)
    values = query(db, "SELECT confidence FROM v_observations")
    assert values and all(v["confidence"] is not None for v in values)


@needs_ocr
def test_png_page_image_is_read_by_ocr(tmp_path):
    scan = scan_of(SHEETS[0], tmp_path, ".png")
    typed, read = extract_file(FIXTURES / SHEETS[0]), extract_file(scan)
    assert read.model.ocr and read.model.format == "png"
    same, total = fields_matched(scores_of(typed), scores_of(read))
    assert same / total >= 0.95, f"{same}/{total}"


def test_number_read_with_low_confidence_gets_a_finding_not_a_silent_value():
    text = (FIXTURES / SHEETS[0]).read_text("utf-8")
    model = parse_text(text, path="scan.png", sha256="x", fmt="png")
    value = text.index("\t2,5\t") + 1  # Nội dung 2 of Tiêu chí 3, self score
    model.ocr = True
    model.ocr_words = [(0, value, 96.0), (value, value + 3, 41.0), (value + 3, len(text), 96.0)]
    report = extract_document(model)
    (low,) = [f for f in report.findings if f.kind == "low_confidence_value"]
    assert (low.criterion_id, low.field, low.start, low.end) == ("dvcq.tc3.nd2", "self_score", value, value + 3)
    assert "confidence 41" in low.message
    score = next(s for s in report.scores if s.criterion_id == "dvcq.tc3.nd2")
    assert score.values["self_score"] == 2.5 and score.confidence == 41.0


@pytest.mark.skipif(not HAVE_FONT, reason="fonts-dejavu-core is needed to build PDF fixtures")
def test_scan_without_ocr_stays_no_text_layer_and_says_how_to_enable_it(tmp_path, monkeypatch):
    typed = tmp_path / "typed.pdf"
    write_pdf((FIXTURES / SHEETS[0]).read_text("utf-8"), typed, ruled=True, v_align="TOP")
    scan = tmp_path / "scan.pdf"
    images = page_images(typed, dpi=72)
    images[0].save(str(scan), save_all=True, append_images=images[1:], resolution=72)
    try:
        import pytesseract
        monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", str(tmp_path / "no-tesseract-here"))
    except ImportError:
        pass  # no OCR extra at all: the same error
    ocr_missing.cache_clear()
    try:
        data, sha = read_bytes(str(scan))
        with pytest.raises(NoTextLayer) as err:
            read_document(str(scan), data, sha)
    finally:
        ocr_missing.cache_clear()
    assert "a scan" in err.value.reason and "pip install 'chamdiem[ocr]'" in err.value.reason
    assert "tesseract-ocr-vie" in err.value.reason


@needs_ocr
@pytest.mark.skipif(len(os.sched_getaffinity(0)) < 2, reason="two page workers need two cores")
def test_pages_read_in_parallel_give_the_text_of_pages_read_one_by_one(tmp_path, monkeypatch):
    """A 3-page scan read with 2 page workers (each page its own single-threaded tesseract) gives the
    document text and word confidences that reading its pages one by one gives, in page order."""
    from chamdiem.lexicon.catalogs import catalog
    from chamdiem.readers.pdf.ocr import page_workers
    images = []
    for name in [*SHEETS, "narrative_without_scores.txt"]:
        typed = tmp_path / (pathlib.Path(name).stem + ".pdf")
        write_pdf((FIXTURES / name).read_text("utf-8"), typed, ruled=True, v_align="TOP")
        images += page_images(typed)
    assert len(images) >= 3
    scan = tmp_path / "three_pages.pdf"
    images[0].save(str(scan), save_all=True, append_images=images[1:3], resolution=SCAN_DPI)
    models = {}
    for workers in (1, 2):
        monkeypatch.setitem(catalog("ocr"), "page_workers", workers)
        assert page_workers(3) == workers
        models[workers] = read_document(str(scan), *read_bytes(str(scan)))
    one, two = models[1], models[2]
    assert len(one.page_starts) == len(two.page_starts) == 2
    assert two.page_starts == one.page_starts and two.text == one.text
    assert two.ocr_words == one.ocr_words
