"""Legacy Word .doc: converted to .docx by LibreOffice when it is installed, then read as DOCX."""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile

from chamdiem.model.errors import CorruptFile, UnsupportedFormat
from chamdiem.model.document import DocumentModel


# Compound File Binary (OLE2): the container of .doc and .xls. Anything else named .doc is not one.
OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def check_ole2(path: str, data: bytes, what: str = ".doc") -> None:
    """Refuses a file that does not start with the OLE2 signature, before LibreOffice (which imports
    any bytes as plain text) sees it. The .xls reader calls it too."""
    if not data.startswith(OLE2_SIGNATURE):
        raise CorruptFile(path, f"not a {what} file: it lacks the OLE2 signature (starts with "
                                f"0x{data[:8].hex() or 'nothing'})")


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def read_doc(path: str, data: bytes, sha256: str) -> DocumentModel:
    """The converted text must also look like writing: dispatch checks it and calls junk
    corrupt_file for this format."""
    check_ole2(path, data)
    exe = soffice()
    if exe is None:
        raise UnsupportedFormat(path, "legacy .doc needs LibreOffice to convert it: install it "
                                      "(Debian: apt-get install libreoffice-writer-nogui) or save the file as .docx")
    from chamdiem.readers.docx import read_docx
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "in.doc")
        with open(src, "wb") as fh:
            fh.write(data)
        try:
            subprocess.run([exe, "--headless", "--convert-to", "docx", "--outdir", tmp, src], check=True,
                           capture_output=True, timeout=180, env={**os.environ, "HOME": tmp})
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
            raise CorruptFile(path, f"LibreOffice could not convert the .doc: {exc}") from None
        out = os.path.join(tmp, "in.docx")
        if not os.path.exists(out):
            raise CorruptFile(path, "LibreOffice produced no .docx from the .doc")
        with open(out, "rb") as fh:
            model = read_docx(path, fh.read(), sha256)
    model.format = "doc"
    return model
