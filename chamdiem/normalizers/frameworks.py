"""A framework as data (items, maxima, levels, thresholds; parsed from its TOML) and the mapping of an
extracted item to its canonical ID from its numbering and its text together. Where frameworks are
found and loaded from is ``framework_catalog``."""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from chamdiem.lexicon import compiled_patterns
from chamdiem.lexicon.kept import Kept
from chamdiem.lexicon.numbering import Marker, only_references
from chamdiem.lexicon.text import fold

# Text similarity (0-100) needed to accept an item by its text alone, and to keep a numbered match.
TEXT_ONLY_MIN = 78
TEXT_ONLY_MARGIN = 6
NUMBER_TEXT_MIN = 45
TEXT_OVERRULES = 20  # a text match this much better than the numbered item's overrules the number
STRONG_TEXT = 75     # the numbered item's text agrees this well: no need to rank the others
MAX_LABEL = 400      # characters of a label compared (continuation text beyond adds nothing)
SHORT_LABEL = 12  # folded labels shorter than this say too little to contradict a number


@dataclass
class Item:
    id: str
    number: str | None
    text: str
    max: float | None
    bonus_max: float | None
    depth: int
    parent: str | None
    folded: str = ""
    children: list[str] = field(default_factory=list)


@dataclass
class Framework:
    id: str
    name: str
    keywords: list[str]
    level_markers: list[list[str]]       # per depth 1..n, folded marker words
    items: dict[str, Item]
    classification: dict[str, float]      # code -> lowest total
    level_names: list[str] = field(default_factory=list)   # per depth 1..n, as written ("tiêu chí")

    @property
    def root(self) -> Item:
        return self.items[self.id]

    def depth_of_word(self, word: str | None) -> int | None:
        if word is None:
            return None
        for depth, words in enumerate(self.level_markers, start=1):
            if word in words:
                return depth
        return None

    def within(self, iid: str, ancestor: str | None) -> bool:
        """The item is below ``ancestor`` (at any depth; never below None or below itself)."""
        parent = self.items[iid].parent
        while parent is not None and parent != ancestor:
            parent = self.items[parent].parent
        return parent is not None

    @cached_property
    def position(self) -> dict[str, int]:
        """Each item's place in catalog order (built on first use; items do not change)."""
        return {iid: k for k, iid in enumerate(self.items)}

    @cached_property
    def by_number(self) -> dict[str, list[Item]]:
        """Items below the root by their number, in catalog order: a row's number finds its
        candidates without a pass over every item (built on first use; items do not change)."""
        out: dict[str, list[Item]] = {}
        for item in self.items.values():
            if item.depth > 0:
                out.setdefault(item.number, []).append(item)
        return out

    @cached_property
    def ranked_by_number(self) -> dict[tuple[str, bool], list[Item]]:
        """by_number in the order a row's number ranks them, for (number, written in roman
        numerals): the outermost level first for roman numerals, else the innermost first; catalog
        order within a level (what ItemMapper sorted for every row)."""
        return {(n, roman): sorted(its, key=lambda it: it.depth if roman else -it.depth)
                for n, its in self.by_number.items() for roman in (False, True)}

    @cached_property
    def index(self) -> "ItemIndex":
        """The items' texts prepared once for ranking (built on first use, kept with the framework)."""
        return ItemIndex([it for it in self.items.values() if it.depth > 0])

    @cached_property
    def sheet_mappings(self) -> dict:
        """Sheets already mapped under this framework (normalizers/mapping.map_items), oldest first."""
        return {}

    def classify(self, total: float) -> str | None:
        if not self.classification:
            return None
        for code, low in sorted(self.classification.items(), key=lambda kv: -kv[1]):
            if total >= low:
                return code
        return None


def parse_framework(raw: dict) -> Framework:
    """A framework from its parsed TOML (the layout of chamdiem/catalogs/frameworks/*.toml)."""
    fid = raw["id"]
    items: dict[str, Item] = {}
    for item in raw["items"]:
        iid = item["id"]
        depth = 0 if iid == fid else iid[len(fid) + 1:].count(".") + 1
        parent = None if iid == fid else iid.rsplit(".", 1)[0] if depth > 1 else fid
        own_from = raw.get("sheet_numbering_below_depth")
        if own_from is not None and depth > own_from:
            # below that depth the ID is the sheet's own dotted numbering ("1.1" -> nd1.1.1)
            head = iid[len(fid) + 1:].split(".")
            fixed, parts = head[:own_from], head[own_from:]
            depth = own_from + len(parts)
            parent = ".".join([fid, *fixed, *parts[:-1]])
        items[iid] = Item(iid, item.get("number"), item["text"], item.get("max"), item.get("bonus_max"),
                          depth, parent, fold(item["text"]))
    for item in items.values():
        if item.parent:
            items[item.parent].children.append(item.id)
    levels = [[fold(w) for w in lv.get("markers", [])] for lv in raw.get("levels", [])]
    return Framework(fid, raw.get("name", fid), [fold(k) for k in raw.get("keywords", [])], levels,
                     items, {k: float(v) for k, v in raw.get("classification", {}).items()},
                     [lv.get("name", "") for lv in raw.get("levels", [])])


def similarity(label_folded: str, item: Item) -> float:
    """Typo- and truncation-tolerant similarity of a written label to the canonical text."""
    return _similarity(label_folded, item.folded)


def abbreviates(label: str, item: Item) -> bool:
    """The label names the item by the initials of words of its name ('CCHC: niêm yết …' for 'Thực
    hiện công tác cải cách hành chính'; 'QCDC' for '… quy chế dân chủ ở cơ sở'): a word in capitals
    of two to eight letters opening the label, before its first colon or bracket, whose letters
    open as many words in a row of the item's name."""
    head = _LABEL_HEAD.match(label)
    if head is None:
        return False
    words = item.folded.split()
    for short in _CAPITALS.findall(head.group(0)):
        initials = fold(short).replace(" ", "")
        n = len(initials)
        if any("".join(w[0] for w in words[k:k + n]) == initials for k in range(len(words) - n + 1)):
            return True
    return False


_LABEL_HEAD = compiled_patterns.compile(r"[^:(\-–;.]{1,40}")
_CAPITALS = compiled_patterns.compile(r"(?<![\p{L}])\p{Lu}{2,8}(?![\p{L}])")


# The similarities and rankings a process worked out, kept for the next (lexicon/kept.py): the
# reports of a framework repeat its sheet's texts, and a one-file ingest then neither imports
# rapidfuzz nor ranks. Kept under the code that computes them (_matching_code) and, for a
# ranking, the framework's items (ItemIndex.digest): an edited framework or module is ranked again.
_MATCHES = Kept(f"matching-{sys.implementation.cache_tag}.kept")


@lru_cache(maxsize=None)
def _matching_code() -> str | None:
    """A digest of what a similarity depends on besides its two texts: this module (its code and
    thresholds) and the installed rapidfuzz. None (nothing kept) when either cannot be read."""
    import hashlib
    from importlib.util import find_spec
    try:
        spec = find_spec("rapidfuzz")
        with open(__file__, "rb") as own, open(spec.origin, "rb") as theirs:
            return hashlib.sha256(own.read() + b"\0" + theirs.read()).hexdigest()[:32]
    except (OSError, ImportError, AttributeError, TypeError, ValueError):
        return None


@lru_cache(maxsize=65536)
def _similarity(label: str, canonical: str) -> float:
    if not label or not canonical:
        return 0.0
    code = _matching_code()
    key = ("similarity", code, label, canonical)
    if code is not None:
        kept = _MATCHES.get(key)
        if kept is not None:
            return kept
    score = _fuzzy_similarity(label, canonical)
    if code is not None:
        _MATCHES.put_later(key, score)
    return score


def _fuzzy_similarity(label: str, canonical: str) -> float:
    from rapidfuzz import fuzz   # here, not at the top: the writer loads frameworks and never ranks
    score = fuzz.ratio(label, canonical)
    if len(label) >= SHORT_LABEL:
        # a truncated label (split row, cut cell) aligns inside the canonical text and vice versa
        partial = fuzz.partial_ratio(label, canonical)
        cover = min(len(label), len(canonical)) / max(len(label), len(canonical))
        score = max(score, partial * (0.75 + 0.25 * cover))
    return score


RANK_FLOOR = TEXT_ONLY_MIN - TEXT_ONLY_MARGIN  # below this an item's exact similarity decides nothing


def _window_bound(label: str, canonical: str, lcs: float, ratio) -> float:
    """An upper bound of partial_ratio(label, canonical) times _similarity's cover factor, for
    texts of different lengths, tighter than ItemIndex's: partial_ratio aligns the shorter text s
    with windows of the longer one l, of s's length (each shares at most ``lcs`` characters in
    order with s, so scores at most 100·lcs/|s|) or shorter at l's two ends (each within l's first
    or last |s|-1 characters, so sharing at most what ``ratio`` finds there). Two cheap ratios
    that rule out most of the far dearer partial_ratio calls below the floor."""
    shorter, longer = (label, canonical) if len(label) < len(canonical) else (canonical, label)
    short_len = len(shorter)
    edge = 0.0
    if short_len > 1:
        n = 2 * short_len - 1   # |s| + the length of an end of l
        head, tail = longer[:short_len - 1], longer[len(longer) - short_len + 1:]
        edge = max(ratio(shorter, head), ratio(shorter, tail)) * n / 200.0
    best = max(100.0 * lcs / short_len, 200.0 * edge / (short_len + edge) if edge else 0.0)
    return best * (0.75 + 0.25 * (short_len / len(longer))) + 1e-6


def _least_ratio(label_len: int, item_len: int) -> float:
    """The least ratio at which an item of ``item_len`` characters can score RANK_FLOOR for a label
    of ``label_len``: ItemIndex._ratio_floor's bound for this item's length, with its cover factor
    (bound = 200·L/(s + L)·cover >= RANK_FLOOR needs L >= s·q/(200 - q), q = RANK_FLOOR/cover), less
    the same margin for rounding."""
    if label_len < SHORT_LABEL:
        return RANK_FLOOR - 1.0
    short, longer = min(label_len, item_len), max(label_len, item_len)
    q = RANK_FLOOR / (0.75 + 0.25 * (short / longer))
    return max(0.0, min(RANK_FLOOR, 200.0 * short * q / ((200.0 - q) * (label_len + item_len))) - 1.0)


def _ranked_score(label: str, canonical: str, ratio_score: float, need: float, fuzz) -> float:
    """_similarity of a label of SHORT_LABEL characters or more, exact when it is ``need`` or
    more, else at most ``need`` or its ratio (what ItemIndex.top2 keeps no item at). partial_ratio
    is tried only when its bound could lift the item over ``need`` and over its ratio. ``fuzz``:
    rapidfuzz.fuzz, which the caller imported."""
    label_len, canonical_len = len(label), len(canonical)
    short = min(label_len, canonical_len)
    cover_factor = 0.75 + 0.25 * (short / max(label_len, canonical_len))  # as _similarity computes it
    lcs = ratio_score * (label_len + canonical_len) / 200.0
    bound = 200.0 * lcs / (short + lcs) * cover_factor + 1e-6 if lcs else 0.0
    cutoff = max(need, ratio_score)
    if bound >= need and bound > ratio_score and ratio_score < 100 and \
            (label_len == canonical_len or _window_bound(label, canonical, lcs, fuzz.ratio) >= cutoff):
        # only a partial score that would lift the item over the floor and over its
        # ratio matters: rapidfuzz may stop early below that cut-off (it returns 0)
        partial = fuzz.partial_ratio(label, canonical, score_cutoff=cutoff / cover_factor - 1e-6)
        return max(ratio_score, partial * cover_factor)
    return ratio_score


class ItemIndex:
    """A framework's items ready for ranking a label against all of them, built once per framework.

    Fuzzy matching costs time in partial_ratio, which aligns every window; ratio is cheap and
    gives the longest common subsequence L of the two texts, which bounds partial_ratio: every
    window of the longer text shares at most L characters in order with the shorter one, so
    partial_ratio <= 200·L/(|shorter| + L). An item is matched in full only when that bound could
    lift it over RANK_FLOOR and over its ratio. The best two of a label are remembered, as the same
    labels come back report after report."""

    def __init__(self, items: list[Item]):
        self.items = items
        self._top2: dict[str, list[tuple[float, str]]] = {}
        # the items with a text, their texts and lengths, in one list each: their ratios to a label
        # are computed in one call (rapidfuzz.process), not one call per item
        ranked = [it for it in items if it.folded]
        self._ids = [it.id for it in ranked]
        self._texts = [it.folded for it in ranked]
        self._digest: str | None = None
        self._shortest = min((len(t) for t in self._texts), default=0)
        self._longest = max((len(t) for t in self._texts), default=0)
        # label length -> each item's least ratio (_least_ratio); at most MAX_LABEL + 1 lengths
        self._floors: dict[int, tuple[float, ...]] = {}

    def _item_floors(self, label_len: int) -> tuple[float, ...]:
        floors = self._floors.get(label_len)
        if floors is None:
            floors = self._floors[label_len] = tuple(_least_ratio(label_len, len(t)) for t in self._texts)
        return floors

    def _ratio_floor(self, label_len: int, floor: float = RANK_FLOOR) -> float:
        """A ratio below which no item can score ``floor`` (RANK_FLOOR, or the second best score
        so far) for a label of ``label_len`` characters: its ratio is under ``floor``, and so is
        the bound that decides whether partial_ratio is tried (see top2: bound = 200·L/(s + L)·cover
        with L = ratio·(|label| + |item|)/200, s the shorter length and cover at most 1, so bound >=
        floor needs L >= s·floor/(200 - floor), ratio >= 200·s/(|label| + |item|)·floor/(200 -
        floor)). The least such ratio over the items' lengths is at the shortest or the longest
        item, less a margin for rounding: a lower floor only lets more items through to the exact
        test."""
        if label_len < SHORT_LABEL or not self._texts:
            return floor - 1.0
        share = min(min(label_len, n) / (label_len + n) for n in (self._shortest, self._longest))
        return max(0.0, min(floor, 200.0 * share * floor / (200.0 - floor)) - 1.0)

    def top2(self, label_folded: str) -> list[tuple[float, str]]:
        """The two best (similarity, item id) at or above RANK_FLOOR, best first, as sorting every
        item by (similarity, id) from the top gives them. Items below the floor are left out: the
        mapper's decisions (TEXT_ONLY_MIN, TEXT_ONLY_MARGIN) come out the same without them."""
        hit = self._top2.get(label_folded)
        if hit is not None:
            return hit
        digest = self.digest()
        if digest is not None:
            kept = _MATCHES.get(("top2", digest, label_folded))
            if kept is not None:
                return self._hold(label_folded, kept)
        best = self._ranked(label_folded)
        if digest is not None:
            _MATCHES.put_later(("top2", digest, label_folded), best)
        return best

    def digest(self) -> str | None:
        """What the rankings depend on: the items' IDs and texts and the code (_matching_code)."""
        if self._digest is None and _matching_code() is not None:
            import hashlib
            self._digest = hashlib.sha256(repr((_matching_code(), self._ids, self._texts)).encode(
                "utf-8", "surrogatepass")).hexdigest()[:32]
        return self._digest

    def _ranked(self, label_folded: str) -> list[tuple[float, str]]:
        from rapidfuzz import fuzz, process   # as in _similarity
        label = label_folded
        label_len = len(label)
        scored: list[tuple[float, str]] = []
        if not label:
            return self._remember(label_folded, scored)
        ids, texts = self._ids, self._texts
        # an item scoring below the second best so far cannot be one of the two best: once two
        # items are scored, that score is the floor the others' bounds must reach, and as the
        # items come by falling ratio, none after the first whose ratio is under that floor's
        # (_ratio_floor) can reach it
        need = best = RANK_FLOOR
        stop = self._ratio_floor(label_len)
        floors = self._item_floors(label_len)
        for canonical, ratio_score, k in process.extract(label, texts, scorer=fuzz.ratio, limit=None,
                                                         score_cutoff=stop):
            if ratio_score < stop:
                break
            if ratio_score < floors[k]:
                continue   # this item's own length rules it out, as _ratio_floor does for the shortest or longest
            score = ratio_score if label_len < SHORT_LABEL else \
                _ranked_score(label, canonical, ratio_score, need, fuzz)
            if score < need:
                continue
            scored.append((score, ids[k]))
            if len(scored) >= 2:
                best, need = (score, best) if score >= best else (best, max(need, score))
                stop = self._ratio_floor(label_len, need)
            else:
                best = score
        return self._remember(label_folded, scored)

    def _remember(self, label_folded: str, scored: list[tuple[float, str]]) -> list[tuple[float, str]]:
        return self._hold(label_folded, sorted(scored, reverse=True)[:2])

    def _hold(self, label_folded: str, best: list[tuple[float, str]]) -> list[tuple[float, str]]:
        if len(self._top2) > 65536:
            self._top2.clear()
        self._top2[label_folded] = best
        return best


def _named_by_its_word(numbered: list[Item], marker: Marker, depth: int | None, top_score: float) -> bool:
    """'Tiêu chí 10: Báo cáo đầy đủ, đúng hạn; …': one item has the number its marker word gives, and
    the words after it describe the work rather than name another item: that item, when most items
    the document named so far were named by the framework's words (numbers and maxima alone make no
    sheet the known one: 'Tiêu chí 1 (Quy hoạch): đạt 10/10 điểm' is another framework's)."""
    return len(numbered) == 1 and marker.word is not None and depth is not None and top_score < TEXT_ONLY_MIN


def _fitting_first(numbered: list[Item], maxima: dict[str, float]) -> list[Item]:
    """Of several items the numbering names in place ('2' under an open 'I': the criterion's
    second content, or the second criterion), those whose maxima are the ones written, when any
    is: the framework's structure chooses among them, not the words."""
    if len(numbered) < 2 or not maxima:
        return numbered
    fitting = [it for it in numbered if fits_maxima(it, maxima)]
    return fitting or numbered


def _maxima_keep_number(framework: Framework, numbered: Item, top_id: str | None, maxima: dict[str, float]) -> bool:
    """Whether the maxima written on a numbered row are its numbered item's and not those of
    another item its words resemble more: the words do not overrule the number then."""
    return bool(maxima) and top_id is not None and top_id != numbered.id \
        and fits_maxima(numbered, maxima) and not fits_maxima(framework.items[top_id], maxima)


def fits_maxima(item: Item | None, maxima: dict[str, float]) -> bool:
    """The item's maxima are those written, where any is (a row 'Tiêu chí 1 … 25' is no criterion
    of 10 points); no item fits none."""
    if item is None:
        return False
    own = {"max_points": item.max, "bonus_max": item.bonus_max}
    return all(own[k] is not None and abs(own[k] - v) < 1e-9 for k, v in maxima.items())


def written_maxima(observation) -> dict[str, float]:
    """The maxima an observation writes: its maximum, and the bonus's when it gives one."""
    return {k: observation.values[k].value for k in ("max_points", "bonus_max") if k in observation.values}


class ItemMapper:
    """Maps items of one source in reading order; remembers the current item at each depth so
    that 'Nội dung 2' is read inside the criterion that precedes it."""

    def __init__(self, framework: Framework):
        self.fw = framework
        self.context: dict[int, str] = {0: framework.id}
        self.list_parent = framework.id   # the item whose children a list of letters or bullets names
        self.list_seen = 0         # list items read under it so far
        self.named: str | None = None   # the item the last row placed named by its own numbering
        self.by_words = 0          # items placed so far by their words (the framework's own, confirmed)
        self.asked = 0             # items asked for so far
        self.word_depth: dict[str, int] = {}   # marker words this document uses at another depth (_in_place)

    def map(self, marker: Marker | None, label: str, maxima: dict[str, float] | None = None) -> tuple[Item | None, str]:
        """Returns (item, how) where how is 'number', 'number+text', 'text' or a reason for None.
        The number of a merged cell spanning the row (``marker.parent``) is entered first; a letter
        or a bullet is the next child of the item above the list; a row standing for the merged cell
        itself (kind 'group': its label, the 'Cộng' row closing its items) is that cell's own item."""
        parent = self._enter_parent(marker.parent) if marker is not None and marker.parent is not None else None
        group = marker is not None and marker.kind == "group"
        if marker is not None and marker.kind in ("unnumbered", "group"):
            marker = None
        if group and parent is not None:
            agrees = similarity(fold(label)[:MAX_LABEL], parent) >= NUMBER_TEXT_MIN
            item, how = self._enter(parent), "number+text" if agrees else "number"
        else:
            item, how = self._map(marker, label, maxima or {})
        if item is not None and not (marker is not None and marker.is_list):
            self.list_parent, self.list_seen = item.id, 0
        self.named = item.id if item is not None and marker is not None else None
        self.by_words += how in ("number+text", "text")
        self.asked += 1
        return item, how

    def by_title(self, marker: Marker | None, label: str, agrees: float) -> Item | None:
        """The item a line that may be its title names by its words (alone, or with the number
        before them, agreeing at least ``agrees``), entered; None, and nothing changed, when the
        words name none: a numbered line of prose ('1. Hạn chế: …') leaves the items open."""
        saved = (dict(self.context), self.list_parent, self.list_seen, self.named, self.by_words, self.asked,
                 dict(self.word_depth))
        item, how = self.map(marker, label)
        if item is not None and (how == "text" or how == "number+text"
                                 and similarity(fold(label)[:MAX_LABEL], item) >= agrees):
            return item
        (self.context, self.list_parent, self.list_seen, self.named, self.by_words, self.asked,
         self.word_depth) = saved
        return None

    def close_all(self) -> None:
        """A section of the report opens: no item read so far is open any more."""
        self.context = {0: self.fw.id}
        self.list_parent, self.list_seen, self.named = self.fw.id, 0, None

    def by_maxima(self, marker: Marker, maxima: dict[str, float]) -> Item | None:
        """The item at this number, in the place the items read so far give it, whose maxima are
        the ones written ('1. Quản lý nhà nước … (400 điểm, thưởng tối đa 20 điểm)' under 'Nội dung
        1': the item of 400 points and a bonus of 20), entered; None unless exactly one agrees.
        Where the words after the number paraphrase the item's name too loosely to name it, the
        framework's maxima still place it (issue 20: the framework chooses the reading)."""
        if not maxima or marker.is_list:
            return None
        agree = [it for it in self._by_number(marker, self._depth(marker)) if fits_maxima(it, maxima)]
        return self._enter(agree[0]) if len(agree) == 1 else None

    def by_initials(self, marker: Marker, label: str) -> Item | None:
        """The one item at this number, in the place the items read so far give it, that the
        label names by the initials of its words ('3. CCHC: …'), entered; None otherwise."""
        if marker.is_list:
            return None
        agree = [it for it in self._by_number(marker, self._depth(marker)) if abbreviates(label, it)]
        return self._enter(agree[0]) if len(agree) == 1 else None

    def _depth(self, marker: Marker | None) -> int | None:
        """The depth a marker word names: the framework's, unless this document was seen to use the
        word at another depth (_in_place)."""
        if marker is None or marker.word is None:
            return None
        return self.word_depth.get(marker.word) or self.fw.depth_of_word(marker.word)

    def _placed_in_place(self, marker: Marker | None, maxima: dict[str, float],
                         numbered: list[Item]) -> tuple[Item, str] | None:
        """_in_place's item entered, as a mapping by numbering; None when there is none."""
        placed = self._in_place(marker, maxima, numbered)
        return (self._enter(placed), "number") if placed is not None else None

    def _in_place(self, marker: Marker | None, maxima: dict[str, float], numbered: list[Item]) -> Item | None:
        """The one item with this number inside the items open, at any depth, whose maxima are the
        ones written, when the marker's word names no level of the framework or a level whose item
        there has other maxima ('TC 1 - thang điểm 650' then 'ND1. Điểm chuẩn 400' in a report of the
        sheet whose sections are 'Nội dung' of 650 and whose items are 'Mục' of 400; 'Tiêu chí 2 (…):
        20/20 điểm, thưởng 1/1' under its 'Nội dung 2'). The framework's structure places the item
        where the unit's words do not, and the word is read at that depth from then on in this
        document (the unit numbers its levels its own way). None without a maximum written, or when
        an item the numbering names has the maxima written. (Asked only where the words name no item.)"""
        if marker is None or not maxima or marker.is_list or marker.word is None \
                or any(fits_maxima(it, maxima) for it in numbered):
            return None
        fits = [it for it in self.fw.ranked_by_number.get((marker.number, marker.roman), ())
                if it.parent == self.context.get(it.depth - 1) and fits_maxima(it, maxima)]
        if not fits and "." in marker.number:
            # ('mục 2.1 đạt 4/4 điểm' in a report whose contents the framework numbers 1, 2, …: the
            # dotted number is the item's path from the top, its maxima the path's item's)
            fits = [it for it in self._by_path(marker.number.split(".")) if fits_maxima(it, maxima)]
        if len(fits) != 1:
            return None
        self.word_depth[marker.word] = fits[0].depth
        return fits[0]

    def _enter_parent(self, parent_marker: Marker) -> Item | None:
        """The item the number of a merged cell names (None when none), entered."""
        framework = self.fw
        depth = self._depth(parent_marker)
        cands = [it for it in framework.by_number.get(parent_marker.number, ()) if depth is None or it.depth == depth]
        if not cands and "." in parent_marker.number:
            cands = self._by_path(parent_marker.number.split("."))
        in_ctx = [it for it in cands if it.parent == self.context.get(it.depth - 1)]
        pick = sorted(in_ctx or cands, key=lambda it: it.depth)
        if pick and pick[0].id != self.list_parent:
            self._enter(pick[0])
            self.list_parent, self.list_seen = pick[0].id, 0
        return pick[0] if pick else None

    def _list_item(self, marker: Marker) -> list[Item]:
        """The child of the list's parent at the place of this letter or bullet ('a' starts a list)."""
        if marker.kind == "letter" and marker.number in ("a", "i"):
            self.list_seen = 0
        self.list_seen += 1
        kids = self.fw.items[self.list_parent].children
        return [self.fw.items[kids[self.list_seen - 1]]] if self.list_seen <= len(kids) else []

    def _map(self, marker: Marker | None, label: str, maxima: dict[str, float]) -> tuple[Item | None, str]:
        """The text is compared with the numbered item first; all items are ranked only when that
        comparison is weak (ranking is what costs time)."""
        framework = self.fw
        lab = fold(label)[:MAX_LABEL]
        depth = self._depth(marker)
        if marker is not None and marker.is_list:
            numbered = self._list_item(marker)
        else:
            numbered = _fitting_first(self._by_number(marker, depth) if marker else [], maxima)
        # a label naming the item only by its numbering ('Nội dung 1 của tiêu chí 1') has no text to compare
        usable = len(lab) >= SHORT_LABEL and not only_references(label)
        if numbered:
            if not usable:
                placed = self._in_place(marker, maxima, numbered)
                return self._enter(placed or numbered[0]), "number"
            best_num = numbered[0] if len(numbered) == 1 else max(numbered, key=lambda it: similarity(lab, it))
            text_score = similarity(lab, best_num)
            if text_score >= STRONG_TEXT:
                return self._enter(best_num), "number+text"
        if not usable:
            return self._placed_in_place(marker, maxima, numbered) or \
                (None, f"numbering {marker} fits no item" if marker else "no numbering and no text")
        ranked = framework.index.top2(lab)
        # (similarity, item id) of the best two, none missing
        (top_score, top_id), (second_score, _) = [*ranked, (0.0, None), (0.0, None)][:2]
        if numbered and _maxima_keep_number(framework, best_num, top_id, maxima):
            # the maximum written is the numbered item's and not the one the words resemble ('1.2
            # Thực hiện Quy chế dân vận … | 3' is no 'Thực hiện quy chế dân chủ ở cơ sở' of 10)
            top_score = second_score = 0.0
        if numbered:
            # a text match overrules the number, but not for an item open above the row: a sheet names
            # each item once ('2.1 Ban hành văn bản thực hiện nhiệm vụ chính trị' under '2 Thực hiện
            # nhiệm vụ chính trị' is the criterion's first content)
            if text_score >= NUMBER_TEXT_MIN and not (top_id != best_num.id and top_score >= TEXT_ONLY_MIN
                                                       and top_score - text_score >= TEXT_OVERRULES
                                                       and not self._open(top_id)):
                return self._enter(best_num), "number+text"
        if top_score >= TEXT_ONLY_MIN and (top_score - second_score >= TEXT_ONLY_MARGIN or self._in_context(top_id)):
            return self._enter(framework.items[top_id]), "text"
        return self._by_structure(numbered, marker, (depth, top_score), maxima)

    def _by_structure(self, numbered: list[Item], marker: Marker | None, weak: tuple[int | None, float],
                      maxima: dict[str, float]) -> tuple[Item | None, str]:
        """Where the words name no item: the numbered item the structure places, or the item in
        place that the maxima written fit (_in_place); else the reason there is none."""
        if self._placed_by_structure(numbered, marker, weak, maxima):
            return self._enter(numbered[0]), "number"
        placed = self._placed_in_place(marker, maxima, numbered)
        if placed is not None:
            return placed
        if numbered:
            return None, f"numbering {marker} does not fit the text"
        return None, "neither numbering nor text fits"

    def _placed_by_structure(self, numbered: list[Item], marker: Marker | None, weak: tuple[int | None, float],
                             maxima: dict[str, float]) -> bool:
        """The one item the numbering names in its place, its words too loose to name it: when
        most items so far were named by the framework's words and the maxima written are the
        item's, either its marker word names it ('Tiêu chí 10: …', _named_by_its_word) or, with a
        maximum written, a letter or a dotted number places it where its words cite documents or
        paraphrase ('a | Quán triệt Kết luận 114-KL/TW, Chỉ thị 16/CT-TTg | 3', '1.1 | …')."""
        if not (2 * self.by_words > self.asked and len(numbered) == 1 and fits_maxima(numbered[0], maxima)):
            return False
        depth, top_score = weak
        # (a bare number too, for an item below a criterion: '1 | Quán triệt KL số 114 … | 3' under
        # 'I | Tiêu chí 1. …', its words citing documents rather than naming it)
        return _named_by_its_word(numbered, marker, depth, top_score) or bool(maxima) and (
            marker.is_list or "." in marker.number or numbered[0].depth >= 2)

    def _open(self, iid: str) -> bool:
        return self.context.get(self.fw.items[iid].depth) == iid

    def _just_entered(self, iid: str) -> bool:
        """The last row placed named this item by its numbering ('TC1', '2'): a row under it does
        not name it again. (A row of words alone above its scores, a label standing over them,
        did not name it: the numbered row after it may be the same item.)"""
        return self.named == iid

    def _in_context(self, iid: str) -> bool:
        item = self.fw.items[iid]
        return item.parent == self.context.get(item.depth - 1)

    def _by_number(self, marker: Marker, depth: int | None) -> list[Item]:
        framework = self.fw
        if marker.word and depth is None and any(framework.level_markers):
            return []  # a marker word this framework does not use (one whose levels name none: its number)
        # a bare number names an item of the innermost open level; roman numerals the outermost
        cands = [it for it in framework.ranked_by_number.get((marker.number, marker.roman), ())
                 if depth is None or it.depth == depth]
        if not cands and "." in marker.number:
            # 'Nội dung I, mục 3.1': the sheet's own dotted number inside the section named before it
            # (nd1's '3.1'), at whatever depth, before the path from the top (nd3's first item)
            inside = self._inside_open(framework.ranked_by_number.get((marker.number, marker.roman), ()))
            if len(inside) == 1:
                return inside
            # 'nội dung 3.2': the number is the item's path from the top ('3.2' under tiêu chí 3),
            # at the depth of its marker word when it has one
            return [it for it in self._by_path(marker.number.split(".")) if depth is None or it.depth == depth]
        if not cands:
            return []
        in_ctx = self._in_context_ahead(cands)
        if in_ctx:
            return in_ctx
        if depth == 1 or (depth is None and all(it.depth == cands[0].depth for it in cands) and len(cands) == 1):
            return cands
        return cands if depth is not None and len({it.parent for it in cands}) == 1 else []

    def _in_context_ahead(self, cands: list[Item]) -> list[Item]:
        """The candidates inside the open items. A sheet names each item once: the item the row
        above named, numbered again ('1' under 'TC1'), is rather its own first child, when it has one."""
        in_ctx = [it for it in cands if it.parent == self.context.get(it.depth - 1)]
        ahead = [it for it in in_ctx if not self._just_entered(it.id)]
        return ahead or in_ctx

    def _inside_open(self, cands) -> list[Item]:
        """The candidates below the innermost item open that has any (not the framework's root):
        after 'Tiểu mục 1.1' (a leaf), 'Tiểu mục 1.2' is inside the 'Mục 1' open above it."""
        for depth in sorted((d for d in self.context if d > 0), reverse=True):
            open_id = self.context[depth]
            out = [it for it in cands if self.fw.within(it.id, open_id)]
            if out:
                return out
        return []

    def _by_path(self, parts: list[str]) -> list[Item]:
        """'3.2' read as the 2nd item inside the 3rd top-level item."""
        cur = self.fw.root
        for num in parts:
            nxt = [self.fw.items[c] for c in cur.children if self.fw.items[c].number == num]
            if len(nxt) != 1:
                return []
            cur = nxt[0]
        return [cur]

    def _enter(self, item: Item) -> Item:
        self.context[item.depth] = item.id
        for depth in list(self.context):
            if depth > item.depth:
                del self.context[depth]
        # keep ancestors consistent when an item is reached by text alone
        parent = item.parent
        depth = item.depth - 1
        while parent is not None and depth >= 0:
            self.context[depth] = parent
            parent = self.fw.items[parent].parent
            depth -= 1
        return item
