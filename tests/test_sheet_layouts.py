"""Score sheets in the layouts units send: header wordings in any column order, a header cell over
its sub-columns, every common numbering style, and item numbers in cells merged over their rows.
Each sheet is written by tests/make_sheets.py and must yield exactly the values it holds."""
import pytest

from conftest import extract_file, findings_of, scores_of
from make_sheets import EXPECTED, HEADER, STYLES, body_rows, write_docx, write_html, write_tsv


def _reorder(rows, order):
    return [[r[k] for k in order] for r in rows]


def test_html_header_cell_over_sub_columns_with_self_before_max(tmp_path):
    # "Điểm" spans three sub-columns written self, max, authority; evidence last
    header = ("<tr><th rowspan='2'>STT</th><th rowspan='2'>Nội dung</th><th colspan='3'>Điểm</th>"
              "<th rowspan='2'>Minh chứng</th></tr><tr><th>Tự chấm</th><th>Tối đa</th><th>Thẩm định</th></tr>")
    path = tmp_path / "diem_over_sub_columns.html"
    write_html(path, header, _reorder(body_rows("dotted"), [0, 1, 3, 2, 4, 5]))
    doc = extract_file(path)
    assert doc.framework == "dvcq"
    assert scores_of(doc) == EXPECTED
    assert findings_of(doc) == []


def test_docx_header_wordings_self_first_authority_named_by_its_body(tmp_path):
    header = [["STT", "Tiêu chí đánh giá", "Điểm tự đánh giá", "Thang điểm",
               "Điểm chấm của cơ quan có thẩm quyền", "Hồ sơ minh chứng"]]
    path = tmp_path / "self_first_wordings.docx"
    write_docx(path, header, _reorder(body_rows("roman"), [0, 1, 3, 2, 4, 5]))
    doc = extract_file(path)
    assert scores_of(doc) == EXPECTED
    assert findings_of(doc) == []


def test_docx_two_row_header_joined_by_grid_span(tmp_path):
    header = [["TT", "Nội dung", "Điểm", "", "", "Giải trình"],
              ["", "", "Chuẩn", "Tự chấm", "Cấp trên chấm", ""]]
    path = tmp_path / "grid_span_header.docx"
    write_docx(path, header, body_rows("tc"), merges=[(0, 2, 0, 4), (0, 0, 1, 0), (0, 1, 1, 1), (0, 5, 1, 5)])
    doc = extract_file(path)
    assert scores_of(doc) == EXPECTED


def test_text_export_authority_between_max_and_self(tmp_path):
    header = [["Số TT", "Nội dung", "Điểm chuẩn", "Điểm thẩm định", "Điểm tự chấm", "Căn cứ, giải trình"]]
    path = tmp_path / "authority_between.txt"
    write_tsv(path, header, _reorder(body_rows("words"), [0, 1, 2, 4, 3, 5]))
    doc = extract_file(path)
    assert scores_of(doc) == EXPECTED


@pytest.mark.parametrize("style", sorted(STYLES))
def test_numbering_style_maps_every_row(tmp_path, style):
    path = tmp_path / f"numbering_{style}.txt"
    write_tsv(path, [HEADER], body_rows(style))
    doc = extract_file(path)
    assert scores_of(doc) == EXPECTED, style
    assert findings_of(doc) == []


@pytest.mark.parametrize("style", ["letters", "bullets", "number_and_words", "unnumbered_contents"])
def test_html_rowspan_criterion_number_belongs_to_every_row(tmp_path, style):
    path = tmp_path / f"rowspan_{style}.html"
    header = "<tr>" + "".join(f"<th>{h}</th>" for h in HEADER) + "</tr>"
    write_html(path, header, body_rows(style), rowspan_tt=True)
    doc = extract_file(path)
    assert scores_of(doc) == EXPECTED
    rows = [o for o in doc.observations if o.source == "table" and o.criterion_id == "dvcq.tc6.nd2"]
    assert len(rows) == 1 and rows[0].label.startswith("Cán bộ, công chức")


@pytest.mark.parametrize("style", ["letters", "number_and_words"])
def test_docx_vmerge_criterion_number_belongs_to_every_row(tmp_path, style):
    path = tmp_path / f"vmerge_{style}.docx"
    write_docx(path, [HEADER], body_rows(style), merge_tt=True)
    doc = extract_file(path)
    assert scores_of(doc) == EXPECTED
    table = doc.model.tables[0]
    # the merged number is written once; the rows below link to it
    continued = [r.cells[0] for r in table.rows if r.cells[0].merged_from is not None]
    assert {c.merged_from.text for c in continued} == {"2", "6"} and all(c.text == "" for c in continued)


def test_a_merged_max_cell_is_not_copied_into_the_rows_below(tmp_path):
    # the criterion's maximum merged over its rows belongs to the criterion row only
    rows = body_rows("letters")
    path = tmp_path / "merged_max.docx"
    write_docx(path, [HEADER], rows, merge_tt=True)
    import docx
    d = docx.Document(str(path))
    t = d.tables[0]
    t.cell(1, 2).merge(t.cell(2, 2)).text = "10"   # tc2's max spans its first content row
    d.save(str(path))
    doc = extract_file(path)
    got = scores_of(doc)
    assert got["dvcq.tc2"][0] == 10 and got["dvcq.tc2.nd1"][0] is None


def _criterion_cells_over_contents(prefix):
    """'TT' and 'Tiêu chí' cells merged over the criterion's 'Nội dung' rows; no criterion row."""
    rows = [
        ("<td rowspan='3'>2</td><td rowspan='3'>Thực hiện nhiệm vụ chính trị</td>",
         "Ban hành văn bản triển khai, thực hiện hiệu quả nhiệm vụ chính trị hằng năm", 4, 3.5),
        ("", "Thực hiện tốt công tác phòng, chống tham nhũng, lãng phí, thực hành tiết kiệm", 3, 2),
        ("", "Kịp thời sửa đổi, bổ sung các quy định, quy trình giải quyết công việc", 3, 3),
        ("<td rowspan='2'>9</td><td rowspan='2'>Tổ chức thực hiện công tác tiếp công dân, công khai đối thoại</td>",
         "Bố trí nơi tiếp công dân, ban hành nội quy và công khai lịch tiếp công dân", 5, 4.5),
        ("", "Phối hợp tổ chức triển khai, quán triệt thực hiện tốt công tác đối thoại của người đứng đầu", 5, 5),
    ]
    out = ["<html><body><p>BÁO CÁO TỰ ĐÁNH GIÁ CÔNG TÁC DÂN VẬN CHÍNH QUYỀN NĂM 2024</p><table border='1'>",
           "<tr><th>TT</th><th>Tiêu chí</th><th>Nội dung đánh giá</th><th>Điểm tối đa</th><th>Điểm tự chấm</th></tr>"]
    k = 0
    for merged, lab, mx, sf in rows:
        k = 1 if merged else k + 1
        out.append(f"<tr>{merged}<td>{prefix(k)}{lab}</td><td>{mx}</td><td>{sf:g}</td></tr>")
    return "\n".join(out + ["</table></body></html>"])


@pytest.mark.parametrize("name,prefix", [("plain", lambda k: ""), ("words", lambda k: f"Nội dung {k}: "),
                                         ("numbers", lambda k: f"{k}. ")])
def test_criterion_number_and_label_merged_over_their_contents(tmp_path, name, prefix):
    path = tmp_path / f"criterion_over_contents_{name}.html"
    path.write_text(_criterion_cells_over_contents(prefix), "utf-8")
    doc = extract_file(path)
    assert scores_of(doc) == {
        "dvcq.tc2.nd1": (4, 3.5, None, None, None), "dvcq.tc2.nd2": (3, 2, None, None, None),
        "dvcq.tc2.nd3": (3, 3, None, None, None), "dvcq.tc9.nd1": (5, 4.5, None, None, None),
        "dvcq.tc9.nd2": (5, 5, None, None, None)}
    assert findings_of(doc) == []
