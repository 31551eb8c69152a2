"""A handful of forged reports (bench/forge.py: its own wordings, layouts and planted errors, gold computed
from the data) in the fast formats, loaded into a real SQLite database, must read exactly: every score
field, no extra row, every planted finding and no other. The dimensions pinned here are the region the
readers must hold; `make forge` measures the whole space."""
import pathlib
import sys

import pytest

BENCH = pathlib.Path(__file__).resolve().parents[1] / "bench"
sys.path.insert(0, str(BENCH))

import forge  # noqa: E402
import forge_score  # noqa: E402

from chamdiem.api import ingest  # noqa: E402

FAST = {"txt": 1, "md": 1, "html": 1, "xlsx": 1, "docx": 1, "docx_rev": 1}
PINNED = {"number_place": "column", "names": "full", "header_words": "first", "phrasing": "0"}


@pytest.fixture(scope="module")
def forged(tmp_path_factory):
    out = tmp_path_factory.mktemp("forge")
    forge.forge(out, 8, seed=11, formats=FAST, fixed=PINNED, cycle_formats=True)
    db = str(out / "forge.sqlite")
    result = ingest(out / "reports", db, workers=1)
    return out, db, result


def test_forged_reports_all_load(forged):
    out, db, result = forged
    assert result.failed == 0
    assert result.loaded == 8


def test_forged_reports_read_every_score_field_and_finding(forged):
    out, db, _ = forged
    results = forge_score.score_folder(out, pathlib.Path(db))
    misses = {gold["file"]: res["wrong"] for gold, res in results
              if res["wrong"] and any(not w.startswith("metadata") for w in res["wrong"])}
    assert misses == {}
    formats = {gold["forge"]["format"] for gold, _ in results}
    assert formats == {"txt", "md", "html", "xlsx", "docx", "docx_rev"}
    planted = sum(len(gold["findings"]) for gold, _ in results)
    assert planted > 0
