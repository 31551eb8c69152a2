"""A Word report's page as printed: when LibreOffice is installed, the .docx is converted to PDF
once (cached under the temporary folder by the file's sha256) and read like any PDF; the score's
row there, found by its criterion, gives the page and the boxes the trace page draws."""
from __future__ import annotations

import hashlib
import os
import subprocess
import tempfile
from dataclasses import replace

from chamdiem.interfaces.trace import Trace
from chamdiem.interfaces.trace_image import has_geometry, source_problem

CACHE = os.path.join(tempfile.gettempdir(), "chamdiem-pages")
CONVERTIBLE = ("docx", "doc")


def printed_trace(score_trace: Trace) -> Trace | str | None:
    """``t`` itself when its values have boxes (PDF, scans); for a Word report, the same score as
    the PDF LibreOffice prints it to (or why it cannot be shown); None for other formats."""
    if has_geometry(score_trace):
        return score_trace
    if score_trace.document.get("format") not in CONVERTIBLE or score_trace.score is None:
        return None
    from chamdiem.readers.doc import soffice
    if soffice() is None:
        return None
    problem = source_problem(score_trace.document)
    if problem:
        return problem
    pdf, why_not = _converted(score_trace.document["path"], score_trace.document["sha256"])
    return why_not if pdf is None else _as_printed(score_trace, pdf)


def _converted(path: str, sha256: str) -> tuple[str | None, str | None]:
    """(the cached PDF of the file, None), converted now when it is not there yet; or (None, why not)."""
    from chamdiem.readers.doc import soffice
    out = os.path.join(CACHE, f"{sha256}.pdf")
    if os.path.isfile(out):
        return out, None
    os.makedirs(CACHE, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=CACHE) as tmp:
        src = os.path.join(tmp, "in" + os.path.splitext(path)[1].lower())
        with open(path, "rb") as handle, open(src, "wb") as dst:
            dst.write(handle.read())
        try:
            subprocess.run([soffice(), "--headless", "--convert-to", "pdf", "--outdir", tmp, src], check=True,
                           capture_output=True, timeout=180, env={**os.environ, "HOME": tmp})
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
            return None, f"LibreOffice could not print the file to PDF: {exc}"
        made = os.path.join(tmp, "in.pdf")
        if not os.path.isfile(made):
            return None, "LibreOffice printed no PDF of the file"
        os.replace(made, out)   # (atomic: a concurrent request sees the whole file or none)
    return out, None


def _as_printed(score_trace: Trace, pdf: str) -> Trace | str:
    from chamdiem.pipeline.extract import extract_document
    from chamdiem.readers.dispatch import read_document
    with open(pdf, "rb") as handle:
        data = handle.read()
    sha = hashlib.sha256(data).hexdigest()
    report = extract_document(read_document(pdf, data, sha))
    score = next((s for s in report.scores if s.criterion_id == score_trace.criterion_id), None)
    if score is None or score.box is None:
        return f"the printed page holds no row for {score_trace.criterion_id}"
    page = score.box[0]
    observations = [{"source": o.source, "values": [
        {"field": f, "page": v.box[0], **dict(zip(("x0", "y0", "x1", "y1"), v.box[1:]))}
        for f, v in o.values.items() if v.box is not None]}
        for o in report.observations if o.criterion_id == score_trace.criterion_id]
    citations = [{"page": c.box[0], **dict(zip(("x0", "y0", "x1", "y1"), c.box[1:]))}
                 for c in report.citations if c.criterion_id == score_trace.criterion_id and c.box is not None]
    printed_score = dict(score_trace.score, page=page, **dict(zip(("x0", "y0", "x1", "y1"), score.box[1:])))
    document = dict(score_trace.document, path=pdf, sha256=sha, format="pdf")
    return replace(score_trace, document=document, score=printed_score, observations=observations, citations=citations)
