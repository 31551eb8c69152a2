"""OCR throughput: scanned pages read per second (render, rules, tesseract, layout, extraction),
with --workers processes (2: this machine's cores), the CPU per page against tesseract's own on the
same image, and how many score fields the scan gives exactly against the typed sheet.

The scan is made here: the sample report in data/raw (the full 10-criteria sheet) written as a PDF
with fpdf2 and the DejaVu font as the tests do, each page rendered at --dpi with pypdfium2 and
wrapped into an image-only PDF; every worker reads a copy of it.
"""
from __future__ import annotations

import argparse
import pathlib
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from chamdiem.pipeline.extract import extract_document  # noqa: E402
from chamdiem.readers.dispatch import read_bytes, read_document  # noqa: E402
from chamdiem.readers.pdf.ocr import ocr_missing  # noqa: E402
from renditions import write_pdf  # noqa: E402

FIELDS = ("max_points", "self_score", "authority_score", "bonus_max", "bonus_self")


def extract(path: str):
    data, sha = read_bytes(path)
    return extract_document(read_document(path, data, sha))


def scores(report) -> dict:
    return {s.criterion_id: tuple(s.values[f] for f in FIELDS) for s in report.scores}


def _children_cpu() -> float:
    """CPU seconds of finished child processes (the workers, and the tesseract runs they waited for):
    the machine is shared, so wall time alone says little."""
    import resource
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def _cpu() -> float:
    """CPU seconds of this process (all its threads) and of its finished children (tesseract)."""
    return time.process_time() + _children_cpu()


def per_page(images: list, dpi: int, folder: pathlib.Path) -> list[tuple[float, float]]:
    """For each page: the CPU chamdiem spends reading it alone (a one-page PNG through read_document:
    deskew, rules, the mosaic and the short cells' second reading by tesseract, layout) and the CPU
    of tesseract alone on the same image (image_to_data, same languages and psm), one after the
    other in this process."""
    import pytesseract

    from chamdiem.lexicon.catalogs import catalog
    s = catalog("ocr")
    out = []
    for k, image in enumerate(images):
        path = folder / f"page{k + 1}.png"
        image.save(str(path), dpi=(dpi, dpi))
        c0 = _cpu()
        read_document(str(path), *read_bytes(str(path)))
        c1 = _cpu()
        pytesseract.image_to_data(image, lang=s["languages"], config=f"--psm {s['psm']}")
        out.append((c1 - c0, _cpu() - c1))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--dpi", type=int, default=200, help="resolution of the scan (an office scanner's default)")
    ap.add_argument("--copies", type=int, default=2, help="copies of the scan read (at least one per worker)")
    a = ap.parse_args()
    missing = ocr_missing()
    if missing:
        sys.exit(f"OCR is not available: {missing}")
    import pypdfium2 as pdfium
    sheet = (ROOT / "data" / "raw" / "bao_cao_dvcq_so_tai_chinh_2024.txt")
    with tempfile.TemporaryDirectory() as tmp:
        typed = pathlib.Path(tmp) / "typed.pdf"
        write_pdf(sheet.read_text("utf-8"), typed, ruled=True, v_align="TOP")
        pdf = pdfium.PdfDocument(str(typed))
        images = [pdf[k].render(scale=a.dpi / 72).to_pil().convert("L") for k in range(len(pdf))]
        pdf.close()
        scans = []
        for k in range(max(a.copies, a.workers)):
            path = pathlib.Path(tmp) / f"scan{k}.pdf"
            images[0].save(str(path), save_all=True, append_images=images[1:], resolution=a.dpi)
            scans.append(str(path))
        cpu0 = _children_cpu()
        t0 = time.perf_counter()
        with ProcessPoolExecutor(max_workers=a.workers) as pool:
            reports = list(pool.map(extract, scans))
        seconds = time.perf_counter() - t0
        cpu = _children_cpu() - cpu0
        pages = len(images) * len(scans)
        want, got = scores(extract_document(read_document(str(sheet), *read_bytes(str(sheet))))), scores(reports[0])
        total = sum(1 for v in want.values() for x in v if x is not None)
        same = sum(1 for cid, v in want.items() for k, x in enumerate(v)
                   if x is not None and got.get(cid, (None,) * 5)[k] == x)
        low = sum(1 for f in reports[0].findings if f.kind == "low_confidence_value")
        costs = per_page(images, a.dpi, pathlib.Path(tmp))
        c0 = _cpu()
        read_document(scans[0], *read_bytes(scans[0]))
        whole = (_cpu() - c0) / len(images)
    print(f"OCR: {pages} pages ({len(scans)} scans of {len(images)} pages at {a.dpi} dpi) in {seconds:.1f}s "
          f"with {a.workers} workers: {pages / seconds:.2f} pages/s")
    print(f"CPU: {cpu:.1f}s in the workers and tesseract, {cpu / pages:.2f} CPU-s per page "
          f"(on {a.workers} idle cores: {a.workers * pages / cpu:.2f} pages/s)")
    for k, (ours, theirs) in enumerate(costs):
        print(f"page {k + 1}: chamdiem {ours:.2f} CPU-s, tesseract alone on the same image {theirs:.2f} CPU-s, "
              f"ratio {ours / theirs:.2f}")
    ours, theirs = sum(c[0] for c in costs) / len(costs), sum(c[1] for c in costs) / len(costs)
    print(f"per page, each page alone: chamdiem {ours:.2f} CPU-s, tesseract alone {theirs:.2f} CPU-s, "
          f"ratio {ours / theirs:.2f}")
    print(f"per page, the {len(images)}-page scan read at once (pages in runs, render included): chamdiem "
          f"{whole:.2f} CPU-s, ratio {whole / theirs:.2f} to tesseract alone")
    print(f"score fields read exactly: {same}/{total} ({same / total:.1%}); low_confidence_value findings: {low}")


if __name__ == "__main__":
    main()
