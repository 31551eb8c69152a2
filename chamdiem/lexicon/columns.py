"""The role of a score-sheet column (max, self, authority, bonus, evidence, number, label) from the
meaning of its header text, with the phrases in catalogs/columns.toml. Readers use it to find an
unruled sheet's header; extractors use it to assign columns."""
from __future__ import annotations

import itertools
import re
from functools import lru_cache

from chamdiem.lexicon import compiled_patterns
from chamdiem.lexicon.catalogs import catalog
from chamdiem.lexicon.text import fold


@lru_cache(maxsize=None)
def _roles() -> list[tuple[str, list[str]]]:
    raw = catalog("columns")
    return [(r["role"], [fold(p) for p in r["phrases"]]) for r in raw["roles"]]


@lru_cache(maxsize=None)
def _groups() -> dict[tuple[str, str], str]:
    return {(g["group"], g["sub"]): g["role"] for g in catalog("columns").get("groups", [])}


def stacked_role(texts: list[str]) -> str | None:
    """A column's role from its stacked header cells, top first. The lowest is read alone, and
    when it names a role and a group above it names one too, the pair may give another
    (catalogs/columns.toml [[groups]]: 'Điểm thưởng' under 'Đơn vị tự chấm' is the unit's bonus);
    a lowest cell naming none is read with the cells above ('Điểm' under 'Tự chấm')."""
    texts = [t for t in texts if t.strip()]
    for k in range(len(texts) - 1, -1, -1):
        role = column_role(" ".join(texts[k:]))
        if role is None:
            continue
        if k == len(texts) - 1 and k:
            group = stacked_role(texts[:k])
            return _groups().get((group, role), role) if group is not None else role
        return role
    return None


_NOT_LETTER = compiled_patterns.compile(r"[^\p{L}]")


@lru_cache(maxsize=None)
def _accented() -> dict[str, str]:
    """Folded word -> the only way it may be written with accents (columns.toml accented)."""
    return {fold(w): w.lower() for w in catalog("columns").get("accented", [])}


def _folded_header(header_text: str) -> str:
    """The header folded, but a word written with other accents than the catalog's word of the
    same folded form ('THƯỜNG' for 'thưởng') kept apart, so no phrase matches it."""
    accented = _accented()
    folded = fold(header_text)
    if not any(w in folded for w in accented):
        return folded
    out = []
    for word in header_text.split():
        f = fold(word)
        letters = _NOT_LETTER.sub("", word).lower()
        if f in accented and letters not in (accented[f], f):
            f = "~" + f
        out.append(f)
    return " ".join(out)


@lru_cache(maxsize=None)
def _any_phrase() -> re.Pattern:
    """Every role's phrases in one pattern: most texts a reader asks about (the word groups of
    narrative lines, while it looks for an unruled sheet's header) name no column, and one search
    says so where a test per phrase took dozens."""
    phrases = sorted({p for _, ps in _roles() for p in ps}, key=lambda p: (-len(p), p))   # (one text in every process)
    return compiled_patterns.compile_re("|".join(re.escape(f" {p} ") for p in phrases))


def column_role(header_text: str) -> str | None:
    """The role of the longest phrase the header's words hold. A narrow column cuts words across
    its lines ('Than' / 'g điểm', 'Điểm thưở' / 'ng tự chấm'): a header of several lines is also
    read with some line ends as the inside of a word (_rejoined), and a longer phrase found so wins
    ('điểm thưởng tự chấm' over 'tự chấm'); at equal length the reading with fewer joins."""
    best, best_len = _role_of(header_text)
    if "\n" in header_text:
        for text in _rejoined(header_text):
            role, length = _role_of(text)
            if length > best_len:
                best, best_len = role, length
    return best


_MAX_CUTS = 4   # line ends of a header cell tried as cuts inside a word (2**4 readings at most)


def _rejoined(header_text: str):
    """The header's readings with some of its line ends joined without a space, fewest joined
    first (one cut word before two); a header of more lines than _MAX_CUTS + 1 is read as written."""
    lines = header_text.split("\n")
    cuts = len(lines) - 1
    if cuts > _MAX_CUTS:
        return
    for joined in range(1, cuts + 1):
        for chosen in itertools.combinations(range(cuts), joined):
            yield "".join(line + ("" if k in chosen else " ") for k, line in enumerate(lines[:-1])) + lines[-1]


def _role_of(header_text: str) -> tuple[str | None, int]:
    """The role of the longest phrase the header holds and that phrase's length, the first role
    listed among equals: 'Tiêu chuẩn' is a label ('tieu chuan'), though 'chuẩn' alone heads a
    maximum."""
    words = f" {_folded_header(header_text)} "
    if _any_phrase().search(words) is None:
        return None, 0
    for padded, role in _longest_first():
        if padded in words:
            return role, len(padded) - 2
    return None, 0


@lru_cache(maxsize=None)
def _longest_first() -> list[tuple[str, str]]:
    """(phrase between two spaces, its role) of every phrase, the longest first and, among phrases
    of one length, the first role listed first: the first one a header holds is _role_of's."""
    ranked = sorted((-len(p), k, f" {p} ", role) for k, (role, phrases) in enumerate(_roles()) for p in phrases if p)
    return [(padded, role) for _, _, padded, role in ranked]
