"""Writes a report as a DOCX holding tracked changes that nobody accepted yet, from its text
rendition with marks: '{+…+}' inserted, '{-…-}' deleted, '{>…>}' moved here, '{<…<}' moved away
(each inside one paragraph or cell). ``accepted`` gives the text Word shows with every change
accepted, to be written as a plain DOCX twin."""
from __future__ import annotations

import re

from renditions import write_docx

MARK = re.compile(r"\{([+\-<>])(.*?)\1\}", re.S)
KEPT = {"+": "ins", ">": "moveTo"}
GONE = {"-": "del", "<": "moveFrom"}


def accepted(text: str) -> str:
    return MARK.sub(lambda m: m.group(2) if m.group(1) in KEPT else "", text)


def write_docx_with_revisions(text: str, path, *, deleted_row: list[str] | None = None,
                              deleted_mark_after: str | None = None) -> None:
    """``deleted_row``: a row added to the first table as a tracked deletion. ``deleted_mark_after``:
    the paragraph holding this text is cut after it, and the cut's paragraph mark is deleted (the
    two halves are one paragraph once the change is accepted)."""
    import docx
    from docx.oxml.ns import qn
    write_docx(text, path)
    d = docx.Document(str(path))
    body = d.element.body
    for t in list(body.iter(qn("w:t"))):
        if t.text and MARK.search(t.text):
            _split_run(t.getparent(), t.text, qn)
    if deleted_row is not None:
        table = d.tables[0]
        row = table.add_row()
        for cell, value in zip(row.cells, deleted_row):
            cell.text = value
        tr_pr = row._tr.get_or_add_trPr()
        tr_pr.append(tr_pr.makeelement(qn("w:del"), _author(qn)))
        for r in row._tr.iter(qn("w:r")):
            _as_deleted(r, qn)
            wrap = r.makeelement(qn("w:del"), _author(qn))
            r.addprevious(wrap)
            wrap.append(r)
    if deleted_mark_after is not None:
        p = next(p for p in d.paragraphs if deleted_mark_after in p.text)
        head, tail = p.text.split(deleted_mark_after, 1)
        first = p.insert_paragraph_before(head + deleted_mark_after)
        p.text = tail
        p_pr = first._p.get_or_add_pPr()
        r_pr = p_pr.makeelement(qn("w:rPr"), {})
        r_pr.append(r_pr.makeelement(qn("w:del"), _author(qn)))
        p_pr.append(r_pr)
    d.save(str(path))


def _author(qn) -> dict:
    return {qn("w:id"): "1", qn("w:author"): "Người sửa", qn("w:date"): "2025-11-20T08:00:00Z"}


def _as_deleted(run, qn) -> None:
    for t in run.findall(qn("w:t")):
        t.tag = qn("w:delText")


def _split_run(run, text: str, qn) -> None:
    """The run as plain runs and runs wrapped in revision marks, one per piece of its text."""
    pos = 0
    for m in list(MARK.finditer(text)) + [None]:
        plain = text[pos:m.start() if m else len(text)]
        if plain:
            run.addprevious(_run_like(run, plain, qn))
        if m is None:
            break
        piece = _run_like(run, m.group(2), qn)
        kind = KEPT.get(m.group(1)) or GONE[m.group(1)]
        if m.group(1) in GONE:
            _as_deleted(piece, qn)
        wrap = run.makeelement(qn(f"w:{kind}"), _author(qn))
        wrap.append(piece)
        run.addprevious(wrap)
        pos = m.end()
    run.getparent().remove(run)


def _run_like(run, text: str, qn):
    import copy
    new = copy.deepcopy(run)
    for t in new.findall(qn("w:t")):
        new.remove(t)
    t = new.makeelement(qn("w:t"), {"{http://www.w3.org/XML/1998/namespace}space": "preserve"})
    t.text = text
    new.append(t)
    return new
