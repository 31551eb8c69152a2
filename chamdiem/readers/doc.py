"""Legacy Office files (.doc, .xls): converted by LibreOffice when it is installed, then read as
.docx / .xlsx. Without LibreOffice the error says how to install it."""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile

from chamdiem.model.errors import CorruptFile, UnsupportedFormat
from chamdiem.model.document import DocumentModel

# legacy format -> (format LibreOffice converts it to, Debian package that does it)
CONVERSIONS = {"doc": ("docx", "libreoffice-writer-nogui"), "xls": ("xlsx", "libreoffice-calc-nogui")}


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


def convert(path: str, data: bytes, legacy: str) -> bytes:
    """The bytes of the file converted by LibreOffice from ``legacy`` ('doc' or 'xls'). The file must
    be an OLE2 container; the converted text must also look like writing (dispatch checks it, and
    calls junk corrupt_file for these formats)."""
    target, package = CONVERSIONS[legacy]
    check_ole2(path, data, f".{legacy}")
    exe = soffice()
    if exe is None:
        raise UnsupportedFormat(path, f"legacy .{legacy} needs LibreOffice to convert it: install it "
                                      f"(Debian: apt-get install {package}) or save the file as .{target}")
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, f"in.{legacy}")
        with open(src, "wb") as handle:
            handle.write(data)
        try:
            subprocess.run([exe, "--headless", "--convert-to", target, "--outdir", tmp, src], check=True,
                           capture_output=True, timeout=180, env={**os.environ, "HOME": tmp})
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
            raise CorruptFile(path, f"LibreOffice could not convert the .{legacy}: {exc}") from None
        out = os.path.join(tmp, f"in.{target}")
        if not os.path.exists(out):
            raise CorruptFile(path, f"LibreOffice produced no .{target} from the .{legacy}")
        with open(out, "rb") as handle:
            return handle.read()


def read_doc(path: str, data: bytes, sha256: str) -> DocumentModel:
    from chamdiem.readers.docx import read_docx
    model = read_docx(path, convert(path, data, "doc"), sha256)
    model.format = "doc"
    return model


def read_xls(path: str, data: bytes, sha256: str) -> DocumentModel:
    from chamdiem.readers.xlsx import read_xlsx
    return read_xlsx(path, convert(path, data, "xls"), sha256, fmt="xls")
