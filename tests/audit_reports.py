"""The reports the audit tests trace: one known sheet (tests/fixtures) written as a typed PDF, a
scan of it, a DOCX and an XLSX, each under its own unit's name so all four stay current."""
from __future__ import annotations

import pathlib

from conftest import FIXTURES
from renditions import write_docx, write_pdf, write_xlsx

SHEET = "tsv_sheet_short_rows_and_html_cells.txt"
UNITS = {"pdf": "Sở Xây dựng", "scan": "Sở Y tế", "docx": "Sở Tài chính", "xlsx": "Sở Công Thương",
         "txt": "Sở Tư pháp"}


def sheet_text(unit: str, self_tc1: str = "10") -> str:
    text = (FIXTURES / SHEET).read_text("utf-8").replace("Sở Tư pháp", unit)
    # the first criterion's row: max 10, self as given
    return text.replace("dân vận của chính quyền\t10\t10\t", f"dân vận của chính quyền\t10\t{self_tc1}\t", 1)


def write_report(kind: str, folder: pathlib.Path) -> pathlib.Path:
    """The sheet as ``kind`` (pdf, scan, docx, xlsx, txt) in ``folder``."""
    text = sheet_text(UNITS[kind])
    if kind == "txt":
        out = folder / "so-tu-phap.txt"
        out.write_text(text, "utf-8")
        return out
    if kind == "scan":
        from test_ocr import SCAN_DPI, page_images
        typed = typed_pdf_of_scan(folder)
        out = folder / "so-y-te-scan.pdf"
        images = page_images(typed)
        images[0].save(str(out), save_all=True, append_images=images[1:], resolution=SCAN_DPI)
        return out
    out = folder / f"{kind}-report.{kind}"
    {"pdf": lambda: write_pdf(text, out, ruled=True, v_align="TOP"), "docx": lambda: write_docx(text, out),
     "xlsx": lambda: write_xlsx(text, out)}[kind]()
    if kind == "docx":
        rule_tables(out)
    return out


def rule_tables(path) -> None:
    """Every table of a .docx drawn with its grid (Word's "Table Grid" style), as a score sheet is
    printed, the label column wide enough for a label to fit on a few lines."""
    import docx
    from docx.shared import Cm
    document = docx.Document(str(path))
    for table in document.tables:
        table.style = document.styles["Table Grid"]
        table.autofit = False
        widths = [Cm(2), Cm(6)] + [Cm(1.8)] * (len(table.columns) - 3) + [Cm(3.5)]
        for row in table.rows:
            for cell, width in zip(row.cells, widths):
                cell.width = width
    document.save(str(path))


def typed_pdf_of_scan(folder: pathlib.Path) -> pathlib.Path:
    """The typed PDF the scan is rendered from: its characters are where the scan's ink is."""
    typed = folder / "so-y-te-typed.pdf"
    if not typed.exists():
        write_pdf(sheet_text(UNITS["scan"]), typed, ruled=True, v_align="TOP")
    return typed


def chars_in(pdf_path, page: int, box, slack: float = 0.0) -> tuple[str, list]:
    """The characters of a PDF page (pdfium, top-down points) whose centre lies in ``box``
    (x0, y0, x1, y1) widened by ``slack``: their text without spaces and their boxes."""
    import pypdfium2 as pdfium
    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        pg = pdf[page - 1]
        height = pg.get_height()
        tp = pg.get_textpage()
        x0, y0, x1, y1 = box
        text, boxes = [], []
        for i in range(tp.count_chars()):
            ch = tp.get_text_range(i, 1)
            if not ch.strip():
                continue
            left, bottom, right, top = tp.get_charbox(i, loose=True)
            cx, cy = (left + right) / 2, height - (bottom + top) / 2
            if x0 - slack <= cx <= x1 + slack and y0 - slack <= cy <= y1 + slack:
                text.append(ch)
                boxes.append((left, height - top, right, height - bottom))
        return "".join(text), boxes
    finally:
        pdf.close()
