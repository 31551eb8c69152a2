"""Scores a forged folder against its gold through the analyst views, and prints accuracy per
dimension (format, columns, header wording, numbering, phrasing, encoding, ...) so a weak combination
shows at once.

    .venv/bin/python bench/forge_score.py /tmp/forge [--ingest] [--workers 2] [--show 10] [--where layout=prose]
"""
from __future__ import annotations

import argparse
import collections
import itertools
import json
import math
import pathlib
import sqlite3
import subprocess
import sys
import unicodedata

HERE = pathlib.Path(__file__).resolve().parent
FINDING_KINDS = {"self_exceeds_max", "subtotal_mismatch", "narrative_table_mismatch",
                 "missing_item_scores", "classification_mismatch"}
ALL_FIELDS = ("max_points", "self_score", "authority_score", "bonus_max", "bonus_self")
META_DIMS = ("header_layout", "signature_layout")


def fold(text):
    if text is None:
        return None
    text = unicodedata.normalize("NFD", str(text)).replace("đ", "d").replace("Đ", "D")
    return " ".join("".join(c for c in text if unicodedata.category(c) != "Mn").split()).casefold()


def same(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(float(a), float(b), abs_tol=1e-9)


def score_one(con: sqlite3.Connection, gold: dict) -> dict:
    """Counts for one report: score fields right, extra rows, findings, metadata; and what went wrong."""
    con.row_factory = sqlite3.Row
    doc = con.execute("SELECT * FROM v_documents WHERE file_name = ?", (gold["file"],)).fetchone()
    n_fields = sum(1 for vals in gold["scores"].values() for v in vals if v != "*")
    out = collections.Counter(fields=n_fields, find_gold=len(gold["findings"]), meta_n=len(gold["document"]) + 1,
                              docs=1)
    wrong: list[str] = []
    checked: list[tuple[str, str, bool]] = []      # (criterion, field, right) of every stated value
    if doc is None:
        out["not_loaded"] = 1
        return {"counts": out, "wrong": [f"{gold['file']}: not loaded"], "checked": checked}
    got = {r["criterion_id"]: dict(r) for r in
           con.execute("SELECT * FROM v_scores WHERE document_id = ?", (doc["document_id"],))}
    for cid, vals in gold["scores"].items():
        for fld, want in zip(gold["score_fields"], vals):
            have = got.get(cid, {}).get(fld)
            if want is not None:
                checked.append((cid, fld, same(have, want)))
            if same(have, want):
                out["fields_ok"] += 1
            else:
                wrong.append(f"{cid}.{fld}={have!r} want {want!r}")
    out["extra"] = sum(1 for cid, r in got.items()
                       if cid not in gold["scores"] and any(r.get(f) is not None for f in ALL_FIELDS))
    found = {(r["criterion_id"], r["kind"]) for r in
             con.execute("SELECT criterion_id, kind FROM v_findings WHERE document_id = ?", (doc["document_id"],))
             if r["kind"] in FINDING_KINDS}
    want = {tuple(f) for f in gold["findings"]}
    out["find_hit"] = len(found & want)
    out["find_got"] = len(found)
    wrong += [f"missed finding {f}" for f in sorted(want - found)]
    wrong += [f"unexpected finding {f}" for f in sorted(found - want)]
    for key, value in gold["document"].items():
        good = _same_metadata(key, doc[key], value)
        out["meta_ok"] += good
        if not good:
            wrong.append(f"metadata {key}={doc[key]!r} want {value!r}")
    out["meta_ok"] += doc["framework"] == gold["framework"]
    if doc["framework"] != gold["framework"]:
        wrong.append(f"framework={doc['framework']!r} want {gold['framework']!r}")
    out["perfect"] = int(out["fields_ok"] == n_fields and not out["extra"])
    return {"counts": out, "wrong": wrong, "checked": checked}


def _same_metadata(key: str, have, want) -> bool:
    """As the gold checker compares: the issuer contained in what was read, the year as a number."""
    if key == "issuer":
        return (want is None) == (have is None) and (want is None or fold(want) in fold(have))
    if key == "assessment_year":
        return (have is None and want is None) or (have is not None and want is not None and int(have) == want)
    return fold(have) == fold(want)


def ratio(a, b):
    return a / b if b else 1.0


def line(name: str, c: collections.Counter) -> str:
    return (f"{name:<44} {c['docs']:>5} {ratio(c['fields_ok'], c['fields']):>7.1%} {c['extra']:>5} "
            f"{ratio(c['perfect'], c['docs']):>7.1%} {ratio(c['find_hit'], c['find_gold']):>5.2f} "
            f"{ratio(c['find_hit'], c['find_got']):>5.2f} {ratio(c['meta_ok'], c['meta_n']):>7.1%}")


HEAD = f"{'dimension = value':<44} {'docs':>5} {'fields':>7} {'extra':>5} {'perfect':>7} {'F-R':>5} {'F-P':>5} {'meta':>7}"


def _dimensions(forge: dict) -> dict:
    """The forge's choices, the numbering split into one dimension per level."""
    out = dict(forge)
    for level, style in enumerate(out.pop("numbering", "").split(" / "), 1):
        out[f"numbering_level{level}"] = style
    return out


def report(results: list[tuple[dict, dict]], show: int) -> str:
    total = collections.Counter()
    by_value: dict[tuple[str, str], collections.Counter] = collections.defaultdict(collections.Counter)
    pairs: dict[tuple, collections.Counter] = collections.defaultdict(collections.Counter)
    for gold, res in results:
        total.update(res["counts"])
        dims = sorted(_dimensions(gold["forge"]).items())
        for dim, value in dims:
            by_value[(dim, str(value))].update(res["counts"])
        for (d1, v1), (d2, v2) in itertools.combinations(dims, 2):
            pairs[(d1, str(v1), d2, str(v2))].update(res["counts"])
    lines = [HEAD, line("ALL", total), ""]
    for dim in sorted({d for d, _ in by_value}):
        lines.append(f"[{dim}]")
        rows = sorted(((v, c) for (d, v), c in by_value.items() if d == dim),
                      key=lambda vc: ratio(vc[1]["fields_ok"], vc[1]["fields"]))
        lines += [line("  " + v[:42], c) for v, c in rows]
    lines += _wordings(results)
    worst = sorted(((k, c) for k, c in pairs.items() if c["docs"] >= 3),
                   key=lambda kc: (ratio(kc[1]["perfect"], kc[1]["docs"]), ratio(kc[1]["fields_ok"], kc[1]["fields"])))
    lines += ["", f"worst combinations (at least 3 reports), by share of perfect reports:", HEAD]
    lines += [line(f"{d1}={v1} & {d2}={v2}"[:44], c) for (d1, v1, d2, v2), c in worst[:show]]
    failing = [(gold, res) for gold, res in results if res["wrong"]]
    lines += ["", f"{len(failing)} reports with a miss; the first {min(show, len(failing))}:"]
    for gold, res in failing[:show]:
        lines.append(f"  {gold['file']} ({gold['forge']['format']}, {gold['forge']['columns']}): "
                     + "; ".join(res["wrong"][:5]))
    return "\n".join(lines)


def _wordings(results: list[tuple[dict, dict]]) -> list[str]:
    """Prose reports: the share of stated values read right, by the kind of wording that states them
    (the gold's prose_sources: 'score', 'bracket', 'full', 'authority', 'subtotal', ...)."""
    right, stated = collections.Counter(), collections.Counter()
    for gold, res in results:
        sources = gold.get("prose_sources")
        for cid, fld, good in res["checked"] if sources else ():
            kind = f"{sources[cid][fld].split(':')[0]} -> {fld}"
            right[kind] += good
            stated[kind] += 1
    if not stated:
        return []
    lines = ["[prose wording -> field] (stated values only)"]
    for kind in sorted(stated, key=lambda k: right[k] / stated[k]):
        lines.append(f"  {kind:<42} {stated[kind]:>5} {right[kind] / stated[kind]:>7.1%}")
    return lines


def compare(before: list[tuple[dict, dict]], after: list[tuple[dict, dict]]) -> str:
    """Score fields and perfect reports per dimension value, two loads of one forged folder side by side."""
    sums = []
    for results in (before, after):
        by_value: dict[tuple[str, str], collections.Counter] = collections.defaultdict(collections.Counter)
        for gold, res in results:
            by_value[("ALL", "")].update(res["counts"])
            for dim, value in _dimensions(gold["forge"]).items():
                by_value[(dim, str(value))].update(res["counts"])
        sums.append(by_value)
    head = f"{'dimension = value':<40} {'docs':>5} {'fields before':>13} {'after':>7} {'perfect before':>14} {'after':>7}"
    lines = [head]
    for key in sorted(sums[1], key=lambda k: (k[0] != "ALL", k[0], ratio(sums[1][k]["fields_ok"], sums[1][k]["fields"]))):
        b, a = sums[0][key], sums[1][key]
        name = "ALL" if key[0] == "ALL" else f"{key[0]} = {key[1]}"
        lines.append(f"{name[:40]:<40} {a['docs']:>5} {ratio(b['fields_ok'], b['fields']):>13.1%} "
                     f"{ratio(a['fields_ok'], a['fields']):>7.1%} {ratio(b['perfect'], b['docs']):>14.1%} "
                     f"{ratio(a['perfect'], a['docs']):>7.1%}")
    return "\n".join(lines)


def score_folder(folder: pathlib.Path, db: pathlib.Path, where: dict[str, str] | None = None) -> list[tuple[dict, dict]]:
    """Each report's gold and counts; ``where`` keeps the reports whose dimensions have those values."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    out = []
    for path in sorted((folder / "gold").glob("*.json")):
        gold = json.loads(path.read_text("utf-8"))
        dims = _dimensions(gold["forge"])
        if all(str(dims.get(d)) == v for d, v in (where or {}).items()):
            out.append((gold, score_one(con, gold)))
    return out


def ingest(folder: pathlib.Path, db: pathlib.Path, workers: int) -> None:
    db.unlink(missing_ok=True)
    chamdiem = pathlib.Path(sys.executable).parent / "chamdiem"
    subprocess.run([str(chamdiem), "ingest", str(folder / "reports"), "--db", str(db), "--workers", str(workers),
                    "--quiet"], check=False)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", type=pathlib.Path)
    ap.add_argument("--db", type=pathlib.Path)
    ap.add_argument("--ingest", action="store_true", help="load the folder's reports into --db first")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--show", type=int, default=15)
    ap.add_argument("--before", type=pathlib.Path, help="another load of the same folder: print both side by side")
    ap.add_argument("--where", action="append", default=[], metavar="DIMENSION=VALUE",
                    help="only the reports with this dimension value (repeatable), e.g. --where layout=prose")
    args = ap.parse_args(argv)
    where = dict(pair.split("=", 1) for pair in args.where)
    db = args.db or args.folder / "forge.sqlite"
    if args.ingest:
        ingest(args.folder, db, args.workers)
    if args.before:
        print(compare(score_folder(args.folder, args.before, where), score_folder(args.folder, db, where)))
        return 0
    print(report(score_folder(args.folder, db, where), args.show))
    return 0


if __name__ == "__main__":
    sys.exit(main())
