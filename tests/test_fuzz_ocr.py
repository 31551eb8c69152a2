"""The OCR path fuzzed as tests/test_fuzz_readers.py fuzzes the other readers: page images of
every size (one pixel to a poster), empty, one word, ruled tables with rules missing anywhere,
rotated, noisy, as JPEG, PNG or TIFF, give a document or a typed IngestError, never another
exception. The explicit examples run on every CI run; CHAMDIEM_FUZZ_EXAMPLES adds random ones
(`make fuzz`)."""
import io
import os
import pathlib

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from chamdiem.model.errors import IngestError
from chamdiem.pipeline.extract import extract_document
from chamdiem.readers.dispatch import read_checked
from chamdiem.readers.pdf.ocr import ocr_missing
from chamdiem.readers.pdf.rules import Seg, find_grids
from renditions import FONT_DIR

FONT = pathlib.Path(FONT_DIR, "DejaVuSans.ttf")
needs_ocr = pytest.mark.skipif(not FONT.exists() or ocr_missing() is not None,
                               reason=f"fonts-dejavu-core and OCR are needed: {ocr_missing()}")
EXAMPLES = int(os.environ.get("CHAMDIEM_FUZZ_EXAMPLES", "3"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize="CHAMDIEM_FUZZ_EXAMPLES" not in os.environ,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large], database=None)
WORDS = ["Tiêu chí", "10", "9,5", "Điểm tự chấm", "Đ", "Kế hoạch số 24/KH-UBND", "ĐVCQ", "x"]


def hand_drawn_l_table() -> list[Seg]:
    """A 3 × 3 ruled table whose missing rules join slots (0,0), (0,1), (1,1) into an L and (1,0),
    (2,0) into a column: the bounding box of the L takes in the start of the column."""
    h = lambda y, a, b: Seg(True, y, a, b)
    v = lambda x, a, b: Seg(False, x, a, b)
    return [h(100, 100, 1000), h(550, 100, 1000), v(100, 100, 550), v(1000, 100, 550), v(700, 100, 550),
            v(400, 250, 550), h(250, 100, 400), h(400, 400, 700), h(250, 700, 1000), h(400, 700, 1000)]


def test_missing_rules_in_an_l_make_cells_that_do_not_overlap():
    """The photographed page that ended as internal_error (IndexError in readers/builder.py): an
    L of joined slots gave a cell whose box held another cell's start, so one row had a cell that
    starts a vertical merge and one that continues it in the same column."""
    (grid,) = find_grids(hand_drawn_l_table())
    assert grid.xs == [100.0, 400.0, 700.0, 1000.0] and grid.ys == [100.0, 250.0, 400.0, 550.0]
    assert grid.cells == [(0, 0, 2, 1), (0, 2, 0, 2), (1, 2, 1, 2), (2, 2, 2, 2)]


@st.composite
def page_images(draw):
    """A page image as a scanner or a phone would send it, and its file name."""
    import numpy as np
    from PIL import Image, ImageDraw, ImageFont
    width = draw(st.one_of(st.integers(1, 64), st.integers(65, 1800), st.sampled_from([4000, 6000])))
    height = draw(st.one_of(st.integers(1, 64), st.integers(65, 1800), st.sampled_from([5000, 8000])))
    img = Image.new("L", (width, height), 255)
    pen = ImageDraw.Draw(img)
    for _ in range(draw(st.integers(0, 10))):   # rules, anywhere, of any length: tables with pieces missing
        x, y = draw(st.integers(0, width)), draw(st.integers(0, height))
        if draw(st.booleans()):
            pen.rectangle([x, y, x + draw(st.integers(0, width)), y + draw(st.integers(0, 3))], fill=0)
        else:
            pen.rectangle([x, y, x + draw(st.integers(0, 3)), y + draw(st.integers(0, height))], fill=0)
    for _ in range(draw(st.integers(0, 4))):
        font = ImageFont.truetype(str(FONT), draw(st.integers(4, 120)))
        pen.text((draw(st.integers(0, width)), draw(st.integers(0, height))), draw(st.sampled_from(WORDS)),
                 font=font, fill=0)
    # heavy noise on small pages only: tesseract takes minutes over a poster of salt and pepper
    # (a real ingest stops it at the per-file time limit), which says nothing about our code
    area = width * height
    density = draw(st.sampled_from([0.0, 0.0, 0.0005] + ([0.02] if area <= 1800 * 1800 else [])
                                   + ([0.3] if area <= 600 * 600 else [])))
    if density:
        rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
        pixels = np.asarray(img).copy()
        pixels[rng.random(pixels.shape) < density] = 0
        img = Image.fromarray(pixels)
    angle = draw(st.sampled_from([0, 0, 90, 180, 3.5, -7, 45]))
    if angle:
        img = img.rotate(angle, expand=True, fillcolor=255)
    return draw_file(img, draw(st.sampled_from(["jpg", "png", "tif"])), draw(st.sampled_from([None, 1, 72, 300])))


def draw_file(img, fmt: str, dpi: int | None) -> tuple[str, bytes]:
    buf = io.BytesIO()
    options = {"dpi": (dpi, dpi)} if dpi else {}
    img.save(buf, {"jpg": "JPEG", "png": "PNG", "tif": "TIFF"}[fmt], **options)
    return f"page.{fmt}", buf.getvalue()


def ruled_page(segs: list[Seg], words: list[tuple[int, int, str]], size=(1100, 700), angle=0.0):
    from PIL import Image, ImageDraw, ImageFont
    img = Image.new("L", size, 255)
    pen = ImageDraw.Draw(img)
    for s in segs:
        if s.horizontal:
            pen.rectangle([s.a, s.pos - 1, s.b, s.pos + 1], fill=0)
        else:
            pen.rectangle([s.pos - 1, s.a, s.pos + 1, s.b], fill=0)
    font = ImageFont.truetype(str(FONT), 40)
    for x, y, text in words:
        pen.text((x, y), text, font=font, fill=0)
    return img.rotate(angle, expand=True, fillcolor=255) if angle else img


def read_or_typed_error(name: str, data: bytes) -> None:
    try:
        model = read_checked(name, data, "0" * 64)
    except IngestError as exc:
        assert exc.kind and exc.reason, (exc.kind, exc.reason)
        return
    assert model.text.strip() and model.ocr
    extract_document(model)


def examples():
    """The shapes that must always be tried, whatever the random budget."""
    from PIL import Image
    l_table = ruled_page(hand_drawn_l_table(), [(150, 150, "Tiêu chí một"), (150, 300, "Hai"), (450, 450, "10")])
    one_word = ruled_page([], [(200, 300, "Điểm")])
    return [draw_file(Image.new("L", (1, 1), 255), "png", None),
            draw_file(Image.new("L", (2480, 3508), 255), "jpg", 300),
            draw_file(one_word, "jpg", None),
            draw_file(l_table, "jpg", 200),
            draw_file(l_table.rotate(90, expand=True, fillcolor=255), "png", 200),
            draw_file(ruled_page(hand_drawn_l_table(), [(450, 450, "9,5")], angle=4), "tif", 72)]


@needs_ocr
def test_the_photographed_l_table_is_read_not_an_internal_error():
    name, data = examples()[3]
    model = read_checked(name, data, "0" * 64)
    assert model.ocr and [len(t.rows) for t in model.tables] == [3]
    extract_document(model)


@needs_ocr
def test_any_page_image_gives_a_document_or_a_typed_error():
    def prop(named):
        read_or_typed_error(*named)
    for named in examples():
        prop = example(named)(prop)
    FUZZ(given(page_images())(prop))()
