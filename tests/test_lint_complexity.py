"""`make lint`'s complexity check flags a function over the limit, keeps an allowed one quiet, and
says when an allowed one no longer needs to be."""
from lint_complexity import MAX_COMPLEXITY, problems


def _function(name: str, branches: int) -> str:
    """A function of cyclomatic complexity 1 + branches."""
    return f"def {name}(x):\n" + "".join(f"    if x == {k}:\n        return {k}\n" for k in range(branches)) + \
        "    return -1\n"


def test_a_function_over_the_limit_is_named_and_one_at_it_is_not(tmp_path):
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "mod.py").write_text(_function("at_limit", MAX_COMPLEXITY - 1) + "\n\nclass Sheet:\n" +
                                    "".join("    " + line + "\n" for line in _function("over", MAX_COMPLEXITY).splitlines()))
    assert problems([package], {}, root=tmp_path) == ["pkg/mod.py::Sheet.over: cyclomatic complexity 26 > 25"]


def test_an_allowed_function_is_quiet_until_it_is_under_the_limit_or_gone(tmp_path):
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "mod.py").write_text(_function("long_one", MAX_COMPLEXITY) + "\n\n" + _function("short_one", 3))
    allowed = {"pkg/mod.py::long_one": "being rewritten", "pkg/mod.py::short_one": "was long",
               "pkg/mod.py::removed": "was long"}
    assert problems([package], allowed, root=tmp_path) == [
        "pkg/mod.py::short_one: allowed over 25 but it is 4 now: remove it from ALLOWED",
        "pkg/mod.py::removed: allowed but no such function: remove it from ALLOWED"]
