"""Bulk ingest: find files, extract each in worker processes, load each in its own transaction.
A file that fails is recorded and the batch goes on."""
from __future__ import annotations

import os
import sys
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

from chamdiem.lexicon.catalogs import catalog
from chamdiem.pipeline.extract import extract_document
from chamdiem.pipeline.filestate import FileState
from chamdiem.pipeline.progress import progress_bar
from chamdiem.store import Store
from chamdiem.readers.dispatch import DEFAULT_MAX_BYTES, read_bytes, read_document
from chamdiem.model.errors import IngestError


@dataclass
class IngestResult:
    """What one ingest did: files loaded, unchanged, replaced and failed, and the findings counted."""
    loaded: int = 0
    unchanged: int = 0
    replaced: int = 0
    failed: int = 0
    findings: Counter = field(default_factory=Counter)
    seconds: float = 0.0
    failures: list[tuple[str, str, str]] = field(default_factory=list)   # (path, error_kind, reason)
    skipped: list[str] = field(default_factory=list)                    # not reports at all

    def lines(self, show: int = 10) -> list[str]:
        skipped = f", skipped {len(self.skipped)} (not reports)" if self.skipped else ""
        out = [f"loaded {self.loaded}, unchanged {self.unchanged}, replaced {self.replaced}, "
               f"failed {self.failed}{skipped} in {self.seconds:.1f}s"]
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


def process_file(path: str, skip: frozenset[str] = frozenset(), max_bytes: int = DEFAULT_MAX_BYTES) -> Outcome:
    """Read and extract one file; pure, so it runs in a worker. Known files are not parsed."""
    sha = None
    try:
        data, sha = read_bytes(path, max_bytes)
        if sha in skip:
            return Outcome(path, sha)
        return Outcome(path, sha, doc=extract_document(read_document(path, data, sha)))
    except IngestError as exc:
        return Outcome(path, sha, error_kind=exc.kind, error=exc.reason)
    except Exception as exc:  # a reader or extractor bug must not stop the batch
        return Outcome(path, sha, error_kind="internal_error", error=f"{type(exc).__name__}: {exc}")


def ingest(paths: list[str], db: str, workers: int | None = None, out=None, quiet: bool = False,
           max_bytes: int = DEFAULT_MAX_BYTES, executor: str = "local", scheduler: str | None = None) -> IngestResult:
    """``executor="dask"`` runs extraction on a Dask cluster (``scheduler``: tcp://host:port, or
    none for a local one of ``workers`` processes); see pipeline/executors.py."""
    if executor not in ("local", "dask"):
        raise ValueError(f"unknown executor {executor!r}: 'local' or 'dask'")
    start = time.perf_counter()
    store = Store(db)
    files = find_files(paths)
    summary = IngestResult()
    missing = [p for p in paths if not os.path.exists(p)]
    for p in missing:
        store.record_error(p, None, "not_found", "no such file or folder")
        summary.failed += 1
        summary.failures.append((p, "not_found", "no such file or folder"))
    files = [f for f in files if f not in missing]
    summary.skipped = [f for f in files if is_not_a_report(f)]
    files = [f for f in files if not is_not_a_report(f)]
    state = FileState(store)
    files, same = state.split(files)
    summary.unchanged += len(same)
    if executor == "dask":
        from chamdiem.pipeline.executors import dask_outcomes
        outcomes = dask_outcomes(files, frozenset(store.known_shas()), max_bytes, scheduler, workers)
    else:
        outcomes = _outcomes(files, store, workers, max_bytes)
    with progress_bar(len(files), "ingest", enabled=not quiet) as advance:
        for outcome in outcomes:
            _apply(store, outcome, summary)
            state.seen(outcome)
            advance()
    state.flush()
    store.refresh_statistics()
    summary.seconds = time.perf_counter() - start
    if not quiet:
        for line in summary.lines():
            print(line, file=out or sys.stdout)
    return summary


def _outcomes(files: list[str], store: Store, workers: int | None, max_bytes: int):
    workers = workers or os.cpu_count() or 1
    known = frozenset(store.known_shas())
    if workers <= 1 or len(files) < 2:
        for f in files:
            yield process_file(f, known, max_bytes)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(process_file, files, [known] * len(files), [max_bytes] * len(files), chunksize=4)


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
