"""`chamdiem units`: the units registry as the user sees and corrects it — the units, the doubtful
pairs, merges, renames and separations — and the TOML file that keeps those decisions, which the
user may edit and apply again (to this database or a new one)."""
from __future__ import annotations

import json
import os
import tomllib

from chamdiem.model.errors import DatabaseError
from chamdiem.normalizers.units import unit_key
from chamdiem.store import unit_registry as registry


class UnitsError(Exception):
    """A unit that cannot be found, or an aliases file that cannot be used; the message says which."""


def default_aliases_file(db: str) -> str:
    """Beside a SQLite file (quarter.sqlite -> quarter.units.toml); units.toml for a server."""
    if "://" in db and not db.startswith("sqlite:///"):
        return "units.toml"
    path = db.removeprefix("sqlite:///")
    return os.path.splitext(path)[0] + ".units.toml"


def _store(db: str):
    from chamdiem.store.database import Store, open_existing
    open_existing(db)   # a missing database is an error, never created here
    return Store(db)


def list_units(db: str) -> list[str]:
    store = _store(db)
    try:
        registry_writer = store.writer
        units = registry_writer.read("SELECT unit_id, name, level, parent_name, reports, aliases, doubtful_pairs FROM v_units "
                        "ORDER BY name, unit_id")
        names: dict[int, list[str]] = {}
        for unit_id, alias in registry_writer.read("SELECT unit_id, alias FROM v_unit_aliases ORDER BY alias"):
            names.setdefault(unit_id, []).append(alias)
    finally:
        store.close()
    out = []
    for unit_id, name, level, parent, reports, _, doubts in units:
        others = [a for a in names.get(unit_id, []) if a != name]
        out.append(f"{unit_id}\t{name}\t{level or '?'}\t{reports} report(s)"
                   + (f"\tparent: {parent}" if parent else "")
                   + (f"\talso read as: {'; '.join(others)}" if others else "")
                   + (f"\t{doubts} doubtful pair(s)" if doubts else ""))
    return out


def doubtful_pairs(db: str) -> list[str]:
    store = _store(db)
    try:
        rows = store.writer.read("SELECT unit_id, name, other_unit_id, other_name, similarity FROM v_unit_doubts "
                                  "WHERE status = 'open' ORDER BY similarity DESC, unit_id")
    finally:
        store.close()
    return [f"{a}\t{an}\t~ {b}\t{bn}\t(similarity {s:.2f}): `chamdiem units merge {a} {b}` or "
            f"`chamdiem units keep-apart {a} {b}`" for a, an, b, bn, s in rows]


def _unit_id(registry_writer, cur, ref: str) -> int:
    """A unit by its id or by any name it was read under."""
    if ref.isdigit():
        cur.execute(registry_writer.sql("SELECT id FROM units WHERE id = ?"), (int(ref),))
    else:
        cur.execute(registry_writer.sql("SELECT unit_id FROM unit_aliases WHERE alias_key = ?"), (unit_key(ref) or "",))
    row = cur.fetchone()
    if row is None:
        raise UnitsError(f"no unit {ref!r} (see `chamdiem units`)")
    return row[0]


def edit(db: str, action: str, refs: list[str], name: str | None = None, level: str | None = None,
         parent: str | None = None, aliases_file: str | None = None) -> str:
    """merge (refs[0] into refs[1]), rename (refs[0]; name, level, parent), keep-apart (two refs).
    The decision is written to the aliases file, which `apply` reads back."""
    store = _store(db)
    try:
        registry_writer = store.writer
        with registry_writer.transaction() as cur:
            ids = [_unit_id(registry_writer, cur, r) for r in refs]
            if action == "merge":
                registry.merge(registry_writer, cur, ids[0], ids[1])
                dropped = registry.settle(registry_writer, cur, ids[1])
                said = f"merged unit {ids[0]} into {ids[1]}" + (
                    f"; documents {', '.join(map(str, dropped))} are now non-current versions" if dropped else "")
            elif action == "keep-apart":
                registry.keep_apart(registry_writer, cur, ids[0], ids[1])
                said = f"units {ids[0]} and {ids[1]} are kept apart"
            else:
                _rename(registry_writer, cur, ids[0], name, level, parent)
                said = f"unit {ids[0]} updated"
        path = aliases_file or default_aliases_file(db)
        _write_file(registry_writer, path)
    finally:
        store.close()
    return f"{said}; wrote {path}"


def _rename(registry_writer, cur, unit_id: int, name: str | None, level: str | None, parent: str | None) -> None:
    if name:
        cur.execute(registry_writer.sql("UPDATE units SET name = ?, named_by = 'user' WHERE id = ?"), (name, unit_id))
        registry.add_alias(registry_writer, cur, unit_id, name)
    if level:
        cur.execute(registry_writer.sql("UPDATE units SET level = ? WHERE id = ?"), (level, unit_id))
    if parent:   # a parent that sent no report (the province) is registered by its name
        parent_id = _unit_id(registry_writer, cur, parent) if parent.isdigit() else _ensure_unit(registry_writer, cur, parent)
        cur.execute(registry_writer.sql("UPDATE units SET parent_id = ? WHERE id = ?"), (parent_id, unit_id))


def apply_file(db: str, path: str) -> str:
    """Applies an aliases file: each [[unit]] gathers the units read under its name and aliases
    into one, named as the file says, with its level, parent, and the units kept apart from it."""
    entries = _read_file(path)
    store = _store(db)
    try:
        registry_writer = store.writer
        with registry_writer.transaction() as cur:
            ids = [_apply_entry(registry_writer, cur, entry) for entry in entries]
            for unit_id, entry in zip(ids, entries):
                if entry.get("parent"):
                    cur.execute(registry_writer.sql("UPDATE units SET parent_id = ? WHERE id = ?"),
                                (_ensure_unit(registry_writer, cur, entry["parent"]), unit_id))
                for other in entry.get("separate", []):
                    registry.keep_apart(registry_writer, cur, unit_id, _ensure_unit(registry_writer, cur, other))
            dropped = [d for unit_id in set(ids) for d in registry.settle(registry_writer, cur, unit_id)]
    finally:
        store.close()
    return f"applied {path}: {len(entries)} unit(s)" + (
        f"; documents {', '.join(map(str, dropped))} are now non-current versions" if dropped else "")


def _ensure_unit(registry_writer, cur, name: str) -> int:
    """The unit read under ``name``, registered when no report named it yet."""
    unit_id = registry.unit_for(registry_writer, cur, name)
    if unit_id is None:
        raise UnitsError(f"{name!r} is not a unit's name")
    return unit_id


def _apply_entry(registry_writer, cur, entry: dict) -> int:
    unit_id = _ensure_unit(registry_writer, cur, entry["name"])
    for alias in entry.get("aliases", []):
        registry.add_alias(registry_writer, cur, unit_id, alias)
    cur.execute(registry_writer.sql("UPDATE units SET name = ?, named_by = 'user' WHERE id = ?"), (entry["name"], unit_id))
    if entry.get("level"):
        cur.execute(registry_writer.sql("UPDATE units SET level = ? WHERE id = ?"), (entry["level"], unit_id))
    return unit_id


def _read_file(path: str) -> list[dict]:
    try:
        with open(path, "rb") as handle:
            raw = tomllib.load(handle)
    except OSError as exc:
        raise UnitsError(f"{path}: cannot be read: {exc.strerror}") from None
    except tomllib.TOMLDecodeError as exc:
        raise UnitsError(f"{path}: not valid TOML: {exc}") from None
    entries = raw.get("unit", [])
    for k, entry in enumerate(entries):
        if not isinstance(entry.get("name"), str) or not entry["name"].strip():
            raise UnitsError(f"{path}: unit {k + 1} has no name")
        for field in ("aliases", "separate"):
            if not all(isinstance(a, str) for a in entry.get(field, [])):
                raise UnitsError(f"{path}: unit {entry['name']!r}: {field} should be a list of names")
    return entries


def _toml_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)   # a JSON string is a TOML basic string


def _write_file(registry_writer, path: str) -> None:
    """Every unit with its aliases, level, parent and the units kept apart from it; written to a
    temporary file and renamed, so an interrupted write leaves the previous file."""
    units = registry_writer.read("SELECT unit_id, name, level, parent_name FROM v_units ORDER BY name, unit_id")
    aliases: dict[int, list[str]] = {}
    for unit_id, alias in registry_writer.read("SELECT unit_id, alias FROM v_unit_aliases ORDER BY alias"):
        aliases.setdefault(unit_id, []).append(alias)
    apart: dict[int, list[str]] = {}
    for unit_id, other in registry_writer.read("SELECT unit_id, other_name FROM v_unit_doubts WHERE status = 'separate'"):
        apart.setdefault(unit_id, []).append(other)
    lines = ["# The units of this database, as `chamdiem units` keeps them. Edit freely (a name under",
             "# aliases is the same unit; separate names units that only look alike), then apply it:",
             "#   chamdiem units apply THIS_FILE --db DB", ""]
    for unit_id, name, level, parent in units:
        lines += ["[[unit]]", f"name = {_toml_string(name)}"]
        if level:
            lines.append(f"level = {_toml_string(level)}")
        if parent:
            lines.append(f"parent = {_toml_string(parent)}")
        others = [a for a in aliases.get(unit_id, []) if a != name]
        lines.append(f"aliases = [{', '.join(map(_toml_string, others))}]")
        if apart.get(unit_id):
            lines.append(f"separate = [{', '.join(map(_toml_string, apart[unit_id]))}]")
        lines.append("")
    temp = f"{path}.tmp-{os.getpid()}"
    try:
        with open(temp, "w", encoding="utf-8") as out:
            out.write("\n".join(lines))
        os.replace(temp, path)
    except OSError as exc:
        if os.path.exists(temp):
            os.remove(temp)
        raise DatabaseError(path, f"cannot be written: {exc.strerror}") from None
