"""The framework chooses among readings of a score sheet's columns.

A sheet's header gives its columns roles (max, self, authority, bonus), but a header may leave a column
unnamed or name it in words no catalog holds. For a known framework each row is an item whose maximum,
bonus and children the framework knows, so every reading (which column is which role) can be scored by
how well the numbers fit: a column equal to the items' maxima is the max column; a score column's parents
are the sums of their children and stay within their maxima; the header's word counts for a lot but not
for everything. The best reading gives the roles; the values are the numbers as read, never changed,
and the checks then run on them as ever (a self score over its maximum is still reported). Two readings
that score alike are recorded as an ``ambiguous_reading`` finding with both.
"""
from __future__ import annotations

import itertools
from collections import defaultdict

from chamdiem.extractors.metadata import years_named
from chamdiem.lexicon.findings import finding
from chamdiem.model.observations import Finding, ScoreObservation
from chamdiem.lexicon import compiled_patterns
from chamdiem.lexicon.catalogs import catalog
from chamdiem.lexicon.text import fold
from chamdiem.normalizers.frameworks import (MAX_LABEL, TEXT_ONLY_MARGIN, Framework, ItemMapper, fits_maxima,
                                           similarity, written_maxima)

EPS = 1e-6
HEADER_WEIGHT = 0.75     # a role the header names is worth this much per row (plus one)
WITHIN_CAP = 0.25        # a score within its item's maximum: weak evidence for a score role
GAP = 0.5                # an item left without a number in a column of scores every item has
AMBIGUOUS_MARGIN = 1.0   # two readings closer than this (in rows) are alike
# what a column whose header names no role may be read as: the authority's bonus is only ever named
# (a sub-column under the authority's group header), never guessed from numbers
UNNAMED_ROLES = ("max_points", "self_score", "authority_score", "bonus_max", "bonus_self")
_CAP = {"self_score": "max_points", "authority_score": "max_points", "bonus_self": "bonus_max",
        "bonus_authority": "bonus_max"}
# when nothing else decides, an unnamed column is rather the unit's score than the authority's, and
# roles stand left to right in the usual order (max, self, authority, bonus, bonus self)
_PREFERENCE = {"self_score": 3e-3, "authority_score": 2e-3, "max_points": 1e-3, "bonus_self": 0.0, "bonus_max": 0.0,
               "bonus_authority": 0.0}
_ORDER = {"max_points": 0, "self_score": 1, "authority_score": 2, "bonus_max": 3, "bonus_self": 4,
          "bonus_authority": 5}


def total_reading(framework: Framework, observations: list[ScoreObservation],
                  undecided: list[ScoreObservation], text: str = "",
                  year: int | None = None) -> tuple[list[ScoreObservation], list[Finding]]:
    """A narrative statement of points naming no item ('…, đơn vị tự chấm được 97 điểm') is the whole
    sheet's total when no narrative total was read and its numbers fit the root only: its maximum is
    the root's, or its score is above every other item's maximum. The first such statement, with an
    info finding; the values stay as written. A statement whose sentence names only other years than
    the assessed one ('Năm 2022, xã được … đánh giá đạt 88 điểm' in the report on 2023) is another
    year's result."""
    root = framework.root
    if root.max is None or any(o.is_total and o.source == "narrative" and o.values for o in observations):
        return [], []
    inner = max((item.max for item in framework.items.values() if item.id != root.id and item.max is not None),
                default=None)
    for candidate in undecided:
        stated_max, score = candidate.get("max_points"), candidate.get("self_score")
        if score is None or _of_another_year(text[candidate.start:_points_at(candidate)], year):
            continue
        if stated_max is not None and abs(stated_max - root.max) > EPS:
            continue
        if stated_max is None and (inner is None or score <= inner + EPS):
            continue
        candidate.is_total, candidate.undecided, candidate.criterion_id = True, False, framework.id
        note = finding("total_by_framework", source="narrative", start=candidate.start, end=candidate.end,
                       line=candidate.line, criterion_id=framework.id, value=score, framework=framework.id,
                       root_max=root.max)
        return [candidate], [note]
    return [], []


def item_readings(framework: Framework, observations: list[ScoreObservation],
                  undecided: list[ScoreObservation]) -> list[ScoreObservation]:
    """A narrative statement naming no item by a marker word, on a line that opens with a numbering
    of its own ('1. Công tác triển khai …: tự chấm 10/10 điểm', under 'Tiêu chí 7' 'a) Ban hành quy
    chế … (4 điểm): tự chấm 4 điểm'), is that item's when the framework's item at that number, in
    the place the narrative's items read so far give it, has the words written after the number
    (or the words alone name one item clearly; detection.toml, unmarked_number_text). The
    statements so read, each given its item."""
    out = _led_by_names(framework, observations, [o for o in undecided if o.parsed_marker is None and o.undecided])
    numbered = [o for o in undecided if o.parsed_marker is not None]
    if not numbered:
        return out
    agrees = float(catalog("detection")["unmarked_number_text"])
    mapper = ItemMapper(framework)
    read = [o for o in observations if o.source == "narrative" and not o.is_total] + numbered
    line = None   # the numbered line read last, and the item the mapper placed it on
    for observation in sorted(read, key=lambda o: (o.start, o.undecided)):
        if observation.undecided and line is not None and line[0] == observation.parsed_marker:
            # a statement under (or on) the numbered line just placed, numbered by it ('1 - Công
            # tác triển khai … (tối đa 10 điểm)' / 'Phòng tự trừ 0,5 điểm …') is that line's item's
            item = line[1]
        else:
            item, how = mapper.map(observation.parsed_marker, observation.label, written_maxima(observation))
            if not observation.undecided:
                line = (observation.parsed_marker, item) if item is not None and observation.parsed_marker else None
                continue
            item = _named_item(mapper, observation, (item, how), agrees)
        if item is not None:
            observation.undecided, observation.criterion_id = False, item.id
            _no_bonus_here(observation, item)
            out.append(observation)
    return out


def _led_by_names(framework: Framework, observations: list[ScoreObservation],
                  unnumbered: list[ScoreObservation]) -> list[ScoreObservation]:
    """Paragraphs that open with their item's name, no number ('Đối với việc thực hiện nhiệm vụ
    chính trị, UBND xã tự chấm 9 điểm, cụ thể: …', 'Về công tác triển khai, quán triệt …: … Tiêu chí
    này đạt 10/10 điểm.'): a statement naming no item is the item whose name the words before the
    paragraph's first colon or comma are, clearly (detection.toml lead_clause_text), when that item
    has no statement yet, and its values fit the item's maxima. The statements so read."""
    placed = {o.criterion_id for o in observations if o.criterion_id is not None and not o.undecided}
    out = []
    for observation in unnumbered:
        iid = _lead_names(framework, observation.label)
        if iid is None or iid in placed:
            continue
        item, maxima = framework.items[iid], written_maxima(observation)
        own = observation.get("self_score")
        if maxima and not fits_maxima(item, maxima) or own is not None and item.max is not None and own > item.max:
            continue
        observation.undecided, observation.criterion_id = False, iid
        placed.add(iid)
        out.append(observation)
    return out


def _lead_names(framework: Framework, label: str) -> str | None:
    """The item the words before the paragraph's first colon, or else its first comma or
    semicolon, name clearly; None when neither does."""
    least = float(catalog("detection")["lead_clause_text"])
    for lead in (_LEAD_TO_COLON.match(label), _LEAD_TO_COMMA.match(label)):
        if lead is None:
            continue
        ranked = framework.index.top2(fold(lead.group(1))[:MAX_LABEL])
        (top, iid), (second, other) = [*ranked, (0.0, None), (0.0, None)][:2]
        if other is not None and framework.within(other, iid):
            second = 0.0   # (its own content, named by the same words: 'Dân vận khéo')
        if iid is not None and top >= least and top - second >= TEXT_ONLY_MARGIN:
            return iid
    return None


# the words of a paragraph before its first colon (or comma, semicolon), a few words at least, no number in them
_LEAD_TO_COLON = compiled_patterns.compile(r"\s*(?:[\-–•+*]\s*)?(\p{Lu}[^:\d]{10,200}?)\s*:")
_LEAD_TO_COMMA = compiled_patterns.compile(r"\s*(?:[\-–•+*]\s*)?(\p{Lu}[^:,;\d]{10,160}?)\s*[:,;]")


def _named_item(mapper: ItemMapper, observation: ScoreObservation, mapped: tuple, agrees: float):
    """The item a statement on a numbered line names: the mapper's, when the line's words agree
    with it; else the one its maxima, written on the line, fit."""
    item, how = mapped
    if item is not None and (how == "text" or how == "number+text"
                             and similarity(fold(observation.label)[:MAX_LABEL], item) >= agrees):
        return item
    maxima = written_maxima(observation)
    if item is None:
        # (its maxima written, or its name shortened to the initials of its words: '3. CCHC: …')
        return mapper.by_maxima(observation.parsed_marker, maxima) or \
            mapper.by_initials(observation.parsed_marker, observation.label)
    if how in ("number+text", "number") and maxima and fits_maxima(item, maxima) \
            or how in ("number", "number+text") and _dotted_within(observation, item):
        return item
    return None


def _dotted_within(observation: ScoreObservation, item) -> bool:
    """A dotted number or a letter ('1.1 - kết quả tự chấm: 100 điểm.', 'a) Kết quả tự chấm: 18
    điểm.') names its item in the place the items read so far give it, as a list's '1.' does not:
    its self score, written, within the item's maximum."""
    marker, own = observation.parsed_marker, observation.get("self_score")
    return ("." in (marker.number or "") or marker.kind == "letter") and item.max is not None \
        and own is not None and 0 <= own <= item.max


def _no_bonus_here(observation: ScoreObservation, item) -> None:
    """'10. Thực hiện chế độ thông tin, báo cáo; điểm thưởng: tự chấm 8,5/10 điểm': bonus points for
    an item the framework gives no bonus are its own points, the bonus's words part of its name."""
    values = observation.values
    if item.bonus_max is None and "self_score" not in values and "bonus_self" in values:
        observation.values = {_AS_OWN.get(k, k): v for k, v in values.items()}


_AS_OWN = {"bonus_self": "self_score", "bonus_max": "max_points"}


def this_years(observations: list[ScoreObservation], text: str, year: int | None) -> list[ScoreObservation]:
    """The observations without the narrative totals of other years: a total whose sentence names,
    before its points, only years other than the assessed one ('Năm 2023, tổng số điểm tự chấm của
    xã là 88/100 điểm' in the report on 2024) is that year's result, whatever its cue says. A year
    named after the points compares them ('Tổng điểm tự chấm: 89/100 điểm (năm 2022 đạt 86 điểm)')."""
    return [o for o in observations
            if not (o.is_total and o.source == "narrative" and _of_another_year(text[o.start:_points_at(o)], year))
            and not (o.source == "narrative" and _of_another_year(_aside_before(text, o), year))]


def _aside_before(text: str, observation: ScoreObservation) -> str:
    """The words in brackets before the observation's points, when its points stand in brackets
    ('… (năm 2023 tiêu chí này đạt 8,5 điểm)': another year's, said aside); '' otherwise."""
    at = _points_at(observation)
    opened = text.rfind("(", observation.start, at)
    if opened < 0 or ")" in text[opened:at]:
        return ""
    return text[opened:at]


def _points_at(observation: ScoreObservation) -> int:
    """Where the observation's first value is written (its end when it has none)."""
    return min((v.start for v in observation.values.values() if v.start >= observation.start), default=observation.end)


def _of_another_year(sentence: str, year: int | None) -> bool:
    years = years_named(sentence)
    return year is not None and bool(years) and year not in years


def choose_readings(framework: Framework, observations: list[ScoreObservation]) -> list[Finding]:
    """Sets each table row's values by the reading of its table that fits the framework best."""
    tables: dict[int, list[ScoreObservation]] = defaultdict(list)
    for observation in observations:
        if observation.source == "table" and observation.table is not None and observation.cells:
            tables[observation.table].append(observation)
    findings: list[Finding] = []
    for rows in tables.values():
        findings += _choose(framework, rows)
    return findings


def _choose(framework: Framework, rows: list[ScoreObservation]) -> list[Finding]:
    header = rows[0].header_roles
    columns = sorted({c for o in rows for c in o.cells})
    unnamed = [c for c in columns if c not in header]
    named = [c for c in columns if c in header]
    mapped = [o for o in rows if o.criterion_id in framework.items]
    if not mapped or (not unnamed and len(named) < 2):
        return []
    pair = _pair_scorer(framework, mapped, header)
    if not unnamed and _header_stands(named, header, pair, len(mapped)):
        return []
    scored = sorted(((sum(pair(c, r) for c, r in reading.items()), reading)
                     for reading in _readings(header, named, unnamed)), key=lambda sr: -sr[0])
    _, best = scored[0]
    findings = _ambiguity(scored, rows)
    current = {c: r for c, r in header.items() if c in columns}
    chosen = {c: r for c, r in best.items() if r is not None}
    if chosen != current:
        for row in rows:
            row.values = {role: row.cells[col] for col, role in chosen.items() if col in row.cells}
        first = rows[0]
        findings.append(finding("reading_by_framework", source="table", start=first.start, end=rows[-1].end,
                                line=first.line, chosen=_describe(chosen), header=_describe(current),
                                framework=framework.id))
    return findings


def _pair_scorer(framework: Framework, mapped: list[ScoreObservation], header: dict[int, str]):
    """How well one column fits one role (``_pair_score``), each pair weighed once."""
    cache: dict[tuple[int, str | None], float] = {}

    def pair(col: int, role: str | None) -> float:
        if (col, role) not in cache:
            cache[(col, role)] = _pair_score(framework, mapped, col, role, header.get(col))
        return cache[(col, role)]
    return pair


def _header_stands(named: list[int], header: dict[int, str], pair, mapped: int) -> bool:
    """Every column named, and the named maximum is the items' maxima: the header's reading stands
    without weighing the others."""
    max_col = next((c for c in named if header[c] == "max_points"), None)
    return max_col is None or pair(max_col, "max_points") > pair(max_col, None) + HEADER_WEIGHT * mapped


def _ambiguity(scored: list[tuple[float, dict]], rows: list[ScoreObservation]) -> list[Finding]:
    """ambiguous_reading when the best reading's rival (one that reads the rows otherwise) fits
    nearly as well."""
    best_score, best = scored[0]
    rival = next(((score, reading) for score, reading in scored[1:] if _differs(reading, best, rows)), None)
    if rival is None:
        return []
    rival_score, rival_reading = rival
    if best_score - rival_score >= AMBIGUOUS_MARGIN:
        return []
    first = rows[0]
    return [finding("ambiguous_reading", source="table", start=first.start, end=rows[-1].end, line=first.line,
                    kept=_describe(best), kept_fit=round(best_score, 2), rival=_describe(rival_reading),
                    rival_fit=round(rival_score, 2))]


def _readings(header: dict[int, str], named: list[int], unnamed: list[int]):
    """Named columns keep the header's roles or trade them among themselves; an unnamed column takes
    a role no named column holds, or none."""
    roles = [header[c] for c in named]
    free = [r for r in UNNAMED_ROLES if r not in roles]
    for perm in itertools.permutations(roles):
        base = dict(zip(named, perm))
        for extra in itertools.product([None, *free], repeat=len(unnamed)):
            taken = [r for r in extra if r is not None]
            if len(taken) == len(set(taken)):
                yield base | dict(zip(unnamed, extra))


def _pair_score(framework: Framework, rows: list[ScoreObservation], col: int, role: str | None,
                header_role: str | None) -> float:
    if role is None:
        return 0.0
    values = [(framework.items[o.criterion_id], o.cells[col].value) for o in rows if col in o.cells]
    if not values:
        return 0.0
    score = _PREFERENCE[role] + 1e-5 * col * _ORDER[role] + (HEADER_WEIGHT * len(values) + 1 if role == header_role else 0.0)
    if role in ("max_points", "bonus_max"):
        attr = "max" if role == "max_points" else "bonus_max"
        return score + sum(1 if getattr(item, attr) is not None and abs(value - getattr(item, attr)) <= EPS
                           else -1 for item, value in values)
    if header_role is None and _numbering_or_unsummed(framework, rows, col, values, role):
        return -float(len(values))
    cap_attr = "max" if _CAP[role] == "max_points" else "bonus_max"
    for item, value in values:
        cap = getattr(item, cap_attr)
        score += WITHIN_CAP if cap is not None and -EPS <= value <= cap + EPS else -1
    if cap_attr == "max":
        # the unit's or the authority's score is given for every item, a bonus only for some
        score -= GAP * sum(1 for o in rows if col not in o.cells and framework.items[o.criterion_id].max is not None)
    return score + _sums(framework, rows, col, role)


def _numbering_or_unsummed(framework: Framework, rows: list[ScoreObservation], col: int, values, role: str) -> bool:
    """An unnamed column is no score column when it holds the items' own numbers ('1', '2' in a
    'Thứ tự' column no catalog names) or no parent in it is the sum of its children."""
    own = sum(1 for item, value in values if item.number and item.number.replace(".", "", 1).isdigit()
              and abs(float(item.number) - value) <= EPS)
    return own * 2 >= len(values) or _sums(framework, rows, col, role) <= 0


def _sums(framework: Framework, rows: list[ScoreObservation], col: int, role: str) -> float:
    """+1 for each parent whose number is the sum of its children's in the same column, -1 for each
    that is not (children that the framework gives no bonus have none to add)."""
    by_item = {o.criterion_id: o.cells[col].value for o in rows if col in o.cells}
    score = 0.0
    for cid, value in by_item.items():
        item = framework.items[cid]
        members = [c for c in item.children if not role.startswith("bonus") or framework.items[c].bonus_max is not None]
        kids = [by_item[c] for c in members if c in by_item]
        if not members or len(kids) < len(members):
            continue
        score += 1 if abs(sum(kids) - value) <= EPS else -1
    return score


def _differs(one: dict, other: dict, rows: list[ScoreObservation]) -> bool:
    """Two readings differ when some column that holds numbers has another role."""
    used = {c for o in rows for c in o.cells}
    return any(one.get(c) != other.get(c) for c in used)


def _describe(reading: dict) -> str:
    parts = [f"column {c + 1} = {r}" for c, r in sorted(reading.items()) if r is not None]
    return ", ".join(parts) or "no score column"
