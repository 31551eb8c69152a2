"""A PDF keeps lines, not paragraphs: every run of lines was read as one paragraph, so each
statement of a prose report in PDF was stored at the page's first line with the report's title
for its label. The layout says where a paragraph begins (readers/pdf/paragraphs.py): after a
line that ends a sentence, at a first-line indent, a bullet or a numbering, after a line that
stops short, or after a blank line's space; a sentence wrapped over lines, or cut at a page's
foot, stays whole, and a title line without a stop runs on into its paragraph."""
import os

import pytest

from conftest import extract_file
from renditions import FONT_DIR

HEAD = ["ỦY BAN NHÂN DÂN XÃ PHÚ LỘC", "Số: 21/BC-UBND", "BÁO CÁO",
        "Tự đánh giá, chấm điểm công tác dân vận chính quyền năm 2025"]
PARAGRAPHS = [
    "Tiêu chí 1 - Công tác triển khai, quán triệt các văn bản lãnh đạo, chỉ đạo về công tác dân vận: "
    "xã tổ chức hội nghị quán triệt cho toàn thể cán bộ, công chức và người hoạt động không chuyên "
    "trách; ban hành kế hoạch thực hiện và phân công lãnh đạo phụ trách. Tự chấm 10/10 điểm.",
    "Tiêu chí 2 - Thực hiện nhiệm vụ chính trị: chương trình công tác năm được ban hành đúng hạn, "
    "không có cán bộ vi phạm quy định. Tự chấm 9/10 điểm.",
    "- Tiêu chí 3 - Cải cách hành chính: còn 02 hồ sơ trễ hẹn trong năm nên xã tự chấm 8/10 điểm.",
    "Tiêu chí 4 - Phong trào thi đua Dân vận khéo: đạt 10/10 điểm.",
]


def _pdf(path, paragraphs, page_break_inside=None):
    from fpdf import FPDF
    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", "", f"{FONT_DIR}/DejaVuSans.ttf")
    pdf.set_font("DejaVu", size=11)
    pdf.add_page()
    for text in HEAD + paragraphs:
        if text == page_break_inside:
            half = text.index("không có")
            pdf.multi_cell(0, 5, text[:half].rstrip(), new_x="LMARGIN", new_y="NEXT")
            pdf.add_page()
            text = text[half:]
        pdf.multi_cell(0, 5, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2.5)   # Word's 'spacing after' a paragraph, 7 points
    pdf.output(str(path))


needs_font = pytest.mark.skipif(not os.path.exists(f"{FONT_DIR}/DejaVuSans.ttf"), reason="no DejaVu font")


@needs_font
def test_each_statement_keeps_its_own_paragraphs_line(tmp_path):
    path = tmp_path / "pdf_paragraphs_from_layout.pdf"
    _pdf(path, PARAGRAPHS)
    doc = extract_file(path)
    lines = doc.model.text.split("\n")
    got = {o.criterion_id: o for o in doc.observations if o.criterion_id in ("dvcq.tc1", "dvcq.tc2", "dvcq.tc3", "dvcq.tc4")}
    assert {cid: o.get("self_score") for cid, o in got.items()} == {
        "dvcq.tc1": 10.0, "dvcq.tc2": 9.0, "dvcq.tc3": 8.0, "dvcq.tc4": 10.0}
    for cid, opening in (("dvcq.tc1", "Tiêu chí 1"), ("dvcq.tc2", "Tiêu chí 2"), ("dvcq.tc3", "- Tiêu chí 3"),
                         ("dvcq.tc4", "Tiêu chí 4")):
        assert lines[got[cid].line - 1].strip().startswith(opening), cid
    # (the title, which has no stop, runs on into the first paragraph, as a text's title does)
    opens = [b.view.text.strip()[:12] for b in doc.model.blocks if b.opens]
    assert opens == ["ỦY BAN NHÂN ", "Tiêu chí 2 -", "- Tiêu chí 3", "Tiêu chí 4 -"]


@needs_font
def test_a_sentence_cut_by_a_page_break_stays_one_paragraph(tmp_path):
    path = tmp_path / "pdf_sentence_over_a_page_break.pdf"
    _pdf(path, PARAGRAPHS, page_break_inside=PARAGRAPHS[1])
    doc = extract_file(path)
    second_page = [b for b in doc.model.blocks if b.page == 2]
    assert second_page[0].view.text.startswith("không có") and not second_page[0].opens
    tc2 = [o for o in doc.observations if o.criterion_id == "dvcq.tc2"][0]
    assert tc2.get("self_score") == 9.0 and tc2.page == 1
