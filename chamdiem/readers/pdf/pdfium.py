"""pdfium's functions called bare, with plain addresses, many at a time.

A page holds hundreds of objects and thousands of glyphs, and pdfium has no call that answers for
many at once. A typed pypdfium2 call converts and checks its pointers in Python; a bare one,
mapped over a range of addresses with no Python loop body, does neither. The functions are bound
without releasing the GIL: each call is shorter than a release and re-acquisition, and none calls
back into Python. An index (a C int) is passed as a void pointer: the type ctypes converts with the
least work, and a small non-negative number is the same value in either register width.
A result never read (a success flag for boxes always found) is not converted.
"""
from __future__ import annotations

import threading
from collections import deque
from itertools import repeat

import numpy as np

from chamdiem.readers.pdf.rules import Rules

THIN = 3.0             # points: a path this thin is a rule


class BareCalls:
    """The bare functions, bound on first use (pypdfium2 is imported only when a PDF is read)."""
    _ready = False

    @classmethod
    def load(cls) -> type["BareCalls"]:
        if not cls._ready:
            import ctypes

            import pypdfium2.raw as raw
            pointer, c_int = ctypes.c_void_p, ctypes.c_int

            def bare(function, result_type, *args):
                return ctypes.PYFUNCTYPE(result_type, *args)(ctypes.cast(function, pointer).value)
            cls.count_objects = bare(raw.FPDFPage_CountObjects, c_int, pointer)
            cls.get_object = bare(raw.FPDFPage_GetObject, pointer, pointer, pointer)
            cls.form_count_objects = bare(raw.FPDFFormObj_CountObjects, c_int, pointer)
            cls.form_get_object = bare(raw.FPDFFormObj_GetObject, pointer, pointer, ctypes.c_ulong)
            cls.get_type = bare(raw.FPDFPageObj_GetType, c_int, pointer)
            cls.get_bounds = bare(raw.FPDFPageObj_GetBounds, None, pointer, pointer, pointer, pointer, pointer)
            cls.draw_mode = bare(raw.FPDFPath_GetDrawMode, None, pointer, pointer, pointer)
            cls.count_segments = bare(raw.FPDFPath_CountSegments, c_int, pointer)
            cls.text_font = bare(raw.FPDFTextObj_GetFont, pointer, pointer)
            cls.font_name = bare(raw.FPDFFont_GetBaseFontName, ctypes.c_size_t, pointer, pointer, ctypes.c_size_t)
            cls.char_object = bare(raw.FPDFText_GetTextObject, pointer, pointer, pointer)
            cls.loose_char_box = ctypes.PYFUNCTYPE(None)(ctypes.cast(raw.FPDFText_GetLooseCharBox, pointer).value)
            cls.loose_char_box.argtypes = None    # see char_boxes
            cls.form = raw.FPDF_PAGEOBJ_FORM
            cls.addr = staticmethod(lambda handle: ctypes.cast(handle, pointer).value)
            cls._ready = True
        return cls


def objects(page_raw, max_depth: int = 2) -> tuple[list, list[int]]:
    """Addresses and types of the page's objects and of those inside its forms, down to
    ``max_depth`` levels, in the order PdfPage.get_objects walks them."""
    calls = BareCalls.load()
    page = calls.addr(page_raw)
    n = calls.count_objects(page)
    objs = list(map(calls.get_object, repeat(page, n), range(n)))
    kinds = list(map(calls.get_type, objs))
    if calls.form not in kinds:
        return objs, kinds
    objs, kinds = [], []

    def walk(parent, count, get, level):
        for i in range(count(parent)):
            obj = get(parent, i)
            kind = calls.get_type(obj)
            objs.append(obj)
            kinds.append(kind)
            if kind == calls.form and level < max_depth - 1:
                walk(obj, calls.form_count_objects, calls.form_get_object, level + 1)
    walk(page, calls.count_objects, calls.get_object, 0)
    return objs, kinds


def _addresses(arr: np.ndarray, col: int) -> range:
    """The address of column ``col`` in each row of a new (C-contiguous) 2-D array."""
    step = arr.shape[1] * arr.itemsize
    start = arr.ctypes.data + arr.itemsize * col
    return range(start, start + step * len(arr), step)


def rules(paths: list, height: float) -> Rules:
    """Rules of path objects (their addresses), top-down: a thin path is a line; a stroked
    rectangle (a path of at most six segments) gives its four edges."""
    calls = BareCalls.load()
    box = np.zeros((len(paths), 4), dtype=np.float32)
    deque(map(calls.get_bounds, paths, *(_addresses(box, k) for k in range(4))), maxlen=0)
    left, bottom, right, top = box.astype(np.float64).T
    x0, x1, y0, y1 = left, right, height - top, height - bottom
    widths, heights = x1 - x0, y1 - y0
    hline = (heights <= THIN) & (widths > THIN)
    vline = (widths <= THIN) & (heights > THIN)
    rect = np.flatnonzero(~hline & ~vline & ~((widths <= THIN) | (heights <= THIN)))
    if len(rect):
        mode = np.zeros((len(rect), 2), dtype=np.int32)
        objs = [paths[k] for k in rect.tolist()]
        deque(map(calls.draw_mode, objs, _addresses(mode, 0), _addresses(mode, 1)), maxlen=0)
        stroked = mode[:, 1] != 0
        segments = list(map(calls.count_segments, [o for o, s in zip(objs, stroked.tolist()) if s]))
        few = np.array(segments, dtype=np.int64)
        rect = rect[stroked][few <= 6]
    rx0, rx1, ry0, ry1 = x0[rect], x1[rect], y0[rect], y1[rect]
    cat = np.concatenate
    pos = cat(((y0 + y1)[hline] / 2, (x0 + x1)[vline] / 2, ry0, ry1, rx0, rx1))
    starts = cat((x0[hline], y0[vline], rx0, rx0, ry0, ry0))
    ends = cat((x1[hline], y1[vline], rx1, rx1, ry1, ry1))
    hline_count, vline_count = int(np.count_nonzero(hline)), int(np.count_nonzero(vline))
    horizontal = np.zeros(len(pos), dtype=bool)
    horizontal[:hline_count] = True
    horizontal[hline_count + vline_count:hline_count + vline_count + 2 * len(rect)] = True
    return Rules(horizontal, pos, starts, ends)


class _Buffer(threading.local):
    """Where pdfium writes glyph boxes: a float array and a pointer to each box in it."""
    data = None
    slots: list = []


_BOXES = _Buffer()


def char_boxes(textpage, idx: np.ndarray) -> np.ndarray:
    """Loose boxes (left, top, right, bottom; PDF coordinates) of the characters ``idx`` of a text
    page, written by pdfium into a buffer each thread keeps. Called without declared argument types,
    ctypes passes a C int and prepared pointers (the text page's, one into the buffer per
    character) with no conversion call, the larger part of a typed call's work."""
    import ctypes
    n = len(idx)
    buf = _BOXES
    if n > len(buf.slots):
        size = max(n, 2 * len(buf.slots), 2048)
        buf.data = (ctypes.c_float * (4 * size))()
        buf.slots = [ctypes.byref(buf.data, 16 * k) for k in range(size)]
    ctypes.memset(buf.data, 0, 16 * n)
    deque(map(BareCalls.load().loose_char_box, repeat(textpage.raw, n), idx.tolist(), buf.slots[:n]), maxlen=0)
    return np.frombuffer(buf.data, dtype=np.float32, count=4 * n).reshape(n, 4).astype(np.float64)


def font_name(font: int) -> str:
    import ctypes
    buf = ctypes.create_string_buffer(256)
    size = BareCalls.load().font_name(font, ctypes.addressof(buf), 256)
    return buf.value.decode("latin-1") if size else ""
