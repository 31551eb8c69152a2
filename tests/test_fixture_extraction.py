"""Each fixture is a small report in one shape; its name says the trap it catches."""
from conftest import findings_of, fixture_doc, scores_of

N = None


def test_tsv_sheet_short_rows_and_html_cells():
    doc = fixture_doc("tsv_sheet_short_rows_and_html_cells.txt")
    assert doc.framework == "dvcq"
    assert scores_of(doc) == {
        "dvcq": (30, 27, N, N, N),
        "dvcq.tc1": (10, 10, N, N, N), "dvcq.tc1.nd1": (3, 3, N, N, N), "dvcq.tc1.nd2": (3, 3, N, N, N),
        "dvcq.tc1.nd3": (4, 4, N, N, N),
        "dvcq.tc3": (10, 7, N, N, N), "dvcq.tc3.nd1": (2, 2, N, N, N), "dvcq.tc3.nd2": (3, 2.5, N, N, N),
        "dvcq.tc3.nd3": (2, 3, N, N, N), "dvcq.tc3.nd4": (3, N, N, N, N),
        "dvcq.tc10": (10, 10, N, N, N),
    }
    # nd4's self cell holds text: it is reported as unread; tc3's items read (7.5) already exceed 7
    assert findings_of(doc) == [("dvcq", "unread_item_values"), ("dvcq.tc3", "subtotal_mismatch"),
                                ("dvcq.tc3.nd3", "self_exceeds_max")]
    unread = next(f for f in doc.findings if f.kind == "unread_item_values")
    assert unread.message.endswith(": dvcq.tc3.nd4 self_score")
    messages = {f.kind: f.message for f in doc.findings}
    # Vietnamese first, with comma decimals and the criterion by the framework's levels; English beside it
    assert messages["self_exceeds_max"] == (
        "Điểm tự chấm 3 vượt thang điểm 2 (Tiêu chí 3 – Nội dung 3; bảng điểm, dòng 35) · "
        "self score 3 exceeds the maximum 2 (dvcq.tc3.nd3; score sheet, line 35)")
    assert messages["subtotal_mismatch"] == (
        "Tiêu chí 3: điểm tự chấm ghi 7 nhưng 3 mục con trong bảng điểm cộng lại được 7,5 · "
        "dvcq.tc3 self score: stated 7 but its 3 items in the score sheet add up to 7.5")
    assert unread.message.startswith("Không đọc được 1 giá trị của các mục: Tiêu chí 3 – Nội dung 4 (điểm tự chấm) · ")
    assert findings_of(doc, include_info=True).count(("dvcq.tc3.nd4", "text_in_score_column")) == 1
    md = doc.metadata
    assert (md.report_number, md.issuer, md.issued_on, md.assessment_year, md.signer, md.classification) == (
        "512/BC-STP", "Sở Tư pháp", "2023-12-05", 2023, "Trần Thị Hoa", None)


def test_continuation_line_joins_the_row_label_and_span():
    doc = fixture_doc("tsv_sheet_short_rows_and_html_cells.txt")
    nd1 = next(o for o in doc.observations if o.criterion_id == "dvcq.tc1.nd1" and o.source == "table")
    assert nd1.label.endswith("của cơ quan nhà nước các cấp")
    assert len(nd1.spans) == 2
    text = doc.model.text
    assert text[nd1.start:nd1.end].startswith("Nội dung 1\t") and text[nd1.start:nd1.end].endswith("\t\t\t\t")


def test_markdown_rows_split_by_page_break():
    doc = fixture_doc("markdown_rows_split_by_page_break.md")
    assert scores_of(doc) == {
        "dvcq": (20, 19.5, N, N, N),
        "dvcq.tc2": (10, 9.5, N, N, N), "dvcq.tc2.nd1": (4, 4, N, N, N), "dvcq.tc2.nd2": (3, 2.5, N, N, N),
        "dvcq.tc2.nd3": (3, 3, N, N, N),
        "dvcq.tc5": (10, 10, N, N, N), "dvcq.tc5.nd1": (4, 4, N, N, N), "dvcq.tc5.nd2": (3, 3, N, N, N),
        "dvcq.tc5.nd3": (3, 3, N, N, N),
    }
    assert all(s.origin == "table" for s in doc.scores)
    assert findings_of(doc) == [("dvcq", "narrative_table_mismatch"), ("dvcq.tc2", "narrative_table_mismatch"),
                                ("dvcq.tc2", "subtotal_mismatch")]
    sub = next(f for f in doc.findings if f.kind == "subtotal_mismatch")
    assert sub.source == "narrative" and "9.5" in sub.message and "9" in sub.message
    md = doc.metadata
    assert (md.issuer, md.assessment_year, md.signer, md.classification) == ("UBND xã Tịnh Kỳ", 2024, "Lê Văn Nam", "tot")


def test_item_number_cut_over_two_rows_is_joined():
    doc = fixture_doc("markdown_rows_split_by_page_break.md")
    table = {o.criterion_id: o for o in doc.observations if o.source == "table"}
    assert table["dvcq.tc2.nd2"].marker == "Nội dung 2"
    assert table["dvcq.tc5.nd1"].marker == "Nội dung 1"
    assert "thư kiến nghị" in table["dvcq.tc5.nd1"].label


def test_narrative_total_only_wrong_class():
    doc = fixture_doc("narrative_total_only_wrong_class.txt")
    assert scores_of(doc) == {"dvcq": (N, 65, N, N, N)}
    assert doc.scores[0].origin == "narrative"
    assert findings_of(doc) == [("dvcq", "classification_mismatch"), ("dvcq", "missing_item_scores")]
    md = doc.metadata
    assert (md.issuer, md.signer, md.classification, md.assessment_year) == (
        "Phòng Văn hóa và Thông tin huyện", "Nguyễn Văn Bình", "xuat_sac", 2022)


def test_tdkt_sheet_bonus_and_multi_number_cell():
    doc = fixture_doc("tdkt_sheet_bonus_and_multi_number_cell.txt")
    assert doc.framework == "tdkt-tmth"
    assert scores_of(doc) == {
        "tdkt-tmth": (100, 100, N, 4, 4),
        "tdkt-tmth.nd2": (100, 100, N, 4, 4),
        "tdkt-tmth.nd2.1": (20, 20, N, 1, 1),
        "tdkt-tmth.nd2.3": (20, 20, N, 1, 10),
        "tdkt-tmth.nd2.7": (60, 60, N, 2, 2),
    }
    assert findings_of(doc) == [("tdkt-tmth.nd2", "subtotal_mismatch"), ("tdkt-tmth.nd2.3", "self_exceeds_max")]
    info = [f.message for f in doc.findings if f.kind == "extra_numbers_ignored"]
    assert len(info) == 2 and "60 20 20" in info[0] and "line 9" in info[1]
    assert doc.metadata.issuer == "Thanh tra tỉnh"


def test_narrative_without_scores_has_no_framework():
    doc = fixture_doc("narrative_without_scores.txt")
    assert doc.framework is None and doc.scores == [] and doc.findings == []
    assert (doc.metadata.issuer, doc.metadata.signer, doc.metadata.assessment_year) == ("Sở Y tế", "Phạm Minh Đức", 2023)


def test_row_matching_no_item_is_reported_not_guessed():
    doc = fixture_doc("row_matching_no_item.txt")
    assert scores_of(doc) == {"dvcq.tc1": (10, 10, N, N, N)}
    (f,) = [f for f in doc.findings if f.kind == "unmapped_item"]
    assert f.criterion_id is None and "Nội dung 7" in f.message and f.severity == "warning"


def test_every_value_span_holds_the_number_it_gave():
    for name in ("tsv_sheet_short_rows_and_html_cells.txt", "markdown_rows_split_by_page_break.md",
                 "tdkt_sheet_bonus_and_multi_number_cell.txt", "narrative_total_only_wrong_class.txt"):
        doc = fixture_doc(name)
        text = doc.model.text
        for o in doc.observations:
            for v in o.values.values():
                assert float(text[v.start:v.end].replace(",", ".")) == v.value
                assert o.start <= v.start and v.end <= o.end
