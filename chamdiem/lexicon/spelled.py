"""Numbers written in words (catalogs/numbering.toml, [number_words]): 'mười hai' is 12, 'thứ ba'
is 3, 'chín phẩy năm' is 9.5. The patterns match them in text; ``spelled_value`` reads one."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

import regex

from chamdiem.lexicon import compiled_patterns
from chamdiem.lexicon.catalogs import catalog


def _words() -> dict:
    return catalog("numbering")["number_words"]


def _alt(words) -> str:
    return "|".join(unicodedata.normalize("NFC", w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=None)
def patterns() -> dict[str, str]:
    """Regular-expression fragments (case-insensitive, whole words): ``number`` an integer in words,
    ``ordinal`` 'thứ' and a number or an ordinal word, ``decimal`` a number with a decimal digit."""
    vocab = _words()
    digit = rf"(?:{_alt(vocab['digits'])})"
    tens = rf"(?:(?:{_alt(vocab['ten'])})|{digit}\s+(?:{_alt(vocab['tens'])}))(?:\s+{digit})?"
    below_hundred = rf"(?:{tens}|{digit})"
    number = (rf"(?:{digit}\s+(?:{_alt(vocab['hundred'])})(?:(?:\s+(?:{_alt(vocab['zero'])}))?\s+{below_hundred})?"
              rf"|{below_hundred})(?![\p{{L}}])")
    ordinal = rf"(?:{_alt(vocab['ordinal_lead'])})\s+(?:(?:{_alt(vocab['ordinals'])})(?![\p{{L}}])|{number})"
    decimal = rf"{number}(?:\s+(?:{_alt(vocab['decimal_points'])})\s+{digit}(?![\p{{L}}]))?"
    return {"number": rf"(?<![\p{{L}}]){number}", "ordinal": rf"(?<![\p{{L}}]){ordinal}",
            "decimal": rf"(?<![\p{{L}}]){decimal}"}


def has_number_word(text: str, start: int, end: int) -> bool:
    """Whether a number word stands in ``text[start:end]`` (not 'năm' before a year's digits).
    The span's case-folded copy is searched first for a number word not glued to a letter nor
    followed by a year's digits (_folded_word), with a case-sensitive pattern that begins with its
    words' letters, which the engine finds by a fast scan (the full pattern begins with a
    look-behind, tried at every position): most spans hold none, and need not be read again."""
    if _folded_word().search(text[start:end].casefold()) is None:
        return False
    return _any_word().search(text, start, end) is not None


@lru_cache(maxsize=None)
def _any_word():
    return regex.compile(r"(?<![\p{L}])\L<words>(?![\p{L}])(?!\s*\d)", regex.I, words=_number_words())


def _number_words() -> list[str]:
    vocab = _words()
    return [unicodedata.normalize("NFC", x) for key in ("digits", "ordinals") for x in vocab[key]] + list(vocab["ten"])


# Lower-case letters of the Latin script (ASCII, Latin-1, Extended-A and -B, Extended Additional):
# what case folding makes of a letter, never of anything else (the characters that fold but are no
# letters, a combining iota, Roman numerals and circled letters, fold to Greek iota, to numerals and
# to circled letters).
_LATIN_FOLDED = "a-z\u00df-\u00f6\u00f8-\u00ff\u0100-\u024f\u1e00-\u1eff"


def _longest_first(word: str) -> tuple[int, str]:
    """Longer words first, words of one length in a fixed order: the pattern's text is the same in
    every process (its program is kept under it: compiled_patterns.py)."""
    return -len(word), word


@lru_cache(maxsize=None)
def _folded_word() -> re.Pattern:
    """A number word in case-folded text, for has_number_word: it matches wherever _any_word
    matches in the text before folding. Folding maps each character on its own; a character that
    the case-insensitive pattern takes for a letter of a word (same simple folding) folds to that
    letter ('İ', taken for the 'i' that ends 'hai', folds to it and a combining dot), and a character that is no letter folds to no Latin letter, nor to a space or a digit;
    so the word's folding stands in the folded copy, with no Latin letter on either side and no
    digit after spaces, tabs or newlines (which the full pattern reads as white space too)."""
    words = sorted({w.casefold() for w in _number_words()}, key=_longest_first)
    # each word then a look-behind at the letter before it: the pattern begins with the words
    alts = "|".join(rf"{re.escape(w)}(?<![{_LATIN_FOLDED}]{re.escape(w)})" for w in words)
    return compiled_patterns.compile_re(rf"(?:{alts})(?![{_LATIN_FOLDED}])(?![ \t\n\r]*[0-9])")


class _Role(NamedTuple):
    """What a number word does (digit, ten, tens, hundred, zero, lead, ordinal, point) and, for a
    digit, its value."""
    role: str
    value: int


@lru_cache(maxsize=None)
def _lookup() -> dict[str, _Role]:
    """Each folded-case word and its role."""
    vocab = _words()
    roles: dict[str, _Role] = {}
    for role in ("ten", "tens", "hundred", "zero", "ordinal_lead", "decimal_points"):
        roles.update({_key(x): _Role(role, 0) for x in vocab[role]})
    roles.update({_key(x): _Role("digit", v) for x, v in vocab["digits"].items()})
    return roles


def _key(word: str) -> str:
    return unicodedata.normalize("NFC", word).casefold()


def spelled_value(text: str) -> float | None:
    """The value of a number written in words (with 'thứ' or not), None when ``text`` is not one."""
    parts = [_key(p) for p in text.split()]
    lead = _lookup().get(parts[0]) if parts else None
    if lead is not None and lead.role == "ordinal_lead":
        parts = parts[1:]
        ordinals = {_key(k): v for k, v in _words()["ordinals"].items()}
        if len(parts) == 1 and parts[0] in ordinals:
            return float(ordinals[parts[0]])
    roles = [_lookup().get(p) for p in parts]
    if not roles or None in roles:
        return None
    return _value(roles)


def _value(roles: list[_Role]) -> float:
    """[d trăm [linh]] (mười | d mươi) [d] [phẩy d], read left to right."""
    total, current, fraction = 0, 0, None
    for role, amount in roles:
        if fraction is not None:
            fraction = amount
        elif role == "digit":
            current += amount
        elif role == "ten":
            current += 10
        elif role == "tens":
            current *= 10
        elif role == "hundred":
            total, current = total + current * 100, 0
        elif role == "decimal_points":
            fraction = 0
    return total + current + (fraction or 0) / 10
