"""Score-sheet tables to raw score observations.

Columns are found by their header text across stacked header rows (never by position alone; a
header cell spanning sub-columns, "Điểm" over "Tối đa | Tự chấm", names each of them); physical
rows are joined into logical rows where a row continues the one above (a cut label, evidence
overflowing, an item number split over a page break, a label or scores going on after a page
break). A number in a cell merged over several rows is the parent of the items in those rows.
Values are read only from cells that hold a number: text in a score column is never a score.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from chamdiem.lexicon import compiled_patterns
from chamdiem.lexicon.columns import column_role, stacked_role
from chamdiem.lexicon.findings import finding
from chamdiem.lexicon.numbering import Marker, closed_item, is_fragment, lone_bullet, parse_marker
from chamdiem.lexicon.numbers import parse_score_cell
from chamdiem.lexicon.text import fold, squash
from chamdiem.model.document import Cell, Row, Table
from chamdiem.model.observations import SCORE_FIELDS, Finding, ScoreObservation, Value
from chamdiem.model.textview import TextView

_COLUMN_NUMBERS = compiled_patterns.compile(r"^\(?\s*\d{1,2}\s*\)?$")
# 'Cộng' alone, or with the parts it adds ('Cộng (I + II + III)', 'Cộng A+B+C'; folded, their signs gone)
_TOTAL = compiled_patterns.compile(r"^(?:tong(?: cong| diem| so)?\b|cong(?: (?:[ivx]+|[a-d]))*$|cong diem)")


@dataclass(slots=True)
class Columns:
    number: int | None = None
    label: int | None = None
    labels: list[int] = field(default_factory=list)   # every label column ("Tiêu chí" | "Nội dung")
    evidence: int | None = None
    score: dict[str, int] = field(default_factory=dict)
    unlabelled: list[int] = field(default_factory=list)   # header columns that name no role, or a taken one
    header_keys: set[tuple[str, ...]] = field(default_factory=set)


def _is_numeric_row(row: Row) -> bool:
    return any(parse_score_cell(c.view).value is not None for c in row.cells[1:])


def _names_an_item(row: Row) -> bool:
    """A cell holding only an item's marker word and number ('Tiêu chí 1', 'Nội dung 2.1'): the row
    is an item of the sheet, though its marker word is also a column's header word ('Tiêu chí')."""
    for cell in row.cells:
        text = squash(cell.text).rstrip(" .:")
        marker = parse_marker(text) if text else None
        if marker is not None and marker.word and marker.end >= len(text):
            return True
    return False


def _is_column_numbers(row: Row) -> bool:
    """A row of column numbers ('1', '(2)', …): at least three cells, each a small number. The
    first cell that is not one ends the test (a body row's first cell, as a rule)."""
    count = 0
    for cell in row.cells:
        text = cell.text.strip()
        if text:
            if not _COLUMN_NUMBERS.match(text):
                return False
            count += 1
    return count >= 3


def _row_key(row: Row) -> tuple[str, ...]:
    return tuple(fold(c.text) for c in row.cells)


def _repeats_header(row: Row, keys: set[tuple[str, ...]]) -> bool:
    """``_row_key(row) in keys``, folding a row's cells only while a header row still agrees
    (a body row differs from the header in its first cells)."""
    cells = row.cells
    return any(len(key) == len(cells) and all(fold(c.text) == k for c, k in zip(cells, key)) for key in keys)


def _is_empty(row: Row) -> bool:
    return not any(c.text.strip() for c in row.cells)


def _stacked_role(texts: list[str]) -> str | None:
    """A column's role from its stacked header cells (lexicon.columns.stacked_role)."""
    return stacked_role(texts)


def _spread_groups(upper: dict[int, str], lower: dict[int, str]) -> dict[int, str]:
    """A header row as it stands over the row below it. A text export writes a group header
    ('Đơn vị tự chấm' over 'Điểm | Điểm thưởng') in its first column and leaves the others empty:
    an empty slot stands under the group to its left when the row below names both columns."""
    out = dict(upper)
    group: str | None = None
    for col in sorted(upper):
        text = upper[col]
        if text.strip():
            group = text if lower.get(col, "").strip() else None
        elif group is not None and lower.get(col, "").strip():
            out[col] = group
        else:
            group = None
    return out


def _header_rows(rows: list[Row]) -> tuple[int, set[tuple[str, ...]], dict[int, list[str]]]:
    """How many rows the header takes, their keys, and each grid column's header cells stacked
    top to bottom (a group header standing over each of its sub-columns)."""
    k = 0
    keys = set()
    header: list[dict[int, str]] = []   # each header row: grid column -> the text shown there
    for row in rows[:8]:
        if _is_empty(row) or _is_column_numbers(row):
            k += 1
            continue
        if _is_numeric_row(row) or _names_an_item(row):
            break
        if not any(column_role(c.text) for c in row.cells if c.text.strip()):
            break
        header.append({col: c.shown_text for c in row.cells for col in range(c.col, c.col + max(c.colspan, 1))})
        keys.add(_row_key(row))
        k += 1
    stacked: dict[int, list[str]] = {}
    for upper, lower in zip(header, header[1:] + [{}]):
        for col, text in _spread_groups(upper, lower).items():
            if not stacked.get(col) or stacked[col][-1] != text:
                stacked.setdefault(col, []).append(text)
    return k, keys, stacked


def detect_columns(rows: list[Row]) -> tuple[int, Columns | None]:
    """Header rows at the top of the table and the role of each column."""
    k, keys, stacked = _header_rows(rows)
    if not stacked:
        return 0, None
    cols = Columns(header_keys=keys)
    other_years = _of_earlier_years(stacked)
    for col in sorted(stacked):
        if col not in other_years:
            _give_role(cols, col, _stacked_role(stacked[col]))
    _numbering_under_a_label_header(cols, rows[k:])
    named_label = cols.label is not None
    if cols.label is None:
        cols.label = 1 if cols.number == 0 else 0
        cols.labels = [cols.label]
    cols.unlabelled = [c for c in cols.unlabelled if c not in cols.labels]
    if not cols.score and not (named_label and _numbers_below(rows[k:], cols.unlabelled) >= _UNNAMED_SHEET_ROWS):
        return k, None
    return k, cols


_YEAR_IN_HEADER = compiled_patterns.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")


def _of_earlier_years(stacked: dict[int, list[str]]) -> set[int]:
    """The columns a header gives to a year before the latest it names ('Năm 2024 | Năm 2025' over
    'Tự chấm | Thẩm định' each, 'Tăng, giảm so với năm 2024'): a sheet set beside last year's is the
    report's in the latest year's columns."""
    years = {col: max(int(y) for y in found) for col, texts in stacked.items()
             if (found := _YEAR_IN_HEADER.findall(" ".join(texts)))}
    if len(set(years.values())) < 2:
        return set()
    latest = max(years.values())
    return {col for col, year in years.items() if year != latest}


def _numbering_under_a_label_header(cols: Columns, body: list[Row]) -> None:
    """'Tiêu chí | Nội dung | …' over '7 | Phối hợp với MTTQ … | …': of two columns headed by an
    item's words, the first holding only numbering ('1', '7', 'a)', 'TC3') numbers the items. So
    does a column left of the label column under a header naming no role ('Mục' over 'TC1', '1.1')."""
    if cols.number is not None:
        return
    if len(cols.labels) >= 2:
        col = cols.labels[0]
    else:
        col = next((c for c in cols.unlabelled if cols.label is not None and c < cols.label), None)
        if col is None:
            return
    if not _numbering_only(body, col):
        return
    if col in cols.unlabelled:
        cols.unlabelled.remove(col)
        cols.number = col
        return
    cols.number = cols.labels.pop(0)
    cols.label = cols.labels[0]


def _numbering_only(body: list[Row], col: int) -> bool:
    """Two body cells of ``col`` or more hold text, each only an item's numbering."""
    texts = [cell.view.text.strip() for row in body if (cell := row.cell(col)) is not None]
    texts = [t for t in texts if t]
    return len(texts) >= 2 and all((m := parse_marker(t, lists=True)) is not None and m.end >= len(t) for t in texts)


def _give_role(cols: Columns, col: int, role: str | None) -> None:
    """A header column's role; a column naming none, or a score role already taken, is left for the
    framework to read (``unlabelled``)."""
    if role is None or (role in SCORE_FIELDS and role in cols.score):
        cols.unlabelled.append(col)
    elif role in SCORE_FIELDS:
        cols.score[role] = col
    elif role == "number" and cols.number is None:
        cols.number = col
    elif role == "label":
        cols.labels.append(col)
        if cols.label is None:
            cols.label = col
    elif role == "evidence" and cols.evidence is None:
        cols.evidence = col


_UNNAMED_SHEET_ROWS = 3   # rows with numbers under unnamed columns that make a sheet of a labelled table


def _numbers_below(rows: list[Row], columns: list[int]) -> int:
    """Body rows with a number in one of ``columns``: a table whose header names its items but none
    of its score columns is still a sheet whose columns the framework may read."""
    count = 0
    for row in rows:
        if any((cell := row.cell(col)) is not None and parse_score_cell(cell.view).value is not None
               for col in columns):
            count += 1
            if count >= _UNNAMED_SHEET_ROWS:
                break
    return count


@dataclass(slots=True)
class _Logical:
    rows: list[Row]
    tt: str
    label_parts: list[str]
    marker: Marker | None
    values: dict[str, Value]
    notes: list[Finding]
    is_total: bool = False
    written: str = ""                 # the numbering as written
    parent: Marker | None = None      # the number of a cell merged over this row
    unlabelled: dict[int, Value] = field(default_factory=dict)   # numbers in columns that name no role

    @property
    def tt_fragment(self) -> bool:
        return self.marker is None and is_fragment(self.tt)


def _starts_continuation(text: str) -> bool:
    stripped = text.lstrip(" “”\"'")
    return bool(stripped) and (stripped[0].islower() or stripped[0] in "-–+•…,;")


def _read_values(row: Row, cols: Columns, notes: list[Finding]) -> dict[str, Value]:
    vals: dict[str, Value] = {}
    for name, col in cols.score.items():
        cell = row.cell(col)
        if cell is None:
            continue
        parsed = parse_score_cell(cell.view)
        if parsed.value is not None:
            parsed.value.cell_ref = cell.ref
            vals[name] = parsed.value
            if _scale_is_maximum(parsed, name, cols):
                parsed.over.cell_ref = cell.ref
                vals.setdefault("max_points", parsed.over)   # '9/10' in a sheet without a maximum column
            elif parsed.extra:
                notes.append(finding("extra_numbers_ignored", source="table", field=name, line=row.line,
                                     cell=squash(cell.text), value=parsed.value.raw, extra=" ".join(parsed.extra)))
        elif parsed.is_text:
            notes.append(finding("text_in_score_column", source="table", field=name, line=row.line,
                                 cell=squash(cell.text)[:80]))
    return vals


def _scale_is_maximum(parsed, name: str, cols: Columns) -> bool:
    """A self score written over its scale ('9/10') in a sheet with no maximum column: the scale is
    the item's maximum."""
    return parsed.over is not None and name == "self_score" and "max_points" not in cols.score


def _unlabelled_values(row: Row, cols: Columns) -> dict[int, Value]:
    """The numbers of the columns whose header names no role: the framework may find theirs."""
    out: dict[int, Value] = {}
    for col in cols.unlabelled:
        cell = row.cell(col)
        if cell is None or cell.merged_from is not None:
            continue
        parsed = parse_score_cell(cell.view)
        if parsed.value is not None:
            parsed.value.cell_ref = cell.ref
            out[col] = parsed.value
    return out


def _labels(row: Row, cols: Columns) -> tuple[str, str]:
    """The row's own label and the label of a cell merged over it. With two label columns
    ('Tiêu chí' merged over its rows | 'Nội dung'), the merged one is the parent's."""
    cells = [c for c in (row.cell(col) for col in cols.labels or [cols.label]) if c is not None]
    if len(cells) == 1 and not cells[0].spans_rows and cells[0].text.strip():
        return squash(cells[0].text), ""   # one label cell of the row's own (the usual case)
    own = [c for c in cells if c.text.strip() and not c.spans_rows]
    spanning = [c for c in cells if c.spans_rows and c.shown_text.strip()]
    if own:
        return squash(" ".join(c.text for c in own)), squash(" ".join(c.shown_text for c in spanning))
    return squash(" ".join(c.text for c in cells if c.merged_from is None)), ""


def _label_marker(lab: str, spanned: bool) -> Marker | None:
    """Numbering written at the start of a label: words ('Nội dung 2'), letters, bullets, dotted or
    roman numbers; a bare '2.' only under a merged parent number (else a label may start with a year)."""
    if not lab:
        return None
    marker = parse_marker(lab, lists=True)
    if marker is None:
        return None
    if marker.word or marker.is_list or marker.roman or "." in marker.number or spanned:
        return marker
    return None


def _row_marker(tt_cell, number_text: str, lab: str, parent_lab: str, item_like: bool):
    """(marker, as written, whether it stands in the label, parent marker) of one physical row.
    A number in a cell merged over several rows is the parent of the items its rows name (in the
    label: 'Nội dung 2', 'a)', a bullet); a row naming none is the merged number's own item, in its
    first row, or an unnumbered item under it."""
    cont_slot = tt_cell is not None and tt_cell.merged_from is not None
    spanned = tt_cell is not None and tt_cell.spans_rows and bool(tt_cell.shown_text.strip())
    span_marker = parse_marker(squash(tt_cell.shown_text), lists=True, bare_letter=True,
                               section_letter=True) if spanned else None
    lab_marker = _label_marker(lab, span_marker is not None)
    if lab_marker is not None and lab_marker.kind == "bullet" and not item_like:
        lab_marker = None   # a bullet line without the scores of an item goes on the text above
    # the merged number is the parent when its rows name their own items, or when the row's own
    # label stands beside a merged label (a 'Tiêu chí' cell over its 'Nội dung' rows)
    if spanned and (cont_slot or lab_marker is not None or parent_lab):
        parent = span_marker
        marker, written, in_label = lab_marker, lab[:lab_marker.end] if lab_marker else "", lab_marker is not None
    else:
        parent = parse_marker(parent_lab, lists=True) if parent_lab else None
        tt_marker = parse_marker(number_text, lists=True, bare_letter=True, section_letter=True) if number_text else None
        if tt_marker is None and item_like and number_text:
            tt_marker = lone_bullet(number_text)   # a '-' in the numbering column of a row with its scores
        marker, written, in_label = _own_marker((tt_marker, number_text), (lab_marker, lab))
    if marker is not None and parent is not None:
        marker = marker.under(parent)
    return marker, written, in_label, parent


def _group_heading(row: Row, cols: Columns, parent: Marker | None, parent_lab: str) -> _Logical | None:
    """In the first row of a label cell merged over a group's rows ('Tiêu chí' over its 'Nội dung'
    rows): the group's own item, a row of its own before its items, holding the merged cells and no
    values (the row closing the group, when there is one, gives them); its words, beside the number,
    let the framework confirm the item (kind 'group'). None in any other row."""
    if parent is None or not parent_lab:
        return None
    merged = [c for c in (row.cell(col) for col in (cols.number, *cols.labels))
              if c is not None and c.merged_below > 0 and c.text.strip()]
    if not any(c.col in cols.labels for c in merged):
        return None
    number = next((squash(c.text) for c in merged if c.col == cols.number), "")
    label = _group_label(parent_lab, parent)
    # the number stands in its own cell, or opens the label ('Tiêu chí 2: …', '2. …')
    written = number or parent_lab[:len(parent_lab) - len(label)]
    head = Row(merged, min(c.start for c in merged), max(c.end for c in merged), row.line, row.page)
    return _Logical([head], number, [label] if label else [],
                    Marker(None, "", 0, kind="group", parent=parent), {}, [], written=squash(written).rstrip(" :.-–"),
                    parent=parent)


def _group_label(parent_lab: str, parent: Marker) -> str:
    """The name a merged label cell gives its group's item, without the number opening it ('Tiêu chí
    2: Thực hiện …', '2. Thực hiện …')."""
    own = parse_marker(parent_lab, lists=True)
    return parent_lab[own.end:].strip() if own is not None and own.number == parent.number else parent_lab


def _numbering(tt_cell, number_text: str, labels: tuple[str, str], item_like: bool):
    """(marker, as written, label parts, parent marker, the row's first text, whether it is the
    sheet's total) of one physical row: its own numbering (_row_marker), or the group it closes
    (_closing), labelled by the merged cell's label that names the group."""
    lab, parent_lab = labels
    marker, written, in_label, parent = _row_marker(tt_cell, number_text, lab, parent_lab, item_like)
    own_first = number_text if tt_cell is not None and tt_cell.merged_from is None else ""
    first = own_first or lab
    closing = _closing(first, parent)
    if closing is not None:
        label = _group_label(parent_lab, parent) if parent is not None and parent_lab else ""
        return closing, first[:closing.end], [label] if label else [], parent, first, False
    total = bool(_TOTAL.match(fold(first))) if first else False
    return marker, written, _label_parts(number_text, lab, marker, in_label), parent, first, total


def _closing(first: str, parent: Marker | None) -> Marker | None:
    """The marker of a row closing a group of items, which is that group's item: 'Cộng' alone, or
    naming the number, under a number merged over the group's rows is that number's own item (kind
    'group'); 'Cộng tiêu chí 3' elsewhere names it (inside the merged number, when one spans the
    row). None for any other row ('Cộng' or 'Tổng cộng' under no merged number is the sheet's total)."""
    if not first:
        return None
    named = closed_item(first)
    if named is not None and not (parent is not None and named.number == parent.number):
        return named.under(parent) if parent is not None else named
    if parent is not None and (named is not None or _TOTAL.match(fold(first))):
        return Marker(None, "", named.end if named is not None else len(first), kind="group", parent=parent)
    return None


def _own_marker(number: tuple[Marker | None, str], label: tuple[Marker | None, str]) -> tuple[Marker | None, str, bool]:
    """(marker, as written, whether it stands in the label) of a row that no merged cell numbers:
    its numbering cell's, else its label's; but a label's marker word names the item better than
    a section's letter beside it ('B | Nội dung II: Thực hiện chủ trương …': the letter only orders
    the sheet)."""
    (tt_marker, number_text), (lab_marker, lab) = number, label
    if tt_marker is not None and not (tt_marker.kind == "section" and lab_marker is not None and lab_marker.word):
        return tt_marker, number_text[:tt_marker.end], False
    return lab_marker, lab[:lab_marker.end] if lab_marker else "", lab_marker is not None


def extract_table(table: Table, columns: tuple[int, Columns | None] | None = None) -> list[ScoreObservation]:
    """Header rows give the columns; each body row either starts a logical row (an item) or
    continues the one before it (a cut item number, a wrapped label, scores on the next line).
    ``columns``: what detect_columns says of this table, when the caller has asked it already."""
    n_head, cols = columns if columns is not None else detect_columns(table.rows)
    if cols is None:
        return []
    logical: list[_Logical] = []
    body = _repeated_as_merged(list(_body_rows(table.rows[n_head:], cols)), cols)
    for k, (row, first_after_break) in enumerate(body):
        notes: list[Finding] = []
        values = _read_values(row, cols, notes)
        unlabelled = _unlabelled_values(row, cols)
        tt_cell = row.cell(cols.number)
        number_text = squash(tt_cell.text) if tt_cell else ""
        lab, parent_lab = _labels(row, cols)
        # a bullet row is an item of its own when it states the item's maximum (or the sheet has no
        # maximum column); a bullet with only a score is a part of the item above it
        item_like = bool(values) and ("max_points" in values or "max_points" not in cols.score)
        marker, written, parts, parent, first, total = _numbering(tt_cell, number_text, (lab, parent_lab), item_like)
        heading = _group_heading(row, cols, parent, parent_lab)
        if heading is not None:
            logical.append(heading)   # the group's first row: its items start here, under their heading
        prev = logical[-1] if logical and heading is None else None
        if prev is not None and prev.tt_fragment and number_text and not values:
            _complete_number(prev, row, number_text, lab, notes)
        elif prev is not None and marker is None and not total and \
                _continues(prev, values, first, first_after_break and not _opens_label_above_scores(body, k, cols, bool(values))):
            _merge(prev, row, "" if tt_cell is not None and tt_cell.merged_from is not None else number_text,
                   lab, values, notes, unlabelled)
        else:
            logical.append(_Logical([row], number_text, parts, marker, values, notes, total,
                                    squash(written).rstrip(" :.-–("), parent, unlabelled))
    # only a spreadsheet's cells have references: a table without any needs no range per row
    with_refs = any(c.ref for r in table.rows for c in r.cells)
    return _observations(logical, cols, with_refs)


def _observations(logical: list[_Logical], cols: Columns, with_refs: bool) -> list[ScoreObservation]:
    """Each logical row's observation, with its numbers by column and the header's roles: the
    readings a known framework chooses among."""
    roles = {col: role for role, col in cols.score.items()}
    out = []
    for logical_row in logical:
        observation = _observation(logical_row, with_refs)
        named = {col: logical_row.values[role] for col, role in roles.items() if role in logical_row.values}
        observation.cells = named | logical_row.unlabelled
        observation.header_roles = roles
        out.append(observation)
    return out


def _label_parts(number_text: str, lab: str, marker: Marker | None, in_label: bool) -> list[str]:
    """The label of a row that starts an item, without its numbering: the number cell's text
    when the row has no label, then the label."""
    parts = []
    if number_text and not lab:
        parts.append(number_text[marker.end:] if marker is not None and not in_label else number_text)
    if lab:
        parts.append(lab[marker.end:] if in_label else lab)
    return [p for p in parts if p]


def _body_rows(rows: list[Row], cols: Columns):
    """(row, first after a page break) for each body row that holds content: empty rows, rows of
    column numbers and headers repeated on a following page are passed over."""
    after_break = False
    for row in rows:
        if row.chunk_start:
            after_break = True   # the first body row after a page break may continue the row before
        if _is_empty(row) or _is_column_numbers(row):
            continue
        if _repeats_header(row, cols.header_keys):
            after_break = True
            continue  # a header repeated on a following page: a page break stood before it
        yield row, after_break
        after_break = False


def _repeated_as_merged(body: list[tuple[Row, bool]], cols: Columns) -> list[tuple[Row, bool]]:
    """A criterion's cells written again in each row of its contents, in a sheet of two label columns
    ('2 | Thực hiện nhiệm vụ chính trị | Nội dung 1: …' over '2 | Thực hiện nhiệm vụ chính trị | Nội
    dung 2: …'): read as one cell merged over those rows, as Word's vertical merge gives it (its text
    in the first row, the rows below linked to it), so the contents are read under their criterion."""
    if len(cols.labels) < 2:
        return body
    group = [col for col in (cols.number, cols.labels[0]) if col is not None]
    out = list(body)
    k = 0
    while k < len(out):
        key = _group_key(out[k][0], group, cols.labels[-1])
        end = k + 1
        while key is not None and end < len(out) and _group_key(out[end][0], group, cols.labels[-1]) == key:
            end += 1
        if end - k >= 2 and end < len(out) and _closes(out[end][0], group, cols.labels[-1], key):
            end += 1   # 'Cộng tiêu chí 2' below criterion 2's rows, its cells left empty: the group's own row
        if end - k >= 2:
            out[k:end] = _merged_run(out[k:end], group)
        k = end
    return out


def _group_key(row: Row, group: list[int], own: int) -> tuple[str, ...] | None:
    """The texts of the row's criterion cells (its number and label), when the label holds text,
    no merge spans them and the row's own label cell holds text; else None."""
    own_cell = row.cell(own)
    cells = [row.cell(col) for col in group]
    if own_cell is None or not own_cell.text.strip() or any(c is None or c.spans_rows for c in cells):
        return None
    key = tuple(squash(c.text) for c in cells)
    return key if key[-1] else None


def _closes(row: Row, group: list[int], own: int, key: tuple[str, ...]) -> bool:
    """The row closes the group whose cells' texts are ``key``: its criterion cells are empty and its
    own label names the group's number ('Cộng tiêu chí 2' under rows of '2 | Thực hiện …')."""
    own_cell = row.cell(own)
    if own_cell is None or any((c := row.cell(col)) is None or c.text.strip() for col in group):
        return False
    named = closed_item(squash(own_cell.text))
    number = parse_marker(key[0], lists=True)
    return named is not None and number is not None and named.number == number.number


def _merged_run(run: list[tuple[Row, bool]], group: list[int]) -> list[tuple[Row, bool]]:
    """The rows of ``run`` with their ``group`` cells merged over them: the first row's cells span
    the rows below, whose cells are left empty and linked to them."""
    head = run[0][0]
    firsts = {col: replace(head.cell(col), merged_below=len(run) - 1) for col in group}
    out = [(_with_cells(head, firsts), run[0][1])]
    for row, after_break in run[1:]:
        slots = {col: replace(cell, view=TextView.verbatim("", cell.start, cell.start), end=cell.start,
                              merged_from=firsts[col]) for col in group if (cell := row.cell(col)) is not None}
        out.append((_with_cells(row, slots), after_break))
    return out


def _with_cells(row: Row, cells: dict[int, Cell]) -> Row:
    return replace(row, cells=[cells.get(c.col, c) for c in row.cells])


def _opens_label_above_scores(body: list, k: int, cols: Columns, has_values: bool) -> bool:
    """Body row ``k`` (first after a page break) begins the label of an item whose scores stand a
    few lines below it, as in a sheet of vertically centred cells: the rows after it, up to the
    first with scores, carry no numbering of their own; or it holds the first half of an item number
    ('Phần' / 'IV'). Without scores below, or with a numbered row first, it is rather the rest of
    the row the break cut. ``has_values``: row ``k`` holds scores, as its caller read them."""
    own = body[k][0].cell(cols.number)
    if own is not None and is_fragment(squash(own.text)):
        return True
    if has_values:
        return False
    for row, _ in body[k + 1:k + 8]:
        tt_cell = row.cell(cols.number)
        lab, _ = _labels(row, cols)
        if parse_marker(squash(tt_cell.text) if tt_cell else "", lists=True) or parse_marker(lab, lists=True):
            return False
        if _read_values(row, cols, []):
            return True
    return False


def _complete_number(prev: _Logical, row: Row, number_text: str, lab: str, notes) -> None:
    """The rest of an item number cut by a page break ('Nội' / 'dung 1') joins the row before."""
    prev.tt = f"{prev.tt} {number_text}"
    prev.marker = parse_marker(prev.tt)
    prev.written = prev.tt[:prev.marker.end] if prev.marker else ""
    prev.rows.append(row)
    if lab:
        prev.label_parts.append(lab)
    prev.notes.extend(notes)


def _continues(prev: _Logical, values: dict, first: str, first_after_break: bool) -> bool:
    """An unnumbered row that goes on with the row before: a wrapped label, or scores (or the rest
    of the label with them) standing below a row that has none, on the row under it or on the next
    page; or, first after a page break, the rest of a scored row's texts without scores (a row cut
    by the page break, its label going on at a capital: 'Phần III -' / 'Thực hiện công tác ...')."""
    return ((not values and (not first or _starts_continuation(first) or (first_after_break and prev.values)))
            or (values and _starts_continuation(first))
            or (values and not prev.values and (not first or first_after_break)))


def _merge(prev: _Logical, row: Row, number_text: str, lab: str, values: dict[str, Value], notes,
           unlabelled: dict[int, Value] | None = None) -> None:
    prev.rows.append(row)
    for col, value in (unlabelled or {}).items():
        prev.unlabelled.setdefault(col, value)
    for part in (number_text, lab):
        if part:
            prev.label_parts.append(part)
    for name, value in values.items():
        if name in prev.values:
            notes.append(finding("extra_numbers_ignored", variant="continuation", source="table", field=name,
                                 line=row.line, value=value.raw, kept=prev.values[name].raw))
        else:
            prev.values[name] = value
    prev.notes.extend(notes)


def _observation(logical_row: _Logical, with_refs: bool = True) -> ScoreObservation:
    first, last = logical_row.rows[0], logical_row.rows[-1]
    return ScoreObservation(
        source="table",
        marker=logical_row.written or (str(logical_row.marker) if logical_row.marker else ""),
        label=squash(" ".join(logical_row.label_parts)),
        values=logical_row.values,
        start=first.start,
        end=last.end,
        line=first.line,
        page=first.page,
        spans=[(r.start, r.end) for r in logical_row.rows],
        is_total=logical_row.is_total,
        notes=logical_row.notes,
        parsed_marker=logical_row.marker if logical_row.marker is not None or logical_row.parent is None
        else Marker(None, "", 0, kind="unnumbered", parent=logical_row.parent),
        cell_ref=_range_ref(logical_row.rows) if with_refs else None,
    )


def _range_ref(rows: list[Row]) -> str | None:
    """'Sheet1!A14:F15': the spreadsheet cells of a logical row, when it comes from a sheet."""
    refs = [c.ref for r in rows for c in r.cells if c.ref]
    if not refs:
        return None
    return f"{refs[0]}:{refs[-1].rsplit('!', 1)[1]}" if len(refs) > 1 else refs[0]
