"""Validation of a framework TOML before it is used: the shape the loader needs, unique IDs that
nest under the framework's ID, children whose maxima add up to their parent's, and classification
thresholds from the highest class down. Each problem is one line a reviewer can act on."""
from __future__ import annotations

from chamdiem.normalizers.frameworks import parse_framework

EPS = 1e-6


def check_framework_text(text: str) -> tuple[list[str], dict]:
    """(errors, parsed TOML); no errors means the loader will accept it."""
    import tomllib   # here: the built-in frameworks come parsed (lexicon/catalogs.parsed_toml)
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return [f"not valid TOML: {exc}"], {}
    errors: list[str] = []
    fid = raw.get("id")
    if not isinstance(fid, str) or not fid.strip():
        return ["the framework has no `id` (a string)"], raw
    if "." in fid:
        errors.append(f"id '{fid}' contains '.', which separates the levels of item IDs")
    items = raw.get("items")
    if not isinstance(items, list) or not items:
        return errors + ["the framework has no [[items]]"], raw
    errors += _check_items(fid, items)
    errors += _check_levels(raw.get("levels", []))
    errors += _check_keywords(raw.get("keywords", []))
    if not errors:
        errors += _check_sums(raw)
    errors += _check_classification(raw.get("classification", {}), items, fid)
    return errors, raw


def _check_items(fid: str, items: list) -> list[str]:
    errors = []
    seen: set[str] = set()
    for k, entry in enumerate(items, start=1):
        if not isinstance(entry, dict):
            errors.append(f"item {k} is not a table")
            continue
        iid = entry.get("id")
        where = f"item {k} ({iid})" if iid else f"item {k}"
        if not isinstance(iid, str) or not iid:
            errors.append(f"{where} has no `id`")
            continue
        if iid in seen:
            errors.append(f"{where}: id '{iid}' is used twice")
        seen.add(iid)
        if iid != fid and not iid.startswith(fid + "."):
            errors.append(f"{where}: id must be '{fid}' or start with '{fid}.'")
        if not isinstance(entry.get("text"), str) or not entry["text"].strip():
            errors.append(f"{where} has no `text`")
        for key in ("max", "bonus_max"):
            value = entry.get(key)
            if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0):
                errors.append(f"{where}: `{key}` should be a number of at least 0, not {value!r}")
        if "number" in entry and not isinstance(entry["number"], str):
            errors.append(f"{where}: `number` should be a string such as \"1.2\", not {entry['number']!r}")
    if fid not in seen:
        errors.append(f"no item has the framework's own id '{fid}' (the root: the total)")
    return errors


def _check_levels(levels) -> list[str]:
    if not isinstance(levels, list):
        return ["[[levels]] should be a list of tables"]
    errors = []
    for k, level in enumerate(levels, start=1):
        markers = level.get("markers", []) if isinstance(level, dict) else None
        if not isinstance(markers, list) or not all(isinstance(m, str) for m in markers):
            errors.append(f"level {k}: `markers` should be a list of strings")
    return errors


def _check_keywords(keywords) -> list[str]:
    if not isinstance(keywords, list) or not all(isinstance(k, str) for k in keywords):
        return ["`keywords` should be a list of strings"]
    return []


def _check_sums(raw: dict) -> list[str]:
    """Children add up to their parent, for `max` and `bonus_max`, wherever all children state one."""
    try:
        framework = parse_framework(raw)
    except KeyError as exc:
        return [f"item {exc} is the parent of another item but is not defined"]
    errors = []
    for item in framework.items.values():
        if not item.children:
            continue
        kids = [framework.items[c] for c in item.children]
        for key, label in (("max", "max"), ("bonus_max", "bonus_max")):
            stated = getattr(item, key)
            vals = [getattr(k, key) for k in kids]
            if stated is None or any(v is None for v in vals):
                continue
            if abs(sum(vals) - stated) > EPS:
                errors.append(f"{item.id}: its {len(kids)} children's `{label}` add up to {sum(vals):g}, "
                              f"not its {label} {stated:g}")
    return errors


def _check_classification(scale, items: list, fid: str) -> list[str]:
    if not isinstance(scale, dict):
        return ["[classification] should be a table of class = lowest total"]
    errors = []
    values = []
    for code, low in scale.items():
        if isinstance(low, bool) or not isinstance(low, (int, float)):
            errors.append(f"classification '{code}' should be a number (the lowest total), not {low!r}")
            continue
        values.append((code, float(low)))
    for (earlier_code, earlier), (later_code, later) in zip(values, values[1:]):
        if not earlier > later:
            errors.append(f"classification thresholds are not ordered from the highest class down: "
                          f"'{earlier_code}' = {earlier:g} then '{later_code}' = {later:g}")
    root = next((it for it in items if isinstance(it, dict) and it.get("id") == fid), None)
    top = root.get("max") if root else None
    if isinstance(top, (int, float)) and not isinstance(top, bool):
        for code, threshold in values:
            if threshold > top + EPS:
                errors.append(f"classification '{code}' = {threshold:g} is above the framework's total max {top:g}")
    return errors
