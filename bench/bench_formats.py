"""Per-format throughput: DOCX reports/s, PDF pages/s, and pdfplumber's own extract_text +
extract_tables on the same PDF pages as the reference, measured in one run on this machine.

The documents are written here from the sample report in data/raw (the full 10-criteria sheet),
repeated until the PDF has about --pages pages, with the writers the tests use (fpdf2, python-docx).
"""
from __future__ import annotations

import argparse
import pathlib
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from chamdiem.pipeline.extract import extract_document  # noqa: E402
from chamdiem.readers.docx import read_docx  # noqa: E402
from chamdiem.readers.pdf.entry import read_pdf  # noqa: E402
from renditions import write_docx, write_pdf  # noqa: E402


def best_of(n, fn):
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=28)
    ap.add_argument("--repeat", type=int, default=3, help="runs per measurement; the best is kept")
    a = ap.parse_args()
    sheet = (ROOT / "data" / "raw" / "bao_cao_dvcq_so_tai_chinh_2024.txt").read_text("utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        pdf_path = pathlib.Path(tmp) / "sheet.pdf"
        copies = 1
        while True:
            write_pdf("\n\n".join([sheet] * copies), pdf_path, font_size=9)
            import pypdfium2
            pages = len(pypdfium2.PdfDocument(str(pdf_path)))
            if pages >= a.pages or copies > 50:
                break
            copies += 1
        data = pdf_path.read_bytes()
        ours = best_of(a.repeat, lambda: read_pdf(str(pdf_path), data, "x"))
        full = best_of(a.repeat, lambda: extract_document(read_pdf(str(pdf_path), data, "x")))

        def plumber():
            import pdfplumber
            with pdfplumber.open(str(pdf_path)) as pdf:
                for page in pdf.pages:
                    page.extract_text()
                    page.extract_tables()
        ref = best_of(1, plumber)
        print(f"PDF: {pages} pages of ruled score sheet ({copies} copies of the sample sheet)")
        print(f"  chamdiem reader            {pages / ours:7.1f} pages/s")
        print(f"  chamdiem reader + extract  {pages / full:7.1f} pages/s (scores, checks, citations)")
        print(f"  pdfplumber text + tables   {pages / ref:7.1f} pages/s (reference)")
        print(f"  speed-up of the reader over the reference: {ref / ours:.1f}x")
        docx_path = pathlib.Path(tmp) / "sheet.docx"
        write_docx(sheet, docx_path)
        ddata = docx_path.read_bytes()
        n = 20
        t = best_of(a.repeat, lambda: [extract_document(read_docx(str(docx_path), ddata, "x")) for _ in range(n)])
        print(f"DOCX: {n / t:.1f} reports/s read and extracted (full 10-criteria sheet, {len(ddata) // 1024} KiB)")


if __name__ == "__main__":
    main()
