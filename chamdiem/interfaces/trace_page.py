"""The trace page: one score with the source text around it, its max / self / authority values
highlighted and labelled each as what it is, page and line, the documents cited in its row and the
findings on its item. `chamdiem serve` shows it and `chamdiem trace --html` writes it as a file.
Every piece of report text goes through html.escape, and the page forbids scripts (CSP), so a
report containing `<script>` shows it as text."""
from __future__ import annotations

from html import escape

from chamdiem.interfaces.trace import VALUE_FIELDS, Trace, line_of

# field -> (label shown beside the value, CSS class); each kind of value has its own colour
VALUE_LABELS = {
    "max_points": ("thang điểm · max", "v-max"),
    "self_score": ("tự chấm · self", "v-self"),
    "authority_score": ("thẩm quyền · authority", "v-auth"),
    "bonus_max": ("điểm thưởng tối đa · bonus max", "v-max"),
    "bonus_self": ("thưởng tự chấm · bonus self", "v-self"),
    "bonus_authority": ("thưởng thẩm quyền · bonus authority", "v-auth"),
}
SEVERITY = {"error": "lỗi · error", "warning": "cảnh báo · warning", "info": "thông tin · info"}
CSS = """
body{font-family:system-ui,sans-serif;max-width:64em;margin:1.5em auto;padding:0 1em;color:#1f2937}
h1{font-size:1.4em;margin-bottom:.2em} h2{font-size:1.1em;margin-top:1.6em;border-bottom:1px solid #ddd}
.meta{color:#555} nav a{margin-right:1em}
table.values{border-collapse:collapse} table.values td,table.values th{border:1px solid #ccc;padding:.3em .7em}
.source{white-space:pre-wrap;background:#fafafa;border:1px solid #ddd;
  padding:.8em;line-height:1.9}
.context{color:#888} .tab{color:#bbb}
mark{padding:.1em .25em;border-radius:3px} mark .lbl{font-size:.7em;font-family:system-ui,sans-serif;
  margin-left:.3em;padding:0 .3em;border-radius:3px;background:#fff;color:#333;border:1px solid currentColor}
.v-max{background:#e5e7eb} .v-self{background:#bfdbfe} .v-auth{background:#bbf7d0} .cite{background:#fde68a}
.sev-error{color:#b91c1c;font-weight:bold} .sev-warning{color:#a16207;font-weight:bold} .sev-info{color:#1d4ed8}
"""
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:"


def render_trace_page(score_trace: Trace, nav: list[tuple[str, str]] | None = None, sections: list[str] | None = None) -> str:
    """A whole HTML page. ``nav`` is (href, text) links shown on top (the web UI's way back);
    ``sections``: HTML shown after the values (the source as printed, verdicts: trace_source.py)."""
    from chamdiem.interfaces.trace_source import CSS as SOURCE_CSS
    doc, score = score_trace.document, score_trace.score
    title = f"{doc['file_name']} · {score_trace.criterion_id}"
    parts = [f'<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">'
             f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
             f"<title>{escape(title)}</title><style>{CSS}{SOURCE_CSS}</style></head><body>"]
    if nav:
        parts.append("<nav>" + "".join(f'<a href="{escape(h)}">{escape(x)}</a>' for h, x in nav) + "</nav>")
    parts.append(f"<h1>{escape(score_trace.criterion_id)}: {escape((score or {}).get('label') or '')}</h1>")
    parts.append(f'<p class="meta">{escape(doc["issuer"] or "")} · năm {escape(str(doc["assessment_year"] or "—"))}'
                 f" · tệp <b>{escape(doc['file_name'])}</b> · {escape(doc['framework'] or '')}</p>")
    if score is not None:
        where = (f"trang (page) {score['page']}, " if score["page"] else "") + f"dòng (line) {score['line']}"
        parts.append(f"<p>Giá trị sau đối chiếu (reconciled values), từ {'bảng điểm (table)' if score['origin'] == 'table' else 'thuyết minh (narrative)'}"
                     f" · {escape(where)}</p>")
        parts.append('<table class="values"><tr>' + "".join(
            f'<th><mark class="{VALUE_LABELS[f][1]}">{escape(VALUE_LABELS[f][0])}</mark></th>'
            for f in VALUE_FIELDS if score[f] is not None) + "</tr><tr>" + "".join(
            f'<td class="value-{f}">{_num(score[f])}</td>' for f in VALUE_FIELDS if score[f] is not None) + "</tr></table>")
    parts += sections or []
    for observation in score_trace.observations:
        where = (f"trang (page) {observation['page']}, " if observation["page"] else "") + f"dòng (line) {observation['line']}"
        source = "bảng điểm (table)" if observation["source"] == "table" else "thuyết minh (narrative)"
        parts.append(f"<h2>Nguồn: {source} · {escape(where)} · ký tự {observation['char_start']}–{observation['char_end']}</h2>")
        parts.append(f'<div class="source">{_source_html(score_trace, observation)}</div>')
    parts.append(f"<h2>Văn bản được trích dẫn (cited documents): {len(score_trace.citations)}</h2>")
    if score_trace.citations:
        parts.append(_citations_html(score_trace.citations))
    parts.append(f"<h2>Phát hiện (findings): {len(score_trace.findings)}</h2>")
    if score_trace.findings:
        parts.append(_findings_html(score_trace.findings))
    parts.append("</body></html>")
    return "\n".join(parts)


def _citations_html(citations: list[dict]) -> str:
    return "<ul>" + "".join(
        f"<li>{escape(c['text'])} <span class=\"meta\">· {escape(c['doc_type'] or '')} "
        f"{escape(c['number'] or '')}{'/' + escape(c['symbol']) if c['symbol'] else ''}"
        f"{' · ' + escape(c['issued_on']) if c['issued_on'] else ''} · dòng (line) {c['line']}</span></li>"
        for c in citations) + "</ul>"


def _findings_html(findings: list[dict]) -> str:
    return "<ul>" + "".join(
        f'<li><span class="sev-{escape(f["severity"])}">{escape(SEVERITY.get(f["severity"], f["severity"]))}</span>'
        f" <code>{escape(f['kind'])}</code>: {escape(f['message'])}</li>" for f in findings) + "</ul>"


def _num(value) -> str:
    return escape(f"{value:g}".replace(".", ","))


def _source_html(score_trace: Trace, observation: dict) -> str:
    """The observation's span with a line of context on each side; values and citations marked."""
    text, line_start, line_end = score_trace.text, observation["char_start"], observation["char_end"]
    before, after = _line_start(text, max(_line_start(text, line_start) - 1, 0)), _line_end(text, _line_end(text, line_end) + 1)
    marks = [(v["char_start"], v["char_end"], VALUE_LABELS.get(v["field"], (v["field"], "v-max")))
             for v in observation["values"]]
    marks += [(c["char_start"], c["char_end"], ("văn bản · cited", "cite")) for c in score_trace.citations
              if line_start <= c["char_start"] and c["char_end"] <= line_end
              and not any(v["char_start"] < c["char_end"] and c["char_start"] < v["char_end"] for v in observation["values"])]
    out, pos = [f'<span class="context">{_plain(text[before:line_start])}</span>'], line_start
    for span_start, span_end, (label, css) in sorted(marks):
        if span_start < pos or span_end > line_end:
            continue
        out.append(_plain(text[pos:span_start]))
        out.append(f'<mark class="{css}" title="{escape(label)} · dòng {line_of(text, span_start)}">{_plain(text[span_start:span_end])}'
                   f'<span class="lbl">{escape(label)}</span></mark>')
        pos = span_end
    out.append(_plain(text[pos:line_end]))
    out.append(f'<span class="context">{_plain(text[line_end:after])}</span>')
    return "".join(out)


def _line_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


def _line_end(text: str, pos: int) -> int:
    end = text.find("\n", min(pos, len(text)))
    return len(text) if end < 0 else end


def _plain(text: str) -> str:
    return escape(text).replace("\t", '<span class="tab"> │ </span>')
