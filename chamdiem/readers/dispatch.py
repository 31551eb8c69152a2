"""Picks the reader for a file from its name and turns its bytes into a DocumentModel."""
from __future__ import annotations

import hashlib
import os
import stat

from chamdiem.model.defaults import DEFAULT_MAX_BYTES
from chamdiem.model.errors import FileTooLarge, UnreadableFile, UnsupportedFormat
from chamdiem.readers.plausibility import check_plausible
from chamdiem.readers.text import read_text
from chamdiem.model.document import DocumentModel

# suffix -> format name; any other file is recorded as unsupported_format
FORMATS = {".txt": "txt", ".md": "md", ".markdown": "md", ".docx": "docx", ".pdf": "pdf",
           ".html": "html", ".htm": "html", ".doc": "doc", ".xlsx": "xlsx", ".xlsm": "xlsx", ".xls": "xls",
           # page images: read by OCR when it is installed (readers/ocr.py)
           ".jpg": "jpeg", ".jpeg": "jpeg", ".png": "png", ".tif": "tiff", ".tiff": "tiff"}


def file_format(path: str) -> str | None:
    return FORMATS.get(os.path.splitext(path)[1].lower())


def read_bytes(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[bytes, str]:
    try:
        file_stat = os.stat(path)
        if not stat.S_ISREG(file_stat.st_mode):  # a FIFO or device would block or never end
            raise UnreadableFile(path, "not a regular file (a pipe, device or socket)")
        size = file_stat.st_size
        if size > max_bytes:
            raise FileTooLarge(path, f"{size} bytes is over the limit of {max_bytes}")
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        raise UnreadableFile(path, str(exc)) from None
    return data, hashlib.sha256(data).hexdigest()


# formats read through a converter (LibreOffice): junk output means a corrupt file, not a non-report
CONVERTED = {"doc", "xls"}


def read_checked(path: str, data: bytes, sha256: str) -> DocumentModel:
    """The file's reader, then the plausibility test every reader's output passes (junk that
    happens to decode is not a report)."""
    model = read_document(path, data, sha256)
    check_plausible(path, model.text, junk_is_corrupt=model.format in CONVERTED)
    return model


def read_document(path: str, data: bytes, sha256: str) -> DocumentModel:
    fmt = file_format(path)
    if fmt in ("txt", "md"):
        return read_text(path, data, sha256, fmt)
    if fmt == "docx":
        from chamdiem.readers.docx import read_docx
        return read_docx(path, data, sha256)
    if fmt == "html":
        from chamdiem.readers.html import read_html
        return read_html(path, data, sha256)
    if fmt == "pdf":
        from chamdiem.readers.pdf.entry import read_pdf
        return read_pdf(path, data, sha256)
    if fmt == "doc":
        from chamdiem.readers.doc import read_doc
        return read_doc(path, data, sha256)
    if fmt in ("jpeg", "png", "tiff"):
        from chamdiem.readers.pdf.ocr import read_image
        return read_image(path, data, sha256, fmt)
    if fmt == "xlsx":
        from chamdiem.readers.xlsx import read_xlsx
        return read_xlsx(path, data, sha256)
    if fmt == "xls":
        from chamdiem.readers.doc import read_xls
        return read_xls(path, data, sha256)
    raise UnsupportedFormat(path, f"no reader for '{os.path.splitext(path)[1] or path}' files yet")
