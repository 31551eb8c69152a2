"""The DOCX reader opens only the main document part; packages that are not Word documents are
typed errors, as they were when python-docx opened the whole package."""
import io
import zipfile

import pytest

from renditions import write_docx
from chamdiem.model.errors import CorruptFile
from chamdiem.readers.docx import read_docx


def _rewrite(data: bytes, name: str, change) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for item in src.infolist():
            body = src.read(item.filename)
            z.writestr(item, change(body) if item.filename == name else body)
    return out.getvalue()


def test_package_without_a_main_document_is_corrupt(tmp_path):
    p = tmp_path / "a.docx"
    write_docx("Báo cáo\n", p)
    data = _rewrite(p.read_bytes(), "_rels/.rels", lambda b: b.replace(b"/officeDocument", b"/somethingElse"))
    with pytest.raises(CorruptFile, match="no main document"):
        read_docx("a.docx", data, "x")


def test_main_part_of_another_content_type_is_corrupt(tmp_path):
    p = tmp_path / "a.docx"
    write_docx("Báo cáo\n", p)
    data = _rewrite(p.read_bytes(), "[Content_Types].xml",
                    lambda b: b.replace(b"wordprocessingml.document.main+xml", b"spreadsheetml.sheet.main+xml"))
    with pytest.raises(CorruptFile, match="not a Word file"):
        read_docx("a.docx", data, "x")


def test_not_a_zip_is_corrupt():
    with pytest.raises(CorruptFile, match="not a readable zip package: File is not a zip file"):
        read_docx("a.docx", b"PK\x03\x04 not a zip", "x")


def test_a_styles_part_checked_once_per_process_still_fails_every_broken_package(tmp_path):
    """The reader remembers a styles part it found well-formed (a unit's template, file after file):
    the same package reads the same twice, and a broken styles part is corrupt every time."""
    p = tmp_path / "a.docx"
    write_docx("Báo cáo\nTiêu chí 1 đạt 8 điểm.\n", p)
    data = p.read_bytes()
    first, again = read_docx("a.docx", data, "x"), read_docx("a.docx", data, "x")
    def shape(model):
        return model.text, [(b.start, b.end, b.text) for b in model.blocks], model.legacy_encoding
    assert shape(first) == shape(again)
    broken = _rewrite(data, "word/styles.xml", lambda b: b.replace(b"</w:styles>", b""))
    for _ in range(2):
        with pytest.raises(CorruptFile):
            read_docx("a.docx", broken, "x")
