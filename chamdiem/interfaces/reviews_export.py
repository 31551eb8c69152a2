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
    for r in verdicts:
        latest[(r["current_document_id"], r["criterion_id"], r["field"])] = r
    out = []
    for doc_id in sorted({k[0] for k in latest}):
        doc = _rows(con, "SELECT * FROM v_documents WHERE document_id = :d", d=doc_id)[0]
        scores = {}
        for s in _rows(con, "SELECT * FROM v_scores WHERE document_id = :d ORDER BY criterion_id", d=doc_id):
            scores[s["criterion_id"]] = [_gold_value(latest.get((doc_id, s["criterion_id"], f)), s[f])
                                         for f in SCORE_FIELDS]
        findings = sorted({(f["criterion_id"], f["kind"]) for f in _rows(
            con, "SELECT criterion_id, kind FROM v_findings WHERE document_id = :d", d=doc_id)
            if f["kind"] in GOLD_FINDINGS})
        mine = [r for k, r in latest.items() if k[0] == doc_id]
        out.append({
            "file": doc["file_name"], "framework": doc["framework"],
            "document": {k: doc[k] for k in DOCUMENT_FIELDS},
            "score_fields": list(SCORE_FIELDS), "scores": scores,
            "findings": [list(f) for f in findings],
            "notes": "Exported by `chamdiem reviews export`: the values read, with the fields auditors reviewed "
                     "replaced by their verdicts ('*' where unreadable); findings as found when exported.",
            "reviews": [{k: (str(r[k]) if k == "reviewed_at" else r[k]) for k in
                         ("criterion_id", "field", "verdict", "value_read", "value", "note", "reviewer", "reviewed_at")}
                        for r in sorted(mine, key=lambda r: r["review_id"])],
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
    for g in docs:
        path = os.path.join(folder, os.path.splitext(g["file"])[0] + ".json")
        with open(path, "w", encoding="utf-8") as fh:
            json.dump(g, fh, ensure_ascii=False, indent=1)
            fh.write("\n")
        written.append(path)
    return written
