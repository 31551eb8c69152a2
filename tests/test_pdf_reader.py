"""PDF renditions (built here with fpdf2 and the DejaVu font) give exactly the text results; a text
layer that cannot be trusted is refused with a typed error instead of loading garbage."""
import pathlib

import pytest

from conftest import FIXTURES, SHARED, extract_file, findings_of, scores_of, seed_renditions_meet_gold
from chamdiem.readers.dispatch import read_bytes, read_document
from chamdiem.model.errors import BrokenTextLayer, CorruptFile, EncryptedPdf, NoTextLayer, UnsupportedFormat
from renditions import FONT_DIR, write_pdf

pytestmark = pytest.mark.skipif(not pathlib.Path(FONT_DIR, "DejaVuSans.ttf").exists(),
                                reason="fonts-dejavu-core is needed to build PDF fixtures")

SHEETS = ["tsv_sheet_short_rows_and_html_cells.txt", "markdown_rows_split_by_page_break.md",
          "tdkt_sheet_bonus_and_multi_number_cell.txt", "narrative_total_only_wrong_class.txt"]
ROOT = pathlib.Path(__file__).resolve().parents[1]


def cites(doc):
    return sorted(str((c.doc_type, c.number, c.year, c.symbol, c.issued_on, c.criterion_id)) for c in doc.citations)


@pytest.mark.parametrize("name", SHEETS)
@pytest.mark.parametrize("ruled,v_align", [(True, "TOP"), (True, "MIDDLE"), (False, "TOP")])
def test_pdf_renditions_give_the_text_results(name, ruled, v_align, tmp_path):
    src = FIXTURES / name
    out = tmp_path / (src.stem + ".pdf")
    write_pdf(src.read_text("utf-8"), out, ruled=ruled, v_align=v_align)
    a, b = extract_file(src), extract_file(out)
    assert b.model.format == "pdf"
    assert scores_of(b) == scores_of(a)
    assert findings_of(b) == findings_of(a)
    assert b.metadata == a.metadata
    assert cites(b) == cites(a)
    assert all(s.page == 1 for s in b.scores)


def test_sheet_running_over_pages_keeps_each_rows_page(tmp_path):
    src = ROOT / "data" / "raw" / "bao_cao_dvcq_so_tai_chinh_2024.txt"
    out = tmp_path / "long.pdf"
    write_pdf(src.read_text("utf-8"), out, font_size=9)
    a, b = extract_file(src), extract_file(out)
    assert scores_of(b) == scores_of(a)
    assert findings_of(b) == findings_of(a)
    pages = {s.criterion_id: s.page for s in b.scores}
    assert pages["dvcq.tc1"] == 1 and pages["dvcq"] > 1
    assert len(b.model.page_starts) + 1 == pages["dvcq"]
    # the header repeated on each page is dropped, not read as an item
    assert not [f for f in b.findings if f.kind == "unmapped_item"]


def _pdf(tmp_path, name, build):
    from fpdf import FPDF
    pdf = FPDF()
    pdf.add_font("DejaVu", "", f"{FONT_DIR}/DejaVuSans.ttf")
    pdf.set_font("DejaVu", size=11)
    pdf.add_page()
    build(pdf)
    path = tmp_path / name
    pdf.output(str(path))
    return path


def _read(path):
    data, sha = read_bytes(str(path))
    return read_document(str(path), data, sha)


def test_scanned_pdf_is_an_error_not_an_empty_document(tmp_path):
    from PIL import Image
    img = tmp_path / "scan.png"
    Image.new("RGB", (200, 100), "white").save(img)
    path = _pdf(tmp_path, "scan.pdf", lambda pdf: pdf.image(str(img), w=100))
    with pytest.raises(NoTextLayer) as exc:
        _read(path)
    assert exc.value.kind == "no_text_layer"


def test_glyphs_without_unicode_meaning_are_a_broken_text_layer(tmp_path):
    import re

    def plain(pdf):
        pdf.set_compression(False)
        pdf.cell(text="Báo cáo tự đánh giá chấm điểm")
    path = _pdf(tmp_path, "broken.pdf", plain)
    data = path.read_bytes()
    # every glyph of the font now maps to U+FFFD: same byte length, so the file stays valid
    broken = re.sub(rb"(<[0-9A-F]{4}> )<(?!0020)[0-9A-F]{4}>", rb"\1<FFFD>", data)
    assert broken != data and len(broken) == len(data)
    path.write_bytes(broken)
    with pytest.raises(BrokenTextLayer) as exc:
        _read(path)
    assert exc.value.kind == "broken_text_layer"


def test_legacy_tcvn3_font_is_converted(tmp_path):
    tcvn3 = "Qu¶ng Ng·i, ngµy 14 th¸ng 11 n¨m 2024"
    path = _pdf(tmp_path, "vn.pdf", lambda pdf: pdf.cell(text=tcvn3))
    data = path.read_bytes()
    assert b"DejaVuSans" in data
    path.write_bytes(data.replace(b"DejaVuSans", b".VnTimeABC"))  # same length: offsets hold
    doc = _read(path)
    assert doc.blocks[0].text == "Quảng Ngãi, ngày 14 tháng 11 năm 2024"
    assert doc.legacy_encoding == "tcvn3"


def test_legacy_vni_font_is_converted_glyph_by_glyph(tmp_path):
    vni = "Quaûng Ngaõi, ngaøy 14 thaùng 11 naêm 2024; Vaên phoøng Tröôøng"
    path = _pdf(tmp_path, "vni.pdf", lambda pdf: pdf.cell(text=vni))
    path.write_bytes(path.read_bytes().replace(b"DejaVuSans", b"VNI-TimesX"))  # same length: offsets hold
    doc = _read(path)
    assert doc.blocks[0].text == "Quảng Ngãi, ngày 14 tháng 11 năm 2024; Văn phòng Trường"
    assert doc.legacy_encoding == "vni"


def test_encrypted_and_corrupt_pdfs_are_typed_errors(tmp_path):
    def secret(pdf):
        pdf.set_encryption(owner_password="o", user_password="u")
        pdf.cell(text="Báo cáo")
    path = _pdf(tmp_path, "enc.pdf", secret)
    with pytest.raises(EncryptedPdf) as exc:
        _read(path)
    assert exc.value.kind == "encrypted_pdf"
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage")
    with pytest.raises(CorruptFile):
        _read(bad)


@pytest.mark.skipif(not (SHARED / "gold").is_dir(), reason="../shared (seeds and gold) not present")
def test_seed_pdf_renditions_meet_the_gold(tmp_path):
    status, out = seed_renditions_meet_gold(tmp_path, "pdf", write_pdf)
    assert status == 0, out


def test_doc_without_libreoffice_says_how_to_enable_it(tmp_path, monkeypatch):
    import chamdiem.readers.doc
    monkeypatch.setattr(chamdiem.readers.doc.shutil, "which", lambda name: None)
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 legacy word")  # the OLE2 signature
    with pytest.raises(UnsupportedFormat) as exc:
        _read(path)
    assert exc.value.kind == "unsupported_format" and "LibreOffice" in exc.value.reason
