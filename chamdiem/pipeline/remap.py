"""Re-reading the documents loaded under a provisional framework once frameworks were added: the
file's hash has not changed, so `ingest` would skip it; `remap` extracts it again (from its stored
path when the file is still there unchanged, else from its stored text) and replaces its rows."""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field

from chamdiem.model.errors import IngestError
from chamdiem.normalizers.framework_catalog import FrameworkSet, framework_set
from chamdiem.normalizers.sheet_framework import is_provisional
from chamdiem.pipeline.extract import extract_document
from chamdiem.readers.dispatch import read_document
from chamdiem.readers.text import parse_text
from chamdiem.store.database import Store


@dataclass
class RemapResult:
    """Provisional documents found, how many now have a known framework, and which stayed."""
    checked: int = 0
    remapped: dict[str, str] = field(default_factory=dict)        # file name -> framework
    still_provisional: list[str] = field(default_factory=list)
    from_stored_text: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [f"remapped {len(self.remapped)} of {self.checked} provisional document(s); "
               f"{len(self.still_provisional)} still provisional"]
        out += [f"  {name} -> {fw}" for name, fw in sorted(self.remapped.items())]
        if self.from_stored_text:
            out.append("re-read from their stored text (file moved or changed): " + ", ".join(self.from_stored_text))
        return out


def remap(db: str, frameworks: FrameworkSet | None = None) -> RemapResult:
    """Extracts every current provisional document again under ``frameworks`` (default: the built
    in ones and $CHAMDIEM_FRAMEWORKS's, read now) and replaces its rows in place."""
    frameworks = framework_set(frameworks)
    store = Store(db, frameworks)
    result = RemapResult()
    try:
        for row in store.provisional_documents():
            result.checked += 1
            model, stored = _reread(row)
            if stored:
                result.from_stored_text.append(row["file_name"])
            report = extract_document(model, frameworks)
            store.reload(row["id"], report)
            if is_provisional(report.framework):
                result.still_provisional.append(row["file_name"])
            else:
                result.remapped[row["file_name"]] = report.framework
    finally:
        store.close()
    return result


def _reread(row: dict):
    """The document model from the stored path when the file there has the stored hash (OCR and
    geometry as at ingest), else from the stored document text (its rows are tab-separated lines)."""
    path = row["path"]
    try:
        with open(path, "rb") as source:
            data = source.read()
        if hashlib.sha256(data).hexdigest() == row["sha256"]:
            return read_document(path, data, row["sha256"]), False
    except (OSError, IngestError):
        pass
    model = parse_text(row["text"], path=path, sha256=row["sha256"], fmt=row["format"])
    model.file_name = os.path.basename(path) or row["file_name"]
    model.ocr = bool(row["ocr"])  # read by OCR at ingest; its word confidences are not stored
    return model, True
