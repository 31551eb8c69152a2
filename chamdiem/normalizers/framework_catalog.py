"""Where frameworks come from: the built-in TOMLs (chamdiem/catalogs/frameworks/), and the folders
named in $CHAMDIEM_FRAMEWORKS or given with --frameworks, each file checked (``framework_check``)
before it is parsed (``frameworks.parse_framework``)."""
from __future__ import annotations

import os
import tomllib
from functools import lru_cache
from importlib import resources

from chamdiem.model.defaults import FRAMEWORKS_ENV
from chamdiem.model.errors import CatalogError
from chamdiem.normalizers.framework_check import check_framework_text
from chamdiem.normalizers.frameworks import Framework, parse_framework


def _FRAMEWORK_DIR():
    return resources.files("chamdiem.catalogs").joinpath("frameworks")


# FRAMEWORKS_ENV names folders of frameworks added to the built-in ones (os.pathsep-separated);
# `ingest --frameworks DIR` sets it for its worker processes too.


def _load(name: str) -> Framework:
    return parse_framework(tomllib.loads(_FRAMEWORK_DIR().joinpath(name).read_text("utf-8")))


def extra_framework_dirs() -> list[str]:
    """The folders named in $CHAMDIEM_FRAMEWORKS, in order, each once."""
    out: list[str] = []
    for folder in os.environ.get(FRAMEWORKS_ENV, "").split(os.pathsep):
        folder = os.path.abspath(folder) if folder.strip() else ""
        if folder and folder not in out:
            out.append(folder)
    return out


def frameworks() -> dict[str, Framework]:
    """The built-in frameworks and those of the folders in $CHAMDIEM_FRAMEWORKS. A folder's
    framework that does not load (see `chamdiem framework check`) raises CatalogError."""
    return _frameworks(tuple((d, _stamp(d)) for d in extra_framework_dirs()))


def frameworks_signature() -> str:
    """A digest of every framework file frameworks() would load (names and bytes): what the store
    compares to know whether the frameworks changed, without parsing them."""
    import hashlib
    digest = hashlib.sha1(b"frameworks v1")
    built_in = sorted((e for e in _FRAMEWORK_DIR().iterdir() if e.name.endswith(".toml")), key=lambda e: e.name)
    for entry in built_in:
        digest.update(entry.name.encode() + b"\0" + entry.read_bytes() + b"\0")
    for folder in extra_framework_dirs():
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


@lru_cache(maxsize=32)
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
