"""Runs the hostile corpus (bench/make_hostile.py) and mutated reports through a real ingest and
checks what issue 14 asks: no batch crash, no hang, every file in v_documents/v_document_versions
(by its content) or v_ingest_errors, every failure of a documented kind with a message, peak RSS of
the reading workers, PRAGMA integrity_check, and no XXE leak.

    .venv/bin/python bench/fuzz_ingest.py /tmp/chamdiem-fuzz --mutations 10000 --heavy

Exit status 0 when every check holds. `make fuzz` runs it with the long budget.
"""
from __future__ import annotations

import argparse
import hashlib
import multiprocessing
import os
import pathlib
import resource
import shutil
import sqlite3
import stat
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import make_hostile  # noqa: E402


def _ingest_child(paths, db, workers, memory_mb, timeout, conn) -> None:
    from chamdiem.api import ingest
    t0 = time.monotonic()
    res = ingest(paths, db, workers=workers, max_memory_mb=memory_mb, timeout=timeout)
    conn.send({"seconds": time.monotonic() - t0, "loaded": res.loaded, "replaced": res.replaced,
               "unchanged": res.unchanged, "held_back": res.held_back, "failed": res.failed,
               "worker_peak_mb": res.worker_peak_mb,
               "writer_peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024})


def run_ingest(paths: list[str], db: str, workers: int = 2, memory_mb: int = 1024, timeout: float = 120.0,
               hang_after: float = 3600.0) -> dict:
    """A real ingest in a process of its own, so its workers' peak RSS is measured apart."""
    ctx = multiprocessing.get_context("spawn")
    parent, child = ctx.Pipe()
    p = ctx.Process(target=_ingest_child, args=(paths, db, workers, memory_mb, timeout, child))
    p.start()
    child.close()
    got = parent.recv() if parent.poll(hang_after) else None
    p.join(60)
    if p.is_alive():
        p.kill()
        p.join()
    return {"exitcode": p.exitcode, "hung": got is None, **(got or {})}


def sha_of(path: str) -> str | None:
    try:
        with open(path, "rb") as fh:
            return hashlib.sha256(fh.read()).hexdigest()
    except OSError:
        return None


def account(db: str, files: dict[str, str]) -> dict:
    """Which files are neither loaded (their content is a document, current or not) nor recorded as
    failed; the failure kinds seen; internal errors; the database's integrity."""
    from chamdiem.model.errors import ERROR_KINDS
    from chamdiem.store.database import storable
    con = sqlite3.connect(db)
    try:
        shas = {r[0] for r in con.execute("SELECT sha256 FROM documents")}
        failed = {r[0] for r in con.execute("SELECT path FROM ingest_errors")}
        kinds = dict(con.execute("SELECT error_kind, COUNT(*) FROM ingest_errors GROUP BY error_kind").fetchall())
        empty = con.execute("SELECT COUNT(*) FROM ingest_errors WHERE TRIM(message) = ''").fetchone()[0]
        integrity = con.execute("PRAGMA integrity_check").fetchone()[0]
        leaks = con.execute("SELECT COUNT(*) FROM document_texts WHERE text LIKE '%root:x:0:0%'").fetchone()[0]
        current = con.execute("SELECT COUNT(*) FROM documents WHERE is_current").fetchone()[0]
        held = con.execute("SELECT COUNT(*) FROM documents WHERE NOT is_current").fetchone()[0]
    finally:
        con.close()
    lost = []
    for path, kind in files.items():
        if kind == "symlink_loop":
            continue  # a folder walked past, not a file
        if storable(path) in failed:
            continue
        st = os.lstat(path)
        if stat.S_ISREG(st.st_mode) and sha_of(path) in shas:
            continue
        lost.append(path)
    return {"lost": lost, "kinds": kinds, "unknown_kinds": sorted(set(kinds) - set(ERROR_KINDS)),
            "empty_messages": empty, "internal_errors": kinds.get("internal_error", 0), "integrity": integrity,
            "xxe_leaks": leaks, "documents_current": current, "documents_not_current": held}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folder")
    ap.add_argument("--mutations", type=int, default=1000)
    ap.add_argument("--heavy", action="store_true")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--seed", type=int, default=14)
    args = ap.parse_args()
    folder = pathlib.Path(args.folder)
    if folder.exists():
        shutil.rmtree(folder)
    t0 = time.monotonic()
    files = make_hostile.write_corpus(folder / "kinds", args.heavy, args.seed)
    n_kinds = len(set(files.values()))
    files.update(make_hostile.write_mutants(folder / "mutants", args.mutations, args.seed))
    written = time.monotonic() - t0
    db = str(folder / "fuzz.sqlite")
    run = run_ingest([str(folder / "kinds"), str(folder / "mutants")], db, args.workers)
    acc = account(db, files)
    ok = (run["exitcode"] == 0 and not run["hung"] and not acc["lost"] and not acc["unknown_kinds"]
          and not acc["empty_messages"] and not acc["internal_errors"] and acc["integrity"] == "ok"
          and not acc["xxe_leaks"] and 0 < run.get("worker_peak_mb", 0) < 1024)
    print(f"hostile kinds            {n_kinds} ({'heavy' if args.heavy else 'light'} sizes)")
    print(f"mutated reports          {args.mutations} (txt, html, docx, pdf in turn)")
    print(f"files                    {len(files)} written in {written:.0f} s")
    print(f"ingest                   {run.get('seconds', 0):.0f} s with {args.workers} workers, exit "
          f"{'crash' if run['exitcode'] else 'ok'}, {'HUNG' if run['hung'] else 'no hang'}")
    print(f"outcome                  loaded {run.get('loaded')}, replaced {run.get('replaced')}, kept as older "
          f"versions {run.get('held_back')}, unchanged {run.get('unchanged')}, failed {run.get('failed')}")
    print(f"not accounted for        {len(acc['lost'])} {acc['lost'][:5]}")
    print(f"failure kinds            {acc['kinds']}")
    print(f"undocumented kinds       {acc['unknown_kinds'] or 'none'}; internal_error {acc['internal_errors']}; "
          f"empty messages {acc['empty_messages']}")
    print(f"peak RSS                 reading worker {run.get('worker_peak_mb', 0):.0f} MB, writer "
          f"{run.get('writer_peak_mb', 0):.0f} MB")
    print(f"integrity_check          {acc['integrity']}; XXE leaks {acc['xxe_leaks']}")
    print("RESULT                   " + ("all checks hold" if ok else "CHECKS FAILED"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
