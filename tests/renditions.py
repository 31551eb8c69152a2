"""Writes the same report as DOCX or HTML (and PDF, see pdf_rendition) from its text rendition,
so tests can require every format to give exactly the text rendition's results."""
from __future__ import annotations

import html as html_lib

from readers.text import parse_text


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
