"""What to say when the database's disk fills up during an ingest: where, how much is free, and
about how much room the files not loaded yet need (at the size per report of the database so
far), so the user can make room and run the same ingest again."""
from __future__ import annotations

import os
import re
import shutil

from chamdiem.model.errors import DiskFull
from chamdiem.store.schema.revision import sqlite_file

# a report's rows when the database holds none yet to measure (README: 64.5 MiB per 1,000 reports)
TYPICAL_REPORT_BYTES = 66_000


def size_text(count: float) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if count < 1024 or unit == "GB":
            return f"{count:.0f} {unit}" if unit == "bytes" else f"{count:.1f} {unit}"
        count /= 1024
    return ""


def disk_full(db: str, store, remaining: int, loaded: int) -> DiskFull:
    """The error for a full disk, ``remaining`` files not loaded yet (the one being written among them)."""
    size, documents = store.database_size()
    per_report = max(TYPICAL_REPORT_BYTES, size / documents) if documents else TYPICAL_REPORT_BYTES
    if remaining:
        what = f"the {remaining} file(s) not loaded yet need about {size_text(per_report * remaining)} more"
    else:   # every report is in: the batch's last records (file states, statistics) were not
        what = f"the ingest's last records need up to {size_text(per_report)} more"
    path = sqlite_file(db)
    if path is not None:
        folder = os.path.dirname(os.path.abspath(path))
        where = f"the disk is full ({size_text(shutil.disk_usage(folder).free)} free in {folder})"
    else:
        where = "the database server's disk is full"
    return DiskFull(_masked(db), f"{where}: {what}; make room and run the same ingest again "
                                 f"(the {loaded} loaded are kept)")


def _masked(db: str) -> str:
    """The database as messages show it: a URL's password masked."""
    return re.sub(r"(://[^:/@]*:)[^@]*@", r"\1***@", db)
