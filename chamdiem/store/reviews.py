"""Auditors' verdicts on scores, appended to the `reviews` table and never changed: a newer verdict
on the same file and criterion is a new row. A verdict is keyed to the file's bytes (sha256) and
the criterion, so it stays attached when the same file is loaded again, and turns stale when a
new version of the report replaces the one it was made on (v_scores.review_status)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import text

from chamdiem.model.observations import SCORE_FIELDS
from chamdiem.store.schema.tables import reviews

VERDICTS = ("confirmed", "corrected", "unreadable")


class ReviewRefused(ValueError):
    """A verdict that cannot be recorded as given: the message says why."""


@dataclass
class Verdict:
    verdict: str                 # one of VERDICTS
    field: str = "self_score"    # the score field the auditor read
    value: float | None = None   # the value read by the auditor (corrected)
    note: str | None = None
    reviewer: str = ""


def parse_value(written: str) -> float:
    """'3,5' or '3.5' as an auditor types it."""
    try:
        value = float(written.strip().replace(",", "."))
    except ValueError:
        raise ReviewRefused(f"{written!r} is not a number (write it as 3,5 or 3.5)") from None
    if value != value or value in (float("inf"), float("-inf")) or value < 0:
        raise ReviewRefused(f"{written!r} is not a score")
    return value


def record_review(con, document_id: int, criterion_id: str, review: Verdict) -> dict:
    """Appends the verdict on a current document's score (in the connection's transaction) and
    returns the row written. The value chamdiem read is stored beside it."""
    if review.verdict not in VERDICTS:
        raise ReviewRefused(f"verdict {review.verdict!r}: one of {', '.join(VERDICTS)}")
    if review.field not in SCORE_FIELDS:
        raise ReviewRefused(f"field {review.field!r}: one of {', '.join(SCORE_FIELDS)}")
    if not review.reviewer.strip():
        raise ReviewRefused("a verdict needs the reviewer's name (--by)")
    if review.verdict == "corrected" and review.value is None:
        raise ReviewRefused("a corrected verdict needs the value read (--value)")
    found = con.execute(text(f"SELECT d.sha256, d.file_name, s.{review.field} AS value FROM v_scores s "
                             "JOIN documents d ON d.id = s.document_id "
                             "WHERE s.document_id = :d AND s.criterion_id = :c"),
                        {"d": document_id, "c": criterion_id}).first()
    if found is None:
        raise ReviewRefused(f"document {document_id} has no current score for {criterion_id}")
    value = {"confirmed": found.value, "corrected": review.value, "unreadable": None}[review.verdict]
    row = dict(sha256=found.sha256, file_name=found.file_name, criterion_id=criterion_id, field=review.field,
               value_read=found.value, verdict=review.verdict, value=value, note=(review.note or "").strip() or None,
               reviewer=review.reviewer.strip(), reviewed_at=datetime.now(timezone.utc), document_id=document_id)
    con.execute(reviews.insert().values(**row))
    return row
