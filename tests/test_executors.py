"""The database is the same whichever executor extracted the files: one process, two local
processes, or a Dask distributed cluster of several worker processes on loopback."""
import shutil

import pytest

from conftest import FIXTURES, query
from chamdiem.interfaces.cli import main
from chamdiem.pipeline.ingest import ingest

ROOT = FIXTURES.parents[1]
VIEWS = ("v_documents", "v_scores", "v_findings", "v_citations", "v_cited_documents", "v_ingest_errors")


def _folder(tmp_path):
    folder = tmp_path / "in"
    shutil.copytree(FIXTURES, folder)
    for p in (ROOT / "data" / "raw").iterdir():
        shutil.copy(p, folder / p.name)
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    return folder


def _contents(db):
    out = {}
    for view in VIEWS:
        rows = query(db, f"SELECT * FROM {view}")
        for r in rows:
            r.pop("at", None)   # when an error was recorded
            r.pop("path", None)
        out[view] = sorted(rows, key=repr)
    return out


def test_one_two_workers_and_a_dask_cluster_give_the_same_database(tmp_path):
    distributed = pytest.importorskip("dask.distributed", reason="pip install 'chamdiem[distributed]'")
    folder = _folder(tmp_path)
    one, two, dask_db = (str(tmp_path / f"{n}.sqlite") for n in ("one", "two", "dask"))
    ingest([str(folder)], one, workers=1, quiet=True)
    ingest([str(folder)], two, workers=2, quiet=True)
    with distributed.LocalCluster(n_workers=3, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None) as cluster:
        assert cluster.scheduler_address.startswith("tcp://127.0.0.1:")
        status = main(["ingest", str(folder), "--db", dask_db, "--quiet", "--executor", "dask",
                       "--scheduler", cluster.scheduler_address])
    assert status == 1  # broken.pdf failed, the rest loaded
    expected = _contents(one)
    assert len(expected["v_scores"]) > 50 and len(expected["v_citations"]) > 20
    assert _contents(two) == expected
    assert _contents(dask_db) == expected


def test_scheduler_without_the_dask_executor_is_a_usage_error(tmp_path, capsys):
    assert main(["ingest", str(FIXTURES), "--db", str(tmp_path / "x.sqlite"), "--scheduler", "tcp://127.0.0.1:1"]) == 2
    assert "--scheduler needs --executor dask" in capsys.readouterr().err
