"""The trace page's source and verdict parts in `chamdiem serve`: the page image cropped to the
row (and the whole page) as PNG from the site itself, so the page keeps its content security
policy (img-src 'self'); and, when serve runs with a password, the verdict form. A verdict is the
only thing the site writes: a post needs the login and Datasette's CSRF token (a post with a bad
token is refused before it reaches us), and anything else is refused and changes nothing."""
from __future__ import annotations

import threading
from html import escape
from urllib.parse import quote

from datasette.utils.asgi import Response

from chamdiem.interfaces.trace import load_trace
from chamdiem.interfaces.trace_command import page_crop, source_sections
from chamdiem.interfaces.trace_image import PageCrop
from chamdiem.interfaces.web.metadata import TRACE_ROUTE
from chamdiem.store.reviews import VERDICTS

USER = "chamdiem"
ROUTES = [
    (r"^/-/truy-vet/(?P<document_id>\d+)/(?P<criterion_id>[^/]+)/anh\.png$", "crop"),
    (r"^/-/truy-vet/(?P<document_id>\d+)/(?P<criterion_id>[^/]+)/trang\.png$", "page"),
    (r"^/-/truy-vet/(?P<document_id>\d+)/(?P<criterion_id>[^/]+)/kiem-tra$", "review"),
]
FIELDS = ("self_score", "authority_score", "max_points", "bonus_self", "bonus_max")
# pdfium is not thread-safe, and Datasette runs these in its pool of threads: one page at a time
_RENDERING = threading.Lock()


def _page_crop(score_trace, whole: bool = False):
    with _RENDERING:
        return page_crop(score_trace, whole=whole)


def trace_base(document_id: int, criterion_id: str) -> str:
    return TRACE_ROUTE.format(document_id=int(document_id), criterion_id=quote(str(criterion_id), safe=""))


def _rows(conn, sql: str, params: dict) -> list[dict]:
    cur = conn.execute(sql, params)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r)) for r in cur.fetchall()]


async def _trace(datasette, request):
    db = datasette.get_database()
    doc_id, cid = int(request.url_vars["document_id"]), request.url_vars["criterion_id"]
    return await db.execute_fn(lambda conn: load_trace(lambda sql, p: _rows(conn, sql, p), cid, document_id=doc_id))


def reviews_open(datasette) -> bool:
    """Verdicts are taken only when `serve` runs behind a password (web/access.py)."""
    access = getattr(datasette, "chamdiem_access", None)
    return access is not None and access.password is not None


def logged_in(request) -> bool:
    return (request.actor or {}).get("id") == USER


async def sections(datasette, request, score_trace) -> list[str]:
    base = trace_base(score_trace.document["document_id"], score_trace.criterion_id)
    # (off the event loop: rendering, and for a Word report printing it once, take a while)
    printed, crop = await datasette.get_database().execute_fn(lambda conn: _page_crop(score_trace))
    parts = source_sections(score_trace, crop, base + "/anh.png", base + "/trang.png", printed)
    if reviews_open(datasette):
        parts.append(review_form(score_trace, request, base))
    return parts


def review_form(score_trace, request, base: str) -> str:
    if not logged_in(request):
        return ('<p class="meta">Đăng nhập để ghi kết luận kiểm tra · <a href="/-/login">log in</a> '
                "to record a verdict</p>")
    token = request.scope["csrftoken"]()
    fields = "".join(f'<option value="{f}">{f}</option>' for f in FIELDS)
    verdicts = "".join(f'<label><input type="radio" name="verdict" value="{v}"{" checked" if k == 0 else ""}> {v}</label>'
                       for k, v in enumerate(VERDICTS))
    return (f'<h2>Ghi kết luận (record a verdict)</h2><form class="review" method="post" action="{escape(base)}/kiem-tra">'
            f'<input type="hidden" name="csrftoken" value="{escape(token)}">{verdicts}'
            f'<label>Trường · field <select name="field">{fields}</select></label>'
            '<label>Giá trị đúng · right value (khi sửa · when corrected) <input name="value" size="6"></label>'
            '<label>Ghi chú · note <input name="note" size="50"></label>'
            '<label>Người kiểm tra · by <input name="by" required size="30"></label>'
            '<button type="submit">Ghi · record</button></form>')


async def crop_view(datasette, request):
    return await _image(datasette, request, whole=False)


async def page_view(datasette, request):
    return await _image(datasette, request, whole=True)


async def _image(datasette, request, whole: bool):
    if not await datasette.permission_allowed(request.actor, "view-instance", default=True):
        return Response.text("log in first", status=403)
    score_trace = await _trace(datasette, request)
    if isinstance(score_trace, str):
        return Response.text(score_trace, status=404)
    _, crop = await datasette.get_database().execute_fn(lambda conn: _page_crop(score_trace, whole))
    if not isinstance(crop, PageCrop):
        return Response.text(crop, status=404)
    return Response(crop.png, content_type="image/png", headers={"Cache-Control": "no-store"})


async def review_post(datasette, request):
    """Records a verdict from the form: login required (Datasette has checked the CSRF token)."""
    if request.method != "POST":
        return Response.text("post the form on the trace page", status=405)
    if not reviews_open(datasette) or not logged_in(request):
        return Response.text("cần đăng nhập · log in first: a verdict needs the login", status=403)
    form = await request.post_vars()
    from chamdiem.store.database import engine_for
    from chamdiem.store.reviews import ReviewRefused, Verdict, parse_value, record_review
    doc_id, cid = int(request.url_vars["document_id"]), request.url_vars["criterion_id"]
    try:
        value = parse_value(form["value"]) if form.get("verdict") == "corrected" else None
        verdict = Verdict(form.get("verdict", ""), form.get("field", ""), value, form.get("note"), form.get("by", ""))
    except ReviewRefused as exc:
        return Response.text(str(exc), status=400)

    def write(_conn):
        engine = engine_for(datasette.get_database().path)
        try:
            with engine.begin() as con:
                record_review(con, doc_id, cid, verdict)
        finally:
            engine.dispose()

    try:
        await datasette.get_database().execute_fn(write)
    except ReviewRefused as exc:
        return Response.text(str(exc), status=400)
    return Response.redirect(trace_base(doc_id, cid) + "#kiem-tra")


HANDLERS = {"crop": crop_view, "page": page_view, "review": review_post}
