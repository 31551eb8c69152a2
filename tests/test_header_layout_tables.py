"""Header and signature blocks laid out in borderless tables (issuer and 'Số:' left, the national
title and the place and date right; 'Nơi nhận' left, the signer right) give the same metadata in
DOCX and in PDF, where the table is gone and only side-by-side text is left. The reports are
written here with python-docx and fpdf2 (DejaVu)."""
import pytest

from conftest import extract_file
from renditions import FONT_DIR

HEADER = [
    ["UBND TỈNH QUẢNG NGÃI\nSỞ NỘI VỤ\nSố: 215/BC-SNV",
     "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nQuảng Ngãi, ngày 15 tháng 11 năm 2025"],
]
BODY = [
    "BÁO CÁO",
    "Kết quả tự đánh giá, chấm điểm công tác dân vận chính quyền năm 2025",
    "Thực hiện Kế hoạch số 12/KH-UBND ngày 03/01/2025 của UBND tỉnh, Sở Nội vụ đã triển khai các nhiệm vụ "
    "được giao.",
    "Đơn vị tự xếp loại: Hoàn thành tốt nhiệm vụ.",
]
SIGNATURE = [
    ["Nơi nhận:\n- Như trên;\n- Lưu: VT, XDCQ.", "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n\n\nHồ Thị Lan"],
]
EXPECTED = ("215/BC-SNV", "Sở Nội vụ", "2025-11-15", 2025, "Hồ Thị Lan", "tot")


def _docx(path, header, body, signature):
    import docx
    d = docx.Document()
    for rows in (header, None, signature):
        if rows is None:
            for line in body:
                d.add_paragraph(line)
            continue
        t = d.add_table(rows=len(rows), cols=2)   # python-docx's default table has no borders
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                cell = t.cell(r, c)
                cell.paragraphs[0].text = text.split("\n")[0]
                for line in text.split("\n")[1:]:
                    cell.add_paragraph(line)
    d.save(str(path))


def _pdf(path, header, body, signature):
    from fpdf import FPDF
    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", "", f"{FONT_DIR}/DejaVuSans.ttf")
    pdf.set_font("DejaVu", size=10)
    pdf.add_page()

    def layout(rows):
        with pdf.table(borders_layout="NONE", text_align="CENTER", line_height=5, first_row_as_headings=False) as t:
            for row in rows:
                r = t.row()
                for text in row:
                    r.cell(text)
    layout(header)
    pdf.ln(6)
    for line in body:
        pdf.multi_cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    layout(signature)
    pdf.output(str(path))


def _metadata(doc):
    md = doc.metadata
    return md.report_number, md.issuer, md.issued_on, md.assessment_year, md.signer, md.classification


def _fonts_or_skip():
    import os
    if not os.path.exists(f"{FONT_DIR}/DejaVuSans.ttf"):
        pytest.skip(f"the DejaVu font is not installed in {FONT_DIR} (Debian: fonts-dejavu-core)")


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_header_and_signature_layout_tables_give_the_metadata(fmt, tmp_path):
    if fmt == "pdf":
        _fonts_or_skip()
    path = tmp_path / f"header_signature_layout_tables.{fmt}"
    (_docx if fmt == "docx" else _pdf)(path, HEADER, BODY, SIGNATURE)
    doc = extract_file(path)
    assert _metadata(doc) == EXPECTED
    text, spans = doc.model.text, doc.metadata.spans
    assert text[slice(*spans["report_number"])] == "215/BC-SNV"
    assert text[slice(*spans["issuer"])] == "SỞ NỘI VỤ"
    assert text[slice(*spans["issued_on"])] == "ngày 15 tháng 11 năm 2025"
    assert text[slice(*spans["signer"])] == "Hồ Thị Lan"
    assert text[slice(*spans["classification"])] == "Hoàn thành tốt nhiệm vụ"
    assert text[slice(*spans["assessment_year"])] == "2025"


def test_pdf_side_by_side_header_lines_are_separate_cells(tmp_path):
    _fonts_or_skip()
    path = tmp_path / "header_side_by_side.pdf"
    _pdf(path, HEADER, BODY, SIGNATURE)
    doc = extract_file(path).model
    first = doc.tables[0].rows[0].cells
    assert [c.text for c in first] == HEADER[0]
    assert "BÁO CÁO" in [b.text for b in doc.blocks]


UNIT_ALONE = [["TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG TỈNH\nSố: 08/BC-TTPVHCC",
               "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nQuảng Ngãi, ngày 02 tháng 12 năm 2025"]]


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_a_unit_alone_at_the_head_of_the_page_is_the_issuer(fmt, tmp_path):
    if fmt == "pdf":
        _fonts_or_skip()
    path = tmp_path / f"unit_alone_in_header.{fmt}"
    body = ["BÁO CÁO", "Kết quả thực hiện nhiệm vụ năm 2025", "Trong năm, đơn vị đã hoàn thành các nhiệm vụ."]
    (_docx if fmt == "docx" else _pdf)(path, UNIT_ALONE, body, SIGNATURE)
    md = extract_file(path).metadata
    # no running text spells the name: the unit word as the catalog writes it, common nouns in
    # lower case, the other words with a capital
    assert (md.issuer, md.report_number, md.issued_on) == (
        "Trung tâm Phục Vụ Hành Chính Công tỉnh", "08/BC-TTPVHCC", "2025-12-02")


# the same header exported to text: its two columns on one line, apart by spaces, or by one space
FLATTENED = {
    "wide_gap": "UBND TỈNH QUẢNG NGÃI         CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                "   SỞ NỘI VỤ                 Độc lập - Tự do - Hạnh phúc\n"
                "Số: 215/BC-SNV            Quảng Ngãi, ngày 15 tháng 11 năm 2025\n",
    "one_space": "UBND TỈNH QUẢNG NGÃI CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                 "SỞ NỘI VỤ Độc lập – Tự do – Hạnh phúc\n"
                 "Số 215/BC-SNV Quảng Ngãi, ngày 15 tháng 11 năm 2025\n",
}


@pytest.mark.parametrize("layout", sorted(FLATTENED))
def test_header_columns_flattened_into_text_lines(layout, tmp_path):
    path = tmp_path / f"header_flattened_{layout}.txt"
    path.write_text(FLATTENED[layout] + "\n" + "\n\n".join(BODY) + "\n\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n\nHồ Thị Lan\n",
                    "utf-8")
    doc = extract_file(path)
    assert _metadata(doc) == EXPECTED
    assert doc.model.text[slice(*doc.metadata.spans["issuer"])] == "SỞ NỘI VỤ"


def test_unit_name_over_two_header_lines_and_a_signature_marked_signed(tmp_path):
    path = tmp_path / "unit_over_two_lines.txt"
    path.write_text("ỦY BAN NHÂN DÂN\nHUYỆN SƠN HÀ\nSố: 88/BC-UBND\n\nBÁO CÁO\n\nKết quả năm 2025\n\n"
                    "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n(Đã ký)\n\nPhạm Quang Vinh\n", "utf-8")
    md = extract_file(path).metadata
    assert (md.issuer, md.report_number, md.signer) == ("Ủy ban nhân dân huyện Sơn Hà", "88/BC-UBND",
                                                        "Phạm Quang Vinh")


def test_parent_authority_the_catalog_does_not_name_is_skipped(tmp_path):
    path = tmp_path / "parent_not_a_unit_word.txt"
    path.write_text("ĐẢNG BỘ TỈNH QUẢNG NGÃI\nBAN TUYÊN GIÁO\nSố: 41/BC-BTG\n\nBÁO CÁO\n\n"
                    "Ban Tuyên giáo báo cáo kết quả năm 2025.\n", "utf-8")
    md = extract_file(path).metadata
    assert (md.issuer, md.report_number, md.assessment_year) == ("Ban Tuyên giáo", "41/BC-BTG", 2025)


def test_classification_after_words_that_lead_to_it(tmp_path):
    path = tmp_path / "classification_dat_muc.txt"
    path.write_text("BÁO CÁO\n\nPhòng Nội vụ tự đánh giá xếp loại đạt mức Hoàn thành xuất sắc nhiệm vụ.\n", "utf-8")
    doc = extract_file(path)
    md = doc.metadata
    assert md.classification == "xuat_sac"
    assert doc.model.text[slice(*md.spans["classification"])] == "Hoàn thành xuất sắc nhiệm vụ"


def test_classification_cue_opening_a_sentence_mid_line(tmp_path):
    path = tmp_path / "classification_after_the_total.txt"
    path.write_text("BÁO CÁO\n\nTổng điểm: 88/100 điểm. Xếp loại: Hoàn thành tốt nhiệm vụ.\n\n"
                    "Căn cứ các tiêu chí xếp loại hoàn thành nhiệm vụ của tỉnh.\n", "utf-8")
    md = extract_file(path).metadata
    assert md.classification == "tot"


def test_classification_after_a_cue_of_the_opening_in_the_same_paragraph(tmp_path):
    # a PDF's lines join into one paragraph: its first cue ('…, xếp loại công tác …') names no class
    path = tmp_path / "classification_second_cue_of_a_paragraph.txt"
    path.write_text("BÁO CÁO\n\nPhường tự chấm điểm, xếp loại công tác dân vận chính quyền căn cứ Quyết định "
                    "số 1211/QĐ-UBND ngày 02/11/2022 của UBND tỉnh. Các nội dung đều đạt yêu cầu, tổng số điểm "
                    "tự chấm là 95 điểm trên thang điểm 100, các tổ chức đoàn thể hoàn thành nhiệm vụ. "
                    "Căn cứ số điểm đạt được, Phường tự xếp loại công tác dân vận năm 2024 đạt: "
                    "Hoàn thành xuất sắc.\n", "utf-8")
    doc = extract_file(path)
    assert doc.metadata.classification == "xuat_sac"
    assert doc.model.text[slice(*doc.metadata.spans["classification"])] == "Hoàn thành xuất sắc"


def test_classification_is_read_within_its_sentence_not_after_a_colon_below(tmp_path):
    # the line under the sentence ('Nơi nhận:', a layout table's cell in a PDF) joins its paragraph:
    # its colon is not where the class is stated
    path = tmp_path / "classification_before_a_colon_line.txt"
    path.write_text("BÁO CÁO\n\nIII. TỰ XẾP LOẠI\nTổng điểm tự chấm đạt 94 điểm; Sở tự xếp loại Hoàn thành xuất sắc "
                    "nhiệm\nvụ.\nNơi nhận:\n- Lưu: VT.\n", "utf-8")
    doc = extract_file(path)
    assert doc.metadata.classification == "xuat_sac"
    assert doc.model.text[slice(*doc.metadata.spans["classification"])] == "Hoàn thành xuất sắc nhiệm\nvụ"


def test_assessment_year_of_a_school_year(tmp_path):
    path = tmp_path / "school_year_in_the_title.md"
    path.write_text("TRƯỜNG MẦM NON SEN HỒNG\n\nSố: 7/BC-MN\n\n**BÁO CÁO**\n\n**Tự đánh giá thi đua năm học 2023 - 2024**\n\n"
                    "Trường báo cáo kết quả năm học như sau.\n", "utf-8")
    doc = extract_file(path)
    assert doc.metadata.assessment_year == 2024
    assert doc.model.text[slice(*doc.metadata.spans["assessment_year"])] == "2024"


def test_wrapped_line_citing_a_decree_is_not_the_report_number(tmp_path):
    path = tmp_path / "wrapped_so_of_a_cited_decree.txt"
    path.write_text("BÁO CÁO\n\nTổng kết công tác thi đua năm 2022\n\nVăn phòng tiếp tục quán triệt Nghị định\n"
                    "số 91/2017/NĐ-CP ngày 31/7/2017 của Chính phủ về thi đua, khen thưởng.\n", "utf-8")
    assert extract_file(path).metadata.report_number is None


def test_unit_opening_a_sentence_wrapped_over_two_lines(tmp_path):
    path = tmp_path / "issuer_in_a_wrapped_sentence.txt"
    path.write_text("BÁO CÁO\n\nKết quả công tác dân vận năm 2023\n\nTheo đề nghị của Sở Nội vụ, Văn phòng UBND tỉnh (sau đây\n"
                    "viết tắt là Văn phòng) báo cáo như sau:\n", "utf-8")
    assert extract_file(path).metadata.issuer == "Văn phòng UBND tỉnh"


def test_public_extract_gives_metadata_spans(tmp_path):
    import chamdiem
    path = tmp_path / "header_signature_layout_tables.docx"
    _docx(path, HEADER, BODY, SIGNATURE)
    report = chamdiem.extract(path)
    spans = report.metadata.spans
    assert sorted(spans) == ["assessment_year", "classification", "issued_on", "issuer", "report_number", "signer"]
    assert report.model.text[slice(*spans["report_number"])] == report.metadata.report_number


def test_a_long_unit_name_wrapped_in_its_header_cell(tmp_path):
    header = [["UBND TỈNH QUẢNG NGÃI\nBAN QUẢN LÝ CÁC KHU CÔNG NGHIỆP\nTỈNH QUẢNG NGÃI\nSố: 301/BC-BQL",
               "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nQuảng Ngãi, ngày 28 tháng 11 năm 2025"]]
    path = tmp_path / "unit_name_wrapped.docx"
    _docx(path, header, ["BÁO CÁO", "Kết quả năm 2025"], SIGNATURE)
    doc = extract_file(path)
    md = doc.metadata
    assert (md.issuer, md.report_number) == ("Ban Quản Lý các Khu Công Nghiệp tỉnh Quảng Ngãi", "301/BC-BQL")
    assert doc.model.text[slice(*md.spans["issuer"])] == "BAN QUẢN LÝ CÁC KHU CÔNG NGHIỆP\nTỈNH QUẢNG NGÃI"


def test_class_words_in_a_sheet_row_whose_score_columns_are_unnamed_are_no_class(tmp_path):
    # the columns under 'Điểm' have no names: the framework decides their roles after the sheet is
    # read, and the sheet is no laid out text whose 'xếp loại' would state the report's class
    path = tmp_path / "class_words_in_an_unnamed_columns_sheet.md"
    path.write_text("PHÒNG NỘI VỤ\n\nSố: 12/BC-PNV\n\nBÁO CÁO\n\nKết quả tự chấm điểm năm 2025\n\n"
                    "| Mã | Nội dung tiêu chí | Điểm | | Hồ sơ kèm theo |\n|---|---|---|---|---|\n"
                    "| Tiêu chí 1 | Công tác triển khai | 10 | 8 | Kế hoạch |\n"
                    "| Nội dung 1 | Công đoàn được đánh giá, xếp loại hoàn thành tốt nhiệm vụ trở lên | 5 | 4 | Có |\n"
                    "| Nội dung 2 | Ban hành kế hoạch | 5 | 4 | Có hồ sơ |\n", "utf-8")
    assert extract_file(path).metadata.classification is None


def test_a_unit_name_wrapped_onto_a_line_of_seven_words(tmp_path):
    header = [["UBND TỈNH QUẢNG NGÃI\nBAN QUẢN LÝ KHU KINH TẾ\nDUNG QUẤT VÀ CÁC KCN QUẢNG NGÃI\nSố: 88/BC-BQL",
               "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nQuảng Ngãi, ngày 02 tháng 12 năm 2025"]]
    path = tmp_path / "unit_name_wrapped_onto_seven_words.docx"
    _docx(path, header, ["BÁO CÁO", "Kết quả năm 2025"], SIGNATURE)
    md = extract_file(path).metadata
    assert (md.issuer, md.report_number) == ("Ban Quản Lý Khu Kinh Tế Dung Quất và các KCN Quảng Ngãi", "88/BC-BQL")
