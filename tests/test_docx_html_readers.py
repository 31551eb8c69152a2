"""DOCX and HTML renditions give exactly the results of the text rendition; the python-docx
convenience-API traps are read from the XML grid."""

import docx
import pytest
from docx.oxml.ns import qn

from conftest import FIXTURES, SHARED, extract_file, findings_of, scores_of, seed_renditions_meet_gold
from renditions import write_docx, write_html

SHEETS = ["tsv_sheet_short_rows_and_html_cells.txt", "markdown_rows_split_by_page_break.md",
          "tdkt_sheet_bonus_and_multi_number_cell.txt", "narrative_total_only_wrong_class.txt"]


def citation_keys(doc):
    return sorted(tuple(str(x) for x in (c.doc_type, c.number, c.year, c.symbol, c.issued_on, c.criterion_id))
                  for c in doc.citations)


@pytest.mark.parametrize("name", SHEETS)
@pytest.mark.parametrize("fmt", ["docx", "html"])
def test_renditions_give_the_text_results(name, fmt, tmp_path):
    src = FIXTURES / name
    out = tmp_path / (src.stem + "." + fmt)
    (write_docx if fmt == "docx" else write_html)(src.read_text("utf-8"), out)
    a, b = extract_file(src), extract_file(out)
    assert b.model.format == fmt
    assert scores_of(b) == scores_of(a)
    assert findings_of(b) == findings_of(a)
    assert b.metadata == a.metadata
    assert citation_keys(b) == citation_keys(a)
    text = b.model.text
    if b.metadata.report_number:
        s, e = b.metadata.spans["report_number"]
        assert text[s:e] == b.metadata.report_number
    for o in b.observations:
        for v in o.values.values():
            assert text[v.start:v.end] == v.raw


def test_docx_table_cut_by_a_page_break_with_repeated_header(tmp_path):
    src = FIXTURES / "tsv_sheet_short_rows_and_html_cells.txt"
    out = tmp_path / "split.docx"
    write_docx(src.read_text("utf-8"), out, split_tables_at=8)
    a, b = extract_file(src), extract_file(out)
    assert scores_of(b) == scores_of(a)
    assert findings_of(b) == findings_of(a)
    pages = {s.criterion_id: s.page for s in b.scores}
    assert pages["dvcq.tc1"] == 1 and pages["dvcq.tc3.nd3"] == 2


def _sheet():
    """A sheet built the way Word writes one: a two-row header with merged cells."""
    d = docx.Document()
    d.add_paragraph("BÁO CÁO")
    d.add_paragraph("Tự đánh giá, chấm điểm công tác dân vận chính quyền năm 2024")
    d.add_paragraph("Ban Quản lý dự án tự đánh giá, chấm điểm công tác dân vận chính quyền năm 2024.")
    t = d.add_table(rows=6, cols=6)
    t.cell(0, 0).merge(t.cell(1, 0)).text = "TT"
    t.cell(0, 1).merge(t.cell(1, 1)).text = "NỘI DUNG TIÊU CHÍ"
    t.cell(0, 2).merge(t.cell(0, 4)).text = "ĐIỂM"
    t.cell(0, 5).merge(t.cell(1, 5)).text = "Tài liệu kiểm chứng"
    for c, h in zip((2, 3, 4), ("Thang điểm", "Kết quả tự chấm điểm", "Kết quả chấm điểm của cơ quan có thẩm quyền")):
        t.cell(1, c).text = h
    t.cell(2, 0).merge(t.cell(2, 1)).text = "Tiêu chí 8: Thực hiện quy chế dân chủ ở cơ sở"
    for c, v in ((2, "10"), (3, "9")):
        t.cell(2, c).text = v
    rows = [("Nội dung 1", "Cơ quan, đơn vị, địa phương có ban hành quy định: quy chế chi tiêu nội bộ", "5", "5",
             "Quyết định số 16/QĐ-BQL ngày 20/02/2024"),
            ("Nội dung 2", "Ban hành các quy định riêng của cơ quan, đơn vị, địa phương", "2", "1", ""),
            ("Nội dung 3", "Thực hiện tốt công tác kiểm tra, giám sát; sơ kết, tổng kết", "3", "3", "")]
    for r, (tt, lab, mx, sf, ev) in enumerate(rows, start=3):
        for c, v in ((0, tt), (1, lab), (2, mx), (3, sf), (5, ev)):
            t.cell(r, c).text = v
    return d, t


def test_docx_merged_cells_are_one_logical_cell(tmp_path):
    d, _ = _sheet()
    p = tmp_path / "merged.docx"
    d.save(p)
    doc = extract_file(p)
    assert scores_of(doc) == {"dvcq.tc8": (10, 9, None, None, None), "dvcq.tc8.nd1": (5, 5, None, None, None),
                              "dvcq.tc8.nd2": (2, 1, None, None, None), "dvcq.tc8.nd3": (3, 3, None, None, None)}
    assert findings_of(doc) == []
    assert doc.model.text.count("Tiêu chí 8: Thực hiện quy chế dân chủ ở cơ sở") == 1  # not repeated per slot
    assert doc.metadata.issuer == "Ban Quản lý dự án"


def test_docx_row_starting_late_keeps_its_columns(tmp_path):
    d, t = _sheet()
    tr = t.rows[4]._tr  # Nội dung 2: drop its first cell and say the row starts one column late
    tr.remove(tr.findall(qn("w:tc"))[0])
    trPr = tr.get_or_add_trPr()
    gb = trPr.makeelement(qn("w:gridBefore"), {qn("w:val"): "1"})
    trPr.insert(0, gb)
    tr.findall(qn("w:tc"))[0].xpath(".//w:t")[0].text = "Nội dung 2: Ban hành các quy định riêng của cơ quan, đơn vị"
    p = tmp_path / "late.docx"
    d.save(p)
    doc = extract_file(p)
    assert scores_of(doc)["dvcq.tc8.nd2"] == (2, 1, None, None, None)


def test_docx_cells_inside_content_controls_and_nested_tables_are_read(tmp_path):
    d, t = _sheet()
    # nested first: once a cell hides in a content control, python-docx's t.cell() points elsewhere
    inner = t.cell(4, 5).add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "Kế hoạch số 88/KH-BQL ngày 15/01/2024"
    inner.cell(0, 1).text = "đã thực hiện"
    tr = t.rows[3]._tr
    tcs = tr.findall(qn("w:tc"))
    sdt = tr.makeelement(qn("w:sdt"), {})
    content = sdt.makeelement(qn("w:sdtContent"), {})
    sdt.append(content)
    tr.replace(tcs[3], sdt)
    content.append(tcs[3])  # the self score cell now sits in a content control
    p = tmp_path / "sdt.docx"
    d.save(p)
    doc = extract_file(p)
    assert scores_of(doc)["dvcq.tc8.nd1"] == (5, 5, None, None, None)
    cited = {(c.number, c.symbol, c.criterion_id) for c in doc.citations}
    assert ("88", "KH-BQL", "dvcq.tc8.nd2") in cited and ("16", "QĐ-BQL", "dvcq.tc8.nd1") in cited


def test_html_rowspan_colspan_br_and_entities(tmp_path):
    p = tmp_path / "sheet.html"
    p.write_text("""<html><body><p>BÁO CÁO</p><p>Kết quả &amp; chấm điểm công tác dân vận chính quyền năm 2022</p>
<p>Trung tâm Y tế huyện tự chấm điểm như sau:</p>
<table><tr><th rowspan="2">TT</th><th rowspan="2">NỘI DUNG TIÊU CHÍ</th><th colspan="3">ĐIỂM</th><th rowspan="2">Tài liệu</th></tr>
<tr><th>Thang điểm</th><th>Kết quả tự chấm điểm</th><th>Kết quả chấm điểm của cơ quan có thẩm quyền</th></tr>
<tr><td colspan="2">Tiêu chí 2: Thực hiện nhiệm vụ chính trị</td><td>10</td><td>10</td><td></td><td></td></tr>
<tr><td>Nội dung 1</td><td>Ban hành văn bản triển khai,<br>thực hiện hiệu quả nhiệm vụ chính trị</td><td>4</td><td>4</td><td></td>
<td rowspan="2">Kế hoạch số 12/KH-TTYT<br>ngày 10/01/2022</td></tr>
<tr><td>Nội dung 2</td><td>Thực hiện tốt công tác phòng, chống tham nhũng</td><td>3</td><td>3</td><td></td></tr>
<tr><td>Nội dung 3</td><td>Kịp thời sửa đổi, bổ sung các quy định</td><td>3</td><td>3,5</td><td></td><td></td></tr>
</table><p>GIÁM ĐỐC<br><br>Lê Thị Mai</p></body></html>""", "utf-8")
    doc = extract_file(p)
    assert scores_of(doc) == {"dvcq.tc2": (10, 10, None, None, None), "dvcq.tc2.nd1": (4, 4, None, None, None),
                              "dvcq.tc2.nd2": (3, 3, None, None, None), "dvcq.tc2.nd3": (3, 3.5, None, None, None)}
    assert findings_of(doc) == [("dvcq.tc2", "subtotal_mismatch"), ("dvcq.tc2.nd3", "self_exceeds_max")]
    (c,) = doc.citations
    assert (c.number, c.symbol, c.issued_on, c.criterion_id) == ("12", "KH-TTYT", "2022-01-10", "dvcq.tc2.nd1")
    assert (doc.metadata.issuer, doc.metadata.signer) == ("Trung tâm Y tế huyện", "Lê Thị Mai")
    assert "&amp;" not in doc.model.text and "Kết quả & chấm điểm" in doc.model.text


@pytest.mark.skipif(not (SHARED / "gold").is_dir(), reason="../shared (seeds and gold) not present")
@pytest.mark.parametrize("fmt", ["docx", "html"])
def test_seed_renditions_meet_the_gold(fmt, tmp_path):
    status, out = seed_renditions_meet_gold(tmp_path, fmt, (write_docx if fmt == "docx" else write_html))
    assert status == 0, out
