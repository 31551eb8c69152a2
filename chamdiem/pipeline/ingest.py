"""Bulk ingest: find files, extract each in worker processes, load each in its own transaction.
A file that fails is recorded and the batch goes on."""
from __future__ import annotations

import functools
import os
import sys
import time
from collections import Counter
from dataclasses import dataclass, field

from chamdiem.lexicon.catalogs import catalog
from chamdiem.normalizers.frameworks import FRAMEWORKS_ENV
from chamdiem.pipeline.extract import extract_document
from chamdiem.pipeline.filestate import FileState
from chamdiem.pipeline.progress import progress_bar
from chamdiem.store import Store
from chamdiem.readers.dispatch import DEFAULT_MAX_BYTES, read_bytes, read_checked
from chamdiem.model.errors import IngestError, InternalError, NotFound, TooLarge
from chamdiem.model.faults import fault_point
from chamdiem.pipeline.workers import Limits, run_files


@dataclass
class IngestResult:
    """What one ingest did: files loaded, unchanged, replaced and failed, and the findings counted."""
    loaded: int = 0
    unchanged: int = 0
    replaced: int = 0
    held_back: int = 0            # stored as a non-current version (incomplete_resubmission)
    failed: int = 0
    findings: Counter = field(default_factory=Counter)
    seconds: float = 0.0
    failures: list[tuple[str, str, str]] = field(default_factory=list)   # (path, error_kind, reason)
    skipped: list[str] = field(default_factory=list)                    # not reports at all
    worker_peak_mb: float = 0.0   # largest peak RSS of a reading worker that returned a result

    def lines(self, show: int = 10) -> list[str]:
        skipped = f", skipped {len(self.skipped)} (not reports)" if self.skipped else ""
        out = [f"loaded {self.loaded}, unchanged {self.unchanged}, replaced {self.replaced}, "
               f"failed {self.failed}{skipped} in {self.seconds:.1f}s"]
        if self.held_back:
            out.append(f"kept as older versions {self.held_back} (incomplete resubmissions; see v_document_versions)")
        if self.findings:
            out.append("findings: " + ", ".join(f"{k} {v}" for k, v in sorted(self.findings.items())))
        if self.failures:
            out.append("failed files:")
            out += [f"  {os.path.basename(p)}: {kind}: {reason}" for p, kind, reason in self.failures[:show]]
            if len(self.failures) > show:
                out.append(f"  and {len(self.failures) - show} more, see v_ingest_errors")
        if self.skipped:
            names = ", ".join(os.path.basename(p) for p in self.skipped[:show])
            more = f" and {len(self.skipped) - show} more" if len(self.skipped) > show else ""
            out.append(f"skipped, not reports: {names}{more}")
        return out


def is_not_a_report(path: str) -> bool:
    """Images, archives, desktop.ini and the like (catalogs/not_reports.toml): listed as skipped,
    never counted as failures."""
    rules = catalog("not_reports")
    name = os.path.basename(path).casefold()
    return name in rules["names"] or os.path.splitext(name)[1] in rules["suffixes"]


def find_files(paths: list[str]) -> list[str]:
    """Files named, and every non-hidden file under folders named, in a stable order."""
    out = []
    for p in paths:
        if os.path.isdir(p):
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                out += [os.path.join(root, f) for f in sorted(files) if not f.startswith((".", "~$"))]
        else:
            out.append(p)
    return out


@dataclass
class Outcome:
    """What a worker sends back: plain data, so it always crosses the process boundary."""
    path: str
    sha256: str | None
    doc: object = None            # Report
    error_kind: str | None = None
    error: str | None = None


_INHERIT = "inherit"


def process_file(path: str, skip: frozenset[str] = frozenset(), max_bytes: int = DEFAULT_MAX_BYTES,
                 frameworks: str | None = _INHERIT) -> Outcome:
    """Read and extract one file; pure, so it runs in a worker. Known files are not parsed.
    ``frameworks``: the caller's $CHAMDIEM_FRAMEWORKS (None: unset), which a worker started
    earlier (from the fork server, or on a cluster) would not otherwise see."""
    if frameworks is None:
        os.environ.pop(FRAMEWORKS_ENV, None)
    elif frameworks != _INHERIT:
        os.environ[FRAMEWORKS_ENV] = frameworks
    sha = None
    data = None
    try:
        data, sha = read_bytes(path, max_bytes)
        if sha in skip:
            return Outcome(path, sha)
        return Outcome(path, sha, doc=extract_document(read_checked(path, data, sha)))
    except IngestError as exc:
        return Outcome(path, sha, error_kind=exc.kind, error=exc.reason)
    except MemoryError:
        data = None  # the Outcome is built after the except block, once the frames are freed
    except RecursionError:
        return Outcome(path, sha, error_kind=TooLarge.kind, error="nested deeper than the reader can follow")
    except Exception as exc:  # a reader or extractor bug must not stop the batch
        return Outcome(path, sha, error_kind=InternalError.kind, error=describe_bug(exc))
    return Outcome(path, sha, error_kind=TooLarge.kind, error=f"reading it needs more memory than the ceiling of "
                   f"{_ceiling_mb()} (raise it with --max-memory-mb)")


def _ceiling_mb() -> str:
    import resource
    soft, _ = resource.getrlimit(resource.RLIMIT_AS)
    return "this process" if soft == resource.RLIM_INFINITY else f"{soft // (1024 * 1024)} MB"


def describe_bug(exc: BaseException) -> str:
    """Type, message and the innermost frame of our code: never an empty message."""
    import traceback
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if "chamdiem" in f.filename] \
        or traceback.extract_tb(exc.__traceback__)
    where = f" at {os.path.basename(frames[-1].filename)}:{frames[-1].lineno} in {frames[-1].name}" if frames else ""
    said = str(exc).strip()
    return f"{type(exc).__name__}{': ' + said[:300] if said else ''}{where} (a bug: please report it)"


def ingest(paths: list[str], db: str, workers: int | None = None, out=None, quiet: bool = False,
           max_bytes: int = DEFAULT_MAX_BYTES, executor: str = "local", scheduler: str | None = None,
           limits: Limits = Limits()) -> IngestResult:
    """``executor="dask"`` runs extraction on a Dask cluster (``scheduler``: tcp://host:port, or
    none for a local one of ``workers`` processes); see pipeline/executors.py. Locally, each file
    is read in a worker process under ``limits`` (memory ceiling, time limit; pipeline/workers.py)."""
    if executor not in ("local", "dask"):
        raise ValueError(f"unknown executor {executor!r}: 'local' or 'dask'")
    start = time.perf_counter()
    store = Store(db)
    files = find_files(paths)
    summary = IngestResult()
    missing = [p for p in paths if not os.path.exists(p)]
    for p in missing:
        store.record_error(p, None, NotFound.kind, "no such file or folder")
        summary.failed += 1
        summary.failures.append((p, "not_found", "no such file or folder"))
    files = [f for f in files if f not in missing]
    summary.skipped = [f for f in files if is_not_a_report(f)]
    files = [f for f in files if not is_not_a_report(f)]
    state = FileState(store)
    files, same = state.split(files)
    summary.unchanged += len(same)
    stats: dict = {}
    if executor == "dask":
        from chamdiem.pipeline.executors import dask_outcomes
        outcomes = dask_outcomes(files, frozenset(store.known_shas()), max_bytes, scheduler, workers)
    else:
        outcomes = _outcomes(files, store, workers, max_bytes, limits, stats)
    with progress_bar(len(files), "ingest", enabled=not quiet) as advance:
        for outcome in outcomes:
            _apply(store, outcome, summary)
            fault_point("after_commit")
            state.seen(outcome)
            advance()
    state.flush()
    store.refresh_statistics()
    summary.seconds = time.perf_counter() - start
    summary.worker_peak_mb = stats.get("worker_peak_kb", 0) / 1024
    if not quiet:
        for line in summary.lines():
            print(line, file=out or sys.stdout)
    return summary


def _outcomes(files: list[str], store: Store, workers: int | None, max_bytes: int, limits: Limits, stats: dict):
    """Outcomes in file order, read in worker processes under the per-file limits (workers.py)."""
    workers = workers or os.cpu_count() or 1
    known = frozenset(store.known_shas())
    work = functools.partial(process_file, skip=known, max_bytes=max_bytes,   # sent to each worker
                             frameworks=os.environ.get(FRAMEWORKS_ENV))

    def failed(path: str, kind: str, message: str) -> Outcome:
        return Outcome(path, _sha_of(path), error_kind=kind, error=message)

    yield from run_files(files, work, failed, workers, limits, stats)


def _sha_of(path: str) -> str | None:
    import hashlib
    try:
        h = hashlib.sha256()
        with open(path, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
        return h.hexdigest()
    except OSError:
        return None


def _apply(store: Store, o: Outcome, summary: IngestResult) -> None:
    if o.error_kind is not None:
        store.record_error(o.path, o.sha256, o.error_kind, o.error)
        summary.failed += 1
        summary.failures.append((o.path, o.error_kind, o.error))
        return
    if o.doc is None:
        summary.unchanged += 1
        return
    status = store.load(o.doc)
    setattr(summary, status, getattr(summary, status) + 1)
    if status != "unchanged":
        summary.findings.update(f.kind for f in o.doc.findings if f.severity != "info")
