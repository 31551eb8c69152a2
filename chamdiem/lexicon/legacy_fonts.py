"""Text drawn with pre-Unicode Vietnamese fonts (TCVN3 '.VnTime', VNI 'VNI-Times') comes out of a
PDF as Latin-1 look-alikes ('Qu¶ng Ng·i', 'Quaûng Ngaõi'). The font name says which encoding;
the tables in catalogs/legacy_encodings.toml turn the text back into Unicode (NFC)."""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache
from itertools import groupby

from chamdiem.lexicon.catalogs import catalog


@lru_cache(maxsize=None)
def _tables() -> dict:
    return catalog("legacy_encodings")


def _base_name(font_name: str) -> str:
    return font_name.split("+", 1)[-1]


def encoding_of_font(font_name: str) -> str | None:
    """'tcvn3', 'tcvn3-capitals', 'vni' or None for a Unicode font."""
    name = _base_name(font_name or "")
    tables = _tables()
    if re.match(tables["vni"]["font_pattern"], name, re.I):
        return "vni"
    if re.match(tables["tcvn3"]["font_pattern"], name):
        return "tcvn3-capitals" if re.match(tables["tcvn3"]["capital_font_pattern"], name) else "tcvn3"
    return None


def may_name_legacy_font(data: bytes) -> bool:
    """False when the bytes of an XML part (ASCII-compatible, no character references) cannot name
    a legacy font anywhere: none of the encodings' ``name_holds`` is in them, in any case. True is
    only a maybe: the part must be parsed to know."""
    if b"\x00" in data or b"&#" in data:   # UTF-16/32, or a name spelled with character references
        return True
    folded = data.lower()
    return any(table["name_holds"].encode() in folded for table in (_tables()["tcvn3"], _tables()["vni"]))


def convert(text: str, encoding: str) -> str:
    if encoding in ("tcvn3", "tcvn3-capitals"):
        char_map = _tables()["tcvn3"]["map"]
        out = "".join(char_map.get(ch, ch) for ch in text)
        return out.upper() if encoding == "tcvn3-capitals" else out
    if encoding == "vni":
        return _vni(text)
    return text


def _vni(text: str) -> str:
    tables = _tables()["vni"]
    mods, letters = tables["modifiers"], tables["letters"]
    out = []
    for char in text:
        low = char.lower()
        if low in mods and not out:
            # no letter before it in this text (a PDF gives one glyph at a time): the code is the
            # mark itself, and the reader folds it into the letter drawn before it
            out.append(mods[low])
            continue
        if low in mods and out[-1][-1:].isalpha():
            prev = out[-1]
            base = unicodedata.normalize("NFD", prev)
            if not any(unicodedata.category(c) == "Mn" for c in base[1:]) or prev.lower() in ("ơ", "ư"):
                out[-1] = unicodedata.normalize("NFC", prev + mods[low])
                continue
        out.append(letters.get(char, char))
    return unicodedata.normalize("NFC", "".join(out))


def family(encoding: str | None) -> str | None:
    """The encoding as v_documents names it: 'tcvn3' (capital fonts included) or 'vni'."""
    if encoding is None:
        return None
    return "tcvn3" if encoding.startswith("tcvn3") else encoding


def is_unicode_vietnamese(text: str) -> bool:
    """Text with letters beyond Latin-1 ('ư', 'ạ', 'ế') is Unicode whatever its font says (typed
    in Unicode over a template whose font is a legacy one): a legacy encoding has none."""
    return any(ord(ch) > 0xFF and ch.isalpha() for ch in text)


def convert_pieces(pieces: list[tuple[str, str | None]]) -> tuple[str, set[str]]:
    """Text pieces (runs), each with its font's encoding or None, as Unicode; consecutive pieces
    of one encoding are converted together, since a VNI letter and its mark may sit in two runs.
    Returns the text and the encodings that were decoded."""
    out: list[str] = []
    used: set[str] = set()
    for enc, run in groupby(pieces, key=lambda piece: piece[1]):
        chunk = "".join(text for text, _ in run)
        if enc and chunk and not is_unicode_vietnamese(chunk):
            converted = convert(chunk, enc)
            if converted != chunk:
                used.add(family(enc))
            chunk = converted
        out.append(chunk)
    return "".join(out), used


_CP1252_HIGH = {i: bytes([i]).decode("cp1252") for i in range(0x80, 0xA0) if i not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)}


def as_cp1252(data: bytes) -> str:
    """Bytes as Windows-1252, the code page legacy-font text was typed in (its five undefined
    bytes as Latin-1), so each byte is the character the font's table expects."""
    return data.decode("latin-1").translate(_CP1252_HIGH)


# a character beyond ASCII; white space among them is left out of the counts below
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _is_unicode_mark(char: str) -> bool:
    """A letter beyond Latin-1 or a combining mark: Unicode Vietnamese (or Windows-1258's marks),
    which no legacy font's text has."""
    return ord(char) > 0xFF and unicodedata.category(char)[0] == "L" or unicodedata.category(char) == "Mn"


# In UTF-8 every non-ASCII character has one lead byte (0xC0-0xFF); lead bytes 0xC4-0xC9 start
# U+0100-U+027F (letters only: 'ă', 'đ', 'ơ', 'ư') and 0xCC starts U+0300-U+033F (combining marks only).
_LEADS = bytes(range(0xC0, 0x100))
_LETTER_LEADS = bytes(range(0xC4, 0xCA)) + b"\xcc"
_LEAD_RANGES_HOLD = (all(unicodedata.category(chr(c))[0] == "L" for c in range(0x100, 0x280))
                     and all(unicodedata.category(chr(c)) == "Mn" for c in range(0x300, 0x340)))


def _plainly_unicode(text: str) -> bool:
    """Letters beyond Latin-1 and combining marks already make over 5 % of the non-ASCII characters,
    counting only those of U+0100-U+027F and U+0300-U+033F (a lower bound) against all non-ASCII
    characters (an upper bound): detect's answer is None, found from byte counts of the UTF-8 form."""
    if not _LEAD_RANGES_HOLD:
        return False
    encoded = text.encode("utf-8", "surrogatepass")
    at_most = len(encoded) - len(encoded.translate(None, _LEADS))
    at_least = len(encoded) - len(encoded.translate(None, _LETTER_LEADS))
    return at_least > 0.05 * at_most


def detect(text: str) -> str | None:
    """'tcvn3' or 'vni' when the text's characters show that encoding (no font says so: plain
    text), else None. See [detection] in catalogs/legacy_encodings.toml.

    Byte counts settle most Unicode Vietnamese, the counts of the distinct characters most other
    texts, without a look at each position; only a text still open is read character by character."""
    if _plainly_unicode(text):
        return None
    det = _tables()["detection"]
    counts = Counter(_NON_ASCII.findall(text))
    counted = sum(k for ch, k in counts.items() if not ch.isspace())
    if counted < det["min_chars"]:
        return None
    beyond = sum(k for ch, k in counts.items() if not ch.isspace() and _is_unicode_mark(ch))
    if beyond > 0.05 * counted:
        return None  # Vietnamese letters of Unicode (or marks of Windows-1258): not a legacy font
    return _detect_by_position(text, counted)


def _detect_by_position(text: str, counted: int) -> str | None:
    """The legacy encoding whose codes stand where that encoding puts them (inside words, after a
    vowel), once the character counts have left the text open; ``counted``: its non-ASCII characters."""
    tables = _tables()
    det = tables["detection"]
    non_ascii = [m.start() for m in _NON_ASCII.finditer(text) if not m.group().isspace()]
    tcvn = tables["tcvn3"]["map"]
    mods = tables["vni"]["modifiers"]
    vowels = det["vni_vowels"]
    # a TCVN3 letter stands inside a word ('c¸c', '®iÓm'); '©' or '§' on their own are symbols
    n_tcvn = sum(1 for i in non_ascii if "\u00a1" <= text[i] <= "\u00bf" and text[i] in tcvn
                 and (i and text[i - 1].isalpha() or i + 1 < len(text) and text[i + 1].isalpha()))
    n_vni = sum(1 for i in non_ascii if text[i].lower() in mods and i and text[i - 1] in vowels)
    share = {"tcvn3": n_tcvn / counted, "vni": n_vni / counted}
    best = max(share, key=share.get)
    if share[best] < det["min_share"]:
        return None
    # and converted, it must read as Vietnamese: letters beyond Latin-1 ('ư', 'ạ', 'ế')
    out = convert(text, best)
    return best if sum(1 for ch in out if ord(ch) > 0xFF and ch.isalpha()) >= det["min_chars"] else None
