"""Renditions: the same report sent in several forms (a DOCX, its PDF, a scan of the print) is one
report, of which the best-read form is current. Pure functions over plain values, kept apart from
the writer's version decision (resubmissions), which calls them first.

Two versions of one unit, framework and year are renditions of one report when they are in
different forms (format, or text layer against OCR) and either carry the same "Số:" or state the
same scores; the best read is the one with the most scored items read, then a text layer over OCR,
then the form listed first in catalogs/input_checks.toml [versions] rendition_formats.
"""
from __future__ import annotations

from dataclasses import dataclass

from chamdiem.lexicon.catalogs import catalog
from chamdiem.lexicon.text import fold

# the least number of scores two forms must share, all equal, to be one report by their scores
MIN_SHARED_SCORES = 3


@dataclass(frozen=True)
class Form:
    """What the rendition rule needs of one version."""
    document_id: int | None
    file_name: str
    format: str
    ocr: bool
    report_number: str | None
    items_read: int
    scores: dict   # criterion_id -> self score read (None when not read)


def number_key(report_number: str | None) -> str | None:
    """'Số: 12/BC-UBND' and 'số 12 / bc-ubnd' alike."""
    if not report_number:
        return None
    return "".join(fold(report_number).split()) or None


def _same_number(new: Form, old: Form) -> bool:
    number = number_key(new.report_number)
    return number is not None and number == number_key(old.report_number)


def _same_scores(new: Form, old: Form) -> int:
    """How many scores both forms read, all equal (0 when they differ or share too few)."""
    shared = [c for c, v in new.scores.items() if v is not None and old.scores.get(c) is not None]
    enough = max(MIN_SHARED_SCORES, min(len(new.scores), len(old.scores)) // 2)
    return len(shared) if len(shared) >= enough and all(new.scores[c] == old.scores[c] for c in shared) else 0


def same_report(new: Form, old: Form) -> str | None:
    """Why ``new`` is a rendition of ``old`` ('the same Số: 12/BC-UBND', 'the same 11 scores'), or
    None: the same form is never a rendition (a file sent again in its form is a resubmission)."""
    if (new.format, bool(new.ocr)) == (old.format, bool(old.ocr)):
        return None
    if _same_number(new, old):
        return f"the same Số: {new.report_number}"
    shared = _same_scores(new, old)
    return f"the same {shared} scores" if shared else None


def same_report_strictly(new: Form, old: Form) -> str | None:
    """For a version whose unit could not be read (its name lost in the layout): a rendition only
    when the "Số:" and the scores both agree, since neither alone tells units apart."""
    if (new.format, bool(new.ocr)) == (old.format, bool(old.ocr)) or not _same_number(new, old):
        return None
    shared = _same_scores(new, old)
    return f"the same Số: {new.report_number} and the same {shared} scores" if shared else None


def read_rank(form: Form) -> tuple:
    """Greater is better read: items read, then a text layer, then the catalog's order of forms."""
    order = catalog("input_checks")["versions"].get("rendition_formats", [])
    fmt = form.format.lower()
    place = order.index(fmt) if fmt in order else len(order)
    return form.items_read, not form.ocr, -place


def describe(form: Form) -> str:
    return (f"document {form.document_id} ({form.file_name}, {form.format}"
            f"{', OCR' if form.ocr else ''}, {form.items_read} scored items read)")


def decide_rendition(new: Form, renditions: list[tuple[Form, str]]) -> tuple[bool, str, int | None]:
    """(becomes current, why, the rendition kept current instead) for ``new`` among the current
    ``renditions`` of its report, each with why it is one (same_report)."""
    best = max(renditions, key=lambda r: read_rank(r[0]))
    old, why = best
    if read_rank(new) > read_rank(old):
        whys = "; ".join(f"{describe(o)}, {w}" for o, w in renditions)
        return True, f"current: the best-read rendition of its report, better read than {whys}", None
    return (False, f"rendition: the same report as {describe(old)} ({why}), which is better read and stays "
                   f"current; this one read {new.items_read} scored items"
                   f"{' by OCR' if new.ocr else ''}", old.document_id)
