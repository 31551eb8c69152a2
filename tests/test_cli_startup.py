"""`chamdiem --help` starts fast: the command line module loads no database, data frame, array or
cluster library until a command needs it."""
import subprocess
import sys

HEAVY = ("sqlalchemy", "pandas", "numpy", "alembic", "dask", "spacy", "pypdfium2", "docx", "lxml", "rapidfuzz")


def test_cli_module_imports_no_heavy_library():
    code = ("import sys, chamdiem.interfaces.cli as c; c._parser(); "
            f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
