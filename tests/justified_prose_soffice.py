"""Writes a narrative report whose paragraphs are justified (a DOCX printed to PDF by LibreOffice):
its lines run the text's full width, the slack of each spread over its spaces. Lines with few
spaces and long unbreakable words (document numbers, a web address) stretch a space to a wide
gap, as wide as a narrow sheet's gutter; on some lines one stretched space parts words that name
score columns ('… thưởng 3 điểm): Sở' from 'tự chấm …'), and the lines under it have word spaces
where that gap stands. Read as columns, such a line and the ones under it came out split by a tab
and their words reordered. Wordings and values are this file's own."""
from __future__ import annotations

from unruled_soffice import SOFFICE, print_to_pdf  # (SOFFICE: the tests skip without it)

TITLE = "BÁO CÁO TỰ ĐÁNH GIÁ, CHẤM ĐIỂM THI ĐUA NĂM 2023"
PARAGRAPHS = [
    "Thực hiện Hướng dẫn số 2157/HD-KTĐVHXH ngày 06/11/2023 của Khối thi đua các cơ quan Văn hóa - "
    "Xã hội, Sở Tư pháp tự đánh giá, chấm điểm kết quả thực hiện các tiêu chí thi đua như sau:",
    "1. Công tác tham mưu xây dựng, thẩm định văn bản quy phạm pháp luật (120 điểm, thưởng 6 điểm): "
    "Sở tự chấm 120 điểm và 6 điểm thưởng. Trong năm, Sở thẩm định 47 dự thảo nghị quyết, quyết định "
    "quy phạm pháp luật, góp ý 112 dự thảo văn bản của các sở, ngành; tự kiểm tra 1.356 văn bản, "
    "phát hiện 9 văn bản sai sót và kiến nghị xử lý kịp thời.",
    "2. Công tác phổ biến, giáo dục pháp luật và hòa giải ở cơ sở (60 điểm, thưởng 3 điểm): tự chấm "
    "58 điểm, thưởng 3 điểm. Tổ chức 35 hội nghị tuyên truyền cho 4.218 lượt người, tài liệu đăng tại "
    "https://sotuphap.quangngai.gov.vn/phobiengiaoducphapluat theo Kế hoạch số "
    "1985/KH-STP-PBGDPL ngày 22/12/2022.",
    "3. Công tác hành chính tư pháp, bổ trợ tư pháp (80 điểm, thưởng 4 điểm): Sở tự chấm 80 điểm, "
    "thưởng 4 điểm; cấp 6.742 phiếu lý lịch tư pháp đúng hạn, đạt tỷ lệ 100%; Quyết định số "
    "3091/QĐ-UBND-NC ngày 15/9/2023 công nhận kết quả kiểm tra, đánh giá công tác bổ trợ tư pháp.",
    "4. Công tác thi hành án dân sự và theo dõi thi hành pháp luật (40 điểm, thưởng 2 điểm): đơn vị "
    "tự chấm đủ 40 điểm, thưởng 2 điểm; ban hành Văn bản số 4417/STP-QLXLVPHC&TDTHPL ngày "
    "30/10/2023 hướng dẫn nghiệp vụ cho các huyện, thị xã, thành phố.",
]


def write(path) -> None:
    """The report as a PDF at ``path`` (a .pdf), through a DOCX LibreOffice prints."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    d = docx.Document()
    section = d.sections[0]   # an A4 page with an administrative document's margins
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin, section.right_margin = Cm(3), Cm(2)
    d.styles["Normal"].font.name = "Times New Roman"
    d.styles["Normal"].font.size = Pt(14)
    d.add_paragraph().add_run(TITLE).bold = True
    for text in PARAGRAPHS:
        paragraph = d.add_paragraph(text)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        paragraph.paragraph_format.first_line_indent = Cm(1)
    print_to_pdf(d, path)
