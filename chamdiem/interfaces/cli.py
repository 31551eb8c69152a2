"""Command line: `chamdiem ingest` and `chamdiem trace` (see CONTRACT.md)."""
from __future__ import annotations

import argparse
import sys

from chamdiem.model.defaults import DEFAULT_DB, DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT_S


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="chamdiem", description="Score reports into a database you can trace.")
    sub = p.add_subparsers(dest="command", required=True)
    ing = sub.add_parser("ingest", help="load files or folders (recursively)")
    ing.add_argument("paths", nargs="+", metavar="PATH")
    ing.add_argument("--db", default=DEFAULT_DB, help="SQLite file or SQLAlchemy URL (default %(default)s)")
    ing.add_argument("--workers", type=int, default=None, help="extraction processes (default: CPUs)")
    ing.add_argument("--quiet", action="store_true", help="print nothing")
    ing.add_argument("--max-mb", type=float, default=100.0,
                     help="files larger than this are recorded as file_too_large (default %(default)s)")
    ing.add_argument("--max-memory-mb", type=int, default=DEFAULT_MEMORY_MB,
                     help="memory ceiling of the worker reading one file; a file needing more is recorded "
                          "as too_large (default %(default)s, 0 = no ceiling)")
    ing.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT_S,
                     help="seconds one file may take to read; then its worker is stopped and the file "
                          "recorded as timeout (default %(default)s, 0 = no limit)")
    tr = sub.add_parser("trace", help="show where a score came from")
    tr.add_argument("file_name")
    tr.add_argument("criterion_id")
    tr.add_argument("--db", default=DEFAULT_DB)
    tr.add_argument("--html", metavar="FILE", help="also write the source with scores, cited documents "
                                                   "and dates highlighted (displaCy)")
    return p


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "ingest":
        from chamdiem.api import ingest
        if args.workers is not None and args.workers < 1:
            print("chamdiem: --workers must be at least 1", file=sys.stderr)
            return 2
        if not args.max_mb > 0 or not (args.max_memory_mb == 0 or args.max_memory_mb >= 200) \
                or not args.timeout >= 0:
            print("chamdiem: --max-mb must be positive, --max-memory-mb 0 (no ceiling) or at least 200, "
                  "--timeout 0 (no limit) or positive", file=sys.stderr)
            return 2
        import os
        for p in args.paths:
            if not os.path.exists(p):
                print(f"chamdiem: no such file or folder: {p} (recorded as not_found)", file=sys.stderr)
        summary = ingest(args.paths, args.db, workers=args.workers, quiet=args.quiet, max_mb=args.max_mb,
                         max_memory_mb=args.max_memory_mb, timeout=args.timeout)
        return 1 if summary.failed else 0
    if args.command == "trace":
        from chamdiem.store import Store
        from chamdiem.interfaces.trace import trace
        status, report = trace(Store(args.db), args.file_name, args.criterion_id, args.html)
        print(report, file=sys.stdout if status == 0 else sys.stderr)
        return status
    return 2


if __name__ == "__main__":
    sys.exit(main())
