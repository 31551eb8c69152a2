"""What a reading worker sends back to the writing process: plain data in a module that imports
nothing of ours, so the writer never imports the readers and extractors (the job that runs them is
``pipeline/job.py``, what it runs ``pipeline/reading.py``)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Outcome:
    """What a worker sends back: plain data, so it always crosses the process boundary."""
    path: str
    sha256: str | None
    doc: object = None            # Report
    error_kind: str | None = None
    error: str | None = None


