"""The forge's writers: one neutral document (Doc) to txt, md, HTML, DOCX (with or without tracked
revisions), XLSX, PDF (fpdf2, or LibreOffice from DOCX) and scans (a PDF's pages as images). Written
from the forge's data directly, never through chamdiem's readers."""
from __future__ import annotations

import copy
import html
import io
import pathlib
import shutil
import subprocess
import unicodedata
from dataclasses import dataclass

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
FONT_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


@dataclass
class Doc:
    header: tuple[list[str], list[str]]        # issuer block, motto and date block
    header_layout: str                          # side_by_side, sequential, motto_first
    title: list[str]
    paragraphs: list[str]
    signature: tuple[list[str], list[str]]     # recipients, signer block
    signature_layout: str                       # side_by_side, recipients_first, signer_first
    sheet_title: list[str]
    table_header: list[list[str]]
    table_body: list[list[str]]
    spans: list[tuple[int, int]]                # merged header cells of the first header row
    ruled: bool
    revisions: bool = False
    roles: list[str] | None = None              # each table column's role (number, name, self_score, ...)
    headings: frozenset[int] = frozenset()      # paragraphs that are headings (the prose layout's items)
    emphasis: str = "plain"                     # how a heading shows: plain, bold, heading (md #, h3, Word style)

    @property
    def has_table(self) -> bool:
        return bool(self.table_header)


def _pair_lines(pair, layout, first_left=("side_by_side", "sequential", "recipients_first")):
    left, right = pair
    if layout == "side_by_side":
        return [f"{a}\t{b}" if b else a for a, b in _zip_long(left, right)]
    return (left + [""] + right) if layout in first_left else (right + [""] + left)


def _zip_long(left, right):
    n = max(len(left), len(right))
    return [(left[i] if i < len(left) else "", right[i] if i < len(right) else "") for i in range(n)]


def _blocks(doc: Doc, pair_style, mark_heading=lambda text: text) -> list[str]:
    """The document as text lines, the two paired blocks written by pair_style."""
    lines = pair_style(doc.header, doc.header_layout) + [""] + doc.title + [""]
    for k, p in enumerate(doc.paragraphs):
        lines += [mark_heading(p) if k in doc.headings else p, ""]
    lines += pair_style(doc.signature, doc.signature_layout) + [""]
    if doc.has_table:
        lines += doc.sheet_title + [""]
    return lines


# ---- text formats -------------------------------------------------------------------------------

def to_txt(doc: Doc) -> str:
    lines = _blocks(doc, _pair_lines)
    if doc.has_table:
        lines += ["\t".join(r) for r in doc.table_header + doc.table_body]
    return "\n".join(lines) + "\n"


def _md_row(cells):
    return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"


def to_md(doc: Doc) -> str:
    def pairs(pair, layout):
        if layout != "side_by_side":
            return _pair_lines(pair, layout)
        rows = _zip_long(*pair)
        return [_md_row(rows[0]), _md_row(["---", "---"])] + [_md_row(r) for r in rows[1:]]
    marks = {"bold": "**{}**", "heading": "### {}"}
    lines = _blocks(doc, pairs, marks.get(doc.emphasis, "{}").format)
    lines[lines.index(doc.title[0])] = "## " + doc.title[0]
    if doc.has_table:
        rows = doc.table_header + doc.table_body
        lines += [_md_row(rows[0]), _md_row(["---"] * len(rows[0]))] + [_md_row(r) for r in rows[1:]]
    return "\n".join(lines) + "\n"


def to_html(doc: Doc, charset: str) -> str:
    esc = html.escape

    def pair(p, layout):
        if layout != "side_by_side":
            return "".join(f"<p>{esc(x)}</p>" for x in _pair_lines(p, layout) if x)
        cells = "".join("<td>" + "".join(f"<p>{esc(x)}</p>" for x in side) + "</td>" for side in p)
        return f"<table><tr>{cells}</tr></table>"

    out = [f'<html><head><meta charset="{charset}"><title>{esc(doc.title[0])}</title></head><body>',
           pair(doc.header, doc.header_layout)]
    heading = {"bold": "<p><b>{}</b></p>", "heading": "<h3>{}</h3>"}.get(doc.emphasis, "<p>{}</p>")
    out += [f"<p><b>{esc(t)}</b></p>" for t in doc.title]
    out += [(heading if k in doc.headings else "<p>{}</p>").format(esc(p)) for k, p in enumerate(doc.paragraphs)]
    out.append(pair(doc.signature, doc.signature_layout))
    if not doc.has_table:
        out.append("</body></html>")
        return "\n".join(out)
    out += [f"<p><b>{esc(t)}</b></p>" for t in doc.sheet_title]
    out.append(f'<table border="{1 if doc.ruled else 0}">')
    out += _html_header(doc)
    for row in doc.table_body:
        out.append("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in row) + "</tr>")
    out.append("</table></body></html>")
    return "\n".join(out)


def _html_header(doc: Doc) -> list[str]:
    """The header rows: a group cell spans its sub-columns, the other cells of a two-row header both rows."""
    esc = html.escape
    if len(doc.table_header) == 1:
        return ["<tr>" + "".join(f"<th>{esc(t)}</th>" for t in doc.table_header[0]) + "</tr>"]
    top, sub = doc.table_header
    grouped = {c for start, end in doc.spans for c in range(start, end + 1)}
    cells = []
    for c, text in enumerate(top):
        span = next((s for s in doc.spans if s[0] == c), None)
        if span:
            cells.append(f'<th colspan="{span[1] - span[0] + 1}">{esc(text)}</th>')
        elif c not in grouped:
            cells.append(f'<th rowspan="2">{esc(text)}</th>')
    under = "".join(f"<th>{esc(text)}</th>" for c, text in enumerate(sub) if c in grouped)
    return ["<tr>" + "".join(cells) + "</tr>", "<tr>" + under + "</tr>"]


def encode(text: str, encoding: str) -> bytes:
    """cp1258 holds base letters and the five tone marks apart: decompose what it lacks."""
    if encoding != "cp1258":
        return text.encode(encoding)
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", ch)
            base = unicodedata.normalize("NFC", "".join(p for p in parts if p not in _TONES))
            out += (base + "".join(p for p in parts if p in _TONES)).encode("cp1258")
    return bytes(out)


# ---- DOCX ---------------------------------------------------------------------------------------

def _docx(doc: Doc):
    import docx
    from docx.shared import Pt

    d = docx.Document()
    d.styles["Normal"].font.size = Pt(10)

    def pair(p, layout):
        if layout != "side_by_side":
            for line in _pair_lines(p, layout):
                d.add_paragraph(line)
            return
        table = d.add_table(rows=1, cols=2)
        for cell, side in zip(table.rows[0].cells, p):
            cell.text = side[0]
            for line in side[1:]:
                cell.add_paragraph(line)

    pair(doc.header, doc.header_layout)
    for t in doc.title:
        d.add_paragraph().add_run(t).bold = True
    paras = [_docx_paragraph(d, p, k in doc.headings and doc.emphasis) for k, p in enumerate(doc.paragraphs)]
    pair(doc.signature, doc.signature_layout)
    if not doc.has_table:
        if doc.revisions:
            _revise(paras, None, 0, 0)
        return d
    for t in doc.sheet_title:
        d.add_paragraph().add_run(t).bold = True
    rows = doc.table_header + doc.table_body
    table = d.add_table(rows=len(rows), cols=len(rows[0]))
    if doc.ruled:
        table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    if len(doc.table_header) == 2:
        for c in range(len(rows[0])):
            if not any(start <= c <= end for start, end in doc.spans):
                keep = table.cell(0, c).text
                table.cell(0, c).merge(table.cell(1, c)).text = keep
        for start, end in doc.spans:
            keep = table.cell(0, start).text
            table.cell(0, start).merge(table.cell(0, end)).text = keep
    if doc.revisions:
        _revise(paras, table, len(doc.table_header), doc.roles.index("self_score"))
    return d


def _docx_paragraph(d, text: str, emphasis):
    """A paragraph; a heading in bold or in Word's own heading style."""
    if emphasis == "heading":
        return d.add_paragraph(text, style="Heading 3")
    if emphasis == "bold":
        para = d.add_paragraph()
        para.add_run(text).bold = True
        return para
    return d.add_paragraph(text)


def _revise(paras, table, header_rows: int, self_column: int) -> None:
    """Tracked changes Word shows as accepted: a deleted false sentence, an inserted one, and a
    sheet cell whose old value is deleted and the new one inserted."""
    from docx.oxml.ns import qn
    from docx.oxml import OxmlElement

    def wrap(run, tag):
        holder = OxmlElement(tag)
        holder.set(qn("w:id"), str(abs(hash((tag, id(run)))) % 10**6))
        holder.set(qn("w:author"), "forge")
        run._r.addprevious(holder)
        holder.append(run._r)
        if tag == "w:del":
            for t in run._r.findall(qn("w:t")):
                t.tag = qn("w:delText")
        return holder

    filler = paras[-1]
    wrap(filler.add_run(" Tổng số điểm tự chấm: 12 điểm."), "w:del")
    wrap(filler.add_run(" Đơn vị đã rà soát lại hồ sơ kèm theo."), "w:ins")
    from docx.text.run import Run
    if table is None:
        return
    para = table.rows[header_rows + 1].cells[self_column].paragraphs[0]
    if para.runs:
        old = para.runs[0]
        stale = copy.deepcopy(old._r)
        old._r.addprevious(stale)
        wrap(Run(stale, para), "w:del").find(qn("w:r")).find(qn("w:delText")).text = "0"
        wrap(old, "w:ins")


def docx_bytes(doc: Doc) -> bytes:
    buf = io.BytesIO()
    _docx(doc).save(buf)
    return buf.getvalue()


# ---- XLSX ---------------------------------------------------------------------------------------

def xlsx_bytes(doc: Doc, numeric: bool) -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Bang cham diem"
    width = len(doc.table_header[0])
    for line in _blocks(doc, _pair_lines):
        if "\t" in line:
            left, right = line.split("\t", 1)
            ws.append([left] + [None] * max(0, width - 3) + [right])
        else:
            ws.append([line or None])
    first = ws.max_row + 1
    for row in doc.table_header:
        ws.append([c or None for c in row])
    if len(doc.table_header) == 2:
        for start, end in doc.spans:
            ws.merge_cells(start_row=first, start_column=start + 1, end_row=first, end_column=end + 1)
    scores = {k for k, role in enumerate(doc.roles or []) if role not in ("number", "name", "evidence")}
    for row in doc.table_body:
        ws.append([_cell(c, numeric and k in scores) for k, c in enumerate(row)])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _cell(text: str, numeric: bool):
    if not text:
        return None
    if numeric:
        try:
            return float(text.replace(",", "."))
        except ValueError:
            return text
    return text


# ---- PDF and scans ------------------------------------------------------------------------------

def pdf_bytes(doc: Doc) -> bytes:
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    pdf = FPDF(format="A4")
    pdf.add_font("dv", "", FONT)
    bold_headings = bool(doc.headings) and doc.emphasis != "plain"
    if bold_headings:
        pdf.add_font("dv", "B", FONT_BOLD)
    pdf.set_font("dv", size=9)
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin

    def pair(p, layout):
        if layout != "side_by_side":
            for line in _pair_lines(p, layout):
                pdf.multi_cell(width, 5, line, new_x="LMARGIN", new_y="NEXT")
            return
        top = pdf.get_y()
        bottoms = []
        for k, side in enumerate(p):
            pdf.set_xy(pdf.l_margin + k * width / 2, top)
            for line in side:
                pdf.set_x(pdf.l_margin + k * width / 2)
                pdf.multi_cell(width / 2, 5, line, align="C", new_x="LEFT", new_y="NEXT")
            bottoms.append(pdf.get_y())
        pdf.set_xy(pdf.l_margin, max(bottoms) + 3)

    pair(doc.header, doc.header_layout)
    for t in doc.title:
        pdf.multi_cell(width, 6, t, align="C", new_x="LMARGIN", new_y="NEXT")
    for k, p in enumerate(doc.paragraphs):
        if bold_headings:
            pdf.set_font("dv", "B" if k in doc.headings else "", size=9)
        pdf.multi_cell(width, 5, p, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
    if bold_headings:
        pdf.set_font("dv", size=9)
    pair(doc.signature, doc.signature_layout)
    if not doc.has_table:
        return bytes(pdf.output())
    for t in doc.sheet_title:
        pdf.multi_cell(width, 6, t, align="C", new_x="LMARGIN", new_y="NEXT")
    header = doc.table_header
    widths = [_col_width(header, doc.table_body, c) for c in range(len(header[0]))]
    with pdf.table(col_widths=widths, borders_layout="ALL" if doc.ruled else "NONE", first_row_as_headings=False,
                   headings_style=FontFace(), line_height=4.5, text_align="LEFT") as table:
        for k, row in enumerate(header):
            out = table.row()
            skip = set()
            for c, text in enumerate(row):
                if c in skip:
                    continue
                span = next((s for s in doc.spans if s[0] == c), None) if len(header) == 2 and k == 0 else None
                if span:
                    out.cell(text, colspan=span[1] - span[0] + 1)
                    skip.update(range(span[0] + 1, span[1] + 1))
                else:
                    out.cell(text)
        for row in doc.table_body:
            out = table.row()
            for text in row:
                out.cell(text)
    return bytes(pdf.output())


def _col_width(header, body, c) -> float:
    longest = max(len(r[c]) for r in header + body)
    return 60 if longest > 40 else 25 if longest > 12 else 12


def scan_bytes(pdf: bytes, dpi: int = 200) -> bytes:
    """The PDF's pages as a grey image-only PDF, as a scanner writes it."""
    import pypdfium2

    pages = []
    document = pypdfium2.PdfDocument(pdf)
    for page in document:
        pages.append(page.render(scale=dpi / 72).to_pil().convert("L"))
    buf = io.BytesIO()
    pages[0].save(buf, format="PDF", save_all=True, append_images=pages[1:], resolution=dpi)
    return buf.getvalue()


def have_tesseract() -> bool:
    return shutil.which("tesseract") is not None


def have_soffice() -> bool:
    return shutil.which("soffice") is not None


# ---- dispatch -----------------------------------------------------------------------------------

SUFFIX = {"txt": ".txt", "md": ".md", "html": ".html", "docx": ".docx", "docx_rev": ".docx", "xlsx": ".xlsx",
          "pdf_fpdf": ".pdf", "pdf_soffice": ".pdf", "scan": ".pdf"}
HTML_CHARSET = {"utf-8": "utf-8", "utf-8-sig": "utf-8", "utf-16": "utf-16", "cp1258": "windows-1258"}


def write(doc: Doc, out: pathlib.Path, stem: str, fmt: str, encoding: str, soffice_jobs: list) -> pathlib.Path:
    reports = out / "reports"
    reports.mkdir(parents=True, exist_ok=True)
    path = reports / (stem + SUFFIX[fmt])
    if fmt == "txt":
        path.write_bytes(encode(to_txt(doc), encoding))
    elif fmt == "md":
        path.write_bytes(encode(to_md(doc), encoding))
    elif fmt == "html":
        path.write_bytes(encode(to_html(doc, HTML_CHARSET[encoding]), encoding))
    elif fmt in ("docx", "docx_rev"):
        path.write_bytes(docx_bytes(doc))
    elif fmt == "xlsx":
        path.write_bytes(xlsx_bytes(doc, numeric=not any("," in c for r in doc.table_body for c in r)))
    elif fmt == "pdf_fpdf":
        path.write_bytes(pdf_bytes(doc))
    elif fmt == "scan":
        path.write_bytes(scan_bytes(pdf_bytes(doc)))
    elif fmt == "pdf_soffice":
        tmp = out / "_soffice"
        tmp.mkdir(exist_ok=True)
        (tmp / (stem + ".docx")).write_bytes(docx_bytes(doc))
        soffice_jobs.append(tmp / (stem + ".docx"))
    return path


def finish(soffice_jobs: list, out: pathlib.Path) -> None:
    """All DOCX-to-PDF conversions in one LibreOffice run (its start-up is the slow part)."""
    if not soffice_jobs:
        return
    profile = out / "_soffice" / "profile"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(out / "reports")] + [str(p) for p in soffice_jobs],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=1800)
    shutil.rmtree(out / "_soffice")
