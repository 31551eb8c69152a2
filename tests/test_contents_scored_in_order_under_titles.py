"""A report in prose may introduce each criterion by its name alone and then score its contents
one paragraph each, never naming them ('Tự chấm: 3/3 điểm.', 'Nội dung này đạt 3 điểm.'). The
framework places them: under a title, as many unnamed statements as the item has contents, each
within its content's maximum, are its contents in order; a closing sentence of the item ('Tiêu chí
đạt 9 điểm', 'Cộng: 10 điểm') is the item's own score. Word and HTML paragraphs are the author's
own: a statement's line and label are its paragraph's, never the report's first line."""
from conftest import extract_file, scores_of
from footnotes import write_docx_with_notes

HEAD = ["ỦY BAN NHÂN DÂN XÃ AN PHÚ", "Số: 17/BC-UBND", "BÁO CÁO",
        "Tự đánh giá, chấm điểm công tác dân vận chính quyền năm 2025"]
BODY = [
    "Về công tác triển khai, quán triệt các văn bản lãnh đạo, chỉ đạo, hướng dẫn về công tác dân vận của chính quyền",
    "Xã tổ chức hội nghị quán triệt cho 100% cán bộ, công chức. Tự chấm: 3/3 điểm.",
    "Quy chế công tác dân vận được cụ thể hóa bằng Quyết định số 12/QĐ-UBND ngày 09/01/2025. Nội dung này đạt 3 điểm.",
    "Kế hoạch năm được ban hành nhưng chưa sơ kết 6 tháng, xã tự chấm 3 điểm (thang điểm 4).",
    "Tiêu chí đạt 9 điểm.",
    "Về thực hiện nhiệm vụ chính trị",
    "Chương trình công tác năm ban hành đúng hạn; xã đạt 4/4 điểm.",
    "Kê khai tài sản, thu nhập đầy đủ, đúng hạn. Đánh giá 3 điểm.",
    "Quy trình nội bộ chậm cập nhật sau khi có danh mục mới, chỉ chấm 2/3 điểm.",
    "Cộng: 9 điểm.",
    "II. KIẾN NGHỊ",
    "Đề nghị huyện tổ chức tập huấn cho công chức xã.",
]
EXPECTED = {"dvcq.tc1": (None, 9.0), "dvcq.tc1.nd1": (3.0, 3.0), "dvcq.tc1.nd2": (None, 3.0),
            "dvcq.tc1.nd3": (4.0, 3.0), "dvcq.tc2": (None, 9.0), "dvcq.tc2.nd1": (4.0, 4.0),
            "dvcq.tc2.nd2": (None, 3.0), "dvcq.tc2.nd3": (3.0, 2.0)}


def _read(doc):
    return {cid: v[:2] for cid, v in scores_of(doc).items() if cid.startswith("dvcq.")}


def test_unnamed_contents_read_in_order_under_their_criterion_titles(tmp_path):
    path = tmp_path / "contents_scored_in_order_under_titles.docx"
    write_docx_with_notes(HEAD + BODY, {}, path)
    doc = extract_file(path)
    assert doc.framework == "dvcq"
    assert _read(doc) == EXPECTED


def test_one_statement_too_many_leaves_the_contents_unplaced(tmp_path):
    """Four unnamed statements under a criterion of three contents: the order proves nothing."""
    body = BODY[:4] + ["Việc kiểm tra, giám sát được duy trì, đạt 1 điểm."] + BODY[4:]
    path = tmp_path / "more_statements_than_contents.docx"
    write_docx_with_notes(HEAD + body, {}, path)
    got = _read(extract_file(path))
    assert not any(cid.startswith("dvcq.tc1.") for cid in got)
    assert got["dvcq.tc1"] == (None, 9.0)
    assert {k: v for k, v in got.items() if k.startswith("dvcq.tc2")} == \
        {k: v for k, v in EXPECTED.items() if k.startswith("dvcq.tc2")}


def test_a_word_paragraph_is_its_statements_line_and_label(tmp_path):
    """Consecutive Word paragraphs are not one run of wrapped lines: each statement keeps the line
    of its own paragraph, and its label is that paragraph's text."""
    path = tmp_path / "word_paragraphs_keep_their_lines.docx"
    write_docx_with_notes(HEAD + BODY, {}, path)
    doc = extract_file(path)
    lines = doc.model.text.split("\n")
    placed = {o.criterion_id: o for o in doc.observations if o.criterion_id in ("dvcq.tc1.nd2", "dvcq.tc2")}
    assert lines[placed["dvcq.tc1.nd2"].line - 1] == BODY[2]
    assert lines[placed["dvcq.tc2"].line - 1] == "Cộng: 9 điểm."
    assert placed["dvcq.tc1.nd2"].label.startswith("Quy chế công tác dân vận")


def test_html_paragraphs_read_like_word_paragraphs(tmp_path):
    path = tmp_path / "contents_in_order_html.html"
    path.write_text("<html><body>" + "".join(f"<p>{t}</p>" for t in HEAD + BODY) + "</body></html>", "utf-8")
    assert _read(extract_file(path)) == EXPECTED
