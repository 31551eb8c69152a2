"""spelled.has_number_word first searches the span's case-folded copy (_folded_word) and says no
without the full pattern (_any_word) where the copy holds no number word: the filter must never
change the answer. Checked both ways on a corpus of paragraphs and sentences (the narrative
examples, number words at the edges of words, before years, in capitals, beside characters that
fold oddly), and on the whole of Unicode for the two facts the filter rests on."""
import random
import sys
import unicodedata

import regex

from chamdiem.lexicon import spelled
from chamdiem.lexicon.catalogs import catalog

PIECES = ["Năm 2024, xã có 3 thôn.", "năm\t2024", "năm\u00a02024", "NĂM 2023", "hằng năm,", "năm.", "năm học",
          "ban hành", "triển khai", "Sở Tư pháp", "tương đương", "KHAI", "Ba Đình", "bảy", "BẨY", "thứ tư",
          "Mười hai", "mười\n2", "chín phẩy năm", "một số", "Một", "mốt", "hai mươi lăm", "nhăm", "nhất",
          "ſáu", "\u0345ba", "ba\u0345", "Ⅰhai", "ⓝăm", "hai_", "_hai", "x2hai", "hai2", "bốn\r\n3", "lăm\u2003 7",
          "Tiêu chí thứ tư đạt 8 điểm.", "Quyết định số 123/QĐ-UBND ngày 05/01/2024.", "đạt 9", "", " ",
          "kết quả đạt chín điểm", "tám/10", "(tám)", "Tám", "chínsáu", "sáuchín", "Hai-ba", "năm-2024"]


def _texts():
    for entries in catalog("narrative").values():
        for entry in entries:
            yield from (example["text"] for example in entry.get("examples", []))
    yield from PIECES
    rng = random.Random(11)
    for _ in range(1500):
        yield rng.choice(["", " ", "\n"]).join(rng.choice(PIECES) for _ in range(rng.randint(1, 5)))


def test_the_folded_copy_filter_never_changes_the_answer():
    said_no = said_yes = 0
    for text in _texts():
        for form in {text, unicodedata.normalize("NFC", text)}:
            spans = [(0, len(form))] + [(m.start(), m.end()) for m in regex.finditer(r"[^.;!?]+[.;!?]?", form)]
            for start, end in spans:
                full = spelled._any_word().search(form, start, end) is not None
                kept = spelled._folded_word().search(form[start:end].casefold()) is not None
                assert kept or not full, form[start:end]   # the filter says no only where the pattern does
                assert spelled.has_number_word(form, start, end) == full, form[start:end]
                said_no += not kept
                said_yes += full
    assert said_no > 500 and said_yes > 500


def _every_character() -> str:
    return "".join(map(chr, range(sys.maxunicode + 1)))


def test_what_the_filter_rests_on_holds_for_every_character():
    """A character the case-insensitive pattern takes for a letter of a number word folds to that
    letter's folding (or, at a word's end, to it and marks); a character that is no letter folds to no Latin letter, white space or digit
    (unless it is that white space or digit itself)."""
    words = spelled._number_words()
    letters = sorted({c for w in words for c in w})
    everything = _every_character()
    for letter in letters:
        for char in regex.findall(regex.escape(letter), everything, regex.I):
            folded = char.casefold()
            if folded == letter.casefold():
                continue
            # 'İ' folds to 'i' and a combining dot: the letter must end every word it is in, and
            # what follows it be marks, which the filter's look-aheads let through
            assert folded.startswith(letter.casefold()), (letter, hex(ord(char)))
            assert regex.fullmatch(r"\p{M}+", folded[len(letter.casefold()):]), (letter, hex(ord(char)))
            assert all(letter not in w[:-1] for w in words), (letter, hex(ord(char)))
    latin = regex.compile(rf"[{spelled._LATIN_FOLDED} \t\n\r0-9]")
    for char in everything:
        folded = char.casefold()
        if folded != char and not regex.match(r"\p{L}", char):
            assert latin.search(folded) is None, hex(ord(char))
