"""Every example of catalogs/narrative.toml read by the narrative extractor: each phrasing of the
grammar is held to the values its examples say it gives, each value at the span of the number as
written in the example (a value relative to the item's maximum, `self_below`, at the span of the words
that state it: 'đạt tối đa', 'bị trừ 1 điểm')."""
import unicodedata

import pytest

from chamdiem.extractors.narrative.scores import extract_narrative, number_value
from chamdiem.lexicon.catalogs import catalog
from chamdiem.readers.text import parse_text

FIELDS = {"max_points": "max", "self_score": "self", "authority_score": "authority", "bonus_self": "bonus",
          "bonus_max": "bonus_max"}


def _examples():
    for group, entries in catalog("narrative").items():
        for k, entry in enumerate(entries):
            for j, example in enumerate(entry["examples"]):
                yield pytest.param(example, id=f"{group}[{k}].{j}: {example['text'][:60]}")


def read(text):
    """What the extractor reads in ``text``: one dict per item with values (its item as parsed, its
    parent first), and the text at each value's span."""
    model = parse_text(unicodedata.normalize("NFC", text))
    observations = extract_narrative(model.blocks, model.text)
    out, spans = [], []
    for k, o in enumerate(observations):
        if not (o.values or o.relative) or o.undecided:   # naming no item: the framework decides (test_readings)
            continue
        item = "total" if o.is_total else str(o.parsed_marker)
        if o.remaining is not None:   # 'các nội dung còn lại (của tiêu chí 4)'
            item = f"{o.parsed_marker} / rest of {o.remaining}" if o.parsed_marker else f"rest of {o.remaining}"
        before = observations[k - 1] if k else None
        if (before is not None and not (before.values or before.relative) and before.parsed_marker is not None
                and (before.start, before.end) == (o.start, o.end)):
            item = f"{before.parsed_marker} / {item}"
        out.append({"item": item} | {FIELDS[f]: v.value for f, v in o.values.items()}
                   | {f"{FIELDS[f]}_below": v.below_maximum for f, v in o.relative.items()})
        spans += [(model.text[v.start:v.end], v.raw, v.value) for v in o.values.values()]
        spans += [(model.text[v.start:v.end], v.raw, None) for v in o.relative.values()]
    return out, spans


@pytest.mark.parametrize("example", list(_examples()))
def test_catalog_example_reads_as_it_says(example):
    got, spans = read(example["text"])
    assert got == [dict(r) for r in example["reads"]]
    for written, raw, value in spans:   # (a value relative to the maximum keeps its words)
        assert written == raw and (value is None or number_value(raw) == value)


def test_every_phrasing_has_an_example():
    for group, entries in catalog("narrative").items():
        assert all(entry["examples"] for entry in entries), group


def test_a_misspelt_value_name_in_an_example_is_a_catalog_error():
    from chamdiem.lexicon.catalogs import SHAPES, check_shape
    from chamdiem.model.errors import CatalogError
    entry = {"examples": [{"text": "Tiêu chí 3 đạt 8 điểm.", "reads": [{"item": "tieu chi 3", "slef": 8}]}]}
    with pytest.raises(CatalogError, match="unknown key 'slef'"):
        check_shape({"units": [entry]}, {"units": SHAPES["narrative"]["units"]}, "narrative.toml", "narrative")
