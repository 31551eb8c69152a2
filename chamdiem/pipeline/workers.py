"""Reading workers with a per-file memory ceiling and time limit.

Each worker is a process of its own with ``RLIMIT_AS`` set, reading one file at a time. A file
that passes the ceiling ends as ``too_large`` (the reader's MemoryError); one that passes the time
limit as ``timeout`` (its worker is killed and replaced); a worker that dies as
``worker_crashed``. The batch always goes on. Outcomes come back in the order of the files."""
from __future__ import annotations

import gc
import importlib
import multiprocessing
import os
import resource
import signal
import sys
import threading
import time
import types
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing.connection import wait

from chamdiem.lexicon.kept import write_later_values
from chamdiem.model.defaults import DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT_S, GC_THRESHOLDS
from chamdiem.model.faults import fault_point

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Per file: address-space ceiling of the worker (MB, 0 = none) and wall time (s, 0 = none)."""
    memory_mb: int = DEFAULT_MEMORY_MB
    timeout_s: float = DEFAULT_TIMEOUT_S


def set_memory_ceiling(memory_mb: int) -> None:
    if memory_mb > 0:
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        want = memory_mb * MB
        resource.setrlimit(resource.RLIMIT_AS, (want if hard == resource.RLIM_INFINITY else min(want, hard), hard))


def _die_with_parent() -> None:
    """Linux: the worker gets SIGKILL when the ingest process dies (kill -9 included)."""
    try:
        import ctypes
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def settle_collector() -> None:
    """A reading worker's garbage collector. The readers, catalogs and frameworks it has imported
    live as long as it does: they are frozen out of every collection. A report's objects are freed
    by reference counting once the next file starts, so collections run at the program's
    thresholds, far rarer than Python's. Workers
    forked from the program and from the fork server run alike."""
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)


def _worker_main(conn, work: Callable | None, memory_mb: int, inherited: tuple = (), preload: tuple = ()) -> None:
    """``work`` None: the worker imports ``preload`` first, then takes its work and its memory
    ceiling as the first message (start_first_worker)."""
    for other in inherited:   # a forked worker's copies of the writer's pipe ends: not its own
        other.close()
    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when the batch stops
    for module in preload:   # as the fork server does before it forks a worker
        importlib.import_module(module)
    if work is None:
        try:
            work = conn.recv()
        except EOFError:
            return
        if work is None:
            return
        work, memory_mb = work
    set_memory_ceiling(memory_mb)
    settle_collector()
    # tesseract single-threaded in a reading worker (the user's setting is kept): its own OpenMP
    # threads would only contend with the other workers and the OCR reader's page threads
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    while True:
        try:
            msg = conn.recv()
        except EOFError:
            return
        if msg is None:
            return
        idx, path = msg
        fault_point("worker_crash", idx + 1)
        too_large = ("too_large", f"reading it needs more than the memory ceiling of {memory_mb} MB "
                                  "(raise it with --max-memory-mb)")
        result = None
        try:
            result = work(path)
        except MemoryError:
            pass  # leaving the except block frees the frames that held the memory
        if result is None:
            result = too_large
        try:
            conn.send((idx, result, _peak_kb()))
        except MemoryError:   # the result itself is too big to pass back
            result = None
        if result is None:
            gc.collect()
            conn.send((idx, too_large, _peak_kb()))
        # what its first report worked out for the next run (the matches of its rows), written once
        # it is sent; a batch's later reports find theirs in this process (lexicon/kept.py)
        write_later_values(more=False)


def _peak_kb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


# what a worker reads with (the fork server imports them, then warm.py reads a sample)
_READERS = ("chamdiem.pipeline.reading",)
# what every report's first reading imports on its way, beyond the readers: nothing since the
# matches of a report's rows are kept between runs (normalizers/frameworks.py): a report whose
# sheet an earlier run matched needs no rapidfuzz, and one that does imports it as it ranks
_FIRST_READING: tuple[str, ...] = ()


def _context():
    """Workers come from a fork server: a small process started once, with the readers imported,
    so a worker starts fast, holds none of the writer's memory or pipes (its ceiling and peak RSS
    are its own) and sees EOF when the writer is gone."""
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload([*_READERS, "chamdiem.pipeline.warm"])
    return ctx


@contextmanager
def _main_left_alone(needed: bool):
    """While a worker (and the fork server) starts, ``__main__`` is a bare module: multiprocessing
    would otherwise run the caller's script again in the fork server and in each worker, and a
    script that calls ``chamdiem.ingest`` without ``if __name__ == "__main__":`` would ingest again
    there, and every file would end as ``worker_crashed``. Not needed by a forked worker (a copy of
    this process, it imports nothing) nor by one whose work is a function of ``__main__``."""
    if not needed:
        yield
        return
    main = sys.modules.get("__main__")
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        yield
    finally:
        if main is None:
            sys.modules.pop("__main__", None)
        else:
            sys.modules["__main__"] = main


_FORK_DIRECTLY = False


def fork_workers_directly() -> None:
    """Called by the chamdiem program (interfaces/cli.run) before an ingest: its process is small
    and runs no other thread when the workers start, so the first workers are forked from it
    directly and start at once, without waiting for a fork server to start Python and import the
    readers (most of a one-file ingest). A worker that replaces one that died still
    comes from the fork server. Code that calls the API keeps the fork server for every worker:
    its process may be large (a worker's memory ceiling counts what it inherits) or threaded."""
    global _FORK_DIRECTLY
    _FORK_DIRECTLY = True


# what both the writing process and its readers import (the model, the frameworks, a reading's job)
_SHARED = ("chamdiem.pipeline.job", "chamdiem.model.document", "chamdiem.normalizers.sheet_framework",
           "chamdiem.normalizers.completeness")
_FIRST: "_Worker | None" = None   # forked by start_first_worker, not yet handed its work


def start_first_worker() -> None:
    """Called by the chamdiem program as soon as its command line names an ingest, before it parses
    it, imports the store and opens the database: forks the first reading worker now
    (fork_workers_directly must have been called), which imports the readers while this process
    parses its arguments, opens the database and finds the files to read. The first Reading hands
    it its work, memory ceiling and files; when nothing needs reading, the arguments are refused,
    or the ingest stops before, it is stopped (stop_first_worker)."""
    global _FIRST
    if _FORK_DIRECTLY and _FIRST is None:
        for module in _SHARED:   # imported once, before the fork, rather than by both processes
            importlib.import_module(module)
        _FIRST = _Worker(multiprocessing.get_context("fork"), None, None, preload=(*_READERS, *_FIRST_READING))


def stop_first_worker() -> None:
    """Stops the worker of start_first_worker if no Reading took it."""
    global _FIRST
    first, _FIRST = _FIRST, None
    if first is not None:
        first.stop(kill=True)


def _take_first_worker(work: Callable, memory_mb: int) -> "_Worker | None":
    """The worker of start_first_worker, given ``work`` and its ceiling ``memory_mb`` (it sets
    the ceiling once its imports are done, before it reads)."""
    global _FIRST
    first, _FIRST = _FIRST, None
    if first is None:
        return None
    try:
        first.conn.send((work, memory_mb))
        first.memory_mb = memory_mb
        return first
    except (OSError, ValueError):   # it died before its work came: a worker forked now replaces it
        pass
    first.stop(kill=True)
    return None


def check_limits(max_mb: float, max_memory_mb: int, timeout: float) -> None:
    """Raises ValueError naming the first per-file limit out of range (the CLI shows it as a usage
    error): a positive size, a memory ceiling of 0 (none) or at least 200 MB, a time limit of 0 (none)
    or more."""
    if not max_mb > 0:
        raise ValueError(f"--max-mb {max_mb:g}: the size limit must be positive")
    if not (max_memory_mb == 0 or max_memory_mb >= 200):
        raise ValueError(f"--max-memory-mb {max_memory_mb}: 0 (no ceiling) or at least 200 "
                         "(a worker needs about 100 MB to start)")
    if not timeout >= 0:
        raise ValueError(f"--timeout {timeout:g}: 0 (no limit) or a positive number of seconds")


class _Worker:
    def __init__(self, ctx, work, memory_mb, siblings: tuple = (), preload: tuple = ()):
        """``siblings``: with the fork start method, the writer's ends of the other workers' pipes,
        which the child closes (a fork server's children never have them). ``work`` None: sent
        later, as the first message, once ``preload`` is imported (start_first_worker)."""
        self.conn, child = ctx.Pipe()
        self.memory_mb = memory_mb
        inherited = (*siblings, self.conn) if ctx.get_start_method() == "fork" else ()
        self.proc = ctx.Process(target=_worker_main, args=(child, work, memory_mb, inherited, preload), daemon=True)
        with _main_left_alone(ctx.get_start_method() != "fork" and getattr(work, "__module__", None) != "__main__"):
            self.proc.start()
        child.close()
        self.job: tuple[int, str] | None = None
        self.started = 0.0
        self.released = False   # told to end (release): it exits while the writer stores its last result

    def give(self, idx: int, path: str) -> None:
        self.job = (idx, path)
        self.started = time.monotonic()
        self.conn.send((idx, path))

    def release(self) -> None:
        """Tells an idle worker that no file is left for it, without waiting for it to end."""
        if not self.released:
            self.released = True
            try:
                self.conn.send(None)
            except (OSError, ValueError):
                pass

    def stop(self, kill: bool = False) -> None:
        try:
            if kill:
                self.proc.kill()
            else:
                self.release()
        except (OSError, ValueError):
            pass
        self.proc.join(5)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join()
        self.conn.close()


def run_files(files: list[str], work: Callable, failed: Callable[[str, str, str], object], workers: int,
              limits: Limits, stats: dict | None = None) -> "Reading":
    """``work(path)`` in worker processes for each file; iterating the result yields each file's
    result in file order, and ``failed(path, kind, message)`` for a file whose worker ran out of
    time, memory or life. The workers start at once and take their first files while the caller
    goes on (opening the database); see Reading. ``stats["worker_peak_kb"]`` gets the largest peak RSS
    a worker reported with a result."""
    return Reading(files, work, failed, workers, limits, {} if stats is None else stats)


class Reading:
    """The workers of one run_files call, started at once: forked from this process when the
    program allows it (fork_workers_directly), else from the fork server by a thread of their own
    (starting one waits for the server, which may still be importing the readers, and the caller
    need not wait with it). Iterate once for the results; close() (or the end of the iteration)
    stops them."""

    def __init__(self, files, work, failed, workers, limits, stats):
        self.files, self.work, self.failed, self.limits, self.stats = files, work, failed, limits, stats
        stats.setdefault("worker_peak_kb", 0)
        self.pool: list[_Worker] = []
        self.nxt = 0          # next file to hand out
        self._error: Exception | None = None
        self._starter: threading.Thread | None = None
        count = max(1, min(workers, len(files)))
        if not files:
            stop_first_worker()
            return
        if _FORK_DIRECTLY:   # forked here and now, in this thread (see fork_workers_directly)
            self._start(multiprocessing.get_context("fork"), count)
        else:
            self._starter = threading.Thread(target=self._start, args=(_context(), count), name="chamdiem-workers",
                                             daemon=True)
            self._starter.start()

    def _start(self, ctx, count: int) -> None:
        try:
            for _ in range(count):
                worker = _take_first_worker(self.work, self.limits.memory_mb) \
                    or _Worker(ctx, self.work, self.limits.memory_mb, tuple(o.conn for o in self.pool))
                self.pool.append(worker)
                worker.give(self.nxt, self.files[self.nxt])
                self.nxt += 1
        except Exception as exc:  # noqa: BLE001 - raised again in the caller's thread, by _started
            self._error = exc

    def _started(self) -> None:
        if self._starter is not None:
            self._starter.join()
        if self._error is not None:
            error, self._error = self._error, None
            raise error

    def __iter__(self) -> Iterator:
        if not self.files:
            return
        try:
            self._started()
            yield from self._results()
        finally:
            self.close()

    def _results(self) -> Iterator:
        files, pool, limits, stats = self.files, self.pool, self.limits, self.stats
        results: dict[int, object] = {}
        out = 0          # next result to yield
        window = 16 * len(pool)  # results held for the file order while one file is slow
        while out < len(files):
            for worker in pool:
                if worker.job is None and self.nxt < len(files) and self.nxt < out + window:
                    worker.give(self.nxt, files[self.nxt])
                    self.nxt += 1
            busy = [w for w in pool if w.job is not None]
            timeout = None
            if limits.timeout_s > 0 and busy:
                timeout = max(0.0, min(w.started + limits.timeout_s for w in busy) - time.monotonic())
            ready = wait([w.conn for w in busy] + [w.proc.sentinel for w in busy], timeout) if busy else []
            now = time.monotonic()
            for k, worker in enumerate(pool):
                if worker.job is None:
                    continue
                idx, path = worker.job
                if worker.conn in ready or worker.proc.sentinel in ready:
                    try:
                        got_idx, res, peak_kb = worker.conn.recv()
                        stats["worker_peak_kb"] = max(stats["worker_peak_kb"], peak_kb)
                        worker.job = None
                        results[got_idx] = self.failed(path, *res) if isinstance(res, tuple) else res
                        if self.nxt >= len(files):   # none left to give: it ends while the results are stored
                            worker.release()
                        continue
                    except (EOFError, OSError):
                        worker.proc.join(10)  # the pipe closes a moment before the process is reaped
                        code = worker.proc.exitcode
                        results[idx] = self.failed(path, "worker_crashed", _death(code, limits))
                elif limits.timeout_s > 0 and now - worker.started >= limits.timeout_s:
                    results[idx] = self.failed(path, "timeout", f"reading it took longer than the limit of "
                                                                f"{limits.timeout_s:g} s; its worker was stopped "
                                                                "(raise the limit with --timeout)")
                else:
                    continue
                worker.stop(kill=True)
                pool[k] = _Worker(_context(), self.work, limits.memory_mb)   # (the fork server starts now if need be)
            while out in results:
                yield results.pop(out)
                out += 1

    def close(self) -> None:
        """Stops the workers (killing any still reading); the results not taken are dropped."""
        if self._starter is not None:
            self._starter.join()   # a start that failed leaves fewer workers; its error is raised by __iter__
        for worker in self.pool:
            worker.stop(kill=worker.job is not None)
        self.pool = []


def _death(code: int | None, limits: Limits) -> str:
    if code is not None and code < 0:
        try:
            how = f"was killed by {signal.Signals(-code).name}"
        except ValueError:
            how = f"was killed by signal {-code}"
    else:
        how = f"ended with status {code}"
    return (f"the worker reading it {how} (a crash in a native library, or memory beyond the ceiling of "
            f"{limits.memory_mb} MB)")
