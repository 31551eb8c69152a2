"""What one run keeps for the next, as Python keeps compiled modules: values that take a process
long to make and depend only on what they are made from (a regex's program, a catalog's parsed
TOML), in files of the user's cache folder, one per kind and version of what makes them.

$CHAMDIEM_CACHE names the folder (default $XDG_CACHE_HOME/chamdiem, else ~/.cache/chamdiem); ``off``
keeps nothing. A folder that cannot be written, a file that cannot be read (cut short, written by
something else): the value is made again, and nothing fails. Values are marshal's plain data.
"""
from __future__ import annotations

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


class Kept:
    """The values of one file (``name``), read once per process on first use."""

    def __init__(self, name: str):
        self.name = name
        self.lock = threading.RLock()
        self._values: dict | None = None

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
        try:
            marshal.dumps(value)
        except ValueError:
            return
        with self.lock:
            self._loaded()[key] = value
            self._save(key, value)

    def _path(self) -> str | None:
        where = folder()
        return os.path.join(where, self.name) if where else None

    def _loaded(self) -> dict:
        if self._values is None:
            path = self._path()
            self._values = _read(path) if path else {}
        return self._values

    def _save(self, key, value) -> None:
        path = self._path()
        if not path:
            return
        where = os.path.dirname(path)
        try:
            os.makedirs(where, exist_ok=True)
            kept = _read(path)
            if len(kept) >= _MOST:
                kept = dict(self._values or {})
            kept[key] = value
            import tempfile   # (only a run that keeps something new needs it)
            handle, temporary = tempfile.mkstemp(dir=where, prefix=".kept-", suffix=".tmp")
            try:
                with os.fdopen(handle, "wb") as out:
                    out.write(marshal.dumps((_MAGIC, kept)))
                os.replace(temporary, path)
            except BaseException:
                os.unlink(temporary)
                raise
        except (OSError, ValueError):
            pass


def _read(path: str) -> dict:
    try:
        with open(path, "rb") as source:
            data = marshal.loads(source.read())
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    if not (isinstance(data, tuple) and len(data) == 2 and data[0] == _MAGIC and isinstance(data[1], dict)):
        return {}
    return data[1]
