"""A criterion named as a Vietnamese reader names it, by its framework's levels and numbers
("Tiêu chí 3 – Nội dung 2"), with its ID for the English side of a finding's message."""
from __future__ import annotations

import re

from chamdiem.lexicon.catalogs import catalog
from chamdiem.lexicon.findings import Both
from chamdiem.normalizers.frameworks import Framework

JOINER = " – "
ROMAN = re.compile(r"[IVXLC]+")


def criterion_name(fw: Framework, item_id: str) -> Both:
    """Vietnamese: each level from the top down as '<Level word> <number>'; the root is the total.
    English: the item's ID. An ID the framework does not hold is named by the ID in both."""
    item = fw.items.get(item_id)
    if item is None:
        return Both(item_id, item_id)
    names = catalog("finding_kinds")["names"]
    if item.parent is None:
        return Both(names["total"], item_id)
    parts = []
    while item is not None and item.parent is not None:
        level = fw.level_names[item.depth - 1] if item.depth <= len(fw.level_names) else ""
        word = level or names["level"]
        parts.append(f"{word[:1].upper()}{word[1:]} {_number(item)}")
        item = fw.items.get(item.parent)
    return Both(JOINER.join(reversed(parts)), item_id)


def _number(item) -> str:
    """The item's number as the report writes it: a provisional framework's ID keeps the sheet's
    roman numerals ('III') where the item's number is arabic."""
    segment = item.id.rsplit(".", 1)[-1]
    if ROMAN.fullmatch(segment) or not item.number:
        return segment
    return item.number
