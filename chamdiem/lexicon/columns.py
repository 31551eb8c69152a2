"""The role of a score-sheet column (max, self, authority, bonus, evidence, number, label) from the
meaning of its header text, with the phrases in catalogs/columns.toml. Readers use it to find an
unruled sheet's header; extractors use it to assign columns."""
from __future__ import annotations

from functools import lru_cache

from chamdiem.lexicon.catalogs import catalog
from chamdiem.lexicon.text import fold


@lru_cache(maxsize=None)
def _roles() -> list[tuple[str, list[str]]]:
    raw = catalog("columns")
    return [(r["role"], [fold(p) for p in r["phrases"]]) for r in raw["roles"]]


def column_role(header_text: str) -> str | None:
    words = f" {fold(header_text)} "
    for role, phrases in _roles():
        if any(f" {p} " in words for p in phrases):
            return role
    return None


