"""Ingests running at once into one PostgreSQL database, as real processes started together on a
new, empty database: they create the schema together, load overlapping folders (the same files,
and one broken file) and race resubmissions of the same units. Every round must end with the
database a serial run of the same ingests leaves: no ingest fails, no document is lost or loaded
twice, and each unit has exactly one current version."""
import multiprocessing
import os
import traceback

import pytest
from sqlalchemy import create_engine, text

from pg_server import pg  # noqa: F401  (fixture)
from reports import dvcq_report
from chamdiem.store.schema.views import view_name, view_statements

ROUNDS = int(os.environ.get("CHAMDIEM_TEST_ROUNDS", "20"))
# what differs between two loads of the same files: database ids (of documents and units), load
# times, and which of two equally placed versions was replaced by the other first (and so which is
# the 'first' and which the 'resubmission')
ORDER_DEPENDENT = {"document_id", "id", "cited_document_id", "observation_id", "loaded_at", "at", "superseded_by",
                   "version_reason", "version_kind", "unit_id", "other_unit_id", "parent_id"}
EVIDENCE = "Kế hoạch số 24/KH-UBND ngày 17/3/2023; Quyết định số 1211/QĐ-UBND ngày 12/5/2020"


def _write(path, unit: str, scored: int, day: int = 5):
    path.parent.mkdir(parents=True, exist_ok=True)
    scores = [8, 9, 10, 8, 9, 10, 8, 9, 10, 9][:scored]
    path.write_text(dvcq_report(unit, 2024, scores, evidence=EVIDENCE, day=day), "utf-8")


@pytest.fixture(scope="module")
def folders(tmp_path_factory):
    """Per ingest k of four: its own report, the shared folder (three reports and an empty file)
    and version k of two units, each version more complete than the one before (so which is
    current does not depend on the order they are loaded in)."""
    root = tmp_path_factory.mktemp("concurrent")
    shared = root / "shared"
    for k in range(3):
        _write(shared / f"chung-{k}.txt", f"UBND phường Chung {k}", 10)
    (shared / "rong.txt").write_bytes(b"")
    out = []
    for k in range(4):
        own = root / f"ingest-{k}"
        _write(own / "rieng.txt", f"UBND xã Riêng {k}", 10)
        for unit in ("Tịnh Kỳ", "Nghĩa Hà"):
            _write(root / f"versions-{k}" / f"{unit}-lan-{k}.txt", f"UBND xã {unit}", 4 + 2 * k)
        out.append([str(own), str(shared), str(root / f"versions-{k}")])
    return out


def _ingest_process(paths, url, start, results):
    """One ingest, as the chamdiem program runs it, once every process has started."""
    from chamdiem.pipeline.ingest import ingest
    from chamdiem.pipeline.workers import fork_workers_directly
    fork_workers_directly()
    start.wait()
    try:
        summary = ingest(paths, url, workers=1, quiet=True)
        results.put(("ok", summary.loaded + summary.replaced + summary.held_back, summary.unchanged, summary.failed))
    except BaseException:   # noqa: BLE001 (reported to the test, which fails on it)
        results.put(("error", traceback.format_exc()))


def _run(url, ingests, at_once: bool) -> list[tuple]:
    context = multiprocessing.get_context("fork")
    results = context.Queue()
    start = context.Barrier(len(ingests) if at_once else 1)
    processes = [context.Process(target=_ingest_process, args=(paths, url, start, results)) for paths in ingests]
    out = []
    for process in processes:
        process.start()
        if not at_once:
            out.append(results.get(timeout=120))
            process.join()
    if at_once:
        out = [results.get(timeout=120) for _ in processes]
        for process in processes:
            process.join()
    return out


def _contents(url) -> dict:
    """Every analyst view's rows, without what depends on load order, in a fixed order."""
    engine = create_engine(url)
    out = {}
    with engine.connect() as con:
        for stmt in view_statements():
            view = view_name(stmt)
            result = con.execute(text(f"SELECT * FROM {view}"))
            keep = [k for k, name in enumerate(result.keys()) if name not in ORDER_DEPENDENT]
            rows = [tuple(row[k] for k in keep) for row in result]
            if view == "v_unit_doubts":   # (name, other name, …): which of the two came first is load order
                rows = [tuple(sorted(row[:2])) + row[2:] for row in rows]
            out[view] = sorted(rows, key=repr)
        out["current per unit"] = con.execute(text(
            "SELECT issuer, count(*) FROM documents WHERE is_current GROUP BY issuer ORDER BY issuer")).all()
    engine.dispose()
    return out


@pytest.mark.parametrize("count", [2, 4])
def test_ingests_at_once_leave_what_a_serial_run_leaves(pg, folders, count):  # noqa: F811
    ingests = folders[:count]
    serial_url = pg.new_database()
    serial = _run(serial_url, ingests, at_once=False)
    assert [r[0] for r in serial] == ["ok"] * count, serial
    expected = _contents(serial_url)
    files = 3 + count + 2 * count   # shared, own, versions (the empty file fails)
    assert sum(r[1] for r in serial) == files and [r[3] for r in serial] == [1] * count
    assert all(n == 1 for _, n in expected["current per unit"])
    assert len(expected["v_ingest_errors"]) == 1
    for round_ in range(ROUNDS):
        url = pg.new_database()
        results = _run(url, ingests, at_once=True)
        errors = [r[1] for r in results if r[0] != "ok"]
        assert not errors, f"round {round_}: {errors[0]}"
        # every distinct file stored once; the shared ones the other ingests found loaded meanwhile
        assert sum(r[1] for r in results) == files, (round_, results)
        assert sum(r[2] for r in results) == 3 * (count - 1), (round_, results)
        assert _contents(url) == expected, f"round {round_}"
        pg.drop_database(url)
