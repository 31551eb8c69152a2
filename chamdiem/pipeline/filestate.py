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
        info = os.stat(path)
    except OSError:
        return None
    return info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev, checked


def _settled_before_check(state: tuple, racy_ns: int) -> bool:
    """The file was last modified and changed well before its state was taken: a change within the
    clock's resolution of that moment would not show in the times."""
    _, mtime, ctime, _, _, checked, *_ = state   # a stored state ends with the file's hash
    return max(mtime, ctime) < checked - racy_ns


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
        for path in files:
            current = self.seen_stat[path] = _stat(path)
            old = known.get(storable(path))   # paths are stored as the database takes them
            if current is not None and old is not None and old[:5] == current[:5] \
                    and _settled_before_check(old, self.racy_ns):
                same.append(path)
            else:
                todo.append(path)
        return todo, same

    def seen(self, outcome, store) -> None:
        """Remember a file that is now in the database under the hash read from it."""
        current = self.seen_stat.get(outcome.path)
        if outcome.error_kind is not None or outcome.sha256 is None or current is None:
            return
        size, mtime, ctime, ino, dev, checked = current
        self.pending.append({"path": storable(outcome.path), "size": size, "mtime_ns": mtime, "ctime_ns": ctime,
                             "inode": ino, "device": dev, "checked_ns": checked, "sha256": outcome.sha256})
        if len(self.pending) >= 500:
            self.flush(store)

    def flush(self, store) -> None:
        store.remember_files(self.pending)
        self.pending = []
