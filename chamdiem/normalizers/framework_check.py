"""Validation of a framework TOML before it is used: the shape the loader needs, unique IDs that
nest under the framework's ID, children whose maxima add up to their parent's, and classification
thresholds from the highest class down. Each problem is one line a reviewer can act on."""
from __future__ import annotations

import tomllib

from chamdiem.normalizers.frameworks import parse_framework

EPS = 1e-6


def check_framework_text(text: str) -> tuple[list[str], dict]:
    """(errors, parsed TOML); no errors means the loader will accept it."""
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
    for k, it in enumerate(items, start=1):
        if not isinstance(it, dict):
            errors.append(f"item {k} is not a table")
            continue
        iid = it.get("id")
        where = f"item {k} ({iid})" if iid else f"item {k}"
        if not isinstance(iid, str) or not iid:
            errors.append(f"{where} has no `id`")
            continue
        if iid in seen:
            errors.append(f"{where}: id '{iid}' is used twice")
        seen.add(iid)
        if iid != fid and not iid.startswith(fid + "."):
            errors.append(f"{where}: id must be '{fid}' or start with '{fid}.'")
        if not isinstance(it.get("text"), str) or not it["text"].strip():
            errors.append(f"{where} has no `text`")
        for key in ("max", "bonus_max"):
            v = it.get(key)
            if v is not None and (isinstance(v, bool) or not isinstance(v, (int, float)) or v < 0):
                errors.append(f"{where}: `{key}` should be a number of at least 0, not {v!r}")
        if "number" in it and not isinstance(it["number"], str):
            errors.append(f"{where}: `number` should be a string such as \"1.2\", not {it['number']!r}")
    if fid not in seen:
        errors.append(f"no item has the framework's own id '{fid}' (the root: the total)")
    return errors


def _check_levels(levels) -> list[str]:
    if not isinstance(levels, list):
        return ["[[levels]] should be a list of tables"]
    errors = []
    for k, lv in enumerate(levels, start=1):
        markers = lv.get("markers", []) if isinstance(lv, dict) else None
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
        fw = parse_framework(raw)
    except KeyError as exc:
        return [f"item {exc} is the parent of another item but is not defined"]
    errors = []
    for it in fw.items.values():
        if not it.children:
            continue
        kids = [fw.items[c] for c in it.children]
        for key, label in (("max", "max"), ("bonus_max", "bonus_max")):
            stated = getattr(it, key)
            vals = [getattr(k, key) for k in kids]
            if stated is None or any(v is None for v in vals):
                continue
            if abs(sum(vals) - stated) > EPS:
                errors.append(f"{it.id}: its {len(kids)} children's `{label}` add up to {sum(vals):g}, "
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
    for (a, va), (b, vb) in zip(values, values[1:]):
        if not va > vb:
            errors.append(f"classification thresholds are not ordered from the highest class down: "
                          f"'{a}' = {va:g} then '{b}' = {vb:g}")
    root = next((it for it in items if isinstance(it, dict) and it.get("id") == fid), None)
    top = root.get("max") if root else None
    if isinstance(top, (int, float)) and not isinstance(top, bool):
        for code, v in values:
            if v > top + EPS:
                errors.append(f"classification '{code}' = {v:g} is above the framework's total max {top:g}")
    return errors
