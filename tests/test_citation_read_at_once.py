"""A mention's pieces after its anchor (no qualifier, 'số', number, year, symbol, file name, date)
are read by one match of one pattern where that gives what reading them one by one gives
(citations._read_at_once beside citations._read). Texts built from the pieces' edges: qualifiers,
'số' in every case, numbers with a letter or a year, symbols of one to seven parts with spaced
and glued joints, words glued to the number, file names, dates in figures and in words, 'cùng
ngày', and junk inserted anywhere."""
import random

import pytest

from chamdiem.extractors import citations as C

HEADS = ["", "Thông báo", "Quyết định", "QĐ", "KH", "văn bản", "Luật Đất đai", "Tờ trình", "kế hoạch", "Số"]
GAPS = [" ", "  ", "\n", ": ", " liên tịch ", " của UBND ", "\x1c", "", "\xa0"]
SO = ["số ", "Số: ", "SỐ", "số", "sỐ ", "", "số:", "số\n"]
NUMBERS = ["12", "5", "123456", "7A", "7 ^ B", "09", "7Ab"]
YEARS = ["", "/2024", " / 2023", "/2024/1", "/19999", "/2024 ", "/20245"]
SYMBOLS = ["/QĐ-UBND", "-KL/TW", " -QĐ/TU", "/QĐ- UBND", "VP-TTHC", "TTHC", "/UBNDtỉnh", "/QĐ-UBND-VP-A-B-C-D-E", "",
           "–NQ/TW", "/ĐA&B", "/QĐ – UBND", "/Qđ-X", "/BC-PNV.", "/QĐ-"]
FILES = ["", ".pdf", ".Docx", ".", ".pdfx"]
DATES = ["", " ngày 5/7/2024", ", ngày 05.07.2024", " cùng ngày 1 tháng 2 năm 2023", " - 3/4/2022", " 4/5/2020",
         " của UBND tỉnh ngày 2/3/2021", "ngày: 31/2/2024", " về việc ngày", "ngày 1/1/2024/5", " NGÀY 1/1/20245",
         " ngày 7 tháng 13 năm 2024"]
AFTER = ["", " về việc", ".", "5", ", Kế hoạch số 3/KH-X", " và Quyết định số 4/QĐ-Y cùng ngày 3/3/2023", "\n"]
JUNK = ["/", "-", "–", " ", "\n", ":", "A", "x", "1", "ngày", ".pdf", "^", ",", "Số", "10TTHC", "UBND", "đ"]


def _texts(count: int, seed: int):
    rng = random.Random(seed)
    for _ in range(count):
        text = "".join(rng.choice(part) for part in (HEADS, GAPS, SO, NUMBERS, YEARS, SYMBOLS, FILES, DATES, AFTER))
        for _ in range(rng.choice([0, 0, 1, 2])):
            at = rng.randrange(len(text) + 1)
            text = text[:at] + rng.choice(JUNK) + text[at:]
        yield text


def _both(text: str, anchor):
    """(one match's reading or _PIECEWISE, the pieces' reading); an error counts as a reading."""
    out = []
    for read in (C._read_at_once, C._read):
        try:
            out.append(read(text, anchor))
        except Exception as exc:  # noqa: BLE001 - both ways must fail alike
            out.append(type(exc))
    return out


@pytest.mark.parametrize("seed", [1, 2])
def test_one_match_reads_what_the_pieces_read(seed):
    at_once = 0
    for text in _texts(6000, seed):
        for anchor in C._anchor().finditer(text):
            quick, pieces = _both(text, anchor)
            if quick is C._PIECEWISE:
                continue
            at_once += 1
            assert quick == pieces, (text, anchor.start())
    assert at_once > 5000   # the one match is taken, not only its fall-back


def test_the_common_mention_is_read_at_once():
    text = "Thông báo số 590/TB-PNV ngày 5/7/2024 về việc triển khai"
    anchor = next(C._anchor().finditer(text))
    read = C._read_at_once(text, anchor)
    assert read == C._read(text, anchor)
    assert (read.number, read.symbol, read.code, read.date[:4]) == ("590", "TB-PNV", "TB", ("5", "7", "2024", False))
    assert C._find_mentions(text)[0].issued_on == "2024-07-05"


@pytest.mark.parametrize("text", [
    "Kế hoạch liên tịch số 3/KH-UBND",   # a qualifier: read piece by piece
    "Kế hoạch số 10TTHC.doc ngày 1/2/2023",   # a word glued to the number is given back
    "Quyết định 41/2022/QĐ-UBND",   # no 'số'
    "12/QĐ-VP",   # a bare number
])
def test_what_the_one_match_leaves_to_the_pieces(text):
    anchor = next(C._anchor().finditer(text))
    assert C._read_at_once(text, anchor) is C._PIECEWISE


def test_far_from_the_text_end_the_pieces_read_with_their_own_windows():
    """Each piece reads at most C._WINDOW characters from where it starts, the one match from the
    anchor: the same only where the text ends within that window."""
    mention = "Quyết định số 5/QĐ-UBND ngày 1/2/2024"
    near = mention + " x" * 400
    far = mention + " x" * 600
    assert C._read_at_once(near, next(C._anchor().finditer(near))) is not C._PIECEWISE
    assert C._read_at_once(far, next(C._anchor().finditer(far))) is C._PIECEWISE
    assert C._find_mentions(near)[0] == C._find_mentions(far)[0]
