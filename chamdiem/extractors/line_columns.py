"""The columns of one line at the head or foot of an administrative document. Nghị định 30/2020
lays the issuer and the motto, and 'Nơi nhận' and the signature, side by side; a text export
writes each pair on one line, apart by a wide gap or glued by one space ('UBND HUYỆN X CỘNG HÒA
XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'SỞ NỘI VỤ Độc lập - Tự do - Hạnh phúc', '- Như trên; PHÓ CHỦ TỊCH').
A line is cut into pieces: at a wide gap, before a motto that follows other text, and where the
capitals of an issuer or a position meet the other column's text."""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import regex

from chamdiem.lexicon import compiled_patterns
from chamdiem.lexicon.catalogs import catalog
from chamdiem.model.document import Block
from chamdiem.model.textview import TextView

# where the right-hand column of a line begins (three spaces or a tab)
COLUMN_GAP = compiled_patterns.compile(r"\s{3,}|\t")
RIGHT_LEAD = 20   # a line indented this far holds only right-hand column text
# capitals (two words or more, the issuer) then a word with a capital and small letters (the motto,
# a place): 'SỞ NỘI VỤ Độc lập …'
_CAPS_THEN_WORD = compiled_patterns.compile(r"^\s*(?:[\p{Lu}\d][\p{Lu}\d.,&/\-–]*\s+){1,}[\p{Lu}\d][\p{Lu}\d.,&/\-–]*"
                                r"(?=\s+\p{Lu}\p{Ll})")
# text ending in ':' or ';' then capitals to the end (a position): '- Như trên; PHÓ CHỦ TỊCH'
_WORD_THEN_CAPS = compiled_patterns.compile(r"(?<=[:;]\s+)(?:[\p{Lu}][\p{Lu}.,/\-–]*)(?:\s+[\p{Lu}\d][\p{Lu}\d.,/\-–]*)*\s*$")
# a recipient's line then, to the end, a signature's mark or a name: '- Như trên; (Chữ ký số)',
# '- Lưu: VT, TH. Nguyễn Hữu Thắng'
_WORD_THEN_SIGNED = compiled_patterns.compile(r"(?<=[:;.]\s+)(?:[(\[][^()\[\]]{1,40}[)\]]"
                                  r"|(?:[\p{Lu}][\p{Ll}]+\s+){1,5}[\p{Lu}][\p{Ll}]+)\s*$")


# a motto's first word ('CỘNG', 'Độc', 'ĐẢNG') in any case and accents: lines without one need no folding
_MOTTO_LETTERS = compiled_patterns.compile(r"(?i)(?<!\p{L})(?:c\p{L}ng|\p{L}\p{L}c\s+l|\p{L}\p{L}ng\s+c)")


@dataclass(slots=True)
class Piece:
    """One column's text on a line: ``block.text[start:end]``; ``right``: it stands in a
    right-hand column (after another piece of its line, indented far, or in a block the reader
    placed right of the first column)."""
    block: Block
    start: int
    end: int
    right: bool

    @property
    def text(self) -> str:
        return self.block.text[self.start:self.end]

    @property
    def view(self) -> TextView:
        return self.block.view.slice(self.start, self.end)

    @property
    def span(self) -> tuple[int, int]:
        return self.block.view.raw_span(self.start, self.end)


@lru_cache(maxsize=1)
def _fold_table() -> dict[int, str]:
    """Each Latin letter with a mark (and 'đ'), upper or lower case, to its bare lower-case letter."""
    table = {}
    for code in list(range(0xC0, 0x250)) + list(range(0x1E00, 0x1F00)) + [ord("Đ"), ord("đ")]:
        char = chr(code)
        base = "d" if char in "đĐ" else unicodedata.normalize("NFD", char)[0].lower()
        if len(base) == 1 and base != char:
            table[code] = base
    for code in range(ord("A"), ord("Z") + 1):
        table[code] = chr(code).lower()
    return table


def fold_chars(text: str) -> str:
    """Lower case without diacritics, one character for one: offsets hold."""
    return text.translate(_fold_table())


@lru_cache(maxsize=None)
def motto_pattern():
    """The national title, the motto and a Party document's motto, on folded text."""
    words = [r"\W+".join(regex.escape(w) for w in t.split()) for t in catalog("units")["national_title"]]
    return compiled_patterns.compile(r"(?:^|(?<=\s))(?:" + "|".join(words) + ")")


def is_motto(text: str) -> bool:
    return motto_pattern().match(fold_chars(text.strip())) is not None


def pieces(block: Block) -> list[Piece]:
    """The columns of a block's line, left to right, without their outer spaces."""
    line_text = block.text
    bounds = []
    pos = 0
    for match in COLUMN_GAP.finditer(line_text):
        if match.start() > pos:
            bounds.append((pos, match.start()))
        pos = match.end()
    if pos < len(line_text):
        bounds.append((pos, len(line_text)))
    out: list[Piece] = []
    for start, end in bounds:
        for cut_start, cut_end in _glued(line_text, start, end):
            stretch = line_text[cut_start:cut_end]
            first = cut_start + len(stretch) - len(stretch.lstrip())
            last = cut_start + len(stretch.rstrip())
            if last > first:
                out.append(Piece(block, first, last, bool(out) or first >= RIGHT_LEAD or block.column > 0))
    return out


def _glued(line_text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A stretch of a line cut where two columns meet with one space between them."""
    cuts = []
    motto = None
    if _MOTTO_LETTERS.search(line_text, start, end):
        motto = motto_pattern().search(fold_chars(line_text[start:end]), 1)
    if motto is not None and line_text[start:start + motto.start()].strip():
        cuts.append(start + motto.start())
    else:
        caps = _CAPS_THEN_WORD.match(line_text, start, end)
        if caps is not None and any(c.isalpha() for c in caps.group()):
            cuts.append(caps.end())
        tail = _WORD_THEN_CAPS.search(line_text, start, end)
        if tail is not None and sum(c.isalpha() for c in tail.group()) >= 2:
            cuts.append(tail.start())
        elif line_text[start:end].lstrip().startswith(("-", "+", "–", "•")):   # a recipient, in a list
            tail = _WORD_THEN_SIGNED.search(line_text, start, end)
            if tail is not None:
                cuts.append(tail.start())
    edges = [start] + sorted(c for c in cuts if start < c < end) + [end]
    return list(zip(edges, edges[1:]))
