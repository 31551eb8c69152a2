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


def fold_keep(s: str) -> str:
    """Fold diacritics and case but keep punctuation, for patterns that need it."""
    return _SPACES.sub(" ", strip_marks(s)).strip().casefold()


def squash(s: str) -> str:
    """Collapse runs of white space to one space and trim. A printable text without two spaces in
    a row has no run to collapse (every other white-space character is unprintable): only the trim."""
    if "  " not in s and s.isprintable():
        return s.strip()
    return _SPACES.sub(" ", s).strip()
