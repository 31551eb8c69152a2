"""Where a document's characters stand on its pages: boxes in PDF points, top-down (y grows from
the top of the page), kept per word or per cell as compact arrays. Only the PDF and scan readers
fill them; a text format has none, so its model carries nothing for them."""
from __future__ import annotations

import bisect
from array import array

Box = tuple[int, float, float, float, float]   # page (1-based), x0, y0 (top), x1, y1 (bottom)


class PageBoxes:
    """Spans of the document text (start, end) in text order, each with its page and box. A span
    is a word (a run of characters between spaces) or, where the reader knows no finer, a cell's
    text. Spans never overlap, so both their starts and their ends are sorted."""
    __slots__ = ("starts", "ends", "pages", "coords", "words")

    def __init__(self) -> None:
        self.starts = array("l")
        self.ends = array("l")
        self.pages = array("l")
        self.coords = array("f")   # x0, y0, x1, y1 of each span, one after the other
        # span index -> a function (lo, hi) giving the words of the span's text that overlap
        # lo..hi (start, end, x0, y0, x1, y1 in the span's text), called when a part is asked for
        self.words: dict[int, object] = {}

    def __len__(self) -> int:
        return len(self.starts)

    def add(self, start: int, end: int, page: int, x0: float, y0: float, x1: float, y1: float,
            words=None) -> bool:
        """Records a span (and how to find its words' boxes); False (nothing recorded) for an
        empty one or one before the last."""
        if end <= start or (self.ends and start < self.ends[-1]):
            return False
        if words is not None:
            self.words[len(self.starts)] = words
        self.starts.append(start)
        self.ends.append(end)
        self.pages.append(page)
        self.coords.extend((x0, y0, x1, y1))
        return True

    def box_of(self, start: int, end: int) -> Box | None:
        """The box around every recorded span that overlaps start..end on the first page they
        reach (a row cut by a page break is boxed where it begins); None when no span does."""
        k = bisect.bisect_right(self.ends, start)
        n, page = len(self.starts), None
        x0 = y0 = float("inf")
        x1 = y1 = float("-inf")
        coords = self.coords
        while k < n and self.starts[k] < end:
            if page is None:
                page = self.pages[k]
            if self.pages[k] == page:
                for a, b, c, d in self._parts(k, start, end):
                    x0, y0, x1, y1 = min(x0, a), min(y0, b), max(x1, c), max(y1, d)
            k += 1
        if page is None or x0 == float("inf"):
            return None
        return page, round(x0, 2), round(y0, 2), round(x1, 2), round(y1, 2)

    def _parts(self, k: int, start: int, end: int) -> list:
        """The boxes of span k that start..end covers: the span's own when it is covered whole or
        its words are unknown, else those of the words it overlaps."""
        s0, e0 = self.starts[k], self.ends[k]
        words = self.words.get(k)
        if words is None or (start <= s0 and e0 <= end):
            return [tuple(self.coords[4 * k:4 * k + 4])]
        inside = words(max(start - s0, 0), min(end, e0) - s0)
        return [w[2:] for w in inside] if inside else [tuple(self.coords[4 * k:4 * k + 4])]
