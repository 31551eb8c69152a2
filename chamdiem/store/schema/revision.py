"""The schema revision a database must have, and how to reach a SQLite file at it with the
standard library alone: the writer (chamdiem/store/writer.py) writes such a file without SQLAlchemy."""
from __future__ import annotations

import os
import re
import sqlite3
from functools import lru_cache
from importlib import resources
from urllib.parse import quote

_REVISION = re.compile(r'^(down_revision|revision)\s*=\s*(None|"[^"]*"|\'[^\']*\')', re.M)


@lru_cache(maxsize=1)
def head_revision() -> str:
    """The newest migration, read from the revision lines of the migration files (once per
    process: they are part of the installed package): a database already at this revision needs
    neither Alembic nor an upgrade."""
    revs, downs = set(), set()
    for entry in resources.files("chamdiem.store.schema.migrations").joinpath("versions").iterdir():
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


def sqlite_file(db: str) -> str | None:
    """The file of a SQLite database named by a path or a plain sqlite:/// URL; None for anything
    else (a server, an in-memory or URI-parameter SQLite URL)."""
    if "://" not in db:
        return db
    if db.startswith("sqlite:///") and "?" not in db and len(db) > len("sqlite:///"):
        return db[len("sqlite:///"):]
    return None


def connect_at_head(path: str) -> sqlite3.Connection | None:
    """A sqlite3 connection to an existing file whose schema is the current one (alembic_version
    at head_revision); None for any other file (the store creates, upgrades or refuses it)."""
    if not os.path.isfile(path):
        return None
    try:
        con = sqlite3.connect(f"file:{quote(os.fsencode(os.path.abspath(path)))}?mode=rw", uri=True, timeout=120)
    except sqlite3.Error:
        return None
    try:
        if [r[0] for r in con.execute("SELECT version_num FROM alembic_version")] == [head_revision()]:
            return con
    except sqlite3.Error:
        pass
    con.close()
    return None
