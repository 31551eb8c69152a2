"""A cleaned view of a region of the document text, with a map back to it.

Matching wants text without HTML tags, entities, zero-width characters or markdown emphasis;
provenance wants offsets into the document text. A ``TextView`` gives both: ``text`` is the
cleaned string and ``raw_span`` turns a span of it into the span of the document text that
produced it. The document text itself is never rewritten.
"""
from __future__ import annotations

import bisect
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
        self._cstarts = tuple(clean_start for clean_start, _, _, _ in segments)

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
        for special_start, special_end in found:
            if special_start > last:
                segs.append((pos, last, special_start, True))
                parts.append(doc_text[last:special_start])
                pos += special_start - last
            tok = doc_text[special_start:special_end]
            if tok[0] in "<&":
                rep = _markup_replacement(tok)
            else:
                rep = _replacement(doc_text, tok, special_start, special_end, start, end)
            if rep:
                segs.append((pos, special_start, special_end, False))
                parts.append(rep)
                pos += len(rep)
            last = special_end
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
        view = cls.__new__(cls)
        view.text = region
        view._segs = ((0, start, end, True),)
        view._cstarts = _FIRST_ONLY
        return view

    @classmethod
    def join(cls, views: list["TextView"], sep: str = "\n") -> "TextView":
        """One view over several regions (a cell continued on the next rows); each separator maps
        to the document text between two regions."""
        if len(views) == 1:
            return views[0]
        parts: list[str] = []
        segs: list[tuple[int, int, int, bool]] = []
        pos = 0
        for k, view in enumerate(views):
            if k:
                prev_end = views[k - 1].raw_end
                segs.append((pos, prev_end, max(prev_end, view.raw_start), False))
                parts.append(sep)
                pos += len(sep)
            segs += [(cs + pos, rs, re_, ex) for cs, rs, re_, ex in view._segs]
            parts.append(view.text)
            pos += len(view.text)
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
                return self.raw_start
            k = bisect.bisect_right(self._cstarts, i - 1) - 1
            clean_start, raw_start, raw_end, exact = self._segs[k]
            return raw_start + (i - clean_start) if exact else raw_end
        k = bisect.bisect_right(self._cstarts, i) - 1
        if k < 0:
            return self.raw_start
        clean_start, raw_start, raw_end, exact = self._segs[k]
        if exact:
            return min(raw_start + (i - clean_start), raw_end)
        return raw_start

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        segs = self._segs
        if len(segs) == 1:
            clean_start, raw_start, raw_end, exact = segs[0]
            if exact:
                # one exact segment (most cells): raw_offset's arithmetic without the bisections
                return ((raw_start if start < clean_start else min(raw_start + (start - clean_start), raw_end)),
                        (raw_start if end <= 0 else raw_start + (end - clean_start)))
        return self.raw_offset(start), self.raw_offset(end, as_end=True)

    @property
    def raw_start(self) -> int:
        _, raw_start, _, _ = self._segs[0]
        return raw_start

    @property
    def raw_end(self) -> int:
        _, _, raw_end, _ = self._segs[-1]
        return raw_end


def _replacement(doc: str, tok: str, tok_start: int, tok_end: int, region_start: int, region_end: int) -> str:
    first_char = tok[0]
    if first_char == "<" or first_char == "&":
        return _markup_replacement(tok)
    if first_char == "*":
        before = doc[tok_start - 1] if tok_start > region_start else " "
        after = doc[tok_end] if tok_end < region_end else " "
        return " " if before.isalnum() and after.isalnum() else ""
    return ""  # zero-width characters and backslash escapes


@lru_cache(maxsize=4096)
def _markup_replacement(tok: str) -> str:
    """What a tag or an entity becomes; it depends on the token alone, and the same few ('<br>',
    '<li>', '&nbsp;') recur in every exported sheet."""
    if tok[0] == "<":
        return "\n" if _BLOCK_TAG.match(tok) else " "
    import html   # here: most reports hold no entity, and html's table of them is large
    out = html.unescape(tok)
    return "" if out in _ZERO_WIDTH else out
