"""Every bad input is one line saying what is wrong and what to do, exit status 2, and nothing
written; failed and skipped files are listed; progress bars only on a terminal."""
import os
import sqlite3
import subprocess
import sys

import pytest

from conftest import FIXTURES
from chamdiem.interfaces.cli import main
from chamdiem.pipeline.progress import progress_bar
from reports import dvcq_report

REPORT = str(FIXTURES / "row_matching_no_item.txt")


def one_line(capsys) -> str:
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.count("\n") == 1, captured
    return captured.err


@pytest.mark.parametrize("url, says", [
    ("postgresql+psycopg://u:secret@127.0.0.1:1/x", "cannot be opened: connection failed"),
    ("postgresql+psycopg://u:secret@host:notaport/x", "not a valid database URL"),
    ("mysql://u:secret@localhost/x", "mysql is not supported; use a SQLite file path, or a PostgreSQL URL"),
])
def test_bad_database_urls_are_one_line_without_the_password(url, says, capsys):
    assert main(["ingest", REPORT, "--db", url]) == 2
    err = one_line(capsys)
    assert says in err and "secret" not in err and "u:***@" in err


def test_db_that_is_not_sqlite_is_refused_and_left_as_it_was(tmp_path, capsys):
    notes = tmp_path / "notes.txt"
    notes.write_text("not a database", "utf-8")
    for argv in (["ingest", REPORT], ["trace", "a.txt", "dvcq"], ["export", "-o", str(tmp_path / "x.xlsx")]):
        assert main(argv + ["--db", str(notes)]) == 2
        assert "file is not a database" in one_line(capsys)
    assert notes.read_text("utf-8") == "not a database" and os.listdir(tmp_path) == ["notes.txt"]


def test_sqlite_file_of_another_program_is_refused_and_left_as_it_was(tmp_path, capsys):
    other = tmp_path / "other.sqlite"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE contacts (name TEXT)")
    con.commit()
    con.close()
    before = other.read_bytes()
    assert main(["ingest", REPORT, "--db", str(other)]) == 2
    assert "an SQLite database of some other program" in one_line(capsys)
    assert main(["export", "--db", str(other), "-o", str(tmp_path / "x.xlsx")]) == 2
    assert "not a chamdiem database" in one_line(capsys)
    assert other.read_bytes() == before and os.listdir(tmp_path) == ["other.sqlite"]


@pytest.mark.parametrize("command", [["trace", "a.txt", "dvcq"], ["export", "-o", "OUT/x.xlsx"], ["serve"]])
def test_reading_commands_never_create_a_missing_database(command, tmp_path, capsys):
    db = tmp_path / "missing.sqlite"
    argv = [a.replace("OUT", str(tmp_path)) for a in command] + ["--db", str(db)]
    assert main(argv) == 2
    assert "no such database (load reports into it first with `chamdiem ingest`)" in one_line(capsys)
    assert os.listdir(tmp_path) == []


def test_trace_html_into_a_missing_folder_is_one_line(db, tmp_path, capsys):
    main(["ingest", REPORT, "--db", db, "--quiet"])
    assert main(["trace", "row_matching_no_item.txt", "dvcq", "--db", db, "--html",
                 str(tmp_path / "nope" / "t.html")]) == 2
    assert "does not exist; create it first" in one_line(capsys)
    assert not (tmp_path / "nope").exists()


def test_empty_folder_or_missing_path_is_said_and_creates_no_database(tmp_path, capsys):
    (tmp_path / "empty").mkdir()
    db = tmp_path / "q.sqlite"
    assert main(["ingest", str(tmp_path / "empty"), "--db", str(db)]) == 2
    assert f"no files in {tmp_path / 'empty'}: nothing to load" in one_line(capsys)
    assert main(["ingest", str(tmp_path / "nope"), "--db", str(db)]) == 2
    assert f"no such file or folder: {tmp_path / 'nope'}" in one_line(capsys)
    assert sorted(os.listdir(tmp_path)) == ["empty"]


def test_serve_beyond_this_computer_needs_a_password(db, capsys, monkeypatch):
    main(["ingest", REPORT, "--db", db, "--quiet"])
    monkeypatch.delenv("CHAMDIEM_PASSWORD", raising=False)
    assert main(["serve", "--db", db, "--host", "0.0.0.0"]) == 2
    assert "set a password in CHAMDIEM_PASSWORD" in one_line(capsys)


def test_failed_files_are_listed_first_ones_then_how_many_more(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    for k in range(12):
        (folder / f"broken_{k:02d}.docx").write_bytes(b"PK\x03\x04 not a zip")
    (folder / "good.txt").write_text(dvcq_report("UBND xã Tịnh Kỳ", 2024, [9] * 10), "utf-8")
    for name in ("photo.GIF", "logo.bmp", "desktop.ini", "old.zip"):  # JPEG/PNG/TIFF pages go to OCR
        (folder / name).write_bytes(b"\x00\x01 not a report")
    assert main(["ingest", str(folder), "--db", str(tmp_path / "q.sqlite"), "--workers", "1"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("loaded 1, unchanged 0, replaced 0, failed 12, skipped 4 (not reports) in ")
    listing = out[out.index("failed files:") + 1:]
    assert listing[0].startswith("  broken_00.docx: corrupt_file: ")
    assert [line.split(":")[0] for line in listing[:10]] == [f"  broken_{k:02d}.docx" for k in range(10)]
    assert listing[10] == "  and 2 more, see v_ingest_errors"
    assert listing[11] == "skipped, not reports: desktop.ini, logo.bmp, old.zip, photo.GIF"


def test_progress_bar_draws_on_a_terminal_and_nothing_in_a_pipe(tmp_path):
    master, slave = os.openpty()
    with open(slave, "w", closefd=True) as tty:
        with progress_bar(3, "ingest", stream=tty) as advance:
            for _ in range(3):
                advance()
        tty.flush()
    chunks = []
    while True:   # everything written before the terminal's other end closed, then EIO
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    drawn = b"".join(chunks).decode("utf-8", "replace")
    assert "ingest" in drawn and "━━━━" in drawn and "/3" in drawn
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(dvcq_report("UBND xã Tịnh Kỳ", 2024, [9] * 10), "utf-8")
    res = subprocess.run([sys.executable, "-m", "chamdiem.interfaces.cli", "ingest", str(folder), "--db",
                          str(tmp_path / "q.sqlite")], capture_output=True, text=True)
    assert res.returncode == 0 and res.stderr == ""
    assert res.stdout.startswith("loaded 1, unchanged 0, replaced 0, failed 0 in ")


def test_serve_on_a_port_in_use_is_one_line(db, capsys):
    import socket
    main(["ingest", REPORT, "--db", db, "--quiet"])
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["serve", "--db", db, "--port", str(port)]) == 2
    assert f"cannot listen on 127.0.0.1:{port} (Address already in use); choose another with --port" in one_line(capsys)
