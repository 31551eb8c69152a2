"""A borderless landscape sheet printed by LibreOffice over several pages, its header on the first
page only (tests/sheet_rows_like_header_soffice.py): rows on the later pages whose label gives the
scale it is scored on and whose note says what the self score took off name score columns under
the label and the note columns. They were taken for a new sheet's header at the top of their page
and the rows from there on were lost; the sheet goes on with them, to its total on the last page,
its cells set at the top of their rows or centred in them."""
import re

import pytest

import sheet_rows_like_header_soffice as fixture
from conftest import extract_file, findings_of, scores_of

pytestmark = pytest.mark.skipif(fixture.SOFFICE is None, reason=(
    "LibreOffice is not installed (.ci/run installs libreoffice-writer-nogui)"))


@pytest.fixture(scope="module", params=fixture.LAYOUTS)
def doc(request, tmp_path_factory):
    path = tmp_path_factory.mktemp("sheet") / f"sheet_rows_like_header_{request.param}.pdf"
    fixture.write(path, request.param)
    return extract_file(path)


def _sheet(doc):
    return next(t for t in doc.model.tables if any(fixture.TOTAL_LABEL in c.text for r in t.rows for c in r.cells))


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_every_row_of_a_sheet_over_pages_reads(doc):
    assert scores_of(doc) == fixture.expected()
    assert findings_of(doc) == []


def test_one_table_from_its_header_to_its_total_on_every_page(doc):
    rows = _sheet(doc).rows
    assert [_flat(c.text) for c in rows[0].cells] == fixture.HEADER
    assert sum(1 for r in rows for c in r.cells if c.text == fixture.HEADER[1]) == 1   # printed once
    last = max(b.page for b in doc.model.blocks)   # the note under the sheet
    assert last >= 4   # what the fixture is made for: a sheet over several pages
    assert {r.page for r in rows} == set(range(1, last + 1))
    assert [_flat(c.text) for c in rows[-1].cells] == ["Tổng cộng điểm tự chấm", "100", "97"]
    assert rows[-1].page == last
    numbered = [[_flat(r.cell(j).text) if r.cell(j) else "" for j in (0, 2, 3)] for r in rows
                if r.cell(2) is not None and r.cell(2).text and r is not rows[0]]
    assert numbered == [[n, mx, sf] for n, _, mx, sf, _ in fixture.rows()]


def test_rows_naming_score_columns_keep_their_cells(doc):
    items = fixture._items()
    by_label = {_flat(r.cell(1).text): r for r in _sheet(doc).rows if r.cell(1) is not None and r.cell(1).text}
    for key, (self_score, scale, note) in fixture.SCORES.items():
        if not scale:
            continue
        label = f"{items['dvcq.' + key].text} ({scale})"
        row = next((r for text, r in by_label.items() if label.startswith(text)), None)
        assert row is not None, key
        cells = {c.col: _flat(c.text) for c in row.cells if c.col != 1}
        note_read = cells.pop(4, "")
        assert cells == {0: key.split(".nd")[1], 2: fixture._num(items["dvcq." + key].max),
                         3: fixture._num(self_score)}, key
        assert note_read and note.startswith(note_read) if note else not note_read, key   # (a page break may cut it)


def test_labels_cut_by_page_breaks_join_their_rows(doc):
    items = fixture._items()
    # a line broken after a number's hyphen ('114-' over 'KL/TW') is joined with a space, as everywhere
    labels = {o.criterion_id: re.sub(r"(?<=\d)- (?=[A-ZĐ])", "-", o.label) for o in doc.observations}
    want = {f"dvcq.{k}": items[f"dvcq.{k}"].text + (f" ({scale})" if scale else "")
            for k, (_, scale, _) in fixture.SCORES.items()}
    want.update({f"dvcq.tc{c}": items[f"dvcq.tc{c}"].text for c in range(1, 11)})
    want["dvcq"] = fixture.TOTAL_LABEL
    assert labels == want
    cut = [r for r in _sheet(doc).rows if r.page > 1 and r.cell(0) is None and r.cell(1) is not None]
    assert cut   # labels go on at the top of a page, under no number and no scores
