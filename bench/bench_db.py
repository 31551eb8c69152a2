"""A 10,000-report database, and how fast every analyst view and the usual queries answer on it.

The rows are real: the sample reports in data/raw are loaded once with chamdiem, then their rows
are copied, report by report, under new names, units, years and document numbers, straight into
the tables (thousands of reports a second). Prints each query's time (best of --repeat, results
fetched), and the database size per 1,000 reports.

    .venv/bin/python bench/bench_db.py --reports 10000
"""
from __future__ import annotations

import argparse
import hashlib
import os
import pathlib
import random
import sqlite3
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from chamdiem.pipeline.ingest import ingest  # noqa: E402
from chamdiem.store.database import Store  # noqa: E402

TABLES = ("documents", "document_texts", "observations", "observation_values", "scores", "findings",
          "cited_documents", "citations")


def _rows(con, sql):
    cur = con.execute(sql)
    cols = [d[0] for d in cur.description]
    return cols, [list(r) for r in cur]


def build(db: str, reports: int, seed: int = 13) -> None:
    """Copies the sample reports' rows ``reports`` times into a new database at ``db``."""
    rng = random.Random(seed)
    tmpl_db = os.path.join(tempfile.mkdtemp(), "template.sqlite")
    ingest([str(ROOT / "data" / "raw")], tmpl_db, workers=1, quiet=True)
    Store(db)  # the schema, as an ingest makes it
    src = sqlite3.connect(tmpl_db)
    t = {name: _rows(src, f"SELECT * FROM {name} ORDER BY 1") for name in TABLES}
    src.close()
    con = sqlite3.connect(db)
    con.execute("PRAGMA synchronous=OFF")
    con.execute("BEGIN")
    doc_cols, docs = t["documents"]
    ci = {c: k for k, c in enumerate(doc_cols)}
    obs_cols, obs = t["observations"]
    oi = {c: k for k, c in enumerate(obs_cols)}
    cd_cols, cds = t["cited_documents"]
    cdi = {c: k for k, c in enumerate(cd_cols)}
    cit_cols, cits = t["citations"]
    cti = {c: k for k, c in enumerate(cit_cols)}
    by_doc = {name: {} for name in ("document_texts", "observations", "scores", "findings", "citations")}
    for name in by_doc:
        cols, rows = t[name]
        k = cols.index("document_id")
        for r in rows:
            by_doc[name].setdefault(r[k], []).append(r)
    vals_cols, vals = t["observation_values"]
    vals_by_obs: dict[int, list] = {}
    for r in vals:
        vals_by_obs.setdefault(r[0], []).append(r)
    ins = {name: f"INSERT INTO {name} ({', '.join(t[name][0])}) VALUES ({', '.join('?' * len(t[name][0]))})"
           for name in TABLES}
    next_obs = next_cit = next_find = 1
    next_cd = 1
    shared_cd = {}   # template cited document -> id shared by every report (national documents)
    batch = {name: [] for name in TABLES}
    for r in range(reports):
        d = list(docs[r % len(docs)])
        old_id = d[ci["id"]]
        unit = r // 4
        year = 2021 + (r % 4)
        new_id = r + 1
        d[ci["id"]] = new_id
        d[ci["file_name"]] = f"bao_cao_{unit:05d}_{year}_{d[ci['file_name']]}"
        d[ci["path"]] = f"/quarter/{unit % 63:02d}/{d[ci['file_name']]}"
        d[ci["sha256"]] = hashlib.sha256(f"{seed}/{r}".encode()).hexdigest()
        d[ci["issuer"]] = f"UBND xã số {unit}"
        d[ci["issuer_key"]] = f"ubnd xa so {unit}"
        d[ci["assessment_year"]] = year
        d[ci["is_current"]] = rng.random() > 0.03   # a few replaced versions stay as history
        batch["documents"].append(d)
        for row in by_doc["document_texts"].get(old_id, []):
            batch["document_texts"].append([new_id, row[1]])
        for row in by_doc["scores"].get(old_id, []):
            row = list(row)
            row[0] = new_id
            batch["scores"].append(row)
        for row in by_doc["findings"].get(old_id, []):
            row = list(row)
            row[0], row[1] = next_find, new_id
            next_find += 1
            batch["findings"].append(row)
        for row in by_doc["observations"].get(old_id, []):
            row = list(row)
            old_obs = row[oi["id"]]
            row[oi["id"]], row[oi["document_id"]] = next_obs, new_id
            for v in vals_by_obs.get(old_obs, []):
                batch["observation_values"].append([next_obs, *v[1:]])
            next_obs += 1
            batch["observations"].append(row)
        own_cd: dict[int, tuple[int, str]] = {}
        for row in by_doc["citations"].get(old_id, []):
            row = list(row)
            tmpl_cd = row[cti["cited_document_id"]]
            if tmpl_cd is not None:
                if tmpl_cd % 3 == 0:      # cited by everyone (a decree, a provincial plan)
                    if tmpl_cd not in shared_cd:
                        shared_cd[tmpl_cd] = next_cd
                        c = list(cds[(tmpl_cd - 1) % len(cds)])
                        c[cdi["id"]], c[cdi["doc_key"]] = next_cd, f"shared|{tmpl_cd}"
                        batch["cited_documents"].append(c)
                        next_cd += 1
                    row[cti["cited_document_id"]] = shared_cd[tmpl_cd]
                else:                     # the unit's own plans and decisions
                    if tmpl_cd not in own_cd:
                        c = list(cds[(tmpl_cd - 1) % len(cds)])
                        c[cdi["id"]], c[cdi["doc_key"]] = next_cd, f"{r}|{tmpl_cd}"
                        c[cdi["number"]] = str(rng.randint(1, 999))
                        batch["cited_documents"].append(c)
                        own_cd[tmpl_cd] = (next_cd, c[cdi["number"]])
                        next_cd += 1
                    row[cti["cited_document_id"]], row[cti["number"]] = own_cd[tmpl_cd]
            row[cti["id"]], row[cti["document_id"]] = next_cit, new_id
            next_cit += 1
            batch["citations"].append(row)
        if r % 500 == 499 or r == reports - 1:
            for name in TABLES:
                if batch[name]:
                    con.executemany(ins[name], batch[name])
                    batch[name] = []
    # the registry's counts, as the loader keeps them
    con.execute("UPDATE cited_documents SET "
                "mentions = (SELECT COUNT(*) FROM citations c JOIN documents d ON d.id = c.document_id "
                "            WHERE c.cited_document_id = cited_documents.id AND d.is_current), "
                "citing_reports = (SELECT COUNT(DISTINCT c.document_id) FROM citations c JOIN documents d "
                "                  ON d.id = c.document_id WHERE c.cited_document_id = cited_documents.id "
                "                  AND d.is_current)")
    con.execute("COMMIT")
    con.close()
    Store(db).refresh_statistics()   # as the ingest that loaded them would


QUERIES = [
    ("v_documents: one framework and year", "SELECT * FROM v_documents WHERE framework = 'dvcq' AND assessment_year = 2024"),
    ("v_documents: one file", "SELECT * FROM v_documents WHERE file_name = :file"),
    ("v_documents: one unit (issuer LIKE)", "SELECT * FROM v_documents WHERE lower(issuer) LIKE '%số 1234'"),
    ("v_scores: one criterion, all units", "SELECT file_name, self_score, max_points FROM v_scores "
                                           "WHERE criterion_id = 'dvcq.tc5' ORDER BY self_score"),
    ("v_scores: one file", "SELECT * FROM v_scores WHERE file_name = :file"),
    ("v_scores: one file and criterion", "SELECT * FROM v_scores WHERE file_name = :file AND criterion_id = 'dvcq.tc4.nd2'"),
    ("v_findings: errors of one kind", "SELECT * FROM v_findings WHERE kind = 'self_exceeds_max'"),
    ("v_findings: one file", "SELECT * FROM v_findings WHERE file_name = :file"),
    ("v_citations: one file", "SELECT * FROM v_citations WHERE file_name = :file"),
    ("v_citations: one document type and number", "SELECT * FROM v_citations WHERE doc_type = 'Kế hoạch' AND number = '24'"),
    ("v_cited_documents: 20 most cited", "SELECT * FROM v_cited_documents ORDER BY citing_reports DESC, mentions DESC LIMIT 20"),
    ("v_cited_documents: one document type and number", "SELECT * FROM v_cited_documents WHERE doc_type = 'Kế hoạch' AND number = '24'"),
    ("v_texts: one document", "SELECT * FROM v_texts WHERE document_id = :doc"),
    ("v_observations: one file", "SELECT * FROM v_observations WHERE file_name = :file"),
    ("v_document_versions: one file", "SELECT * FROM v_document_versions WHERE file_name = :file"),
    ("v_ingest_errors: all", "SELECT * FROM v_ingest_errors"),
    ("chamdiem.scores(framework, year)", "SELECT v.* FROM v_scores v JOIN v_documents d ON d.document_id = v.document_id "
                                          "WHERE d.framework = 'dvcq' AND d.assessment_year = 2024 AND v.criterion_id = 'dvcq'"),
    ("chamdiem.findings(unit=...)", "SELECT v.* FROM v_findings v JOIN v_documents d ON d.document_id = v.document_id "
                                     "WHERE lower(d.issuer) LIKE '%số 1234%'"),
]


def time_queries(db: str, repeat: int) -> list[tuple[str, float, int]]:
    con = sqlite3.connect(db)
    file, doc = con.execute("SELECT file_name, document_id FROM v_documents WHERE framework = 'dvcq' "
                            "ORDER BY document_id DESC LIMIT 1").fetchone()
    out = []
    for label, sql in QUERIES:
        best, n = 1e9, 0
        for _ in range(repeat):
            t0 = time.perf_counter()
            n = len(con.execute(sql, {"file": file, "doc": doc}).fetchall())
            best = min(best, time.perf_counter() - t0)
        out.append((label, best, n))
    con.close()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reports", type=int, default=10_000)
    ap.add_argument("--db", default=None, help="where to build it (default: a temporary folder)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--before", action="store_true",
                    help="then drop migration 0006's indexes and counts (the database is changed) and time again")
    a = ap.parse_args()
    db = a.db or os.path.join(tempfile.mkdtemp(), "reports.sqlite")
    if os.path.exists(db):
        os.remove(db)
    t0 = time.perf_counter()
    build(db, a.reports)
    built = time.perf_counter() - t0
    con = sqlite3.connect(db)
    counts = {name: con.execute(f"SELECT COUNT(*) FROM {name}").fetchone()[0] for name in TABLES}
    con.close()
    size = os.path.getsize(db)
    print(f"database: {a.reports:,} reports built in {built:.1f} s; {size / 2**20:.0f} MiB, "
          f"{size / 2**20 / a.reports * 1000:.1f} MiB per 1,000 reports")
    print("  rows: " + ", ".join(f"{k} {v:,}" for k, v in counts.items()))
    now = time_queries(db, a.repeat)
    before = time_queries(_as_before(db), a.repeat) if a.before else None
    print(f"  {'now':>9s} {'before' if before else '':>10s}")
    for k, (label, sec, n) in enumerate(now):
        old = f"{before[k][1] * 1000:7.1f} ms" if before else ""
        print(f"  {sec * 1000:7.1f} ms {old:>10s}  {label} ({n:,} rows)")
    print(f"  slowest: {max(s for _, s, _ in now) * 1000:.1f} ms"
          + (f" (before: {max(s for _, s, _ in before) * 1000:.1f} ms)" if before else ""))


OLD_CITED_VIEW = """CREATE VIEW v_cited_documents AS
SELECT cd.id AS cited_document_id, cd.doc_type, cd.number, cd.year, cd.symbol, cd.issuer_code, cd.issued_on,
       COUNT(*) AS mentions, COUNT(DISTINCT c.document_id) AS citing_reports
FROM cited_documents cd JOIN citations c ON c.cited_document_id = cd.id
JOIN documents d ON d.id = c.document_id
WHERE d.is_current
GROUP BY cd.id, cd.doc_type, cd.number, cd.year, cd.symbol, cd.issuer_code, cd.issued_on"""


def _as_before(db: str) -> str:
    """The same database as the schema before migration 0006 had it: without its indexes (and
    their statistics), v_cited_documents aggregating every citation."""
    con = sqlite3.connect(db)
    names = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND name IN "
                                       "(SELECT name FROM sqlite_master WHERE sql LIKE 'CREATE INDEX%')")]
    old = {"ix_documents_unit", "ix_observations_document_id", "ix_findings_document_id", "ix_citations_document_id"}
    for name in names:
        if name not in old:
            con.execute(f"DROP INDEX {name}")
    con.execute("DROP VIEW v_cited_documents")
    con.execute(OLD_CITED_VIEW)
    con.execute("DROP TABLE IF EXISTS sqlite_stat1")
    con.commit()
    con.close()
    return db


if __name__ == "__main__":
    main()
