"""Typed ingest errors: each carries the file and a reason, and becomes a v_ingest_errors row."""
from __future__ import annotations


class IngestError(Exception):
    """A file that cannot be loaded. ``kind`` is the stable error_kind recorded for analysts."""
    kind = "ingest_error"

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class UnsupportedFormat(IngestError):
    kind = "unsupported_format"


class UndecodableText(IngestError):
    kind = "undecodable_text"


class EmptyDocument(IngestError):
    kind = "empty_document"


class CorruptFile(IngestError):
    kind = "corrupt_file"


class FileTooLarge(IngestError):
    kind = "file_too_large"


class UnreadableFile(IngestError):
    kind = "unreadable_file"


class EncryptedPdf(IngestError):
    kind = "encrypted_pdf"


class NoTextLayer(IngestError):
    """Pages of images and no text: a scan that needs OCR."""
    kind = "no_text_layer"


class BrokenTextLayer(IngestError):
    """The text layer does not say what the page shows."""
    kind = "broken_text_layer"


class TooLarge(IngestError):
    """Reading the file would pass a per-file limit: decompressed size, compression ratio or the
    worker's memory ceiling (a zip bomb, a text that needs more memory than allowed)."""
    kind = "too_large"


class Timeout(IngestError):
    """Reading the file took longer than the per-file time limit; its worker was stopped."""
    kind = "timeout"


class WorkerCrashed(IngestError):
    """The process reading the file died (a signal from a native library or the system)."""
    kind = "worker_crashed"


class NotAReport(IngestError):
    """The text read does not look like Vietnamese writing, so it is not loaded as a report."""
    kind = "not_a_report"


class NotFound(IngestError):
    kind = "not_found"


class InternalError(IngestError):
    """A bug of ours: an exception no reader expected. The message names its type and where."""
    kind = "internal_error"


# Every error_kind v_ingest_errors can hold (CONTRACT.md lists them with their meaning).
ERROR_KINDS = tuple(cls.kind for cls in (
    NotFound, UnreadableFile, FileTooLarge, UnsupportedFormat, UndecodableText, EmptyDocument, CorruptFile,
    EncryptedPdf, NoTextLayer, BrokenTextLayer, NotAReport, TooLarge, Timeout, WorkerCrashed, InternalError))


class CatalogError(Exception):
    """A data file of the project (a catalog or a framework) that does not have the expected shape."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class DatabaseError(Exception):
    """A database that cannot be used: missing, not a chamdiem database, unreachable, or of a
    dialect we do not support. ``database`` (kept as ``db``) is the path or URL as the user gave it."""

    def __init__(self, database: str, reason: str):
        super().__init__(f"{database}: {reason}")
        self.db = database
        self.reason = reason


class DiskFull(DatabaseError):
    """The disk holding the database filled up during an ingest: what was loaded before stays, the
    document being written was rolled back. ``reason`` says how much room the rest needs."""
