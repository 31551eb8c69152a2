"""`chamdiem framework learn`: a framework TOML drafted from a filled score sheet or a blank
template, for a person to review before it is used: the sheet's rows become items with their own
numbering, texts and maxima, the numbering styles become levels, and a classification scale stated
in the document becomes thresholds."""
from __future__ import annotations

import json

import regex

from chamdiem.extractors.narrative.scores import extract_narrative
from chamdiem.extractors.score_table import extract_table
from chamdiem.lexicon.catalogs import catalog
from chamdiem.lexicon.text import fold_keep
from chamdiem.model.document import DocumentModel
from chamdiem.normalizers.frameworks import Framework
from chamdiem.normalizers.sheet_framework import sheet_framework


class NothingToLearn(ValueError):
    """The document has no score sheet rows (nor numbered narrative items) to make items of."""


def learn_framework(model: DocumentModel, fid: str, title: str | None = None) -> str:
    """The TOML text of a framework ``fid`` read off the document's score sheet."""
    observations = [o for t in model.tables for o in extract_table(t)]
    if not any(not o.is_total for o in observations):
        observations = [o for o in extract_narrative(model.blocks, model.text) if o.parsed_marker is not None]
    if not any(not o.is_total for o in observations):
        raise NothingToLearn(f"{model.file_name}: no score sheet rows to make items of")
    framework, _ = sheet_framework(fid, title or fid, observations)
    return to_toml(framework, model.file_name, classification_scale(model.text))


def classification_scale(text: str) -> dict[str, float]:
    """{class code: lowest total} as the document states its scale, highest class first; empty
    unless at least two classes are stated."""
    rules = catalog("framework_learn")
    phrases = sorted(((fold_keep(p), code) for code, ps in catalog("units")["classification"].items() for p in ps),
                     key=lambda pc: -len(pc[0]))
    alt = lambda words: "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))
    num = r"(\d+(?:[.,]\d+)?)"
    gap = int(rules["max_gap"])
    out: dict[str, float] = {}
    for line in text.splitlines():
        folded = fold_keep(line)
        taken: list[tuple[int, int]] = []
        for phrase, code in phrases:
            for found in regex.finditer(rf"(?<!\w){regex.escape(phrase)}(?!\w)", folded):
                if code in out or any(a < found.end() and found.start() < b for a, b in taken):
                    continue
                tail = folded[found.end():]
                stop = regex.search(r"[;\n]", tail)
                tail = tail[:stop.start()] if stop else tail
                low = regex.match(rf"[^\d]{{0,{gap}}}?(?<!\w)(?:{alt(rules['from_words'])})\s*{num}", tail)
                below = regex.match(rf"[^\d]{{0,{gap}}}?(?<!\w)(?:{alt(rules['below_words'])})\s*{num}", tail)
                if low:
                    out[code] = float(low.group(1).replace(",", "."))
                elif below:
                    out[code] = 0.0
                else:
                    continue
                taken.append((found.start(), found.end()))
    if len(out) < 2:
        return {}
    return dict(sorted(out.items(), key=lambda kv: -kv[1]))


def _toml_string(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid TOML basic string


def _toml_number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def to_toml(framework: Framework, source: str, scale: dict[str, float]) -> str:
    lines = [f"# Framework drafted by `chamdiem framework learn` from {source}.",
             "# Review it before use: item texts, numbering, maxima and levels are the sheet's own;",
             "# add keywords (words that identify reports of this framework), then run",
             "# `chamdiem framework check` on this file.",
             f"id = {_toml_string(framework.id)}", f"name = {_toml_string(framework.name)}", "keywords = []", ""]
    for depth, markers in enumerate(framework.level_markers, start=1):
        lines += ["[[levels]]", f"name = {_toml_string(f'level {depth}')}",
                  f"markers = [{', '.join(_toml_string(m) for m in markers)}]"]
    if scale:
        lines += ["", "# Classification by total: lowest total of each class, as the document states it.",
                  "[classification]"] + [f"{code} = {_toml_number(low)}" for code, low in scale.items()]
    for item in framework.items.values():
        lines += ["", "[[items]]", f"id = {_toml_string(item.id)}"]
        if item.number is not None:
            lines.append(f"number = {_toml_string(item.number)}")
        lines.append(f"text = {_toml_string(' '.join(item.text.split()))}")
        if item.max is not None:
            lines.append(f"max = {_toml_number(item.max)}")
        if item.bonus_max is not None:
            lines.append(f"bonus_max = {_toml_number(item.bonus_max)}")
    return "\n".join(lines) + "\n"
