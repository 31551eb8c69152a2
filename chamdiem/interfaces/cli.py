"""Command line: `chamdiem ingest`, `trace`, `framework learn|check` and `remap` (see CONTRACT.md)."""
from __future__ import annotations

import argparse
import sys

from chamdiem.model.defaults import DEFAULT_DB
from chamdiem.model.errors import CatalogError, DatabaseError


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
    ing.add_argument("--frameworks", action="append", metavar="DIR",
                     help="a folder of framework TOMLs added to the built-in ones (repeatable; "
                          "also $CHAMDIEM_FRAMEWORKS)")
    fw = sub.add_parser("framework", help="draft and check framework TOMLs")
    fws = fw.add_subparsers(dest="framework_command", required=True)
    learn = fws.add_parser("learn", help="draft a framework TOML from a score sheet (filled or blank)")
    learn.add_argument("file")
    learn.add_argument("--id", required=True, help="the framework's ID (no dots), e.g. cchc-2024")
    learn.add_argument("--title", help="the framework's name")
    learn.add_argument("--out", help="where to write it (default: ID.toml; '-' for standard output)")
    learn.add_argument("--force", action="store_true", help="overwrite --out when it exists")
    check = fws.add_parser("check", help="validate framework TOMLs")
    check.add_argument("files", nargs="+", metavar="FILE.toml")
    rm = sub.add_parser("remap", help="re-read documents loaded under a provisional framework")
    rm.add_argument("--db", default=DEFAULT_DB)
    rm.add_argument("--frameworks", action="append", metavar="DIR",
                    help="a folder of framework TOMLs added to the built-in ones (repeatable)")
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
        try:
            summary = ingest(args.paths, args.db, workers=args.workers, quiet=args.quiet, max_mb=args.max_mb,
                             frameworks=args.frameworks)
        except CatalogError as exc:
            print(f"chamdiem: {exc}", file=sys.stderr)
            return 2
        return 1 if summary.failed else 0
    if args.command == "framework":
        return _framework(args)
    if args.command == "remap":
        from chamdiem.api import remap
        try:
            result = remap(args.db, frameworks=args.frameworks)
        except (CatalogError, DatabaseError) as exc:
            print(f"chamdiem: {exc}", file=sys.stderr)
            return 2
        print("\n".join(result.lines()))
        return 0
    if args.command == "trace":
        from chamdiem.store import Store
        from chamdiem.interfaces.trace import trace
        status, report = trace(Store(args.db), args.file_name, args.criterion_id, args.html)
        print(report, file=sys.stdout if status == 0 else sys.stderr)
        return status
    return 2


def _framework(args) -> int:
    """`framework learn`: 0 written, 1 nothing to learn, 2 unreadable file or refused overwrite.
    `framework check`: 0 all valid, 1 some invalid (one line per problem: FILE: problem)."""
    import os

    from chamdiem.api import check_framework, learn_framework
    from chamdiem.model.errors import IngestError
    from chamdiem.normalizers.framework_learn import NothingToLearn
    if args.framework_command == "check":
        bad = 0
        for path in args.files:
            errors = check_framework(path)
            bad += bool(errors)
            for e in errors:
                print(f"{path}: {e}", file=sys.stderr)
            if not errors:
                print(f"{path}: ok")
        return 1 if bad else 0
    if "." in args.id or not args.id.strip():
        print(f"chamdiem: --id {args.id!r}: an ID is one word without dots (dots separate item levels)",
              file=sys.stderr)
        return 2
    out = args.out or f"{args.id}.toml"
    if out != "-" and os.path.exists(out) and not args.force:
        print(f"chamdiem: {out} exists (use --force to overwrite it)", file=sys.stderr)
        return 2
    try:
        toml = learn_framework(args.file, args.id, args.title)
    except IngestError as exc:
        print(f"chamdiem: {exc.path}: {exc.reason}", file=sys.stderr)
        return 2
    except NothingToLearn as exc:
        print(f"chamdiem: {exc}", file=sys.stderr)
        return 1
    if out == "-":
        sys.stdout.write(toml)
    else:
        with open(out, "w", encoding="utf-8") as fh:
            fh.write(toml)
        print(f"wrote {out}: review it, then `chamdiem framework check {out}`")
    return 0


if __name__ == "__main__":
    sys.exit(main())
