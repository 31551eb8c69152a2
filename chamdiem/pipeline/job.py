"""The job a reading worker is sent: what to read, under which rules. Calling it in the worker runs
``reading.process_file``; the writing process only builds it, so it imports no reader."""
from __future__ import annotations

from dataclasses import dataclass

from chamdiem.normalizers.framework_catalog import FrameworkSet
from chamdiem.pipeline.outcome import Outcome


@dataclass(frozen=True)
class ReadJob:
    """``job(path)`` reads and extracts one file in a worker (reading.process_file): files whose
    hash is in ``skip`` are not parsed; ``frameworks`` is the caller's set, which a worker started
    earlier (from the fork server, or on a cluster) could not know otherwise (None: the worker's
    $CHAMDIEM_FRAMEWORKS)."""
    skip: frozenset[str]
    max_bytes: int
    frameworks: FrameworkSet | None = None

    def __call__(self, path: str) -> Outcome:
        from chamdiem.pipeline.reading import process_file   # in the worker, where it is preloaded
        return process_file(path, self.skip, self.max_bytes, self.frameworks)
