"""Lines of a text export that mark a page break or carry only a page number (patterns in
catalogs/page_breaks.toml): the text reader keeps a table cut by them as one table."""
from __future__ import annotations

from functools import lru_cache

import regex

from chamdiem.lexicon import compiled_patterns
from chamdiem.lexicon.catalogs import catalog


@lru_cache(maxsize=None)
def _patterns() -> tuple[regex.Pattern, regex.Pattern]:
    raw = catalog("page_breaks")
    marks = compiled_patterns.compile("(?:" + "|".join(raw["markers"]) + ")", regex.I)
    numbers = compiled_patterns.compile("(?:" + "|".join(raw["page_numbers"]) + ")", regex.I)
    return marks, numbers


def is_page_break(line: str) -> bool:
    """A form feed alone or an explicit page-break marker."""
    stripped = line.strip(" \t\r\f\u200b\ufeff")
    markers, _ = _patterns()
    return (not stripped and "\f" in line) or bool(stripped and markers.fullmatch(stripped))


def is_page_number(line: str) -> bool:
    stripped = line.strip(" \t\r\f\u200b\ufeff")
    _, page_numbers = _patterns()
    return bool(stripped) and bool(page_numbers.fullmatch(stripped))
