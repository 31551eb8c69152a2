"""Numbers written in words (catalogs/numbering.toml, [number_words]): 'mười hai' is 12, 'thứ ba'
is 3, 'chín phẩy năm' is 9.5. The patterns match them in text; ``spelled_value`` reads one."""
from __future__ import annotations

import unicodedata
from functools import lru_cache

import regex

from chamdiem.lexicon.catalogs import catalog


def _words() -> dict:
    return catalog("numbering")["number_words"]


def _alt(words) -> str:
    return "|".join(unicodedata.normalize("NFC", w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=None)
def patterns() -> dict[str, str]:
    """Regular-expression fragments (case-insensitive, whole words): ``number`` an integer in words,
    ``ordinal`` 'thứ' and a number or an ordinal word, ``decimal`` a number with a decimal digit."""
    w = _words()
    digit = rf"(?:{_alt(w['digits'])})"
    tens = rf"(?:(?:{_alt(w['ten'])})|{digit}\s+(?:{_alt(w['tens'])}))(?:\s+{digit})?"
    below_hundred = rf"(?:{tens}|{digit})"
    number = (rf"(?:{digit}\s+(?:{_alt(w['hundred'])})(?:(?:\s+(?:{_alt(w['zero'])}))?\s+{below_hundred})?"
              rf"|{below_hundred})(?![\p{{L}}])")
    ordinal = rf"(?:{_alt(w['ordinal_lead'])})\s+(?:(?:{_alt(w['ordinals'])})(?![\p{{L}}])|{number})"
    decimal = rf"{number}(?:\s+(?:{_alt(w['decimal_points'])})\s+{digit}(?![\p{{L}}]))?"
    return {"number": rf"(?<![\p{{L}}]){number}", "ordinal": rf"(?<![\p{{L}}]){ordinal}",
            "decimal": rf"(?<![\p{{L}}]){decimal}"}


def has_number_word(text: str, lo: int, hi: int) -> bool:
    """Whether a number word stands in ``text[lo:hi]`` (not 'năm' before a year's digits)."""
    return _any_word().search(text, lo, hi) is not None


@lru_cache(maxsize=None)
def _any_word():
    w = _words()
    words = [unicodedata.normalize("NFC", x) for key in ("digits", "ordinals") for x in w[key]] + list(w["ten"])
    return regex.compile(r"(?<![\p{L}])\L<words>(?![\p{L}])(?!\s*\d)", regex.I, words=words)


@lru_cache(maxsize=None)
def _lookup() -> dict[str, tuple[str, int]]:
    """Each folded-case word and its role: digit, ten, tens, hundred, zero, lead, ordinal, point."""
    w = _words()
    roles: dict[str, tuple[str, int]] = {}
    for role in ("ten", "tens", "hundred", "zero", "ordinal_lead", "decimal_points"):
        roles.update({_key(x): (role, 0) for x in w[role]})
    roles.update({_key(x): ("digit", v) for x, v in w["digits"].items()})
    return roles


def _key(word: str) -> str:
    return unicodedata.normalize("NFC", word).casefold()


def spelled_value(text: str) -> float | None:
    """The value of a number written in words (with 'thứ' or not), None when ``text`` is not one."""
    parts = [_key(p) for p in text.split()]
    if parts and _lookup().get(parts[0], ("",))[0] == "ordinal_lead":
        parts = parts[1:]
        ordinals = {_key(k): v for k, v in _words()["ordinals"].items()}
        if len(parts) == 1 and parts[0] in ordinals:
            return float(ordinals[parts[0]])
    roles = [_lookup().get(p) for p in parts]
    if not roles or None in roles:
        return None
    return _value(roles)


def _value(roles: list[tuple[str, int]]) -> float:
    """[d trăm [linh]] (mười | d mươi) [d] [phẩy d], read left to right."""
    total, current, fraction = 0, 0, None
    for role, v in roles:
        if fraction is not None:
            fraction = v
        elif role == "digit":
            current += v
        elif role == "ten":
            current += 10
        elif role == "tens":
            current *= 10
        elif role == "hundred":
            total, current = total + current * 100, 0
        elif role == "decimal_points":
            fraction = 0
    return total + current + (fraction or 0) / 10
