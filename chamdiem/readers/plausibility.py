"""Is the text a reader built Vietnamese writing at all? Random bytes decode as Windows-1258 and
LibreOffice imports anything as plain text; such junk must not be loaded as a report. Thresholds
and the syllable shape are data (catalogs/input_checks.toml [plausibility])."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

import regex

from chamdiem.lexicon import compiled_patterns
from chamdiem.lexicon.catalogs import catalog
from chamdiem.lexicon.text import fold
from chamdiem.model.errors import CorruptFile, NotAReport

_WORD = compiled_patterns.compile(r"\p{L}+")


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
    rules = catalog("input_checks")["plausibility"]
    vowels = regex.escape(rules["vowels"])
    onsets = "|".join(sorted(rules["onsets"], key=len, reverse=True))
    finals = "|".join(sorted(rules["finals"], key=len, reverse=True))
    syllable = compiled_patterns.compile(rf"(?:{onsets})?[{vowels}]{{1,{int(rules['max_vowels'])}}}(?:{finals})?")
    return rules, syllable


def measure(text: str) -> Plausibility:
    """Letters among the visible characters, and words that are Vietnamese syllables, counted over
    runs and distinct words (a report repeats its words: each is folded and matched once)."""
    rules, _ = _rules()
    sample = text[:int(rules["sample_chars"])]
    least = rules["min_word_length"]
    # the text cut at its spaces (str.split's are regex's [\s\x1c-\x1f], code point for code point:
    # tests/test_plausibility_measure.py), each distinct piece measured once: its visible
    # characters, its runs of letters (no letter is a space, so no run crosses a cut), each run
    # counted as often as its piece stands (_is_syllable remembers a word's answer)
    visible = letters = words = syllables = 0
    for piece, seen in Counter(sample.split()).items():
        visible += len(piece) * seen
        # (a piece of letters only is one run: str.isalpha's letters are \p{L}'s, the test checks)
        for word in (piece,) if piece.isalpha() else _WORD.findall(piece):
            letters += len(word) * seen
            if len(word) >= least:
                words += seen
                if _is_syllable(word):
                    syllables += seen
    return Plausibility(letters / visible if visible else 0.0, words, syllables)


@lru_cache(maxsize=65536)
def _is_syllable(word: str) -> bool:
    """A word folded to ASCII has the shape of a Vietnamese syllable. The language has a few
    thousand syllables, so a worker answers each once (bounded: junk words cannot fill it)."""
    folded = fold(word)
    return folded.isascii() and _rules()[1].fullmatch(folded) is not None


def check_plausible(path: str, text: str, *, junk_is_corrupt: bool = False) -> Plausibility:
    """Raises NotAReport (or CorruptFile when ``junk_is_corrupt``: a converter's output) when the text
    has too few letters or too few Vietnamese syllables; returns the measures otherwise."""
    rules, _ = _rules()
    measured = measure(text)
    why = None
    if measured.letter_share < rules["min_letter_share"]:
        why = (f"only {measured.letter_share:.0%} of its characters are letters "
               f"(at least {rules['min_letter_share']:.0%} expected)")
    elif measured.syllables < rules["min_syllables"] or measured.syllable_share < rules["min_syllable_share"]:
        why = (f"{measured.syllables} of its {measured.words} words are Vietnamese syllables "
               f"({measured.syllable_share:.0%}; at least "
               f"{rules['min_syllables']} and {rules['min_syllable_share']:.0%} expected)")
    if why is None:
        return measured
    if junk_is_corrupt:
        raise CorruptFile(path, f"the converted text is not writing: {why}")
    raise NotAReport(path, f"the text does not look like Vietnamese writing: {why}")
