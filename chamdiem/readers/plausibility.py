"""Is the text a reader built Vietnamese writing at all? Random bytes decode as Windows-1258 and
LibreOffice imports anything as plain text; such junk must not be loaded as a report. Thresholds
and the syllable shape are data (catalogs/input_checks.toml [plausibility])."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from chamdiem.lexicon.catalogs import catalog
from chamdiem.lexicon.text import fold
from chamdiem.model.errors import CorruptFile, NotAReport

_WORD = regex.compile(r"\p{L}+")


@dataclass
class Plausibility:
    letter_share: float
    words: int
    syllables: int

    @property
    def syllable_share(self) -> float:
        return self.syllables / self.words if self.words else 0.0


@lru_cache(maxsize=1)
def _rules():
    p = catalog("input_checks")["plausibility"]
    v = regex.escape(p["vowels"])
    onsets = "|".join(sorted(p["onsets"], key=len, reverse=True))
    finals = "|".join(sorted(p["finals"], key=len, reverse=True))
    syllable = regex.compile(rf"(?:{onsets})?[{v}]{{1,{int(p['max_vowels'])}}}(?:{finals})?")
    return p, syllable


def measure(text: str) -> Plausibility:
    p, syllable = _rules()
    sample = text[:int(p["sample_chars"])]
    visible = sum(1 for c in sample if not c.isspace())
    letters = sum(1 for c in sample if c.isalpha())
    words = syllables = 0
    for m in _WORD.finditer(sample):
        w = m.group()
        if len(w) < p["min_word_length"]:
            continue
        words += 1
        f = fold(w)
        if f.isascii() and syllable.fullmatch(f):
            syllables += 1
    return Plausibility(letters / visible if visible else 0.0, words, syllables)


def check_plausible(path: str, text: str, *, junk_is_corrupt: bool = False) -> Plausibility:
    """Raises NotAReport (or CorruptFile when ``junk_is_corrupt``: a converter's output) when the text
    has too few letters or too few Vietnamese syllables; returns the measures otherwise."""
    p, _ = _rules()
    m = measure(text)
    why = None
    if m.letter_share < p["min_letter_share"]:
        why = f"only {m.letter_share:.0%} of its characters are letters (at least {p['min_letter_share']:.0%} expected)"
    elif m.syllables < p["min_syllables"] or m.syllable_share < p["min_syllable_share"]:
        why = (f"{m.syllables} of its {m.words} words are Vietnamese syllables ({m.syllable_share:.0%}; at least "
               f"{p['min_syllables']} and {p['min_syllable_share']:.0%} expected)")
    if why is None:
        return m
    if junk_is_corrupt:
        raise CorruptFile(path, f"the converted text is not writing: {why}")
    raise NotAReport(path, f"the text does not look like Vietnamese writing: {why}")
