"""CONTRACT.md is the living copy of the public interface (as datasette and sqlite-utils test their
docs): every view and column of a fresh database, every finding kind, every error kind and every
command-line option is documented there (options may be in the README), and nothing documented
there is missing from the code.

How CONTRACT.md is read, so that documenting an addition is one line:
- a view is a line that starts with its name in backticks (`v_scores`: …) or a heading naming it;
  the first table under it whose header starts with `column` lists its columns, several to a cell
  separated by commas;
- the finding kinds are the table whose header starts with `finding kind` (kind, severity, meaning);
- the error kinds are the table whose header starts with `error_kind`;
- a command is a bullet that starts with `chamdiem <command>`: each option of the command must be
  written there or on a README line naming the command, and each option written there must exist."""
import re
import sqlite3
from pathlib import Path

import pytest

from chamdiem.interfaces.cli import _parser
from chamdiem.lexicon.findings import finding_kinds
from chamdiem.model.errors import ERROR_KINDS
from chamdiem.store.database import Store

ROOT = Path(__file__).resolve().parent.parent
CONTRACT = ROOT / "CONTRACT.md"
README = ROOT / "README.md"
VIEW_INTRO = re.compile(r"^(?:#+\s*)?`(v_\w+)`")
OPTION = re.compile(r"(?<![\w-])(--[a-z][a-z0-9-]*)")


# --- reading CONTRACT.md

def tables(text: str) -> list[tuple[str | None, list[str], list[list[str]]]]:
    """Each markdown table as (the view introduced last before it, header cells, rows of cells)."""
    out, view, lines = [], None, text.splitlines()
    k = 0
    while k < len(lines):
        intro = VIEW_INTRO.match(lines[k])
        if intro:
            view = intro.group(1)
        if lines[k].startswith("|"):
            block = []
            while k < len(lines) and lines[k].startswith("|"):
                block.append([cell.strip() for cell in lines[k].strip().strip("|").split("|")])
                k += 1
            rows = [r for r in block[1:] if not all(set(cell) <= set("-: ") for cell in r)]
            out.append((view, block[0], rows))
            continue
        k += 1
    return out


def _names(cell: str) -> list[str]:
    return [name.strip(" `") for name in cell.split(",") if name.strip(" `")]


def documented_views(text: str) -> dict[str, set[str]]:
    """view -> its documented columns; a view introduced without a column table has none."""
    views = {m.group(1): set() for line in text.splitlines() if (m := VIEW_INTRO.match(line))}
    seen = set()
    for view, header, rows in tables(text):
        if view is not None and header[0] == "column" and view not in seen:
            seen.add(view)
            views[view] = {name for row in rows for name in _names(row[0])}
    return views


def documented_kinds(text: str, first_header: str) -> dict[str, list[str]]:
    """The first column of the tables headed ``first_header`` -> the rest of the row."""
    return {name: row[1:] for _, header, rows in tables(text) if header[0] == first_header
            for row in rows for name in _names(row[0])}


def command_bullets(text: str, commands: set[str]) -> dict[str, str]:
    """command -> the text of the bullets that start with `chamdiem <command>` (a bullet runs to
    the next line that is not indented)."""
    out: dict[str, str] = {}
    for bullet in re.split(r"\n(?=\S)", text):
        start = re.match(r"- `chamdiem ([a-z ]+)", bullet)
        if not start:
            continue
        words = start.group(1).split()
        named = next((" ".join(words[:n]) for n in (2, 1) if " ".join(words[:n]) in commands), None)
        if named is None:
            out.setdefault(f"(unknown) {' '.join(words[:2])}", "")
            continue
        out[named] = out.get(named, "") + "\n" + bullet
    return out


# --- the code

def database_views(tmp_path) -> dict[str, set[str]]:
    db = str(tmp_path / "fresh.sqlite")
    Store(db).close()
    con = sqlite3.connect(db)
    try:
        names = [n for (n,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'view' ORDER BY name")]
        return {n: {row[1] for row in con.execute(f'PRAGMA table_info("{n}")')} for n in names}
    finally:
        con.close()


def cli_options() -> dict[str, list[list[str]]]:
    """command ('ingest', 'framework learn') -> the option strings of each of its options."""
    out = {}

    def walk(parser, path):
        subs = [a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction"]
        if subs:
            for name, sub in subs[0].choices.items():
                walk(sub, [*path, name])
            return
        out[" ".join(path)] = [a.option_strings for a in parser._actions
                               if a.option_strings and a.dest != "help"]
    walk(_parser(), [])
    return out


# --- the checks, as lists of what is wrong (empty when the docs and the code agree)

def view_problems(text: str, actual: dict[str, set[str]]) -> list[str]:
    documented = documented_views(text)
    problems = [f"view {v} is not in CONTRACT.md" for v in sorted(set(actual) - set(documented))]
    problems += [f"view {v} is in CONTRACT.md but not in the database" for v in sorted(set(documented) - set(actual))]
    for view in sorted(set(actual) & set(documented)):
        problems += [f"{view}.{c} is not in CONTRACT.md" for c in sorted(actual[view] - documented[view])]
        problems += [f"{view}.{c} is in CONTRACT.md but not in the view" for c in sorted(documented[view] - actual[view])]
    return problems


def finding_kind_problems(text: str, registry: dict[str, dict]) -> list[str]:
    documented = documented_kinds(text, "finding kind")
    problems = [f"finding kind {k} is not in CONTRACT.md" for k in sorted(set(registry) - set(documented))]
    problems += [f"finding kind {k} is in CONTRACT.md but not in the registry"
                 for k in sorted(set(documented) - set(registry))]
    problems += [f"finding kind {k}: CONTRACT.md says {documented[k][0]}, the registry {registry[k]['severity']}"
                 for k in sorted(set(registry) & set(documented))
                 if documented[k][:1] != [f"`{registry[k]['severity']}`"] and documented[k][:1] != [registry[k]['severity']]]
    return problems


def option_problems(contract: str, readme: str, options: dict[str, list[list[str]]]) -> list[str]:
    bullets = command_bullets(contract, set(options))
    problems = [f"command {c} has no bullet in CONTRACT.md" for c in sorted(set(options) - set(bullets))]
    problems += [f"CONTRACT.md documents a command that does not exist: {c}" for c in bullets if c not in options]
    for command, actions in sorted(options.items()):
        written = bullets.get(command, "") + "\n" + "\n".join(
            line for line in readme.splitlines() if f"chamdiem {command}" in line)
        for strings in actions:
            if not any(re.search(rf"(?<![\w-]){re.escape(s)}(?![\w-])", written) for s in strings):
                problems.append(f"chamdiem {command} {'/'.join(strings)} is not documented")
        known = {s for strings in actions for s in strings}
        problems += [f"chamdiem {command} {o} is in CONTRACT.md but not an option"
                     for o in sorted(set(OPTION.findall(bullets.get(command, ""))) - known)]
    return problems


# --- the tests

def test_every_view_and_column_is_in_the_contract_and_back(tmp_path):
    assert view_problems(CONTRACT.read_text("utf-8"), database_views(tmp_path)) == []


def test_every_finding_kind_is_in_the_contract_with_its_severity_and_back():
    assert finding_kind_problems(CONTRACT.read_text("utf-8"), finding_kinds()) == []


def test_every_error_kind_is_in_the_contract_and_back():
    assert set(documented_kinds(CONTRACT.read_text("utf-8"), "error_kind")) == set(ERROR_KINDS)


def test_every_command_and_option_is_documented_and_back():
    assert option_problems(CONTRACT.read_text("utf-8"), README.read_text("utf-8"), cli_options()) == []


# --- the checks fail when something is added without its line

def test_a_view_column_without_its_line_is_caught(tmp_path):
    actual = database_views(tmp_path)
    actual["v_scores"] = actual["v_scores"] | {"reviewer"}
    assert view_problems(CONTRACT.read_text("utf-8"), actual) == ["v_scores.reviewer is not in CONTRACT.md"]


def test_a_documented_column_the_view_lacks_is_caught(tmp_path):
    text = CONTRACT.read_text("utf-8").replace("| origin |", "| origin, reviewed_by |", 1)
    assert view_problems(text, database_views(tmp_path)) == ["v_scores.reviewed_by is in CONTRACT.md but not in the view"]


def test_a_view_without_its_section_is_caught(tmp_path):
    actual = database_views(tmp_path)
    actual["v_not_yet_documented"] = {"document_id"}
    assert view_problems(CONTRACT.read_text("utf-8"), actual) == ["view v_not_yet_documented is not in CONTRACT.md"]


def test_a_finding_kind_without_its_line_is_caught():
    registry = {**finding_kinds(), "score_crossed_out": {"severity": "info"}}
    assert finding_kind_problems(CONTRACT.read_text("utf-8"), registry) == [
        "finding kind score_crossed_out is not in CONTRACT.md"]


def test_a_finding_kind_documented_with_another_severity_is_caught():
    registry = {**finding_kinds(), "duplicate_item": {"severity": "warning"}}
    assert finding_kind_problems(CONTRACT.read_text("utf-8"), registry) == [
        "finding kind duplicate_item: CONTRACT.md says `info`, the registry warning"]


def test_an_option_without_its_line_and_a_documented_option_that_does_not_exist_are_caught():
    options = cli_options()
    options["export"] = [*options["export"], ["--sheet-per-unit"]]
    text = CONTRACT.read_text("utf-8").replace("[--timeout S]", "[--timeout S] [--retries N]", 1)
    assert option_problems(text, README.read_text("utf-8"), options) == [
        "chamdiem export --sheet-per-unit is not documented",
        "chamdiem ingest --retries is in CONTRACT.md but not an option"]


@pytest.mark.parametrize("table", ["column", "finding kind", "error_kind"])
def test_the_contract_has_the_tables_this_test_reads(table):
    assert any(header[0] == table for _, header, _ in tables(CONTRACT.read_text("utf-8")))
