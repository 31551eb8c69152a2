"""Writes the same report as DOCX or HTML (and PDF, see pdf_rendition) from its text rendition,
so tests can require every format to give exactly the text rendition's results."""
from __future__ import annotations

import html as html_lib
import re

from chamdiem.readers.text import parse_text


def _items(model):
    """Narrative blocks and tables in document order."""
    items = [(b.start, "p", b) for b in model.blocks] + [(t.start, "t", t) for t in model.tables]
    return [(kind, x) for _, kind, x in sorted(items, key=lambda i: i[0])]


def _grid(table):
    width = max(max((c.col for c in r.cells), default=0) + 1 for r in table.rows)
    return width, [[next((c for c in r.cells if c.col == k), None) for k in range(width)] for r in table.rows]


def write_docx(text: str, path, *, split_tables_at: int | None = None) -> None:
    """``split_tables_at``: cut the first table after that many rows with a page break and repeat
    its first header row, as Word does with a table that runs over a page."""
    import docx
    model = parse_text(text)
    d = docx.Document()
    for kind, x in _items(model):
        if kind == "p":
            d.add_paragraph(x.text.strip())
            continue
        width, grid = _grid(x)
        chunks = [grid] if split_tables_at is None else [grid[:split_tables_at], grid[:1] + grid[split_tables_at:]]
        for k, chunk in enumerate(chunks):
            if k:
                d.add_page_break()
            t = d.add_table(rows=len(chunk), cols=width)
            for r, row in enumerate(chunk):
                for c, cell in enumerate(row):
                    lines = cell.text.strip().split("\n") if cell is not None else [""]
                    tc = t.cell(r, c)
                    tc.text = lines[0]
                    for more in lines[1:]:
                        tc.add_paragraph(more)
        split_tables_at = None
    d.save(str(path))


def write_html(text: str, path) -> None:
    """Table cells keep their HTML (the text exports carry it); narrative is escaped."""
    model = parse_text(text)
    out = ["<!DOCTYPE html><html><head><meta charset='utf-8'></head><body>"]
    for kind, x in _items(model):
        if kind == "p":
            out.append(f"<p>{html_lib.escape(x.text.strip())}</p>")
            continue
        width, grid = _grid(x)
        out.append("<table border='1'>")
        for row in grid:
            cells = "".join(f"<td>{text[c.start:c.end] if c is not None else ''}</td>" for c in row)
            out.append(f"<tr>{cells}</tr>")
        out.append("</table>")
    out.append("</body></html>")
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("\n".join(out))


def write_xlsx(text: str, path) -> None:
    """One sheet: narrative lines in column A, each table's cells at their columns, a blank row after
    a table; numbers stored as numbers (as a spreadsheet user types them), other cells as text."""
    import openpyxl
    model = parse_text(text)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    r = 1
    for kind, x in _items(model):
        if kind == "p":
            ws.cell(r, 1, x.text.strip())
            r += 1
            continue
        _, grid = _grid(x)
        for row in grid:
            for c, cell in enumerate(row):
                t = cell.text.strip() if cell is not None else ""
                if t:
                    ws.cell(r, c + 1, float(t.replace(",", ".")) if re.fullmatch(r"\d+(?:[.,]\d+)?", t) else t)
            r += 1
        r += 1
    wb.save(str(path))


FONT_DIR = "/usr/share/fonts/truetype/dejavu"


def write_pdf(text: str, path, *, ruled: bool = True, font_size: float = 8, label_width: float = 70,
              v_align: str = "TOP") -> None:  # noqa: C901
    """Narrative as paragraphs, sheets as tables (ruled, or with no rules at all), A4 pages;
    a long sheet runs over pages with its header repeated, as office software prints it."""
    from fpdf import FPDF
    from fpdf.fonts import FontFace
    model = parse_text(text)
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_font("DejaVu", "", f"{FONT_DIR}/DejaVuSans.ttf")
    pdf.add_font("DejaVu", "B", f"{FONT_DIR}/DejaVuSans-Bold.ttf")
    pdf.set_font("DejaVu", size=font_size)
    pdf.add_page()
    for kind, x in _items(model):
        if kind == "p":
            pdf.multi_cell(0, font_size * 0.5, x.text.strip(), new_x="LMARGIN", new_y="NEXT")
            continue
        width, grid = _grid(x)
        widths = _widths(grid, width, pdf.epw, label_width)
        header = 2 if width >= 5 and len(grid) > 2 and not any(c is not None and _is_number(c.text) for c in grid[1]) else 1
        with pdf.table(col_widths=widths, borders_layout="ALL" if ruled else "NONE", repeat_headings=1,
                       num_heading_rows=header, headings_style=FontFace(emphasis=""), line_height=font_size * 0.5,
                       first_row_as_headings=True, text_align="LEFT", padding=1, v_align=v_align) as table:
            for row in grid:
                texts = [c.text.strip() if c is not None else "" for c in row]
                # a row taller than a page goes on over the next page, as word processors print it
                for part in _split_tall(texts):
                    r = table.row()
                    for t in part:
                        r.cell(t)
        pdf.ln(2)
    pdf.output(str(path))


def _widths(grid, width, page_width, label_width):
    """Score columns narrow; text columns share the rest by how much text they hold."""
    if width == 1:
        return [page_width]
    chars = [sum(len(r[k].text) for r in grid if r[k] is not None) for k in range(width)]
    numeric = [all(r[k] is None or len(r[k].text.strip()) <= 12 for r in grid[2:]) for k in range(width)]
    fixed = 16.0
    text_cols = [k for k in range(width) if not numeric[k]] or [1]
    free = page_width - fixed * (width - len(text_cols))
    weight = {k: max(chars[k], 1) ** 0.5 for k in text_cols}  # square root: no column is starved
    total = sum(weight.values())
    return [max(22.0, free * weight[k] / total) if k in text_cols else fixed for k in range(width)]


def _split_tall(texts, limit=600):
    parts = [texts]
    while any(len(t) > limit for t in parts[-1]):
        head, tail = [], []
        for t in parts[-1]:
            if len(t) > limit:
                cut = t.rfind(" ", 0, limit)
                cut = cut if cut > 0 else limit
                head.append(t[:cut])
                tail.append(t[cut:].lstrip())
            else:
                head.append(t)
                tail.append("")
        parts[-1] = head
        parts.append(tail)
    return parts


def _is_number(s: str) -> bool:
    s = s.strip().replace(",", ".")
    return bool(s) and all(ch.isdigit() or ch in ". " for ch in s)


SCAN_DPI = 200  # an office scanner's usual setting


def write_scan(text: str, path, dpi: int = SCAN_DPI) -> None:
    """The report printed (write_pdf) and scanned: an image-only PDF of its pages, as a unit sends
    when it scans the signed paper."""
    import tempfile

    import pypdfium2 as pdfium
    with tempfile.TemporaryDirectory() as folder:
        typed = f"{folder}/typed.pdf"
        write_pdf(text, typed)
        pdf = pdfium.PdfDocument(typed)
        try:
            images = [pdf[k].render(scale=dpi / 72).to_pil().convert("L") for k in range(len(pdf))]
        finally:
            pdf.close()
    images[0].save(str(path), save_all=True, append_images=images[1:], resolution=dpi)
