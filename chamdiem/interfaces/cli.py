"""Command line: `chamdiem ingest` and `chamdiem trace` (see CONTRACT.md)."""
from __future__ import annotations

import argparse
import sys

from chamdiem.model.defaults import DEFAULT_DB


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
    ing.add_argument("--executor", choices=("local", "dask"), default="local",
                     help="where extraction runs: local processes, or a Dask distributed cluster "
                          "(needs pip install 'chamdiem[distributed]')")
    ing.add_argument("--scheduler", metavar="tcp://HOST:PORT",
                     help="the Dask scheduler for --executor dask (default: a local cluster of --workers processes)")
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
        if args.scheduler and args.executor != "dask":
            print("chamdiem: --scheduler needs --executor dask", file=sys.stderr)
            return 2
        from chamdiem.pipeline.executors import ExecutorUnavailable
        try:
            summary = ingest(args.paths, args.db, workers=args.workers, quiet=args.quiet, max_mb=args.max_mb,
                             executor=args.executor, scheduler=args.scheduler)
        except ExecutorUnavailable as exc:
            print(f"chamdiem: {exc}", file=sys.stderr)
            return 2
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
