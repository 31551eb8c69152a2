"""The whole command, as a user runs it: `chamdiem ingest ONE_FILE --db EXISTING` and `chamdiem --help`,
wall time and CPU time (the process and every process it waited for), this checkout and a baseline
tree (`git archive COMMIT | tar -x -C DIR`) alternated run by run, so that both see the same load.

Each ingest starts from a fresh copy of ``--db`` (copied before the clock starts), so every run loads
the file into the same database; the output of every run is compared with the first one's. Both
trees run from compiled modules (compileall first, as an installed package does), and this tree
with the patterns an earlier run kept ($CHAMDIEM_CACHE, a folder of the bench's own, filled by one
first run, whose time is shown apart).

    .venv/bin/python bench/bench_one_file.py --db existing.sqlite --file one.txt --baseline /tmp/base --runs 30
"""
from __future__ import annotations

import argparse
import os
import pathlib
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]


def timed(cmd: list[str], tree: str) -> tuple[float, float, bytes]:
    """(wall s, CPU s of the process and the children it waited for, standard output)."""
    env = dict(os.environ, PYTHONPATH=tree)
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=tree, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_utime + usage.ru_stime, out


def _line(name: str, walls: list[float], cpus: list[float]) -> str:
    return (f"  {name:<9} wall median {statistics.median(walls):.3f} s (min {min(walls):.3f}), "
            f"CPU median {statistics.median(cpus):.3f} s (min {min(cpus):.3f})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", required=True, help="an existing SQLite database (copied fresh for every run)")
    ap.add_argument("--file", required=True, help="the one report to load")
    ap.add_argument("--baseline", required=True, help="a tree of the commit to compare with")
    ap.add_argument("--runs", type=int, default=30)
    ap.add_argument("--python", default=sys.executable)
    a = ap.parse_args()
    trees = {"this": str(ROOT), "baseline": os.path.abspath(a.baseline)}
    work = tempfile.mkdtemp(prefix="bench-one-")
    db = os.path.join(work, "run.sqlite")
    ingest = [a.python, "-m", "chamdiem.interfaces.cli", "ingest", os.path.abspath(a.file), "--db", db]
    helps = [a.python, "-m", "chamdiem.interfaces.cli", "--help"]
    results = {(name, what): ([], []) for name in trees for what in ("ingest", "help")}
    outputs: dict = {}
    # the compiled patterns a run keeps (chamdiem/lexicon/compiled_patterns.py): a folder of this bench's,
    # empty for one first run (what a machine's very first ingest costs), then as that run left it
    os.environ["CHAMDIEM_CACHE"] = os.path.join(work, "cache")
    for tree in trees.values():   # compiled modules, as an installed package has them
        subprocess.run([a.python, "-m", "compileall", "-q", os.path.join(tree, "chamdiem")], check=True,
                       stdout=subprocess.DEVNULL)
    shutil.copyfile(a.db, db)
    wall, cpu, _ = timed(ingest, trees["this"])
    print(f"this tree, first run with no compiled patterns kept: wall {wall:.3f} s, CPU {cpu:.3f} s")
    print(f"load before: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f}")
    for _ in range(a.runs):
        for name, tree in trees.items():
            for what, cmd in (("ingest", ingest), ("help", helps)):
                if what == "ingest":
                    for suffix in ("", "-wal", "-shm"):
                        if os.path.exists(db + suffix):
                            os.remove(db + suffix)
                    shutil.copyfile(a.db, db)
                wall, cpu, out = timed(cmd, tree)
                out = re.sub(rb" in [0-9.]+s\n", b" in Ts\n", out)   # the summary's own timing
                if outputs.setdefault((name, what), out) != out:
                    print(f"  {name} {what}: output differs from its first run:\n{out.decode()}")
                results[(name, what)][0].append(wall)
                results[(name, what)][1].append(cpu)
    print(f"load after: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f}")
    for what in ("ingest", "help"):
        print(f"{what} ({a.runs} alternated runs):")
        for name in trees:
            print(_line(name, *results[(name, what)]))
        same = outputs[("this", what)] == outputs[("baseline", what)]
        print(f"  output {'the same' if same else 'DIFFERS'} in both trees")
        if not same:
            print(outputs[("this", what)].decode())
            print(outputs[("baseline", what)].decode())
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
