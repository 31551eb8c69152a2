"""Command line: `chamdiem ingest`, `trace`, `export`, `serve`, `framework learn|check` and `remap`
(see CONTRACT.md). A bad input is one line saying what is wrong and what to do, exit status 2, and
nothing written."""
from __future__ import annotations

import gc
import os
import sys

from chamdiem.model.defaults import DEFAULT_DB, DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT_S, GC_THRESHOLDS
from chamdiem.model.errors import CatalogError, DatabaseError, DiskFull
from chamdiem.model.shown import shown
from chamdiem.pipeline.executors import ExecutorUnavailable


class UsageError(Exception):
    """A command line that cannot be run as given; the message says what to do instead."""


def _parser() -> argparse.ArgumentParser:
    import argparse   # here: an ingest forks its first reading worker before it parses (run)
    parser = argparse.ArgumentParser(prog="chamdiem", description="Score reports into a database you can trace.")
    parser.add_argument("--version", action=_version_action(argparse), nargs=0,
                        help="print the installed version and exit")
    commands = parser.add_subparsers(dest="command", required=True)
    ingest = commands.add_parser("ingest", help="load files or folders (recursively)")
    ingest.add_argument("paths", nargs="+", metavar="PATH")
    ingest.add_argument("--db", default=DEFAULT_DB, help="SQLite file or SQLAlchemy URL (default %(default)s)")
    ingest.add_argument("--workers", type=int, default=None, help="extraction processes (default: CPUs)")
    ingest.add_argument("--quiet", action="store_true", help="print nothing")
    ingest.add_argument("--max-mb", type=float, default=100.0,
                     help="files larger than this are recorded as file_too_large (default %(default)s)")
    ingest.add_argument("--frameworks", action="append", metavar="DIR",
                     help="a folder of framework TOMLs added to the built-in ones (repeatable; "
                          "also $CHAMDIEM_FRAMEWORKS)")
    ingest.add_argument("--executor", choices=("local", "dask"), default="local",
                     help="where extraction runs: local processes, or a Dask distributed cluster "
                          "(needs pip install 'chamdiem[distributed]')")
    ingest.add_argument("--scheduler", metavar="tcp://HOST:PORT",
                     help="the Dask scheduler for --executor dask (default: a local cluster of --workers processes)")
    ingest.add_argument("--follow-symlinks", action="store_true",
                     help="follow symbolic links to files and folders outside the folders given (default: "
                          "they are counted in the summary and not read)")
    framework = commands.add_parser("framework", help="draft and check framework TOMLs")
    fws = framework.add_subparsers(dest="framework_command", required=True)
    learn = fws.add_parser("learn", help="draft a framework TOML from a score sheet (filled or blank)")
    learn.add_argument("file")
    learn.add_argument("--id", required=True, help="the framework's ID (no dots), e.g. cchc-2024")
    learn.add_argument("--title", help="the framework's name")
    learn.add_argument("--out", help="where to write it (default: ID.toml; '-' for standard output)")
    learn.add_argument("--force", action="store_true", help="overwrite --out when it exists")
    check = fws.add_parser("check", help="validate framework TOMLs")
    check.add_argument("files", nargs="+", metavar="FILE.toml")
    remap = commands.add_parser("remap", help="re-read documents loaded under a provisional framework")
    remap.add_argument("--db", default=DEFAULT_DB)
    remap.add_argument("--frameworks", action="append", metavar="DIR",
                    help="a folder of framework TOMLs added to the built-in ones (repeatable)")
    ingest.add_argument("--max-memory-mb", type=int, default=DEFAULT_MEMORY_MB,
                     help="memory ceiling of the worker reading one file; a file needing more is recorded "
                          "as too_large (default %(default)s, 0 = no ceiling)")
    ingest.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT_S,
                     help="seconds one file may take to read; then its worker is stopped and the file "
                          "recorded as timeout (default %(default)s, 0 = no limit)")
    trace = commands.add_parser("trace", help="show where a score came from")
    trace.add_argument("file_name")
    trace.add_argument("criterion_id")
    trace.add_argument("--db", default=DEFAULT_DB)
    trace.add_argument("--html", metavar="FILE", help="also write the trace page (the one `chamdiem serve` shows) "
                                                   "as a standalone HTML file")
    trace.add_argument("--png", metavar="FILE", help="also write the page the score was read from (PDF, scans), "
                                                  "cropped to its row with its values boxed, as a PNG image")
    export = commands.add_parser("export", help="write the quarter as an Excel workbook (or CSV files)")
    export.add_argument("--db", default=DEFAULT_DB)
    export.add_argument("-o", "--output", required=True, metavar="PATH",
                    help="the .xlsx file to write, or with --format csv the folder to write into")
    export.add_argument("--format", choices=("xlsx", "csv"), default="xlsx")
    export.add_argument("--framework", help="only this framework (e.g. dvcq)")
    export.add_argument("--year", type=int, help="only this assessment year")
    export.add_argument("--unit", help="only units whose name contains this (tone marks and case ignored)")
    export.add_argument("--decimal", choices=("point", "comma"), default="point",
                    help="CSV only: 'comma' writes 9,5 with ';' between fields, as Excel set to Vietnamese reads "
                         "(default %(default)s: 9.5 with ',')")
    units = commands.add_parser("units", help="the units registry: list, doubtful pairs, merge, rename, "
                                               "keep apart, apply")
    units.add_argument("action", nargs="?", default="list",
                    choices=("list", "doubtful", "merge", "rename", "keep-apart", "apply"),
                    help="list (default); doubtful: pairs of names only alike; merge A B: A is B; rename A --name "
                         "NAME [--level L] [--parent P]; keep-apart A B; apply FILE.toml")
    units.add_argument("refs", nargs="*", metavar="UNIT", help="a unit's id or any name it was read under; "
                                                            "for apply, the aliases file")
    units.add_argument("--db", default=DEFAULT_DB)
    units.add_argument("--name", help="rename: the unit's new name")
    units.add_argument("--level", help="rename: tỉnh, sở, huyện, thành phố, thị xã, xã, phường, thị trấn, …")
    units.add_argument("--parent", help="rename: the unit it belongs to (id or name)")
    units.add_argument("--aliases", metavar="FILE.toml",
                    help="where merge, rename and keep-apart keep the decisions (default: beside the database, "
                         "DB.units.toml)")
    serve = commands.add_parser("serve", help="browse the database in a web browser "
                                               "(Datasette; pip install chamdiem[web])")
    serve.add_argument("--db", default=DEFAULT_DB)
    serve.add_argument("--port", type=int, default=8001)
    serve.add_argument("--host", default="127.0.0.1",
                    help="address to listen on (default %(default)s: this computer only); any other "
                         "needs a password of at least 12 characters in the CHAMDIEM_PASSWORD environment "
                         "variable (when it is set, every address asks for it)")
    serve.add_argument("--allow-sql", action="store_true",
                    help="let visitors run their own SQL (?sql=), each query stopped after Datasette's "
                         "time limit of 5 s (default: only the pages and the canned queries)")
    serve.add_argument("--allow-host", action="append", default=[], metavar="NAME",
                    help="a further host name the browser may use to reach the server (repeatable; the "
                         "address of --host and this computer's loopback names always are)")
    serve.add_argument("--cert", metavar="FILE.pem", help="serve HTTPS with this certificate (with --key)")
    serve.add_argument("--key", metavar="FILE.pem", help="the private key of --cert")
    _review_parsers(commands)
    return parser


def _review_parsers(sub) -> None:
    review = sub.add_parser("review", help="record an auditor's verdict on a score")
    review.add_argument("file_name")
    review.add_argument("criterion_id")
    verdict = review.add_mutually_exclusive_group(required=True)
    verdict.add_argument("--confirm", action="store_true", help="the value read is right")
    verdict.add_argument("--value", metavar="N", help="the value is wrong: this is what the report says (3,5)")
    verdict.add_argument("--unreadable", action="store_true", help="the source cannot be read")
    review.add_argument("--field", default="self_score",
                    choices=("max_points", "self_score", "authority_score", "bonus_max", "bonus_self"),
                    help="the score field reviewed (default %(default)s)")
    review.add_argument("--note", help="what the auditor saw")
    review.add_argument("--by", required=True, metavar="NAME", help="who gives the verdict")
    review.add_argument("--db", default=DEFAULT_DB)
    rvs = sub.add_parser("reviews", help="the auditors' verdicts")
    rvs_sub = rvs.add_subparsers(dest="reviews_command", required=True)
    exp = rvs_sub.add_parser("export", help="write the verdicts as gold files (one JSON per reviewed report)")
    exp.add_argument("--db", default=DEFAULT_DB)
    exp.add_argument("-o", "--output", default="reviews-gold", metavar="FOLDER",
                     help="folder to write into (default %(default)s)")


# True when this process ends with the command (the `chamdiem` program), not when main() is called
# from other code (tests): only then may the collector be told to leave its objects alone.
_WHOLE_PROCESS = False


def run() -> None:
    """The `chamdiem` program: main() in a process that ends with it."""
    global _WHOLE_PROCESS
    _WHOLE_PROCESS = True
    # A command's imports (SQLAlchemy, pandas, openpyxl where it needs them) make hundreds of
    # thousands of objects that live as long as the process and are no garbage: at the default
    # threshold (700) the collector walks them again and again, for nothing. Collections stay,
    # a hundred times rarer.
    gc.set_threshold(*GC_THRESHOLDS)
    early = _names_an_ingest(sys.argv[1:])
    if early:
        # The first reading worker is forked before the command line is even parsed: most of a
        # one-file ingest is that worker importing the readers, and everything this process does
        # before the fork (parsing, finding the files) would come before it. Arguments refused,
        # nothing to read, a Dask cluster: it is stopped (_ingest, and below).
        from chamdiem.pipeline.workers import fork_workers_directly, start_first_worker
        fork_workers_directly()   # this process is small and has no other thread (see workers.py)
        start_first_worker()
    try:
        code = main()
    finally:
        if early:
            from chamdiem.pipeline.workers import stop_first_worker
            stop_first_worker()   # (when no reading took it)
    gc.freeze()   # the process ends now: its last collections need not walk what it made
    if early:
        _end_now(code)
    sys.exit(code)


def _end_now(code: int) -> None:
    """Ends an ingest's process once its output is written and its exit functions have run (the
    values kept for the next run, multiprocessing's children), without Python taking every module
    apart object by object, which costs a one-file ingest 10 ms and more (the database is committed
    and closed by then). Returns, for the usual exit, when another thread is still running or the
    output cannot be written."""
    import atexit
    import threading
    if threading.active_count() > 1 or not isinstance(code, int) or not 0 <= code <= 255:
        return
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        return
    atexit._run_exitfuncs()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
    os._exit(code)


def _names_an_ingest(argv: list[str]) -> bool:
    """The command line of an ingest that may read files (not its help)."""
    return argv[:1] == ["ingest"] and not any(a == "-h" or a.startswith("--h") for a in argv[1:])


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except DiskFull as exc:   # not a bad input: the same command succeeds once there is room
        print(f"chamdiem {args.command}: {exc}", file=sys.stderr)
        return 3
    except (UsageError, DatabaseError, CatalogError, ExecutorUnavailable) as exc:
        say(f"chamdiem {args.command}: {exc}", error=True)
        return 2


def say(text: str, error: bool = False) -> None:
    """Prints a line (or lines) with the control characters of file names and report text escaped
    (model/shown.py): nothing read from a disk reaches the terminal as an escape code."""
    print(shown(text, keep_newlines=True), file=sys.stderr if error else sys.stdout)


def _version_action(argparse):
    class _Version(argparse.Action):
        """`chamdiem --version`: the version pip installed (importlib.metadata), the one
        chamdiem.__version__ says."""
        def __call__(self, parser, namespace, values, option_string=None):
            from chamdiem import __version__
            print(f"chamdiem {__version__}")
            parser.exit()
    return _Version


def _ingest(args) -> int:
    from chamdiem.pipeline.workers import check_limits, fork_workers_directly, stop_first_worker
    if args.workers is not None and args.workers < 1:
        raise UsageError("--workers must be at least 1")
    if args.scheduler and args.executor != "dask":
        raise UsageError("--scheduler needs --executor dask")
    try:
        check_limits(args.max_mb, args.max_memory_mb, args.timeout)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    missing = [p for p in args.paths if not os.path.exists(p)]
    if missing:
        raise UsageError(f"no such file or folder: {', '.join(missing)}")
    if _WHOLE_PROCESS:
        fork_workers_directly()   # this process is small and has no other thread (see workers.py)
    if args.executor != "local":
        stop_first_worker()   # (forked by run, for the local executor's reading)
    from chamdiem.pipeline.files import search
    found = search(args.paths, args.follow_symlinks)
    if not found.files:
        links = (f" ({len(found.links_skipped)} symbolic link(s) not followed: --follow-symlinks follows them)"
                 if found.links_skipped else "")
        raise UsageError(f"no files in {', '.join(args.paths)}: nothing to load{links}")
    try:
        from chamdiem.api import ingest
        summary = ingest(args.paths, args.db, workers=args.workers, quiet=args.quiet, max_mb=args.max_mb,
                         frameworks=args.frameworks, executor=args.executor, scheduler=args.scheduler,
                         max_memory_mb=args.max_memory_mb, timeout=args.timeout,
                         follow_symlinks=args.follow_symlinks)
    finally:
        stop_first_worker()   # when the ingest stopped before its reading began, or had nothing to read
    return 1 if summary.failed else 0


def _remap(args) -> int:
    from chamdiem.api import remap
    say("\n".join(remap(args.db, frameworks=args.frameworks).lines()))
    return 0


def _trace(args) -> int:
    from chamdiem.interfaces.trace_command import trace
    from chamdiem.store.database import open_existing
    if args.html:
        _writable_file(args.html, "--html")
    if args.png:
        _writable_file(args.png, "--png")
    engine = open_existing(args.db)
    _upgrade_if_older(args.db, engine)   # (the trace reads the boxes and verdicts of migration 0011)
    try:
        status, report = trace(engine, args.file_name, args.criterion_id, args.html, args.png)
    except OSError as exc:   # the page or image, tried before (_writable_file), failed as it was written
        if not (args.html or args.png):
            raise
        option = f"--html {args.html}" if args.html else f"--png {args.png}"
        raise UsageError(f"{option}: cannot be written ({exc.strerror})") from None
    say(report, error=status != 0)
    return status


def _export(args) -> int:
    from chamdiem.interfaces.export import export
    from chamdiem.store.database import open_existing
    out = args.output
    if args.format == "csv":
        parent = os.path.dirname(os.path.abspath(out.rstrip("/\\") or "."))
        if os.path.exists(out) and not os.path.isdir(out):
            raise UsageError(f"-o {out}: with --format csv, -o names a folder, and this is a file")
        if not os.path.isdir(parent):
            raise UsageError(f"-o {out}: folder {parent} does not exist; create it first")
    else:
        _writable_file(out, "-o")
        if not out.lower().endswith(".xlsx"):
            raise UsageError(f"-o {out}: an Excel workbook's name ends in .xlsx (or use --format csv)")
    _upgrade_if_older(args.db, open_existing(args.db))
    if args.framework is not None:
        _known_framework(args.db, args.framework)
    if args.format == "csv":
        _writable_folder(out)
    if args.decimal != "point" and args.format != "csv":
        raise UsageError("--decimal is for --format csv (the workbook's numbers are numbers)")
    try:
        tables, written = export(args.db, out, args.format, args.framework, args.year, args.unit,
                                 show_progress=True, decimal=args.decimal)
    except OSError as exc:   # the database is read through SQLAlchemy: an OSError here is the output's
        raise UsageError(f"-o {out}: cannot be written ({exc.strerror or exc})") from None
    units = sum(len(s.units) for s in tables.score_sheets)
    say(f"wrote {', '.join(written)}: {len(tables.score_sheets)} score sheet(s), {units} report(s), "
        f"{len(tables.findings)} finding(s), {len(tables.cited)} cited document(s), "
        f"{len(tables.failed)} failed file(s)")
    if not len(tables.documents):
        say("chamdiem export: no reports match; the workbook has empty sheets", error=True)
        return 1
    return 0


def _units(args) -> int:
    from chamdiem.interfaces import units_command as units
    wants = {"list": 0, "doubtful": 0, "merge": 2, "rename": 1, "keep-apart": 2, "apply": 1}[args.action]
    if len(args.refs) != wants:
        raise UsageError(f"units {args.action} takes {wants} argument(s), not {len(args.refs)}")
    if args.action == "rename" and not (args.name or args.level or args.parent):
        raise UsageError("units rename needs --name, --level or --parent")
    _upgrade_if_older(args.db, _existing(args.db))
    try:
        if args.action == "list":
            lines = units.list_units(args.db) or ["no units yet: load reports with `chamdiem ingest`"]
        elif args.action == "doubtful":
            lines = units.doubtful_pairs(args.db) or ["no doubtful pairs"]
        elif args.action == "apply":
            lines = [units.apply_file(args.db, args.refs[0])]
        else:
            lines = [units.edit(args.db, args.action, args.refs, args.name, args.level, args.parent, args.aliases)]
    except units.UnitsError as exc:
        raise UsageError(str(exc)) from None
    print("\n".join(lines))
    return 0


def _existing(db: str):
    from chamdiem.store.database import open_existing
    return open_existing(db)


def _serve(args) -> int:
    from chamdiem.store.database import open_existing
    try:
        from chamdiem.interfaces.web.server import serve
    except ImportError as exc:
        raise UsageError(f"the browse UI needs Datasette ({exc.name} is missing): "
                         "pip install 'chamdiem[web]'") from None
    if "://" in args.db and not args.db.startswith("sqlite"):
        raise UsageError("the browse UI reads SQLite only; for PostgreSQL use `chamdiem export`, or load the "
                         "reports into a SQLite file as well (chamdiem ingest PATH --db quarter.sqlite)")
    if not 0 < args.port < 65536:
        raise UsageError(f"--port {args.port}: a port is between 1 and 65535")
    from chamdiem.interfaces.web.access import LOOPBACK, MIN_PASSWORD
    from chamdiem.interfaces.web.server import Options
    password = os.environ.get("CHAMDIEM_PASSWORD") or None
    if args.host not in LOOPBACK and not password:
        raise UsageError(f"--host {args.host} lets other computers in: set a password in CHAMDIEM_PASSWORD "
                         "first (or leave --host out to browse on this computer only)")
    if password and len(password) < MIN_PASSWORD:
        raise UsageError(f"CHAMDIEM_PASSWORD has {len(password)} characters: use at least {MIN_PASSWORD}")
    _tls_files(args.cert, args.key)
    _upgrade_if_older(args.db, open_existing(args.db))
    _port_free(args.host, args.port)
    return serve(args.db, Options(args.host, args.port, password, args.allow_sql, tuple(args.allow_host),
                                  args.cert, args.key))


def _tls_files(cert: str | None, key: str | None) -> None:
    if bool(cert) != bool(key):
        raise UsageError("--cert and --key go together: the certificate and its private key")
    if cert:
        import ssl
        try:
            ssl.create_default_context(ssl.Purpose.CLIENT_AUTH).load_cert_chain(cert, key)
        except (OSError, ssl.SSLError) as exc:
            raise UsageError(f"--cert {cert} --key {key}: cannot be used ({getattr(exc, 'strerror', None) or exc})") \
                from None


def _port_free(host: str, port: int) -> None:
    import socket
    try:
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
            probe.bind((host, port))
    except OSError as exc:
        raise UsageError(f"cannot listen on {host}:{port} ({exc.strerror}); choose another with --port") from None


def _writable_file(path: str, option: str) -> None:
    """Refuses, before any work, an output file that cannot be written: its folder missing, a
    folder in its place, or a file system that will not take it (tried by opening it to append,
    and a file made by the try is removed)."""
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise UsageError(f"{option} {path}: folder {folder} does not exist; create it first")
    if os.path.isdir(path):
        raise UsageError(f"{option} {path}: is a folder; give a file name")
    existed = os.path.exists(path)
    try:
        with open(path, "ab"):
            pass
    except OSError as exc:
        raise UsageError(f"{option} {path}: cannot be written ({exc.strerror})") from None
    if not existed:
        os.remove(path)


def _writable_folder(path: str) -> None:
    """The folder of `export --format csv`, made when missing and tried with a file of its own."""
    import tempfile
    try:
        os.makedirs(path, exist_ok=True)
        with tempfile.TemporaryFile(dir=path):
            pass
    except OSError as exc:
        raise UsageError(f"-o {path}: cannot be written ({exc.strerror})") from None


def _known_framework(db: str, framework: str) -> None:
    """`export --framework` with an ID neither built in, nor added, nor in the database: exit 2,
    naming the ones there are."""
    from chamdiem.api import documents
    from chamdiem.normalizers.framework_catalog import frameworks
    known = set(frameworks()) | {f for f in documents(db)["framework"] if isinstance(f, str)}
    if framework not in known:
        raise UsageError(f"--framework {framework}: no such framework; known: {', '.join(sorted(known))}")


def _upgrade_if_older(db: str, engine) -> None:
    """A database made by an older chamdiem is brought up to date first (as ingest does)."""
    from chamdiem.store.database import Store, needs_upgrade
    if needs_upgrade(engine):
        engine.dispose()
        Store(db).close()
        say(f"chamdiem: upgraded {db} to the current schema", error=True)


def _framework(args) -> int:
    """`framework learn`: 0 written, 1 nothing to learn, 2 unreadable file or refused overwrite.
    `framework check`: 0 all valid, 1 some invalid (one line per problem: FILE: problem)."""
    from chamdiem.api import check_framework, learn_framework
    from chamdiem.model.errors import IngestError
    from chamdiem.normalizers.framework_learn import NothingToLearn
    if args.framework_command == "check":
        bad = 0
        for path in args.files:
            errors = check_framework(path)
            bad += bool(errors)
            for error in errors:
                say(f"{path}: {error}", error=True)
            if not errors:
                say(f"{path}: ok")
        return 1 if bad else 0
    if "." in args.id or not args.id.strip():
        raise UsageError(f"--id {args.id!r}: an ID is one word without dots (dots separate item levels)")
    out = args.out or f"{args.id}.toml"
    if out != "-" and os.path.exists(out) and not args.force:
        raise UsageError(f"{out} exists (use --force to overwrite it)")
    try:
        toml = learn_framework(args.file, args.id, args.title)
    except IngestError as exc:
        raise UsageError(f"{exc.path}: {exc.reason}") from None
    except NothingToLearn as exc:
        say(f"chamdiem framework: {exc}", error=True)
        return 1
    if out == "-":
        sys.stdout.write(toml)
    else:
        try:
            with open(out, "w", encoding="utf-8") as handle:
                handle.write(toml)
        except OSError as exc:
            raise UsageError(f"--out {out}: cannot be written ({exc.strerror})") from None
        say(f"wrote {out}: review it, then `chamdiem framework check {out}`")
    return 0



def _review(args) -> int:
    """0 recorded, 1 no such current report or score, 2 a bad value or database."""
    from chamdiem.api import review
    from chamdiem.store.database import open_existing
    from chamdiem.store.reviews import ReviewRefused, parse_value
    _upgrade_if_older(args.db, open_existing(args.db))
    try:
        value = parse_value(args.value) if args.value is not None else None
    except ReviewRefused as exc:
        raise UsageError(f"--value {exc}") from None
    verdict = "corrected" if value is not None else "unreadable" if args.unreadable else "confirmed"
    try:
        row = review(args.db, args.file_name, args.criterion_id, by=args.by, verdict=verdict, value=value,
                     field=args.field, note=args.note)
    except ReviewRefused as exc:
        print(f"chamdiem review: {exc}", file=sys.stderr)
        return 1
    read = "—" if row["value_read"] is None else f"{row['value_read']:g}"
    shown = "—" if row["value"] is None else f"{row['value']:g}"
    print(f"{row['file_name']} · {row['criterion_id']} · {row['field']}: {verdict} by {row['reviewer']} "
          f"(read {read}, auditor {shown})")
    return 0


def _reviews(args) -> int:
    from chamdiem.interfaces.reviews_export import export_reviews
    from chamdiem.store.database import open_existing
    if os.path.isfile(args.output):
        raise UsageError(f"-o {args.output}: is a file; give a folder")
    engine = open_existing(args.db)
    _upgrade_if_older(args.db, engine)
    written = export_reviews(open_existing(args.db), args.output)
    print(f"wrote {len(written)} gold file(s) into {args.output}")
    return 0


COMMANDS = {"ingest": _ingest, "trace": _trace, "export": _export, "serve": _serve,
            "framework": _framework, "remap": _remap, "units": _units, "review": _review, "reviews": _reviews}


if __name__ == "__main__":
    run()
