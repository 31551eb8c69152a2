"""Reader for .docx: paragraphs and tables in body order, read from the XML grid.

The convenience API of python-docx repeats a merged cell in every slot it covers (``row.cells``),
ignores ``w:gridBefore`` (shifting every column of a late-starting row), drops nested tables from
``cell.text`` and does not see cells inside content controls (``w:sdt``). So rows are read from
the XML: each ``w:tc`` is one logical cell at its grid column; a ``vMerge`` continuation is empty,
its text stays in the origin cell and the builder links it there (``Cell.merged_from``).

Tracked changes are read as Word shows them with every change accepted: inserted and moved-to text
is in, deleted and moved-from text is out (so are deleted table rows), and a paragraph whose mark
was deleted runs on into the next one. ``DocumentModel.unaccepted_changes`` says the file held any.

Footnotes and endnotes are what the author sees too (a unit may give each criterion's scores in a
footnote to its paragraph): each note's paragraphs follow the paragraph that holds its reference.
"""
from __future__ import annotations

import hashlib
import zipfile

from chamdiem.lexicon.legacy_fonts import convert_pieces, encoding_of_font, may_name_legacy_font
from chamdiem.readers.builder import CellIn, DocumentBuilder
from chamdiem.readers.ooxml_guard import check_ooxml
from chamdiem.model.errors import CorruptFile, EmptyDocument
from chamdiem.model.document import DocumentModel

WML = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# revision marks whose content Word no longer shows once every change is accepted
_REMOVED = frozenset({"del", "moveFrom"})
_REMOVED_TAGS = tuple(f"{WML}{name}" for name in _REMOVED)
# every mark of a tracked change: content in or out, moves, cell changes, formatting changes
_REVISIONS = tuple(f"{WML}{name}" for name in ("ins", "del", "moveFrom", "moveTo", "cellIns", "cellDel",
                                             "cellMerge", "rPrChange", "pPrChange", "tblPrChange",
                                             "trPrChange", "tcPrChange", "sectPrChange", "numberingChange"))


def _local(element) -> str:
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _val(element, path: str) -> str | None:
    found = element.find(path)
    return None if found is None else found.get(f"{WML}val", "")


def _inner(element, holder: str, name: str):
    """``element.find(f"{holder}/{name}")`` without the path's parsing: the first ``name`` in
    the first ``holder`` child that has one."""
    return _first_in(element.iterchildren(holder), name)


def _first_in(holders, name: str):
    """The first ``name`` child of the first of ``holders`` that has one."""
    for found in holders:
        inner = found.find(name)
        if inner is not None:
            return inner
    return None


def _inner_val(element, holder: str, name: str) -> str | None:
    found = _inner(element, holder, name)
    return None if found is None else found.get(f"{WML}val", "")


def _val_in(holders, name: str) -> str | None:
    found = _first_in(holders, name)
    return None if found is None else found.get(f"{WML}val", "")


def read_docx(path: str, data: bytes, sha256: str) -> DocumentModel:
    check_ooxml(path, data)  # sizes and ratios from the zip's directory, before anything is inflated
    try:
        body, styles, notes = _main_body(data)
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise CorruptFile(path, f"not a readable .docx: {exc}") from None
    except Exception as exc:  # broken packages fail in several ways
        raise CorruptFile(path, f"not a readable .docx: {type(exc).__name__}: {exc}") from None
    builder = DocumentBuilder(path, sha256, "docx")
    fonts = _Fonts(styles, body)
    revised = next(body.iter(*_REVISIONS), None) is not None
    rendered = body.find(f".//{WML}lastRenderedPageBreak") is not None
    walker = _Body(builder, rendered=rendered, fonts=fonts, revised=revised, notes=notes)
    walker.walk(body)
    walker.flush()
    builder.legacy |= fonts.decoded
    if builder.empty:
        raise EmptyDocument(path, "the document holds no text")
    doc = builder.build()
    doc.unaccepted_changes = revised
    return doc


def _mark_removed(paragraph) -> bool:
    """The paragraph's own mark was deleted (or moved away): its text runs on into the next one."""
    rpr = paragraph.find(f"{WML}pPr/{WML}rPr")
    return rpr is not None and any(_local(element) in _REMOVED for element in rpr)


_OFFICE_DOCUMENT = "/officeDocument"
_MAIN_TYPES = ("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",)  # as python-docx


def _main_body(data: bytes):
    """The ``w:body`` of the package's main document part, its styles part (_Styles; None when it
    has none; the styles say which fonts, legacy or not, runs are typed in) and its notes (_notes).
    Only these parts are parsed: loading the whole package with python-docx (numbering, settings,
    every relationship) cost more than reading the body. The parser settings are python-docx's own."""
    import io
    import posixpath

    from lxml import etree
    parser = etree.XMLParser(remove_blank_text=True, resolve_entities=False)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        rels = etree.fromstring(package.read("_rels/.rels"), parser)
        target = next((r.get("Target") for r in rels if (r.get("Type") or "").endswith(_OFFICE_DOCUMENT)), None)
        if target is None:
            raise ValueError("the package names no main document")
        name = posixpath.normpath(target.lstrip("/"))
        types = etree.fromstring(package.read("[Content_Types].xml"), parser)
        declared = {o.get("PartName", "").lstrip("/"): o.get("ContentType") for o in types
                    if o.tag.endswith("Override")}
        by_extension = {(o.get("Extension") or "").lower(): o.get("ContentType") for o in types
                        if o.tag.endswith("Default")}
        content_type = declared.get(name) or by_extension.get(name.rsplit(".", 1)[-1].lower())
        if content_type not in _MAIN_TYPES:
            raise ValueError(f"file '{name}' is not a Word file, content type is '{content_type}'")
        root = etree.fromstring(package.read(name), parser)
        styles = _styles_part(package, name, parser)
        notes = _notes(package, name, parser, root)
    body = root.find(f"{WML}body")
    if body is None:
        raise ValueError("the main document has no body")
    return body, styles, notes


_NOTE_KINDS = {"footnotes": "footnote", "endnotes": "endnote"}   # part's relationship -> element


def _notes(package, main: str, parser, root) -> dict[tuple[str, str], object]:
    """The footnotes and endnotes the body refers to, by (kind, id): each a ``w:footnote`` or
    ``w:endnote`` element. Empty (and no part read) when the body holds no reference."""
    if next(root.iter(f"{WML}footnoteReference", f"{WML}endnoteReference"), None) is None:
        return {}
    out = {}
    for kind, name in _related_parts(package, main, parser, tuple(_NOTE_KINDS)):
        try:
            part = _etree_of(package.read(name), parser)
        except KeyError:
            continue
        element = _NOTE_KINDS[kind]
        for note in part.iterchildren(f"{WML}{element}"):
            out[(element, note.get(f"{WML}id", ""))] = note
    return out


def _etree_of(data: bytes, parser):
    from lxml import etree
    return etree.fromstring(data, parser)


def _related_parts(package, main: str, parser, kinds: tuple[str, ...]) -> list[tuple[str, str]]:
    """(kind, part name) of the main part's relationships whose type ends with one of ``kinds``."""
    import posixpath
    folder, base = posixpath.split(main)
    try:
        rels = _etree_of(package.read(posixpath.join(folder, "_rels", base + ".rels")), parser)
    except KeyError:
        return []
    out = []
    for rel in rels:
        kind = (rel.get("Type") or "").rsplit("/", 1)[-1]
        target = rel.get("Target") or ""
        if kind in kinds and target and rel.get("TargetMode") != "External":
            out.append((kind, posixpath.normpath(target.lstrip("/") if target.startswith("/")
                                                 else posixpath.join(folder, target))))
    return out


class _NoTree:
    """A parser target that builds nothing: a part is only checked to be well-formed."""

    def close(self) -> None:
        return None


# Styles parts this process found well-formed (by their digest), and whether each may name a legacy
# font: a unit's reports come from one template, whose styles part (350 kB for python-docx's, 2.5 ms
# to check) is the same file after file. Bounded: a batch of many templates starts it again.
_STYLES_CHECKED: dict[bytes, bool] = {}
_STYLES_REMEMBERED = 64


class _Styles:
    """A styles part checked well-formed, its tree built only when asked (``root``): a part that
    names no legacy font (nearly all) is not needed when the body names none either, and a styles
    part is often larger than the body (python-docx's template writes 350 kB, 10 ms to build).
    ``may_name_legacy``: legacy_fonts.may_name_legacy_font of its bytes."""

    def __init__(self, data: bytes, parser):
        key = hashlib.blake2b(data, digest_size=16).digest()
        may = _STYLES_CHECKED.get(key)
        if may is None:
            from lxml import etree
            etree.fromstring(data, etree.XMLParser(remove_blank_text=True, resolve_entities=False, target=_NoTree()))
            may = may_name_legacy_font(data)
            if len(_STYLES_CHECKED) >= _STYLES_REMEMBERED:
                _STYLES_CHECKED.clear()
            _STYLES_CHECKED[key] = may
        self.data = data
        self.parser = parser
        self.may_name_legacy = may

    def root(self):
        return _etree_of(self.data, self.parser)


def _styles_part(package, main: str, parser) -> _Styles | None:
    """The styles part the main document's relationships name, checked; None when there is none."""
    for _, name in _related_parts(package, main, parser, ("styles",)):
        try:
            return _Styles(package.read(name), parser)
        except KeyError:
            return None
    return None


class _Fonts:
    """Which legacy encoding (TCVN3 '.VnTime', VNI 'VNI-Times') a run's text is typed in, from the
    font named on the run, else on its character style, its paragraph's style (and the styles
    they are based on), else the document's default font."""

    def __init__(self, styles: _Styles | None, body):
        self.decoded: set[str] = set()
        self.styles: dict[str, tuple[str | None, str | None]] = {}   # id -> (font, based on)
        self.default: str | None = None
        self.default_paragraph: str | None = None   # the style of paragraphs that name none
        self.active = False
        in_body = {element.get(f"{WML}ascii") or element.get(f"{WML}hAnsi") for element in body.iter(f"{WML}rFonts")}
        # the styles' fonts matter only when some font is legacy: not when neither part names one
        needed = styles is not None and (styles.may_name_legacy
                                         or any(encoding_of_font(n or "") for n in in_body))
        root = styles.root() if needed else None
        if root is not None:   # a package without styles: fonts come from runs only
            self.default = _font_of(root.find(f"{WML}docDefaults/{WML}rPrDefault/{WML}rPr"))
            for style in root.findall(f"{WML}style"):
                based = _val(style, f"{WML}basedOn")
                sid = style.get(f"{WML}styleId", "")
                self.styles[sid] = (_font_of(style.find(f"{WML}rPr")), based)
                if style.get(f"{WML}type") == "paragraph" and style.get(f"{WML}default") in ("1", "true", "on"):
                    self.default_paragraph = sid
        names = {self.default, *(font for font, _ in self.styles.values())} | in_body
        self.active = any(encoding_of_font(n or "") for n in names)

    def _style_font(self, sid: str | None) -> str | None:
        seen = set()
        while sid and sid not in seen:
            seen.add(sid)
            font, based = self.styles.get(sid, (None, None))
            if font:
                return font
            sid = based
        return None

    def encoding(self, run, paragraph) -> str | None:
        if not self.active or run is None:
            return None
        font = _font_of(run.find(f"{WML}rPr")) or self._style_font(_val(run, f"{WML}rPr/{WML}rStyle"))
        if font is None and paragraph is not None:
            font = self._style_font(_val(paragraph, f"{WML}pPr/{WML}pStyle") or self.default_paragraph)
        return encoding_of_font(font or self.default or "")


def _font_of(rpr) -> str | None:
    if rpr is None:
        return None
    run_fonts = rpr.find(f"{WML}rFonts")
    if run_fonts is None:
        return None
    return run_fonts.get(f"{WML}ascii") or run_fonts.get(f"{WML}hAnsi") or run_fonts.get(f"{WML}cs")


class _Body:
    def __init__(self, builder: DocumentBuilder, rendered: bool, fonts: _Fonts | None = None,
                 revised: bool = False, notes: dict | None = None):
        self.builder = builder
        self.notes = notes or {}   # (kind, id) -> note element, each read once after its reference
        self.rendered = rendered
        self.fonts = fonts
        self.revised = revised   # the file holds tracked changes: their marks are looked for
        self.last_table_cols: int | None = None
        self.only_breaks_since_table = False
        self.pending = ""   # text of paragraphs whose mark was deleted: it runs on into the next

    def flush(self) -> None:
        """Text left over from a paragraph whose deleted mark had no paragraph after it."""
        if self.pending.strip():
            self.builder.paragraph(self.pending, whole=True)
        self.pending = ""

    def walk(self, parent) -> None:
        for element in parent.iterchildren():
            name = _local(element)
            if name in _REMOVED:
                continue
            if name in ("ins", "moveTo"):
                self.walk(element)
            elif name == "p":
                self.paragraph(element)
            elif name == "tbl":
                self.table(element)
            elif name == "sdt":
                content = element.find(f"{WML}sdtContent")
                if content is not None:
                    self.walk(content)

    def paragraph(self, paragraph) -> None:
        text, breaks_before, breaks_after = _paragraph_text(paragraph, self.rendered, self.fonts, self.revised)
        if self.pending:
            text, self.pending = self.pending + text, ""
        if self.revised and _mark_removed(paragraph) and not breaks_after:
            self.pending = text
            return
        for _ in range(breaks_before):
            self.builder.page_break()
        if text.strip():
            self.builder.paragraph(text, whole=True)
            self.only_breaks_since_table = False
        if self.notes:
            self._notes_of(paragraph)
        for _ in range(breaks_after):
            self.builder.page_break()

    def _notes_of(self, paragraph) -> None:
        """The notes ``paragraph`` refers to, each once, as paragraphs right after it."""
        for reference in paragraph.iter(f"{WML}footnoteReference", f"{WML}endnoteReference"):
            kind = "footnote" if _local(reference) == "footnoteReference" else "endnote"
            note = self.notes.pop((kind, reference.get(f"{WML}id", "")), None)
            if note is None:
                continue
            for element in note.iterchildren(f"{WML}p"):
                text = _paragraph_text(element, False, self.fonts, self.revised)[0]
                if text.strip():
                    self.builder.paragraph(text.strip(), whole=True)

    def table(self, tbl) -> None:
        self.flush()
        cols = len(tbl.findall(f"{WML}tblGrid/{WML}gridCol"))
        # a table right after another of the same grid, with only empty paragraphs between,
        # is the same table cut by a page break
        if self.only_breaks_since_table and cols == self.last_table_cols:
            self.builder.continue_table()
            first_chunk = True
        else:
            self.builder.end_table()
            first_chunk = False
        for k, row in enumerate(_rows(tbl)):
            chunk = first_chunk and k == 0
            if self.rendered and row.find(f".//{WML}lastRenderedPageBreak") is not None:
                self.builder.page_break()  # Word continued the table on a new page here
                chunk = True
            self.builder.row(_cells(row, self.fonts, self.revised), chunk_start=chunk)
        self.builder.end_table()
        self.last_table_cols = cols
        self.only_breaks_since_table = True


def _rows(tbl):
    for element in tbl.iterchildren():
        name = _local(element)
        if name == "tr":
            if not _row_removed(element):
                yield element
        elif name in ("ins", "moveTo"):
            yield from _rows(element)
        elif name == "sdt":
            content = element.find(f"{WML}sdtContent")
            if content is not None:
                yield from _rows(content)


def _row_removed(row) -> bool:
    """A table row deleted as a tracked change (``w:trPr/w:del``)."""
    return _inner(row, f"{WML}trPr", f"{WML}del") is not None


def _tcs(row):
    """The row's cells not deleted as a tracked change, each with its properties (``w:tcPr``)."""
    for element in row.iterchildren():
        name = _local(element)
        if name == "tc":
            props = list(element.iterchildren(f"{WML}tcPr"))
            if _first_in(props, f"{WML}cellDel") is None:
                yield element, props
        elif name in ("sdt", "customXml"):
            content = element.find(f"{WML}sdtContent") if name == "sdt" else element
            if content is not None:
                yield from _tcs(content)


def _cells(row, fonts: _Fonts | None = None, revised: bool = False) -> list[CellIn]:
    before = _inner_val(row, f"{WML}trPr", f"{WML}gridBefore")
    col = int(before) if before and before.isdigit() else 0
    out = []
    for cell, props in _tcs(row):
        span = _val_in(props, f"{WML}gridSpan")
        width = int(span) if span and span.isdigit() else 1
        vmerge = _val_in(props, f"{WML}vMerge")
        if vmerge is not None and vmerge != "restart":
            out.append(CellIn(col, "", width, "continue"))
        else:
            out.append(CellIn(col, _cell_text(cell, fonts, revised), width, "restart" if vmerge == "restart" else None))
        col += width
    return out


def _cell_text(cell, fonts: _Fonts | None = None, revised: bool = False) -> str:
    """Paragraphs joined by line ends; a nested table's rows as lines of ' ' -joined cells."""
    lines = []
    pending = ""
    for element in (_shown_children(cell) if revised else cell.iterchildren()):
        name = _local(element)
        if name == "p":
            text = pending + _paragraph_text(element, False, fonts, revised)[0]
            pending = text if revised and _mark_removed(element) else ""
            if not pending:
                lines.append(text)
        elif name == "tbl":
            for row in _rows(element):
                lines.append(" ".join(c.text for c in _cells(row, fonts, revised) if c.text))
        elif name == "sdt":
            content = element.find(f"{WML}sdtContent")
            if content is not None:
                lines.append(_cell_text(content, fonts, revised))
    lines.append(pending)
    return "\n".join(l for l in lines if l.strip())


def _shown_children(parent):
    """A container's children as Word shows them: inserted and moved-to ones opened, deleted and
    moved-from ones left out."""
    for element in parent.iterchildren():
        name = _local(element)
        if name in ("ins", "moveTo"):
            yield from _shown_children(element)
        elif name not in _REMOVED:
            yield element


# the elements _paragraph_text reads, in any namespace (it compares local names): lxml walks the
# paragraph for them, not Python
_TEXT_TAGS = tuple(f"{{*}}{name}" for name in ("t", "tab", "br", "cr", "lastRenderedPageBreak", "noBreakHyphen"))


def _paragraph_text(paragraph, rendered: bool = False, fonts: _Fonts | None = None,
                    revised: bool = False) -> tuple[str, int, int]:
    """Text of a paragraph, and the page breaks before and after it. When Word recorded where it
    broke pages (``lastRenderedPageBreak``) those marks count; else explicit page breaks do. Runs
    in a legacy Vietnamese font are converted to Unicode."""
    parts: list[tuple[str, str | None]] = []   # (text, legacy encoding of its run's font)
    before = 1 if not rendered and paragraph.find(f"{WML}pPr/{WML}pageBreakBefore") is not None else 0
    after = 0

    def written() -> bool:
        return any(t.strip() for t, _ in parts)

    # a paragraph without deleted or moved-away text (nearly all) is walked by lxml alone
    removed = revised and next(paragraph.iter(*_REMOVED_TAGS), None) is not None
    for element in (_shown_elements(paragraph) if removed else paragraph.iter(*_TEXT_TAGS)):
        name = _local(element)
        if name == "t" and element.text:
            parts.append((element.text, fonts.encoding(element.getparent(), paragraph) if fonts is not None else None))
        elif name == "tab":
            parts.append((" ", None))
        elif name in ("br", "cr"):
            if element.get(f"{WML}type") == "page":
                if not rendered:
                    if written():
                        after += 1
                    else:
                        before += 1
            else:
                parts.append(("\n", None))
        elif name == "lastRenderedPageBreak" and rendered:
            # a break inside a paragraph puts the paragraph on the page where it starts
            if not written():
                before += 1
        elif name == "noBreakHyphen":
            parts.append(("-", None))
    text, used = convert_pieces(parts)
    if fonts is not None:
        fonts.decoded |= used
    return text, before, after


def _shown_elements(paragraph):
    """The elements of a paragraph in document order, without the content of deleted and
    moved-from revision marks, nor of the paragraph's properties (their revision marks say
    whether the paragraph mark itself changed)."""
    stack = [iter(paragraph)]   # a stack, not recursion: a hostile file may nest thousands deep
    while stack:
        element = next(stack[-1], None)
        if element is None:
            stack.pop()
            continue
        name = _local(element)
        if name in _REMOVED or name == "pPr":
            continue
        yield element
        stack.append(iter(element))
