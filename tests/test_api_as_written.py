"""The Python API used as the README shows it: `chamdiem.ingest` from a plain script with no
`if __name__ == "__main__":` guard, from `python -` (a notebook's way of running code) and from
`python -c`, in real interpreter processes; a missing path refused with a typed error; a unit
found whatever tone marks are typed."""
import os
import subprocess
import sys

import pytest

from chamdiem.model.errors import IngestError, NotFound
from reports import dvcq_report

SCRIPT = """import chamdiem
result = chamdiem.ingest([{folder!r}], db={db!r}, workers=2)
print(result.loaded, result.failed, [kind for _, kind, _ in result.failures])
"""


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    here = tmp_path_factory.mktemp("reports")
    (here / "tu-phap.txt").write_text(dvcq_report("Sở Tư pháp", 2024, [9] * 10), "utf-8")
    (here / "tinh-ky.txt").write_text(dvcq_report("UBND xã Tịnh Kỳ", 2024, [8] * 10), "utf-8")
    return here


def run_python(args: list[str], tmp_path, stdin: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    return subprocess.run([sys.executable, *args], input=stdin, capture_output=True, text=True, timeout=300,
                          cwd=tmp_path, env=env)


@pytest.mark.parametrize("how", ["script", "stdin", "dash_c"])
def test_ingest_from_code_without_a_main_guard_reads_every_file(how, folder, tmp_path):
    """The workers start from a fork server: it must not run the caller's script again, or every
    file ends as worker_crashed (a script) or the batch breaks (stdin)."""
    code = SCRIPT.format(folder=str(folder), db=str(tmp_path / "q.sqlite"))
    if how == "script":
        (tmp_path / "load.py").write_text(code, "utf-8")
        done = run_python(["load.py"], tmp_path)
    elif how == "stdin":
        done = run_python(["-"], tmp_path, stdin=code)
    else:
        done = run_python(["-c", code], tmp_path)
    assert (done.returncode, done.stdout) == (0, "2 0 []\n"), done.stderr


def test_ingest_of_a_missing_path_raises_not_found_and_writes_nothing(folder, tmp_path):
    import chamdiem
    db = tmp_path / "q.sqlite"
    with pytest.raises(NotFound) as raised:
        chamdiem.ingest([str(folder), str(tmp_path / "nope")], str(db))
    assert isinstance(raised.value, IngestError) and raised.value.kind == "not_found"
    assert (raised.value.path, raised.value.reason) == (str(tmp_path / "nope"), "no such file or folder")
    assert not db.exists()


def test_scores_of_a_unit_ignore_tone_marks_and_case(folder, tmp_path):
    import chamdiem
    db = str(tmp_path / "q.sqlite")
    assert chamdiem.ingest(str(folder), db, workers=1).loaded == 2
    for typed in ("tu phap", "Tư pháp", "TU PHAP", "sở tư"):
        found = chamdiem.scores(db, unit=typed)
        assert sorted(set(found["issuer"])) == ["Sở Tư pháp"], typed
        assert len(found) == len(chamdiem.scores(db, unit="Sở Tư pháp")) == 11, typed
    assert len(chamdiem.documents(db, unit="tinh ky", year=2024, framework="dvcq")) == 1
    assert chamdiem.findings(db, unit="ha noi").empty
