"""A database whose disk fills up during an ingest: one line naming the database and how much room
the rest needs, exit status 3, what was loaded before kept, and the same ingest run again with room
loads the rest. The disk is a real small filesystem (tmpfs) mounted in a mount namespace of its own
(`unshare`: as root, or as a user where user namespaces are allowed)."""
import os
import re
import shutil
import subprocess
import sys

import pytest

from conftest import query
from reports import dvcq_report
from chamdiem.interfaces.cli import main

REPORTS = 40


def _reports(folder):
    """Reports of about 47 KB each: a 1.5 MB filesystem holds the schema and a few of them."""
    folder.mkdir()
    for k in range(REPORTS):
        evidence = " ".join(f"Kế hoạch số {k * 10 + j}/KH-UBND ngày 1{j % 9 + 1}/3/2023" for j in range(30))
        text = dvcq_report(f"UBND xã Số {k}", 2024, [8, 9, 10, 8, 9, 10, 8, 9, 10, 9], evidence=evidence)
        (folder / f"r{k:02d}.txt").write_text(text + f"Nội dung tường thuật của đơn vị số {k}. " * 800, "utf-8")


def _namespace() -> list[str]:
    """The command that runs a shell in a mount namespace of its own, or a skip."""
    unshare = shutil.which("unshare")
    if unshare is None:
        pytest.skip("no unshare (util-linux) to mount a small filesystem")
    command = [unshare, "--mount"] if os.geteuid() == 0 else [unshare, "--user", "--map-root-user", "--mount"]
    probe = subprocess.run(command + ["--", "true"], capture_output=True, text=True)
    if probe.returncode != 0:
        pytest.skip(f"no mount namespace for this user ({probe.stderr.strip()})")
    return command


def test_a_full_disk_is_one_line_with_the_room_needed_and_exit_status_3(tmp_path):
    _reports(tmp_path / "in")
    small, kept = tmp_path / "small", tmp_path / "kept"
    small.mkdir()
    kept.mkdir()
    script = (f'mount -t tmpfs -o size=1536k tmpfs "{small}" || exit 99; '
              f'"{sys.executable}" -m chamdiem.interfaces.cli ingest "{tmp_path / "in"}" --db "{small}/q.sqlite" '
              f'--workers 1; code=$?; cp "{small}"/q.sqlite* "{kept}/"; exit $code')
    run = subprocess.run(_namespace() + ["--", "sh", "-c", script], capture_output=True, text=True, timeout=300)
    if run.returncode == 99:
        pytest.skip(f"tmpfs cannot be mounted here: {run.stderr.strip()}")
    assert run.returncode == 3, run.stderr
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in run.stderr, run.stderr
    said = re.fullmatch(rf"chamdiem ingest: {re.escape(str(small))}/q\.sqlite: the disk is full \((\d+) bytes free in "
                        rf"{re.escape(str(small))}\): the (\d+) file\(s\) not loaded yet need about ([\d.]+) MB more; "
                        r"make room and run the same ingest again \(the (\d+) loaded are kept\)", lines[0])
    assert said, lines[0]
    free, left, need, loaded = int(said[1]), int(said[2]), float(said[3]), int(said[4])
    assert free < 64 * 1024 and 0 < loaded < REPORTS and left == REPORTS - loaded
    assert need >= left * 0.05   # at least the 50 KB of text each report holds
    db = str(kept / "q.sqlite")
    assert query(db, "SELECT count(*) AS n FROM v_documents") == [{"n": loaded}]
    assert main(["ingest", str(tmp_path / "in"), "--db", db, "--workers", "1", "--quiet"]) == 0
    assert query(db, "SELECT count(*) AS n FROM v_documents") == [{"n": REPORTS}]
    assert not os.path.exists(db + "-wal") or os.path.getsize(db + "-wal") == 0
