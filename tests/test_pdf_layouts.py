"""PDF score sheets as report generators print them: no rules at all, cells vertically centred
(or bottom-aligned), wrapped header words and multi-line cells. Columns come from text alignment,
rows from vertical clustering, and a multi-line cell stays one cell."""
import pathlib

import pytest

from conftest import SHARED, extract_file, findings_of, scores_of, seed_renditions_meet_gold
from make_sheets import EXPECTED, HEADER, body_rows, write_tsv
from renditions import FONT_DIR, write_pdf

pytestmark = pytest.mark.skipif(not pathlib.Path(FONT_DIR, "DejaVuSans.ttf").exists(),
                                reason="fonts-dejavu-core is needed to build PDF fixtures")


@pytest.mark.parametrize("v_align", ["MIDDLE", "BOTTOM"])
@pytest.mark.parametrize("style", ["dotted", "letters"])
def test_unruled_sheet_with_vertically_aligned_cells(tmp_path, v_align, style):
    src = tmp_path / "sheet.txt"
    write_tsv(src, [HEADER], body_rows(style))
    out = tmp_path / f"unruled_{v_align.lower()}_{style}.pdf"
    write_pdf(src.read_text("utf-8"), out, ruled=False, v_align=v_align, label_width=45)
    doc = extract_file(out)
    assert scores_of(doc) == EXPECTED
    assert findings_of(doc) == []


def test_multi_line_cells_of_a_centred_unruled_row_are_one_cell(tmp_path):
    src = tmp_path / "sheet.txt"
    write_tsv(src, [HEADER], body_rows("dotted"))
    out = tmp_path / "unruled_middle.pdf"
    write_pdf(src.read_text("utf-8"), out, ruled=False, v_align="MIDDLE", label_width=45)
    doc = extract_file(out)
    nd1 = next(o for o in doc.observations if o.criterion_id == "dvcq.tc2.nd1")
    assert nd1.marker == "2.1"
    assert nd1.label == "Ban hành văn bản triển khai, thực hiện hiệu quả nhiệm vụ chính trị hằng năm"
    row = next(r for t in doc.model.tables for r in t.rows if r.start == nd1.start)
    evidence = [c.text for c in row.cells if "KH-UBND" in c.text]
    assert len(evidence) == 1 and " ".join(evidence[0].split()) == "Kế hoạch số 21/KH-UBND ngày 06/02/2024"
    cited = [c for c in doc.citations if c.number == "21"]
    assert [(c.symbol, c.issued_on, c.criterion_id) for c in cited] == [("KH-UBND", "2024-02-06", "dvcq.tc2.nd1")]


def _ruled_pdf_with_merged_numbers(path):
    """fpdf2 table whose criterion numbers are cells spanning their contents' rows (rowspan)."""
    from fpdf import FPDF

    import make_sheets
    pdf = FPDF()
    pdf.add_font("DejaVu", "", f"{FONT_DIR}/DejaVuSans.ttf")
    pdf.add_font("DejaVu", "B", f"{FONT_DIR}/DejaVuSans-Bold.ttf")
    pdf.set_font("DejaVu", size=8)
    pdf.add_page()
    rows = body_rows("letters")
    spans = make_sheets._group_spans(rows)
    with pdf.table(col_widths=[12, 80, 16, 16, 16, 40], text_align="LEFT", v_align="MIDDLE", line_height=4) as t:
        r = t.row()
        for h in HEADER:
            r.cell(h)
        for i, row in enumerate(rows):
            r = t.row()
            for j, v in enumerate(row):
                if j == 0 and any(s < i < s + n for s, n in spans.items()):
                    continue
                r.cell(v, rowspan=spans.get(i, 1) if j == 0 else 1)
    pdf.output(str(path))


def test_ruled_pdf_number_merged_over_rows_belongs_to_each(tmp_path):
    out = tmp_path / "merged_numbers.pdf"
    _ruled_pdf_with_merged_numbers(out)
    doc = extract_file(out)
    assert scores_of(doc) == EXPECTED
    below = [r.cells[0] for r in doc.model.tables[0].rows if r.cells[0].merged_from is not None]
    assert len(below) == 7 and {c.merged_from.text for c in below} == {"2", "6"}


def _unruled_pdf_long_labels(path, v_align, padding, style):
    """Labels of four to six lines (the framework's full item texts), cells with no padding at all:
    nothing but the alignment tells where one row ends and the next begins."""
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    from make_sheets import ITEMS, STYLES
    from chamdiem.normalizers.framework_catalog import frameworks
    fw = frameworks()["dvcq"]
    pdf = FPDF()
    pdf.add_font("DejaVu", "", f"{FONT_DIR}/DejaVuSans.ttf")
    pdf.add_font("DejaVu", "B", f"{FONT_DIR}/DejaVuSans-Bold.ttf")
    pdf.set_font("DejaVu", size=8)
    pdf.add_page()
    rows = []
    for c, k, _, mx, sf, au, ev in ITEMS:
        tt, prefix = STYLES[style](c, k)
        text = fw.items[f"dvcq.tc{c}" + (f".nd{k}" if k else "")].text
        rows.append([tt, prefix + text, f"{mx:g}", f"{sf:g}".replace(".", ","), f"{au:g}".replace(".", ","), ev])
    rows.append(["", "Tổng cộng", "20", "18,5", "17,5", ""])
    with pdf.table(col_widths=[12, 60, 16, 16, 16, 40], text_align="LEFT", line_height=3.6, v_align=v_align,
                   padding=padding, borders_layout="NONE", headings_style=FontFace(emphasis="")) as t:
        for row in [HEADER] + rows:
            cells = t.row()
            for v in row:
                cells.cell(v)
    pdf.output(str(path))


@pytest.mark.parametrize("padding", [0, 0.5])
@pytest.mark.parametrize("v_align", ["MIDDLE", "TOP"])
@pytest.mark.parametrize("style", ["dotted", "unnumbered_contents", "letters"])
def test_unruled_rows_without_gaps_are_told_apart_by_alignment(tmp_path, v_align, style, padding):
    # padding 0.5 mm: long labels run up to the next column's numbers with hardly a gap
    out = tmp_path / f"no_gap_{v_align.lower()}_{style}.pdf"
    _unruled_pdf_long_labels(out, v_align, padding, style)
    doc = extract_file(out)
    assert scores_of(doc) == EXPECTED
    nd1 = next(o for o in doc.observations if o.criterion_id == "dvcq.tc2.nd1")
    assert nd1.label.endswith("không để xảy ra vi phạm các quy định của Đảng và Nhà nước")


@pytest.mark.skipif(not (SHARED / "gold").is_dir(), reason="../shared (seeds and gold) not present")
def test_seed_renditions_as_unruled_centred_pdf_meet_the_gold(tmp_path):
    # the seeds' two-row headers ('ĐIỂM' over 'Thang điểm | Kết quả tự chấm điểm | …') centred in
    # cells of different heights interleave into up to eight header lines
    import functools
    status, out = seed_renditions_meet_gold(tmp_path, "pdf", functools.partial(write_pdf, ruled=False, v_align="MIDDLE"))
    assert status == 0, out
