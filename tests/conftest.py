import pathlib
import sqlite3

import pytest

from chamdiem.pipeline.extract import extract_document
from chamdiem.readers.dispatch import read_bytes, read_document

FIXTURES = pathlib.Path(__file__).parent / "fixtures"
SHARED = pathlib.Path(__file__).resolve().parents[2] / "shared"


def extract_file(path):
    data, sha = read_bytes(str(path))
    return extract_document(read_document(str(path), data, sha))


def without_soffice(fixture):
    """The skip mark of a test whose fixture LibreOffice prints (tests/*_soffice.py)."""
    return pytest.mark.skipif(fixture.SOFFICE is None, reason=(
        "LibreOffice is not installed (.ci/run installs libreoffice-writer-nogui)"))


def soffice_doc(tmp_path_factory, fixture, name):
    """The report a *_soffice.py script prints into a fresh folder, read and extracted."""
    path = tmp_path_factory.mktemp("sheet") / name
    fixture.write(path)
    return extract_file(path)


def fixture_doc(name):
    return extract_file(FIXTURES / name)


def scores_of(doc):
    fields = ("max_points", "self_score", "authority_score", "bonus_max", "bonus_self")
    return {s.criterion_id: tuple(s.values[f] for f in fields) for s in doc.scores}


def findings_of(doc, *, include_info=False):
    return sorted(((f.criterion_id, f.kind) for f in doc.findings if include_info or f.severity != "info"),
                  key=str)


def upgrade_to(db: str, revision: str) -> None:
    """A new SQLite database built by the migrations only up to ``revision``: a database as an older
    chamdiem left it."""
    from importlib import resources

    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine
    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("chamdiem.store.schema").joinpath("migrations")))
    with create_engine(f"sqlite:///{db}").begin() as con:
        cfg.attributes["connection"] = con
        command.upgrade(cfg, revision)


def fts_entries(con) -> list[tuple]:
    """Every entry of search_fts's index (term, rowid, column, position), in order: what the
    contentless full-text table holds (it keeps no text to compare)."""
    con.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_fts_entries USING fts5vocab(main, search_fts, instance)")
    return con.execute("SELECT term, doc, col, offset FROM temp.search_fts_entries ORDER BY term, doc, offset").fetchall()


def fts_as_written(con) -> list[tuple]:
    """The entries search_fts must hold: each search_index piece's search_fold under its id, indexed
    afresh by a full-text table of the same tokenizer (fts_entries' form)."""
    from chamdiem.store.database import search_fold
    con.execute("CREATE VIRTUAL TABLE temp.search_fts_expected USING fts5(folded, "
                "tokenize = 'unicode61 remove_diacritics 2')")
    con.executemany("INSERT INTO temp.search_fts_expected (rowid, folded) VALUES (?, ?)",
                    [(i, search_fold(t)) for i, t in con.execute("SELECT id, text FROM search_index")])
    con.execute("CREATE VIRTUAL TABLE temp.search_fts_expected_entries USING fts5vocab(temp, search_fts_expected, "
                "instance)")
    out = con.execute("SELECT term, doc, col, offset FROM temp.search_fts_expected_entries "
                      "ORDER BY term, doc, offset").fetchall()
    con.execute("DROP TABLE temp.search_fts_expected_entries")
    con.execute("DROP TABLE temp.search_fts_expected")
    return out


def query(db, sql, *args):
    con = sqlite3.connect(db)
    con.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in con.execute(sql, args)]
    finally:
        con.close()


@pytest.fixture
def db(tmp_path):
    return str(tmp_path / "scores.sqlite")


def seed_renditions_meet_gold(tmp_path, fmt, write):
    """Writes every seed report as ``fmt`` with ``write``, ingests them and runs the gold checker on
    gold files renamed to match. Returns (exit status, checker output)."""
    import json
    import subprocess
    import sys

    from chamdiem.interfaces.cli import main
    folder = tmp_path / "in"
    folder.mkdir()
    for src in sorted((SHARED / "seeds").glob("*.txt")):
        write(src.read_text("utf-8"), folder / (src.stem + "." + fmt))
    gold = tmp_path / "gold"
    gold.mkdir()
    for g in sorted((SHARED / "gold").glob("*.json")):
        data = json.loads(g.read_text("utf-8"))
        data["file"] = data["file"].rsplit(".", 1)[0] + "." + fmt
        (gold / g.name).write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    db = str(tmp_path / "s.sqlite")
    main(["ingest", str(folder), "--db", db, "--quiet"])
    res = subprocess.run([sys.executable, str(SHARED / "eval" / "check_gold.py"), "--db", db, "--gold", str(gold),
                          "--min-score", "1", "--min-findings", "1", "--min-metadata", "0.9",
                          "--min-citations", "0.97"], capture_output=True, text=True)
    return res.returncode, res.stdout[-3000:]
