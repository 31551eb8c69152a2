"""Compiled patterns kept between runs, as Python keeps compiled modules.

The regex module compiles in Python: it parses a pattern, optimises it and flattens it into the
program its C engine runs, a list of integers. For the long patterns of the catalogs (the phrases
of narrative.toml, numbers in words) that costs a process more than reading its first report, and
every chamdiem command is a new process. The program depends only on the pattern, its flags and
the versions of regex and Python, so it is kept in a file (one per version of both) in the user's
cache folder, and a later process hands it to the C engine at once: the pattern object is the one
regex.compile makes (the same pattern, flags, groups and program).

$CHAMDIEM_CACHE names the folder (default $XDG_CACHE_HOME/chamdiem, else ~/.cache/chamdiem);
``off`` keeps nothing. A folder that cannot be written, a file that cannot be read (cut short,
written by something else), a regex whose internals differ from the ones this module knows: the
pattern is compiled as regex.compile does, and nothing fails.
"""
from __future__ import annotations

import marshal
import os
import sys
import tempfile
import threading

import regex
from regex import _main

CACHE_ENV = "CHAMDIEM_CACHE"
_MAGIC = "chamdiem-regex-programs-1"
_MOST = 4000            # programs in one file; past it the file starts again from this process's
_lock = threading.RLock()
_programs: dict | None = None   # (pattern, flags, regex's default version) -> the engine's arguments
_usable = True


def compile(pattern: str, flags: int = 0):
    """``regex.compile(pattern, flags)``, from the program kept by an earlier run when there is one."""
    if not isinstance(pattern, str) or flags & (regex.LOCALE | regex.DEBUG) or not _usable:
        return regex.compile(pattern, flags)
    key = (pattern, int(flags), int(regex.DEFAULT_VERSION))
    with _lock:
        programs = _loaded()
        args = programs.get(key)
        if args is not None:
            try:
                return _main._regex.compile(*args)
            except Exception:  # noqa: BLE001 - a program this engine does not take: compiled again below
                del programs[key]
        compiled, args = _compile_capturing(pattern, flags)
        if args is not None:
            programs[key] = args
            _save(key, args)
        return compiled


class _Capture:
    """Stands for regex's C engine while one pattern is compiled: keeps the arguments its compile
    is called with in this thread (the program), and passes every call on."""

    def __init__(self, engine):
        self.engine, self.args, self.thread = engine, None, threading.get_ident()

    def __getattr__(self, name):
        return getattr(self.engine, name)

    def compile(self, *args):
        if threading.get_ident() == self.thread:
            self.args = args
        return self.engine.compile(*args)


def _compile_capturing(pattern: str, flags: int):
    """(the compiled pattern, the engine's arguments ready for marshal, or None)."""
    global _usable
    engine = _main._regex
    capture = _main._regex = _Capture(engine)
    try:
        compiled = _main._compile(pattern, flags, False, {}, False)
    except regex.error:
        raise
    except Exception:  # noqa: BLE001 - regex's internals are not the ones known here: compile as it does
        _usable = False
        return regex.compile(pattern, flags), None
    finally:
        _main._regex = engine
    args = capture.args
    if args is None or len(args) != 11 or args[0] != pattern:
        return compiled, None
    args = tuple(int(a) if isinstance(a, int) else a for a in args)   # regex's flags are an int subclass
    try:
        marshal.dumps(args)
    except ValueError:
        return compiled, None
    return compiled, args


def _folder() -> str | None:
    chosen = os.environ.get(CACHE_ENV)
    if chosen is not None:
        return None if chosen.strip().lower() in ("off", "") else chosen
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "chamdiem") if os.path.isabs(base) else None


def _file(folder: str) -> str:
    py = f"{sys.implementation.cache_tag}"
    return os.path.join(folder, f"regex-{regex.__version__}-{py}.programs")


def _read(path: str) -> dict:
    try:
        with open(path, "rb") as source:
            data = marshal.loads(source.read())
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    if not (isinstance(data, tuple) and len(data) == 2 and data[0] == _MAGIC and isinstance(data[1], dict)):
        return {}
    return data[1]


def _loaded() -> dict:
    global _programs
    if _programs is None:
        folder = _folder()
        _programs = _read(_file(folder)) if folder else {}
    return _programs


def _save(key: tuple, args: tuple) -> None:
    """Adds one program to the file: what other processes added since it was read is kept, and the
    file is replaced whole (a reader never sees half of it)."""
    folder = _folder()
    if not folder:
        return
    path = _file(folder)
    try:
        os.makedirs(folder, exist_ok=True)
        kept = _read(path)
        if len(kept) >= _MOST:
            kept = dict(_programs or {})
        kept[key] = args
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".programs-", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(marshal.dumps((_MAGIC, kept)))
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)
            raise
    except (OSError, ValueError):
        pass
