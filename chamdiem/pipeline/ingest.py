"""Bulk ingest: find files, extract each in worker processes, load each in its own transaction.
A file that fails is recorded and the batch goes on."""
from __future__ import annotations

import gc
import os
import sys
import time
from collections import Counter
from dataclasses import dataclass, field

from chamdiem.model.defaults import DEFAULT_MAX_BYTES
from chamdiem.model.errors import NotFound
from chamdiem.model.shown import shown
from chamdiem.model.faults import fault_point
from chamdiem.normalizers.framework_catalog import FrameworkSet, framework_set
from chamdiem.pipeline.disk_space import disk_full
from chamdiem.pipeline.filestate import FileState
from chamdiem.pipeline.files import find_files, is_not_a_report, search
from chamdiem.pipeline.progress import progress_bar
from chamdiem.pipeline.job import ReadJob
from chamdiem.pipeline.outcome import Outcome
from chamdiem.pipeline.workers import Limits, Reading, run_files
from chamdiem.store.schema.revision import sqlite_file
from chamdiem.store.writer import StorageFull, open_sqlite

__all__ = ["IngestResult", "Outcome", "find_files", "ingest", "is_not_a_report"]


@dataclass
class IngestResult:
    """What one ingest did: files loaded, unchanged, replaced and failed, and the findings counted."""
    loaded: int = 0
    unchanged: int = 0
    replaced: int = 0
    held_back: int = 0            # stored as a non-current version (incomplete_resubmission)
    rendition: int = 0            # the same report in another form, less well read: a non-current version
    failed: int = 0
    findings: Counter = field(default_factory=Counter)   # of the versions current at the end
    loaded_findings: dict = field(default_factory=dict, repr=False)   # sha256 -> Counter, while loading
    seconds: float = 0.0
    failures: list[tuple[str, str, str]] = field(default_factory=list)   # (path, error_kind, reason)
    skipped: list[str] = field(default_factory=list)                    # not reports at all
    worker_peak_mb: float = 0.0   # largest peak RSS of a reading worker that returned a result
    links_skipped: list[str] = field(default_factory=list)  # symbolic links not followed (files.search)
    link_loops: list[str] = field(default_factory=list)     # links back into a folder they are in

    def lines(self, show: int = 10) -> list[str]:
        skipped = f", skipped {len(self.skipped)} (not reports)" if self.skipped else ""
        out = [f"loaded {self.loaded}, unchanged {self.unchanged}, replaced {self.replaced}, "
               f"failed {self.failed}{skipped} in {self.seconds:.1f}s"]
        if self.held_back:
            out.append(f"kept as older versions {self.held_back} (incomplete resubmissions; see v_document_versions)")
        if self.rendition:
            out.append(f"other forms of reports already loaded {self.rendition} (DOCX, PDF or scan of one report: "
                       "the best read is current; see v_document_versions)")
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
        if self.links_skipped:
            out.append(f"symbolic links not followed {len(self.links_skipped)} (to outside the folders given; "
                       f"--follow-symlinks follows them): {_names(self.links_skipped, show)}")
        if self.link_loops:
            out.append(f"symbolic link loops not followed {len(self.link_loops)}: {_names(self.link_loops, show)}")
        return [shown(line) for line in out]


def _names(paths: list[str], show: int) -> str:
    more = f" and {len(paths) - show} more" if len(paths) > show else ""
    return ", ".join(paths[:show]) + more


def ingest(paths: list[str], db: str, workers: int | None = None, out=None, quiet: bool = False,
           max_bytes: int = DEFAULT_MAX_BYTES, executor: str = "local", scheduler: str | None = None,
           limits: Limits = Limits(), follow_symlinks: bool = False,
           frameworks: FrameworkSet | None = None) -> IngestResult:
    """``executor="dask"`` runs extraction on a Dask cluster (``scheduler``: tcp://host:port, or
    none for a local one of ``workers`` processes); see pipeline/executors.py. Locally, each file
    is read in a worker process under ``limits`` (memory ceiling, time limit; pipeline/workers.py).
    Every file is read under ``frameworks`` (default: the set of $CHAMDIEM_FRAMEWORKS, read now),
    and the store's thresholds follow the same set."""
    if executor not in ("local", "dask"):
        raise ValueError(f"unknown executor {executor!r}: 'local' or 'dask'")
    frameworks = framework_set(frameworks)
    start = time.perf_counter()
    found = search(paths, follow_symlinks)
    files = found.files
    summary = IngestResult(links_skipped=found.links_skipped, link_loops=found.link_loops)
    missing = [p for p in paths if not os.path.exists(p)]
    files = [f for f in files if f not in missing]
    summary.skipped = [f for f in files if is_not_a_report(f)]
    files = [f for f in files if not is_not_a_report(f)]
    store = open_sqlite(db, frameworks)   # a SQLite file at the current schema: sqlite3 alone, no SQLAlchemy
    made_later = store is None and _not_made_yet(db)
    if store is None and not made_later:   # PostgreSQL, an older schema, not chamdiem's: the store
        store = _open_store(db, frameworks)   # brings it up to date (or refuses it) before anything is read
    states, shas = ({}, frozenset()) if made_later else (store.file_states(), frozenset(store.known_shas()))
    state = FileState(states)
    files, same = state.split(files)
    summary.unchanged += len(same)
    stats: dict = {}
    if executor == "dask":
        from chamdiem.pipeline.executors import dask_outcomes
        store = store or _open_store(db, frameworks)
        outcomes = dask_outcomes(files, shas, max_bytes, scheduler, workers, frameworks=frameworks)
    else:
        outcomes = _outcomes(files, shas, workers, max_bytes, limits, stats, frameworks)
    done = 0   # outcomes written
    try:
        store = store or _open_store(db, frameworks)   # a new file, made while the local workers read
        store.prepare()   # (while the workers read their first files)
        store.begin_batch(len(files))   # many files: the readers' indexes are built once, at the end
        for path in missing:
            store.record_error(path, None, NotFound.kind, "no such file or folder")
            summary.failed += 1
            summary.failures.append((path, "not_found", "no such file or folder"))
        with progress_bar(len(files), "ingest", enabled=not quiet) as advance:
            for outcome in outcomes:
                _apply(store, outcome, summary)
                done += 1
                fault_point("after_commit")
                state.seen(outcome, store)
                advance()
        state.flush(store)
        _count_current_findings(store, summary)
        store.end_batch()
        store.refresh_statistics()
        store.fold_log()
    except StorageFull:
        raise disk_full(db, store, len(files) - done, summary.loaded + summary.replaced + summary.held_back) \
            from None
    finally:
        outcomes.close()
        if store is not None:
            store.close()
    summary.seconds = time.perf_counter() - start
    summary.worker_peak_mb = stats.get("worker_peak_kb", 0) / 1024
    if not quiet:
        for line in summary.lines():
            print(line, file=out or sys.stdout)
    return summary


def _not_made_yet(db: str) -> bool:
    """A SQLite database whose file does not exist: nothing is in it, so the workers need not wait
    for the store to make it."""
    path = sqlite_file(db)
    return path is not None and not os.path.exists(path)


def _open_store(db: str, frameworks: FrameworkSet):
    """The store, which creates, upgrades or refuses a database. Imported here, not at the top:
    SQLAlchemy is slow to import, which an ingest into a current SQLite file never pays
    (writer.open_sqlite). The import makes many objects and no garbage, so the collector is paused
    for it."""
    was_collecting = gc.isenabled()
    gc.disable()
    try:
        from chamdiem.store.database import Store
    finally:
        if was_collecting:
            gc.enable()
    return Store(db, frameworks)


def _outcomes(files: list[str], known: frozenset[str], workers: int | None, max_bytes: int, limits: Limits,
              stats: dict, frameworks: FrameworkSet) -> Reading:
    """Outcomes in file order, read in worker processes under the per-file limits (workers.py);
    the workers start now."""
    workers = workers or os.cpu_count() or 1
    work = ReadJob(known, max_bytes, frameworks)   # sent to each worker

    def failed(path: str, kind: str, message: str) -> Outcome:
        return Outcome(path, _sha_of(path), error_kind=kind, error=message)

    return run_files(files, work, failed, workers, limits, stats)


def _sha_of(path: str) -> str | None:
    import hashlib
    try:
        digest = hashlib.sha256()
        with open(path, "rb") as source:
            for chunk in iter(lambda: source.read(1 << 20), b""):
                digest.update(chunk)
        return digest.hexdigest()
    except OSError:
        return None


def _apply(store, outcome: Outcome, summary: IngestResult) -> None:
    if outcome.error_kind is not None:
        store.record_error(outcome.path, outcome.sha256, outcome.error_kind, outcome.error)
        summary.failed += 1
        summary.failures.append((outcome.path, outcome.error_kind, outcome.error))
        return
    if outcome.doc is None:
        summary.unchanged += 1
        return
    written = store.write(outcome.doc)
    setattr(summary, written.status, getattr(summary, written.status) + 1)
    if written.status in ("loaded", "replaced"):
        summary.loaded_findings[outcome.doc.model.sha256] = Counter(
            f.kind for f in (*outcome.doc.findings, *written.findings) if f.severity != "info")


def _count_current_findings(store, summary: IngestResult) -> None:
    """The summary counts the findings of the versions that are current once everything is loaded:
    a report replaced later in the same ingest (a better-read rendition, a resubmission) drops out."""
    if not summary.loaded_findings:
        return
    for sha in store.current_shas(list(summary.loaded_findings)):
        summary.findings.update(summary.loaded_findings[sha])
    summary.loaded_findings.clear()
