"""Writes Unicode text the way pre-Unicode Vietnamese fonts stored it, to make test fixtures:
TCVN3 (.VnTime one code per letter; .VnTimeH capitals typed with the lower-case codes), VNI
(a base letter followed by mark codes), and Windows-1258 as Word saves it (a base letter and a
combining tone mark where no precomposed letter exists). The inverse of the tables in
chamdiem/catalogs/legacy_encodings.toml."""
from __future__ import annotations

import unicodedata

from chamdiem.lexicon.catalogs import catalog


def tcvn3(text: str, capitals: bool = False) -> str:
    """``capitals``: for a .VnTimeH run, where the capitals are typed as lower-case codes."""
    inv = {v: k for k, v in catalog("legacy_encodings")["tcvn3"]["map"].items()}
    src = text.lower() if capitals else text
    out = []
    for ch in unicodedata.normalize("NFC", src):
        if ch in inv:
            out.append(inv[ch])
        elif ord(ch) < 0x80:
            out.append(ch)
        else:
            raise ValueError(f"{ch!r} has no .VnTime code (use capitals=True for a .VnTimeH run)")
    return "".join(out)


def vni(text: str) -> str:
    t = catalog("legacy_encodings")["vni"]
    letters = {v: k for k, v in t["letters"].items()}
    mods = {unicodedata.normalize("NFD", "a" + v)[1:]: k for k, v in t["modifiers"].items()}
    out = []
    for ch in unicodedata.normalize("NFC", text):
        if ch in letters:
            out.append(letters[ch])
            continue
        d = unicodedata.normalize("NFD", ch)
        if len(d) == 1:
            out.append(ch)
            continue
        base, marks = d[0], d[1:]
        if "\u031b" in marks:  # the horn: ơ, ư have letter codes of their own
            base = letters[unicodedata.normalize("NFC", base + "\u031b")]
            marks = marks.replace("\u031b", "")
        if base.lower() == "i" and marks:
            out.append(letters[ch])
            continue
        code = mods[marks]
        out.append(base + (code.upper() if base.isupper() else code))
    return "".join(out)


TONES = "\u0300\u0301\u0303\u0309\u0323"


def cp1258(text: str) -> bytes:
    """As Word's 'Web page' saves Vietnamese in Windows-1258: a precomposed letter when the code
    page has it, else the base letter and a combining tone mark."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            d = unicodedata.normalize("NFD", ch)
            tone = next(c for c in d if c in TONES)
            out += unicodedata.normalize("NFC", d.replace(tone, "")).encode("cp1258") + tone.encode("cp1258")
    return bytes(out)
