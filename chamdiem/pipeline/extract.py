"""From a document model to everything the loader writes: the one-way flow of the pipeline."""
from __future__ import annotations

from dataclasses import replace

from chamdiem.extractors.citations import extract_citations, link_citations
# CLASS_WORD: the literal every class cue holds, which metadata's search of the cells tests first
from chamdiem.extractors.metadata import CLASS_WORD, extract_metadata
from chamdiem.extractors.narrative.scores import extract_narrative
from chamdiem.extractors.narrative.titles import title_lines
from chamdiem.extractors.note_cells import note_readings
from chamdiem.extractors.placement import place
from chamdiem.extractors.score_table import detect_columns, extract_table
from chamdiem.model.textview import MARKUP_TAG
from chamdiem.lexicon.text import squash
from chamdiem.checks import run_checks
from chamdiem.normalizers.cited_documents import resolve_citations
from chamdiem.normalizers.completeness import completeness
from chamdiem.normalizers.framework_catalog import FrameworkSet, framework_set
from chamdiem.normalizers.from_maximum import values_from_maximum
from chamdiem.normalizers.heading_points import heading_points_by_framework
from chamdiem.normalizers.listed_parts import listed_parts
from chamdiem.normalizers.note_scores import note_scores
from chamdiem.normalizers.mapping import map_observations
from chamdiem.normalizers.ocr_confidence import attach_confidence
from chamdiem.normalizers.placement import place_rows
from chamdiem.normalizers.readings import choose_readings, item_readings, this_years, total_reading
from chamdiem.normalizers.sheet_framework import framework_for, is_provisional
from chamdiem.normalizers.reconcile import first_by_source, reconcile
from chamdiem.normalizers.title_headings import may_need_titles, under_headings, under_titles, without_titles
from chamdiem.model.document import Block, DocumentModel
from chamdiem.model.observations import Report, Finding
from chamdiem.lexicon.findings import finding


def extract_document(model: DocumentModel, frameworks: FrameworkSet | None = None) -> Report:
    """Everything the loader writes about ``model``, read under ``frameworks`` (default: the set of
    $CHAMDIEM_FRAMEWORKS, read now)."""
    frameworks = framework_set(frameworks)
    sheets = [detect_columns(t.rows) for t in model.tables]   # asked once per table
    per_table = [extract_table(table, cols) for table, cols in zip(model.tables, sheets)]
    observations = []
    for index, got in enumerate(per_table):
        for observation in got:
            observation.table = index   # which table of the document: the readings are chosen per sheet
            observations.append(observation)
    narrative = extract_narrative(model.blocks, model.text)
    undecided = [o for o in narrative if o.undecided]   # no item named: the framework decides (below)
    # 'các tiêu chí còn lại đạt tối đa': the framework says which items remain (below)
    remaining = [o for o in narrative if o.remaining is not None and not o.undecided]
    observations += [o for o in narrative if not o.undecided and o.remaining is None]
    observations = _with_titles(observations, model, narrative, undecided)
    # a table that gives no scores is laid out text (its header words aside: 'BAN THƯỜNG TRỰC');
    # numbers in columns whose role the framework decides later are scores
    layout = [(rows, cols if any(o.values or o.cells for o in got) else None)
              for got, (rows, cols) in zip(per_table, sheets)]
    # a sheet's cells are searched for a class only by the lines holding the word every cue holds
    metadata = extract_metadata(_metadata_blocks(model, layout), model.text,
                                _cell_lines(model, layout, sheets_only=True, having=CLASS_WORD))
    observations = this_years(observations, model.text, metadata.assessment_year)
    observations, (framework, mapping, confidence, findings) = _framework_of(model, observations, metadata,
                                                                             frameworks, undecided)
    scores = []
    observations, mapping = _titles_read(framework, model.text, observations, mapping, undecided)
    if framework is not None:
        findings = _placed_by_framework(framework, model, observations, (mapping, undecided, remaining), findings,
                                        metadata.assessment_year)
        if not any(o.values for o in observations):
            framework = None   # its only statements of points were none of the sheet's
    observations += _note_scores(framework, model, (sheets, per_table), observations)
    findings += attach_confidence(model, observations)
    if framework is not None:
        by_source, dupes = first_by_source(observations)
        findings += dupes
        scores = reconcile(framework, by_source)
        findings += run_checks(framework, by_source, scores, metadata)
    findings += model.notes
    findings += _markup_dropped(model.text, observations)
    findings += [replace(note, criterion_id=o.criterion_id) for o in observations for note in o.notes]
    citations = resolve_citations(link_citations(extract_citations(model, observations), observations, model.blocks))
    _lines_as_labels(model, observations)
    place(model, observations, scores, citations)
    framework_id = framework.id if framework else None
    return Report(model, framework_id, metadata, observations, scores, findings, citations, confidence,
                  completeness(framework_id, scores, frameworks))


def _placed_by_framework(framework, model: DocumentModel, observations: list, statements: tuple[list, list, list],
                         findings: list[Finding], year: int | None) -> list[Finding]:
    """The observations placed in ``framework``'s items, and what it reads of them: the readings a
    known framework chooses, values relative to the maxima, a heading's points, contents listed
    in order. Adds what it reads to ``observations``; returns the findings."""
    mapping, undecided, remaining = statements
    findings += map_observations(framework, observations, mapping)
    known = not is_provisional(framework.id)
    if known:
        findings = _framework_readings(framework, observations, undecided, findings, model.text, year)
    # values stated relative to the items' maxima ('đạt tối đa', 'bị trừ 1 điểm'), the items' now known
    findings += values_from_maximum(framework, observations, remaining)
    heading_points_by_framework(framework, observations)
    if known:
        observations += listed_parts(framework, observations, model)
    return findings


def _lines_as_labels(model: DocumentModel, observations: list) -> None:
    """A statement with no words of its own between its numbering and its points ('+ 2.1: 15/15
    điểm.') is labelled by its line, once the framework has placed it by its number alone."""
    for observation in observations:
        if observation.source == "narrative" and not observation.label:
            start = model.text.rfind("\n", 0, observation.start) + 1
            end = model.text.find("\n", observation.end)
            observation.label = squash(model.text[start:end if end >= 0 else len(model.text)]).lstrip("-–•+* ")[:200]


def _note_scores(framework, model: DocumentModel, tables: tuple[list, list], observations: list) -> list:
    """What a known framework's sheets state in their note column where the sheet says nothing
    ('Tự chấm 13 điểm' beside an empty score cell; normalizers/note_scores)."""
    if framework is None or is_provisional(framework.id):
        return []
    readings = [reading for table, cols, rows in zip(model.tables, *tables)
                for reading in note_readings(table, cols, rows, model.text)]
    return note_scores(framework, readings, observations) if readings else []


def _with_titles(observations: list, model: DocumentModel, narrative: list, undecided: list) -> list:
    """Items introduced by their names: when the narrative states points it cannot place alone,
    the lines that may be its items' titles join its statements in reading order, for the
    framework to say which are (normalizers/title_headings)."""
    if not may_need_titles(narrative, undecided):
        return observations
    out = observations + [replace(c, title=True) for c in title_lines(model.blocks)]
    out.sort(key=lambda o: (o.source != "table", o.start if o.source != "table" else 0))
    return out


def _framework_of(model: DocumentModel, observations: list, metadata, frameworks, undecided: list) -> tuple[list, tuple]:
    """The framework to read the document under (sheet_framework.framework_for), read again with the
    lines that may be the items' titles when no known framework placed the statements alone."""
    read = framework_for(model.text, observations, metadata, model.file_name, frameworks, undecided)
    if undecided and read[0] is not None and is_provisional(read[0].id) and not any(o.title for o in observations):
        return _read_with_titles(model, observations, metadata, frameworks, undecided, read)
    return observations, read


def _read_with_titles(model: DocumentModel, observations: list, metadata, frameworks, undecided: list,
                      read: tuple) -> tuple[list, tuple]:
    """Statements on numbered lines whose numbers restart under each section ('1.1 - đơn vị tự chấm
    100 điểm' under '1. Thi đua thực hiện kế hoạch …') that no known framework placed alone: read
    again with the lines that may be the items' titles, and kept when a known framework then fits."""
    titled = this_years(observations + [replace(c, title=True) for c in title_lines(model.blocks)],
                        model.text, metadata.assessment_year)
    titled.sort(key=lambda o: (o.source != "table", o.start if o.source != "table" else 0))
    again = framework_for(model.text, titled, metadata, model.file_name, frameworks, undecided)
    if again[0] is None or is_provisional(again[0].id):
        return observations, read
    return titled, again


def _titles_read(framework, text: str, observations: list, mapping: list, undecided: list) -> tuple[list, list]:
    """The observations and mapping without the title lines, with the statements naming no item
    that a line the framework took for an item's title takes."""
    if framework is None or is_provisional(framework.id):
        return ([o for o in observations if not o.title], [e for o, e in zip(observations, mapping) if not o.title])
    breaks: list[int] = []
    if any(o.title for o in observations):
        observations, mapping, titles, breaks = without_titles(observations, mapping)
        if titles:
            observations += under_titles(framework, titles, breaks, text, (observations, mapping, undecided))
    observations += under_headings(framework, observations, mapping, (undecided, breaks))
    return observations, mapping


def _framework_readings(framework, observations: list, undecided: list, findings: list[Finding], text: str,
                        year: int | None) -> list[Finding]:
    """A known framework chooses among readings: the columns' roles, the rows' places, the items of
    statements naming none by a marker word, and the total. Adds the observations so read to
    ``observations``; returns the findings, those it settled removed."""
    # the readings of the columns and the places of the rows inform each other: a row placed by the
    # sheet's order is one more item the columns' numbers must fit
    readings = choose_readings(framework, observations)
    placed = place_rows(framework, observations)
    if placed:
        readings = choose_readings(framework, observations)
    moved = {(f.start, f.end) for f in placed}
    findings = [f for f in findings if not (f.kind == "unmapped_item" and (f.start, f.end) in moved)]
    findings += readings + placed
    observations += item_readings(framework, observations, undecided)
    totals, noted = total_reading(framework, observations, [o for o in undecided if o.undecided], text, year)
    observations += totals
    return findings + noted


def _markup_dropped(text: str, observations) -> list[Finding]:
    """A stored label is the row's text without its HTML tags: say so, with the tags, so no
    markup is removed without a trace (the span points at the row as written)."""
    out = []
    if "<" not in text:   # every tag begins with '<': most reports have none anywhere
        return out
    for observation in observations:
        if observation.source != "table":
            continue
        tags = [m.group() for s, e in observation.spans if text.find("<", s, e) >= 0
                for m in MARKUP_TAG.finditer(text, s, e)]
        if tags:
            shown = " ".join(dict.fromkeys(t[:40] for t in tags[:8]))
            out.append(finding("label_markup_removed", criterion_id=observation.criterion_id,
                               source=observation.source, start=observation.start, end=observation.end,
                               line=observation.line, count=len(tags), label=observation.label[:80],
                               tags=shown))
    return out


def _metadata_blocks(model: DocumentModel, sheets: list) -> list[Block]:
    """Narrative lines plus the lines of tables that are not score sheets: Word and PDF reports
    put 'Số: …', the place and date and the signature in borderless layout tables. Each cell's line
    keeps the cell's column: a signature in the right-hand cell is followed down its own column,
    whatever the left-hand cells of the rows between hold. ``sheets``: detect_columns of each
    table, with no columns for a table that gave no scores."""
    extra = _cell_lines(model, sheets, sheets_only=False)
    return sorted(model.blocks + extra, key=lambda b: b.start) if extra else model.blocks


def _cell_lines(model: DocumentModel, sheets: list, sheets_only: bool, having=None) -> list[Block]:
    """The lines of the cells of the tables that are not score sheets (or, ``sheets_only``, of those
    that are: a sheet's notes may state the class the unit proposes, 'Đề nghị xếp loại: Hoàn thành
    xuất sắc nhiệm vụ' beside its total), each a block in its cell's column. A cell's lines are
    those it shows: a Markdown or HTML cell breaks them with '<br>', not with line ends. ``having``:
    a pattern a line must hold to be wanted; a cell without it holds no such line and is passed
    over before its lines are cut (most cells of most sheets)."""
    out = []
    line_of = model.line_of
    for table, (_, cols) in zip(model.tables, sheets):
        if (cols is not None) != sheets_only:
            continue
        for row in table.rows:
            for cell in row.cells:
                view = cell.view
                text = view.text
                if having is not None and having.search(text) is None:
                    continue
                if "\n" not in text:   # one line (most cells): the cell's own view
                    if text.strip():
                        out.append(Block(view.raw_start, view.raw_end, line_of(view.raw_start), view,
                                         cell.page, cell.col, cell.colspan))
                    continue
                at = 0
                for line in text.split("\n"):
                    if line.strip():
                        part = view.slice(at, at + len(line))
                        out.append(Block(part.raw_start, part.raw_end, line_of(part.raw_start), part,
                                         cell.page, cell.col, cell.colspan))
                    at += len(line) + 1
    return out
