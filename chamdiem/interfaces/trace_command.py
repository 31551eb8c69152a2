"""`chamdiem trace FILE CRITERION [--html PAGE] [--png CROP]`: the trace of one score as text
(``trace``), as the standalone page (``trace_page``) and as the page image cropped to the row
(``trace_image``) when asked."""
from __future__ import annotations

import base64

from chamdiem.interfaces.trace import Fetch, Trace, load_trace, text_report
from chamdiem.interfaces.trace_image import PageCrop, render_page
from chamdiem.interfaces.trace_office import printed_trace
from chamdiem.interfaces.trace_page import render_trace_page
from chamdiem.interfaces.trace_source import page_section, reviews_section, row_section, sheet_section


def sqlalchemy_fetch(con) -> Fetch:
    from sqlalchemy import text
    return lambda sql, params: [dict(r._mapping) for r in con.execute(text(sql), params)]


def source_sections(t: Trace, crop: PageCrop | str | None, image_src: str | None = None,
                    page_href: str | None = None, printed: Trace | str | None = None) -> list[str]:
    """The source as printed (page image, sheet grid or table row) and the verdicts. ``printed``:
    the trace on the page as printed (``printed_trace``), when it differs from ``t`` (Word)."""
    shown = printed if isinstance(printed, Trace) else t
    return [page_section(shown, crop, image_src, page_href), sheet_section(t), row_section(t), reviews_section(t)]


def page_crop(t: Trace, whole: bool = False) -> tuple[Trace | str | None, PageCrop | str | None]:
    """The trace on the page as printed and its image (None, None when the format has no page)."""
    printed = printed_trace(t)
    if printed is None:
        return None, None
    if isinstance(printed, str):
        return printed, printed
    return printed, render_page(printed, whole=whole)


def trace(engine, file_name: str, criterion_id: str, html_path: str | None = None,
          png_path: str | None = None) -> tuple[int, str]:
    """Returns (exit status, report). With ``html_path``, also writes the trace page there (the
    crop inside it); with ``png_path``, the crop of the page with its boxes."""
    with engine.connect() as con:
        t = load_trace(sqlalchemy_fetch(con), criterion_id, file_name=file_name)
    if isinstance(t, str):
        return 1, t
    report = text_report(t)
    printed, crop = page_crop(t) if (html_path or png_path) else (None, None)
    if png_path:
        if not isinstance(crop, PageCrop):
            return 1, report + f"\n\n  no image written: {crop or 'this score has no box (only PDF and scans keep one)'}"
        with open(png_path, "wb") as fh:
            fh.write(crop.png)
        report += f"\n\n  page {crop.page} cropped to the row written to {png_path}"
    if html_path:
        src = ("data:image/png;base64," + base64.b64encode(crop.png).decode()) if isinstance(crop, PageCrop) else None
        with open(html_path, "w", encoding="utf-8") as fh:
            fh.write(render_trace_page(t, sections=source_sections(t, crop, src, printed=printed)))
        report += f"\n\n  trace page written to {html_path}"
    return 0, report
