"""`chamdiem trace FILE CRITERION [--html PAGE]`: the trace of one score as text (``trace``), and as
the standalone page (``trace_page``) when asked."""
from __future__ import annotations

from chamdiem.interfaces.trace import Fetch, load_trace, text_report
from chamdiem.interfaces.trace_page import render_trace_page


def sqlalchemy_fetch(con) -> Fetch:
    from sqlalchemy import text
    return lambda sql, params: [dict(r._mapping) for r in con.execute(text(sql), params)]


def trace(engine, file_name: str, criterion_id: str, html_path: str | None = None) -> tuple[int, str]:
    """Returns (exit status, report). With ``html_path``, also writes the trace page there."""
    with engine.connect() as con:
        t = load_trace(sqlalchemy_fetch(con), criterion_id, file_name=file_name)
    if isinstance(t, str):
        return 1, t
    report = text_report(t)
    if html_path:
        with open(html_path, "w", encoding="utf-8") as fh:
            fh.write(render_trace_page(t))
        report += f"\n\n  trace page written to {html_path}"
    return 0, report
