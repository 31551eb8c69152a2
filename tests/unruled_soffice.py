"""Writes unruled score sheets as a word processor lays them out, printed to PDF by LibreOffice:
a DOCX table without borders (cells top-aligned, padded apart, labels wrapped over many lines in a
narrow column), converted by ``soffice --headless --convert-to pdf``. LibreOffice's PDFs give each
glyph its ink box (an 'm' shorter than a 'Đ'), not its font's line box as report generators do.
Each layout is one the PDF reader once read in pieces; the file is named after it. Wordings and
values are the test data's own (make_sheets.ITEMS and the framework's item texts)."""
from __future__ import annotations

import os
import shutil
import subprocess

from make_sheets import ITEMS, TOTAL, _num

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
HEADER = ["TT", "Nội dung tiêu chí", "Điểm tối đa", "Điểm tự chấm", "Tài liệu kiểm chứng"]
# a paragraph of the report above the sheet, without numbers
NARRATIVE = ("Trong năm, đơn vị đã quán triệt và triển khai đầy đủ các văn bản chỉ đạo về công tác dân vận "
             "chính quyền, phân công cán bộ theo dõi và báo cáo kết quả thực hiện đúng quy định.")

# layout -> (paragraphs above the sheet, rows kept whole on one page, header)
LAYOUTS = {
    # the header stands alone at the foot of the first page: its first row, kept whole, does not fit
    "header_alone_at_page_foot": (11, True, HEADER),
    # ... its maximum's header cell blank: the column shows by its numbers on the next page only
    "blank_header_alone_at_page_foot": (11, True, ["TT", "Nội dung tiêu chí", "", "Điểm tự chấm",
                                                   "Tài liệu kiểm chứng"]),
    # rows cut by page breaks: a label's lines go on at the top of the next page, under no header
    "rows_cut_by_page_breaks": (2, False, HEADER),
}


def _framework_text(c: int, k: int | None) -> str:
    from chamdiem.normalizers.framework_catalog import frameworks
    return frameworks()["dvcq"].items[f"dvcq.tc{c}" + (f".nd{k}" if k else "")].text


def rows() -> list[list[str]]:
    """The body rows [number, label, max, self, evidence], the total row last."""
    out = [[str(c) if k is None else f"{c}.{k}", _framework_text(c, k), _num(mx), _num(sf), ev]
           for c, k, _, mx, sf, _, ev in ITEMS]
    return out + [["", TOTAL[0], _num(TOTAL[1]), _num(TOTAL[2]), ""]]


def expected() -> dict[str, tuple]:
    """The score fields each criterion reads: (max, self, authority, bonus max, bonus self)."""
    out = {f"dvcq.tc{c}" + (f".nd{k}" if k else ""): (mx, sf, None, None, None) for c, k, _, mx, sf, _, _ in ITEMS}
    out["dvcq"] = (TOTAL[1], TOTAL[2], None, None, None)
    return out


def write(layout: str, path) -> None:
    """The sheet of ``layout`` as a PDF at ``path`` (a .pdf), through a DOCX LibreOffice prints."""
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    paragraphs, whole_rows, header = LAYOUTS[layout]
    d = docx.Document()
    d.styles["Normal"].font.size = Pt(10)
    d.add_paragraph().add_run("BÁO CÁO KẾT QUẢ TỰ CHẤM ĐIỂM CÔNG TÁC DÂN VẬN CHÍNH QUYỀN").bold = True
    for _ in range(paragraphs):
        d.add_paragraph(NARRATIVE)
    d.add_paragraph().add_run("BẢNG CHẤM ĐIỂM").bold = True
    body = rows()
    table = d.add_table(rows=1 + len(body), cols=len(HEADER))
    for r, row in enumerate([header] + body):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
        if whole_rows:
            props = table.rows[r]._tr.get_or_add_trPr()
            props.append(OxmlElement("w:cantSplit"))
            props[-1].set(qn("w:val"), "true")
    print_to_pdf(d, path)


def print_to_pdf(document, path) -> None:
    """Saves the python-docx ``document`` beside ``path`` and prints it to ``path`` (a .pdf) with
    LibreOffice, in a profile of its own in the same folder."""
    src = path.with_suffix(".docx")
    document.save(str(src))
    profile = path.parent / "soffice-profile"
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(path.parent), str(src)],
                   check=True, capture_output=True, timeout=180, env={**os.environ, "HOME": str(path.parent)})
