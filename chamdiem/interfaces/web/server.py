"""Starts Datasette on one chamdiem database: read-only, our metadata and plugin, on 127.0.0.1
unless told otherwise — and then only behind a password (web/access.py: the login, its throttle,
and the Host check that every request passes). Arbitrary SQL (`?sql=`) only with --allow-sql."""
from __future__ import annotations

import asyncio
import os
import sqlite3
import sys
from dataclasses import dataclass

import uvicorn
from datasette.app import Datasette
from datasette.plugins import pm

from chamdiem.interfaces.web import plugin
from chamdiem.interfaces.web.access import USER, Access
from chamdiem.interfaces.web.metadata import metadata

SQL_TIME_LIMIT_MS = 5000


@dataclass(frozen=True)
class Options:
    """How `chamdiem serve` was asked to run: where, with which password, SQL and TLS."""
    host: str = "127.0.0.1"
    port: int = 8001
    password: str | None = None
    allow_sql: bool = False
    allow_hosts: tuple[str, ...] = ()
    cert: str | None = None
    key: str | None = None


def build(db: str, password: str | None = None, options: Options | None = None) -> Datasette:
    """The Datasette app for ``db``. With a password, every page needs a login as ``chamdiem``."""
    options = options or Options(password=password)
    if not pm.is_registered(plugin):
        pm.register(plugin, name="chamdiem")
    if pm.has_plugin("auth_passwords"):   # its /-/login verifies on the event loop, unthrottled: ours replaces it
        pm.unregister(name="auth_passwords")
    _quiet_expected_errors()
    name = os.path.splitext(os.path.basename(db))[0]
    meta = metadata(name, _view_columns(db), allow_sql=options.allow_sql)
    for table in _base_tables(db):   # all of them, the ones a later chamdiem adds included
        meta["databases"][name]["tables"][table] = {"hidden": True, "allow": False}
    if options.password:
        meta["allow"] = {"id": USER}
    settings = {"sql_time_limit_ms": SQL_TIME_LIMIT_MS, "facet_time_limit_ms": 1000, "truncate_cells_html": 300,
                "allow_download": False, "default_page_size": 100, "default_allow_sql": options.allow_sql}
    # A mutable (not immutable) database: Datasette reads it with mode=ro and sees new ingests.
    app = Datasette([os.path.abspath(db)], metadata=meta, settings=settings)
    app.chamdiem_access = Access(options.host, options.password, options.allow_hosts, secure=bool(options.cert))
    return app


def _quiet_expected_errors() -> None:
    """Datasette prints a traceback with every local variable (about 100 kB, the SQL and paths
    included) for each error it answers when rich is installed (chamdiem's progress bar needs it):
    every refused page, every query stopped by the time limit. Without rich it prints only the
    tracebacks of real failures (status 500). Datasette offers no setting for it."""
    from datasette import handle_exception
    handle_exception.rich = None


def _view_columns(db: str) -> dict[str, list[str]]:
    con = sqlite3.connect(f"file:{os.path.abspath(db)}?mode=ro", uri=True)
    try:
        views = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'view'")]
        return {v: [r[1] for r in con.execute(f'PRAGMA table_info("{v}")')] for v in views}
    finally:
        con.close()


def _base_tables(db: str) -> list[str]:
    """The database's tables: people browse the views; the tables' pages are refused."""
    con = sqlite3.connect(f"file:{os.path.abspath(db)}?mode=ro", uri=True)
    try:
        return [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    finally:
        con.close()


def serve(db: str, options: Options) -> int:
    app = build(db, options=options)
    asyncio.run(app.invoke_startup())
    login = f" (log in as '{USER}' with CHAMDIEM_PASSWORD)" if options.password else ""
    scheme = "https" if options.cert else "http"
    shown_host = f"[{options.host}]" if ":" in options.host else options.host
    print(f"chamdiem: browse {scheme}://{shown_host}:{options.port}/{login} · Ctrl+C stops", file=sys.stderr,
          flush=True)
    uvicorn.run(app.app(), host=options.host, port=options.port, log_level="warning",
                ssl_certfile=options.cert, ssl_keyfile=options.key)
    return 0
