"""Speed on the mix units really send (bench/make_mix.py), file by file, side by side in one run:
this checkout, an older commit (--baseline), and for every PDF pdfplumber (text + tables) and
pypdfium2's own text extraction, the floor any PDF reader stands on.

    .venv/bin/python bench/bench_mix.py [--folder /tmp/chamdiem-mix] [--baseline HEAD~1|none] [--repeat 3]

For each file: pages (PDF) or reports per second, read and extracted, the best of --repeat runs
in a fresh child process per checkout (the memories a worker keeps are cleared between runs, so
every run is a first sight). For PDFs: the ratio to pdfplumber; then the minimum and the median
of those ratios, and text reports per second per core over every text report of the mix.
"""
from __future__ import annotations

import argparse
import json
import os
import pathlib
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))


def _pages(path: str) -> int:
    import pypdfium2 as pdfium
    doc = pdfium.PdfDocument(path)
    try:
        return len(doc)
    finally:
        doc.close()


def _best(fn, repeat: int) -> float:
    best = 1e9
    for _ in range(repeat):
        t0 = time.process_time()
        fn()
        best = min(best, time.process_time() - t0)
    return best


def measure(files: list[dict], repeat: int) -> dict:
    """CPU seconds to read and extract each file (run in a child, against the chamdiem on its path)."""
    import bench_all
    from chamdiem.pipeline.extract import extract_document
    from chamdiem.readers.dispatch import read_checked
    out = {}
    for f in files:
        data = pathlib.Path(f["path"]).read_bytes()

        def read():
            bench_all._clear_caches()
            return read_checked(f["path"], data, "x")
        try:
            out[f["path"]] = {"read": _best(read, repeat), "full": _best(lambda: extract_document(read()), repeat)}
        except Exception as exc:   # an older commit may not read a format: say so, measure the rest
            out[f["path"]] = {"error": f"{type(exc).__name__}: {exc}"[:120]}
    return out


def references(path: str, repeat: int) -> dict:
    """pdfplumber text + tables, and pypdfium2 text, CPU seconds for the whole PDF."""
    import pypdfium2 as pdfium
    out = {}

    def pdfium_text():
        doc = pdfium.PdfDocument(path)
        for i in range(len(doc)):
            page = doc[i]
            textpage = page.get_textpage()
            textpage.get_text_range()
            textpage.close()
            page.close()
        doc.close()
    out["pypdfium2"] = _best(pdfium_text, repeat)
    try:
        import pdfplumber
    except ImportError:
        return out

    def plumber():
        with pdfplumber.open(path) as doc:
            for page in doc.pages:
                page.extract_text()
                page.extract_tables()
    out["pdfplumber"] = _best(plumber, 1)
    return out


def child(pythonpath: str | None, files: list[dict], repeat: int) -> dict:
    """``measure`` in a new process against the chamdiem on ``pythonpath``; tesseract single-threaded,
    as a reading worker runs it."""
    import bench_all
    return bench_all.run_in_child("bench_mix", pythonpath, files, repeat, env={"OMP_THREAD_LIMIT": "1"})


def _rate(units: float, seconds) -> str:
    return f"{units / seconds:9.1f}" if isinstance(seconds, float) and seconds > 0 else f"{'-':>9}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--folder", default=os.path.join(tempfile.gettempdir(), "chamdiem-mix"))
    ap.add_argument("--units", type=int, default=16)
    ap.add_argument("--baseline", default="HEAD~1", help="git commit measured in the same run, or 'none'")
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    manifest = pathlib.Path(a.folder) / "mix.json"
    if not manifest.exists():
        import make_mix
        make_mix.make(pathlib.Path(a.folder), a.units, 7)
    files = json.loads(manifest.read_text("utf-8"))
    try:
        import pytesseract  # noqa: F401
        has_ocr = True
    except ImportError:
        has_ocr = False
    files = [f for f in files if f["kind"] != "scan" or has_ocr]
    now = child(None, files, a.repeat)
    base = None
    if a.baseline != "none":
        import bench_all
        rev = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", a.baseline], capture_output=True,
                             text=True).stdout.strip()
        base = child(bench_all.baseline_tree(a.baseline), files, a.repeat)
    load = os.getloadavg()
    print(f"bench_mix, {time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} cores, load {load[0]:.2f} "
          f"{load[1]:.2f} {load[2]:.2f}; CPU seconds, best of {a.repeat}, first sight")
    print("read: the reader alone (what pdfplumber and pypdfium2 do); +extract: scores, checks, citations too")
    head = (f"{'file':30} {'pages':>5} {'read':>9} {'+extract':>9} "
            + (f"{rev + ' read':>12} {rev + ' +ex':>12} " if base else "")
            + f"{'plumber':>9} {'pdfium':>9} {'read×plumber':>12}")
    print(head + "\n" + "-" * len(head))
    ratios, text_secs, base_text_secs = [], [], []
    for f in files:
        name = pathlib.Path(f["path"]).name[:30]
        ours, older = now[f["path"]], (base or {}).get(f["path"], {})
        if "error" in ours:
            print(f"{name:30} failed: {ours['error']}")
            continue
        units = _pages(f["path"]) if f["format"] == "pdf" else 1
        line = f"{name:30} {units if f['format'] == 'pdf' else '':>5} {_rate(units, ours['read'])} " \
               f"{_rate(units, ours['full'])} " + (f"{_rate(units, older.get('read')):>12} "
                                                   f"{_rate(units, older.get('full')):>12} " if base else "")
        if f["format"] == "pdf":
            ref = references(f["path"], a.repeat)
            ratio = ref.get("pdfplumber", 0) / ours["read"]
            ratios.append(ratio)
            line += f"{_rate(units, ref.get('pdfplumber'))} {_rate(units, ref['pypdfium2'])} {ratio:11.1f}×"
        else:
            line += "reports/s"
            if f["format"] in ("txt", "md"):
                text_secs.append(ours["full"])
                if isinstance(older.get("full"), float):
                    base_text_secs.append(older["full"])
        print(line)
    print("-" * len(head))
    print("pages/s for PDFs, reports/s for the other formats")
    if ratios:
        print(f"PDF reader × pdfplumber: minimum {min(ratios):.1f}×, median {statistics.median(ratios):.1f}× "
              f"over {len(ratios)} PDFs")
    if text_secs:
        print(f"text reports read + extracted: {len(text_secs) / sum(text_secs):.1f} per second per core "
              f"({len(text_secs)} reports, first sight)"
              + (f"; {rev}: {len(base_text_secs) / sum(base_text_secs):.1f}" if base_text_secs else ""))

if __name__ == "__main__":
    main()
