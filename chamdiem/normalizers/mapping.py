"""Which framework a document's score sheet belongs to, and the canonical ID of each item."""
from __future__ import annotations

from chamdiem.extractors.narrative.titles import is_section
from chamdiem.lexicon.catalogs import catalog
from chamdiem.lexicon.findings import finding
from chamdiem.normalizers.frameworks import MAX_LABEL, Framework, Item, ItemMapper, similarity, written_maxima
from chamdiem.normalizers.framework_catalog import FrameworkSet, framework_set
from chamdiem.lexicon.text import fold, fold_words
from chamdiem.model.observations import Finding, ScoreObservation

DECIDE_ON = 1000  # observations that decide the framework
Mapping = list[tuple[Item | None, str] | None]  # per observation; None for a total


def map_items(framework: Framework, observations: list[ScoreObservation]) -> Mapping:
    """Each observation's item under ``framework``, source by source, in reading order. The mapping
    depends on the sources, numbering and labels of the rows that are not totals alone (a total
    maps to the framework, whatever its sentence says), and the reports of a framework repeat its
    sheet word for word: a sheet is mapped once per process (``framework.sheet_mappings``)."""
    return _map_items_remembered(framework, observations, None)


def _map_items_remembered(framework: Framework, observations: list[ScoreObservation], beaten_by: int | None) -> Mapping:
    """map_items, or with ``beaten_by`` (the most rows another framework matched by text) a
    mapping cut short once this framework can no longer come near it (_beaten): neither
    remembered nor used."""
    if len(observations) > SHEET_ROWS_REMEMBERED or sum(len(o.label) for o in observations) > SHEET_TEXT_REMEMBERED:
        # no sheet of a framework is that large: not worth its memory
        return _map_rows(framework, observations, beaten_by)[0]
    key = tuple(None if o.is_total else (o.source, o.parsed_marker, o.label) for o in observations)
    memo = framework.sheet_mappings
    hit = memo.get(key)
    if hit is not None:
        return list(hit)
    out, whole = _map_rows(framework, observations, beaten_by)
    if whole:
        if len(memo) >= SHEETS_REMEMBERED:
            del memo[next(iter(memo))]   # the oldest
        memo[key] = tuple(out)
    return out


# per framework, the latest sheets of at most so many rows and characters of labels: a real sheet's
# key is tens of KB, and the memory stays under about 13 MB per framework whatever the input
SHEETS_REMEMBERED, SHEET_ROWS_REMEMBERED, SHEET_TEXT_REMEMBERED = 64, 1000, 100_000


def _map_items(framework: Framework, observations: list[ScoreObservation]) -> Mapping:
    return _map_rows(framework, observations, None)[0]


def _map_rows(framework: Framework, observations: list[ScoreObservation],
              beaten_by: int | None) -> tuple[Mapping, bool]:
    """The mapping, and whether it is whole: with ``beaten_by``, the rows are mapped only while
    this framework could still match enough of them by text (_beaten)."""
    mappers: dict[str, ItemMapper] = {}
    out: Mapping = []
    hits = 0
    left = sum(1 for o in observations if not o.is_total)   # rows not mapped yet that could still match
    for observation in observations:
        if observation.is_total:
            out.append(None)
            continue
        if beaten_by is not None and _beaten(framework, beaten_by, hits + left):
            return out, False
        mapper = mappers.get(observation.source)
        if mapper is None:   # one mapper per source, made when the source is first seen
            mapper = mappers[observation.source] = ItemMapper(framework)
        if observation.title:
            item = mapper.by_title(observation.parsed_marker, observation.label, float(catalog("detection")["title_text"]))
            entry = (item, "title") if item is not None else (None, "not a title")
            if item is None and is_section(observation):
                mapper.close_all()   # 'III. TỒN TẠI, KIẾN NGHỊ': no item stays open past it
        else:
            entry = mapper.map(observation.parsed_marker, observation.label, written_maxima(observation))
        out.append(entry)
        left -= 1
        hits += entry[1] in _BY_TEXT
    return out, True


def detect_framework(doc_text: str, observations: list[ScoreObservation],
                     frameworks: FrameworkSet | None = None) -> tuple[Framework | None, Mapping]:
    """The framework of ``frameworks`` (default: $CHAMDIEM_FRAMEWORKS's set) whose items the
    observations match best (by text, or by numbering its text confirms), keywords breaking ties,
    with the observations mapped under it. Only a document that states scores (a sheet, item
    points or a total) has a framework."""
    if not any(o.values or o.cells for o in observations):   # cells: numbers under unnamed columns
        return None, []
    # the sheet's first rows decide (a real sheet has a few hundred at most); only the winner maps
    # them all, so a huge table costs one mapping, not one per framework
    sample = observations[:DECIDE_ON]
    ranked = _rank_to_decide(sample, frameworks)
    best, best_mapping = _winner_by_items(ranked) or _winner_with_keywords(ranked, doc_text)
    if best is not None and len(observations) > len(sample):
        best_mapping = map_items(best, observations)
    return best, best_mapping


def rank_frameworks(observations: list[ScoreObservation],
                    frameworks: FrameworkSet | None = None) -> list[tuple[Framework, int, Mapping]]:
    """(framework, rows its items match by text, the mapping) for every framework of the set, in order."""
    ranked = []
    for framework in framework_set(frameworks).values():
        mapping = map_items(framework, observations)
        ranked.append((framework, _hits(mapping), mapping))
    return ranked


_BY_TEXT = ("number+text", "text", "title")


def _hits(mapping: Mapping) -> int:
    return sum(1 for m in mapping if m is not None and m[1] in _BY_TEXT)


def _rank_to_decide(observations: list[ScoreObservation],
                    frameworks: FrameworkSet | None = None) -> list[tuple[Framework, int, Mapping]]:
    """rank_frameworks as far as the winner needs it: a framework is mapped only while it could
    still match enough rows by text to matter against the best framework before it (_beaten).
    One cut short keeps the rows it matched so far and a partial mapping: its score stays below
    the best one's with keywords or without, so neither _winner_by_items nor
    _winner_with_keywords names it, nor another framework than they name on the whole mapping."""
    ranked = []
    best = 0
    for framework in framework_set(frameworks).values():
        mapping = _map_items_remembered(framework, observations, best if best else None)
        hits = _hits(mapping)
        ranked.append((framework, hits, mapping))
        best = max(best, hits)
    return ranked


def _beaten(framework: Framework, best: int, reachable: int) -> bool:
    """Whether a framework that can match at most ``reachable`` rows by text trails ``best`` by
    more than all its keywords could make up (_winner_by_items' margin): with the rest of its
    rows it could neither lead nor stop another from winning by its items, nor outscore it with
    keywords."""
    keywords_could_add = len(framework.keywords) * _PER_KEYWORD * _KEYWORD_CAP
    return _PER_HIT * (best - reachable) > keywords_could_add + 0.5


# Each framework scores 3 per item its rows match by text, plus 0.2 per keyword occurrence in the
# folded text, at most 5 counted per keyword: its keywords add between 0 and len(keywords).
_PER_HIT = 3
_PER_KEYWORD, _KEYWORD_CAP = 0.2, 5


def _winner_by_items(ranked: list[tuple[Framework, int, Mapping]]) -> tuple[Framework, Mapping] | None:
    """The framework whose items lead by more than any other's keywords could add: the winner
    _winner_with_keywords would name, found without folding the text. None when the keywords could
    decide."""
    if not ranked:
        return None
    top_framework, top_hits, top_mapping = max(ranked, key=lambda r: r[1])
    if top_hits == 0:
        return None
    for framework, hits, _ in ranked:   # half a point of margin: the scores are sums of floats
        keywords_could_add = len(framework.keywords) * _PER_KEYWORD * _KEYWORD_CAP
        if framework is not top_framework and _PER_HIT * (top_hits - hits) <= keywords_could_add + 0.5:
            return None
    return top_framework, top_mapping


def _winner_with_keywords(ranked: list[tuple[Framework, int, Mapping]], doc_text: str) -> tuple[Framework | None, Mapping]:
    """The first framework with the best score, items and keywords together (none scoring 0)."""
    folded = fold_words(doc_text[:300_000])
    best, best_score, best_mapping = None, 0.0, []
    for framework, hits, mapping in ranked:
        keyword_hits = sum(min(folded.count(k), _KEYWORD_CAP) for k in framework.keywords)
        score = _PER_HIT * hits + _PER_KEYWORD * keyword_hits
        if score > best_score:
            best, best_score, best_mapping = framework, score, mapping
    return best, best_mapping


def match_confidence(observations: list[ScoreObservation], mapping: Mapping,
                     framework: Framework | None = None) -> float | None:
    """How well a framework's items fit the document's scored items (0-1): the share whose item's
    text agrees with the row's own text (a match by numbering alone, for a label too short to
    compare, counts less; chamdiem/catalogs/detection.toml), over the sheet's rows, or over the
    narrative items when there is no sheet. None when the document states no item scores (a total
    alone says nothing about the items)."""
    pairs = [(o, m) for o, m in zip(observations, mapping) if not o.is_total]
    if any(o.source == "table" for o, _ in pairs):
        pairs = [(o, m) for o, m in pairs if o.source == "table"]
    scored = [(o, m) for o, m in pairs if o.values or o.cells]
    if not scored:
        return None
    rules = catalog("detection")
    if framework is not None and _total_beyond_framework(framework, observations):
        return float(rules["total_beyond_framework_confidence"])
    by_structure = framework is not None and _structure_agrees(framework, observations, scored)
    agrees = {id(o): _text_agrees(o, m, rules) for o, m in pairs}
    agreed_items = {m[0].id for o, m in pairs if agrees[id(o)]}
    got = 0.0
    for observation, entry in scored:
        item, how = entry if entry is not None else (None, None)
        if item is None:
            continue
        if how != "text" and _maximum_agrees(observation, item) and \
                (by_structure or (how == "number+text" and item.parent in agreed_items)):
            got += float(rules["number_and_max_weight"])
        else:
            got += _row_weight(framework, observation, item, how, agrees[id(observation)], rules)
    return round(got / len(scored), 3)


def _row_weight(framework: Framework | None, observation: ScoreObservation, item: Item, how: str,
                text_agrees: bool, rules: dict) -> float:
    """A placed row's share by its words: a match by numbering alone counts less, a match whose
    text agrees counts whole."""
    if how == "number":
        return float(rules[_number_weight(framework, observation, item)])
    if how == "number+text" and not text_agrees and item.depth >= 2 \
            and _number_weight(framework, observation, item) == "marker_number_weight":
        # ('Nội dung 1.1 - Quán triệt, cụ thể hóa Kết luận số 114 …: đạt 3 điểm': a content named by the
        # framework's own marker word and numbering, its name shortened, counts as that numbering alone;
        # not a criterion, whose numbering and ten points every framework of ten criteria shares)
        return float(rules["marker_number_weight"])
    return 1.0 if text_agrees else 0.0


def _total_beyond_framework(framework: Framework, observations: list[ScoreObservation]) -> bool:
    """A total states a maximum above the framework's whole: the sheet is another framework's,
    however many of its rows fit this one's (twelve criteria of 10 points for 120 against ten for
    100). A total below it may be a report of some items only."""
    whole = framework.root.max
    return whole is not None and any((o.get("max_points") or 0) > whole + 1e-6 for o in observations if o.is_total)


def _structure_agrees(framework: Framework, observations: list[ScoreObservation], scored: list) -> bool:
    """The sheet has the framework's shape: every scored row has its item, and no total states
    another maximum than the framework's (a sheet of twelve criteria for 120 points is another
    framework, however many of its rows fit one of ten)."""
    if any(entry is None or entry[0] is None for _, entry in scored):
        return False
    whole = framework.root.max
    return all(o.get("max_points") in (None, whole) for o in observations if o.is_total)


def _maximum_agrees(observation: ScoreObservation, item: Item) -> bool:
    """The row, placed by its numbering (its text near enough, or too short to compare), states
    the item's own maximum. It counts in a sheet of the framework's shape (_structure_agrees), or
    for a content under an item whose row agrees by text: the structure agrees with the row where
    its wording may not (a unit's sheet shortens or rewords the items' names)."""
    stated = observation.get("max_points")
    return stated is not None and item.max is not None and abs(stated - item.max) < 1e-6


def _text_agrees(observation: ScoreObservation, entry, rules) -> bool:
    """The row is placed on an item (not by numbering alone) whose text agrees with its own."""
    if entry is None or entry[0] is None or entry[1] == "number":
        return False
    return similarity(fold(observation.label)[:MAX_LABEL], entry[0]) >= float(rules["text_agrees"])


def _number_weight(framework: Framework | None, observation: ScoreObservation, item: Item) -> str:
    """The rule of detection.toml for a match by numbering alone: in running text, a marker word
    the framework uses at the item's depth ('nội dung 3.2' for a content) counts more."""
    marker = observation.parsed_marker
    if (framework is not None and observation.source == "narrative" and marker is not None
            and framework.depth_of_word(marker.word) == item.depth):
        return "marker_number_weight"
    return "number_only_weight"


def confident_enough(confidence: float | None) -> bool:
    """A detected framework is used when its confidence reaches the threshold of detection.toml."""
    return confidence is None or confidence >= float(catalog("detection")["min_confidence"])


def map_observations(framework: Framework, observations: list[ScoreObservation], mapping: Mapping) -> list[Finding]:
    """Sets ``criterion_id`` on each observation from its mapping; items that fit nothing are reported."""
    findings: list[Finding] = []
    for observation, entry in zip(observations, mapping):
        if entry is None:
            observation.criterion_id = framework.id
            continue
        item, how = entry
        if item is not None:
            observation.criterion_id = item.id
        elif observation.values or observation.relative:
            shown = f"{observation.marker} " if observation.marker else ""
            findings.append(finding("unmapped_item", source=observation.source, start=observation.start,
                                    end=observation.end, item=f"{shown}{observation.label[:80]}", line=observation.line, framework=framework.id, reason=how))
    return findings
