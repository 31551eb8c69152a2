"""The chamdiem program forks its first reading workers from its own process (small, one thread):
they start at once instead of after a fork server has started Python and imported the readers.
A worker that replaces one that died comes from the fork server, and the per-file limits hold for
forked workers as for the server's. Real processes throughout; the program runs as a subprocess."""
import os
import subprocess
import sys
import textwrap

from conftest import FIXTURES, query

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REPORT = FIXTURES / "tsv_sheet_short_rows_and_html_cells.txt"

PROBE = textwrap.dedent('''
    import os, sys
    from chamdiem.pipeline import workers

    def work(path):
        if path == "dies":
            os._exit(3)
        return os.getppid()

    if __name__ == "__main__":
        if sys.argv[1] == "direct":
            workers.fork_workers_directly()
        got = list(workers.run_files(["first", "dies", "after"], work, lambda p, kind, m: kind, 1,
                                     workers.Limits(0, 0)))
        print(os.getpid(), *got)
''')


def _probe(tmp_path, how: str, source: str = PROBE) -> list[str]:
    script = tmp_path / "probe.py"
    script.write_text(source, "utf-8")
    out = subprocess.run([sys.executable, str(script), how], capture_output=True, text=True, check=True, cwd=ROOT)
    return out.stdout.split()


def test_the_programs_first_worker_is_its_own_child_and_a_replacement_comes_from_the_server(tmp_path):
    me, first, dies, after = _probe(tmp_path, "direct")
    assert first == me and dies == "worker_crashed" and after not in (me, first)


def test_code_calling_the_api_gets_every_worker_from_the_fork_server(tmp_path):
    me, first, dies, after = _probe(tmp_path, "server")
    assert first != me and dies == "worker_crashed" and after == first


def _program(*args) -> int:
    return subprocess.run([sys.executable, "-m", "chamdiem.interfaces.cli", "ingest", *map(str, args), "--quiet"],
                          cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE).returncode


def _only_failure_and_the_good_file(db, name: str, kind: str) -> None:
    assert [(r["file_name"], r["error_kind"]) for r in query(str(db), "SELECT * FROM v_ingest_errors")] == [(name, kind)]
    assert [r["file_name"] for r in query(str(db), "SELECT file_name FROM v_documents")] == ["zgood.txt"]


def test_a_forked_worker_past_the_memory_ceiling_is_too_large_and_the_batch_goes_on(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    with open(folder / "huge.txt", "wb") as fh:
        line = ("Báo cáo kết quả tự chấm điểm công tác dân vận năm 2024 của xã Tịnh Kỳ\n" * 1000).encode()
        while fh.tell() < 80 * 1024 * 1024:
            fh.write(line)
    (folder / "zgood.txt").write_bytes(REPORT.read_bytes())
    db = tmp_path / "scores.sqlite"
    assert _program(folder, "--db", db, "--max-memory-mb", "250", "--workers", "1") == 1
    _only_failure_and_the_good_file(db, "huge.txt", "too_large")


def test_a_forked_worker_past_the_time_limit_is_stopped_and_its_replacement_reads_on(tmp_path):
    sys.path.insert(0, os.path.join(ROOT, "bench"))
    import make_hostile
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "slow_pipe_table.md").write_bytes(make_hostile.pipe_table(1_500_000))  # ~15 s to read
    (folder / "zgood.txt").write_bytes(REPORT.read_bytes())
    db = tmp_path / "scores.sqlite"
    assert _program(folder, "--db", db, "--timeout", "1", "--workers", "1") == 1
    _only_failure_and_the_good_file(db, "slow_pipe_table.md", "timeout")


COLLECTOR_PROBE = textwrap.dedent('''
    import gc, sys
    from chamdiem.pipeline import workers

    def work(path):
        return "%d,%d,%d" % gc.get_threshold() + f"|{gc.get_freeze_count() > 0}"

    if __name__ == "__main__":
        if sys.argv[1] == "direct":
            workers.fork_workers_directly()
        print(*workers.run_files(["a", "b"], work, lambda p, kind, m: kind, 1, workers.Limits(0, 0)))
''')


def test_every_worker_freezes_what_it_imported_and_collects_at_the_programs_thresholds(tmp_path):
    from chamdiem.model.defaults import GC_THRESHOLDS
    for how in ("direct", "server"):
        assert _probe(tmp_path, how, COLLECTOR_PROBE) == ["%d,%d,%d|True" % GC_THRESHOLDS] * 2, how


FIRST_PROBE = textwrap.dedent('''
    import multiprocessing, os, sys
    from chamdiem.pipeline import workers

    def work(path):
        return f"{os.getpid()}|{os.getppid()}|{'chamdiem.pipeline.reading' in sys.modules}"

    if __name__ == "__main__":
        workers.fork_workers_directly()
        workers.start_first_worker()
        first = multiprocessing.active_children()[0].pid
        got = list(workers.run_files(["a", "b"], work, lambda p, kind, m: kind, 2, workers.Limits(0, 0)))
        workers.start_first_worker()   # then nothing needs reading: it is stopped
        assert list(workers.run_files([], work, lambda p, kind, m: kind, 2, workers.Limits(0, 0))) == []
        workers.start_first_worker()   # then the ingest stops before it reads
        workers.stop_first_worker()
        print(os.getpid(), first, "chamdiem.pipeline.reading" in sys.modules, len(multiprocessing.active_children()),
              *got)
''')


def test_the_programs_first_worker_imports_the_readers_before_its_work_comes_and_reads_the_first_file(tmp_path):
    """start_first_worker (the program calls it before it opens the database) forks a worker that
    imports the readers at once, while the program does not; the reading that follows hands it
    the first file and forks the others, and a first worker with nothing to read is stopped."""
    me, first, readers_here, left, a, b = _probe(tmp_path, "first", FIRST_PROBE)
    assert a == f"{first}|{me}|True"
    assert b.split("|")[1:] == [me, "False"] and b.split("|")[0] != first   # a second worker, forked as before
    assert readers_here == "False" and left == "0"


LAST_PROBE = textwrap.dedent('''
    import os, sys
    from chamdiem.pipeline import workers

    def work(path):
        return path

    if __name__ == "__main__":
        if sys.argv[1] == "direct":
            workers.fork_workers_directly()
        reading = workers.run_files(["a", "b"], work, lambda p, kind, m: kind, 1, workers.Limits(0, 0))
        results = iter(reading)
        first = next(results)
        worker = reading.pool[0]
        busy = worker.proc.is_alive()          # it was given "b" with the result of "a"
        last = next(results)                    # (the writer would store it now)
        worker.proc.join(60)                    # told no file is left: it ends on its own, before close()
        print(first, busy, last, worker.proc.exitcode, list(results))
''')


def test_a_worker_with_no_file_left_ends_while_the_writer_stores_its_last_result(tmp_path):
    """The ingest's last result is stored while its worker ends, not before it is told to."""
    for how in ("direct", "server"):
        assert _probe(tmp_path, how, LAST_PROBE) == ["a", "True", "b", "0", "[]"], how


def test_the_program_forks_its_first_worker_before_parsing_and_a_refused_command_line_stops_it(tmp_path):
    """`chamdiem ingest` forks its first worker before it parses its command line: a command line
    then refused is still exit 2 with its one line and no database, and the ceiling given reaches the
    worker with its work."""
    db = tmp_path / "q.sqlite"
    for args, said in ((["--workers", "0"], "--workers must be at least 1"),
                       (["--max-memory-mb", "100"], "--max-memory-mb 100: 0 (no ceiling) or at least 200"),
                       (["--scheduler", "tcp://127.0.0.1:1"], "--scheduler needs --executor dask")):
        out = subprocess.run([sys.executable, "-m", "chamdiem.interfaces.cli", "ingest", str(REPORT), "--db", str(db),
                              *args], cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert (out.returncode, out.stdout) == (2, ""), args
        assert said in out.stderr and not db.exists(), args
    assert _program(REPORT, "--db", db, "--max-memory-mb", "300") == 0
    assert [r["file_name"] for r in query(str(db), "SELECT file_name FROM v_documents")] == [REPORT.name]
