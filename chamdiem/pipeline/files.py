"""Which files an ingest takes: every non-hidden file under the folders named, minus the ones
that are plainly not reports. Light on purpose: the CLI checks its arguments with it before the
store is imported."""
from __future__ import annotations

import os
from dataclasses import dataclass, field

from chamdiem.lexicon.catalogs import catalog


def is_not_a_report(path: str) -> bool:
    """Images, archives, desktop.ini and the like (catalogs/not_reports.toml): listed as skipped,
    never counted as failures."""
    rules = catalog("not_reports")
    name = os.path.basename(path).casefold()
    return name in rules["names"] or os.path.splitext(name)[1] in rules["suffixes"]


@dataclass
class Found:
    """What a search of the paths found: the files to read (a link to nothing among them: it fails
    as not found, and is recorded), the symbolic links not followed (to outside the folders given)
    and the links that lead back into a folder they are in (loops)."""
    files: list[str] = field(default_factory=list)
    links_skipped: list[str] = field(default_factory=list)
    link_loops: list[str] = field(default_factory=list)


def find_files(paths: list[str], follow_symlinks: bool = False) -> list[str]:
    """Files named, and every non-hidden file under folders named, in a stable order."""
    return search(paths, follow_symlinks).files


def search(paths: list[str], follow_symlinks: bool = False) -> Found:
    """The files named (a link named is followed: the user chose it) and every non-hidden file
    under the folders named. A symbolic link found inside is followed when it leads to a file in
    one of the folders named; a link to elsewhere, or to a folder, only with ``follow_symlinks``,
    and then a link to a folder it is already in counts as a loop and is not followed again."""
    found = Found()
    roots = [os.path.realpath(p) for p in paths if os.path.isdir(p)]
    walker = _Walker(found, roots, follow_symlinks)
    for path in paths:
        if os.path.isdir(path):
            walker.walk(path, frozenset([_identity(path)]))
        else:
            found.files.append(path)
    return found


def _identity(path: str) -> tuple[int, int]:
    info = os.stat(path)
    return info.st_dev, info.st_ino


class _Walker:
    def __init__(self, found: Found, roots: list[str], follow: bool):
        self.found, self.roots, self.follow = found, roots, follow
        self.seen: set[tuple[int, int]] = set()   # folders walked, through a link or not

    def _inside(self, target: str) -> bool:
        return any(target == r or target.startswith(r.rstrip(os.sep) + os.sep) for r in self.roots)

    def walk(self, folder: str, ancestors: frozenset) -> None:
        """As os.walk (top down, names sorted): a folder's files, then its sub-folders."""
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            return
        folders = []
        for entry in entries:
            is_dir = entry.is_dir()
            if entry.name.startswith("." if is_dir else (".", "~$")):
                continue
            if entry.is_symlink():
                sub = self._link(entry.path, is_dir, ancestors)
                if sub is not None:
                    folders.append(sub)
            elif is_dir:
                folders.append((entry.path, _identity(entry.path)))
            else:
                self.found.files.append(entry.path)
        for path, ident in folders:
            self.seen.add(ident)
            self.walk(path, ancestors | {ident})

    def _link(self, path: str, is_dir: bool, ancestors: frozenset):
        """A link's file taken, or its folder to walk, or neither (counted)."""
        target = os.path.realpath(path)
        if not os.path.exists(target):   # to nothing: taken, so its failure is recorded with the others
            self.found.files.append(path)
        elif not is_dir:
            if self.follow or self._inside(target):
                self.found.files.append(path)
            else:
                self.found.links_skipped.append(path)
        elif not self.follow:
            if not self._inside(target):   # inside, its files are taken through their own path
                self.found.links_skipped.append(path)
        else:
            ident = _identity(target)
            if ident in ancestors:
                self.found.link_loops.append(path)
            elif ident not in self.seen:
                return path, ident
        return None
