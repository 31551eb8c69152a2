"""`chamdiem reviews export`: the auditors' verdicts as gold files (the shape
../shared/gold/*.json and eval/check_gold.py read), one per reviewed current report, so a
misreading an auditor caught becomes a regression test: its scores are the values read now, the
reviewed fields replaced by the auditor's value ("*", not checked, where it was unreadable)."""
from __future__ import annotations

import json
import os

from sqlalchemy import text

from chamdiem.model.observations import SCORE_FIELDS

DOCUMENT_FIELDS = ("report_number", "issuer", "issued_on", "assessment_year", "signer", "classification")
GOLD_FINDINGS = ("self_exceeds_max", "subtotal_mismatch", "narrative_table_mismatch", "missing_item_scores",
                 "classification_mismatch")


def _rows(con, sql: str, **params) -> list[dict]:
    return [dict(r._mapping) for r in con.execute(text(sql), params)]


def gold_documents(con) -> list[dict]:
    """A gold document per current report with verdicts on its bytes; the newest verdict on each
    criterion and field counts."""
    verdicts = _rows(con, "SELECT * FROM v_reviews WHERE is_stale = 0 ORDER BY review_id")
    latest: dict[tuple, dict] = {}
    for verdict in verdicts:
        latest[(verdict["current_document_id"], verdict["criterion_id"], verdict["field"])] = verdict
    out = []
    for doc_id in sorted({k[0] for k in latest}):
        doc = _rows(con, "SELECT * FROM v_documents WHERE document_id = :d", d=doc_id)[0]
        scores = {}
        for score in _rows(con, "SELECT * FROM v_scores WHERE document_id = :d ORDER BY criterion_id", d=doc_id):
            scores[score["criterion_id"]] = [_gold_value(latest.get((doc_id, score["criterion_id"], f)), score[f])
                                         for f in SCORE_FIELDS]
        findings = sorted({(f["criterion_id"], f["kind"]) for f in _rows(
            con, "SELECT criterion_id, kind FROM v_findings WHERE document_id = :d", d=doc_id)
            if f["kind"] in GOLD_FINDINGS})
        mine = [verdict for k, verdict in latest.items() if k[0] == doc_id]
        out.append({
            "file": doc["file_name"], "framework": doc["framework"],
            "document": {k: doc[k] for k in DOCUMENT_FIELDS},
            "score_fields": list(SCORE_FIELDS), "scores": scores,
            "findings": [list(f) for f in findings],
            "notes": "Exported by `chamdiem reviews export`: the values read, with the fields auditors reviewed "
                     "replaced by their verdicts ('*' where unreadable); findings as found when exported.",
            "reviews": [{k: (str(verdict[k]) if k == "reviewed_at" else verdict[k]) for k in
                         ("criterion_id", "field", "verdict", "value_read", "value", "note", "reviewer", "reviewed_at")}
                        for verdict in sorted(mine, key=lambda verdict: verdict["review_id"])],
        })
    return out


def _gold_value(review: dict | None, read):
    if review is None:
        return read
    return "*" if review["verdict"] == "unreadable" else review["value"]


def export_reviews(engine, folder: str) -> list[str]:
    """Writes one `<file stem>.json` per reviewed report into ``folder``; returns the paths."""
    with engine.connect() as con:
        docs = gold_documents(con)
    os.makedirs(folder, exist_ok=True)
    written = []
    for gold in docs:
        path = os.path.join(folder, os.path.splitext(gold["file"])[0] + ".json")
        with open(path, "w", encoding="utf-8") as handle:
            json.dump(gold, handle, ensure_ascii=False, indent=1)
            handle.write("\n")
        written.append(path)
    return written
