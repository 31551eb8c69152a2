"""The README's Python examples run as written (doctest over its ```pycon blocks)."""
import doctest
import os
import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parents[1]


def test_readme_python_examples(tmp_path):
    readme = (ROOT / "README.md").read_text("utf-8")
    blocks = re.findall(r"```pycon\n(.*?)```", readme, re.S)
    assert blocks, "the README has no Python examples"
    parser = doctest.DocTestParser()
    test = parser.get_doctest("\n".join(blocks), {"db": str(tmp_path / "readme.sqlite")}, "README", "README.md", 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        runner.run(test)
    finally:
        os.chdir(cwd)
    result = runner.summarize(verbose=False)
    assert result.attempted >= 10 and result.failed == 0
