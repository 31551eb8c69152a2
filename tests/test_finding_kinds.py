"""The registries of finding kinds and error kinds hold exactly the kinds the code produces, and a
finding's message reads in Vietnamese (comma decimals) with the English beside it."""
import ast
from pathlib import Path

import pytest

import chamdiem
from chamdiem.lexicon.catalogs import catalog
from chamdiem.lexicon.findings import Both, error_explanation, finding, finding_kinds, written_number
from chamdiem.model import errors
from chamdiem.model.errors import ERROR_KINDS, CatalogError

PACKAGE = Path(chamdiem.__file__).parent


def _calls(name: str):
    """(file, call) for every call of a function or class ``name`` in the package."""
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Call):
                func = node.func
                called = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None
                if called == name:
                    yield path.relative_to(PACKAGE.parent), node


def _literal_kinds(path, call) -> set[str]:
    """The kind a finding() call names: a string, or a choice between two strings."""
    arg = call.args[0] if call.args else None
    options = [arg.body, arg.orelse] if isinstance(arg, ast.IfExp) else [arg]
    if not all(isinstance(o, ast.Constant) and isinstance(o.value, str) for o in options):
        pytest.fail(f"{path}:{call.lineno}: finding() must name its kind as a string, so this test can see it")
    return {o.value for o in options}


def kinds_in_code() -> set[str]:
    return {kind for path, call in _calls("finding") for kind in _literal_kinds(path, call)}


def test_every_finding_kind_of_the_code_is_in_the_registry_and_back():
    assert kinds_in_code() == set(finding_kinds())


def test_findings_are_built_from_the_registry_only():
    built_by_hand = [f"{path}:{call.lineno}" for path, call in _calls("Finding")
                     if str(path) != "chamdiem/lexicon/findings.py"]
    assert built_by_hand == []


def test_every_error_kind_has_its_explanation_and_the_registry_no_other():
    classes = {cls.kind for cls in vars(errors).values()
               if isinstance(cls, type) and issubclass(cls, errors.IngestError) and cls is not errors.IngestError}
    assert classes == set(ERROR_KINDS) == set(catalog("error_kinds")["kinds"])
    assert error_explanation("timeout") == Both(
        "đọc tệp lâu hơn giới hạn --timeout; tiến trình đọc đã bị dừng và thay thế",
        "reading it took longer than --timeout; its worker was stopped and replaced")


def test_message_is_vietnamese_with_comma_decimals_then_english():
    found = finding("self_exceeds_max", criterion_id="dvcq.tc3", source="table", field="self_score", start=4, end=7,
                    value=3.5, cap_field=Both("thang điểm", "the maximum"), cap=3.0,
                    criterion=Both("Tiêu chí 3", "dvcq.tc3"), line=163)
    assert (found.kind, found.severity, found.criterion_id, found.source, found.field, found.start, found.end) == (
        "self_exceeds_max", "error", "dvcq.tc3", "table", "self_score", 4, 7)
    assert found.message == ("Điểm tự chấm 3,5 vượt thang điểm 3 (Tiêu chí 3; bảng điểm, dòng 163) · "
                             "self score 3.5 exceeds the maximum 3 (dvcq.tc3; score sheet, line 163)")


def test_numbers_are_written_as_each_language_writes_them():
    assert [written_number(x, "vi") for x in (3.0, 3.5, 0.25, 950.0, -1.5)] == ["3", "3,5", "0,25", "950", "-1,5"]
    assert [written_number(x, "en") for x in (3.0, 3.5, 0.25)] == ["3", "3.5", "0.25"]


def test_a_kind_missing_from_the_registry_is_a_catalog_error():
    with pytest.raises(CatalogError, match="no finding kind 'self_exceeds_maximum'"):
        finding("self_exceeds_maximum")
    with pytest.raises(CatalogError, match="kinds.unknown_framework has no variant 'partial'"):
        finding("unknown_framework", variant="partial", provisional="sheet:x")


def test_every_severity_in_the_registry_is_one_the_views_know():
    assert {entry["severity"] for entry in finding_kinds().values()} == {"error", "warning", "info"}


def test_a_criterion_is_named_by_its_framework_levels_in_vietnamese_and_by_its_id_in_english():
    from chamdiem.normalizers.criterion_names import criterion_name
    from chamdiem.normalizers.framework_catalog import frameworks
    dvcq, tdkt = frameworks()["dvcq"], frameworks()["tdkt-tmth"]
    assert criterion_name(dvcq, "dvcq.tc3.nd2") == Both("Tiêu chí 3 – Nội dung 2", "dvcq.tc3.nd2")
    assert criterion_name(dvcq, "dvcq.tc10") == Both("Tiêu chí 10", "dvcq.tc10")
    assert criterion_name(dvcq, "dvcq") == Both("Tổng điểm", "dvcq")
    assert criterion_name(tdkt, "tdkt-tmth.nd2.3") == Both("Nội dung 2 – Mục 3", "tdkt-tmth.nd2.3")
    assert criterion_name(dvcq, "dvcq.tc11") == Both("dvcq.tc11", "dvcq.tc11")
