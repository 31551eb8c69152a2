"""Reader for .docx: paragraphs and tables in body order, read from the XML grid.

The convenience API of python-docx repeats a merged cell in every slot it covers (``row.cells``),
ignores ``w:gridBefore`` (shifting every column of a late-starting row), drops nested tables from
``cell.text`` and does not see cells inside content controls (``w:sdt``). So rows are read from
the XML: each ``w:tc`` is one logical cell at its grid column; a ``vMerge`` continuation is empty,
its text stays in the origin cell.
"""
from __future__ import annotations

import zipfile

from chamdiem.readers.builder import DocumentBuilder
from chamdiem.readers.ooxml_guard import check_ooxml
from chamdiem.model.errors import CorruptFile, EmptyDocument
from chamdiem.model.document import DocumentModel

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _local(el) -> str:
    tag = el.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _val(el, path: str) -> str | None:
    found = el.find(path)
    return None if found is None else found.get(f"{W}val", "")


def read_docx(path: str, data: bytes, sha256: str) -> DocumentModel:
    import io

    import docx
    check_ooxml(path, data)  # before python-docx inflates anything
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise CorruptFile(path, f"not a readable .docx: {exc}") from None
    except Exception as exc:  # python-docx raises several kinds for broken packages
        raise CorruptFile(path, f"not a readable .docx: {type(exc).__name__}: {exc}") from None
    b = DocumentBuilder(path, sha256, "docx")
    body = document.element.body
    _Body(b, rendered=body.find(f".//{W}lastRenderedPageBreak") is not None).walk(body)
    if b.empty:
        raise EmptyDocument(path, "the document holds no text")
    return b.build()


class _Body:
    def __init__(self, builder: DocumentBuilder, rendered: bool):
        self.b = builder
        self.rendered = rendered
        self.last_table_cols: int | None = None
        self.only_breaks_since_table = False

    def walk(self, parent) -> None:
        for el in parent.iterchildren():
            name = _local(el)
            if name == "p":
                self.paragraph(el)
            elif name == "tbl":
                self.table(el)
            elif name == "sdt":
                content = el.find(f"{W}sdtContent")
                if content is not None:
                    self.walk(content)

    def paragraph(self, p) -> None:
        text, breaks_before, breaks_after = _paragraph_text(p, self.rendered)
        for _ in range(breaks_before):
            self.b.page_break()
        if text.strip():
            self.b.paragraph(text)
            self.only_breaks_since_table = False
        for _ in range(breaks_after):
            self.b.page_break()

    def table(self, tbl) -> None:
        cols = len(tbl.findall(f"{W}tblGrid/{W}gridCol"))
        # a table right after another of the same grid, with only empty paragraphs between,
        # is the same table cut by a page break
        if self.only_breaks_since_table and cols == self.last_table_cols:
            self.b.continue_table()
            first_chunk = True
        else:
            self.b.end_table()
            first_chunk = False
        for k, tr in enumerate(_rows(tbl)):
            chunk = first_chunk and k == 0
            if self.rendered and tr.find(f".//{W}lastRenderedPageBreak") is not None:
                self.b.page_break()  # Word continued the table on a new page here
                chunk = True
            self.b.row(_cells(tr), chunk_start=chunk)
        self.b.end_table()
        self.last_table_cols = cols
        self.only_breaks_since_table = True


def _rows(tbl):
    for el in tbl.iterchildren():
        name = _local(el)
        if name == "tr":
            yield el
        elif name == "sdt":
            content = el.find(f"{W}sdtContent")
            if content is not None:
                yield from _rows(content)


def _tcs(tr):
    for el in tr.iterchildren():
        name = _local(el)
        if name == "tc":
            yield el
        elif name in ("sdt", "customXml"):
            content = el.find(f"{W}sdtContent") if name == "sdt" else el
            if content is not None:
                yield from _tcs(content)


def _cells(tr) -> list[tuple[int, str]]:
    before = _val(tr, f"{W}trPr/{W}gridBefore")
    col = int(before) if before and before.isdigit() else 0
    out = []
    for tc in _tcs(tr):
        span = _val(tc, f"{W}tcPr/{W}gridSpan")
        vmerge = _val(tc, f"{W}tcPr/{W}vMerge")
        text = "" if vmerge is not None and vmerge != "restart" else _cell_text(tc)
        out.append((col, text))
        col += int(span) if span and span.isdigit() else 1
    return out


def _cell_text(tc) -> str:
    """Paragraphs joined by line ends; a nested table's rows as lines of ' ' -joined cells."""
    lines = []
    for el in tc.iterchildren():
        name = _local(el)
        if name == "p":
            lines.append(_paragraph_text(el)[0])
        elif name == "tbl":
            for tr in _rows(el):
                lines.append(" ".join(t for _, t in _cells(tr) if t))
        elif name == "sdt":
            content = el.find(f"{W}sdtContent")
            if content is not None:
                lines.append(_cell_text(content))
    return "\n".join(l for l in lines if l.strip())


def _paragraph_text(p, rendered: bool = False) -> tuple[str, int, int]:
    """Text of a paragraph, and the page breaks before and after it. When Word recorded where it
    broke pages (``lastRenderedPageBreak``) those marks count; else explicit page breaks do."""
    parts = []
    before = 1 if not rendered and p.find(f"{W}pPr/{W}pageBreakBefore") is not None else 0
    after = 0
    for el in p.iter():
        name = _local(el)
        if name == "t" and el.text:
            parts.append(el.text)
        elif name == "tab":
            parts.append(" ")
        elif name in ("br", "cr"):
            if el.get(f"{W}type") == "page":
                if not rendered:
                    if "".join(parts).strip():
                        after += 1
                    else:
                        before += 1
            else:
                parts.append("\n")
        elif name == "lastRenderedPageBreak" and rendered:
            # a break inside a paragraph puts the paragraph on the page where it starts
            if not "".join(parts).strip():
                before += 1
        elif name == "noBreakHyphen":
            parts.append("-")
    return "".join(parts), before, after
