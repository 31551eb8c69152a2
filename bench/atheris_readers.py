"""Coverage-guided fuzzing of the readers with atheris (optional: `pip install -e '.[fuzz]'`).
Any input must give a document or a typed IngestError; anything else is a crash atheris reports.

    .venv/bin/python bench/atheris_readers.py -runs=20000
"""
from __future__ import annotations

import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))

try:
    import atheris
except ImportError:
    sys.exit("atheris is not installed: pip install -e '.[fuzz]' (it needs a recent clang to build)")

with atheris.instrument_imports():
    from chamdiem.model.errors import IngestError
    from chamdiem.readers.dispatch import read_checked

FORMATS = ["txt", "html", "docx", "pdf", "md"]


def one_input(data: bytes) -> None:
    if not data:
        return
    fmt = FORMATS[data[0] % len(FORMATS)]
    try:
        read_checked(f"fuzz.{fmt}", data[1:], "0" * 64)
    except IngestError:
        pass


if __name__ == "__main__":
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()
