"""A framework read off a score sheet itself, for a sheet that matches no known framework: its rows,
with their own numbering, texts and maxima, form the items, and the hierarchy comes from the
numbering (a new numbering style opens a level below the current item; a style seen before closes
the levels opened after it). The same structure is what `chamdiem framework learn` writes out."""
from __future__ import annotations

from dataclasses import replace

import regex

from chamdiem.lexicon import compiled_patterns
from chamdiem.lexicon.catalogs import catalog
from chamdiem.lexicon.findings import finding
from chamdiem.lexicon.numbering import Marker
from chamdiem.lexicon.text import fold
from chamdiem.model.observations import Finding, Metadata, ScoreObservation
from chamdiem.normalizers.frameworks import Framework, Item, ItemMapper
from chamdiem.normalizers.placement import aligned_mapping

PROVISIONAL_PREFIX = "sheet:"
ROOT_TEXT = "Tổng cộng"


def is_provisional(framework_id: str | None) -> bool:
    return bool(framework_id) and framework_id.startswith(PROVISIONAL_PREFIX)


def provisional_id(metadata: Metadata, file_name: str) -> str:
    """``sheet:<issuer slug>-<year>``: the issuer (else the file's name) and the assessment year."""
    max_slug = int(catalog("detection")["max_slug"])
    source = metadata.issuer or file_name.rsplit(".", 1)[0]
    slug = _cut_at_word("-".join(fold(source).split()), max_slug) or "sheet"
    year = metadata.assessment_year
    return f"{PROVISIONAL_PREFIX}{slug}-{year if year else 'nd'}"


def _cut_at_word(slug: str, most: int) -> str:
    """The slug within ``most`` characters, cut between words (a word longer than that is cut)."""
    if len(slug) <= most:
        return slug.strip("-")
    kept = slug[:most + 1].rsplit("-", 1)[0]
    return (kept if kept else slug[:most]).strip("-")


def _style(marker: Marker | None) -> tuple:
    """What makes two markers the same level: the marker word, roman numerals, or the number of
    parts of a dotted number ('1' and '1.1' are two levels)."""
    if marker is None:
        return ("none",)
    if marker.word:
        return ("word", marker.word)
    if marker.roman:
        return ("roman",)
    if marker.kind in ("section", "letter", "bullet"):
        return (marker.kind,)      # 'a)' under '2.2' is a level of its own, closed by '2.3'
    return ("arabic", marker.number.count(".") + 1)


_ROMAN_OUT = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]


def _roman(number: int) -> str:
    out = ""
    for value, numeral in _ROMAN_OUT:
        while number >= value:
            out += numeral
            number -= value
    return out


def _segment(marker: Marker | None, unnumbered: int) -> str:
    """One ID part: 'tc3' for 'Tiêu chí 3', 'II' for 'II.', '2' for '1.2', 'r1' for an unnumbered row."""
    if marker is None:
        return f"r{unnumbered}"
    last = marker.number.rsplit(".", 1)[-1]
    if marker.word:
        return "".join(w[0] for w in marker.word.split()) + last
    if marker.roman:
        return _roman(int(last))
    return last


_ID_SAFE = compiled_patterns.compile(r"[^\w-]+")


def sheet_framework(fid: str, name: str, observations: list[ScoreObservation]) -> tuple[Framework, list]:
    """The framework the observations' rows describe, and each observation's item under it (the
    same shape as ``normalizers.mapping.map_items`` gives: ``(item, how)``, None for a total).
    Table rows define the items; narrative items are read as the table's items of the same
    numbering when there is a table, else they define the items themselves."""
    has_table = any(o.source == "table" and not o.is_total for o in observations)
    # (a line that may be a title defines nothing: a provisional framework has no names to confirm it)
    defining = [o for o in observations if not o.is_total and not o.title and (o.source == "table" or not has_table)]
    root = Item(fid, None, ROOT_TEXT, None, None, 0, None, fold(ROOT_TEXT))
    items: dict[str, Item] = {fid: root}
    words: dict[int, list[str]] = {}
    stack: list[tuple[tuple, str]] = []      # (style, item id) of the open levels
    unnumbered: dict[str, int] = {}
    last_suffix: dict[str, int] = {}
    mapping: list = [None] * len(observations)
    index = {id(o): k for k, o in enumerate(observations)}
    group: tuple[Marker, Item] | None = None   # the merged cell's item opened last, and its number
    for observation in defining:
        marker, closed = _defining_marker(observation, group)
        if closed is not None:
            mapping[index[id(observation)]] = (closed, "sheet")
            continue
        style = _style(marker)
        _close_levels(stack, style)
        parent = stack[-1][1] if stack else fid
        if marker is None:
            unnumbered[parent] = unnumbered.get(parent, 0) + 1
        iid = _free_id(items, last_suffix, parent, _ID_SAFE.sub("_", _segment(marker, unnumbered.get(parent, 0))))
        depth = len(stack) + 1
        item = Item(iid, marker.number if marker else None, observation.label or observation.marker or iid,
                    observation.get("max_points"), observation.get("bonus_max"), depth, parent,
                    fold(observation.label or ""))
        items[iid] = item
        items[parent].children.append(iid)
        if marker is not None and marker.word and marker.word not in words.setdefault(depth, []):
            words[depth].append(marker.word)
        stack.append((style, iid))
        mapping[index[id(observation)]] = (item, "sheet")
        if marker is not None and marker is not observation.parsed_marker:
            group = (marker, item)   # a merged cell's item, defined by its number
    _root_from_total(root, observations)
    levels = [words.get(d, []) for d in range(1, max((it.depth for it in items.values()), default=0) + 1)]
    framework = Framework(fid, name, [], levels, items, {})
    if has_table:
        _map_narrative(framework, observations, mapping)
    return framework, mapping


def _defining_marker(observation: ScoreObservation, group: tuple[Marker, Item] | None) -> tuple[Marker | None, Item | None]:
    """The marker that defines the observation's item, or the item it is already: a merged cell's
    own row (kind 'group') is defined by the cell's number, and once its label opened that item, the
    row closing the cell's items ('Cộng') is it."""
    marker = observation.parsed_marker if isinstance(observation.parsed_marker, Marker) else None
    if marker is None or marker.kind != "group":
        return marker, None
    if group is not None and group[0] == marker.parent:
        return None, _closed_by(group[1], observation)
    return marker.parent, None


def _closed_by(item: Item, observation: ScoreObservation) -> Item:
    """The merged cell's item, its maxima from the row closing its items when its label gave none."""
    if item.max is None:
        item.max = observation.get("max_points")
    if item.bonus_max is None:
        item.bonus_max = observation.get("bonus_max")
    return item


def _root_from_total(root: Item, observations: list[ScoreObservation]) -> None:
    """The sheet's total row gives the root its maxima and its text."""
    total = next((o for o in observations if o.is_total and o.values), None)
    if total is not None:
        root.max, root.bonus_max = total.get("max_points"), total.get("bonus_max")
        if total.label:
            root.text, root.folded = total.label, fold(total.label)


def _close_levels(stack: list[tuple[tuple, str]], style: tuple) -> None:
    """A numbering style seen before closes the levels opened from it on."""
    for k, (open_style, _) in enumerate(stack):
        if open_style == style:
            del stack[k:]
            return


def _free_id(items: dict[str, Item], last_suffix: dict[str, int], parent: str, segment: str) -> str:
    """``parent.segment``, or ``parent.segment_2``, ``_3``… when a row of the same numbering took it.
    The suffixes below the last one given to this base were all taken then, and items only grow:
    the search starts there, so a sheet of many rows with one marker stays linear."""
    base = f"{parent}.{segment}"
    suffix = last_suffix.get(base, 1)
    iid = base if suffix == 1 else f"{base}_{suffix}"
    while iid in items:
        suffix += 1
        iid = f"{base}_{suffix}"
    last_suffix[base] = suffix
    return iid


def _map_narrative(framework: Framework, observations: list[ScoreObservation], mapping: list) -> None:
    """Narrative statements of a document with a sheet, mapped onto the sheet's items like any
    framework's (numbering and text)."""
    mapper = ItemMapper(framework)
    for k, observation in enumerate(observations):
        if observation.source != "table" and not observation.is_total and not observation.title:
            mapping[k] = mapper.map(observation.parsed_marker, observation.label)


def framework_for(doc_text: str, observations: list[ScoreObservation], metadata: Metadata,
                  file_name: str, frameworks=None,
                  undecided: list[ScoreObservation] = ()) -> tuple[Framework | None, list, float | None, list[Finding]]:
    """The framework of ``frameworks`` (a FrameworkSet; default: $CHAMDIEM_FRAMEWORKS's) to read
    the document under, its mapping, the best known framework's confidence, and an
    ``unknown_framework`` finding when no known framework fits well enough: then the sheet's own
    provisional framework is used, so that no row is lost. A document whose only points are in
    statements naming no item ('Văn phòng tự đánh giá … đạt 91/100 điểm') gets the framework its
    words name, which then decides whether one is its total (readings.total_reading)."""
    from chamdiem.normalizers.mapping import confident_enough, detect_framework, map_items, match_confidence
    if undecided and not any(o.values or o.cells for o in observations):
        detected, _ = detect_framework(doc_text, [replace(o, is_total=True, undecided=False) for o in undecided],
                                       frameworks)
        return detected, map_items(detected, observations) if detected is not None else [], None, []
    detected, mapping = detect_framework(doc_text, observations, frameworks)
    confidence = match_confidence(observations, mapping, detected) if detected is not None else None
    has_items = any((o.values or o.cells) and not o.is_total for o in observations)
    if not has_items or (detected is not None and confident_enough(confidence)):
        return detected, mapping, confidence, []
    if detected is not None:
        # the framework chooses among readings: rows its items fit in the sheet's order, by text
        # and maximum, though the mapper alone (row by row) could not place them
        aligned = aligned_mapping(detected, observations, mapping, float(catalog("detection")["text_agrees"]))
        if aligned is not None:
            aligned_entries, aligned_confidence = aligned
            if aligned_confidence > confidence and confident_enough(aligned_confidence):
                return detected, aligned_entries, aligned_confidence, []
    if detected is None:
        confidence = 0.0
    fid = provisional_id(metadata, file_name)
    if detected is not None:
        unknown = finding("unknown_framework", best=detected.id, share=round(confidence * 100), provisional=fid)
    else:
        unknown = finding("unknown_framework", variant="no_match", provisional=fid)
    sheet_fw, sheet_mapping = sheet_framework(fid, f"Provisional framework read from {file_name}", observations)
    return sheet_fw, sheet_mapping, confidence, [unknown]
