"""Frameworks are a value handed to each call (a FrameworkSet), not process-wide state: two calls
with different folders in one process each read under their own, the worker processes (started
before the second call) read under the caller's set, and no call changes os.environ."""
import os
import pathlib
import pickle

import pytest

import chamdiem
from chamdiem.model.errors import CatalogError
from chamdiem.normalizers.framework_catalog import FRAMEWORKS_ENV, FrameworkSet, frameworks
from conftest import query

SHEET = pathlib.Path(__file__).parent / "sheets" / "sheet_of_unknown_framework.txt"
PROVISIONAL = "sheet:so-khoa-hoc-va-cong-nghe-2024"


def folder_with(tmp_path, framework_id: str) -> pathlib.Path:
    """A frameworks folder holding one framework learned from the sheet, under ``framework_id``."""
    folder = tmp_path / framework_id
    folder.mkdir()
    (folder / f"{framework_id}.toml").write_text(chamdiem.learn_framework(SHEET, framework_id), "utf-8")
    return folder


def document_of(db: str) -> dict:
    (row,) = query(db, "SELECT framework, items_expected, criteria_expected FROM v_documents")
    return row


@pytest.fixture
def no_frameworks_in_environment(monkeypatch):
    monkeypatch.delenv(FRAMEWORKS_ENV, raising=False)


def test_two_ingests_with_different_folders_in_one_process_each_get_their_own_frameworks(
        tmp_path, no_frameworks_in_environment):
    first, second = folder_with(tmp_path, "cchc-first"), folder_with(tmp_path, "cchc-second")
    environment = dict(os.environ)
    dbs = [str(tmp_path / f"{name}.sqlite") for name in ("first", "second", "none")]
    chamdiem.ingest(SHEET, db=dbs[0], workers=1, frameworks=[first])
    chamdiem.ingest(SHEET, db=dbs[1], workers=1, frameworks=[second])
    chamdiem.ingest(SHEET, db=dbs[2], workers=1)
    assert dict(os.environ) == environment
    # the worker processes read under the caller's set; the writing process measures completeness
    # against the same set (the root and 12 items; 3 criteria), not against the environment's
    assert document_of(dbs[0]) == {"framework": "cchc-first", "items_expected": 13, "criteria_expected": 3}
    assert document_of(dbs[1]) == {"framework": "cchc-second", "items_expected": 13, "criteria_expected": 3}
    assert document_of(dbs[2]) == {"framework": PROVISIONAL, "items_expected": None, "criteria_expected": None}
    thresholds = "SELECT DISTINCT framework FROM classification_thresholds ORDER BY framework"
    assert [r["framework"] for r in query(dbs[1], thresholds)] == ["cchc-second", "dvcq"]


def test_extract_and_remap_take_the_folders_of_the_call_and_leave_the_environment(
        tmp_path, no_frameworks_in_environment):
    folder = folder_with(tmp_path, "cchc-skhcn")
    environment = dict(os.environ)
    assert chamdiem.extract(SHEET, frameworks=[folder]).framework == "cchc-skhcn"
    assert chamdiem.extract(SHEET).framework == PROVISIONAL
    db = str(tmp_path / "remap.sqlite")
    chamdiem.ingest(SHEET, db=db, workers=1)
    assert chamdiem.remap(db, frameworks=[folder]).remapped == {SHEET.name: "cchc-skhcn"}
    assert document_of(db)["framework"] == "cchc-skhcn"
    assert dict(os.environ) == environment


def test_the_environment_is_read_where_no_set_is_given_and_added_to_by_the_call(tmp_path, monkeypatch):
    from_environment, given = folder_with(tmp_path, "cchc-env"), folder_with(tmp_path, "cchc-given")
    monkeypatch.setenv(FRAMEWORKS_ENV, str(from_environment))
    chosen = chamdiem.framework_set([given, given])
    assert chosen == FrameworkSet((str(from_environment), str(given)))
    assert {"cchc-env", "cchc-given", "dvcq", "tdkt-tmth"} == set(chosen)
    assert set(frameworks()) == {"cchc-env", "dvcq", "tdkt-tmth"}
    assert os.environ[FRAMEWORKS_ENV] == str(from_environment)


def test_a_set_crosses_to_a_worker_as_its_folders_and_each_set_has_its_own_framework_objects(tmp_path):
    first, second = folder_with(tmp_path, "cchc-first"), folder_with(tmp_path, "cchc-second")
    one, other = FrameworkSet.of([first]), FrameworkSet.of([second])
    assert pickle.loads(pickle.dumps(one)) == one and len(pickle.dumps(one)) < 300
    # the memories on a Framework (its index, the sheets it mapped) belong to one set's objects
    assert one.get("dvcq") is one.get("dvcq")
    assert one.get("dvcq") is not other.get("dvcq")
    assert one.get("cchc-second") is None and other.get("cchc-second").id == "cchc-second"


def test_a_folder_given_to_a_call_that_does_not_load_is_refused_before_anything_is_read(
        tmp_path, no_frameworks_in_environment):
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "x.toml").write_text('id = "x"\n', "utf-8")
    db = tmp_path / "never.sqlite"
    with pytest.raises(CatalogError, match="x.toml"):
        chamdiem.ingest(SHEET, db=str(db), workers=1, frameworks=[bad])
    assert not db.exists()
    assert FRAMEWORKS_ENV not in os.environ


def test_dask_workers_read_under_the_callers_set(tmp_path, no_frameworks_in_environment):
    pytest.importorskip("dask.distributed", reason="pip install 'chamdiem[distributed]'")
    folder = folder_with(tmp_path, "cchc-skhcn")
    db = str(tmp_path / "dask.sqlite")
    chamdiem.ingest(SHEET, db=db, workers=1, executor="dask", frameworks=[folder])
    assert document_of(db) == {"framework": "cchc-skhcn", "items_expected": 13, "criteria_expected": 3}
    assert FRAMEWORKS_ENV not in os.environ
