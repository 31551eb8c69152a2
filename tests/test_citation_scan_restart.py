"""After a mention is read, the anchor scan starts again at its end instead of going on through
its number, symbol and date (citations._find_mentions), unless an anchor may stand across that
end (_may_straddle): the mentions must be those of the scan from the text's start, which skips
the anchors starting inside a mention. Texts built to put a type name, a bare number, an
abbreviation and 'số' right at and across the ends of mentions."""
import random

from chamdiem.extractors import citations as C

# (a mention's last part, glued to what follows it) where an anchor stands across its end:
# 'THÔNG' ends the symbol and 'THÔNG BÁO' is a type name, 'BÁO CÁO' another
ACROSS = ["Công văn số 12/UBND-THÔNG BÁO CÁO số 5/BC-UBND.", "Kế hoạch số 7/KH-BÁO CÁO số 8/BC-X ngày 1/2/2024",
          "Quyết định 41/2022/QĐ-UBND 12/QĐ-VP", "Số: 164/BC-TCKH số 3/TB", "Thông báo số 9/TB-TTr 15/TTr-UBND"]
PIECES = ["Quyết định số 123/QĐ-UBND", "ngày 05/01/2024", "Kế hoạch 47", "Thông tư liên tịch số 08/2023/TTLT-BNV",
          "số 12", "QĐ 15", "15/KH-UBND", "BÁO CÁO", "THÔNG", "cùng ngày 29/3/2024", "và", ",", ";", "  ", "\n",
          "Công văn số 5/SNV-XDCQ", "TB3/4", "2024", "kế hoạch", "Báo cáo số", "x", "-", "/", "UBND"]


def _from_start(text: str) -> list:
    """The scan before the restart: every anchor from the text's start, those inside a mention skipped."""
    out, pos = [], 0
    for anchor in C._anchor().finditer(text):
        if anchor.start() < pos:
            continue
        raw = C._parse(text, anchor)
        if raw is not None:
            out.append(raw)
            pos = raw.end
    C._share_same_day(text, out)
    return out


def _texts():
    yield from ACROSS
    rng = random.Random(11)
    for _ in range(1500):
        glue = rng.choice(["", " ", "-", "/"])
        yield glue.join(rng.choice(PIECES) for _ in range(rng.randint(2, 9)))


def test_the_scan_started_again_finds_the_mentions_of_the_scan_from_the_start():
    restarted = 0
    for text in _texts():
        found = C._find_mentions(text)
        assert found == _from_start(text), text
        restarted += sum(1 for m in found if not C._may_straddle(text, m.end))
    assert restarted > 500   # the restart is taken, not only its fall-back


def test_an_anchor_across_a_mention_end_keeps_the_scan_going():
    text = "Công văn số 12/UBND-THÔNG BÁO CÁO số 5/BC-UBND."
    first = C._find_mentions(text)[0]
    assert text[first.end - 5:first.end] == "THÔNG" and C._may_straddle(text, first.end)
    assert [m.symbol for m in C._find_mentions(text)] == [m.symbol for m in _from_start(text)]
