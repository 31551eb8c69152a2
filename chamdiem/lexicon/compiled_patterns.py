"""Compiled patterns kept between runs (kept.py), as Python keeps compiled modules.

The regex module compiles in Python: it parses a pattern, optimises it and flattens it into the
program its C engine runs, a list of integers. For the long patterns of the catalogs (the phrases
of narrative.toml, numbers in words) that costs a process more than reading its first report, and
every chamdiem command is a new process. The program depends only on the pattern, its flags and
the versions of regex and Python, so it is kept (a file per version of both), and a later process
hands it to the C engine at once: the pattern object is the one regex.compile makes (the same
pattern, flags, groups and program). A kept program the engine refuses, a regex whose internals
differ from the ones this module knows: the pattern is compiled as regex.compile does.

The standard library's engine (``re``, which some long alternations of the catalogs use: it scans
them faster) compiles in Python too; compile_re keeps its programs the same way, in a file per
version of Python and of its engine.
"""
from __future__ import annotations

import re
import sys
import threading

import _sre
import regex
from re import _compiler
from regex import _main

from chamdiem.lexicon.kept import Kept

_PROGRAMS = Kept(f"regex-{regex.__version__}-{sys.implementation.cache_tag}.programs")
_usable = True
_RE_PROGRAMS = Kept(f"re-{'.'.join(map(str, sys.version_info[:3]))}-{_sre.MAGIC}-{sys.implementation.cache_tag}"
                    ".programs")
_re_usable = True


def compile(pattern: str, flags: int = 0):
    """``regex.compile(pattern, flags)``, from the program kept by an earlier run when there is one."""
    if not isinstance(pattern, str) or flags & (regex.LOCALE | regex.DEBUG) or not _usable:
        return regex.compile(pattern, flags)
    key = (pattern, int(flags), int(regex.DEFAULT_VERSION))
    with _PROGRAMS.lock:
        args = _PROGRAMS.get(key)
        if args is not None:
            try:
                return _main._regex.compile(*args)
            except Exception:  # noqa: BLE001 - a program this engine does not take: compiled again below
                _PROGRAMS.forget(key)
        compiled, args = _compile_capturing(pattern, flags)
        if args is not None:
            _PROGRAMS.put(key, args)
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
    return compiled, tuple(int(a) if isinstance(a, int) else a for a in args)   # (regex's flags: an int subclass)


def compile_re(pattern: str, flags: int = 0) -> re.Pattern:
    """``re.compile(pattern, flags)`` (the standard library's engine), from the program kept by an
    earlier run when there is one: the same pattern object (equal to re.compile's: same pattern,
    flags and program)."""
    flags = int(flags)
    if not isinstance(pattern, str) or flags & (re.DEBUG | re.LOCALE) or not _re_usable:
        return re.compile(pattern, flags)
    key = (pattern, flags)
    with _RE_PROGRAMS.lock:
        args = _RE_PROGRAMS.get(key)
        if args is not None:
            try:
                return _sre.compile(*args)
            except Exception:  # noqa: BLE001 - a program this engine refuses: compiled again below
                _RE_PROGRAMS.forget(key)
        compiled, args = _re_compile_capturing(pattern, flags)
        if args is not None:
            _RE_PROGRAMS.put(key, args)
        return compiled


def _re_compile_capturing(pattern: str, flags: int):
    """(the compiled pattern, the arguments of the engine's compile ready for marshal, or None)."""
    global _re_usable
    engine = _compiler._sre
    capture = _compiler._sre = _Capture(engine)
    try:
        compiled = _compiler.compile(pattern, flags)
    except re.error:
        raise
    except Exception:  # noqa: BLE001 - re's internals are not the ones known here: compile as it does
        _re_usable = False
        return re.compile(pattern, flags), None
    finally:
        _compiler._sre = engine
    args = capture.args
    if args is None or len(args) != 6 or args[0] != pattern or compiled.pattern != pattern:
        return compiled, None
    pattern_, all_flags, code, groups, groupindex, indexgroup = args
    return compiled, (pattern_, int(all_flags), [int(c) for c in code], int(groups), dict(groupindex),
                      tuple(indexgroup))
