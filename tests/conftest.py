import os
import pathlib
import sqlite3

import pytest

from pipeline.extract import extract_document
from readers.dispatch import read_bytes, read_document

FIXTURES = pathlib.Path(__file__).parent / "fixtures"
SHARED = pathlib.Path(__file__).resolve().parents[2] / "shared"


def extract_file(path):
    data, sha = read_bytes(str(path))
    return extract_document(read_document(str(path), data, sha))


def fixture_doc(name):
    return extract_file(FIXTURES / name)


def scores_of(doc):
    fields = ("max_points", "self_score", "authority_score", "bonus_max", "bonus_self")
    return {s.criterion_id: tuple(s.values[f] for f in fields) for s in doc.scores}


def findings_of(doc, *, include_info=False):
    return sorted(((f.criterion_id, f.kind) for f in doc.findings if include_info or f.severity != "info"),
                  key=str)


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
