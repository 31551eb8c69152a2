"""A database whose disk fills up during an ingest: one line naming the database and how much room
the rest needs, exit status 3, what was loaded before kept, and the same ingest run again with room
loads the rest. The disk is a real small filesystem (tmpfs) mounted in a mount namespace of its own
(`unshare`: as root, or as a user where user namespaces are allowed)."""
import os
import random
import re
import shutil
import subprocess
import sys

import pytest

from conftest import query
from reports import dvcq_report
from pg_server import pg  # noqa: F401  (fixture)
from chamdiem.interfaces.cli import main

REPORTS = 40
SYLLABLES = ("dân", "vận", "chính", "quyền", "cơ", "sở", "nhân", "dân", "đơn", "vị", "kế", "hoạch", "thực", "hiện",
             "công", "tác", "tuyên", "truyền", "vận", "động", "xã", "phường", "thị", "trấn", "huyện", "tỉnh",
             "năm", "quý", "kết", "quả", "đạt", "được", "tốt", "khá", "hoàn", "thành", "nhiệm", "vụ", "giải",
             "quyết", "khiếu", "nại", "tố", "cáo", "tiếp", "công", "dân", "hòa", "giải", "đối", "thoại")


def _reports(folder, distinct_lines: bool = False):
    """Reports of about 47 KB each: a 1.5 MB filesystem holds the schema and a few of them.
    ``distinct_lines``: their narrative in lines that do not repeat, which PostgreSQL cannot
    compress to almost nothing."""
    folder.mkdir()
    for k in range(REPORTS):
        evidence = " ".join(f"Kế hoạch số {k * 10 + j}/KH-UBND ngày 1{j % 9 + 1}/3/2023" for j in range(30))
        text = dvcq_report(f"UBND xã Số {k}", 2024, [8, 9, 10, 8, 9, 10, 8, 9, 10, 9], evidence=evidence)
        if distinct_lines:
            pick = random.Random(k).choice
            text += "".join(" ".join(pick(SYLLABLES) for _ in range(14)) + ".\n" for _ in range(600))
        else:
            text += f"Nội dung tường thuật của đơn vị số {k}. " * 800
        (folder / f"r{k:02d}.txt").write_text(text, "utf-8")


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


def test_a_full_disk_on_the_postgresql_server_is_the_same_one_line_and_exit_status_3(pg, tmp_path):  # noqa: F811
    """The database's tablespace on a small tmpfs: the server answers 'could not extend file'."""
    if os.geteuid() != 0 or pg.folder is None:
        pytest.skip("needs root to mount a small filesystem for a tablespace of the throwaway server")
    from sqlalchemy import create_engine, text
    _reports(tmp_path / "in", distinct_lines=True)
    small = os.path.join(pg.folder, "small_disk")   # in the server's folder: the server can reach it
    os.mkdir(small)
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=5m", "tmpfs", small], capture_output=True,
                             text=True)
    if mounted.returncode != 0:
        pytest.skip(f"tmpfs cannot be mounted here: {mounted.stderr.strip()}")
    admin = create_engine(pg.url, isolation_level="AUTOCOMMIT")
    base, _, options = pg.url.partition("?")
    url = base.rsplit("/", 1)[0] + "/small_disk?" + options
    try:
        shutil.chown(small, "postgres", "postgres")
        with admin.connect() as con:
            con.execute(text(f"CREATE TABLESPACE small_disk LOCATION '{small}'"))
            con.execute(text("CREATE DATABASE small_disk TABLESPACE small_disk"))
        run = subprocess.run([sys.executable, "-m", "chamdiem.interfaces.cli", "ingest", str(tmp_path / "in"),
                              "--db", url, "--workers", "1"], capture_output=True, text=True, timeout=300)
        assert run.returncode == 3, run.stderr
        line = run.stderr.strip()
        assert "\n" not in line and re.fullmatch(
            rf"chamdiem ingest: {re.escape(url)}: the database server's disk is full: the (\d+) file\(s\) not "
            r"loaded yet need about [\d.]+ MB more; make room and run the same ingest again \(the (\d+) loaded "
            r"are kept\)", line), line
        left, loaded = map(int, re.findall(r"the (\d+) (?:file|loaded)", line))
        assert left + loaded == REPORTS and loaded > 0
        engine = create_engine(url)
        with engine.connect() as con:
            assert con.execute(text("SELECT count(*) FROM v_documents")).scalar() == loaded
        engine.dispose()
    finally:
        with admin.connect() as con:
            con.execute(text("DROP DATABASE IF EXISTS small_disk WITH (FORCE)"))
            con.execute(text("DROP TABLESPACE IF EXISTS small_disk"))
        admin.dispose()
        subprocess.run(["umount", small], capture_output=True)
        os.rmdir(small)
