"""Folding for lenient comparison: NFC, lower case, no Vietnamese diacritics, single spaces."""
from __future__ import annotations

import unicodedata
from functools import lru_cache

from chamdiem.lexicon import compiled_patterns

_NON_WORD = compiled_patterns.compile(r"[^\p{L}\p{N}]+")
_MARKS = compiled_patterns.compile(r"\p{Mn}+")   # combining marks (tone marks and the like) after NFD
_SPACES = compiled_patterns.compile(r"\s+")  # compiled once: regex.sub(pattern, …) looks the pattern up on every call


def strip_marks(text: str) -> str:
    """'Đảng ủy' -> 'Dang uy': the letters without their diacritics, đ/Đ as d/D, case kept."""
    return _MARKS.sub("", unicodedata.normalize("NFD", text).replace("đ", "d").replace("Đ", "D"))


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """'Tiêu chí 1: Đảng' -> 'tieu chi 1 dang' (punctuation becomes a space)."""
    return _NON_WORD.sub(" ", strip_marks(text)).strip().casefold()


def fold_words(text: str) -> str:
    """fold(text) for a long text (a whole report), word by word: equal to fold(text), because every
    white-space character is outside \\p{L} and \\p{N} (fold makes a space of it) and has
    combining class 0 (NFD never moves a mark across it). A report's words recur in every report
    of its kind, so each is folded once per process, and the text itself is not remembered
    (fold's cache would hold a copy of every report)."""
    return " ".join(filter(None, map(fold, text.split())))


def fold_keep(text: str) -> str:
    """Fold diacritics and case but keep punctuation, for patterns that need it."""
    return _SPACES.sub(" ", strip_marks(text)).strip().casefold()


def squash(text: str) -> str:
    """Collapse runs of white space to one space and trim. A printable text without two spaces in
    a row has no run to collapse (every other white-space character is unprintable): only the trim."""
    if "  " not in text and text.isprintable():
        return text.strip()
    return _SPACES.sub(" ", text).strip()


def in_capitals(text: str) -> bool:
    """Every letter of ``text`` a capital, and a letter at least ('III. KẾT QUẢ TỰ CHẤM ĐIỂM')."""
    return "".join(c for c in text if c.isalpha()).isupper()
