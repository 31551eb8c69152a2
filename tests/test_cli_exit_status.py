"""No traceback and the right exit status: outputs that cannot be written, unknown criterion and
framework IDs, the version, file names with control characters, and symbolic links."""
import importlib.metadata
import os
import subprocess
import sys

import pytest

from chamdiem.interfaces.cli import main
from conftest import FIXTURES, query
from reports import dvcq_report


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    folder = tmp_path_factory.mktemp("reports")
    (folder / "tinh-ky.txt").write_text(dvcq_report("UBND xã Tịnh Kỳ", 2024, [9] * 10), "utf-8")
    db = str(folder.parent / "q.sqlite")
    assert main(["ingest", str(folder), "--db", db, "--workers", "1", "--quiet"]) == 0
    return db


def run(argv, capsys) -> tuple[int, list[str], list[str]]:
    status = main(argv)
    out, err = capsys.readouterr()
    return status, out.splitlines(), err.splitlines()


UNWRITABLE = [p for p in ("/proc/chamdiem-out", "/sys/chamdiem-out") if os.path.isdir(os.path.dirname(p))]


@pytest.mark.skipif(not UNWRITABLE, reason="needs /proc or /sys: file systems that take no new file")
@pytest.mark.parametrize("command", ["xlsx", "csv", "trace", "learn"])
def test_an_output_that_cannot_be_written_is_one_line_and_exit_2(command, loaded, capsys):
    target = UNWRITABLE[0]
    argv = {"xlsx": ["export", "--db", loaded, "-o", target + ".xlsx"],
            "csv": ["export", "--db", loaded, "-o", target, "--format", "csv"],
            "trace": ["trace", "tinh-ky.txt", "dvcq.tc1", "--db", loaded, "--html", target + ".html"],
            "learn": ["framework", "learn", str(FIXTURES / "tsv_sheet_short_rows_and_html_cells.txt"), "--id", "x",
                      "--out", target + ".toml"]}[command]
    status, out, err = run(argv, capsys)
    option, path = argv[-2], argv[-1]
    if command == "csv":
        option, path = "-o", target
    assert (status, out, len(err)) == (2, [], 1)
    assert err[0].startswith(f"chamdiem {argv[0]}: {option} {path}: cannot be written (")


def test_trace_of_an_unknown_id_exits_2_and_names_the_ids_meant(loaded, capsys):
    assert run(["trace", "tinh-ky.txt", "tc1", "--db", loaded], capsys) == (
        2, [], ["tinh-ky.txt: no criterion tc1 in framework dvcq; did you mean dvcq.tc1?"])
    assert run(["trace", "tinh-ky.txt", "dvcq.tc11", "--db", loaded], capsys) == (
        2, [], ["tinh-ky.txt: no criterion dvcq.tc11 in framework dvcq; did you mean dvcq.tc1, dvcq.tc10, "
                "dvcq.tc1.nd1?"])
    status, out, _ = run(["trace", "tinh-ky.txt", "dvcq.tc1", "--db", loaded], capsys)
    assert status == 0 and out[0].startswith("tinh-ky.txt")


def test_export_of_an_unknown_framework_exits_2_naming_the_known_ones(loaded, capsys, tmp_path):
    out = str(tmp_path / "q.xlsx")
    assert run(["export", "--db", loaded, "-o", out, "--framework", "dvcx"], capsys) == (
        2, [], ["chamdiem export: --framework dvcx: no such framework; known: dvcq, tdkt-tmth"])
    assert not os.path.exists(out)


def test_version_is_the_installed_one():
    done = subprocess.run([sys.executable, "-m", "chamdiem.interfaces.cli", "--version"], capture_output=True,
                          text=True, timeout=60)
    assert (done.returncode, done.stdout) == (0, f"chamdiem {importlib.metadata.version('chamdiem')}\n")
    assert __import__("chamdiem").__version__ == importlib.metadata.version("chamdiem")


def test_file_names_with_control_characters_are_printed_escaped(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "bad\x1b[2J\x07name.txt").write_text("", "utf-8")            # empty: a listed failure
    (folder / "ok.txt").write_text(dvcq_report("UBND xã Tịnh Kỳ", 2024, [9] * 10), "utf-8")
    status, out, err = run(["ingest", str(folder), "--db", str(tmp_path / "q.sqlite"), "--workers", "1"], capsys)
    assert status == 1 and "\x1b" not in "".join(out + err) and "\x07" not in "".join(out + err)
    assert "  bad\\x1b[2J\\x07name.txt: empty_document: the file holds no text" in out
    status, out, err = run(["ingest", str(tmp_path / "gone\x1b]0;pwned\x07"), "--db", str(tmp_path / "r.sqlite")],
                           capsys)
    assert (status, out) == (2, [])
    assert err == [f"chamdiem ingest: no such file or folder: {tmp_path}/gone\\x1b]0;pwned\\x07"]


@pytest.fixture
def linked(tmp_path):
    """A folder with a report, a link to a report outside it, a link to a folder outside it, a link
    to nothing (a failure, recorded) and a link to its own parent (a loop)."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "elsewhere.txt").write_text(dvcq_report("UBND phường Trần Phú", 2024, [8] * 10), "utf-8")
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "tinh-ky.txt").write_text(dvcq_report("UBND xã Tịnh Kỳ", 2024, [9] * 10), "utf-8")
    (folder / "to-file.txt").symlink_to(outside / "elsewhere.txt")
    (folder / "to-folder").symlink_to(outside)
    (folder / "to-nothing.txt").symlink_to(tmp_path / "gone.txt")
    (folder / "sub" / "loop").symlink_to(folder)
    return folder


def test_links_outside_the_folder_are_counted_not_followed(linked, tmp_path, capsys):
    db = str(tmp_path / "q.sqlite")
    status, out, _ = run(["ingest", str(linked), "--db", db, "--workers", "1"], capsys)
    assert status == 1 and out[0].startswith("loaded 1, unchanged 0, replaced 0, failed 1 in ")
    assert out[1:] == ["failed files:", "  to-nothing.txt: unreadable_file: [Errno 2] No such file or directory: "
                       f"'{linked}/to-nothing.txt'",
                       f"symbolic links not followed 2 (to outside the folders given; --follow-symlinks follows "
                       f"them): {linked}/to-file.txt, {linked}/to-folder"]
    assert [r["file_name"] for r in query(db, "SELECT file_name FROM v_documents")] == ["tinh-ky.txt"]


def test_follow_symlinks_reads_them_and_counts_the_loop(linked, tmp_path, capsys):
    db = str(tmp_path / "q.sqlite")
    status, out, _ = run(["ingest", str(linked), "--db", db, "--workers", "1", "--follow-symlinks"], capsys)
    assert status == 1 and out[0].startswith("loaded 2, unchanged 1, replaced 0, failed 1 in ")
    assert out[1:] == ["failed files:", "  to-nothing.txt: unreadable_file: [Errno 2] No such file or directory: "
                       f"'{linked}/to-nothing.txt'",
                       f"symbolic link loops not followed 1: {linked}/sub/loop"]
    # the report outside, reached through the file link first, then through the folder link (unchanged)
    assert sorted(r["file_name"] for r in query(db, "SELECT file_name FROM v_documents")) == [
        "tinh-ky.txt", "to-file.txt"]


def test_the_program_ends_an_ingest_with_its_output_its_status_and_its_database_whole(tmp_path):
    """The `chamdiem` program ends an ingest without Python's teardown of every module (cli._end_now):
    its summary still reaches a pipe in full, its exit status is the ingest's (1: a file failed),
    the write-ahead log is folded into the database, and what the run keeps for the next is written."""
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "tinh-ky.txt").write_text(dvcq_report("UBND xã Tịnh Kỳ", 2024, [9] * 10), "utf-8")
    (folder / "not-a-report.txt").write_text("xyzzy plugh " * 20, "utf-8")
    db = tmp_path / "q.sqlite"
    env = dict(os.environ, CHAMDIEM_CACHE=str(tmp_path / "cache"),
               PYTHONPATH=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    done = subprocess.run([sys.executable, "-m", "chamdiem.interfaces.cli", "ingest", str(folder), "--db", str(db)],
                          capture_output=True, text=True, env=env)
    lines = done.stdout.splitlines()
    assert done.returncode == 1 and done.stderr == ""
    assert lines[0].startswith("loaded 1, unchanged 0, replaced 0, failed 1 in ")
    assert lines[-1].startswith("  not-a-report.txt: not_a_report: ")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache", "q.sqlite", "reports"]   # no -wal, no -shm
    assert query(str(db), "SELECT file_name FROM documents") == [{"file_name": "tinh-ky.txt"}]
    assert any(p.name.startswith("matching-") for p in (tmp_path / "cache").iterdir())
