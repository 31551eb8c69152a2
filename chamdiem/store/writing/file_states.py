"""What an ingest saw of each file it loaded (file_state), and the hashes already loaded: an
ingest skips files unchanged since without reading them."""
from __future__ import annotations

from operator import itemgetter

from chamdiem.store.schema.columns import written
from chamdiem.store.writing.dialect import Dialect


def loaded_shas(dialect: Dialect, con) -> set[str]:
    return {r[0] for r in dialect.read(con, "SELECT sha256 FROM documents")}


def file_states(dialect: Dialect, con) -> dict[str, tuple]:
    """path -> (size, mtime_ns, ctime_ns, inode, device, checked_ns, sha256), for files whose
    document is still in the database."""
    return {r[0]: tuple(r[1:]) for r in dialect.read(
        con, "SELECT f.path, f.size, f.mtime_ns, f.ctime_ns, f.inode, f.device, f.checked_ns, f.sha256 "
             "FROM file_state f JOIN documents d ON d.sha256 = f.sha256")}


def remember_files(dialect: Dialect, cur, rows: list[dict]) -> None:
    """Records (or replaces) what was seen of each file, in path order: two ingests of overlapping
    folders then take the rows' locks in one order and neither fails on the other's row."""
    pick = itemgetter(*written("file_state"))
    latest = {row["path"]: pick(row) for row in rows}
    dialect.insert(cur, "file_state", [latest[p] for p in sorted(latest)], update_key="path")
