"""The auditors' verdicts in the workbook: the sheet "Kiểm tra" listing every verdict, and the
score cells a current verdict bears on, marked (blue, bold, the verdict as their note)."""
from __future__ import annotations

import pandas as pd

SHEET = "Kiểm tra"
COLUMNS = ["file_name", "criterion_id", "field", "value_read", "verdict", "value", "note", "reviewer", "reviewed_at",
           "is_stale", "is_latest", "document_id", "current_document_id"]
GROUP = {"self_score": "self", "authority_score": "authority"}   # workbook column groups
VERDICT_NAMES = {"confirmed": "xác nhận (confirmed)", "corrected": "sửa (corrected)",
                 "unreadable": "không đọc được (unreadable)"}


def review_table(reviews: pd.DataFrame, document_ids: set, version_ids: set) -> pd.DataFrame:
    """Verdicts on the reports exported (current) or on their earlier versions (stale)."""
    keep = reviews["current_document_id"].isin(document_ids) | reviews["document_id"].isin(version_ids)
    return reviews[keep][COLUMNS].reset_index(drop=True)


def review_marks(sheet, reviews: pd.DataFrame | None) -> dict[tuple[int, str], str]:
    """(unit row, column key) -> the note of the newest current verdict on that cell."""
    if reviews is None or not len(reviews) or "document_id" not in sheet.units.columns:
        return {}
    row_of = {int(d): i for i, d in enumerate(sheet.units["document_id"])}
    out = {}
    current = reviews[(reviews["is_stale"] == 0) & reviews["is_latest"].astype(bool)]
    for review in current.itertuples(index=False):
        i = row_of.get(int(review.current_document_id)) if review.current_document_id == review.current_document_id else None
        group = GROUP.get(review.field)
        if i is None or group is None:
            continue
        key = f"{group}:{TOTAL_KEY if review.criterion_id == sheet.framework else review.criterion_id}"
        value = "—" if review.value is None or review.value != review.value else f"{review.value:g}"
        out[(i, key)] = (f"Đã kiểm tra (reviewed): {VERDICT_NAMES.get(review.verdict, review.verdict)}, {value} "
                         f"· {review.reviewer} · {review.reviewed_at}" + (f"\n{review.note}" if isinstance(review.note, str) else ""))
    return out


TOTAL_KEY = "total"


def write_review_sheet(book, reviews: pd.DataFrame | None, plain_sheet, print_setup) -> None:
    """The sheet "Kiểm tra" (set up to print and written by the workbook's own helpers)."""
    frame = reviews if reviews is not None else pd.DataFrame(columns=COLUMNS)
    worksheet = book.create_sheet(SHEET)
    print_setup(worksheet, SHEET)
    plain_sheet(worksheet, frame.assign(
        verdict=frame["verdict"].map(lambda v: VERDICT_NAMES.get(v, v))))
