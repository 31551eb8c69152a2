"""Files that could not be loaded (ingest_errors, shown by v_ingest_errors)."""
from __future__ import annotations

import os
from datetime import datetime, timezone

from chamdiem.store.schema.columns import row_type
from chamdiem.store.writing.contents import storable
from chamdiem.store.writing.dialect import Dialect


def record_failure(dialect: Dialect, cur, path: str, sha256: str | None, kind: str, message: str) -> None:
    """One row per file, content and kind: the same file failing the same way again changes
    nothing, nor does a concurrent ingest failing on it too (the check holds a lock on the three)."""
    dialect.lock(cur, [("failure", storable(path), kind, sha256)])
    same = "sha256 = ?" if sha256 else "sha256 IS NULL"
    cur.execute(dialect.sql(f"SELECT id FROM ingest_errors WHERE path = ? AND error_kind = ? AND {same}"),
                (storable(path), kind, *([sha256] if sha256 else [])))
    if cur.fetchone():
        return
    dialect.insert(cur, "ingest_errors", [row_type("ingest_errors")(
        file_name=storable(os.path.basename(path)), path=storable(path), sha256=sha256, error_kind=kind,
        message=storable(message), at=dialect.time(datetime.now(timezone.utc)))])
