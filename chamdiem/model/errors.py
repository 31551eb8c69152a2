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


class CatalogError(Exception):
    """A data file of the project (a catalog or a framework) that does not have the expected shape."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class DatabaseError(Exception):
    """A database that cannot be used: missing, not a chamdiem database, unreachable, or of a
    dialect we do not support. ``db`` is the path or URL as the user gave it."""

    def __init__(self, db: str, reason: str):
        super().__init__(f"{db}: {reason}")
        self.db = db
        self.reason = reason
