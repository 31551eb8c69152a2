"""Reader for .html/.htm: block elements become paragraphs, <br> a line end, tables a grid in
which rowspan/colspan give each origin cell its column and leave the slots it covers empty."""
from __future__ import annotations

import re
import unicodedata

from chamdiem.readers.builder import CellIn, DocumentBuilder
from chamdiem.readers.text import decode
from chamdiem.model.errors import CorruptFile, EmptyDocument
from chamdiem.model.document import DocumentModel

_BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "section", "article", "header",
          "footer", "blockquote", "pre", "dd", "dt", "dl", "main", "body", "center", "form", "figure", "caption",
          "address", "nav", "aside", "hr"}
_WS = re.compile(r"\s+")
_SKIP = {"script", "style", "head", "title", "noscript", "template"}


def read_html(path: str, data: bytes, sha256: str) -> DocumentModel:
    import lxml.etree
    import lxml.html
    try:
        root = lxml.html.document_fromstring(_decode_html(data, path))
    except (lxml.etree.ParserError, ValueError) as exc:
        raise CorruptFile(path, f"not readable HTML: {exc}") from None
    b = DocumentBuilder(path, sha256, "html")
    walker = _Walker(b)
    walker.walk(root)
    walker.flush()
    if b.empty:
        raise EmptyDocument(path, "the page holds no text")
    return b.build()


_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", re.I)


def _decode_html(data: bytes, path: str) -> str:
    """The declared charset when there is one, else as a text file (UTF-8, UTF-16, Windows-1258)."""
    m = _CHARSET.search(data[:4096])
    if m and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        try:
            return unicodedata.normalize("NFC", data.decode(m.group(1).decode("ascii")))
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(data, path)


def _tag(el) -> str:
    return el.tag.lower() if isinstance(el.tag, str) else ""


class _Walker:
    def __init__(self, b: DocumentBuilder):
        self.b = b
        self.buf: list[str] = []

    def flush(self) -> None:
        lines = [" ".join(line.split()) for line in "".join(self.buf).split("\n")]
        self.buf = []
        if any(lines):
            self.b.paragraph("\n".join(l for l in lines if l))

    def walk(self, el) -> None:
        """Inline runs gather into the current paragraph; block elements and tables end it."""
        if el.text:
            self.buf.append(_space(el.text))
        for child in el:
            tag = _tag(child)
            if tag == "br":
                self.buf.append("\n")
            elif tag == "table":
                self.flush()
                self.table(child)
            elif tag in _BLOCK:
                self.flush()
                self.walk(child)
                self.flush()
            elif tag and tag not in _SKIP:
                self.walk(child)
            if child.tail:
                self.buf.append(_space(child.tail))

    def table(self, tbl) -> None:
        """Each origin cell at its grid column; a slot that a rowspan covers becomes an empty cell
        continuing the merge, so the number of a cell spanning its rows reaches each of them."""
        covered: dict[tuple[int, int], int] = {}   # slot -> colspan of the merged cell covering it
        for r, tr in enumerate(_rows(tbl)):
            cells: list[CellIn] = []
            col = 0

            def fill():
                nonlocal col
                while (r, col) in covered:
                    span = covered[(r, col)]
                    cells.append(CellIn(col, "", span, "continue"))
                    col += span
            for td in tr:
                if _tag(td) not in ("td", "th"):
                    continue
                fill()
                colspan = _int(td.get("colspan"))
                rowspan = _int(td.get("rowspan"))
                cells.append(CellIn(col, _cell_text(td), colspan, "restart" if rowspan > 1 else None))
                for dr in range(1, rowspan):
                    covered[(r + dr, col)] = colspan
                col += colspan
            fill()
            self.b.row(cells)
        self.b.end_table()


def _rows(tbl):
    for el in tbl:
        tag = _tag(el)
        if tag == "tr":
            yield el
        elif tag in ("thead", "tbody", "tfoot"):
            yield from (tr for tr in el if _tag(tr) == "tr")


def _cell_text(td) -> str:
    parts: list[str] = []

    def walk(el):
        if el.text:
            parts.append(_space(el.text))
        for child in el:
            tag = _tag(child)
            if tag == "br":
                parts.append("\n")
            elif tag in _BLOCK or tag in ("tr", "table"):
                parts.append("\n")
                walk(child)
                parts.append("\n")
            elif tag in ("td", "th"):
                walk(child)
                parts.append(" ")
            elif tag not in _SKIP and tag:
                walk(child)
            if child.tail:
                parts.append(_space(child.tail))
    walk(td)
    lines = [" ".join(l.split()) for l in "".join(parts).split("\n")]
    return "\n".join(l for l in lines if l)


def _space(s: str) -> str:
    """HTML white space collapses to one space."""
    return _WS.sub(" ", s)


def _int(v) -> int:
    try:
        return max(1, int(v))
    except (TypeError, ValueError):
        return 1
