"""Item numbering as written ('Tiêu chí 3:', 'Nội dung 1', 'TC3', '1.1.2', 'II.', '2.', and in score
sheets also 'a)', 'b.' and bullets) parsed into a marker word and a number, so it can be compared
with a framework's own numbering."""
from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

import regex

from chamdiem.lexicon import compiled_patterns
from chamdiem.lexicon.catalogs import catalog
from chamdiem.lexicon.spelled import patterns, spelled_value
from chamdiem.lexicon.text import fold

_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}


def _spellings() -> list[tuple[str, str]]:
    return [(lv["word"], s) for lv in catalog("numbering")["levels"] for s in lv["spellings"]]


_SPELLINGS = [(w, compiled_patterns.compile(s, regex.I)) for w, s in _spellings()]
_WORDS = "|".join(s for _, s in sorted(_spellings(), key=lambda ws: -len(ws[1])))
# words between a marker word and its number in digits ('Tiêu chí số 3', 'Tiêu chí thứ 3')
_LEADS = "|".join(catalog("numbering")["number_leads"])
# (after the item's own list mark, maybe: '2. Tiêu chí 2', 'II. Tiêu chí 2', 'a) Nội dung 1')
_MARKER = compiled_patterns.compile(
    rf"^\s*(?:(?:[IVX]+|\d+|(?-i:[a-zđ]))\s*[.)]\s+)?(?P<word>{_WORDS})\s*(?:(?:{_LEADS})\s*)?"
    rf"(?P<num>\d+(?:\.\d+)*|[IVX]+)\b\s*[:.)\-–]?\s*"
    # in words: 'Tiêu chí thứ ba', and 'Nội dung hai:' (a number word alone only before punctuation,
    # so that 'nội dung một số văn bản' and 'phần năm 2024' stay words)
    rf"|^\s*(?:(?:[IVX]+|\d+|(?-i:[a-zđ]))\s*[.)]\s+)?(?P<word3>{_WORDS})\s+"
    rf"(?P<spelled>{patterns()['ordinal']}(?!\s*\d)|{patterns()['number']}(?=\s*[:.)\-–]|\s*$))\s*[:.)\-–]?\s*"
    # a number alone: '2.', '2)', '2:', '2 Tên', and '2 - Tên' (a dash between spaces, not '2-3' nor
    # '2 -3'; a colon not before a digit, '14:00')
    rf"|^\s*(?P<num2>\d+(?:\.\d+)*|[IVX]+)(?:\s*[.)]\s*|\s*:(?!\d)\s*|\s+[\-–]\s+(?=\p{{L}})|\s+|$)(?=\D|$)",
    regex.I,
)
_FRAGMENT_WORDS = frozenset(catalog("numbering")["fragments"])
_ENDS = "".join(regex.escape(e) for e in catalog("numbering")["letter_ends"])
_LETTER = compiled_patterns.compile(rf"^\s*\(?(?P<letter>[a-zđ]|[ivx]{{2,4}})\s*[{_ENDS}](?:\s+|$)")
_BARE_LETTER = compiled_patterns.compile(r"^\s*(?P<letter>[a-zđ])\s*$")
# a capital letter alone in a numbering cell ('A', 'B.', 'C)'): a section of the sheet (numbering.toml)
_SECTION_LETTER = compiled_patterns.compile(rf"^\s*(?P<letter>[{catalog('numbering')['section_letters']}])\s*[{_ENDS}]?\s*$")
_BULLET = compiled_patterns.compile("^\\s*(?:" + "|".join(regex.escape(b) for b in catalog("numbering")["bullets"]) + ")\\s*")


@dataclass(frozen=True)
class Marker:
    word: str | None     # folded marker word: 'tieu chi', 'noi dung', ... or None
    number: str          # arabic, dotted ('1.1'); roman numerals converted
    end: int             # where the marker ends in the parsed string
    roman: bool = False  # written in roman numerals: usually the top level
    # 'number' (words, arabic, roman), 'letter' (a), b.), 'bullet', 'section' (A, B.), 'unnumbered' (a row with no
    # numbering of its own under the number of a merged cell, its ``parent``), or 'group' (the ``parent``'s own
    # item: the label of a cell merged over its items' rows, or the row closing them, 'Cộng')
    kind: str = "number"
    parent: "Marker | None" = None  # the item number of a cell spanning this row (a merged cell)

    def __str__(self) -> str:
        if self.kind == "bullet":
            return "•"
        return f"{self.word} {self.number}" if self.word else self.number

    @property
    def is_list(self) -> bool:
        """A letter or a bullet: the next child of the item above, not a number of its own."""
        return self.kind in ("letter", "bullet")

    def under(self, parent: "Marker | None") -> "Marker":
        return replace(self, parent=parent)


def roman_to_int(numeral: str) -> int | None:
    numeral = numeral.lower()
    if not numeral or any(letter not in _ROMAN for letter in numeral):
        return None
    total = 0
    for i, letter in enumerate(numeral):
        value = _ROMAN[letter]
        total += -value if i + 1 < len(numeral) and _ROMAN[numeral[i + 1]] > value else value
    return total


def parse_marker(text: str, *, lists: bool = False, bare_letter: bool = False,
                 section_letter: bool = False) -> Marker | None:
    """The numbering at the start of ``text``. With ``lists`` (score-sheet rows) letters 'a)' and
    bullets count too; with ``bare_letter`` (a numbering column) a letter alone does; with
    ``section_letter`` (a score sheet's numbering cell) a capital letter alone numbers a section."""
    if len(text) <= _REMEMBERED:
        return _remembered(text, lists, bare_letter, section_letter)
    return _parse(text, lists, bare_letter, section_letter)


# numbering cells and item labels up to this length are remembered: every sheet of a framework
# repeats them ('Nội dung 1', the criteria's texts), and a Marker is immutable, so it can be shared
_REMEMBERED = 200


@lru_cache(maxsize=16384)
def _remembered(text: str, lists: bool, bare_letter: bool, section_letter: bool) -> Marker | None:
    """parse_marker of a short text, read once per process."""
    return _parse(text, lists, bare_letter, section_letter)


def _parse(text: str, lists: bool, bare_letter: bool, section_letter: bool = False) -> Marker | None:
    """parse_marker's reading: letters and bullets first (with ``lists``), then numbers and words."""
    if lists:
        match = _LETTER.match(text) or (_BARE_LETTER.match(text) if bare_letter else None)
        if match:
            return Marker(None, match.group("letter"), match.end(), kind="letter")
        match = _BULLET.match(text)
        if match and match.end() < len(text) and not text[match.end():match.end() + 1].isdigit():
            return Marker(None, "", match.end(), kind="bullet")
    match = _MARKER.match(text)
    if not match:
        section = _SECTION_LETTER.match(text) if section_letter else None
        return Marker(None, section.group("letter"), section.end(), kind="section") if section else None
    if match.group("spelled"):
        return Marker(canonical_word(match.group("word3")), f"{spelled_value(match.group('spelled')):g}", match.end())
    num = match.group("num") or match.group("num2")
    word = match.group("word")
    roman = num.isalpha()
    if roman:
        value = roman_to_int(num)
        if value is None:
            return None
        num = str(value)
    return Marker(canonical_word(word) if word else None, num, match.end(), roman)


def lone_bullet(text: str) -> Marker | None:
    """A numbering cell holding a bullet alone ('-', '•'): the next item of the list under the row
    above, as a letter would be."""
    stripped = text.strip()
    return Marker(None, "", len(text), kind="bullet") if stripped in _BULLETS else None


_BULLETS = frozenset(catalog("numbering")["bullets"])


def nesting(word: str | None) -> int:
    """How deep a marker word usually nests (numbering.toml, nesting): 'phan' 0, 'tieu chi' 1, …;
    a word not listed after all of them."""
    order = catalog("numbering")["nesting"]
    return order.index(word) if word in order else len(order)


def letter_number(letter: str) -> int | None:
    """The place of a letter that numbers an item ('b' is 2, 'đ' is 5), in the Vietnamese order."""
    order = catalog("numbering")["letter_order"]
    return order.index(letter) + 1 if letter in order else None


def canonical_word(word: str) -> str:
    """The folded marker word ('tieu chi') of a spelling as written ('Tiêu chí', 'TC')."""
    return next(w for w, pattern in _SPELLINGS if pattern.fullmatch(word))


# (kept between runs: imported by the writer and the reader before the first worker starts)
_REFERENCE = compiled_patterns.compile(rf"(?P<word>{_WORDS})\s*(?:(?:{_LEADS})\s*)?(?:\d+(?:\.\d+)*|[IVX]+)(?![\p{{L}}\d])", regex.I)
_REFERENCE_JOINS = compiled_patterns.compile(
    "|".join(regex.escape(w) for w in sorted(catalog("numbering")["reference_joins"], key=len, reverse=True))
    + r"|[\s,;:.()\-–]", regex.I)


def only_references(text: str) -> bool:
    """A text made only of item references and the words joining them ('Nội dung 1 của tiêu chí 1',
    'Tiêu chí 3'): it names its item by numbering, with no name of its own."""
    rest = _REFERENCE.sub(" ", text)
    return rest != text and not _REFERENCE_JOINS.sub("", rest)


# a row closing a group of items ('Cộng tiêu chí 3', 'Tổng điểm TC 3:'), its words before the reference
_CLOSING = compiled_patterns.compile(
    r"^\s*(?:" + "|".join(regex.escape(w).replace("\\ ", r"\s+") for w in
                         sorted(catalog("numbering")["closing_words"], key=len, reverse=True))
    + r")\s*[:(]?\s*(?=\S)", regex.I)
# what may not follow the reference: another item ('… tiêu chí 1 đến 10', '1 và 2', '1, 2'); a range
# ('Tổng cộng tiêu chí 1-10') is told by its dash before a number
_NOT_ONE_ITEM = compiled_patterns.compile(r"\s*(?:[,;+&/]|(?:đến|tới|và)\b)", regex.I)


def closed_item(text: str) -> Marker | None:
    """The item a score sheet's row closes when its words say which ('Cộng tiêu chí 3' after
    criterion 3's contents: the criterion's own row, summing them; 'Tổng điểm TC 3:'): the reference's
    marker, its ``end`` counted in ``text``. None for a total of several items or of none ('Cộng',
    'Tổng cộng tiêu chí 1 đến 10', 'Cộng I + II'): only a marker word names one item here."""
    match = _CLOSING.match(text)
    if match is None:
        return None
    marker = parse_marker(text[match.end():])
    if marker is None or marker.word is None or marker.kind != "number":
        return None
    end = match.end() + marker.end
    if _NOT_ONE_ITEM.match(text, end) \
            or (text[:end].rstrip().endswith(("-", "–")) and text[end:end + 1].isdigit()):
        return None
    return replace(marker, end=end)


def is_fragment(text: str) -> bool:
    """'Nội' or 'Nội dung' without its number: the rest sits in the next physical row."""
    folded = fold(text)
    return folded in _FRAGMENT_WORDS
