"""What crosses between the writing process and a reading worker: the job (what to read, under
which rules) and its outcome. Plain data in a module that imports nothing of ours, so the writer
never imports the readers and extractors: the worker runs them (pipeline/reading.py)."""
from __future__ import annotations

from dataclasses import dataclass

INHERIT = "inherit"


@dataclass
class Outcome:
    """What a worker sends back: plain data, so it always crosses the process boundary."""
    path: str
    sha256: str | None
    doc: object = None            # Report
    error_kind: str | None = None
    error: str | None = None


@dataclass(frozen=True)
class ReadJob:
    """``job(path)`` reads and extracts one file in a worker (reading.process_file): files whose
    hash is in ``skip`` are not parsed; ``frameworks`` is the caller's $CHAMDIEM_FRAMEWORKS."""
    skip: frozenset[str]
    max_bytes: int
    frameworks: str | None = INHERIT

    def __call__(self, path: str) -> Outcome:
        from chamdiem.pipeline.reading import process_file   # in the worker, where it is preloaded
        return process_file(path, self.skip, self.max_bytes, self.frameworks)
