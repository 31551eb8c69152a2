"""The source as printed: the page of a PDF or scan that a score was read from, rendered with
pypdfium2 (or the scan's own image), cropped to the score's row with a margin, with the boxes of
its max / self / authority values drawn and labelled and the documents cited in it boxed in
another colour. The trace page shows it as a PNG (served by the web plugin, written by
`chamdiem trace --png`)."""
from __future__ import annotations

import hashlib
import io
import os
from dataclasses import dataclass, field

from chamdiem.interfaces.trace import Trace

SCALE = 2.0          # pixels per PDF point (144 dpi): small digits stay legible
MARGIN = 24.0        # points shown around the row
IMAGE_FORMATS = ("png", "jpeg", "jpg", "tiff", "tif")
# field -> (label drawn beside the box, RGB)
BOX_STYLE = {
    "max_points": ("max", (75, 85, 99)),
    "self_score": ("self", (37, 99, 235)),
    "authority_score": ("authority", (22, 163, 74)),
    "bonus_max": ("bonus max", (75, 85, 99)),
    "bonus_self": ("bonus self", (37, 99, 235)),
}
CITED = ("cited", (217, 119, 6))
ROW = (220, 38, 38)
FONT_FILES = ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",)


@dataclass
class Drawn:
    """A box as drawn: what it marks and where, in PDF points from the page's top left."""
    label: str
    kind: str              # a score field, 'cited' or 'row'
    box: tuple[float, float, float, float]


@dataclass
class PageCrop:
    png: bytes
    page: int
    origin: tuple[float, float]          # the crop's top-left corner, PDF points
    scale: float                         # pixels per point
    drawn: list[Drawn] = field(default_factory=list)


def has_geometry(score_trace: Trace) -> bool:
    return score_trace.score is not None and score_trace.score.get("x0") is not None


def source_problem(doc: dict) -> str | None:
    """Why the stored file cannot be shown, or None: it is gone, or its bytes changed since it
    was read (the boxes would point at another page)."""
    path = doc.get("path")
    if not path or not os.path.isfile(path):
        return f"the source file is gone: {path} no longer exists"
    with open(path, "rb") as handle:
        digest = hashlib.sha256(handle.read()).hexdigest()
    if digest != doc.get("sha256"):
        return f"the source file changed since it was read: {path} no longer has sha256 {doc.get('sha256')}"
    return None


def boxes_to_draw(score_trace: Trace) -> list[Drawn]:
    """The row, each value of the observations on the score's page, and the mentions of cited
    documents there."""
    page = score_trace.score["page"]
    out = [Drawn("row", "row", _corners(score_trace.score))]
    for observation in score_trace.observations:
        for value in observation["values"]:
            if value.get("x0") is not None and value.get("page") == page:
                field = value["field"]
                out.append(Drawn(BOX_STYLE.get(field, (field,))[0], field, _corners(value)))
    for cite in score_trace.citations:
        if cite.get("x0") is not None and cite.get("page") == page:
            out.append(Drawn(CITED[0], "cited", _corners(cite)))
    return out


def _corners(row: dict) -> tuple[float, float, float, float]:
    return row["x0"], row["y0"], row["x1"], row["y1"]


def render_page(score_trace: Trace, whole: bool = False) -> PageCrop | str:
    """The score's page cropped to its row (``whole``: the whole page), boxes drawn; or a sentence
    saying why it cannot be shown."""
    if not has_geometry(score_trace):
        return "no page image: this score has no box (only PDF and scanned reports keep one)"
    problem = source_problem(score_trace.document)
    if problem:
        return problem
    page = score_trace.score["page"] or 1
    image, points = _page_image(score_trace.document["path"], score_trace.document["format"], page)
    scale = image.width / points
    drawn = boxes_to_draw(score_trace)
    _draw(image, drawn, scale)
    x0, y0 = 0.0, 0.0
    if not whole:
        rx0, ry0, rx1, ry1 = drawn[0].box
        for item in drawn[1:]:
            if item.kind != "cited":
                continue
            bx0, by0, bx1, by1 = item.box
            rx0, ry0, rx1, ry1 = min(rx0, bx0), min(ry0, by0), max(rx1, bx1), max(ry1, by1)
        x0, y0 = max(rx0 - MARGIN, 0.0), max(ry0 - MARGIN, 0.0)
        image = image.crop((int(x0 * scale), int(y0 * scale), min(int((rx1 + MARGIN) * scale), image.width),
                            min(int((ry1 + MARGIN) * scale), image.height)))
        x0, y0 = int(x0 * scale) / scale, int(y0 * scale) / scale
    out = io.BytesIO()
    image.save(out, "PNG")
    return PageCrop(out.getvalue(), page, (x0, y0), scale, drawn)


def _page_image(path: str, fmt: str, page: int):
    """The page as an RGB image, and its width in points."""
    if fmt in IMAGE_FORMATS:
        from chamdiem.readers.pdf.ocr import image_pages
        with open(path, "rb") as handle:
            frame, dpi = image_pages(handle.read())[page - 1]
        image = frame.convert("RGB")
        points = image.width * 72.0 / dpi
        return image.resize((round(points * SCALE), round(image.height * 72.0 / dpi * SCALE))), points
    import pypdfium2 as pdfium
    pdf = pdfium.PdfDocument(path)
    try:
        pdf_page = pdf[page - 1]
        try:
            return pdf_page.render(scale=SCALE).to_pil().convert("RGB"), pdf_page.get_width()
        finally:
            pdf_page.close()
    finally:
        pdf.close()


def _draw(image, drawn: list[Drawn], scale: float) -> None:
    from PIL import ImageDraw, ImageFont
    pen = ImageDraw.Draw(image)
    font = next((ImageFont.truetype(f, 18) for f in FONT_FILES if os.path.exists(f)), None) or \
        ImageFont.load_default()
    for item in drawn:
        kind = item.kind
        colour = ROW if kind == "row" else CITED[1] if kind == "cited" else BOX_STYLE.get(kind, ("", ROW))[1]
        x0, y0, x1, y1 = item.box
        pad = 1.5 if kind != "row" else 4.0    # the pen stands just outside the characters
        rect = ((x0 - pad) * scale, (y0 - pad) * scale, (x1 + pad) * scale, (y1 + pad) * scale)
        pen.rectangle(rect, outline=colour, width=3 if kind != "row" else 2)
        if kind != "row":
            anchor = (rect[0], rect[1] - 21)
            pen.rectangle(pen.textbbox(anchor, item.label, font=font), fill=(255, 255, 255))
            pen.text(anchor, item.label, fill=colour, font=font)
