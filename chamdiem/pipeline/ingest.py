"""Bulk ingest: find files, extract each in worker processes, load each in its own transaction.
A file that fails is recorded and the batch goes on."""
from __future__ import annotations

import functools
import os
import sys
import time
from collections import Counter
from dataclasses import dataclass, field

from chamdiem.pipeline.extract import extract_document
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
    worker_peak_mb: float = 0.0   # largest peak RSS of a reading worker that returned a result

    def lines(self) -> list[str]:
        out = [f"loaded {self.loaded}, unchanged {self.unchanged}, replaced {self.replaced}, "
               f"failed {self.failed} in {self.seconds:.1f}s"]
        if self.held_back:
            out.append(f"kept as older versions {self.held_back} (incomplete resubmissions; see v_document_versions)")
        if self.findings:
            out.append("findings: " + ", ".join(f"{k} {v}" for k, v in sorted(self.findings.items())))
        return out


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


def process_file(path: str, skip: frozenset[str] = frozenset(), max_bytes: int = DEFAULT_MAX_BYTES) -> Outcome:
    """Read and extract one file; pure, so it runs in a worker. Known files are not parsed."""
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
           max_bytes: int = DEFAULT_MAX_BYTES, limits: Limits = Limits()) -> IngestResult:
    start = time.perf_counter()
    store = Store(db)
    files = find_files(paths)
    summary = IngestResult()
    missing = [p for p in paths if not os.path.exists(p)]
    for p in missing:
        store.record_error(p, None, NotFound.kind, "no such file or folder")
        summary.failed += 1
    files = [f for f in files if f not in missing]
    progress = Progress(len(files), enabled=not quiet and sys.stderr.isatty())
    stats: dict = {}
    for outcome in _outcomes(files, store, workers, max_bytes, limits, stats):
        _apply(store, outcome, summary)
        fault_point("after_commit")
        progress.step()
    progress.done()
    summary.seconds = time.perf_counter() - start
    summary.worker_peak_mb = stats.get("worker_peak_kb", 0) / 1024
    if not quiet:
        for line in summary.lines():
            print(line, file=out or sys.stdout)
    return summary


class Progress:
    """One line on a terminal: files done, files/s and the time left."""

    def __init__(self, total: int, enabled: bool):
        self.total, self.enabled, self.n = total, enabled and total > 0, 0
        self.t0 = self.last = time.perf_counter()

    def step(self) -> None:
        self.n += 1
        now = time.perf_counter()
        if not self.enabled or (now - self.last < 0.2 and self.n < self.total):
            return
        self.last = now
        rate = self.n / max(now - self.t0, 1e-9)
        eta = (self.total - self.n) / rate if rate else 0
        sys.stderr.write(f"\r{self.n}/{self.total} files  {rate:6.1f} files/s  ETA {eta:5.0f}s ")
        sys.stderr.flush()

    def done(self) -> None:
        if self.enabled:
            sys.stderr.write("\n")


def _outcomes(files: list[str], store: Store, workers: int | None, max_bytes: int, limits: Limits, stats: dict):
    """Outcomes in file order, read in worker processes under the per-file limits (workers.py)."""
    workers = workers or os.cpu_count() or 1
    known = frozenset(store.known_shas())
    work = functools.partial(process_file, skip=known, max_bytes=max_bytes)  # sent to each worker

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
        return
    if o.doc is None:
        summary.unchanged += 1
        return
    status = store.load(o.doc)
    setattr(summary, status, getattr(summary, status) + 1)
    if status != "unchanged":
        summary.findings.update(f.kind for f in o.doc.findings if f.severity != "info")
