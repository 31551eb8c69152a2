"""Findings built by keyword from the registry ``chamdiem/catalogs/finding_kinds.toml``: the kind gives
the severity and the message templates, so every stage says what it found the same way (Vietnamese
with comma decimals, the English beside it) and no kind exists that the registry does not list."""
from __future__ import annotations

from typing import NamedTuple

from chamdiem.lexicon.catalogs import catalog
from chamdiem.model.errors import CatalogError
from chamdiem.model.observations import Finding

REGISTRY = "chamdiem/catalogs/finding_kinds.toml"
SEVERITIES = ("error", "warning", "info")
SEPARATOR = " · "


class Both(NamedTuple):
    """A word or phrase as each language of a message writes it."""
    vi: str
    en: str


def finding_kinds() -> dict[str, dict]:
    """kind -> its entry (severity, vi, en, variants), checked once."""
    kinds = catalog("finding_kinds")["kinds"]
    for kind, entry in kinds.items():
        if entry["severity"] not in SEVERITIES:
            raise CatalogError(REGISTRY, f"kinds.{kind}.severity should be one of {', '.join(SEVERITIES)}, "
                                         f"not {entry['severity']!r}")
    return kinds


def finding(kind: str, *, variant: str | None = None, criterion_id: str | None = None, source: str | None = None,
            field: str | None = None, start: int | None = None, end: int | None = None, **params) -> Finding:
    """The finding of ``kind``: its message is the kind's template (or the named ``variant``) filled
    with ``params``; a number is written as each language writes it, a Both as each language says it.
    The templates may also name {criterion_id}, {source_code} and {field_code}, and {source_name} and
    {field_name}, the source and field as each language names them."""
    entry = finding_kinds().get(kind)
    if entry is None:
        raise CatalogError(REGISTRY, f"no finding kind {kind!r}: add it there (and to CONTRACT.md)")
    templates = entry
    if variant is not None:
        templates = entry.get("variants", {}).get(variant)
        if templates is None:
            raise CatalogError(REGISTRY, f"kinds.{kind} has no variant {variant!r}")
    params = {"criterion_id": criterion_id, "source_code": source, "field_code": field, **params}
    if source is not None:
        params.setdefault("source_name", source_name(source))
    if field is not None:
        params.setdefault("field_name", field_name(field))
    message = _capitalized(_fill(templates["vi"], params, "vi")) + SEPARATOR + _fill(templates["en"], params, "en")
    return Finding(criterion_id, kind, entry["severity"], message, source, field, start, end)


def field_name(field: str) -> Both:
    """A score field (``self_score``) as each language names it."""
    return Both(*catalog("finding_kinds")["fields"][field])


def source_name(source: str) -> Both:
    """A source (``table``, ``narrative``) as each language names it."""
    return Both(*catalog("finding_kinds")["sources"][source])


def written_number(value: float, language: str) -> str:
    """3.5 as Vietnamese writes it (3,5) or English (3.5); whole numbers without decimals."""
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if language == "vi" else text


def _fill(template: str, params: dict, language: str) -> str:
    return template.format_map({name: _written(value, language) for name, value in params.items()})


def _written(value, language: str) -> str:
    if isinstance(value, Both):
        return value.vi if language == "vi" else value.en
    if isinstance(value, float):
        return written_number(value, language)
    return str(value)


def _capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]


def error_explanation(kind: str) -> Both:
    """What an ingest error kind (v_ingest_errors.error_kind) means, from chamdiem/catalogs/error_kinds.toml."""
    entry = catalog("error_kinds")["kinds"].get(kind)
    if entry is None:
        raise CatalogError("chamdiem/catalogs/error_kinds.toml", f"no error kind {kind!r}: add it there")
    return Both(entry["vi"], entry["en"])
