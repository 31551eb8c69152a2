"""From a document model to everything the loader writes: the one-way flow of the pipeline."""
from __future__ import annotations

from chamdiem.extractors.citations import extract_citations, link_citations
from chamdiem.extractors.metadata import extract_metadata
from chamdiem.extractors.narrative.scores import extract_narrative
from chamdiem.extractors.score_table import detect_columns, extract_table
from chamdiem.model.textview import MARKUP_TAG, TextView
from chamdiem.checks import run_checks
from chamdiem.normalizers.mapping import map_observations
from chamdiem.normalizers.ocr_confidence import attach_confidence
from chamdiem.normalizers.placement import place_rows
from chamdiem.normalizers.readings import choose_readings
from chamdiem.normalizers.sheet_framework import framework_for, is_provisional
from chamdiem.normalizers.reconcile import first_by_source, reconcile
from chamdiem.model.document import Block, DocumentModel
from chamdiem.model.observations import Report, Finding


def extract_document(model: DocumentModel) -> Report:
    sheets = [detect_columns(t.rows) for t in model.tables]   # asked once per table
    observations = []
    for index, (table, cols) in enumerate(zip(model.tables, sheets)):
        for o in extract_table(table, cols):
            o.table = index
            observations.append(o)
    observations += extract_narrative(model.blocks, model.text)
    metadata = extract_metadata(_metadata_blocks(model, sheets), model.text)
    fw, mapping, confidence, findings = framework_for(model.text, observations, metadata, model.file_name)
    scores = []
    if fw is not None:
        findings += map_observations(fw, observations, mapping)
        if not is_provisional(fw.id):
            # the readings of the columns and the places of the rows inform each other: a row placed
            # by the sheet's order is one more item the columns' numbers must fit
            readings = choose_readings(fw, observations)
            placed = place_rows(fw, observations)
            if placed:
                readings = choose_readings(fw, observations)
            moved = {(f.start, f.end) for f in placed}
            findings = [f for f in findings if not (f.kind == "unmapped_item" and (f.start, f.end) in moved)]
            findings += readings + placed
    findings += attach_confidence(model, observations)
    if fw is not None:
        by_source, dupes = first_by_source(observations)
        findings += dupes
        scores = reconcile(fw, by_source)
        findings += run_checks(fw, by_source, scores, metadata)
    for kind, message, start, end in model.notes:
        findings.append(Finding(None, kind, "warning", message, None, None, start, end))
    findings += _markup_dropped(model.text, observations)
    for o in observations:
        for kind, message in o.notes:
            findings.append(Finding(o.criterion_id, kind, "info", f"line {o.line}: {message}", o.source))
    citations = link_citations(extract_citations(model, observations), observations, model.blocks)
    return Report(model, fw.id if fw else None, metadata, observations, scores, findings, citations, confidence)


def _markup_dropped(text: str, observations) -> list[Finding]:
    """A stored label is the row's text without its HTML tags: say so, with the tags, so no
    markup is removed without a trace (the span points at the row as written)."""
    out = []
    if "<" not in text:   # every tag begins with '<': most reports have none anywhere
        return out
    for o in observations:
        if o.source != "table":
            continue
        tags = [m.group() for s, e in o.spans if text.find("<", s, e) >= 0 for m in MARKUP_TAG.finditer(text, s, e)]
        if tags:
            shown = " ".join(dict.fromkeys(t[:40] for t in tags[:8]))
            out.append(Finding(o.criterion_id, "label_markup_removed", "info",
                               f"line {o.line}: {len(tags)} HTML tag(s) in the row as written are left out of "
                               f"the stored label '{o.label[:80]}': {shown}", o.source, None, o.start, o.end))
    return out


def _metadata_blocks(model: DocumentModel, sheets: list) -> list[Block]:
    """Narrative lines plus the lines of tables that are not score sheets: Word and PDF reports
    put 'Số: …', the place and date and the signature in borderless layout tables. ``sheets``:
    detect_columns of each table."""
    extra = []
    text = model.text
    for table, (_, cols) in zip(model.tables, sheets):
        if cols is not None:
            continue
        for row in table.rows:
            for cell in row.cells:
                pos = cell.start
                for line in text[cell.start:cell.end].split("\n"):
                    if line.strip():
                        extra.append(Block(pos, pos + len(line), model.line_of(pos),
                                           TextView.of(text, pos, pos + len(line)), cell.page))
                    pos += len(line) + 1
    return sorted(model.blocks + extra, key=lambda b: b.start) if extra else model.blocks
