"""Where frameworks come from: the built-in TOMLs (chamdiem/catalogs/frameworks/), and the folders
named in $CHAMDIEM_FRAMEWORKS or given with --frameworks, each file checked (``framework_check``)
before it is parsed (``frameworks.parse_framework``).

A ``FrameworkSet`` is the value handed down the pipeline (API -> ingest -> workers -> extraction
-> store): the built-in frameworks plus its folders. $CHAMDIEM_FRAMEWORKS is read only where a set
is not given (``FrameworkSet.from_environment``); nothing here writes the environment.

What a set remembers: its frameworks are parsed once per process and kept in ``_frameworks``, a
bounded cache (``SETS_REMEMBERED``) keyed by the set's folders and their files' stamps. Each key
has its own ``Framework`` objects, so the memories held on them (``Framework.index``, the sheets
already mapped in ``Framework.sheet_mappings``, each bounded in normalizers/mapping.py) belong to
one set: two sets never share or mix them, and a set whose files change gets fresh ones."""
from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Iterator
from importlib import resources

from chamdiem.lexicon.catalogs import parsed_toml
from chamdiem.model.defaults import FRAMEWORKS_ENV
from chamdiem.model.errors import CatalogError
from chamdiem.normalizers.framework_check import check_framework_text
from chamdiem.normalizers.frameworks import Framework, parse_framework


def _FRAMEWORK_DIR():
    return resources.files("chamdiem.catalogs").joinpath("frameworks")


# FRAMEWORKS_ENV names folders of frameworks added to the built-in ones (os.pathsep-separated);
# it is read, never written: `ingest --frameworks DIR` hands its workers a FrameworkSet.
SETS_REMEMBERED = 32   # framework sets whose parsed frameworks a process keeps (_frameworks)


@dataclass(frozen=True)
class FrameworkSet:
    """The built-in frameworks plus those of ``folders`` (absolute, each once, in order): a small
    value that crosses to worker processes as it is, each loading it once (``_frameworks``)."""
    folders: tuple[str, ...] = ()

    @classmethod
    def of(cls, folders: Iterable[str | os.PathLike] = ()) -> FrameworkSet:
        return cls(()).adding(folders)

    @classmethod
    def from_environment(cls) -> FrameworkSet:
        """The set $CHAMDIEM_FRAMEWORKS names (read now): the default where none is given."""
        return cls(tuple(extra_framework_dirs()))

    def adding(self, folders: Iterable[str | os.PathLike] | None) -> FrameworkSet:
        """This set with ``folders`` added after its own (a folder already there is not repeated)."""
        out = list(self.folders)
        for folder in folders or ():
            folder = os.fspath(folder)
            folder = os.path.abspath(folder) if folder.strip() else ""
            if folder and folder not in out:
                out.append(folder)
        return FrameworkSet(tuple(out))

    @property
    def by_id(self) -> dict[str, Framework]:
        """The frameworks by id, parsed on first use in this process and again when a file of a
        folder changed; CatalogError when a folder's framework does not load."""
        return _frameworks(tuple((folder, _stamp(folder)) for folder in self.folders))

    def get(self, framework_id: str) -> Framework | None:
        return self.by_id.get(framework_id)

    def values(self):
        return self.by_id.values()

    def __iter__(self) -> Iterator[str]:
        return iter(self.by_id)

    def signature(self) -> str:
        """A digest of every framework file of the set (names and bytes): what the store compares
        to know whether the frameworks changed, without parsing them."""
        return _signature(self.folders)


def framework_set(chosen: FrameworkSet | None) -> FrameworkSet:
    """``chosen``, or where none was given, the set of $CHAMDIEM_FRAMEWORKS."""
    return FrameworkSet.from_environment() if chosen is None else chosen


def _load(name: str) -> Framework:
    return parse_framework(parsed_toml(_FRAMEWORK_DIR().joinpath(name).read_text("utf-8")))


def extra_framework_dirs() -> list[str]:
    """The folders named in $CHAMDIEM_FRAMEWORKS, in order, each once."""
    out: list[str] = []
    for folder in os.environ.get(FRAMEWORKS_ENV, "").split(os.pathsep):
        folder = os.path.abspath(folder) if folder.strip() else ""
        if folder and folder not in out:
            out.append(folder)
    return out


def frameworks(chosen: FrameworkSet | None = None) -> dict[str, Framework]:
    """The frameworks of ``chosen`` (default: the built-in ones and those of the folders in
    $CHAMDIEM_FRAMEWORKS). A folder's framework that does not load (see `chamdiem framework
    check`) raises CatalogError."""
    return framework_set(chosen).by_id


def frameworks_signature(chosen: FrameworkSet | None = None) -> str:
    """FrameworkSet.signature of ``chosen`` (default: the set of $CHAMDIEM_FRAMEWORKS)."""
    return framework_set(chosen).signature()


def _signature(folders: tuple[str, ...]) -> str:
    import hashlib
    digest = hashlib.sha1(b"frameworks v1")
    built_in = sorted((e for e in _FRAMEWORK_DIR().iterdir() if e.name.endswith(".toml")), key=lambda e: e.name)
    for entry in built_in:
        digest.update(entry.name.encode() + b"\0" + entry.read_bytes() + b"\0")
    for folder in folders:
        try:
            names = sorted(n for n in os.listdir(folder) if n.endswith(".toml"))
        except OSError:
            names = ["(unreadable)"]
        for name in names:
            try:
                with open(os.path.join(folder, name), "rb") as handle:
                    data = handle.read()
            except OSError:
                data = b"(unreadable)"
            digest.update(os.path.join(folder, name).encode("utf-8", "surrogateescape") + b"\0" + data + b"\0")
    return digest.hexdigest()


def _stamp(folder: str) -> tuple:
    """What changes when a framework file in the folder is added, edited or removed."""
    try:
        return tuple(sorted((e.name, e.stat().st_mtime_ns, e.stat().st_size) for e in os.scandir(folder)
                            if e.name.endswith(".toml")))
    except OSError:
        return ()


@lru_cache(maxsize=SETS_REMEMBERED)
def _frameworks(extra: tuple[tuple[str, tuple], ...]) -> dict[str, Framework]:
    extra_dirs = [d for d, _ in extra]
    out = {}
    for entry in sorted(_FRAMEWORK_DIR().iterdir(), key=lambda p: p.name):
        if entry.name.endswith(".toml"):
            framework = _load(entry.name)
            out[framework.id] = framework
    for folder in extra_dirs:
        if not os.path.isdir(folder):
            raise CatalogError(folder, f"no such frameworks folder (from {FRAMEWORKS_ENV} or --frameworks)")
        for name in sorted(os.listdir(folder)):
            if name.endswith(".toml"):
                path = os.path.join(folder, name)
                framework = load_framework_file(path)
                if framework.id in out:
                    raise CatalogError(path, f"framework id '{framework.id}' is already defined (built in or in an "
                                             "earlier file)")
                out[framework.id] = framework
    return out


def load_framework_file(path: str) -> Framework:
    """A framework TOML outside the package; CatalogError naming the first problem when it is not
    a valid framework (the checks of ``normalizers.framework_check``)."""
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except OSError as exc:
        raise CatalogError(path, f"cannot be read: {exc.strerror or exc}") from None
    errors, raw = check_framework_text(text)
    if errors:
        raise CatalogError(path, errors[0] + (f" (and {len(errors) - 1} more: run `chamdiem framework check`)"
                                              if len(errors) > 1 else ""))
    return parse_framework(raw)
