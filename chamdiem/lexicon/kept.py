"""What one run keeps for the next, as Python keeps compiled modules: values that take a process
long to make and depend only on what they are made from (a regex's program, a catalog's parsed
TOML), in files of the user's cache folder, one per kind and version of what makes them.

$CHAMDIEM_CACHE names the folder (default $XDG_CACHE_HOME/chamdiem, else ~/.cache/chamdiem); ``off``
keeps nothing. A folder that cannot be written, a file that cannot be read (cut short, written by
something else): the value is made again, and nothing fails. Values are marshal's plain data.

Values made many at a time (put_later) are written together, once (write_later_values): a reading
worker writes them after its first report, and keeps later ones for itself alone, so a long batch
does not rewrite the file report after report.
"""
from __future__ import annotations

import atexit
import marshal
import os
import threading

CACHE_ENV = "CHAMDIEM_CACHE"
_MAGIC = "chamdiem-kept-1"
_MOST = 4000            # values in one file; past it the file starts again from this process's


def folder() -> str | None:
    """The folder values are kept in, or None when nothing is kept."""
    chosen = os.environ.get(CACHE_ENV)
    if chosen is not None:
        return None if chosen.strip().lower() in ("off", "") else chosen
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "chamdiem") if os.path.isabs(base) else None


_LATER: list["Kept"] = []   # the Kept with values put_later and not written yet
_writing_later = True       # False once write_later_values(more=False) ran: later values stay in the process


class Kept:
    """The values of one file (``name``), read once per process on first use."""

    def __init__(self, name: str):
        self.name = name
        self.lock = threading.RLock()
        self._values: dict | None = None
        self._pending: dict = {}
        self._mine: dict = {}   # the values this process made (a full file starts again from them)

    def get(self, key):
        with self.lock:
            return self._loaded().get(key)

    def forget(self, key) -> None:
        with self.lock:
            self._loaded().pop(key, None)

    def put(self, key, value) -> None:
        """Keeps ``value`` (plain data marshal writes, else nothing is kept): what other processes
        added since the file was read is kept too, and the file is replaced whole (a reader never
        sees half of it)."""
        if not _plain(value):
            return
        with self.lock:
            self._loaded()[key] = self._mine[key] = value
            self._save({key: value})

    def put_later(self, key, value) -> None:
        """Keeps ``value`` for this process at once, and for later ones when write_later_values
        runs next (unless it ran with ``more`` False)."""
        if not _plain(value):
            return
        with self.lock:
            self._loaded()[key] = self._mine[key] = value
            if _writing_later:
                self._pending[key] = value
                if self not in _LATER:
                    _LATER.append(self)

    def write_pending(self) -> None:
        with self.lock:
            pending, self._pending = self._pending, {}
            if pending:
                self._save(pending)

    def _path(self) -> str | None:
        where = folder()
        return os.path.join(where, self.name) if where else None

    def _loaded(self) -> dict:
        if self._values is None:
            path = self._path()
            self._values = _read(path) if path else {}
        return self._values

    def _save(self, values: dict) -> None:
        path = self._path()
        if not path:
            return
        where = os.path.dirname(path)
        try:
            os.makedirs(where, exist_ok=True)
            kept = _read(path)
            if len(kept) >= _MOST:
                kept = dict(self._mine)
            kept.update(values)
            import tempfile   # (only a run that keeps something new needs it)
            handle, temporary = tempfile.mkstemp(dir=where, prefix=".kept-", suffix=".tmp")
            try:
                with os.fdopen(handle, "wb") as out:
                    out.write(marshal.dumps((_MAGIC, kept)))
                os.replace(temporary, path)
            except BaseException:
                os.unlink(temporary)
                raise
        except (OSError, ValueError, MemoryError):
            pass


def write_later_values(more: bool = True) -> None:
    """Writes every value put_later and not written yet, one file write per Kept; with ``more``
    False, values put_later from now on are kept for this process alone."""
    global _writing_later
    if not more:
        _writing_later = False
    while _LATER:
        _LATER.pop().write_pending()


atexit.register(write_later_values)   # (a process that ends by os._exit, a worker, writes them itself)


def _read(path: str) -> dict:
    try:
        with open(path, "rb") as source:
            data = marshal.loads(source.read())
    except (OSError, EOFError, ValueError, TypeError, MemoryError):
        # (MemoryError: a file grown large over many versions' values, read by a worker under its
        # memory ceiling, is not used: the worker reads on without it)
        return {}
    if not (isinstance(data, tuple) and len(data) == 2 and data[0] == _MAGIC and isinstance(data[1], dict)):
        return {}
    return data[1]


def _plain(value) -> bool:
    """Plain data marshal writes: only such values are kept."""
    try:
        marshal.dumps(value)
    except ValueError:
        return False
    return True
