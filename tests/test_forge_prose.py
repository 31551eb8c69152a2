"""The forge's prose layout (bench/forge_prose.py): reports whose scores are only in sentences. Every value
its gold holds is written in the report (as written: the report's decimal mark), except those a reader
computes from the maximum ('đạt điểm tối đa', 'bị trừ 1 điểm'), which the gold names; the layout and its
own dimensions are recorded; no score sheet is written; a planted self score over its maximum is on the
page with its maximum and in the gold's findings; and drawing prose reports leaves the seed's sheet
reports byte for byte as they were."""
import html
import json
import pathlib
import re
import sys

import docx
import pytest

BENCH = pathlib.Path(__file__).resolve().parents[1] / "bench"
sys.path.insert(0, str(BENCH))

import forge  # noqa: E402
import forge_prose  # noqa: E402

TEXT_FORMATS = {"txt": 1, "md": 1, "html": 1, "docx": 1}
ENCODINGS = {"utf-8": "utf-8", "utf-8-sig": "utf-8-sig", "utf-16": "utf-16", "cp1258": "cp1258", "native": "utf-8"}


def _text(path: pathlib.Path, encoding: str) -> str:
    if path.suffix == ".docx":
        d = docx.Document(path)
        cells = [c.text for t in d.tables for r in t.rows for c in r.cells]
        return "\n".join([p.text for p in d.paragraphs] + cells)
    text = path.read_bytes().decode(ENCODINGS[encoding])
    return html.unescape(re.sub(r"<[^>]+>", " ", text)) if path.suffix == ".html" else text


def _golds(out: pathlib.Path) -> list[dict]:
    return [json.loads(p.read_text("utf-8")) for p in sorted((out / "gold").glob("*.json"))]


@pytest.fixture(scope="module")
def prose_reports(tmp_path_factory):
    out = tmp_path_factory.mktemp("forge_prose")
    forge.forge(out, 16, seed=23, formats=TEXT_FORMATS, fixed={"layout": "prose"}, cycle_formats=True)
    return out


def test_every_gold_value_is_written_in_the_report(prose_reports):
    checked = 0
    for gold in _golds(prose_reports):
        text = _text(prose_reports / "reports" / gold["file"], gold["forge"]["encoding"])
        comma = gold["forge"]["decimal"] == "comma"
        derived = {(cid, fld) for cid, fld, _ in gold["prose_derived"]}
        for cid, values in gold["scores"].items():
            for fld, value in zip(gold["score_fields"], values):
                if value is None or (cid, fld) in derived:
                    continue
                written = forge_prose.fmt(value, comma)
                assert re.search(rf"(?<![\d,.]){re.escape(written)}(?![\d]|[,.]\d)", text), (gold["file"], cid, fld, written)
                checked += 1
    assert checked > 300


def test_values_from_the_maximum_are_named_and_their_maximum_is_the_framework_s(prose_reports):
    hows = set()
    for gold in _golds(prose_reports):
        for cid, fld, how in gold["prose_derived"]:
            hows.add(how)
            assert fld == "self_score" and cid in gold["scores"]
    assert hows == {"full", "deduct"}


def test_the_layout_and_its_dimensions_are_recorded(prose_reports):
    golds = _golds(prose_reports)
    for gold in golds:
        dims = gold["forge"]
        assert dims["layout"] == "prose"
        assert all(dims[d] == "-" for d in forge_prose.TABLE_ONLY)
        assert all(dims[d] not in (None, "-") for d in forge_prose.DIMENSIONS)
    assert {g["forge"]["format"] for g in golds} == set(TEXT_FORMATS)
    assert len({g["forge"]["prose_intro"] for g in golds}) >= 4


def test_no_score_sheet_is_written(prose_reports):
    for gold in _golds(prose_reports):
        path = prose_reports / "reports" / gold["file"]
        if path.suffix == ".docx":
            assert all(len(t.columns) <= 2 for t in docx.Document(path).tables)    # header and signature blocks only
            continue
        raw = path.read_bytes().decode(ENCODINGS[gold["forge"]["encoding"]])
        assert "<table border" not in raw
        assert not [line for line in raw.splitlines() if line.count("\t") >= 2 or line.count(" | ") >= 2]


def test_a_self_score_planted_over_its_maximum_is_written_with_its_maximum_and_found(tmp_path):
    forge.forge(tmp_path, 6, seed=29, formats={"txt": 1}, fixed={"layout": "prose", "errors": "self_over_max"})
    for gold in _golds(tmp_path):
        over = [cid for cid, kind in gold["findings"] if kind == "self_exceeds_max"]
        assert len(over) == 1, gold["file"]
        maximum, self_score = gold["scores"][over[0]][:2]
        assert self_score > maximum


def test_prose_reports_leave_the_sheet_reports_of_a_seed_as_they_were(tmp_path):
    formats = {"txt": 1, "md": 1, "html": 1}
    forge.forge(tmp_path / "sheets", 14, seed=31, formats=formats)
    forge.forge(tmp_path / "mixed", 14, seed=31, formats=formats, prose_share=0.5)
    layouts = {g["file"]: g["forge"]["layout"] for g in _golds(tmp_path / "mixed")}
    assert "prose" in layouts.values() and set(layouts.values()) - {"prose"}
    for name, layout in layouts.items():
        if layout != "prose":
            assert (tmp_path / "mixed" / "reports" / name).read_bytes() == \
                   (tmp_path / "sheets" / "reports" / name).read_bytes()


def test_the_score_table_counts_prose_values_by_their_wording(tmp_path):
    from chamdiem.api import ingest
    import forge_score

    forge.forge(tmp_path, 4, seed=37, formats={"txt": 1, "md": 1}, fixed={"layout": "prose"})
    db = tmp_path / "forge.sqlite"
    assert ingest(tmp_path / "reports", str(db), workers=1).loaded == 4
    results = forge_score.score_folder(tmp_path, db, where={"layout": "prose"})
    stated = sum(1 for gold, _ in results for vals in gold["scores"].values() for v in vals if v is not None)
    rows = [line.split() for line in forge_score._wordings(results)[1:]]
    assert sum(int(row[-2]) for row in rows) == stated
    assert {row[0] for row in rows} <= set(forge.WORDS["prose"]) | {"total"}      # each a list of the forge's words
    assert forge_score.score_folder(tmp_path, db, where={"layout": "table"}) == []
