"""Reading workers with a per-file memory ceiling and time limit.

Each worker is a process of its own with ``RLIMIT_AS`` set, reading one file at a time. A file
that passes the ceiling ends as ``too_large`` (the reader's MemoryError); one that passes the time
limit as ``timeout`` (its worker is killed and replaced); a worker that dies as
``worker_crashed``. The batch always goes on. Outcomes come back in the order of the files."""
from __future__ import annotations

import gc
import multiprocessing
import resource
import signal
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import wait

from chamdiem.model.defaults import DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT_S
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


def _worker_main(conn, work: Callable, memory_mb: int) -> None:
    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when the batch stops
    set_memory_ceiling(memory_mb)
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


def _peak_kb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _context():
    """Workers come from a fork server: a small process started once, with the readers imported,
    so a worker starts fast, holds none of the writer's memory or pipes (its ceiling and peak RSS
    are its own) and sees EOF when the writer is gone."""
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["chamdiem.pipeline.reading", "chamdiem.pipeline.warm"])
    return ctx


def start_server() -> None:
    """Start the fork server now and return at once: it imports the readers and extractors while
    the caller goes on importing the store, so on two cores a one-file ingest pays for the
    larger of the two rather than their sum. run_files uses the same server."""
    from multiprocessing import forkserver
    _context()
    forkserver.ensure_running()


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
    def __init__(self, ctx, work, memory_mb):
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker_main, args=(child, work, memory_mb), daemon=True)
        self.proc.start()
        child.close()
        self.job: tuple[int, str] | None = None
        self.started = 0.0

    def give(self, idx: int, path: str) -> None:
        self.job = (idx, path)
        self.started = time.monotonic()
        self.conn.send((idx, path))

    def stop(self, kill: bool = False) -> None:
        try:
            if kill:
                self.proc.kill()
            else:
                self.conn.send(None)
        except (OSError, ValueError):
            pass
        self.proc.join(5)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join()
        self.conn.close()


def run_files(files: list[str], work: Callable, failed: Callable[[str, str, str], object], workers: int,
              limits: Limits, stats: dict | None = None) -> Iterator:
    """``work(path)`` in worker processes for each file, yielding its result in file order; a file
    whose worker ran out of time, memory or life yields ``failed(path, kind, message)``.
    ``stats["worker_peak_kb"]`` gets the largest peak RSS a worker reported with a result."""
    stats = {} if stats is None else stats
    stats.setdefault("worker_peak_kb", 0)
    if not files:
        return
    ctx = _context()
    pool = [_Worker(ctx, work, limits.memory_mb) for _ in range(max(1, min(workers, len(files))))]
    results: dict[int, object] = {}
    nxt = 0          # next file to hand out
    out = 0          # next result to yield
    window = 16 * len(pool)  # results held for the file order while one file is slow
    try:
        while out < len(files):
            for w in pool:
                if w.job is None and nxt < len(files) and nxt < out + window:
                    w.give(nxt, files[nxt])
                    nxt += 1
            busy = [w for w in pool if w.job is not None]
            timeout = None
            if limits.timeout_s > 0 and busy:
                timeout = max(0.0, min(w.started + limits.timeout_s for w in busy) - time.monotonic())
            ready = wait([w.conn for w in busy] + [w.proc.sentinel for w in busy], timeout) if busy else []
            now = time.monotonic()
            for k, w in enumerate(pool):
                if w.job is None:
                    continue
                idx, path = w.job
                if w.conn in ready or w.proc.sentinel in ready:
                    try:
                        got_idx, res, peak_kb = w.conn.recv()
                        stats["worker_peak_kb"] = max(stats["worker_peak_kb"], peak_kb)
                        w.job = None
                        results[got_idx] = failed(path, *res) if isinstance(res, tuple) else res
                        continue
                    except (EOFError, OSError):
                        w.proc.join(10)  # the pipe closes a moment before the process is reaped
                        code = w.proc.exitcode
                        results[idx] = failed(path, "worker_crashed", _death(code, limits))
                elif limits.timeout_s > 0 and now - w.started >= limits.timeout_s:
                    results[idx] = failed(path, "timeout", f"reading it took longer than the limit of "
                                                           f"{limits.timeout_s:g} s; its worker was stopped "
                                                           "(raise the limit with --timeout)")
                else:
                    continue
                w.stop(kill=True)
                pool[k] = _Worker(ctx, work, limits.memory_mb)
            while out in results:
                yield results.pop(out)
                out += 1
    finally:
        for w in pool:
            w.stop(kill=w.job is not None)


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
