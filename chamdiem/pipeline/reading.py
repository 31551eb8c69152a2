"""What a reading worker runs: one file read and extracted into an Outcome (pipeline/outcome.py).

Kept apart from the store so that a worker (and the fork server it may come from) imports the
readers and extractors only, never SQLAlchemy, and the writing process never imports this module
(workers.py says where workers come from)."""
from __future__ import annotations

import os

from chamdiem.model.errors import IngestError, InternalError, TooLarge
from chamdiem.pipeline.extract import extract_document
from chamdiem.normalizers.framework_catalog import FrameworkSet
from chamdiem.pipeline.outcome import Outcome
from chamdiem.store.writing.rows import for_writing
from chamdiem.readers.dispatch import DEFAULT_MAX_BYTES, read_bytes, read_checked


def process_file(path: str, skip: frozenset[str] = frozenset(), max_bytes: int = DEFAULT_MAX_BYTES,
                 frameworks: FrameworkSet | None = None) -> Outcome:
    """Read and extract one file; pure, so it runs in a worker. Known files are not parsed.
    ``frameworks``: the caller's set (None: this process's $CHAMDIEM_FRAMEWORKS)."""
    sha = None
    data = None
    try:
        data, sha = read_bytes(path, max_bytes)
        if sha in skip:
            return Outcome(path, sha)
        report = extract_document(read_checked(path, data, sha), frameworks)
        report.model = report.model.without_layout()   # the writer never reads the cells
        return Outcome(path, sha, doc=for_writing(report))   # its rows built here, not in the writer
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
