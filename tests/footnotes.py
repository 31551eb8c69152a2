"""Writes a report as a DOCX whose paragraphs carry Word footnotes (and endnotes): the text of
the report as paragraphs, and for each note the text of the paragraph it is attached to (its
reference mark ends that paragraph) with the note's own text. python-docx writes no notes, so
the notes part is added as Word writes it: a part related to the main document, its first two
notes the separators, and a ``w:footnoteReference`` run in the paragraph."""
from __future__ import annotations

from xml.sax.saxutils import escape

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
KINDS = {"footnote": ("footnotes", "FOOTNOTES"), "endnote": ("endnotes", "ENDNOTES")}


def write_docx_with_notes(paragraphs: list[str], notes: dict[str, str], path, kind: str = "footnote") -> None:
    """``notes``: note text by the text of the paragraph that refers to it (whole or its start)."""
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import parse_xml

    part_name, rel = KINDS[kind]
    d = docx.Document()
    ids = {}
    for text in paragraphs:
        p = d.add_paragraph(text)
        note = next((n for start, n in notes.items() if text.startswith(start)), None)
        if note is not None:
            ids[len(ids) + 1] = note
            p._p.append(parse_xml(f'<w:r xmlns:w="{W}"><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
                                  f'<w:{kind}Reference w:id="{len(ids)}"/></w:r>'))
    body = "".join(f'<w:{kind} w:id="{i}"><w:p><w:r><w:{kind}Ref/></w:r><w:r><w:t xml:space="preserve"> '
                   f'{escape(text)}</w:t></w:r></w:p></w:{kind}>' for i, text in ids.items())
    separators = (f'<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{kind}>'
                  f'<w:{kind} w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
                  f'</w:r></w:p></w:{kind}>')
    xml = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:{part_name} xmlns:w="{W}">{separators}{body}</w:{part_name}>'
    content_type = f"application/vnd.openxmlformats-officedocument.wordprocessingml.{part_name}+xml"
    part = Part(PackURI(f"/word/{part_name}.xml"), content_type, xml.encode("utf-8"), d.part.package)
    d.part.relate_to(part, getattr(RT, rel))
    d.save(str(path))
