"""Starts Datasette on one chamdiem database: read-only, our metadata and plugin, on 127.0.0.1
unless told otherwise — and then only behind a password (datasette-auth-passwords)."""
from __future__ import annotations

import asyncio
import os
import sqlite3
import sys

import uvicorn
from datasette.app import Datasette
from datasette.plugins import pm

from chamdiem.interfaces.web import plugin
from chamdiem.interfaces.web.metadata import metadata

USER = "chamdiem"


def build(db: str, password: str | None = None) -> Datasette:
    """The Datasette app for ``db``. With a password, every page needs a login as ``chamdiem``."""
    if not pm.is_registered(plugin):
        pm.register(plugin, name="chamdiem")
    name = os.path.splitext(os.path.basename(db))[0]
    meta = metadata(name, _view_columns(db))
    if password:
        from datasette_auth_passwords.utils import hash_password
        meta["plugins"] = {"datasette-auth-passwords": {f"{USER}_password_hash": hash_password(password)}}
        meta["allow"] = {"id": USER}
    settings = {"sql_time_limit_ms": 5000, "facet_time_limit_ms": 1000, "truncate_cells_html": 300,
                "allow_download": False, "default_page_size": 100}
    # A mutable (not immutable) database: Datasette reads it with mode=ro and sees new ingests.
    return Datasette([os.path.abspath(db)], metadata=meta, settings=settings)


def _view_columns(db: str) -> dict[str, list[str]]:
    con = sqlite3.connect(f"file:{os.path.abspath(db)}?mode=ro", uri=True)
    try:
        views = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'view'")]
        return {v: [r[1] for r in con.execute(f'PRAGMA table_info("{v}")')] for v in views}
    finally:
        con.close()


def serve(db: str, host: str, port: int, password: str | None = None) -> int:
    ds = build(db, password)
    asyncio.run(ds.invoke_startup())
    login = f" (log in as '{USER}' with CHAMDIEM_PASSWORD)" if password else ""
    print(f"chamdiem: browse http://{host}:{port}/{login} · Ctrl+C stops", file=sys.stderr, flush=True)
    uvicorn.run(ds.app(), host=host, port=port, log_level="warning")
    return 0
