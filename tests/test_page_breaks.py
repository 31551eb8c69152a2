"""A sheet cut by page breaks is one table, and a row cut by one is one row, whatever marks the
break in a text export (a form feed, a marker line, a page number) and in DOCX."""
import pytest

from conftest import extract_file, findings_of, scores_of
from make_sheets import EXPECTED, HEADER, body_rows, write_docx_with_breaks, write_tsv_with_breaks

MARKERS = ["\f", "<!-- pagebreak -->", "--- Trang 2 ---", "- 2 -", "[Ngắt trang]", "Trang 2/3"]


@pytest.mark.parametrize("marker", MARKERS)
def test_text_export_table_cut_by_page_break_is_one_table(tmp_path, marker):
    path = tmp_path / "cut_by_page_break.txt"
    write_tsv_with_breaks(path, marker)
    doc = extract_file(path)
    assert len([t for t in doc.model.tables]) == 1
    assert scores_of(doc) == EXPECTED
    assert findings_of(doc) == []
    table = {o.criterion_id: o for o in doc.observations if o.source == "table"}
    assert table["dvcq.tc2.nd2"].label == "Thực hiện tốt công tác phòng, chống tham nhũng, lãng phí, thực hành tiết kiệm"
    assert table["dvcq.tc6.nd3"].label.endswith("thanh tra công vụ, Xử lý nghiêm những cán bộ vi phạm")
    assert len(table["dvcq.tc6.nd3"].spans) == 2


def test_text_export_cut_without_repeated_header(tmp_path):
    path = tmp_path / "cut_no_header.txt"
    write_tsv_with_breaks(path, "\f", repeat_header=False)
    assert scores_of(extract_file(path)) == EXPECTED


def test_explicit_page_break_markers_start_pages(tmp_path):
    path = tmp_path / "marker_pages.txt"
    write_tsv_with_breaks(path, "<!-- pagebreak -->")
    doc = extract_file(path)
    nd3 = next(o for o in doc.observations if o.criterion_id == "dvcq.tc6.nd3")
    assert doc.model.page_starts is not None and len(doc.model.page_starts) == 2
    assert nd3.page == 2 and doc.model.page_of(nd3.spans[-1][0]) == 3


def test_docx_rows_cut_by_page_break_are_one_row(tmp_path):
    path = tmp_path / "docx_cut_rows.docx"
    write_docx_with_breaks(path)
    doc = extract_file(path)
    assert scores_of(doc) == EXPECTED
    assert findings_of(doc) == []


def _pdf_with_rows_cut_by_pages(path, ruled: bool, v_align: str, repeat_header: bool = True):
    """The sheet printed over three pages, the header repeated on each (or not), two rows cut by the
    breaks."""
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    from make_sheets import HEADER, split_rows
    from renditions import FONT_DIR
    pdf = FPDF()
    pdf.add_font("DejaVu", "", f"{FONT_DIR}/DejaVuSans.ttf")
    pdf.add_font("DejaVu", "B", f"{FONT_DIR}/DejaVuSans-Bold.ttf")
    pdf.set_font("DejaVu", size=8)
    pdf.add_page()
    pdf.multi_cell(0, 5, "BÁO CÁO KẾT QUẢ CÔNG TÁC DÂN VẬN CHÍNH QUYỀN NĂM 2024", new_x="LMARGIN", new_y="NEXT")
    chunks: list[list[list[str]]] = [[]]
    for r in split_rows():
        if r is None:
            chunks.append([])
        else:
            chunks[-1].append(r)
    for k, rows in enumerate(chunks):
        if k:
            pdf.add_page()
        header = [HEADER] if k == 0 or repeat_header else []
        with pdf.table(col_widths=[12, 70, 16, 16, 16, 40], text_align="LEFT", line_height=4, v_align=v_align,
                       borders_layout="ALL" if ruled else "NONE", headings_style=FontFace(emphasis=""),
                       first_row_as_headings=bool(header)) as t:
            for row in header + rows:
                cells = t.row()
                for v in row:
                    cells.cell(v)
    pdf.output(str(path))


@pytest.mark.parametrize("ruled,v_align", [(True, "TOP"), (False, "TOP"), (False, "MIDDLE")])
def test_pdf_rows_cut_by_page_breaks_are_one_row(tmp_path, ruled, v_align):
    path = tmp_path / "pdf_cut_rows.pdf"
    _pdf_with_rows_cut_by_pages(path, ruled, v_align)
    doc = extract_file(path)
    assert scores_of(doc) == EXPECTED
    assert findings_of(doc) == []
    nd3 = next(o for o in doc.observations if o.criterion_id == "dvcq.tc6.nd3")
    assert nd3.page == 2 and len(nd3.spans) == 2


@pytest.mark.parametrize("marker", ["<!-- pagebreak -->", "- 2 -"])
def test_markdown_table_cut_by_page_break_marker_is_one_table(tmp_path, marker):
    from make_sheets import HEADER, split_rows

    def md(r):
        return "| " + " | ".join(r) + " |"
    lines = ["BẢNG TỰ CHẤM ĐIỂM CÔNG TÁC DÂN VẬN CHÍNH QUYỀN NĂM 2024", "", md(HEADER), "|---" * len(HEADER) + "|"]
    for r in split_rows():
        lines += ["", marker, "", md(HEADER), "|---" * len(HEADER) + "|"] if r is None else [md(r)]
    path = tmp_path / "markdown_cut.md"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    doc = extract_file(path)
    assert len(doc.model.tables) == 1
    assert scores_of(doc) == EXPECTED


@pytest.mark.parametrize("v_align", ["TOP", "MIDDLE"])
def test_unruled_pdf_sheet_going_on_without_its_header(tmp_path, v_align):
    # the next pages keep the sheet's columns but do not repeat its header
    path = tmp_path / "no_repeated_header.pdf"
    _pdf_with_rows_cut_by_pages(path, False, v_align, repeat_header=False)
    doc = extract_file(path)
    assert scores_of(doc) == EXPECTED
    assert findings_of(doc) == []
    assert {s.page for s in doc.scores} == {1, 2, 3}


@pytest.mark.parametrize("fmt", ["txt", "pdf"])
def test_citation_cut_by_a_page_break_keeps_its_date(tmp_path, fmt):
    # the evidence cell of tc2.nd2 goes on after the break, below the repeated header
    from make_sheets import HEADER, split_rows
    rows = []
    for r in split_rows():
        if r is not None and r[0] == "2.2":
            r = r[:5] + ["Kế hoạch số 33/KH-UBND"]
        elif r is not None and r[1].startswith("lãng phí"):
            r = r[:5] + ["ngày 04/4/2024 của UBND huyện"]
        rows.append(r)
    lines = ["BẢNG TỰ CHẤM ĐIỂM CÔNG TÁC DÂN VẬN CHÍNH QUYỀN NĂM 2024", "", "\t".join(HEADER)]
    for r in rows:
        lines += ["\f" + "\t".join(HEADER)] if r is None else ["\t".join(r)]
    src = tmp_path / "cut_citation.txt"
    src.write_text("\n".join(lines) + "\n", "utf-8")
    path = src
    if fmt == "pdf":
        from renditions import write_pdf
        path = tmp_path / "cut_citation.pdf"
        write_pdf(src.read_text("utf-8"), path)
    doc = extract_file(path)
    assert scores_of(doc) == EXPECTED
    got = [(c.number, c.symbol, c.issued_on, c.criterion_id) for c in doc.citations if c.number == "33"]
    assert got == [("33", "KH-UBND", "2024-04-04", "dvcq.tc2.nd2")]


def test_signature_block_after_a_page_break_is_not_a_row_of_the_sheet(tmp_path):
    from make_sheets import write_tsv
    path = tmp_path / "signature_after_break.txt"
    write_tsv(path, [HEADER], body_rows("dotted"))
    with open(path, "a", encoding="utf-8") as fh:
        fh.write("\f\nNGƯỜI LẬP BIỂU\tTHỦ TRƯỞNG ĐƠN VỊ\nNguyễn Thị Lan\tTrần Văn Bình\n")
    doc = extract_file(path)
    assert [len(t.rows) for t in doc.model.tables] == [len(body_rows("dotted")) + 1, 2]
    assert scores_of(doc) == EXPECTED


def test_unnumbered_label_opening_after_a_page_break_is_the_next_items(tmp_path):
    # a sheet without item numbers whose next item's label begins at the new page's top and its
    # scores stand a line below (vertically centred cells): the opening line is not the rest of the
    # row above the break, which keeps its own scores
    from make_sheets import ITEMS, TOTAL, _num
    lines = ["BẢNG TỰ CHẤM ĐIỂM CÔNG TÁC DÂN VẬN CHÍNH QUYỀN NĂM 2024", "",
             "\t".join(["Nội dung tiêu chí", "Điểm tối đa", "Điểm tự chấm", "Điểm thẩm định", "Tài liệu kiểm chứng"])]
    for c, k, lab, mx, sf, au, ev in ITEMS:
        if (c, k) == (2, 2):
            head, tail = lab.split(" tham nhũng, ")
            lines += ["", "\f", "", "\t".join([head, "", "", "", ""]),
                      "\t".join(["tham nhũng, " + tail, _num(mx), _num(sf), _num(au), ev])]
        else:
            lines.append("\t".join([lab, _num(mx), _num(sf), _num(au), ev]))
    lines.append("\t".join([TOTAL[0], *(_num(v) for v in TOTAL[1:]), ""]))
    path = tmp_path / "unnumbered_label_opening_after_a_page_break.txt"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    scores = scores_of(extract_file(path))
    assert scores["dvcq.tc2.nd1"] == EXPECTED["dvcq.tc2.nd1"]
    assert scores["dvcq.tc2.nd2"] == EXPECTED["dvcq.tc2.nd2"]
