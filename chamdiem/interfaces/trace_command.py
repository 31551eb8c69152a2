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


def source_sections(score_trace: Trace, crop: PageCrop | str | None, image_src: str | None = None,
                    page_href: str | None = None, printed: Trace | str | None = None) -> list[str]:
    """The source as printed (page image, sheet grid or table row) and the verdicts. ``printed``:
    the trace on the page as printed (``printed_trace``), when it differs from ``t`` (Word)."""
    shown = printed if isinstance(printed, Trace) else score_trace
    return [page_section(shown, crop, image_src, page_href), sheet_section(score_trace), row_section(score_trace), reviews_section(score_trace)]


def page_crop(score_trace: Trace, whole: bool = False) -> tuple[Trace | str | None, PageCrop | str | None]:
    """The trace on the page as printed and its image (None, None when the format has no page)."""
    printed = printed_trace(score_trace)
    if printed is None:
        return None, None
    if isinstance(printed, str):
        return printed, printed
    return printed, render_page(printed, whole=whole)


def trace(engine, file_name: str, criterion_id: str, html_path: str | None = None,
          png_path: str | None = None) -> tuple[int, str]:
    """Returns (exit status, report): 0 traced, 1 no such report or no score for a criterion its
    framework has, 2 a criterion ID the report's framework does not know (with the IDs it may
    have meant). With ``html_path``, also writes the trace page there (the crop inside it); with
    ``png_path``, the crop of the page with its boxes."""
    with engine.connect() as con:
        fetch = sqlalchemy_fetch(con)
        score_trace = load_trace(fetch, criterion_id, file_name=file_name)
        if isinstance(score_trace, str):
            unknown = unknown_criterion(fetch, file_name, criterion_id)
            return (2, unknown) if unknown else (1, score_trace)
    report = text_report(score_trace)
    printed, crop = page_crop(score_trace) if (html_path or png_path) else (None, None)
    if png_path:
        if not isinstance(crop, PageCrop):
            return 1, report + f"\n\n  no image written: {crop or 'this score has no box (only PDF and scans keep one)'}"
        with open(png_path, "wb") as handle:
            handle.write(crop.png)
        report += f"\n\n  page {crop.page} cropped to the row written to {png_path}"
    if html_path:
        src = ("data:image/png;base64," + base64.b64encode(crop.png).decode()) if isinstance(crop, PageCrop) else None
        with open(html_path, "w", encoding="utf-8") as handle:
            handle.write(render_trace_page(score_trace, sections=source_sections(score_trace, crop, src, printed=printed)))
        report += f"\n\n  trace page written to {html_path}"
    return 0, report


def unknown_criterion(fetch: Fetch, file_name: str, criterion_id: str) -> str | None:
    """None when ``criterion_id`` is one the report's framework (or the report) knows, else a line
    naming the IDs meant: 'tc1' -> 'dvcq.tc1', a near miss -> the closest ones."""
    import difflib
    import os

    from chamdiem.normalizers.framework_catalog import frameworks
    docs = fetch("SELECT document_id, framework FROM v_documents WHERE file_name = :f",
                 {"f": os.path.basename(file_name)})
    if not docs:
        return None
    doc = docs[0]
    framework = frameworks().get(doc["framework"] or "")
    known = set(framework.items) if framework is not None else set()
    known |= {r["criterion_id"] for r in fetch("SELECT DISTINCT criterion_id FROM v_scores WHERE document_id = :d",
                                                {"d": doc["document_id"]})}
    if criterion_id in known:
        return None
    wanted = criterion_id.casefold()
    meant = sorted(k for k in known if k.casefold().endswith("." + wanted) or k.casefold() == wanted)
    meant = meant or difflib.get_close_matches(criterion_id, sorted(known), n=3, cutoff=0.6)
    hint = (f"did you mean {', '.join(meant)}?" if meant else
            f"its IDs are like {', '.join(sorted(known, key=lambda k: (k.count('.'), k))[:4])}")
    return f"{os.path.basename(file_name)}: no criterion {criterion_id} in framework {doc['framework']}; {hint}"
