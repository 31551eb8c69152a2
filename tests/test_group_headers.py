"""Two-row headers: a sub-column keeps the role its group gives it ('Điểm thưởng' under 'Đơn vị tự
chấm' is the unit's bonus, 'Tự chấm' under 'Điểm thưởng' too, 'Điểm đạt' under 'Kết quả thẩm định'
the authority's score), in every format the sheets are written in by tests/group_headers.py. The
authority's bonus has no score field: it is read as no other field."""
import os

import pytest

from conftest import extract_file, findings_of, scores_of
from group_headers import EXPECTED, FORMATS, LAYOUTS, write
from renditions import FONT_DIR


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_sub_columns_take_their_group_role(layout, fmt, tmp_path):
    if fmt == "pdf" and not os.path.exists(f"{FONT_DIR}/DejaVuSans.ttf"):
        pytest.skip(f"the DejaVu font is not installed in {FONT_DIR} (Debian: fonts-dejavu-core)")
    path = tmp_path / f"group_header_{layout}.{fmt}"
    write(fmt, layout, path)
    doc = extract_file(path)
    assert doc.framework == "dvcq"
    assert scores_of(doc) == EXPECTED
    assert findings_of(doc) == []
    for o in doc.observations:
        for v in o.values.values():
            assert doc.model.text[v.start:v.end] == v.raw
