"""Reader for .html/.htm: block elements become paragraphs, <br> a line end, tables a grid in
which rowspan/colspan give each origin cell its column and leave the slots it covers empty."""
from __future__ import annotations

import re

import unicodedata
from dataclasses import replace

from chamdiem.lexicon.legacy_fonts import convert, convert_pieces, detect, encoding_of_font
from chamdiem.readers.builder import CellIn, DocumentBuilder
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
    decoded = _decode_html(data, path)
    source = decoded.text
    root = _parse(source, path)
    fonts = _Fonts(root)
    plain_legacy = None
    if not fonts.active:
        # no font names an encoding: the characters may still show one, as in plain text
        plain_legacy = detect(source)
        if plain_legacy:
            root = _parse(unicodedata.normalize("NFC", convert(source, plain_legacy)), path)
    builder = DocumentBuilder(path, sha256, "html")
    if plain_legacy:
        builder.legacy.add(plain_legacy)
    walker = _Walker(builder, fonts)
    walker.walk(root, None)
    walker.flush()
    builder.legacy |= walker.decoded
    if builder.empty:
        raise EmptyDocument(path, "the page holds no text")
    doc = builder.build()
    note = decoded.damage_note(data)
    if note:
        doc.notes.append(replace(note, start=None, end=None))  # byte offsets name the place; the text is rebuilt
    return doc


def _parse(source: str, path: str):
    """The page's tree. libxml2 stops at its depth limit and drops the rest: such a page is built
    by Python's own tokenizer instead (readers/html_deep.py), so deep nesting keeps its text."""
    import lxml.etree
    import lxml.html
    try:
        parser = lxml.html.HTMLParser(huge_tree=True)
        root = lxml.html.document_fromstring(source, parser=parser)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise CorruptFile(path, f"not readable HTML: {exc}") from None
    if any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log):
        return deep_document(source)
    return root


_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", re.I)
_HEAD_BYTES = 65536  # Word's "Web page" puts a long head (styles, XML islands) before the body


def _decode_html(data: bytes, path: str) -> Decoded:
    """The declared charset when there is one, else as a text file (UTF-8, UTF-16, Windows-1258).
    Windows-1258 writes most tone marks as combining characters: the text is NFC before the page
    is parsed, so the document text is NFC and every span indexes it."""
    match = _CHARSET.search(data[:_HEAD_BYTES])
    declared = None
    if match and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        declared = match.group(1).decode("ascii")
    return decode_text(data, path, declared)


def _tag(element) -> str:
    return element.tag.lower() if isinstance(element.tag, str) else ""


_FAMILY = re.compile(r"""(?<![\w-])font-family\s*:\s*(?P<v>(?:"[^"]*"|'[^']*'|[^;}"'])+)""", re.I)
_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")


def _family(css: str | None) -> str | None:
    """The first family named in a CSS declaration list."""
    match = _FAMILY.search(css or "")
    if not match:
        return None
    first = match.group("v").split(",")[0].strip().strip("\"'").strip()
    return first or None


class _Fonts:
    """The font each element's text is drawn in: inline style, a <font face>, else the rules of
    the page's <style> blocks for its tag and classes (Word's 'Web page': 'p.MsoNormal {…}'),
    else its parent's. Only legacy Vietnamese fonts matter (their text is converted)."""

    def __init__(self, root):
        self.rules: dict[str, str] = {}
        for style in root.iter("style"):
            css = re.sub(r"/\*.*?\*/|<!--|-->", " ", style.text or "", flags=re.S)
            for sel, decls in _RULE.findall(css):
                fam = _family(decls)
                if fam:
                    for one in sel.split(","):
                        self.rules[one.strip().lower()] = fam
        self.active = bool(self.rules and any(encoding_of_font(f) for f in self.rules.values())) or any(
            encoding_of_font(_family(el.get("style")) or el.get("face") or "")
            for el in root.iter() if isinstance(el.tag, str) and (el.get("style") or el.get("face")))

    def encoding(self, element, inherited: str | None) -> str | None:
        if not self.active:
            return None
        tag = _tag(element)
        fam = _family(element.get("style")) or element.get("face")
        if fam is None:
            for cls in (element.get("class") or "").split():
                fam = self.rules.get(f"{tag}.{cls.lower()}") or self.rules.get(f".{cls.lower()}")
                if fam:
                    break
        fam = fam or self.rules.get(tag)
        if fam is None:
            return inherited
        return encoding_of_font(fam.split(",")[0].strip().strip("\"'"))


class _Walker:
    def __init__(self, builder: DocumentBuilder, fonts: _Fonts):
        self.builder = builder
        self.fonts = fonts
        self.buf: list[tuple[str, str | None]] = []
        self.decoded: set[str] = set()

    def flush(self) -> None:
        text, used = convert_pieces(self.buf)
        self.decoded |= used
        lines = [" ".join(line.split()) for line in text.split("\n")]
        self.buf = []
        if any(lines):
            self.builder.paragraph("\n".join(l for l in lines if l), whole=True)

    def walk(self, root, inherited: str | None) -> None:
        """Inline runs gather into the current paragraph; block elements and tables end it. Each
        piece keeps the legacy font encoding its text is typed in (None for Unicode)."""
        if root.text:
            self.buf.append((_space(root.text), self.fonts.encoding(root, inherited)))
        for kind, element, enc in _iter_tree(root, self.fonts, inherited, _walker_enters):
            tag = _tag(element)
            if kind == "open":
                if tag in _BLOCK:
                    self.flush()
                if element.text:
                    self.buf.append((_space(element.text), enc))
                continue
            if kind == "close":
                if tag in _BLOCK:
                    self.flush()
            elif tag == "table":
                self.flush()
                self.table(element, enc)
            elif tag == "br":
                self.buf.append(("\n", None))
            if element.tail:
                self.buf.append((_space(element.tail), enc))

    def table(self, tbl, inherited: str | None) -> None:
        """Each origin cell at its grid column; a slot that a rowspan covers becomes an empty cell
        continuing the merge, so the number of a cell spanning its rows reaches each of them."""
        covered: dict[tuple[int, int], int] = {}   # slot -> colspan of the merged cell covering it
        enc = self.fonts.encoding(tbl, inherited)
        rows = list(_rows(tbl))
        for row_index, row in enumerate(rows):
            cells: list[CellIn] = []
            col = 0
            row_enc = self.fonts.encoding(row, enc)

            def fill():
                nonlocal col
                while (row_index, col) in covered:
                    span = covered[(row_index, col)]
                    cells.append(CellIn(col, "", span, "continue"))
                    col += span
            for cell in row:
                if _tag(cell) not in ("td", "th"):
                    continue
                fill()
                # spans as browsers clamp them (colspan 1000), and never past the table's last row
                colspan = min(_int(cell.get("colspan")), 1000)
                rowspan = min(_int(cell.get("rowspan")), len(rows) - row_index)
                text, used = _cell_text(cell, self.fonts, row_enc)
                self.decoded |= used
                cells.append(CellIn(col, text, colspan, "restart" if rowspan > 1 else None))
                for below in range(1, rowspan):
                    covered[(row_index + below, col)] = colspan
                col += colspan
            fill()
            self.builder.row(cells)
        self.builder.end_table()


def _rows(tbl):
    for element in tbl:
        tag = _tag(element)
        if tag == "tr":
            yield element
        elif tag in ("thead", "tbody", "tfoot"):
            yield from (row for row in element if _tag(row) == "tr")


def _cell_text(cell, fonts: _Fonts, inherited: str | None) -> tuple[str, set[str]]:
    """The cell's lines; nested blocks and table rows start lines, nested cells are spaced. Each
    piece keeps the legacy encoding of its font."""
    parts: list[tuple[str, str | None]] = []
    if cell.text:
        parts.append((_space(cell.text), fonts.encoding(cell, inherited)))
    for kind, element, enc in _iter_tree(cell, fonts, inherited, _cell_enters):
        tag = _tag(element)
        if kind == "open":
            if tag in _BLOCK or tag in ("tr", "table"):
                parts.append(("\n", None))
            if element.text:
                parts.append((_space(element.text), enc))
            continue
        if kind == "close":
            if tag in _BLOCK or tag in ("tr", "table"):
                parts.append(("\n", None))
            elif tag in ("td", "th"):
                parts.append((" ", None))
        elif tag == "br":
            parts.append(("\n", None))
        if element.tail:
            parts.append((_space(element.tail), enc))
    text, used = convert_pieces(parts)
    lines = [" ".join(l.split()) for l in text.split("\n")]
    return "\n".join(l for l in lines if l), used


def _walker_enters(tag: str) -> bool:
    return tag in _BLOCK or bool(tag) and tag not in ("br", "table") and tag not in _SKIP


def _cell_enters(tag: str) -> bool:
    return bool(tag) and tag != "br" and tag not in _SKIP


def _iter_tree(root, fonts: _Fonts, inherited: str | None, enters):
    """The elements under ``root`` in document order, without recursion (no nesting is too deep):
    ('open', element, enc) for an element ``enters(tag)`` descends into, enc being the encoding its own
    text is typed in; ('close', element, enc) when it ends; ('other', element, enc) for any other child. For
    'close' and 'other', enc is the parent's, the one the element's tail is typed in."""
    stack = [iter(root)]
    opened = [root]
    encs = [fonts.encoding(root, inherited)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            element = opened.pop()
            encs.pop()
            if stack:
                yield "close", element, encs[-1]
            continue
        if enters(_tag(child)):
            enc = fonts.encoding(child, encs[-1])
            yield "open", child, enc
            stack.append(iter(child))
            opened.append(child)
            encs.append(enc)
        else:
            yield "other", child, encs[-1]


def _space(raw: str) -> str:
    """HTML white space collapses to one space."""
    return _WS.sub(" ", raw)


def _int(value) -> int:
    try:
        return max(1, int(value))
    except (TypeError, ValueError):
        return 1
