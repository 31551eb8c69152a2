"""Text drawn with pre-Unicode Vietnamese fonts (TCVN3 '.VnTime', VNI 'VNI-Times') comes out of a
PDF as Latin-1 look-alikes ('Qu¶ng Ng·i', 'Quaûng Ngaõi'). The font name says which encoding;
the tables in catalogs/legacy_encodings.toml turn the text back into Unicode (NFC)."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from chamdiem.lexicon.catalogs import catalog


@lru_cache(maxsize=None)
def _tables() -> dict:
    return catalog("legacy_encodings")


def _base_name(font_name: str) -> str:
    return font_name.split("+", 1)[-1]


def encoding_of_font(font_name: str) -> str | None:
    """'tcvn3', 'tcvn3-capitals', 'vni' or None for a Unicode font."""
    name = _base_name(font_name or "")
    t = _tables()
    if re.match(t["vni"]["font_pattern"], name, re.I):
        return "vni"
    if re.match(t["tcvn3"]["font_pattern"], name):
        return "tcvn3-capitals" if re.match(t["tcvn3"]["capital_font_pattern"], name) else "tcvn3"
    return None


def convert(text: str, encoding: str) -> str:
    if encoding in ("tcvn3", "tcvn3-capitals"):
        m = _tables()["tcvn3"]["map"]
        out = "".join(m.get(ch, ch) for ch in text)
        return out.upper() if encoding == "tcvn3-capitals" else out
    if encoding == "vni":
        return _vni(text)
    return text


def _vni(text: str) -> str:
    t = _tables()["vni"]
    mods, letters = t["modifiers"], t["letters"]
    out = []
    for ch in text:
        low = ch.lower()
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
        out.append(letters.get(ch, ch))
    return unicodedata.normalize("NFC", "".join(out))
