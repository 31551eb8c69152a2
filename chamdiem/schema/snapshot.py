"""What an ingest must know of a database before it reads a file: which files are unchanged since
they were loaded and which contents are already in. For a SQLite file at the current schema this is
read with the standard library's sqlite3, so that the workers start reading before the writer has
opened the database (and, for anything but a current SQLite file, imported SQLAlchemy to open it).
A file not made yet gives an empty snapshot; anything else (PostgreSQL, an older schema, a file
that is not chamdiem's) gives None, and the ingest asks the opened store instead."""
from __future__ import annotations

import os
import re
import sqlite3
from urllib.parse import quote
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

# The writer runs the same two queries on its own connection (Writer.file_states, Writer.known_shas).
FILE_STATES_SQL = ("SELECT f.path, f.size, f.mtime_ns, f.ctime_ns, f.inode, f.device, f.checked_ns, f.sha256 "
                   "FROM file_state f JOIN documents d ON d.sha256 = f.sha256")
KNOWN_SHAS_SQL = "SELECT sha256 FROM documents"

_REVISION = re.compile(r'^(down_revision|revision)\s*=\s*(None|"[^"]*"|\'[^\']*\')', re.M)


@dataclass(frozen=True)
class Snapshot:
    """file_states: path -> (size, mtime_ns, ctime_ns, inode, device, checked_ns, sha256) of each
    loaded file whose document is still in; known_shas: the hash of every document."""
    file_states: dict[str, tuple]
    known_shas: frozenset[str]


@lru_cache(maxsize=1)
def head_revision() -> str:
    """The newest migration, read from the revision lines of the migration files (once per
    process: they are part of the installed package): a database already at this revision needs
    neither Alembic nor an upgrade."""
    revs, downs = set(), set()
    for entry in resources.files("chamdiem.schema.migrations").joinpath("versions").iterdir():
        if not entry.name.endswith(".py") or entry.name.startswith("_"):
            continue
        found = dict((k, v.strip("\"'")) for k, v in _REVISION.findall(entry.read_text("utf-8")))
        if "revision" in found:
            revs.add(found["revision"])
            if found.get("down_revision") not in (None, "None"):
                downs.add(found["down_revision"])
    heads = revs - downs
    if len(heads) != 1:
        raise RuntimeError(f"the migrations have {len(heads)} heads: {sorted(heads)}")
    return heads.pop()


def storable(name: str) -> str:
    """A file name as text the database takes: bytes that are not UTF-8 (kept by the file system
    as surrogates) are written as \\xNN escapes instead of failing the batch."""
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def sqlite_file(db: str) -> str | None:
    """The file of a SQLite database named by a path or a plain sqlite:/// URL; None for anything
    else (a server, an in-memory or URI-parameter SQLite URL)."""
    if "://" not in db:
        return db
    if db.startswith("sqlite:///") and "?" not in db and len(db) > len("sqlite:///"):
        return db[len("sqlite:///"):]
    return None


def take_snapshot(db: str) -> Snapshot | None:
    """The snapshot of a SQLite file at the current schema, read only (an empty one when the file
    does not exist yet); None when it cannot be read this way (the store then opens it, and says
    what is wrong)."""
    path = sqlite_file(db)
    if path is not None and not os.path.exists(path):
        return Snapshot({}, frozenset())   # a new database: nothing in it yet
    con = connect_at_head(path, "ro") if path is not None else None
    if con is None:
        return None
    try:
        states = {r[0]: tuple(r[1:]) for r in con.execute(FILE_STATES_SQL)}
        return Snapshot(states, frozenset(r[0] for r in con.execute(KNOWN_SHAS_SQL)))
    except sqlite3.Error:
        return None
    finally:
        con.close()


def connect_at_head(path: str, mode: str) -> sqlite3.Connection | None:
    """A sqlite3 connection (``mode`` 'ro' or 'rw') to an existing file whose schema is the
    current one (alembic_version at head_revision); None for any other file."""
    if not os.path.isfile(path):
        return None
    try:
        con = sqlite3.connect(f"file:{quote(os.fsencode(os.path.abspath(path)))}?mode={mode}", uri=True, timeout=120)
    except sqlite3.Error:
        return None
    try:
        if [r[0] for r in con.execute("SELECT version_num FROM alembic_version")] == [head_revision()]:
            return con
    except sqlite3.Error:
        pass
    con.close()
    return None
