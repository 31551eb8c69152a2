"""The analyst views (views.sql) as statements, and the digest the store keeps of them: a
database whose digest matches has the views of this version of chamdiem."""
from __future__ import annotations

import hashlib
from importlib import resources


def view_statements() -> list[str]:
    sql = resources.files("chamdiem.store.schema").joinpath("views.sql").read_text("utf-8")
    body = "\n".join(l for l in sql.splitlines() if not l.lstrip().startswith("--"))
    return [s.strip() for s in body.split("\n;") if s.strip()]


def view_name(stmt: str) -> str:
    return stmt.split()[2]


def views_signature() -> str:
    return hashlib.sha1("\n".join(view_statements()).encode()).hexdigest()
