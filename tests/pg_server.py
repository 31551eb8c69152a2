"""A real PostgreSQL server for the tests: CHAMDIEM_TEST_PG_URL when set, else a throwaway cluster
started from the installed server binaries (initdb, pg_ctl) on a Unix socket in a temporary folder.
When none can be had the tests skip and say why."""
from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid

import pytest


def _binary(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    versions = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return versions[-1] if versions else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# a cluster thrown away after the tests need not survive a crash: no flushes to disk
THROWAWAY = "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"


class Server:
    def __init__(self):
        self.url = os.environ.get("CHAMDIEM_TEST_PG_URL")
        self.folder = None
        self.as_user: list[str] = []
        if self.url:
            return
        initdb, pg_ctl = _binary("initdb"), _binary("pg_ctl")
        if not initdb or not pg_ctl:
            raise RuntimeError("no PostgreSQL server binaries (initdb, pg_ctl); install Debian's postgresql")
        self.pg_ctl = pg_ctl
        self.folder = tempfile.mkdtemp(prefix="chamdiem-pg-", dir="/tmp")
        data = os.path.join(self.folder, "data")
        if os.geteuid() == 0:  # the server refuses to run as root
            runuser = shutil.which("runuser")
            if not runuser:
                raise RuntimeError("running as root and no runuser to start the server as 'postgres'")
            shutil.chown(self.folder, "postgres", "postgres")
            self.as_user = [runuser, "-u", "postgres", "--"]
        port = _free_port()
        self._run([initdb, "-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-locale"])
        self._run([pg_ctl, "-D", data, "-l", os.path.join(self.folder, "log"), "-w", "-t", "60",
                   "-o", f"-k {self.folder} -p {port} -c listen_addresses='' {THROWAWAY}", "start"])
        self.data = data
        self.url = f"postgresql+psycopg://postgres@/postgres?host={self.folder}&port={port}"

    def _run(self, cmd):
        res = subprocess.run(self.as_user + cmd, capture_output=True, text=True, timeout=120)
        if res.returncode != 0:
            raise RuntimeError(f"{os.path.basename(cmd[0])} failed: {res.stderr.strip() or res.stdout.strip()}")

    def new_database(self) -> str:
        """An empty database of its own for one test."""
        from sqlalchemy import create_engine, text
        name = "t_" + uuid.uuid4().hex[:12]
        engine = create_engine(self.url, isolation_level="AUTOCOMMIT")
        with engine.connect() as con:
            con.execute(text(f"CREATE DATABASE {name}"))
        engine.dispose()
        base, _, query = self.url.partition("?")
        return base.rsplit("/", 1)[0] + "/" + name + ("?" + query if query else "")

    def drop_database(self, url: str) -> None:
        """Drops a database new_database made (its connections closed), so that many of them do
        not make the server slow to stop."""
        from sqlalchemy import create_engine, text
        name = url.partition("?")[0].rsplit("/", 1)[1]
        engine = create_engine(self.url, isolation_level="AUTOCOMMIT")
        with engine.connect() as con:
            con.execute(text(f"DROP DATABASE {name}"))
        engine.dispose()

    def stop(self):
        if self.folder:
            subprocess.run(self.as_user + [self.pg_ctl, "-D", self.data, "-m", "immediate", "stop"],
                           capture_output=True, timeout=60)
            shutil.rmtree(self.folder, ignore_errors=True)


@pytest.fixture(scope="session")
def pg():
    try:
        server = Server()
    except (RuntimeError, OSError, subprocess.SubprocessError) as exc:
        pytest.skip(f"PostgreSQL tests skipped: no server could be started ({exc})")
    yield server
    server.stop()
