"""The Datasette plugin of `chamdiem serve`: the trace page of every score, the units × criteria
page, links from each score to its trace, classification names beside their codes, and searches
that ignore tone marks and đ/Đ (the query is folded as the index was)."""
from __future__ import annotations

import re
from html import escape
from urllib.parse import parse_qsl, quote, urlencode

from datasette import hookimpl
from datasette.utils.asgi import Response
from markupsafe import Markup

from chamdiem.interfaces.trace import load_trace
from chamdiem.interfaces.trace_page import CSP, CSS, render_trace_page
from chamdiem.interfaces.web import access, review_routes
from chamdiem.interfaces.web.metadata import MATRIX_ROUTE, STYLE, TRACE_ROUTE, database_path
from chamdiem.lexicon.catalogs import catalog
from chamdiem.store.database import search_fold

_WORD = re.compile(r"\w+")


def fts_query(query: str | None) -> str:
    """A user's words as one safe FTS5 phrase over the folded index: 'Dân vận' -> '"dan van"'."""
    words = _WORD.findall(search_fold(query or ""))
    return '"' + " ".join(words) + '"' if words else '""'


def trace_url(document_id, criterion_id) -> str:
    return escape(TRACE_ROUTE.format(document_id=int(document_id), criterion_id=quote(str(criterion_id), safe="")))


@hookimpl
def prepare_connection(conn):
    conn.create_function("chamdiem_search", 1, fts_query, deterministic=True)


@hookimpl
def asgi_wrapper(datasette):
    """Folds the `_search` parameters of a request, so the table search box matches the folded
    index whatever tone marks are typed; outside that, the access rules (web/access.py): the Host
    check and, with a password, the login."""
    def wrap(app):
        async def folded(scope, receive, send):
            if scope.get("type") == "http" and b"_search" in scope.get("query_string", b""):
                pairs = parse_qsl(scope["query_string"].decode("utf-8", "replace"), keep_blank_values=True)
                pairs = [(k, search_fold(v) if k.startswith("_search") else v) for k, v in pairs]
                scope = dict(scope, query_string=urlencode(pairs).encode())
            await app(scope, receive, send)
        rules = getattr(datasette, "chamdiem_access", None)
        return folded if rules is None else access.wrap(folded, datasette, rules)
    return wrap


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    keys = row.keys() if hasattr(row, "keys") else []
    if column == "criterion_id" and value and "document_id" in keys and row["document_id"] is not None:
        label = "truy vết nguồn · trace"
        return Markup(f'<a href="{trace_url(row["document_id"], value)}" title="{label}">{escape(value)}</a>')
    if column in ("classification", "classification_earned") and value:
        name = catalog("presentation")["classification"].get(value)
        if name:
            return Markup(f"{escape(name)} <small>({escape(value)})</small>")
    return None


@hookimpl
def register_routes():
    return [
        (r"^/-/truy-vet/(?P<document_id>\d+)/(?P<criterion_id>[^/]+)$", trace_view),
        (r"^/-/ma-tran$", matrix_view),
        (r"^/-/chamdiem\.css$", style_view),
        (r"^/-/login$", access.login_view),
    ] + [(pattern, review_routes.HANDLERS[name]) for pattern, name in review_routes.ROUTES]


async def style_view():
    return Response(STYLE, content_type="text/css; charset=utf-8")


async def _allowed(datasette, request) -> bool:
    return await datasette.permission_allowed(request.actor, "view-instance", default=True)


def _forbidden() -> Response:
    return Response.html('<p>Cần đăng nhập · log in first: <a href="/-/login">/-/login</a></p>', status=403)


def _rows(conn, sql: str, params: dict) -> list[dict]:
    cur = conn.execute(sql, params)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r)) for r in cur.fetchall()]


async def trace_view(datasette, request):
    if not await _allowed(datasette, request):
        return _forbidden()
    database = datasette.get_database()
    doc_id, cid = int(request.url_vars["document_id"]), request.url_vars["criterion_id"]
    score_trace = await database.execute_fn(lambda conn: load_trace(lambda sql, p: _rows(conn, sql, p), cid, document_id=doc_id))
    if isinstance(score_trace, str):
        return Response.html(f"<p>{escape(score_trace)}</p>", status=404)
    nav = [("/", "Trang chủ · home"),
           (f"{database_path(database.name)}/v_scores?document_id={doc_id}", "Các điểm của báo cáo này · this report's scores"),
           (f"{MATRIX_ROUTE}?framework={score_trace.document['framework']}&year={score_trace.document['assessment_year']}",
            "Bảng đơn vị × tiêu chí · units × criteria")]
    sections = await review_routes.sections(datasette, request, score_trace)
    return Response.html(render_trace_page(score_trace, nav, sections), headers={"Content-Security-Policy": CSP})


async def matrix_view(datasette, request):
    """Units down, criteria across: self scores (the authority's after a slash), cells linked to
    their trace and coloured when the item has a finding."""
    if not await _allowed(datasette, request):
        return _forbidden()
    import pandas as pd
    from chamdiem.interfaces.export_tables import score_sheets
    database = datasette.get_database()
    framework, year = request.args.get("framework"), request.args.get("year")

    def load(conn):
        pairs = _rows(conn, "SELECT DISTINCT framework, assessment_year FROM v_documents WHERE framework IS NOT NULL "
                            "ORDER BY framework, assessment_year DESC", {})
        if not framework:
            return pairs, None
        where = "framework = :f AND " + ("assessment_year = :y" if year and year != "None" else "assessment_year IS NULL")
        query_params = {"f": framework, "y": int(year) if year and year.isdigit() else None}
        docs = pd.read_sql_query(f"SELECT * FROM v_documents WHERE {where}", conn, params=query_params)
        ids = ",".join(str(int(i)) for i in docs["document_id"]) or "NULL"
        scores = pd.read_sql_query(f"SELECT * FROM v_scores WHERE document_id IN ({ids})", conn)
        finds = pd.read_sql_query(f"SELECT * FROM v_findings WHERE document_id IN ({ids})", conn)
        return pairs, score_sheets(docs, scores, finds)

    pairs, sheets = await database.execute_fn(load)
    choose = " · ".join(
        f'<a href="{MATRIX_ROUTE}?framework={escape(query_params["framework"])}&amp;year={query_params["assessment_year"]}">'
        f'{escape(query_params["framework"])} {query_params["assessment_year"] or "—"}</a>' for query_params in pairs)
    body = [f'<nav><a href="/">Trang chủ · home</a></nav><h1>Bảng đơn vị × tiêu chí · units × criteria</h1>'
            f"<p>{choose or 'Chưa có báo cáo · no reports yet'}</p>"]
    for sheet in sheets or []:
        body.append(_matrix_table(sheet))
    page = (f'<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Đơn vị × tiêu chí</title>'
            f"<style>{CSS}{MATRIX_CSS}</style></head><body>" + "".join(body) + "</body></html>")
    return Response.html(page, headers={"Content-Security-Policy": CSP})


MATRIX_CSS = """
body{max-width:none} table.matrix{border-collapse:collapse;font-size:.9em}
table.matrix td,table.matrix th{border:1px solid #ccc;padding:.25em .5em;text-align:right}
table.matrix td.unit{text-align:left} .f-error{background:#fecaca} .f-warning{background:#fef08a}
td.unread a{color:#6b7280;font-weight:bold}
"""


def _matrix_table(sheet) -> str:
    from chamdiem.interfaces.export_tables import NOT_READ, NOT_READ_NOTE, TOTAL
    head = "".join(f'<th title="{escape(c.name)}">{escape(c.title)}<br><small>{_n(c.max)}</small></th>'
                   for c in sheet.criteria)
    rows = []
    for i, unit_row in enumerate(sheet.units.itertuples(index=False)):
        cells = []
        for cid in [c.id for c in sheet.criteria] + [TOTAL]:
            self_v = sheet.self.iloc[i][cid]
            auth_v = sheet.authority.iloc[i][cid] if sheet.authority is not None else None
            found = sheet.findings.get((i, f"self:{cid}"), []) + sheet.findings.get((i, f"authority:{cid}"), [])
            # information never colours a cell: it would drown the errors and warnings
            worst = min((sev for sev, _ in found if sev != "info"), key=lambda x: RANK.get(x, 0), default=None)
            unread = self_v is None or self_v != self_v
            text = (escape(NOT_READ) if unread else _n(self_v)) + (
                f" / {_n(auth_v)}" if auth_v is not None and auth_v == auth_v else "")
            target = sheet.framework if cid == TOTAL else cid
            notes = [m for _, m in found]
            if unread:
                total_note = sheet.total_notes[i] if cid == TOTAL and i < len(sheet.total_notes) else None
                notes = [NOT_READ_NOTE] + ([total_note] if isinstance(total_note, str) else []) + notes
            title = escape("\n".join(notes), quote=True)
            cls = f' class="f-{worst}"' if worst else (' class="unread"' if unread else "")
            cells.append(f'<td{cls} title="{title}"><a href="{trace_url(unit_row.document_id, target)}">{text}</a></td>')
        unit = unit_row.issuer if isinstance(unit_row.issuer, str) else unit_row.file_name
        rows.append(f'<tr><td class="unit">{escape(unit)}</td>{"".join(cells)}</tr>')
    return (f"<h2>{escape(sheet.framework)} · {sheet.year or '—'}</h2><table class=\"matrix\"><tr><th>Đơn vị · unit</th>"
            f"{head}<th>Tổng · total<br><small>{_n(sheet.total_max)}</small></th></tr>" + "".join(rows) + "</table>")


RANK = {"error": 0, "warning": 1, "info": 2}


def _n(value) -> str:
    if value is None or value != value:
        return "—"
    return escape(f"{value:g}".replace(".", ","))
