"""Folding for lenient comparison: NFC, lower case, no Vietnamese diacritics, single spaces."""
from __future__ import annotations

import unicodedata
from functools import lru_cache

import regex

_NON_WORD = regex.compile(r"[^\p{L}\p{N}]+")
_MARKS = regex.compile(r"\p{Mn}+")   # combining marks (tone marks and the like) after NFD
_SPACES = regex.compile(r"\s+")  # compiled once: regex.sub(pattern, …) looks the pattern up on every call


def strip_marks(s: str) -> str:
    """'Đảng ủy' -> 'Dang uy': the letters without their diacritics, đ/Đ as d/D, case kept."""
    return _MARKS.sub("", unicodedata.normalize("NFD", s).replace("đ", "d").replace("Đ", "D"))


@lru_cache(maxsize=65536)
def fold(s: str) -> str:
    """'Tiêu chí 1: Đảng' -> 'tieu chi 1 dang' (punctuation becomes a space)."""
    return _NON_WORD.sub(" ", strip_marks(s)).strip().casefold()


def fold_words(s: str) -> str:
    """fold(s) for a long text (a whole report), word by word: equal to fold(s), because every
    white-space character is outside \\p{L} and \\p{N} (fold makes a space of it) and has
    combining class 0 (NFD never moves a mark across it). A report's words recur in every report
    of its kind, so each is folded once per process, and the text itself is not remembered
    (fold's cache would hold a copy of every report)."""
    return " ".join(filter(None, map(fold, s.split())))


def fold_keep(s: str) -> str:
    """Fold diacritics and case but keep punctuation, for patterns that need it."""
    return _SPACES.sub(" ", strip_marks(s)).strip().casefold()


def squash(s: str) -> str:
    """Collapse runs of white space to one space and trim. A printable text without two spaces in
    a row has no run to collapse (every other white-space character is unprintable): only the trim."""
    if "  " not in s and s.isprintable():
        return s.strip()
    return _SPACES.sub(" ", s).strip()
