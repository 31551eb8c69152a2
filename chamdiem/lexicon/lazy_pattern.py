"""A regular expression compiled the first time it is used, not when it is written down.

The narrative grammar writes dozens of long patterns (every number in words, every phrase of
catalogs/narrative.toml), and the regex module compiles in Python: a few milliseconds each. A
report uses only some of them (a sentence without digits needs none but the digit check; the
grammar of numbers in words is asked for by any sentence holding 'năm' or 'một'), so a worker's
first report should compile only those. The pattern and its flags are the same as compiled at
once: matches are identical. Its program comes from the one an earlier run kept, when there is
one (compiled_patterns.py)."""
from __future__ import annotations

from chamdiem.lexicon import compiled_patterns

_METHODS = ("finditer", "search", "match", "fullmatch", "sub", "subn", "findall", "split", "splititer")


class LazyPattern:
    """Stands for ``regex.compile(pattern, flags)``. ``pattern`` is known at once (other patterns
    are built from it); the first other attribute compiles it, and puts the compiled pattern's
    methods on this object, so that later calls cost what a compiled pattern's do."""

    def __init__(self, pattern: str, flags: int = 0):
        self.pattern = pattern
        self._flags = flags

    def __getattr__(self, name: str):   # called only while the attribute is not set: the first use
        if name.startswith("__"):   # (copy and pickle ask for their hooks: they must not compile)
            raise AttributeError(name)
        compiled = compiled_patterns.compile(self.pattern, self._flags)
        for method in _METHODS:
            setattr(self, method, getattr(compiled, method))
        self.compiled = compiled
        self.flags, self.groupindex, self.groups = compiled.flags, compiled.groupindex, compiled.groups
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern[:60]!r}, {self._flags})"


def compile_later(pattern: str, flags: int = 0) -> LazyPattern:
    """``regex.compile(pattern, flags)`` on first use (see LazyPattern)."""
    return LazyPattern(pattern, flags)
