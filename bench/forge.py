"""The forge: writes score reports with random valid scores and some planted errors, each with its gold
JSON computed from the data (the shape ../shared/eval/check_gold.py reads), so that `make forge` finds the
next layout, wording or format that reads wrong before a unit sends it.

    .venv/bin/python bench/forge.py /tmp/forge --reports 300 --seed 1

It chooses independently, per report, among the dimensions in DIMENSIONS (format, encoding, column
order, header wordings, one- or two-row header, ruling, numbering styles, names, decimals, total row,
narrative phrasing, header and signature layouts, planted errors), and the layout: a score sheet with
narrative beside it, or the scores in prose only (bench/forge_prose.py, its own dimensions). Its vocabulary is bench/forge_words.toml,
kept apart from the readers' catalogs; from chamdiem it takes only the framework TOMLs (items, maxima), read
as plain TOML.
"""
from __future__ import annotations

import argparse
import json
import pathlib
import random
import sys
import tomllib
import dataclasses
from dataclasses import dataclass, field

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
WORDS = tomllib.loads((HERE / "forge_words.toml").read_text("utf-8"))
FRAMEWORK_DIR = HERE.parent / "chamdiem" / "catalogs" / "frameworks"

import forge_formats  # noqa: E402
import forge_prose  # noqa: E402

# format -> weight; DOCX through LibreOffice to PDF is slow, scans slower: both kept a minority
FORMATS = {"txt": 18, "md": 12, "html": 14, "docx": 18, "docx_rev": 7, "xlsx": 14, "pdf_fpdf": 9,
           "pdf_soffice": 4, "scan": 4}
FAST_FORMATS = ("txt", "md", "html", "docx", "docx_rev", "xlsx")
TEXT_ENCODINGS = ["utf-8", "utf-8", "utf-8-sig", "utf-16", "cp1258"]
COLUMN_ORDERS = {
    "no-name-max-self-auth": ["number", "name", "max_points", "self_score", "authority_score", "evidence"],
    "no-name-max-self": ["number", "name", "max_points", "self_score", "evidence"],
    "no-name-self-max": ["number", "name", "self_score", "max_points", "evidence"],
    "name-max-self-auth": ["name", "max_points", "self_score", "authority_score"],
    "no-name-max-auth-self": ["number", "name", "max_points", "authority_score", "self_score", "evidence"],
    "no-name-evidence-max-self": ["number", "name", "evidence", "max_points", "self_score"],
    "no-max-name-self": ["number", "max_points", "name", "self_score", "evidence"],
}
BONUS_ORDERS = {
    "max-bonus-self-bself": ["number", "name", "max_points", "bonus_max", "self_score", "bonus_self", "evidence"],
    "max-self-bonus-bself": ["number", "name", "max_points", "self_score", "bonus_max", "bonus_self", "evidence"],
    "name-max-self-bonus-bself": ["name", "max_points", "self_score", "bonus_max", "bonus_self"],
    "no-name-max-bonus-self-bself-noev": ["number", "name", "max_points", "bonus_max", "self_score", "bonus_self"],
}
USED: set[tuple[str, str, int]] = set()   # (unit, framework, year): one report each, or a version replaces another
LEVELS: dict[str, list[list[str]]] = {}
LEVEL_NAMES: dict[str, list[str]] = {}    # framework id -> each level's name ("tiêu chí"), from its TOML   # framework id -> marker words of each level, from its TOML
ROMAN = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]


@dataclass
class Item:
    id: str
    number: str | None
    text: str
    max: float | None
    bonus_max: float | None
    parent: str | None = None
    children: list[str] = field(default_factory=list)
    depth: int = 0


def load_framework(path: pathlib.Path) -> tuple[str, dict[str, Item]]:
    """Items, maxima and the tree, straight from the framework TOML (no chamdiem code)."""
    raw = tomllib.loads(path.read_text("utf-8"))
    LEVELS[raw["id"]] = [lv.get("markers", []) for lv in raw.get("levels", [])]
    LEVEL_NAMES[raw["id"]] = [lv["name"] for lv in raw.get("levels", [])]
    items: dict[str, Item] = {}
    for it in raw["items"]:
        items[it["id"]] = Item(it["id"], it.get("number"), it["text"], it.get("max"), it.get("bonus_max"))
    for iid, item in items.items():
        parent = iid.rsplit(".", 1)[0] if "." in iid else None
        # tdkt-tmth's deepest IDs carry a dotted number ("nd1.1.1" is item "1.1" of "nd1.1")
        while parent is not None and parent not in items:
            parent = parent.rsplit(".", 1)[0] if "." in parent else None
        item.parent = parent
        if parent:
            items[parent].children.append(iid)
    for item in items.values():
        depth, up = 0, item.parent
        while up:
            depth, up = depth + 1, items[up].parent
        item.depth = depth
    return raw["id"], items


def fmt(value: float | None, comma: bool) -> str:
    if value is None:
        return ""
    text = f"{value:g}"
    return text.replace(".", ",") if comma else text


# ---- scores -------------------------------------------------------------------------------------

def draw_scores(rng: random.Random, fw_id: str, items: dict[str, Item], with_authority: bool) -> dict:
    """Valid scores: leaves a little under their maximum, parents the sum of their children."""
    scores: dict[str, dict] = {}
    steps = [0, 0, 0, 0.5, 1] if items[fw_id].max and items[fw_id].max <= 100 else [0, 0, 0, 1, 2, 5]

    def fill(iid: str) -> dict:
        item = items[iid]
        row = {"max_points": item.max, "bonus_max": item.bonus_max}
        if item.children:
            kids = [fill(c) for c in item.children]
            row["self_score"] = sum(k["self_score"] for k in kids)
            if with_authority:
                row["authority_score"] = sum(k["authority_score"] for k in kids)
            bonus_kids = [k for c, k in zip(item.children, kids) if items[c].bonus_max is not None]
            if item.bonus_max is not None:
                row["bonus_self"] = (sum(k["bonus_self"] for k in bonus_kids) if bonus_kids
                                     else max(0, item.bonus_max - rng.choice([0, 0, 1])))
        else:
            row["self_score"] = max(0.0, item.max - rng.choice(steps))
            if with_authority:
                row["authority_score"] = max(0.0, row["self_score"] - rng.choice([0, 0, 0, 0.5]))
            if item.bonus_max is not None:
                row["bonus_self"] = max(0, item.bonus_max - rng.choice([0, 0, 1]))
        scores[iid] = row
        return row

    fill(fw_id)
    return scores


def plant_errors(rng: random.Random, kind: str, items: dict[str, Item], scores: dict) -> None:
    """Change written values so a check must fire: the gold's findings are computed from them after."""
    leaves = [i for i in items.values() if not i.children]
    parents = [i for i in items.values() if i.children and i.parent]
    if kind in ("self_over_max", "both"):
        leaf = rng.choice(leaves)
        scores[leaf.id]["self_score"] = leaf.max + rng.choice([0.5, 1, 2])
    if kind in ("subtotal", "both"):
        parent = rng.choice(parents)
        scores[parent.id]["self_score"] += -1 if scores[parent.id]["self_score"] >= 1 else 1


# ---- the document -------------------------------------------------------------------------------

def numbering_pair(rng: random.Random, levels: list[list[str]]) -> list[str]:
    """One style per level, never two levels that print the same mark, and never a level written with the
    marker word the framework gives another level."""
    depth_count = len(levels)
    while True:
        styles = []
        for d in range(1, depth_count + 1):
            foreign = [w.lower() for k, markers in enumerate(levels, 1) if k != d for w in markers]
            options = [s for s in WORDS["numbering"][f"level{d}"]
                       if not any(s.lower().startswith(w) for w in foreign if w)]
            styles.append(rng.choice(options))
        marks = [render_number(s, "1", "1", "1.1").strip(".)").lower() for s in styles]
        words = [s.split("{")[0].strip().lower() for s in styles]
        if len(set(marks)) == len(marks) and len({w for w in words if w}) == len([w for w in words if w]):
            return styles


def render_number(style: str, number: str, parent: str, own: str) -> str:
    n = int(number) if number.isdigit() else 0
    return style.format(n=number, R=ROMAN[n] if 0 < n < len(ROMAN) else number,
                        a="abcdefghijklmnopqrstuvwxyz"[n - 1] if 0 < n <= 26 else number, p=parent, s=own)


def short_name(text: str) -> str:
    words = text.split()
    return " ".join(words[:7]) + ("..." if len(words) > 7 else "")


@dataclass
class Spec:
    """Everything one report's writing depends on."""
    name: str
    fw_id: str
    choices: dict
    scores: dict
    unit: str
    code: str
    year: int
    issued: tuple[int, int, int]
    number: int
    signer: str
    position: list[str]
    place: str
    narrative_items: dict[str, dict] = field(default_factory=dict)


DIMENSIONS = ("format", "encoding", "columns", "header_rows", "header_words", "ruled", "numbering",
              "number_place", "names", "decimal", "total_row", "phrasing", "item_phrasing", "header_layout", "signature_layout",
              "errors", "unlabelled", "framework", "layout") + forge_prose.DIMENSIONS


def choose(rng: random.Random, fw_id: str, items: dict[str, Item], levels: list[list[str]],
           formats: dict[str, int]) -> dict:
    has_bonus = items[fw_id].bonus_max is not None
    fmt_name = rng.choices(list(formats), weights=list(formats.values()))[0]
    orders = BONUS_ORDERS if has_bonus else COLUMN_ORDERS
    columns = rng.choice(list(orders))
    text_like = fmt_name in ("txt", "md", "html")
    return {
        "framework": fw_id,
        "format": fmt_name,
        "encoding": rng.choice(TEXT_ENCODINGS) if text_like else "native",
        "columns": columns,
        "header_rows": rng.choice(["one", "one", "two"] + (["two_by_actor"] if has_bonus else [])),
        "header_words": rng.choice(["first", "any"]),
        "ruled": rng.choice(["ruled", "unruled"]),
        "numbering": " / ".join(numbering_pair(rng, levels)),
        "number_place": rng.choice(["column", "column", "in_name"]) if "number" in orders[columns] else "in_name",
        "names": rng.choice(["full", "full", "short"]),
        "decimal": rng.choice(["comma", "comma", "point"]),
        "total_row": rng.choice(["bottom", "bottom", "top", "absent"]),
        "phrasing": str(rng.randrange(len(WORDS["narrative"]["total"]))),
        "item_phrasing": rng.choice(["none", "none"] + [str(k) for k in range(len(WORDS["narrative"]["item"]))]),
        "header_layout": rng.choice(["side_by_side", "sequential", "motto_first"]),
        "signature_layout": rng.choice(["side_by_side", "recipients_first", "signer_first"]),
        "errors": rng.choice(["none", "none", "none", "self_over_max", "subtotal", "narrative", "both"]),
        "unlabelled": rng.choice(["none"] * 6 + ["max_points", "self_score"]),
    }


def build_spec(rng: random.Random, name: str, fw_id: str, items: dict[str, Item], choices: dict) -> Spec:
    columns = (BONUS_ORDERS | COLUMN_ORDERS)[choices["columns"]]
    scores = draw_scores(rng, fw_id, items, "authority_score" in columns and rng.random() < 0.7)
    if choices["errors"] in ("self_over_max", "subtotal", "both"):
        plant_errors(rng, choices["errors"], items, scores)
    doc = WORDS["document"]
    while True:
        year = rng.choice([2021, 2022, 2023, 2024, 2025])
        unit = rng.choice(doc["units"]).format(place=rng.choice(doc["unit_places"]))
        if (unit, fw_id, year) not in USED:
            break
    USED.add((unit, fw_id, year))
    spec = Spec(name, fw_id, choices, scores, unit, rng.choice(doc["codes"]), year,
                (rng.randint(1, 28), rng.randint(10, 12), year), rng.randint(5, 2999), rng.choice(doc["signers"]),
                rng.choice(doc["positions"]), rng.choice(doc["places"]))
    return spec


def table_rows(spec: Spec, items: dict[str, Item], rng: random.Random) -> tuple[list[list[str]], list[list], list,
                                                                               list[str]]:
    """(header rows, body rows, merged header spans, column roles) of the score sheet."""
    ch = spec.choices
    columns = list((BONUS_ORDERS | COLUMN_ORDERS)[ch["columns"]])
    if ch["number_place"] == "in_name" and "number" in columns:
        columns.remove("number")
    pick = (lambda options: options[0]) if ch["header_words"] == "first" else rng.choice
    header, spans = _header(ch, columns, pick)
    comma = ch["decimal"] == "comma"
    body = []
    root = items[spec.fw_id]
    marks, labels = item_marks(spec, items)
    for cid, mark in marks.items():
        body.append(_row(columns, spec.scores[cid], mark, labels[cid], comma, ch["number_place"], rng))
    if ch["total_row"] != "absent":
        total = _row(columns, spec.scores[root.id], "", pick(WORDS["total_rows"]), comma, "column", rng)
        body = [total] + body if ch["total_row"] == "top" else body + [total]
    return header, body, spans, columns


def item_marks(spec: Spec, items: dict[str, Item]) -> tuple[dict[str, str], dict[str, str]]:
    """Each item's number as the report's numbering style writes it, and its name (full, or cut below
    the first level when the report cuts names)."""
    styles = spec.choices["numbering"].split(" / ")
    marks, labels = {}, {}
    for item in items.values():
        if item.parent is None:
            continue
        raw_number = item.number.split(".")[-1] if item.number else "0"
        parent_number = items[item.parent].number or ""
        marks[item.id] = render_number(styles[item.depth - 1], raw_number, parent_number, item.number or raw_number)
        labels[item.id] = item.text if spec.choices["names"] == "full" or item.depth == 1 else short_name(item.text)
    return marks, labels


def _header(ch: dict, columns: list[str], pick) -> tuple[list[list[str]], list[tuple[int, int]]]:
    """The header rows (one, two with a group over the scores, or two with a group per actor) and the
    spans of their group cells."""
    heads = WORDS["headers"]
    score_roles = [c for c in columns if c in ("max_points", "self_score", "authority_score", "bonus_max", "bonus_self")]
    spans = []
    by_actor = [("max_points", "bonus_max"), ("self_score", "bonus_self")]
    if ch["header_rows"] == "two_by_actor" and all(_adjacent(columns, list(pair)) for pair in by_actor):
        # "Đơn vị tự chấm" over "Điểm | Điểm thưởng": each sub-column's role is its group's and its own
        top = [pick(heads[c]["single"]) if c not in score_roles else "" for c in columns]
        sub = ["" for _ in columns]
        for plain, bonus in by_actor:
            first = columns.index(plain)
            top[first] = pick(heads["actor_groups"][plain])
            sub[first], sub[first + 1] = pick(heads["actor_groups"]["sub_plain"]), pick(heads["actor_groups"]["sub_bonus"])
            spans.append((first, first + 1))
        header = [top, sub]
    elif ch["header_rows"] in ("two", "two_by_actor") and len(score_roles) >= 2 and _adjacent(columns, score_roles):
        top = [pick(heads[c]["single"]) if c not in score_roles else "" for c in columns]
        sub = [pick(heads[c]["sub"]) if c in score_roles else "" for c in columns]
        first = columns.index(score_roles[0])
        top[first] = pick(heads["group"]["single"])
        spans.append((first, first + len(score_roles) - 1))
        header = [top, sub]
    else:
        header = [[pick(heads[c]["single"]) for c in columns]]
    if ch["unlabelled"] != "none" and ch["unlabelled"] in columns:
        header[-1][columns.index(ch["unlabelled"])] = ""
    return header, spans


def _adjacent(columns: list[str], roles: list[str]) -> bool:
    at = [columns.index(r) for r in roles]
    return at == list(range(at[0], at[0] + len(at)))


def _row(columns, values, mark, label, comma, number_place, rng) -> list:
    out = []
    for col in columns:
        if col == "number":
            out.append(mark)
        elif col == "name":
            out.append(_in_name(mark, label, rng) if number_place == "in_name" and mark else label)
        elif col == "evidence":
            out.append(rng.choice(WORDS["evidence"]))
        else:
            out.append(fmt(values.get(col), comma))
    return out


def _in_name(mark: str, label: str, rng: random.Random) -> str:
    """'a) Tên', 'Tiêu chí 1: Tên', 'TC1. Tên': a mark that ends in its own stop takes a space only."""
    if mark[-1] in ".)":
        return f"{mark} {label}"
    return f"{mark}{rng.choice([': ', '. ', ' - '])}{label}"


def narrative(spec: Spec, items: dict[str, Item], rng: random.Random) -> list[str]:
    """The narrative paragraphs: filler, the total sentence, maybe sentences on first-level items.
    What they state goes into spec.narrative_items ({criterion: {field: value}}) for the gold."""
    words = WORDS["narrative"]
    comma = spec.choices["decimal"] == "comma"
    root = spec.scores[spec.fw_id]
    planted = spec.choices["errors"] == "narrative"
    said_self = root["self_score"]
    if planted and spec.choices["total_row"] != "absent":
        said_self = root["self_score"] - rng.choice([1, 2, 0.5])
        planted = False
    total = words["total"][int(spec.choices["phrasing"])]
    paras = [rng.choice(words["filler"])]
    paras.append(total.format(unit=spec.unit, year=spec.year, self=fmt(said_self, comma),
                              max=fmt(items[spec.fw_id].max, comma)))
    spec.narrative_items = {spec.fw_id: _stated(said_self, items[spec.fw_id].max, total)}
    if spec.choices["item_phrasing"] != "none":
        phrase = words["item"][int(spec.choices["item_phrasing"])]
        firsts = [i for i in items.values() if i.depth == 1]
        for item in rng.sample(firsts, min(2, len(firsts))):
            value = spec.scores[item.id]["self_score"]
            if planted:
                value, planted = value - rng.choice([1, 0.5]), False
            name = f"{LEVEL_NAMES[spec.fw_id][0].capitalize()} {item.number}"
            paras.append(phrase.format(item=name, self=fmt(value, comma), max=fmt(item.max, comma)))
            spec.narrative_items[item.id] = _stated(value, item.max, phrase)
    paras.append(rng.choice(words["filler"]))
    return paras


def _stated(value: float, maximum: float | None, phrase: str) -> dict:
    return {"self_score": value} | ({"max_points": maximum} if "{max}" in phrase else {})


def citations(spec: Spec, rng: random.Random) -> tuple[str, list[dict]]:
    subject = WORDS["subjects"][spec.fw_id]
    doc_type, symbol, issuer = rng.choice(subject["citations"])
    number = rng.randint(100, 3000)
    day, month = rng.randint(1, 28), rng.randint(1, 9)
    sentence = (f"Thực hiện {doc_type} số {number}/{symbol} ngày {day:02d}/{month:02d}/{spec.year} của {issuer}, "
                f"{spec.unit} báo cáo kết quả như sau:")
    gold = [{"doc_type": doc_type, "number": str(number), "symbol": symbol, "year": None,
             "issued_on": f"{spec.year}-{month:02d}-{day:02d}", "optional": False},
            {"doc_type": "Báo cáo", "number": str(spec.number), "symbol": f"BC-{spec.code}", "year": None,
             "issued_on": None, "optional": True}]
    return sentence, gold


def document(spec: Spec, items: dict[str, Item], rng: random.Random) -> tuple[forge_formats.Doc, list[dict]]:
    doc = WORDS["document"]
    day, month, year = spec.issued
    left = [rng.choice(doc["superiors"]), spec.unit.upper(), f"Số: {spec.number}/BC-{spec.code}"]
    right = list(doc["motto"]) + [f"{spec.place}, ngày {day} tháng {month} năm {year}"]
    cite_sentence, cite_gold = citations(spec, rng)
    paras = [cite_sentence] + narrative(spec, items, rng)
    sign_right = [p for p in spec.position if p] + ["", spec.signer]
    sign_left = ["Nơi nhận:"] + doc["recipients"][:3]
    header, body, spans, roles = table_rows(spec, items, rng)
    title = WORDS["subjects"][spec.fw_id]["title"].format(year=spec.year)
    out = forge_formats.Doc(
        header=(left, right), header_layout=spec.choices["header_layout"],
        title=["BÁO CÁO", title], paragraphs=paras,
        signature=(sign_left, sign_right), signature_layout=spec.choices["signature_layout"],
        sheet_title=["BẢNG CHẤM ĐIỂM"], table_header=header, table_body=body, spans=spans,
        ruled=spec.choices["ruled"] == "ruled", revisions=spec.choices["format"] == "docx_rev", roles=roles)
    return out, cite_gold


def prose_document(spec: Spec, items: dict[str, Item], sheet_doc: forge_formats.Doc, rng: random.Random
                   ) -> tuple[forge_formats.Doc, forge_prose.Prose]:
    """The report with its scores in prose and no sheet: the sheet report's header, citing sentence and
    signature around the items' paragraphs (bench/forge_prose.py)."""
    marks, labels = item_marks(spec, items)
    over_max = {cid for cid, row in spec.scores.items()
                if not items[cid].children and row["self_score"] > (items[cid].max or 0) + 1e-9}
    writer = forge_prose.Writer(items, spec.fw_id, spec.scores, spec.choices, marks, labels, LEVEL_NAMES[spec.fw_id],
                                WORDS, rng, spec.unit, spec.year, over_max)
    prose = writer.write()
    lead = sheet_doc.paragraphs[:1] + [rng.choice(WORDS["narrative"]["filler"])]
    doc = dataclasses.replace(
        sheet_doc, paragraphs=lead + prose.paragraphs, headings=frozenset(k + len(lead) for k in prose.headings),
        emphasis=spec.choices["prose_emphasis"], sheet_title=[], table_header=[], table_body=[], spans=[],
        roles=None, revisions=spec.choices["format"] == "docx_rev")
    if spec.choices["prose_total"] == "absent":
        spec.choices["phrasing"] = "-"
    return doc, prose


def draw_layout(layout_rng: random.Random, prose_share: float, fixed: dict) -> str:
    """'prose' for a report whose scores are only in sentences; drawn from its own stream (one draw per
    report whatever the share), so the other reports of a seed do not change with the share."""
    drawn = "prose" if layout_rng.random() < prose_share else "table"
    return "prose" if fixed.get("layout") == "prose" else "table" if fixed.get("layout") else drawn


def prose_choices(choices: dict, rng: random.Random, formats: dict[str, int], fixed: dict) -> None:
    """A prose report's own dimensions; the sheet's are not there ('-'). A workbook of prose is not a
    report units send: its format is drawn again among the others."""
    choices.update(forge_prose.choose(rng, WORDS) | {d: "-" for d in forge_prose.TABLE_ONLY}, layout="prose")
    choices.update({d: v for d, v in fixed.items() if d in forge_prose.DIMENSIONS})
    if choices["format"] == "xlsx":
        others = {f: w for f, w in formats.items() if f != "xlsx"} or {"txt": 1}
        choices["format"] = rng.choices(list(others), weights=list(others.values()))[0]
        text_like = choices["format"] in ("txt", "md", "html")
        choices["encoding"] = rng.choice(TEXT_ENCODINGS) if text_like else "native"
        if choices["encoding"] == "native" and text_like:
            choices["encoding"] = "utf-8"


def table_layout(choices: dict) -> None:
    choices.update({d: "-" for d in forge_prose.DIMENSIONS},
                   layout="table+prose" if choices["item_phrasing"] != "none" else "table")


# ---- the gold -----------------------------------------------------------------------------------

SCORE_FIELDS = ("max_points", "self_score", "authority_score", "bonus_max", "bonus_self")


def expected_findings(items: dict[str, Item], table: dict, narrative_obs: dict) -> list[list[str]]:
    """The checks' contract applied to the written values (CONTRACT.md, finding kinds)."""
    found = set()
    for source in (table, narrative_obs):
        for cid, row in source.items():
            for value, cap in (("self_score", "max_points"), ("bonus_self", "bonus_max")):
                if row.get(value) is not None and row.get(cap) is not None and row[value] > row[cap] + 1e-9:
                    found.add((cid, "self_exceeds_max"))
            if items[cid].children and any(_subtotal_differs(items, source, cid, fld) for fld in SCORE_FIELDS):
                found.add((cid, "subtotal_mismatch"))
    for cid, row in narrative_obs.items():
        for fld, value in row.items():
            have = table.get(cid, {}).get(fld)
            if value is not None and have is not None and abs(value - have) > 1e-9:
                found.add((cid, "narrative_table_mismatch"))
    return sorted(list(f) for f in found)


def _subtotal_differs(items: dict[str, Item], source: dict, cid: str, fld: str) -> bool:
    """A stated parent value against the sum of its items in one source; with some items unstated, only
    when those stated already exceed it."""
    stated = source[cid].get(fld)
    if stated is None:
        return False
    members = [c for c in items[cid].children
               if fld in ("max_points", "self_score", "authority_score") or items[c].bonus_max is not None]
    vals = [source[c].get(fld) if c in source else None for c in members]
    got = [v for v in vals if v is not None]
    if not got or (len(got) < len(vals) and sum(got) <= stated + 1e-9):
        return False
    return abs(sum(got) - stated) > 1e-9


def _sheet_observed(spec: Spec, fields: list[str]) -> tuple[dict, dict, dict]:
    """(the sheet's values, the narrative's, the gold scores) of a report with a score sheet."""
    columns = (BONUS_ORDERS | COLUMN_ORDERS)[spec.choices["columns"]]
    table: dict[str, dict] = {}
    for iid, row in spec.scores.items():
        if iid == spec.fw_id and spec.choices["total_row"] == "absent":
            continue
        table[iid] = {f: row.get(f) if f in columns else None for f in SCORE_FIELDS}
    narrative_obs = spec.narrative_items
    scores = {cid: [row.get(f) for f in fields] for cid, row in table.items()}
    if spec.choices["total_row"] == "absent":
        nar = narrative_obs[spec.fw_id]
        scores[spec.fw_id] = [nar.get(f) for f in fields]
    return table, narrative_obs, scores


def gold(spec: Spec, items: dict[str, Item], file_name: str, cite_gold: list[dict],
         prose: forge_prose.Prose | None = None) -> dict:
    """The gold of a report; a prose report's values are those its sentences state (no sheet)."""
    has_bonus = items[spec.fw_id].bonus_max is not None
    fields = ["max_points", "self_score"] + (["bonus_max", "bonus_self"] if has_bonus else ["authority_score"])
    if prose is None:
        table, narrative_obs, scores = _sheet_observed(spec, fields)
    else:
        table, narrative_obs = {}, prose.stated
        scores = {cid: [row.get(f) for f in fields] for cid, row in prose.stated.items()}
        cite_gold = cite_gold + prose.citations
    day, month, year = spec.issued
    out = {
        "file": file_name, "framework": spec.fw_id,
        "document": {"report_number": f"{spec.number}/BC-{spec.code}", "issuer": spec.unit,
                     "issued_on": f"{year}-{month:02d}-{day:02d}", "assessment_year": spec.year,
                     "signer": spec.signer, "classification": None},
        "score_fields": fields, "scores": scores,
        "findings": expected_findings(items, table, narrative_obs),
        "citations": cite_gold,
        "forge": {d: spec.choices[d] for d in DIMENSIONS},
    }
    if prose is not None:
        out["prose_derived"] = prose.derived   # values a reader computes from the maximum ('đạt điểm tối đa')
        out["prose_sources"] = prose.sources   # the wording that states each value ('score:3', 'heading_max:0')
    return out


# ---- the run ------------------------------------------------------------------------------------

def forge(out: pathlib.Path, reports: int, seed: int, formats: dict[str, int] | None = None,
          framework_files: list[pathlib.Path] | None = None, fixed: dict[str, str] | None = None,
          cycle_formats: bool = False, prose_share: float = 0.0) -> list[pathlib.Path]:
    """Write `reports` reports and their gold into out/ (gold in out/gold/); returns the report paths.
    ``fixed`` pins dimensions to one value each ({"number_place": "column"}); the others vary.
    ``cycle_formats`` takes the formats in turn instead of drawing them. ``prose_share`` of the reports
    (or all with fixed layout=prose) carry their scores in prose only; the others are the same reports
    the seed gives with no prose at all."""
    formats = dict(formats or FORMATS)
    if not forge_formats.have_tesseract():
        formats.pop("scan", None)
    if not forge_formats.have_soffice():
        formats.pop("pdf_soffice", None)
    frameworks = [load_framework(p) for p in (framework_files or sorted(FRAMEWORK_DIR.glob("*.toml")))]
    (out / "gold").mkdir(parents=True, exist_ok=True)
    USED.clear()
    rng = random.Random(seed)
    layout_rng = random.Random(f"layout:{seed}")
    fixed = fixed or {}
    paths, soffice_jobs = [], []
    for k in range(reports):
        fw_id, items = frameworks[k % len(frameworks)]
        choices = choose(rng, fw_id, items, LEVELS[fw_id], formats) | {d: v for d, v in fixed.items()
                                                                        if d not in forge_prose.DIMENSIONS}
        if cycle_formats:
            choices["format"] = list(formats)[k % len(formats)]
        if choices["format"] not in ("txt", "md", "html"):
            choices["encoding"] = "native"
        elif choices["encoding"] == "native":
            choices["encoding"] = "utf-8"
        layout = draw_layout(layout_rng, prose_share, fixed)
        stem = f"forge_{k:04d}"
        spec = build_spec(rng, stem, fw_id, items, choices)
        doc, cite_gold = document(spec, items, rng)
        prose = None
        if layout == "prose":
            prose_rng = random.Random(f"prose:{seed}:{k}")
            prose_choices(choices, prose_rng, formats, fixed)
            doc, prose = prose_document(spec, items, doc, prose_rng)
        else:
            table_layout(choices)
        path = forge_formats.write(doc, out, stem, choices["format"], choices["encoding"], soffice_jobs)
        paths.append(path)
        (out / "gold" / f"{stem}.json").write_text(
            json.dumps(gold(spec, items, path.name, cite_gold, prose), ensure_ascii=False, indent=1), "utf-8")
    forge_formats.finish(soffice_jobs, out)
    return paths


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=pathlib.Path)
    ap.add_argument("--reports", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--fast", action="store_true", help="text, Markdown, HTML, XLSX and DOCX only")
    ap.add_argument("--framework", type=pathlib.Path, action="append", help="framework TOML (default: all built-in)")
    ap.add_argument("--prose-share", type=float, default=0.3,
                    help="share of reports with their scores in prose only, no sheet (0: the sheet reports only)")
    ap.add_argument("--fix", action="append", default=[], metavar="DIMENSION=VALUE",
                    help="pin a dimension to one value (repeatable), e.g. --fix number_place=column")
    args = ap.parse_args(argv)
    formats = {f: w for f, w in FORMATS.items() if f in FAST_FORMATS} if args.fast else None
    fixed = dict(pair.split("=", 1) for pair in args.fix)
    unknown = set(fixed) - set(DIMENSIONS)
    if unknown:
        ap.error(f"unknown dimension(s) {', '.join(sorted(unknown))}; known: {', '.join(DIMENSIONS)}")
    paths = forge(args.out, args.reports, args.seed, formats, args.framework, fixed, prose_share=args.prose_share)
    print(f"forged {len(paths)} reports in {args.out} (gold in {args.out / 'gold'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
