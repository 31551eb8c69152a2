"""Legacy .doc and .xls are read through LibreOffice (installed by .ci/run); without it the error
says how to install it. The legacy files are written by LibreOffice from fixtures made here."""
import os
import shutil
import subprocess

import pytest

from conftest import extract_file, findings_of, scores_of
from make_sheets import EXPECTED, HEADER, body_rows, write_html, write_xlsx
from chamdiem.model.errors import UnsupportedFormat
from chamdiem.readers.dispatch import read_bytes, read_document

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_libreoffice = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice is not installed (.ci/run installs libreoffice-writer-nogui and "
                            "libreoffice-calc-nogui)")


def _to_legacy(src, fmt, tmp_path, infilter=None):
    out = tmp_path / "legacy"
    out.mkdir(exist_ok=True)
    args = [SOFFICE, "--headless"] + ([f"--infilter={infilter}"] if infilter else [])
    subprocess.run(args + ["--convert-to", fmt, "--outdir", str(out), str(src)], check=True,
                   capture_output=True, timeout=180, env={**os.environ, "HOME": str(tmp_path)})
    return out / (src.stem + "." + fmt.split(":")[0])


@needs_libreoffice
def test_xls_score_sheet_through_libreoffice(tmp_path):
    xls = _to_legacy(_made(tmp_path, "bang_diem.xlsx", write_xlsx), "xls", tmp_path)
    doc = extract_file(xls)
    assert doc.model.format == "xls"
    assert scores_of(doc) == EXPECTED
    assert findings_of(doc) == []
    nd4 = next(o for o in doc.observations if o.criterion_id == "dvcq.tc6.nd4")
    assert nd4.values["authority_score"].cell_ref == "'Chấm điểm'!E13"


@needs_libreoffice
def test_doc_score_sheet_with_merged_numbers_through_libreoffice(tmp_path):
    # Writer saves the sheet (criterion numbers spanning their contents' rows) as Word 97
    src = tmp_path / "bao_cao.html"
    write_html(src, "<tr>" + "".join(f"<th>{h}</th>" for h in HEADER) + "</tr>", body_rows("letters"),
               rowspan_tt=True)
    doc = extract_file(_to_legacy(src, "doc:MS Word 97", tmp_path, infilter="HTML (StarWriter)"))
    assert doc.model.format == "doc"
    assert scores_of(doc) == EXPECTED
    assert any(c.merged_from is not None for r in doc.model.tables[0].rows for c in r.cells)


@pytest.mark.parametrize("suffix,package", [(".xls", "libreoffice-calc-nogui"), (".doc", "libreoffice-writer-nogui")])
def test_legacy_office_without_libreoffice_says_how_to_install_it(tmp_path, monkeypatch, suffix, package):
    import chamdiem.readers.doc
    monkeypatch.setattr(chamdiem.readers.doc.shutil, "which", lambda name: None)
    path = tmp_path / ("old" + suffix)
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 legacy office bytes")  # the OLE2 signature
    data, sha = read_bytes(str(path))
    with pytest.raises(UnsupportedFormat) as exc:
        read_document(str(path), data, sha)
    assert exc.value.kind == "unsupported_format"
    assert f"apt-get install {package}" in exc.value.reason and "LibreOffice" in exc.value.reason


def _made(tmp_path, name, write):
    path = tmp_path / name
    write(path)
    return path
