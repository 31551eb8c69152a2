"""The head and foot of an administrative document read by their layout (Nghị định 30/2020): the
issuer is the last unit of the block above 'Số:', never the motto beside it; a place and date
wrapped over two lines is one date; the signer is the name down the signature's own column,
whatever stands beside it. Units, mottos, positions and placements the reader names no word for, in
DOCX and HTML layout tables, DOCX paragraphs whose columns are apart by tabs, PDF text columns and
text exports (columns apart, one after the other, glued by one space), written by
tests/admin_layouts.py."""
import os

import pytest

from conftest import extract_file
from admin_layouts import CASES, FORMATS, HELD_OUT, suffix, write
from renditions import FONT_DIR

from chamdiem.lexicon.text import squash


def _date_ends(case):
    """The date's words on its first line from 'ngày' on, and on its last line."""
    k = next(k for k, line in enumerate(case.date_lines) if "ngày" in line)
    lines = case.date_lines[k:]
    lines[0] = lines[0][lines[0].index("ngày"):]
    return lines[0], lines[-1]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("case", CASES + HELD_OUT, ids=[c.name for c in CASES + HELD_OUT])
def test_head_and_foot_blocks_give_the_metadata(case, fmt, tmp_path):
    if fmt == "pdf" and not os.path.exists(f"{FONT_DIR}/DejaVuSans.ttf"):
        pytest.skip(f"the DejaVu font is not installed in {FONT_DIR} (Debian: fonts-dejavu-core)")
    path = tmp_path / f"{case.name}_{fmt}.{suffix(fmt)}"
    write(fmt, case, path)
    doc = extract_file(path)
    md, text = doc.metadata, doc.model.text
    assert (md.report_number, md.issuer, md.issued_on, md.signer) == case.expected
    spans = md.spans
    assert text[slice(*spans["report_number"])] == md.report_number
    assert text[slice(*spans["signer"])] == md.signer
    # a date wrapped beside the other column spans that column's text between its two lines
    first, last = _date_ends(case)
    written = squash(text[slice(*spans["issued_on"])])
    assert written.startswith(first) and written.endswith(last)
    issuer = text[slice(*spans["issuer"])]
    last_line = [line for line in case.issuer_block if line != "*"][-1]
    assert squash(issuer).endswith(last_line)
    if "\n" not in issuer:
        assert issuer == last_line
