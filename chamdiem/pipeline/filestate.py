"""Skipping unchanged files without reading them.

A file is read and hashed only when what the file system says of it changed since the ingest that
loaded it: its size, its modification and status-change times (ns), its inode and its device. The
status-change time (ctime) moves on every write and cannot be set back by a program, so content
rewritten under a restored modification time is still seen; a file replaced by another (a copy,
a rename) has another inode. A record is trusted only when the file's times were at least
RACY_NS older than the moment it was taken: on a file system with coarse timestamps, a write in
the same tick as that moment would otherwise go unseen.
"""
from __future__ import annotations

import os
import time

from chamdiem.store.writer import storable

RACY_NS = 1_000_000_000


def _stat(path: str) -> tuple[int, int, int, int, int, int] | None:
    checked = time.time_ns()
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev, checked


class FileState:
    """Stats each file before it is read, says which are unchanged since they were loaded
    (``known``: the database's file states, Writer.file_states), and
    records the state of the files loaded (or found unchanged by their hash) in this run."""

    def __init__(self, known: dict[str, tuple], racy_ns: int = RACY_NS):
        self.known, self.racy_ns = known, racy_ns
        self.seen_stat: dict[str, tuple] = {}
        self.pending: list[dict] = []

    def split(self, files: list[str]) -> tuple[list[str], list[str]]:
        """(files to read, files unchanged since their load)."""
        known = self.known
        todo, same = [], []
        for f in files:
            st = self.seen_stat[f] = _stat(f)
            old = known.get(storable(f))   # paths are stored as the database takes them
            if st is not None and old is not None and old[:5] == st[:5] \
                    and max(old[1], old[2]) < old[5] - self.racy_ns:
                same.append(f)
            else:
                todo.append(f)
        return todo, same

    def seen(self, outcome, store) -> None:
        """Remember a file that is now in the database under the hash read from it."""
        st = self.seen_stat.get(outcome.path)
        if outcome.error_kind is not None or outcome.sha256 is None or st is None:
            return
        size, mtime, ctime, ino, dev, checked = st
        self.pending.append({"path": storable(outcome.path), "size": size, "mtime_ns": mtime, "ctime_ns": ctime,
                             "inode": ino, "device": dev, "checked_ns": checked, "sha256": outcome.sha256})
        if len(self.pending) >= 500:
            self.flush(store)

    def flush(self, store) -> None:
        store.remember_files(self.pending)
        self.pending = []
