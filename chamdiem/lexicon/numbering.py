"""Item numbering as written ('Tiêu chí 3:', 'Nội dung 1', '1.1', 'II.', '2.') parsed into a
marker word and a number, so it can be compared with a framework's own numbering."""
from __future__ import annotations

from dataclasses import dataclass

import regex

from chamdiem.lexicon.catalogs import catalog
from chamdiem.lexicon.text import fold

_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}


def _spellings() -> list[tuple[str, str]]:
    return [(lv["word"], s) for lv in catalog("numbering")["levels"] for s in lv["spellings"]]


_SPELLINGS = [(w, regex.compile(s, regex.I)) for w, s in _spellings()]
_WORDS = "|".join(s for _, s in sorted(_spellings(), key=lambda ws: -len(ws[1])))
_MARKER = regex.compile(
    rf"^\s*(?:(?:[IVX]+|\d+)\s*[.)]\s+)?(?P<word>{_WORDS})\s*(?:số\s*)?(?P<num>\d+(?:\.\d+)*|[IVX]+)\b\s*[:.)\-–]?\s*"
    rf"|^\s*(?P<num2>\d+(?:\.\d+)*|[IVX]+)(?:\s*[.)]\s*|\s+|$)(?=\D|$)",
    regex.I,
)
_FRAGMENT_WORDS = frozenset(catalog("numbering")["fragments"])


@dataclass(frozen=True)
class Marker:
    word: str | None     # folded marker word: 'tieu chi', 'noi dung', ... or None
    number: str          # arabic, dotted ('1.1'); roman numerals converted
    end: int             # where the marker ends in the parsed string
    roman: bool = False  # written in roman numerals: usually the top level

    def __str__(self) -> str:
        return f"{self.word} {self.number}" if self.word else self.number


def roman_to_int(s: str) -> int | None:
    s = s.lower()
    if not s or any(c not in _ROMAN for c in s):
        return None
    total = 0
    for i, c in enumerate(s):
        v = _ROMAN[c]
        total += -v if i + 1 < len(s) and _ROMAN[s[i + 1]] > v else v
    return total


def parse_marker(text: str) -> Marker | None:
    m = _MARKER.match(text)
    if not m:
        return None
    num = m.group("num") or m.group("num2")
    word = m.group("word")
    roman = num.isalpha()
    if roman:
        r = roman_to_int(num)
        if r is None:
            return None
        num = str(r)
    if word:
        word = next(w for w, pattern in _SPELLINGS if pattern.fullmatch(word))
    return Marker(word, num, m.end(), roman)


def is_fragment(text: str) -> bool:
    """'Nội' or 'Nội dung' without its number: the rest sits in the next physical row."""
    f = fold(text)
    return f in _FRAGMENT_WORDS
