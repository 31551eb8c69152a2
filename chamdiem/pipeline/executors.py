"""Where extraction runs past one machine: a Dask distributed cluster.

The local executor (ingest's process pool) suits one machine. With ``executor="dask"`` every file
is read and extracted by a task on the cluster's workers, and the outcomes come back, in file
order, to the one process that writes them to the store (PostgreSQL in a roll-out), exactly as
the local executor's do. So the database is the same whichever executor ran. The workers read the
files by their paths: the folder must be visible to them at the same path (a shared volume).
Install with ``pip install 'chamdiem[distributed]'``.
"""
from __future__ import annotations

from collections import deque
from collections.abc import Iterator   # (not typing: the CLI imports this module for --help)

EXECUTORS = ("local", "dask")
INSTALL_HINT = "the dask executor needs Dask distributed: pip install 'chamdiem[distributed]'"


class ExecutorUnavailable(RuntimeError):
    """The executor asked for cannot run here (its library is missing or its scheduler is unreachable)."""


def dask_outcomes(files: list[str], known: frozenset[str], max_bytes: int, scheduler: str | None,
                  workers: int | None = None, window: int | None = None, frameworks=None) -> Iterator:
    """Outcomes of process_file for ``files``, run on the Dask cluster at ``scheduler``
    (tcp://host:port), or, without one, on a local cluster of ``workers`` processes. At most
    ``window`` files are in flight, so a quarter of files does not wait in memory. Every task
    reads under ``frameworks``, the caller's FrameworkSet (default: its $CHAMDIEM_FRAMEWORKS)."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise ExecutorUnavailable(INSTALL_HINT) from None
    from chamdiem.normalizers.framework_catalog import framework_set
    from chamdiem.pipeline.reading import process_file
    frameworks = framework_set(frameworks)   # the caller's, for every worker
    cluster = None
    try:
        if scheduler is None:
            cluster = LocalCluster(n_workers=workers or 2, threads_per_worker=1, processes=True,
                                   host="127.0.0.1", dashboard_address=None)
            scheduler = cluster.scheduler_address
        try:
            client = Client(scheduler, timeout=30)
        except OSError as exc:
            raise ExecutorUnavailable(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
        with client:
            threads = sum(client.nthreads().values()) or 1
            window = window or 4 * threads
            skip = client.scatter([known], broadcast=True)[0]  # one object, not its members
            pending: deque = deque()
            todo = iter(files)
            for path in todo:
                pending.append(client.submit(process_file, path, skip, max_bytes, frameworks, pure=False))
                if len(pending) >= window:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
    finally:
        if cluster is not None:
            cluster.close()
