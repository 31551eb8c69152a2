"""Which files an ingest takes: every non-hidden file under the folders named, minus the ones
that are plainly not reports. Light on purpose: the CLI checks its arguments with it before the
store is imported."""
from __future__ import annotations

import os

from chamdiem.lexicon.catalogs import catalog


def is_not_a_report(path: str) -> bool:
    """Images, archives, desktop.ini and the like (catalogs/not_reports.toml): listed as skipped,
    never counted as failures."""
    rules = catalog("not_reports")
    name = os.path.basename(path).casefold()
    return name in rules["names"] or os.path.splitext(name)[1] in rules["suffixes"]


def find_files(paths: list[str]) -> list[str]:
    """Files named, and every non-hidden file under folders named, in a stable order."""
    out = []
    for p in paths:
        if os.path.isdir(p):
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                out += [os.path.join(root, f) for f in sorted(files) if not f.startswith((".", "~$"))]
        else:
            out.append(p)
    return out
