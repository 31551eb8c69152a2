"""Units: the key a unit's name is matched by, its display name and level, and whether two names
are only loosely alike. The vocabulary is data (catalogs/unit_names.toml).

Two names with the same key are the same unit; two keys that are merely alike (a typo read by OCR,
"xã Tịnh Kỳ" beside "UBND xã Tịnh Kỳ") are a doubtful pair for the user to confirm, never merged here.
"""
from __future__ import annotations

import difflib
import unicodedata
from collections import Counter
from functools import lru_cache

import regex

from chamdiem.lexicon import compiled_patterns
from chamdiem.lexicon.catalogs import catalog
from chamdiem.lexicon.text import fold

_SPACES = compiled_patterns.compile(r"\s+")


@lru_cache(maxsize=None)
def _names() -> dict:
    return catalog("unit_names")


def _run(words: list[str]) -> str:
    return r"[^a-z0-9]*".join(map(regex.escape, words))


@lru_cache(maxsize=None)
def _motto_pattern():
    """The motto phrases in a folded text, and the pieces of them a header glues to a unit line
    when its two columns are read as one: any run of three or more of a phrase's words in order,
    a phrase's beginning that ends the name ('… TỊNH KỲ CỘNG'), its end that begins it."""
    whole, inner, tails, heads = [], [], [], []
    for phrase in _names()["motto"]:
        words = phrase.split()
        whole.append(_run(words))
        inner += [_run(words[i:j]) for i in range(len(words)) for j in range(i + 3, len(words) + 1)]
        tails += [_run(words[:j]) for j in range(1, len(words))]
        heads += [_run(words[i:]) for i in range(1, len(words) - 1)]
    edge = r"(?<![a-z0-9])(?:{})(?![a-z0-9])"
    return compiled_patterns.compile("|".join([edge.format("|".join(sorted(whole + inner, key=len, reverse=True))),
                                              edge.format("|".join(tails)) + r"[^a-z0-9]*$",
                                              r"^[^a-z0-9]*" + edge.format("|".join(heads))]))


def _fold_same_length(name: str) -> str:
    """Each character of the NFC name folded alone (lower case, no marks, đ as d), one for one, so
    a span found in the folded text is the same span in the name."""
    out = []
    for ch in unicodedata.normalize("NFC", name):
        base = unicodedata.normalize("NFD", ch)[0].replace("đ", "d").replace("Đ", "D").lower()
        out.append(base if len(base) == 1 else ch)
    return "".join(out)


def clean_name(name: str | None) -> str | None:
    """The name as written without the national title and motto glued to it, nor the spaces and
    punctuation left around them: 'CỘNG HÒA XÃ HỘI … Độc lập - Tự do - Hạnh phúc UBND XÃ TỊNH KỲ'
    gives 'UBND XÃ TỊNH KỲ'. None when nothing is left."""
    if not name:
        return None
    name = unicodedata.normalize("NFC", name)
    folded = _fold_same_length(name)
    spans = [m.span() for m in _motto_pattern().finditer(folded)]
    for start, end in reversed(spans):
        name = name[:start] + " " + name[end:]
    name = _SPACES.sub(" ", name).strip(" -–—_.,:;|*")
    return name or None


def unit_key(name: str | None) -> str | None:
    """The folded, expanded name two reports of one unit share: motto and noise removed,
    abbreviations expanded ('UBND' and 'Ủy ban nhân dân' alike), case and tone marks ignored."""
    cleaned = clean_name(name)
    if cleaned is None:
        return None
    names = _names()
    noise, abbreviations = set(names["noise"]), names["abbreviations"]
    words = [abbreviations.get(w, w) for w in fold(cleaned).split() if w not in noise]
    return " ".join(words) or None


def unit_level(key: str | None) -> str | None:
    """tỉnh, thành phố, thị xã, huyện, thị trấn, phường, xã or sở (a department of the province),
    by how the key begins; None when no level's words begin it."""
    if not key:
        return None
    for level in _names()["levels"]:
        if any((key + " ").startswith(p) for p in level["prefixes"]):
            return level["level"]
    return None


@lru_cache(maxsize=None)
def _prefixes_longest_first() -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(sorted(level["prefixes"], key=len, reverse=True)) for level in _names()["levels"])


@lru_cache(maxsize=8192)   # a new unit is compared with every name known: each is split once
def _split_level(key: str) -> tuple[str, str]:
    """(the words that give the level, the rest): 'uy ban nhan dan xa tinh ky' -> ('uy ban nhan dan
    xa ', 'tinh ky'). Names are compared by the rest: every xã shares the words before it."""
    for prefixes in _prefixes_longest_first():
        for prefix in prefixes:
            if (key + " ").startswith(prefix):
                return prefix, key[len(prefix):]
    return "", key


def loosely_alike(key: str, other: str) -> float | None:
    """How alike two different keys are (0-1) when they are alike enough to ask the user, else
    None: one is the other with words added before or after, or, of the same level, the rest of
    their names (the place) is as similar as the catalog's threshold."""
    if key == other:
        return None
    short, long_ = sorted((key, other), key=len)
    if f" {long_} ".find(f" {short} ") >= 0 and len(short.split()) >= 2:
        return round(len(short) / len(long_), 3)
    least = _names()["matching"]["loose_min_similarity"]
    (head, key), (other_head, other) = _split_level(key), _split_level(other)
    if head != other_head:   # a xã and a phường, a sở and a xã: never alike by their spelling alone
        return None
    both = len(key) + len(other)
    if both and 2.0 * min(len(key), len(other)) / both < least:   # the matcher's real_quick_ratio, before it is made
        return None
    matcher = difflib.SequenceMatcher(None, key, other, autojunk=False)
    if matcher.quick_ratio() < least:
        return None
    ratio = matcher.ratio()
    return round(ratio, 3) if ratio >= least else None


# substrings of a name's place (its rest after the level's words) indexed for AlikeIndex, up to this length
_GRAM = 4
# how many of the new place's pieces a known place holds whole, at least, when the two are alike
# (the place is cut into that many pieces more than its characters that may be unmatched)
_WHOLE = 2


class AlikeIndex:
    """Known keys, each with its unit, indexed so that ``alike(key)`` finds every known key
    loosely_alike the new one without comparing it with all of them (a registry of n units made
    one name at a time compared n²/2 pairs):

    - words added (one key a run of two or more of the other's words): every such run of every key
      is indexed, and every run of the new key is looked up;
    - spelling (the same level, the places' ratio at least ``least``): when 2M/T >= least (M the
      characters matched, T both lengths), at most (1 - least)·T <= (1 - least)·2·len/least
      characters are unmatched or end a matched block early, and each breaks at most one piece of
      the new place; so when it is cut into _WHOLE (two) pieces more than that, two pieces are
      matched whole, substrings of the other place: only the keys of the same level whose place
      holds two of the pieces (each looked up by its first _GRAM characters) are compared. (One
      piece more let through keys sharing any short piece: their number grew with the registry.)

    Every candidate is then compared by loosely_alike itself: the pairs found are exactly those of
    comparing with every key. Before that, ``_may_be_alike`` refuses the candidates loosely_alike
    would refuse by the matcher's own quick bounds, computed from each key's letters counted once
    when it is added (a new name has many candidates sharing a piece with it, and building a
    matcher for each made the registry grow faster than its names)."""

    def __init__(self):
        self.unit_of: dict[str, int] = {}
        self._letters: dict[str, Counter] = {}   # key -> its place's letters counted
        self._runs: dict[str, set[str]] = {}
        self._grams: dict[tuple[str, str], set[str]] = {}
        self._heads: dict[str, set[str]] = {}

    def add(self, key: str, unit: int) -> None:
        if key in self.unit_of:
            self.unit_of[key] = unit
            return
        self.unit_of[key] = unit
        words = key.split()
        for i in range(len(words)):
            for j in range(i + 2, len(words) + 1):
                self._runs.setdefault(" ".join(words[i:j]), set()).add(key)
        head, rest = _split_level(key)
        self._letters[key] = Counter(rest)
        self._heads.setdefault(head, set()).add(key)
        for i in range(len(rest)):
            for j in range(i + 1, min(i + _GRAM, len(rest)) + 1):
                self._grams.setdefault((head, rest[i:j]), set()).add(key)

    def _run_candidates(self, key: str) -> set[str]:
        """Known keys one of which is the other with words added (both ways)."""
        words = key.split()
        found = set(self._runs.get(key, ())) if len(words) >= 2 else set()
        for i in range(len(words)):
            for j in range(i + 2, len(words) + 1):
                run = " ".join(words[i:j])
                if run in self.unit_of:
                    found.add(run)
        return found

    def candidates(self, key: str) -> set[str]:
        """Known keys that may be loosely alike ``key`` (a superset of those that are)."""
        found = self._run_candidates(key)
        head, rest = _split_level(key)
        if rest:
            least = _names()["matching"]["loose_min_similarity"]
            pieces = int((1 - least) * 2 * len(rest) / least + 1e-9) + _WHOLE
            if pieces > len(rest):   # pieces of no character: every key of the level
                found |= self._heads.get(head, set())
            else:
                cuts = [len(rest) * k // pieces for k in range(pieces + 1)]
                holding = [self._grams.get((head, rest[start:min(end, start + _GRAM)]), set())
                           for start, end in zip(cuts, cuts[1:])]
                for first, one in enumerate(holding):   # the keys in _WHOLE (two) of them
                    for other in holding[first + 1:]:
                        found |= one & other
        found.discard(key)
        return found

    def alike(self, key: str) -> dict[int, float]:
        """unit -> the highest loosely_alike of ``key`` with one of its keys, for the units alike."""
        doubts: dict[int, float] = {}
        head, rest = _split_level(key)
        letters = Counter(rest)
        runs = self._run_candidates(key)
        for other in self.candidates(key):
            if other not in runs and not self._may_be_alike(rest, letters, other):
                continue
            score = loosely_alike(key, other)
            unit = self.unit_of[other]
            if score is not None and score > doubts.get(unit, -1):
                doubts[unit] = score
        return doubts

    def _may_be_alike(self, rest: str, letters: Counter, other: str) -> bool:
        """For a known key of the new one's level (the pieces' index holds no other) and not one
        with words added (_run_candidates): False only where loosely_alike is None, below the
        threshold by the lengths (real_quick_ratio) or by the letters in common (quick_ratio: the
        sum of each letter's smaller count, as difflib counts it)."""
        other_rest = _split_level(other)[1]
        both = len(rest) + len(other_rest)
        if not both:
            return True
        least = _names()["matching"]["loose_min_similarity"]
        if 2.0 * min(len(rest), len(other_rest)) / both < least:
            return False
        theirs = self._letters[other]
        common = sum(min(count, theirs[letter]) for letter, count in letters.items() if letter in theirs)
        return 2.0 * common / both >= least
