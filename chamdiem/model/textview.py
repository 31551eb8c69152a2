"""A cleaned view of a region of the document text, with a map back to it.

Matching wants text without HTML tags, entities, zero-width characters or markdown emphasis;
provenance wants offsets into the document text. A ``TextView`` gives both: ``text`` is the
cleaned string and ``raw_span`` turns a span of it into the span of the document text that
produced it. The document text itself is never rewritten.
"""
from __future__ import annotations

import bisect
import html
import re
from functools import lru_cache

import regex

# an HTML tag as the view drops it (also used to say when a stored label lost markup)
MARKUP_TAG = re.compile(r"</?[A-Za-z][^<>]{0,400}>")   # stdlib re: its literal "<" is found fast
# Things the view drops or replaces: HTML tags, character entities, zero-width and soft-hyphen
# characters, runs of markdown emphasis stars and backslash escapes.
_SPECIAL = regex.compile(
    MARKUP_TAG.pattern +
    r"|&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,30});"
    r"|[\u200b\u200c\u200d\u2060\ufeff\u00ad]+"
    r"|\*+"
    r"|\\(?=[\\`*_{}\[\]()#+\-.!|])"
)
# every match of _SPECIAL starts with one of these: a text without them is its own view
_SPECIAL_START = re.compile(r"[<&*\\\u200b\u200c\u200d\u2060\ufeff\u00ad]")  # stdlib re: a plain set, found faster


def may_need_cleaning(text: str) -> bool:
    """False when ``text`` has none of the characters a view's cleaning starts with: every
    region of it is then its own view (``TextView.verbatim``)."""
    return _SPECIAL_START.search(text) is not None


_BLOCK_TAG = regex.compile(r"</?(?:p|br|li|ul|ol|div|tr|h[1-6])\b", regex.I)
_ZERO_WIDTH = set("\u200b\u200c\u200d\u2060\ufeff\u00ad")


_FIRST_ONLY = (0,)   # the clean starts of a one-segment view


class TextView:
    """Cleaned text plus segments mapping it to the document text.

    Each segment is (clean_start, raw_start, raw_end, exact). An exact segment maps character by
    character; a replaced one (a tag or an entity) maps its whole clean range to its raw range.
    """

    __slots__ = ("text", "_cstarts", "_segs")

    def __init__(self, text: str, segments: list[tuple[int, int, int, bool]]):
        self.text = text
        # tuples: never changed, and once they hold only numbers the collector stops tracking them
        self._segs = tuple(segments)
        self._cstarts = tuple(s[0] for s in segments)

    @classmethod
    def of(cls, doc_text: str, start: int, end: int) -> "TextView":
        """Clean ``doc_text[start:end]``."""
        region = doc_text[start:end]
        if not may_need_cleaning(region):
            return cls.verbatim(region, start, end)
        found = [m.span() for m in _SPECIAL.finditer(doc_text, start, end)]
        if not found:
            return cls.verbatim(region, start, end)
        parts: list[str] = []
        segs: list[tuple[int, int, int, bool]] = []
        pos = 0  # length of clean text so far
        last = start
        for ms, me in found:
            if ms > last:
                segs.append((pos, last, ms, True))
                parts.append(doc_text[last:ms])
                pos += ms - last
            tok = doc_text[ms:me]
            rep = _markup_replacement(tok) if tok[0] in "<&" else _replacement(doc_text, tok, ms, me, start, end)
            if rep:
                segs.append((pos, ms, me, False))
                parts.append(rep)
                pos += len(rep)
            last = me
        if last < end:
            segs.append((pos, last, end, True))
            parts.append(doc_text[last:end])
        if not segs:
            segs.append((0, start, start, True))
        return cls("".join(parts), segs)

    @classmethod
    def verbatim(cls, region: str, start: int, end: int) -> "TextView":
        """The view of ``region`` (the document text from ``start`` to ``end``) when it holds
        nothing to clean (``may_need_cleaning`` is False): one exact segment, built without
        __init__'s general work (most cells and lines)."""
        v = cls.__new__(cls)
        v.text = region
        v._segs = ((0, start, end, True),)
        v._cstarts = _FIRST_ONLY
        return v

    @classmethod
    def join(cls, views: list["TextView"], sep: str = "\n") -> "TextView":
        """One view over several regions (a cell continued on the next rows); each separator maps
        to the document text between two regions."""
        if len(views) == 1:
            return views[0]
        parts: list[str] = []
        segs: list[tuple[int, int, int, bool]] = []
        pos = 0
        for k, v in enumerate(views):
            if k:
                prev_end = views[k - 1].raw_end
                segs.append((pos, prev_end, max(prev_end, v.raw_start), False))
                parts.append(sep)
                pos += len(sep)
            segs += [(cs + pos, rs, re_, ex) for cs, rs, re_, ex in v._segs]
            parts.append(v.text)
            pos += len(v.text)
        return cls("".join(parts), segs)

    def slice(self, start: int, end: int) -> "TextView":
        """The view of ``text[start:end]``, still mapped to the document text (a column of a line
        whose columns were exported side by side)."""
        if start <= 0 and end >= len(self.text):
            return self
        segs: list[tuple[int, int, int, bool]] = []
        bounds = [s[0] for s in self._segs[1:]] + [len(self.text)]
        for (cs, rs, re_, exact), ce in zip(self._segs, bounds):
            lo, hi = max(cs, start), min(ce, end)
            if lo >= hi:
                continue
            segs.append((lo - start, rs + (lo - cs), rs + (hi - cs), True) if exact else (lo - start, rs, re_, False))
        if not segs:
            at = self.raw_offset(start)
            segs.append((0, at, at, True))
        return TextView(self.text[start:end], segs)

    def raw_offset(self, i: int, *, as_end: bool = False) -> int:
        """Document offset of clean offset ``i`` (a start), or of an end when ``as_end``."""
        if as_end:
            if i <= 0:
                return self._segs[0][1]
            k = bisect.bisect_right(self._cstarts, i - 1) - 1
            cs, rs, re_, exact = self._segs[k]
            return rs + (i - cs) if exact else re_
        k = bisect.bisect_right(self._cstarts, i) - 1
        if k < 0:
            return self._segs[0][1]
        cs, rs, re_, exact = self._segs[k]
        if exact:
            return min(rs + (i - cs), re_)
        return rs

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        segs = self._segs
        if len(segs) == 1 and segs[0][3]:
            # one exact segment (most cells): raw_offset's arithmetic without the bisections
            cs, rs, re_, _ = segs[0]
            return (rs if start < cs else min(rs + (start - cs), re_)), (rs if end <= 0 else rs + (end - cs))
        return self.raw_offset(start), self.raw_offset(end, as_end=True)

    @property
    def raw_start(self) -> int:
        return self._segs[0][1]

    @property
    def raw_end(self) -> int:
        return self._segs[-1][2]


def _replacement(doc: str, tok: str, ms: int, me: int, lo: int, hi: int) -> str:
    c = tok[0]
    if c == "<" or c == "&":
        return _markup_replacement(tok)
    if c == "*":
        before = doc[ms - 1] if ms > lo else " "
        after = doc[me] if me < hi else " "
        return " " if before.isalnum() and after.isalnum() else ""
    return ""  # zero-width characters and backslash escapes


@lru_cache(maxsize=4096)
def _markup_replacement(tok: str) -> str:
    """What a tag or an entity becomes; it depends on the token alone, and the same few ('<br>',
    '<li>', '&nbsp;') recur in every exported sheet."""
    if tok[0] == "<":
        return "\n" if _BLOCK_TAG.match(tok) else " "
    out = html.unescape(tok)
    return "" if out in _ZERO_WIDTH else out
