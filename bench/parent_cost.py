"""The writing process's CPU per report, apart from the reading: a folder's results are read in
worker processes and kept as the bytes a worker sends, then unpickled and written into a fresh
SQLite database in this process, timed (process CPU) per stage. Run it with two trees side by side:

    PYTHONPATH=. .venv/bin/python bench/parent_cost.py /tmp/quarter [--profile]
"""
from __future__ import annotations

import argparse
import cProfile
import gc
import multiprocessing
import os
import pathlib
import pickle
import pstats
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _read(path: str) -> bytes:
    from chamdiem.pipeline.job import ReadJob
    return pickle.dumps(ReadJob(frozenset(), 50 * 1024 * 1024)(path), protocol=pickle.HIGHEST_PROTOCOL)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--profile", action="store_true")
    ap.add_argument("--cache-mb", type=int, default=0, help="PRAGMA cache_size of the writer (0: as it is)")
    a = ap.parse_args()
    files = sorted(str(p) for p in pathlib.Path(a.folder).iterdir() if p.is_file())
    with multiprocessing.get_context("forkserver").Pool(a.workers) as pool:
        blobs = pool.map(_read, files, chunksize=4)
    from chamdiem.store.database import Store
    db = os.path.join(tempfile.mkdtemp(), "parent.sqlite")
    store = Store(db)
    store.close()
    from chamdiem.store.writer import open_sqlite
    writer = open_sqlite(db)
    if a.cache_mb:
        writer.con.execute(f"PRAGMA cache_size=-{a.cache_mb * 1024}")
    gc.collect()
    prof = cProfile.Profile() if a.profile else None
    t_load = t_write = 0.0
    written = 0
    if prof:
        prof.enable()
    for blob in blobs:
        t0 = time.process_time()
        outcome = pickle.loads(blob)
        t1 = time.process_time()
        if outcome.doc is not None:
            writer.write(outcome.doc)
            written += 1
        t_write += time.process_time() - t1
        t_load += t1 - t0
    if prof:
        prof.disable()
    writer.close()
    size = sum(map(len, blobs))
    print(f"{len(files)} files, {written} written, {size / 1e6:.1f} MB pickled: unpickle {t_load:.2f} s "
          f"({1000 * t_load / len(files):.2f} ms/report), write {t_write:.2f} s "
          f"({1000 * t_write / max(written, 1):.2f} ms/report)")
    if prof:
        pstats.Stats(prof).sort_stats("tottime").print_stats(30)


if __name__ == "__main__":
    main()
