"""Scanned pages (an image-only PDF, or JPEG/PNG/TIFF page images) read with OCR: tesseract with
the Vietnamese model through pytesseract (`pip install chamdiem[ocr]`, Debian tesseract-ocr and
tesseract-ocr-vie).

A page lying askew (up to the catalog's few degrees) is first turned straight (readers/pdf/deskew.py),
so its rules are level and its lines of text read as a straight page's do. Table rules are found on
the image (long dark runs) and painted out before OCR, so tesseract does
not read them as letters; the words it returns, with their boxes, become the characters and rules
that the text-layer PDF reader lays out (readers/pdf.py, readers/pdf_geometry.py), so a scanned
sheet gets the same table structure as a typed one. Each word's confidence is kept with its span
in the document text (``DocumentModel.ocr_words``) for the values read from it.
"""
from __future__ import annotations

import bisect
import io
import os
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from typing import NamedTuple

import regex

from chamdiem.lexicon.catalogs import catalog
from chamdiem.model.document import DocumentModel
from chamdiem.model.errors import CorruptFile, NoTextLayer
from chamdiem.readers.pdf.reader import page_layout_reader
from chamdiem.readers.pdf.deskew import straightened
from chamdiem.readers.pdf.geometry import Char, PageChars, Seg, find_grids

HOW_TO_ENABLE = ("install it with `pip install 'chamdiem[ocr]'` (or `make ocr`) and the Debian packages "
                 "tesseract-ocr and tesseract-ocr-vie")
DARK = 128  # grey level below which a pixel is ink


@lru_cache(maxsize=1)
def ocr_missing() -> str | None:
    """None when OCR can run here, else what is missing and how to install it."""
    try:
        import numpy  # noqa: F401
        import PIL  # noqa: F401
        import pytesseract
    except ImportError as exc:
        return f"the OCR extra is not installed ({exc.name}): {HOW_TO_ENABLE}"
    try:
        langs = set(pytesseract.get_languages(config=""))
    except (pytesseract.TesseractNotFoundError, OSError):
        return f"the tesseract program is not installed: {HOW_TO_ENABLE}"
    need = [lang for lang in _settings()["languages"].split("+") if lang not in langs]
    if need:
        return f"tesseract has no model for {', '.join(need)}: {HOW_TO_ENABLE}"
    return None


def _settings() -> dict:
    return catalog("ocr")


def ocr_pdf(path: str, sha256: str, pdf) -> DocumentModel:
    """Every page of an open pypdfium2 document rendered and read by OCR."""
    dpi = int(_settings()["dpi"])
    images = []
    for pno in range(len(pdf)):
        page = pdf[pno]
        try:
            images.append((page.render(scale=dpi / 72).to_pil(), dpi))
        finally:
            page.close()
    return _read_pages(path, sha256, "pdf", images)


def read_image(path: str, data: bytes, sha256: str, fmt: str) -> DocumentModel:
    """A JPEG/PNG/TIFF of one or more pages (every frame of a TIFF). Without OCR this is the same
    ``no_text_layer`` error a scanned PDF gives."""
    missing = ocr_missing()
    if missing is not None:
        raise NoTextLayer(path, f"a page image has no text layer; OCR would read it but {missing}")
    from PIL import UnidentifiedImageError
    try:
        pages = image_pages(data)
    except (UnidentifiedImageError, OSError) as exc:
        raise CorruptFile(path, f"not a readable {fmt.upper()} image: {exc}") from None
    return _read_pages(path, sha256, fmt, pages)


def image_pages(data: bytes) -> list:
    """The pages of an image file (every frame of a TIFF), each with the resolution its points are
    measured at: the file's own, or the catalog's when it states none (or an implausible one). The
    trace page draws boxes on these same pages."""
    from PIL import Image, ImageSequence
    img = Image.open(io.BytesIO(data))
    frames = [f.copy() for f in ImageSequence.Iterator(img)]
    default = int(_settings()["dpi"])
    pages = []
    for frame in frames:
        dpi = frame.info.get("dpi", (default, default))[0] or default
        pages.append((frame, float(dpi) if float(dpi) >= 50 else default))
    return pages


def _read_pages(path: str, sha256: str, fmt: str, pages: list) -> DocumentModel:
    reader = page_layout_reader(path, sha256, fmt)
    builder = reader.builder
    spans: list[tuple[int, int, float]] = []
    words_read = 0
    for number, ((image, dpi), (chars, segments, words)) in enumerate(zip(pages, _pages_content(pages))):
        if number:
            builder.page_break()
        start = builder.position
        words_read += len(words)
        reader.lay_out(PageChars.of(chars), segments, image.width * 72.0 / dpi)
        spans += _word_spans(builder.text_since(start), start, words)
    if not words_read:
        raise NoTextLayer(path, f"{len(pages)} page image(s) without a text layer (a scan), on which OCR "
                                f"read no text")
    model = builder.build()
    model.ocr = True
    model.ocr_words = spans
    return model


def page_workers(pages: int) -> int:
    """How many pages of one scan are read at once: the catalog's ``page_workers``, never more than
    the cores this process may use nor than the pages."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(int(_settings()["page_workers"]), cores, pages))


def _pages_content(pages: list) -> list:
    """``page_content`` of every page, in page order. The pages are cut into runs (as many as the
    page workers, at most the catalog's ``pages_per_run`` pages each), each read by its own
    tesseract (single-threaded in a reading worker: pipeline/workers.py), a few at once. tesseract reads every image of
    a run on its own, so the result is the one a one-by-one reading gives; a run loads the language
    model once for its pages instead of twice per page."""
    workers = page_workers(len(pages))
    count = max(workers, -(-len(pages) // max(int(_settings()["pages_per_run"]), 1)))
    size = -(-len(pages) // count)
    runs = [pages[k:k + size] for k in range(0, len(pages), size)]
    if workers == 1:
        return [content for run in runs for content in _run_content(run)]
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="ocr-page") as pool:
        return [content for contents in pool.map(_run_content, runs) for content in contents]


class Word:
    __slots__ = ("text", "conf", "top", "x0")

    def __init__(self, text: str, conf: float, top: float, x0: float):
        self.text, self.conf, self.top, self.x0 = text, conf, top, x0


def page_content(img, dpi: float) -> tuple[list[Char], list[Seg], list[Word]]:
    """Characters (from the OCR words' boxes), rules and words of one page image, in points.

    Text in a ruled table is read cell by cell: each cell's ink is cut out and stacked with the
    others, under the strips of the page's own lines, into one image read in one tesseract run. The
    short cells (scores, item numbers: a lone '7' is often read as '/') are read a second time side
    by side on one line, and the two readings are settled by ``_settle``."""
    return _run_content([(img, dpi)])[0]


class _Page:
    """One page on its way through OCR: its rules, its mosaic and bands, the words read per band."""
    __slots__ = ("segs", "mosaic", "bands", "first_cell", "pt", "by_band")

    def __init__(self, img, dpi: float):
        import numpy as np
        settings = _settings()
        img, _ = straightened(img, float(settings["max_skew_degrees"]), float(settings["skew_step_degrees"]),
                              float(settings["least_skew_degrees"]))
        grey = np.asarray(img.convert("L"))
        self.pt = 72.0 / dpi
        min_run = max(int(float(settings["min_rule_points"]) / self.pt), 10)
        self.segs, clean = _rules(grey < DARK, grey, min_run, self.pt)
        self.mosaic, self.bands, self.first_cell = _mosaic(clean, find_grids(self.segs), self.pt)
        self.by_band: dict[int, list] = {}

    def take(self, words: list) -> None:
        tops = [band[0] for band in self.bands]
        for word in words:
            k = _band_of(self.bands, tops, word.top + word.height / 2)
            if k is not None:
                self.by_band.setdefault(k, []).append(word)

    def short(self) -> list[tuple[int, int, int]]:
        """The short cells read a second time, each as (band, top, bottom) in the band's image: the
        bands that hold a few characters (table cells, and the pieces of the page's own lines cut
        as an unruled table's cells are, ``_blocks``), and each line of a band that is a stack of
        such lines (an unruled sheet's column of scores, cut apart from its labels at its gutter:
        read as a block, its '3' came back as '=)', its '2.5' as '2:5')."""
        out = []
        for k, band in enumerate(self.bands):
            got = self.by_band.get(k, [])
            lines: dict[tuple[int, int], int] = {}
            for w in got:
                lines[(w.line_top, w.line_bottom)] = lines.get((w.line_top, w.line_bottom), 0) + len(w.text)
            if len(lines) > 1 and max(lines.values()) <= SHORT_CELL:
                out += [(k, max(ly0 - band[0] - TIGHT, 0), min(ly1 - band[0] + TIGHT + 1, band[3]))
                        for ly0, ly1 in sorted(lines)]
            elif sum(lines.values()) <= SHORT_CELL:
                out.append((k, 0, band[3]))
        return out

    def _cell_words(self, k: int, top: int, bottom: int) -> tuple[list, list]:
        """The words of band ``k`` inside the cell (top, bottom) and the others."""
        y0, y1 = self.bands[k][0] + top, self.bands[k][0] + bottom
        got = self.by_band.get(k, [])
        return ([w for w in got if y0 <= w.top + w.height / 2 < y1],
                [w for w in got if not y0 <= w.top + w.height / 2 < y1])

    def settle(self, again: dict, doubt: float) -> None:
        """Each short cell's two readings settled (``_settle``); a line of a stack: its words of the
        first reading give way to the settled ones."""
        for (k, top, bottom), words in again.items():
            if top == 0 and bottom == self.bands[k][3]:
                self.by_band[k] = _settle(self.by_band.get(k, []), words, doubt)
                continue
            inside, kept = self._cell_words(k, top, bottom)
            self.by_band[k] = sorted(kept + _settle(inside, words, doubt), key=lambda w: (w.line_top, w.left))

    def doubtful(self, cell: tuple[int, int, int], sure: float) -> bool:
        """Whether a short cell is read a second time: a short band always; a line of a stack
        unless its first reading is a number read with ``sure`` confidence or more (most of a
        score column's lines: reading them again costs a second tesseract pass for nothing)."""
        k, top, bottom = cell
        if top == 0 and bottom == self.bands[k][3]:
            return True
        inside, _ = self._cell_words(k, top, bottom)
        return not inside or any(not _NUMBER.match(w.text) or w.conf < sure for w in inside)

    def see_points(self, cells: list) -> None:
        """The numbers of the short cells with the decimal point or comma their ink shows and both
        readings dropped or took for another character (``_point_seen``)."""
        for k, top, bottom in cells:
            inside, kept = self._cell_words(k, top, bottom)
            if any(_NUMBERISH.match(w.text) for w in inside):
                band = self.bands[k]
                self.by_band[k] = kept + [_point_seen(w, band[4], band[0], band[5]) for w in inside]

    def content(self) -> tuple[list[Char], list[Seg], list[Word]]:
        chars: list[Char] = []
        words: list[Word] = []
        points_per_pixel = self.pt
        bearings = _bearings(self.by_band)
        for k, got in sorted(self.by_band.items()):
            band_top, dx, dy, band_height = self.bands[k][:4]
            for (text, conf, x, y, width, height, ly0, ly1), (left, right) in zip(got, bearings[k]):
                # a line never leaves its cell
                top, bottom = max(min(y, ly0), band_top), min(max(y + height, ly1), band_top + band_height)
                x0, x1 = (x - left + dx) * points_per_pixel, (x + width + right + dx) * points_per_pixel
                top, bottom = (top + dy) * points_per_pixel, (bottom + dy) * points_per_pixel
                words.append(Word(text, conf, top, x0))
                step = (x1 - x0) / len(text)
                for i, char in enumerate(text):
                    chars.append(Char(char, x0 + i * step, top, x0 + (i + 1) * step, bottom, space_before=i == 0))
        return chars, self.segs, words


def _run_content(pages: list) -> list:
    """``page_content`` of a few pages, with one tesseract run for all their mosaics and one for
    all their short cells."""
    settings = _settings()
    read = [_Page(img, dpi) for img, dpi in pages]
    inked = [page for page in read if page.bands]
    for page, words in zip(inked, _tesseract_many([page.mosaic for page in inked], int(settings["psm"]))):
        page.take(words)
    cells = [page.short() for page in read]
    sure = float(settings["min_value_confidence"])
    strips = [(page, _short_strip(page.bands, [c for c in short if page.doubtful(c, sure)]))
              for page, short in zip(read, cells)]
    strips = [(page, strip) for page, strip in strips if strip is not None]
    doubt = float(settings["disagreement_confidence"])
    for (page, strip), words in zip(strips, _tesseract_many([strip[0] for _, strip in strips], 7)):
        page.settle(_short_words(page.bands, strip, words), doubt)
    for page, short in zip(read, cells):
        page.see_points(short)
    return [page.content() for page in read]


def _bearings(by_band: dict[int, list]) -> dict[int, list[tuple[float, float]]]:
    """How far each word's box is widened left and right (pixels), so that the gap between two
    words of a line is what a font's advance boxes leave, as in a text layer, not the wider gap
    between their ink (the side bearings of the two letters on either side are in it).

    The page's own word spaces say how much: the median gap between the words of a line, in line
    heights, beyond the catalog's ``word_space`` is shared between the two words; no word is
    widened past half the gap to its neighbour. Without widening, a space read between a header
    cell's words ('Điểm tối đa') is as wide as the gap between two columns of a narrowly padded
    sheet, and the cell is split into columns of its own."""
    gaps: list[float] = []
    lines: dict[int, dict[tuple[int, int], list[int]]] = {}
    for k, got in by_band.items():
        by_line = lines.setdefault(k, {})
        for n, word in enumerate(got):
            by_line.setdefault((word.line_top, word.line_bottom), []).append(n)
        for (ly0, ly1), members in by_line.items():
            members.sort(key=lambda n: got[n].left)
            for a, b in zip(members, members[1:]):
                gap = (got[b].left - got[a].left - got[a].width) / max(ly1 - ly0, 1)
                if 0 <= gap < 1:   # wider: cells apart, not a space
                    gaps.append(gap)
    settings = _settings()
    share = 0.0
    if len(gaps) >= int(settings["least_word_spaces"]):
        gaps.sort()
        share = max(gaps[len(gaps) // 2] - float(settings["word_space"]), 0.0) / 2
    out: dict[int, list[tuple[float, float]]] = {}
    for k, got in by_band.items():
        pads = [(0.0, 0.0)] * len(got)
        for (ly0, ly1), members in lines[k].items():
            pad = share * max(ly1 - ly0, 1)
            for j, n in enumerate(members):
                word = got[n]
                room_left = (word.left - got[members[j - 1]].left - got[members[j - 1]].width) / 2 if j else pad
                room_right = (got[members[j + 1]].left - word.left - word.width) / 2 if j + 1 < len(members) else pad
                pads[n] = (min(pad, max(room_left, 0.0)), min(pad, max(room_right, 0.0)))
        out[k] = pads
    return out


class _OcrWord(NamedTuple):
    """A word as tesseract reads it, in the image's pixels, with the top and bottom of its line."""
    text: str
    conf: float
    left: int
    top: int
    width: int
    height: int
    line_top: int
    line_bottom: int


SHORT_CELL = 6  # characters: cells this short (a score, an item number) are read a second time


_NUMBER = regex.compile(r"^\d+(?:[.,]\d+)?$")


def _settle(first: list, second: list, doubt: float) -> list:
    """One reading of a short cell from two. Equal texts: the first. Different: the one that is
    a number when only one is; of two numbers with the same digits, the one with a decimal point
    or comma (a dot is a speck tesseract drops from '2.5', it does not make one up between two
    digits; the strip drops it from '9.5' more often than not); else the more confident one.
    Either way its confidence is capped at ``doubt``: two readings that disagree make a value to
    check, not a silent one."""
    text = lambda ws: " ".join(w.text for w in ws)
    if not first:
        return second
    if text(first) == text(second):
        return first
    numeric = [bool(ws) and all(_NUMBER.match(w.text) for w in ws) for ws in (first, second)]
    digits = [regex.sub(r"[.,]", "", text(ws)) for ws in (first, second)]
    if numeric[0] != numeric[1]:
        pick = first if numeric[0] else second
    elif numeric[0] and digits[0] == digits[1]:
        pick = first if regex.search(r"[.,]", text(first)) else second
    else:
        pick = first if _mean_conf(first) >= _mean_conf(second) else second
    return [w._replace(conf=min(w.conf, doubt)) for w in pick]


_NUMBERISH = regex.compile(r"^\d[\d.,:;']*\d$")   # digits, maybe with a separator misread between them
POINT_HEIGHT = 0.5   # of a digit's height: a blob of ink lower than this, between two digits, is a point or comma


def _point_seen(word, image, band_top: int, band_left: int):
    """``word`` (a number of two digits or more) with the decimal point or comma its ink shows:
    the columns of ink under its box part into blobs; the digits are the tall ones, and a short
    blob in their lower half between two digits is a separator (a comma when it reaches below
    the digits). Tesseract drops such a speck ('3,5' read as '35') or reads it as a digit or a
    colon ('2,5' as '215' or '2:5'). The word is kept as read unless its digits match the ink's."""
    if not _NUMBERISH.match(word.text):
        return word
    import numpy as np
    y0, y1 = max(word.line_top - band_top, 0), max(word.line_bottom - band_top, 0)
    x0 = max(word.left - band_left, 0)
    ink = image[y0:y1 + 1, x0:x0 + word.width + 1] < DARK
    cols = ink.any(axis=0)
    if not cols.any():
        return word
    edges = np.flatnonzero(np.diff(np.concatenate(([0], cols.astype(np.int8), [0]))))
    blobs = []
    for a, b in zip(edges[0::2], edges[1::2]):
        rows = np.flatnonzero(ink[:, a:b].any(axis=1))
        blobs.append((int(rows[0]), int(rows[-1])))
    tall = max(bottom - top for top, bottom in blobs)
    digits = [bottom - top >= POINT_HEIGHT * tall for top, bottom in blobs]
    low = [k for k, (top, bottom) in enumerate(blobs) if not digits[k] and 0 < k < len(blobs) - 1
           and top > (blobs[k - 1][0] + blobs[k - 1][1]) / 2]
    if len(low) != 1 or sum(digits) != len(blobs) - 1:
        return word
    at = low[0]   # digits left of the separator
    base = max(bottom for (_, bottom), d in zip(blobs, digits) if d)
    sep = "," if blobs[at][1] > base + 1 else "."
    read = regex.sub(r"\D", "", word.text)
    if len(read) == len(blobs):        # the separator read as a digit ('215')
        if read[at] != "1":
            return word
        read = read[:at] + read[at + 1:]
    if len(read) != len(blobs) - 1:
        return word
    text = read[:at] + sep + read[at:]
    if regex.sub(r"[.,]", sep, word.text) == text:
        return word
    return word._replace(text=text)


def _mean_conf(words) -> float:
    return sum(w.conf for w in words) / len(words) if words else -1.0


def _short_strip(bands, ids: list[tuple[int, int, int]]):
    """Short cells (band, top, bottom: ``_Page.short``) side by side on one line, to be read again
    as a line of text: a lone '3' that the stacked reading took for 'E)' is read as a number among
    numbers. Returns the strip, the cells, where each stands in it and the gap between them; None
    without short cells."""
    import numpy as np
    if not ids:
        return None
    crops = [bands[k][4][top:bottom] for k, top, bottom in ids]
    height = max(c.shape[0] for c in crops)
    gap = max(height, 20)
    width = sum(c.shape[1] for c in crops) + gap * (len(crops) + 1)
    strip = np.full((height + 2 * gap, width), 255, dtype=crops[0].dtype)
    lefts = []
    x = gap
    for crop in crops:
        top = gap + (height - crop.shape[0]) // 2
        strip[top:top + crop.shape[0], x:x + crop.shape[1]] = crop
        lefts.append((x, top))
        x += crop.shape[1] + gap
    return strip, ids, lefts, gap


def _short_words(bands, strip, words: list) -> dict[tuple[int, int, int], list]:
    """The words of each short cell (band, top, bottom) read again, in the stacked image's
    coordinates, for the cells in which the strip's reading found any."""
    _, ids, lefts, gap = strip
    widths = [bands[k][4].shape[1] for k, _, _ in ids]
    out: dict[tuple[int, int, int], list] = {cell: [] for cell in ids}
    for text, conf, word_x, word_y, width, height, ly0, ly1 in words:
        mid = word_x + width / 2
        j = next((j for j, (x0, _) in enumerate(lefts) if x0 - gap / 2 <= mid < x0 + widths[j] + gap / 2), None)
        if j is None:
            continue
        x0, top = lefts[j]
        k, cell_top, _ = ids[j]
        band_top, band_left = bands[k][0], bands[k][5]
        dy = band_top + cell_top - top  # strip y -> stacked image y
        out[ids[j]].append(_OcrWord(text, conf, word_x - x0 + band_left, word_y + dy, width, height, word_y + dy,
                               word_y + height + dy))
    return {k: found for k, found in out.items() if found}


def _tesseract_many(images: list, psm: int) -> list[list[_OcrWord]]:
    """``_tesseract`` of each image, all read by one tesseract run (one load of the language
    model): tesseract reads the images of a list file one by one, each as it would alone."""
    import tempfile

    import pytesseract
    from PIL import Image
    if len(images) <= 1:
        return [_tesseract(image, psm) for image in images]
    with tempfile.TemporaryDirectory(prefix="chamdiem-ocr-") as folder:
        names = []
        for k, image in enumerate(images):
            names.append(os.path.join(folder, f"{k}.pgm"))
            Image.fromarray(image).save(names[-1], format="PPM")
        listing = os.path.join(folder, "images.txt")
        with open(listing, "w", encoding="utf-8") as out:
            out.write("\n".join(names) + "\n")
        data = pytesseract.image_to_data(listing, lang=_settings()["languages"], config=f"--psm {psm}",
                                         output_type=pytesseract.Output.DICT)
    rows = list(zip(data["page_num"], data["level"], data["block_num"], data["par_num"], data["line_num"],
                    data["text"], data["conf"], data["left"], data["top"], data["width"], data["height"]))
    return [_words([row[1:] for row in rows if row[0] == k + 1]) for k in range(len(images))]


def _tesseract(image, psm: int) -> list[_OcrWord]:
    """Words tesseract reads on a greyscale array: text (NFC), confidence, box, and the top and
    bottom of the word's text line. A word's characters get its line's height, as a text layer's
    font boxes do: the ink of 'vu' is shorter than that of 'Sở', and the gaps between words are
    measured against it."""
    import pytesseract
    from PIL import Image
    picture = Image.fromarray(image)
    picture.format = "PPM"  # a grey image goes as a PGM: no deflate here and inflate in tesseract as a PNG would
    data = pytesseract.image_to_data(picture, lang=_settings()["languages"], config=f"--psm {psm}",
                                     output_type=pytesseract.Output.DICT)
    return _words(list(zip(data["level"], data["block_num"], data["par_num"], data["line_num"], data["text"],
                           data["conf"], data["left"], data["top"], data["width"], data["height"])))


def _words(rows: list) -> list[_OcrWord]:
    """The words of tesseract's TSV rows (level, block, paragraph, line, text, confidence, box),
    each with the top and bottom of its line."""
    lines = {(b, p, ln): (y, y + h) for lvl, b, p, ln, _, _, _, y, _, h in rows if lvl == 4}
    out = []
    for lvl, block, paragraph, line_no, text, conf, x, y, width, height in rows:
        text = unicodedata.normalize("NFC", (text or "").strip())
        if lvl != 5 or not text or float(conf) < 0:
            continue
        ly0, ly1 = lines.get((block, paragraph, line_no), (y, y + height))
        out.append(_OcrWord(text, float(conf), x, y, width, height, ly0, ly1))
    return out


BAND_GAP = 0.25  # of an inch: white space between the stacked cell images
INSET = 3        # pixels cut off a cell's edges (what is left of its rules)
TIGHT = 2        # pixels kept around a cell's ink


def _mosaic(clean, grids, points_per_pixel: float):
    """The ink of the page outside its tables, as strips of lines cut at blank gaps (the margins
    and blank areas are not read), then each table cell that holds ink, stacked below them.
    Returns the image, its bands (top in the image, x shift and y shift back to the page, height,
    the band's own image, its left edge in the image) and the index of the first cell's band."""
    import numpy as np
    page = clean.copy()
    crops = []
    to_pixels = lambda v: int(round(v / points_per_pixel))
    for grid in grids:
        x0, y0, x1, y1 = (to_pixels(v) for v in grid.bbox)
        for first_row, first_col, last_row, last_col in grid.cells:
            cx0, cx1 = to_pixels(grid.xs[first_col]) + INSET, to_pixels(grid.xs[last_col + 1]) - INSET
            cy0, cy1 = to_pixels(grid.ys[first_row]) + INSET, to_pixels(grid.ys[last_row + 1]) - INSET
            if cx1 - cx0 < 4 or cy1 - cy0 < 4:
                continue
            crop = _inked(clean, cx0, cy0, cx1, cy1, TIGHT)
            if crop is not None:  # tesseract reads a lone glyph best with white around it
                crops.append(crop)
        page[max(y0 - INSET, 0):y1 + INSET, max(x0 - INSET, 0):x1 + INSET] = 255
    gap = max(int(BAND_GAP * 72 / points_per_pixel), 20)
    strips = _strips(page, gap, int(GUTTER * 72 / points_per_pixel))
    pieces = strips + crops
    height = sum(c.shape[0] + gap for c, _, _ in pieces) + gap
    width = max([c.shape[1] + 2 * gap for c, _, _ in pieces], default=0)
    out = np.full((height, width), 255, dtype=page.dtype)
    bands = []
    y = gap
    for crop, cx0, cy0 in pieces:
        crop_height, crop_width = crop.shape
        out[y:y + crop_height, gap:gap + crop_width] = crop
        bands.append((y, cx0 - gap, cy0 - y, crop_height, crop, gap))
        y += crop_height + gap
    return out, bands, len(strips)


def _inked(grey, x0: int, y0: int, x1: int, y1: int, margin: int):
    """The part of ``grey[y0:y1, x0:x1]`` that holds ink, with ``margin`` pixels around it, and
    its left and top on the page; None when it holds none."""
    import numpy as np
    ink_rows, ink_cols = np.nonzero(grey[y0:y1, x0:x1] < DARK)
    if not len(ink_rows):
        return None
    ty0, tx0 = y0 + max(ink_rows.min() - margin, 0), x0 + max(ink_cols.min() - margin, 0)
    return grey[ty0:y0 + ink_rows.max() + margin + 1, tx0:x0 + ink_cols.max() + margin + 1], tx0, ty0


STRIP_MARGIN = 10  # pixels kept around a strip of the page's own lines
GUTTER = 0.1  # of an inch: a white band at least this wide down a whole block parts two columns
LINE_GAP = 0.02  # of an inch: white rows at least this high part two lines of text (not an accent)
CUT_DEPTH = 3  # blocks cut into columns, those into strips again, ... this many times at most


def _strips(page, gap: int, gutter: int = 0, depth: int = CUT_DEPTH) -> list:
    """The page's inked rows grouped where they are less than ``gap`` apart, each cut to its ink:
    the header, the notes and the signature, without the blank page around them. With a
    ``gutter``, each strip is cut further into blocks read each on its own (``_blocks``)."""
    import numpy as np
    rows = np.nonzero((page < DARK).any(axis=1))[0]
    if not len(rows):
        return []
    breaks = np.nonzero(np.diff(rows) > gap)[0]
    starts = [rows[0]] + [rows[k + 1] for k in breaks]
    ends = [rows[k] for k in breaks] + [rows[-1]]
    strips = []
    for top, bottom in zip(starts, ends):
        top, bottom = max(int(top) - STRIP_MARGIN, 0), min(int(bottom) + STRIP_MARGIN + 1, page.shape[0])
        strip = _inked(page, 0, top, page.shape[1], bottom, STRIP_MARGIN)
        if strip is not None:
            strips += _blocks(strip, gap, gutter, depth) if gutter and depth else [strip]
    return strips


def _blocks(strip, gap: int, gutter: int, depth: int) -> list:
    """A strip cut at the white gutters that run down the whole of it, each piece cut into strips
    again; a strip without such a gutter is cut between its lines where lines in columns (an
    unruled table's rows) follow lines without (a paragraph), and those runs of lines in columns
    are cut again. An unruled table's columns and the halves of a side-by-side signature are so
    read each on its own: read as one block of text, tesseract ran the cells of a row, centred at
    different heights, into lines of garbage."""
    image, x0, y0 = strip
    pieces = _columns(image, gutter)
    if len(pieces) > 1:
        return [(crop, x + left + x0, y + y0) for left, right in pieces
                for crop, x, y in _strips(image[:, left:right], gap, gutter, depth - 1)]
    runs = _column_runs(image, gutter)
    if len(runs) < 2:
        return [strip]
    out = []
    for top, bottom, in_columns in runs:
        part = image[top:bottom]
        found = _strips(part, gap, gutter, depth - 1) if in_columns else [(part, 0, 0)]
        out += [(crop, x + x0, y + top + y0) for crop, x, y in found]
    return out


def _column_runs(image, gutter: int) -> list[tuple[int, int, bool]]:
    """The strip's lines of text (parted by ``LINE_GAP``) grouped into runs of lines that are,
    or are not, in columns: (top, bottom, in columns)."""
    line_gap = max(int(gutter * LINE_GAP / GUTTER), 3)  # the same page resolution as the gutter's
    spans = _ink_spans((image < DARK).any(axis=1), line_gap)
    if not spans:
        return []
    runs: list[list] = []
    for top, bottom in spans:
        in_columns = len(_columns(image[top:bottom], gutter)) > 1
        if runs and runs[-1][2] == in_columns:
            runs[-1][1] = bottom
        else:
            runs.append([top, bottom, in_columns])
    # each run reaches down to the next one's top: the white between them stays with one of them
    for k in range(len(runs) - 1):
        runs[k][1] = runs[k + 1][0]
    runs[0][0], runs[-1][1] = 0, image.shape[0]
    return [tuple(r) for r in runs]


def _columns(strip, gutter: int) -> list[tuple[int, int]]:
    """The column ranges of a strip between white bands at least ``gutter`` pixels wide running
    down the whole of it (the strip itself when it has none)."""
    return [(max(a - STRIP_MARGIN, 0), min(b + STRIP_MARGIN, strip.shape[1]))
            for a, b in _ink_spans((strip < DARK).any(axis=0), gutter)]


def _ink_spans(inked, gap: int) -> list[tuple[int, int]]:
    """The (start, end) of each run of inked rows or columns (``inked``, one flag each), runs
    apart by more than ``gap`` white ones."""
    import numpy as np
    at = np.nonzero(inked)[0]
    if not len(at):
        return []
    breaks = np.nonzero(np.diff(at) > gap)[0]
    starts = [int(at[0])] + [int(at[k + 1]) for k in breaks]
    ends = [int(at[k]) + 1 for k in breaks] + [int(at[-1]) + 1]
    return list(zip(starts, ends))


def _band_of(bands, tops: list, y: float) -> int | None:
    k = bisect.bisect_right(tops, y) - 1
    if k >= 0 and y < bands[k][0] + bands[k][3]:
        return k
    return None


def _rules(ink, grey, min_run: int, points_per_pixel: float):
    """Horizontal and vertical dark runs at least ``min_run`` pixels long, as rules in points, and
    the image with them painted white."""
    import numpy as np
    clean = grey.copy()
    segs: list[Seg] = []
    for horizontal, mask in ((True, ink), (False, ink.T)):
        padded = np.zeros((mask.shape[0], mask.shape[1] + 2), dtype=np.int8)
        padded[:, 1:-1] = mask
        edges = np.diff(padded, axis=1)
        # in reading order every run's start (+1) is followed by its end (-1), in the same row
        flat = np.flatnonzero(edges)
        rows_s, cols_s = np.divmod(flat[0::2], edges.shape[1])
        cols_e = flat[1::2] % edges.shape[1]
        long = (cols_e - cols_s) >= min_run
        for row, run_start, run_end in zip(rows_s[long], cols_s[long], cols_e[long]):
            segs.append(Seg(horizontal, (row + 0.5) * points_per_pixel, run_start * points_per_pixel,
                            run_end * points_per_pixel))
            if horizontal:
                clean[max(row - 2, 0):row + 3, run_start:run_end] = 255
            else:
                clean[run_start:run_end, max(row - 2, 0):row + 3] = 255
    return segs, clean


_TOKEN = regex.compile(r"\S+")


def _word_spans(text: str, offset: int, words: list[Word]) -> list[tuple[int, int, float]]:
    """The span of each OCR word in the page's document text, with its confidence. The layout
    writes every word once, cells and lines in reading order: each token of the text takes the
    first unused word (top to bottom, left to right) of the same text; a token the layout joined
    or split takes the lowest confidence of the words it overlaps in text."""
    free: dict[str, list[Word]] = {}
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        free.setdefault(word.text, []).append(word)
    out = []
    for match in _TOKEN.finditer(text):
        tok = match.group()
        same = free.get(tok)
        if same:
            conf = same.pop(0).conf
        else:
            near = [w.conf for ws in free.values() for w in ws if tok in w.text or w.text in tok]
            conf = min(near) if near else 0.0
        out.append((offset + match.start(), offset + match.end(), conf))
    return out
