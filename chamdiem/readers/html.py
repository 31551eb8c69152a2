"""Reader for .html/.htm: block elements become paragraphs, <br> a line end, tables a grid in
which rowspan/colspan give each origin cell its column and leave the slots it covers empty."""
from __future__ import annotations

import re

from chamdiem.readers.builder import DocumentBuilder
from chamdiem.readers.decoding import Decoded, decode_text
from chamdiem.readers.html_deep import deep_document
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
    decoded = _decode_html(data, path)
    try:
        parser = lxml.html.HTMLParser(huge_tree=True)
        root = lxml.html.document_fromstring(decoded.text, parser=parser)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise CorruptFile(path, f"not readable HTML: {exc}") from None
    if any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log):
        root = deep_document(decoded.text)  # libxml2 stopped at its depth limit and dropped the rest
    b = DocumentBuilder(path, sha256, "html")
    walker = _Walker(b)
    walker.walk(root)
    walker.flush()
    if b.empty:
        raise EmptyDocument(path, "the page holds no text")
    doc = b.build()
    note = decoded.damage_note(data)
    if note:
        doc.notes.append((note[0], note[1], None, None))  # byte offsets name the place; the text is rebuilt
    return doc


_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", re.I)


def _decode_html(data: bytes, path: str) -> Decoded:
    """The declared charset when there is one, else as a text file (UTF-8, UTF-16, Windows-1258)."""
    m = _CHARSET.search(data[:4096])
    declared = None
    if m and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        declared = m.group(1).decode("ascii")
    return decode_text(data, path, declared)


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

    def walk(self, root) -> None:
        """Inline runs gather into the current paragraph; block elements and tables end it.
        Iterative (an explicit stack), so no nesting depth is too deep."""
        if root.text:
            self.buf.append(_space(root.text))
        stack = [iter(root)]
        opened = [root]
        while stack:
            child = next(stack[-1], None)
            if child is None:
                stack.pop()
                el = opened.pop()
                if stack:
                    if _tag(el) in _BLOCK:
                        self.flush()
                    if el.tail:
                        self.buf.append(_space(el.tail))
                continue
            tag = _tag(child)
            if tag == "table":
                self.flush()
                self.table(child)
            elif tag in _BLOCK or (tag and tag != "br" and tag not in _SKIP):
                if tag in _BLOCK:
                    self.flush()
                if child.text:
                    self.buf.append(_space(child.text))
                stack.append(iter(child))
                opened.append(child)
                continue  # its tail is taken when it closes
            elif tag == "br":
                self.buf.append("\n")
            if child.tail:
                self.buf.append(_space(child.tail))

    def table(self, tbl) -> None:
        covered: dict[tuple[int, int], bool] = {}
        rows = list(_rows(tbl))
        for r, tr in enumerate(rows):
            cells = []
            col = 0
            for td in tr:
                if _tag(td) not in ("td", "th"):
                    continue
                while covered.get((r, col)):
                    cells.append((col, ""))
                    col += 1
                # spans as browsers clamp them (colspan 1000), and never past the table's last row
                colspan = min(_int(td.get("colspan")), 1000)
                rowspan = min(_int(td.get("rowspan")), len(rows) - r)
                cells.append((col, _cell_text(td)))
                for dr in range(1, rowspan):
                    for dc in range(colspan):
                        covered[(r + dr, col + dc)] = True
                col += colspan
            while covered.get((r, col)):
                cells.append((col, ""))
                col += 1
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
    """The cell's lines; nested blocks and table rows start lines, nested cells are spaced.
    Iterative, like the walker."""
    parts: list[str] = []
    if td.text:
        parts.append(_space(td.text))
    stack = [iter(td)]
    opened = [td]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            el = opened.pop()
            if stack:
                tag = _tag(el)
                if tag in _BLOCK or tag in ("tr", "table"):
                    parts.append("\n")
                elif tag in ("td", "th"):
                    parts.append(" ")
                if el.tail:
                    parts.append(_space(el.tail))
            continue
        tag = _tag(child)
        if tag == "br":
            parts.append("\n")
        elif tag and tag not in _SKIP:
            if tag in _BLOCK or tag in ("tr", "table"):
                parts.append("\n")
            if child.text:
                parts.append(_space(child.text))
            stack.append(iter(child))
            opened.append(child)
            continue
        if child.tail:
            parts.append(_space(child.tail))
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
