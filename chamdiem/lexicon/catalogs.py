"""Loads the catalog TOML files in ``chamdiem/catalogs/`` (the project's knowledge as data) and
checks each against the shape the code expects, so a typo in a data file is a clear error at load,
not a wrong reading later."""
from __future__ import annotations

import hashlib
import marshal
import sys
from functools import lru_cache
from importlib import resources

from chamdiem.lexicon.kept import Kept
from chamdiem.model.errors import CatalogError

# The shape of each catalog: a key maps to a type, to [type] (a list of it), or to a nested shape;
# a list holding one dict is a list of tables. Keys starting with '?' are optional.
STR, NUM = str, (int, float)
# a phrasing of catalogs/narrative.toml: its phrases, and examples of what a text written so reads
# (only these keys: a misspelt value name must not pass as an example that checks nothing)
# ('self_below': a self score stated relative to the item's maximum, so many points below it)
_READ = {"item": STR, "?max": NUM, "?self": NUM, "?authority": NUM, "?bonus": NUM, "?bonus_max": NUM,
         "?self_below": NUM, "?authority_below": NUM, "!only": True}
_PHRASING = {"?phrases": [STR], "examples": [{"text": STR, "reads": [_READ], "!only": True}]}
SHAPES: dict[str, dict] = {
    "columns": {"roles": [{"role": STR, "phrases": [STR]}],
                "?groups": [{"group": STR, "sub": STR, "role": STR}], "?accented": [STR], "?verdicts": [STR]},
    "doc_types": {"generic": [STR], "names": {"*": [STR]}, "abbreviations": {"*": STR},
                  "codes": {"*": STR}, "party_codes": {"*": STR}, "titled": [STR],
                  "file_extensions": [STR]},
    "units": {"unit_heads": [STR], "unit_verbs": [STR], "national_title": [STR], "lowercase_words": [STR],
              "written_names": [STR],
              "name_connectors": [STR], "place_words": [STR], "not_places": [STR],
              "place_words_alone": [STR], "position_words": [STR],
              "signature_marks": [STR], "name_prefixes": [STR], "family_names": [STR],
              "signature_titles": [STR], "year_kinds": [STR], "classification_fillers": [STR],
              "classification_reached": [STR], "classification_cues": [STR], "classification_clause_cues": [STR],
              "classification": {"*": [STR]}},
    "legacy_encodings": {"tcvn3": {"font_pattern": STR, "capital_font_pattern": STR, "map": {"*": STR}},
                         "vni": {"font_pattern": STR, "?*": object},
                         "detection": {"min_share": NUM, "min_chars": NUM, "vni_vowels": STR}},
    "narrative": {"references": [_PHRASING], "number_words": [_PHRASING], "units": [_PHRASING],
                  "maximum": [_PHRASING], "full_marks": [_PHRASING], "at_maximum": [_PHRASING],
                  "reasons": [_PHRASING], "rules": [_PHRASING], "remaining": [_PHRASING],
                  "verbs": [{"field": STR, "?weak": bool, "?bare_number": bool, "?sums": bool, **_PHRASING}], "connectives": [_PHRASING],
                  "deductions": [_PHRASING], "deduction_places": [_PHRASING], "bonus_cues": [_PHRASING], "bonus_units": [_PHRASING], "total_cues": [{"?weak": bool, **_PHRASING}],
                  "wholes": [_PHRASING], "distributives": [_PHRASING],
                  "notes": [_PHRASING], "instructions": [_PHRASING], "unit_voice": [_PHRASING],
                  "quotations": [_PHRASING], "note_marks": [_PHRASING], "statements": [_PHRASING],
                  "sums": [{"plus": [STR], "equals": [STR], "examples": _PHRASING["examples"]}]},
    "numbering": {"levels": [{"word": STR, "spellings": [STR]}], "fragments": [STR], "number_leads": [STR], "letter_ends": [STR],
                  "bullets": [STR], "letter_order": [STR], "nesting": [STR], "reference_joins": [STR], "closing_words": [STR], "section_letters": STR,
                  "number_words": {"digits": {"*": int}, "ten": [STR], "tens": [STR], "hundred": [STR], "zero": [STR],
                                   "ordinal_lead": [STR], "ordinals": {"*": int}, "decimal_points": [STR]}},
    "page_breaks": {"markers": [STR], "page_numbers": [STR]},
    "detection": {"min_confidence": NUM, "number_only_weight": NUM, "marker_number_weight": NUM, "text_agrees": NUM, "unmarked_number_text": NUM,
                  "max_slug": int, "number_and_max_weight": NUM, "total_beyond_framework_confidence": NUM},
    "framework_learn": {"from_words": [STR], "below_words": [STR], "max_gap": int},
    "pdf_layout": {"half_line_overlap": NUM, "cell_below_pitches": NUM, "least_stack_lines": int,
                   "least_half_line_rows": int, "column_word_gap": NUM},
    "ocr": {"languages": STR, "dpi": int, "psm": int, "min_value_confidence": NUM, "min_rule_points": NUM,
            "disagreement_confidence": NUM, "max_skew_degrees": NUM, "skew_step_degrees": NUM,
            "least_skew_degrees": NUM, "page_workers": int, "pages_per_run": int},
    "not_reports": {"suffixes": [STR], "names": [STR]},
    "unit_names": {"motto": [STR], "noise": [STR], "abbreviations": {"*": STR},
                   "levels": [{"level": STR, "prefixes": [STR]}], "matching": {"loose_min_similarity": NUM}},
    "input_checks": {"ooxml": {"max_total_uncompressed_mb": NUM, "max_entry_ratio": NUM,
                               "ratio_applies_above_kb": NUM, "max_entries": NUM},
                     "text": {"max_bad_byte_share": NUM, "max_bad_bytes_absolute": NUM},
                     "plausibility": {"min_letter_share": NUM, "min_syllable_share": NUM, "min_syllables": NUM,
                                      "min_word_length": NUM, "sample_chars": NUM, "onsets": [STR],
                                      "finals": [STR], "vowels": STR, "max_vowels": NUM},
                     "versions": {"read_failure_findings": [STR], "?rendition_formats": [STR]}},
    "finding_kinds": {"names": {"total": STR, "level": STR}, "fields": {"*": [STR]}, "sources": {"*": [STR]},
                      "kinds": {"*": {"severity": STR, "vi": STR, "en": STR,
                                      "?variants": {"*": {"vi": STR, "en": STR}}}}},
    "error_kinds": {"kinds": {"*": {"vi": STR, "en": STR}}},
}


_PARSED = Kept(f"toml-{sys.implementation.cache_tag}.parsed")


def parsed_toml(text: str) -> dict:
    """``tomllib.loads(text)``, from the parse an earlier run kept of the same text (kept.py): a
    catalog is parsed once per machine, not once per process. A new dict each call."""
    key = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    kept = _PARSED.get(key)
    if kept is not None:
        try:
            return marshal.loads(kept)
        except (EOFError, ValueError, TypeError):
            _PARSED.forget(key)
    import tomllib   # (a text parsed before needs no parser)
    parsed = tomllib.loads(text)
    try:
        _PARSED.put(key, marshal.dumps(parsed))
    except ValueError:   # a date or time (TOML's own types): parsed every time
        pass
    return parsed


def catalog(name: str) -> dict:
    """The catalog ``name`` (without .toml), parsed and checked; cached for the process."""
    return _load(name)


@lru_cache(maxsize=None)
def _load(name: str) -> dict:
    path = f"chamdiem/catalogs/{name}.toml"
    try:
        text = resources.files("chamdiem.catalogs").joinpath(f"{name}.toml").read_text("utf-8")
    except FileNotFoundError:
        raise CatalogError(path, "no such catalog") from None
    try:
        raw = parsed_toml(text)
    except ValueError as exc:   # tomllib.TOMLDecodeError
        raise CatalogError(path, f"not valid TOML: {exc}") from None
    if name in SHAPES:
        _check_once(raw, text, name, path)
    return raw


def _check_once(raw: dict, text: str, name: str, path: str) -> None:
    """check_shape, unless an earlier run found the same text right for the same shape (kept.py):
    walking a large catalog's every value costs a process milliseconds, on the way to its first
    report. Only a pass is kept, so an error is raised every time."""
    shape = SHAPES[name]
    key = ("checked", name, hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(),
           hashlib.sha256(repr(shape).encode()).hexdigest())
    if _PARSED.get(key) is True:
        return
    check_shape(raw, shape, path, name)
    _PARSED.put(key, True)


def _only_known_keys(value: dict, shape: dict, path: str, where: str) -> None:
    """A shape with "!only" takes no key it does not name."""
    if shape.get("!only"):
        extra = sorted(k for k in value if k not in shape and f"?{k}" not in shape)
        if extra:
            raise CatalogError(path, f"{where} has an unknown key {extra[0]!r}")


def check_shape(value, shape, path: str, where: str) -> None:
    """Raises CatalogError naming the first key whose value does not have the expected shape."""
    if isinstance(shape, dict):
        if not isinstance(value, dict):
            raise CatalogError(path, f"{where} should be a table")
        wild = shape.get("*", shape.get("?*"))
        _only_known_keys(value, shape, path, where)
        for key, sub in shape.items():
            if key in ("*", "?*", "!only"):
                continue
            optional = key.startswith("?")
            key = key.lstrip("?")
            if key not in value:
                if optional:
                    continue
                raise CatalogError(path, f"{where}.{key} is missing")
            check_shape(value[key], sub, path, f"{where}.{key}")
        if wild is not None:
            for key, entry in value.items():
                if f"?{key}" not in shape and key not in shape:
                    check_shape(entry, wild, path, f"{where}.{key}")
        return
    if isinstance(shape, list):
        if not isinstance(value, list):
            raise CatalogError(path, f"{where} should be a list")
        for k, entry in enumerate(value):
            check_shape(entry, shape[0], path, f"{where}[{k}]")
        return
    if shape is object:
        return
    if shape is bool:
        if not isinstance(value, bool):
            raise CatalogError(path, f"{where} should be true or false, not {value!r}")
        return
    if not isinstance(value, shape) or isinstance(value, bool):
        want = shape.__name__ if isinstance(shape, type) else "a number"
        raise CatalogError(path, f"{where} should be {want}, not {value!r}")
