"""Loads a quarter folder (bench/make_quarter.py) into a fresh SQLite database and prints
reports/s, pages/s, rows/s written and peak memory; then runs again over the unchanged folder.

    .venv/bin/python bench/bench_quarter.py /tmp/quarter --workers 2
"""
from __future__ import annotations

import argparse
import os
import pathlib
import resource
import sqlite3
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from chamdiem.pipeline.ingest import ingest  # noqa: E402

TABLES = ("documents", "document_texts", "observations", "observation_values", "scores", "findings", "citations",
          "cited_documents", "ingest_errors")


def peak_mib() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, kids) / 1024


def cpu_seconds() -> tuple[float, float]:
    """(this process's CPU, its reading workers' CPU) in seconds so far. The workers come from
    multiprocessing's fork server, which reaps them: their CPU is the server's children's
    (/proc/<server>/stat cutime and cstime), beside what this process reaped itself."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    workers = kids.ru_utime + kids.ru_stime
    from multiprocessing import forkserver
    pid = getattr(forkserver._forkserver, "_forkserver_pid", None)
    if pid:
        try:
            fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
            workers += sum(int(f) for f in fields[11:15]) / os.sysconf("SC_CLK_TCK")
        except OSError:
            pass
    return own.ru_utime + own.ru_stime, workers


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--db", default=None)
    ap.add_argument("--executor", choices=("local", "dask"), default="local",
                    help="dask: a local Dask cluster of --workers processes")
    a = ap.parse_args()
    db = a.db or os.path.join(tempfile.mkdtemp(), "quarter.sqlite")
    files = sum(1 for p in pathlib.Path(a.folder).iterdir() if p.is_file())
    t0, (own0, workers0) = time.perf_counter(), cpu_seconds()
    s = ingest([a.folder], db, workers=a.workers, quiet=True, executor=a.executor)
    first = time.perf_counter() - t0
    own1, workers1 = cpu_seconds()
    con = sqlite3.connect(db)
    rows = sum(con.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in TABLES)
    pages = con.execute("SELECT COALESCE(SUM(pages), 0) FROM documents WHERE format = 'pdf'").fetchone()[0]
    con.close()
    print(f"first run: {files} files in {first:.1f} s with {a.workers} workers ({a.executor}): "
          f"loaded {s.loaded}, replaced {s.replaced}, unchanged {s.unchanged}, failed {s.failed}")
    print(f"  {files / first:.1f} reports/s, {pages / first:.1f} PDF pages/s ({pages} pages), "
          f"{rows / first:,.0f} rows/s written ({rows:,} rows)")
    print(f"  CPU: {own1 - own0:.1f} s writing (this process), {workers1 - workers0:.1f} s reading (the workers "
          f"reaped by the end; local executor only)")
    print(f"  findings: {dict(sorted(s.findings.items()))}")
    t0 = time.perf_counter()
    s2 = ingest([a.folder], db, workers=a.workers, quiet=True, executor=a.executor)
    second = time.perf_counter() - t0
    print(f"second run over the unchanged folder: {second:.1f} s (unchanged {s2.unchanged}, failed {s2.failed})")
    print(f"peak memory (largest process): {peak_mib():.0f} MiB")


if __name__ == "__main__":
    main()
