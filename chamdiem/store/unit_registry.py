"""The units registry in the database, written through a Writer's connection: which unit a report
belongs to (by its issuer's key), new units and the doubtful pairs they make, and the user's merges,
renames and separations (`chamdiem units`). SQL in the dialect SQLite and PostgreSQL share.

A name is an alias of a unit when its key is one of the unit's alias keys; a new key only alike an
existing one makes a new unit and a doubtful pair, which stays a pair until the user merges the two
or keeps them apart.
"""
from __future__ import annotations

from chamdiem.normalizers.sheet_framework import is_provisional
from chamdiem.normalizers.units import AlikeIndex, clean_name, unit_key, unit_level
from chamdiem.store.renditions import Form, describe, number_key, read_rank, same_report_strictly
from chamdiem.store.writing import registry as counts
from chamdiem.store.writing.versions import stored_versions


def unit_for(writer, cur, issuer: str | None, names: tuple | None = None) -> int | None:
    """The unit of a report whose issuer reads ``issuer``, registering the name when it is new.
    ``names``: (unit_key, clean_name) of it, when they were worked out already (writing/rows.py)."""
    key, name = names if names is not None else (unit_key(issuer), None)
    if key is None:
        return None
    name = name if names is not None else clean_name(issuer)
    cur.execute(writer.sql("SELECT a.unit_id, u.name, u.named_by FROM unit_aliases a JOIN units u ON u.id = a.unit_id "
                           "WHERE a.alias_key = ?"), (key,))
    row = cur.fetchone()
    if row is not None:
        unit_id, known, named_by = row
        if named_by == "report" and known == known.upper() and name != name.upper():
            # first read in a header's capitals ('UBND XÃ TỊNH KỲ'): a sentence's spelling is better
            cur.execute(writer.sql("UPDATE units SET name = ? WHERE id = ?"), (name, unit_id))
        return unit_id
    # a new name: registering it (and the doubtful pairs it makes with every name known) is
    # serialised between concurrent writers, after their version locks, so none misses another's
    writer.dialect.lock(cur, [("unit registry",)])
    cur.execute(writer.sql("SELECT unit_id FROM unit_aliases WHERE alias_key = ?"), (key,))
    row = cur.fetchone()
    if row is not None:   # registered by another ingest while this one waited
        return row[0]
    known = _alike_index(writer, cur)   # every name each unit was read under
    cur.execute(writer.sql("INSERT INTO units (name, unit_key, level, named_by) VALUES (?, ?, ?, ?) "
                           "ON CONFLICT (unit_key) DO NOTHING RETURNING id"), (name, key, unit_level(key), "report"))
    row = cur.fetchone()
    if row is None:   # another ingest registered it meanwhile (PostgreSQL: transactions interleave)
        cur.execute(writer.sql("SELECT id FROM units WHERE unit_key = ?"), (key,))
        return cur.fetchone()[0]
    unit_id = row[0]
    cur.execute(writer.sql("INSERT INTO unit_aliases (alias_key, unit_id, alias) VALUES (?, ?, ?) "
                           "ON CONFLICT (alias_key) DO NOTHING"), (key, unit_id, name))
    writer.alike_index.pending.append(key)
    doubts = known.alike(key)
    if doubts:
        cur.executemany(writer.sql("INSERT INTO unit_doubts (unit_id, other_unit_id, similarity, status) "
                                   "VALUES (?, ?, ?, 'open')"), [(unit_id, o, a) for o, a in sorted(doubts.items())])
    return unit_id


class _KnownNames:
    """A writer's index of the names known (normalizers/units.AlikeIndex), what it holds (``seen``:
    alias key -> unit), the SQLite data_version it was read at, the names this writer registered
    since (``pending``: their transaction may yet have been rolled back) and whether this writer
    changed a name otherwise since (a merge, an alias added: ``stale``)."""

    def __init__(self):
        self.index = AlikeIndex()
        self.seen: dict[str, int] = {}
        self.version = None
        self.pending: list[str] = []
        self.stale = False


def _data_version(writer, cur):
    """SQLite's count of commits by other connections (None elsewhere): unchanged, none of them
    changed a name."""
    if writer.dialect.name != "sqlite":
        return None
    cur.execute("PRAGMA data_version")
    return cur.fetchone()[0]


def _alike_index(writer, cur) -> AlikeIndex:
    """The names known, indexed, kept by the writer between reports. When no other connection
    committed since it was read (SQLite's data_version) and this writer changed no name but by
    registering new ones, only those are looked up (each new unit reading every name made the
    registry's cost grow with the square of its size); else every name is read: the index grows
    by the names added since (by this ingest or another), and any other change (a merge, a rename
    by `chamdiem units`) builds it again."""
    known = getattr(writer, "alike_index", None) or _KnownNames()
    writer.alike_index = known
    version = _data_version(writer, cur)   # before the names are read: a commit after it reads them again
    if version is not None and version == known.version and not known.stale:
        pending, known.pending = sorted(set(known.pending)), []
        if pending:
            cur.execute(writer.sql(f"SELECT alias_key, unit_id FROM unit_aliases WHERE alias_key IN "
                                   f"({', '.join('?' * len(pending))}) ORDER BY alias_key"), pending)
            for alias_key, unit_id in cur.fetchall():
                known.index.add(alias_key, unit_id)
                known.seen[alias_key] = unit_id
        return known.index
    cur.execute(writer.sql("SELECT alias_key, unit_id FROM unit_aliases ORDER BY alias_key"))
    now = dict(cur.fetchall())
    if known.stale or not known.seen.items() <= now.items():   # a name gone or moved to another unit
        known.index, known.seen = AlikeIndex(), {}
    for alias_key in sorted(now.keys() - known.seen.keys()):
        known.index.add(alias_key, now[alias_key])
    known.seen, known.version, known.pending, known.stale = now, version, [], False
    return known.index


def _names_changed(writer) -> None:
    """This writer changed names otherwise than by registering a new one: its index is read again."""
    if getattr(writer, "alike_index", None) is not None:
        writer.alike_index.stale = True


def unit_of_same_report(writer, cur, doc, form: Form) -> int | None:
    """A report whose unit's name was not read (lost in the page's layout) belongs to the unit of
    a current report of its framework and year in another form with the same "Số:" and the same
    scores: it is a rendition of that report."""
    meta = doc.metadata
    if not (meta.report_number and doc.framework and meta.assessment_year) or is_provisional(doc.framework):
        return None
    number = number_key(meta.report_number)
    if number is None:
        return None
    # only a version in another form with the same "Số:" may be one (same_report_strictly): the
    # others' scores are not read (each report reading every current one grew with the square)
    cur.execute(writer.sql("SELECT id, unit_id, format, ocr, report_number FROM documents WHERE is_current = ? "
                           "AND framework = ? AND assessment_year = ? AND unit_id IS NOT NULL"),
                (True, doc.framework, meta.assessment_year))
    unit_of = {doc_id: unit_id for doc_id, unit_id, fmt, ocr, other in cur.fetchall()
               if (fmt, bool(ocr)) != (form.format, bool(form.ocr)) and number_key(other) == number}
    if not unit_of:
        return None
    units = {unit_of[version.id] for version in stored_versions(writer.dialect, cur, sorted(unit_of))
             if same_report_strictly(form, version.form)}
    return units.pop() if len(units) == 1 else None


def assign_missing(writer) -> int:
    """Gives a unit to every document with an issuer and none yet (loaded before the registry);
    returns how many."""
    rows = [(doc_id, issuer) for doc_id, issuer in writer.read(
        "SELECT id, issuer FROM documents WHERE unit_id IS NULL AND issuer IS NOT NULL ORDER BY id")
        if unit_key(issuer) is not None]   # (an issuer that is only a piece of the motto names no unit)
    if not rows:
        return 0
    with writer.transaction() as cur:
        for doc_id, issuer in rows:
            cur.execute(writer.sql("UPDATE documents SET unit_id = ? WHERE id = ?"),
                        (unit_for(writer, cur, issuer), doc_id))
    return len(rows)


def merge(writer, cur, source: int, target: int) -> None:
    """``source`` becomes part of ``target``: its aliases and documents move, its doubts go."""
    if source == target:
        return
    _names_changed(writer)
    cur.execute(writer.sql("UPDATE unit_aliases SET unit_id = ? WHERE unit_id = ?"), (target, source))
    cur.execute(writer.sql("UPDATE documents SET unit_id = ? WHERE unit_id = ?"), (target, source))
    cur.execute(writer.sql("UPDATE units SET parent_id = ? WHERE parent_id = ?"), (target, source))
    cur.execute(writer.sql("DELETE FROM unit_doubts WHERE unit_id = ? OR other_unit_id = ?"), (source, source))
    cur.execute(writer.sql("DELETE FROM units WHERE id = ?"), (source,))


def add_alias(writer, cur, unit_id: int, alias: str) -> None:
    """The name ``alias`` (as written) is ``unit_id``'s: a unit already holding that key joins it."""
    key = unit_key(alias)
    if key is None:
        return
    cur.execute(writer.sql("SELECT unit_id FROM unit_aliases WHERE alias_key = ?"), (key,))
    row = cur.fetchone()
    if row is None:
        _names_changed(writer)
        cur.execute(writer.sql("INSERT INTO unit_aliases (alias_key, unit_id, alias) VALUES (?, ?, ?)"),
                    (key, unit_id, clean_name(alias)))
    elif row[0] != unit_id:
        merge(writer, cur, row[0], unit_id)


def keep_apart(writer, cur, unit_id: int, other: int) -> None:
    cur.execute(writer.sql("UPDATE unit_doubts SET status = 'separate' WHERE (unit_id = ? AND other_unit_id = ?) "
                           "OR (unit_id = ? AND other_unit_id = ?)"), (unit_id, other, other, unit_id))


def settle(writer, cur, unit_id: int) -> list[int]:
    """After a merge, one unit may hold two current reports of one framework and year (each was
    current under its own name): the best read stays current (renditions.read_rank), the others
    become its non-current versions. Returns the documents that stopped being current."""
    cur.execute(writer.sql("SELECT id, file_name, format, ocr, report_number, items_read, framework, assessment_year "
                           "FROM documents WHERE unit_id = ? AND is_current = ? AND framework IS NOT NULL "
                           "AND assessment_year IS NOT NULL ORDER BY id"), (unit_id, True))
    groups: dict[tuple, list[Form]] = {}
    for doc_id, file_name, fmt, ocr, number, items, framework, year in cur.fetchall():
        if not is_provisional(framework):
            groups.setdefault((framework, year), []).append(
                Form(doc_id, file_name, fmt, bool(ocr), number, items or 0, {}))
    dropped = []
    for forms in groups.values():
        if len(forms) < 2:
            continue
        best = max(forms, key=read_rank)
        for form in forms:
            if form is best:
                continue
            cur.execute(writer.sql("UPDATE documents SET is_current = ?, superseded_by = ?, version_reason = ?, "
                                   "version_kind = ? WHERE id = ?"),
                        (False, best.document_id, f"superseded by {describe(best)} when their units were merged: "
                                                  "it is better read", "merged", form.document_id))
            dropped.append(form.document_id)
    if dropped:
        counts.apply_counts(writer.dialect, cur, counts.uncounted(writer.dialect, cur, dropped))
    return dropped
