"""Checks an OOXML package (.docx, .xlsx) from its zip directory before anything is inflated: a
zip bomb is refused from the sizes it declares, not found out by running out of memory.

Readers call ``check_ooxml(path, data)`` first; it raises ``TooLarge`` (too much to inflate) or
``CorruptFile`` (not a zip), and returns the open ``ZipFile`` for readers that want it. Inflating
is bounded too: ``read_entry`` stops at the declared size, so a lying header does not help."""
from __future__ import annotations

import io
import zipfile

from chamdiem.lexicon.catalogs import catalog
from chamdiem.model.errors import CorruptFile, TooLarge

MB = 1024 * 1024


def limits() -> dict:
    return catalog("input_checks")["ooxml"]


def check_ooxml(path: str, data: bytes, max_total_mb: float | None = None) -> zipfile.ZipFile:
    lim = limits()
    max_total = int((max_total_mb or lim["max_total_uncompressed_mb"]) * MB)
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        infos = package.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError, NotImplementedError,
            RuntimeError) as exc:  # NotImplementedError: a zip version or method zipfile does not read
        raise CorruptFile(path, f"not a readable zip package: {exc}") from None
    if len(infos) > lim["max_entries"]:
        raise TooLarge(path, f"the package holds {len(infos)} entries, over the limit of {lim['max_entries']}")
    total = 0
    for info in infos:
        total += info.file_size
        if total > max_total:
            raise TooLarge(path, f"the package declares it inflates to more than {max_total // MB} MB "
                                 f"(entry '{info.filename}' reaches {total // MB} MB)")
        if info.file_size > lim["ratio_applies_above_kb"] * 1024:
            ratio = info.file_size / max(info.compress_size, 1)
            if ratio > lim["max_entry_ratio"]:
                raise TooLarge(path, f"entry '{info.filename}' declares it inflates {ratio:.0f}x "
                                     f"({info.compress_size} to {info.file_size} bytes), over the limit of "
                                     f"{lim['max_entry_ratio']}x: a zip bomb, or a damaged header")
    return package


def read_entry(path: str, package: zipfile.ZipFile, name: str) -> bytes:
    """One entry, never more than its declared size (a header that lies about it is corrupt)."""
    info = package.getinfo(name)
    with package.open(info) as handle:
        data = handle.read(info.file_size + 1)
    if len(data) > info.file_size:
        raise CorruptFile(path, f"entry '{name}' is longer than its header says")
    return data
