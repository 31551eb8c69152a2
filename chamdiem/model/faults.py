"""Deterministic fault injection for crash tests: ``CHAMDIEM_FAULT=point:N`` makes the process end
abruptly (``os._exit``, as a kill -9 would leave things) the N-th time it reaches ``point``.

Points: ``after_insert`` (the writer, inside a document's transaction, its rows written but not
committed), ``after_commit`` (the writer, right after a document's transaction), ``worker_crash``
(a reading worker, before the batch's N-th file: it dies by SIGSEGV as a crashing native library
would; its replacement goes on).
Unset, it costs one dictionary lookup."""
from __future__ import annotations

import os
import signal

_hits: dict[str, int] = {}


def fault_point(name: str, hit: int | None = None) -> None:
    """``hit``: which time this is, when the caller counts (a worker: the file's place in the batch)."""
    spec = os.environ.get("CHAMDIEM_FAULT")
    if not spec:
        return
    point, _, n = spec.partition(":")
    if point != name:
        return
    _hits[name] = hit if hit is not None else _hits.get(name, 0) + 1
    if _hits[name] == int(n or 1):
        if name == "worker_crash":
            os.kill(os.getpid(), signal.SIGSEGV)
        os._exit(137)
