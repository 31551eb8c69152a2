"""The plausibility measures (readers/plausibility.measure) count over the text cut at its spaces,
each distinct piece once: they must equal the counts over the whole text, on texts that mix every
kind of space, letters, marks and digits."""
from __future__ import annotations

import random
import sys
from collections import Counter

import regex

from chamdiem.readers.plausibility import _is_syllable, _rules, measure

_WHOLE_SPACES = regex.compile(r"[\s\x1c-\x1f]+")
_WORD = regex.compile(r"\p{L}+")


def _measured_whole(text: str) -> tuple[float, int, int]:
    """The measures as counted over the whole sample at once (the definition)."""
    rules, _ = _rules()
    sample = text[:int(rules["sample_chars"])]
    visible = len(_WHOLE_SPACES.sub("", sample))
    runs = _WORD.findall(sample)
    counts = Counter(word for word in runs if len(word) >= rules["min_word_length"])
    syllables = sum(n for word, n in counts.items() if _is_syllable(word))
    return (sum(map(len, runs)) / visible if visible else 0.0), sum(counts.values()), syllables


def test_str_split_cuts_at_exactly_the_spaces_of_the_pattern():
    pattern = regex.compile(r"[\s\x1c-\x1f]")
    spaces = {c for c in range(sys.maxunicode + 1) if pattern.match(chr(c))}
    assert spaces == {c for c in range(sys.maxunicode + 1) if chr(c).isspace()}
    assert not [c for c in spaces if _WORD.match(chr(c))]   # no letter is a space
    # a piece that str.isalpha calls letters is one run of \p{L}
    assert not [c for c in range(sys.maxunicode + 1) if chr(c).isalpha() and not _WORD.match(chr(c))]


def test_measures_equal_the_whole_text_counts():
    rng = random.Random(11)
    spaces = [" ", "\t", "\n", "\r\n", "\x1c", "\x1f", "\u00a0", "\u2003", "\u3000", "\u0085", "\u2028"]
    pieces = ["Tiêu", "chí", "đạt", "điểm", "8,5", "số", "12/QĐ-UBND", "(*)", "¹²", "x²", "Ⅻ", "ﬁ", "q_q",
              "—", "ngày", "tháng", "năm", "2024.", "xã", "Tịnh", "Ấn", "Tây", "a", "kkkkk", "ĐOÀN", "thể;"]
    texts = ["", "   ", "abc", "\u00a0đạt\u3000điểm\x1c"]
    for _ in range(300):
        texts.append("".join(rng.choice(pieces) + rng.choice(spaces + [""]) for _ in range(rng.randint(1, 60))))
    for text in texts:
        got = measure(text)
        assert (got.letter_share, got.words, got.syllables) == _measured_whole(text), repr(text)
