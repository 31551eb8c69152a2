"""Every speed figure in one run, side by side: this checkout, the same figures measured on an
older commit in the same run (--baseline, default the commit before the speed work), the
libraries' own floors (pypdfium2's text and text-with-boxes extraction), pdfplumber, PyMuPDF where
installed (a reference only), and the figures the README quoted before.

    .venv/bin/python bench/bench_all.py                 # formats, framework detection, citations, start-up
    .venv/bin/python bench/bench_all.py --baseline none # without the older commit

The machine may be shared: every figure is the best of --repeat runs, and the older commit is
measured in the same run, right after this checkout, so that the two are comparable.

Reports are read and extracted one at a time and dropped, as a reading worker does (it sends each
to the writer and forgets it); keeping every Report alive costs the garbage collector about a tenth
more. Whole commands run the package byte-compiled, as pip installs it; one-file ingest takes a
report the database has not seen, each run a new one.
"""
from __future__ import annotations

import argparse
import json
import os
import pathlib
import random
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
BASELINE = "d6450ed"   # the commit before issue 13's speed work
# The README's figures before this round (the 2-core development machine), and the issue's own.
PREVIOUS = {
    "pdf_reader": "400 pages/s (29.1x; issue: 87)", "pdf_full": "352 pages/s", "pdfplumber": "13.7 pages/s",
    "docx": "69.7 reports/s (issue: 11)", "html": "132.9 reports/s", "txt": "256.0 reports/s (issue: 300)",
    "txt_mix": "118.3 reports/s (a slower run)", "citations_mb": "16.5 MB/s", "help": "0.038 s (issue: 0.3)",
    "one_file": "0.170 s (whole command, 30 runs; issue: 0.25)",
    "quarter": "35.1 s (issue: 40 s)", "rerun": "0.14 s (10,000 files)",
}


# --- measurements (run in a child process, against whichever chamdiem is on its path)
def _best(fn, repeat: int) -> tuple[float, float]:
    """Best wall and CPU seconds of ``repeat`` runs."""
    wall, cpu = 1e9, 1e9
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        fn()
        wall, cpu = min(wall, time.perf_counter() - t0), min(cpu, time.process_time() - c0)
    return wall, cpu


def _clear_caches() -> None:
    """Forget what earlier reports taught the matcher and the citation reader (where this checkout
    has such memories): labels ranked, sheets mapped, texts whose citations were read."""
    try:
        from chamdiem.normalizers import frameworks as F
    except ImportError:
        return
    try:   # where the frameworks are loaded from moved to framework_catalog
        from chamdiem.normalizers.framework_catalog import frameworks as loaded
    except ImportError:
        loaded = F.frameworks
    for fw in loaded().values():
        if "index" in getattr(fw, "__dict__", {}):
            fw.index._top2.clear()
        if "sheet_mappings" in getattr(fw, "__dict__", {}):
            fw.sheet_mappings.clear()
    if hasattr(F, "_similarity"):
        F._similarity.cache_clear()
    _forget_citations()


def _forget_citations() -> None:
    """The texts whose mentions were read, and the symbols cleaned and split by their issuer
    (small memories of a worker, cleared so that every run is a first sight)."""
    from chamdiem.extractors import citations as C
    from chamdiem.normalizers import cited_documents as D
    for module, memo in ((C, "_remembered_mentions"), (C, "_short_mentions"), (C, "_cleaned"), (D, "_issuer_of")):
        if hasattr(module, memo):
            getattr(module, memo).cache_clear()


def measure(files: dict, repeat: int) -> dict:
    sys.path.insert(0, str(ROOT / "tests"))
    from chamdiem.normalizers.cited_documents import resolve
    from chamdiem.pipeline.extract import extract_document
    from chamdiem.readers.dispatch import read_document
    try:   # collect garbage as a reading worker does, where this checkout says how
        from chamdiem.pipeline.workers import settle_collector
    except ImportError:
        pass
    else:
        settle_collector()
    out = {}
    pdf, pages = files["pdf"], files["pages"]
    data = pathlib.Path(pdf).read_bytes()
    read_document(pdf, data, "x")
    w, c = _best(lambda: read_document(pdf, data, "x"), repeat)
    out["pdf_reader"] = (pages / w, pages / c)
    w, c = _best(lambda: extract_document(read_document(pdf, data, "x")), repeat)
    out["pdf_full"] = (pages / w, pages / c)
    n = 10
    for fmt in ("docx", "html", "txt"):
        p = files[fmt]
        d = pathlib.Path(p).read_bytes()
        extract_document(read_document(p, d, "x"))
        k = n * (5 if fmt == "txt" else 1)

        def again():
            for _ in range(k):   # each report dropped once extracted, as a reading worker does
                extract_document(read_document(p, d, "x"))
        w, c = _best(again, repeat)
        out[fmt] = (k / w, k / c)

        def cold():
            for _ in range(k):
                _clear_caches()
                extract_document(read_document(p, d, "x"))
        w, c = _best(cold, repeat)
        out[fmt + "_cold"] = (k / w, k / c)
    # different reports, each read once from cold caches, as a worker reads its share of a quarter
    mix = [(p, pathlib.Path(p).read_bytes()) for p in files["mix"]]

    def mixed():
        _clear_caches()
        for p, d in mix:
            extract_document(read_document(p, d, "x"))
    w, c = _best(mixed, 1)
    out["txt_mix"] = (len(mix) / w, len(mix) / c)
    # framework detection alone, on a report seen for the first time
    from chamdiem.normalizers.mapping import detect_framework
    model = read_document(files["docx"], pathlib.Path(files["docx"]).read_bytes(), "x")
    obs = extract_document(model).observations

    def detect():
        for _ in range(n):
            _clear_caches()
            detect_framework(model.text, obs)
    w, c = _best(detect, repeat)
    out["detect_ms"] = (w / n * 1000, c / n * 1000)
    # citation resolution on one report with many mentions
    from chamdiem.model.observations import Citation
    rng = random.Random(5)
    mentions = [Citation(f"m{k}", rng.choice(["Quyết định", "Kế hoạch"]), None, str(rng.randint(1, 400)),
                         rng.choice([None, 2023, 2024]), rng.choice([None, "QĐ-UBND", "KH-UBND"]),
                         rng.choice([None, "2024-01-10", "2023-03-17"]), k, k + 1) for k in range(3000)]
    w, c = _best(lambda: resolve(mentions), 1)
    out["resolve_ms"] = (w * 1000, c * 1000)
    # citation extraction throughput on the text reports
    from chamdiem.extractors.citations import extract_citations
    docs = [read_document(p, pathlib.Path(p).read_bytes(), "x") for p in files["texts"]]
    size = sum(len(dd.text.encode()) for dd in docs)
    rounds = max(1, int(2e6 / size))

    def each_read_afresh():   # texts whose citations were read are remembered: forget them each round
        for _ in range(rounds):
            _forget_citations()
            for dd in docs:
                extract_citations(dd)
    w, c = _best(each_read_afresh, repeat)
    out["citations_mb"] = (size * rounds / 1e6 / w, size * rounds / 1e6 / c)
    return out


def floors(pdf: str, pages: int, repeat: int) -> dict:
    """What the libraries do on the same sheet: pypdfium2 text, pypdfium2 text with a box per
    character, pdfplumber text + tables, PyMuPDF text and text with boxes (where installed)."""
    import pypdfium2 as pdfium
    out = {}

    def pdfium_text(boxes: bool):
        doc = pdfium.PdfDocument(pdf)
        for i in range(len(doc)):
            page = doc[i]
            tp = page.get_textpage()
            n = tp.count_chars()
            tp.get_text_range(0, n)
            if boxes:
                for k in range(n):
                    tp.get_charbox(k, loose=True)
            tp.close()
            page.close()
        doc.close()
    w, c = _best(lambda: pdfium_text(False), repeat)
    out["pypdfium2_text"] = (pages / w, pages / c)
    w, c = _best(lambda: pdfium_text(True), repeat)
    out["pypdfium2_boxes"] = (pages / w, pages / c)
    try:
        import pdfplumber

        def plumber():
            with pdfplumber.open(pdf) as doc:
                for page in doc.pages:
                    page.extract_text()
                    page.extract_tables()
        w, c = _best(plumber, max(1, repeat - 1))
        out["pdfplumber"] = (pages / w, pages / c)
    except ImportError:
        pass
    try:
        import pymupdf

        def mupdf(kind):
            with pymupdf.open(pdf) as doc:
                for page in doc:
                    page.get_text(kind)
        w, c = _best(lambda: mupdf("text"), repeat)
        out["pymupdf_text"] = (pages / w, pages / c)
        w, c = _best(lambda: mupdf("rawdict"), repeat)
        out["pymupdf_boxes"] = (pages / w, pages / c)
    except ImportError:
        pass
    return out


def startup(pythonpath: str | None, files: dict, repeat: int) -> dict:
    """Seconds of whole commands, (wall, CPU of the child): `chamdiem --help`; one new text report
    ingested into an existing database and into a new one (each run a report the database has
    not seen: its content differs by a line); and the same report ingested again, unchanged.
    The package is byte-compiled first, as pip does when it installs it."""
    import compileall
    import resource
    env = dict(os.environ)
    if pythonpath:
        env["PYTHONPATH"] = pythonpath
    compileall.compile_dir(os.path.join(pythonpath or str(ROOT), "chamdiem"), quiet=1)
    cli = [sys.executable, "-m", "chamdiem.interfaces.cli"]
    tmp = tempfile.mkdtemp()
    existing = os.path.join(tmp, "existing.sqlite")
    subprocess.run(cli + ["ingest", files["txt"], "--db", existing, "--quiet"], env=env, cwd=tmp)

    def run(args):
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        subprocess.run(cli + args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=tmp)
        wall = time.perf_counter() - t0
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        return wall, (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)

    def best(runs):
        runs = list(runs)
        return min(r[0] for r in runs), min(r[1] for r in runs)

    def new_report(k: int) -> str:
        """A report the database has not seen: the second text report with a line added."""
        path = os.path.join(tmp, f"report{k}.txt")
        text = pathlib.Path(files["texts"][1]).read_text("utf-8")
        pathlib.Path(path).write_text(text + f"\nGhi chú {k}.\n", "utf-8")
        return path
    out = {"help": best(run(["--help"]) for _ in range(repeat))}
    out["one_file"] = best(run(["ingest", new_report(k), "--db", existing, "--quiet"]) for k in range(repeat))
    out["one_file_new_db"] = best(run(["ingest", new_report(100 + k), "--db", os.path.join(tmp, f"new{k}.sqlite"),
                                       "--quiet"]) for k in range(repeat))
    again = new_report(200)
    run(["ingest", again, "--db", existing, "--quiet"])
    out["one_file_unchanged"] = best(run(["ingest", again, "--db", existing, "--quiet"]) for _ in range(repeat))
    shutil.rmtree(tmp, ignore_errors=True)
    return out


# --- the run
def make_files(tmp: pathlib.Path, pages: int) -> dict:
    sys.path.insert(0, str(ROOT / "tests"))
    from renditions import write_docx, write_html, write_pdf
    import pypdfium2
    sheet = (ROOT / "data" / "raw" / "bao_cao_dvcq_so_tai_chinh_2024.txt").read_text("utf-8")
    pdf = tmp / "sheet.pdf"
    copies = 1
    while True:
        write_pdf("\n\n".join([sheet] * copies), pdf, font_size=9)
        n = len(pypdfium2.PdfDocument(str(pdf)))
        if n >= pages or copies > 50:
            break
        copies += 1
    write_docx(sheet, tmp / "sheet.docx")
    write_html(sheet, tmp / "sheet.html")
    shutil.copy(ROOT / "data" / "raw" / "bao_cao_dvcq_so_tai_chinh_2024.txt", tmp / "sheet.txt")
    texts = sorted(str(p) for p in (ROOT / "data" / "raw").iterdir())
    return {"pdf": str(pdf), "pages": n, "docx": str(tmp / "sheet.docx"), "html": str(tmp / "sheet.html"),
            "txt": str(tmp / "sheet.txt"), "texts": texts, "mix": _mixed_reports(tmp / "mix", MIXED_REPORTS)}


MIXED_REPORTS = 200


def _mixed_reports(folder: pathlib.Path, count: int) -> list[str]:
    """``count`` different text reports in the quarter's text shape (make_quarter.report_text):
    other units, years, scores, evidence and cited documents, the same framework."""
    import random
    sys.path.insert(0, str(ROOT / "bench"))
    import make_quarter as q
    folder.mkdir()
    rng = random.Random(11)
    places = [f"{p}{s}" for p in q.PLACES for s in ("", " Đông", " Tây", " Nam")]
    out = []
    for i in range(count):
        unit = f"{rng.choice(q.KINDS)} {rng.choice(places)}"
        path = folder / f"{i:04d}.txt"
        path.write_text(q.report_text(rng, unit, rng.choice([2022, 2023, 2024]), rng.randint(1, 4)), "utf-8")
        out.append(str(path))
    return out


def _child(pythonpath: str | None, files: dict, repeat: int) -> dict:
    return run_in_child("bench_all", pythonpath, files, repeat)


def run_in_child(module: str, pythonpath: str | None, files, repeat: int, env: dict | None = None) -> dict:
    """``bench/<module>.measure(files, repeat)`` in a new process, against the chamdiem on
    ``pythonpath`` (None: this checkout's), its result read back as JSON."""
    env = dict(os.environ, **(env or {}))
    if pythonpath:
        env["PYTHONPATH"] = pythonpath
    code = (f"import json, sys; sys.path.insert(0, {str(ROOT / 'bench')!r}); import {module}; "
            f"print(json.dumps({module}.measure(json.loads(sys.argv[1]), {repeat})))")
    # run from an empty folder: the checkout's own package must not shadow the one on PYTHONPATH
    res = subprocess.run([sys.executable, "-c", code, json.dumps(files)], env=env, capture_output=True, text=True,
                         cwd=tempfile.gettempdir())
    if res.returncode:
        raise RuntimeError(res.stderr[-2000:])
    return json.loads(res.stdout.strip().splitlines()[-1])


def baseline_tree(ref: str) -> str:
    """The older commit's package in a temporary folder (its bench and tests are not used)."""
    dest = tempfile.mkdtemp(prefix="chamdiem-baseline-")
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", ref, "chamdiem"], capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", dest], input=archive.stdout, check=True)
    return dest


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=28)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--baseline", default=BASELINE, help="git commit to measure alongside, or 'none'")
    a = ap.parse_args()
    tmp = pathlib.Path(tempfile.mkdtemp())
    files = make_files(tmp, a.pages)
    now = _child(None, files, a.repeat)
    base_path = None if a.baseline == "none" else baseline_tree(a.baseline)
    base = _child(base_path, files, a.repeat) if base_path else {}
    lib = floors(files["pdf"], files["pages"], a.repeat)
    st_now = startup(None, files, max(3, a.repeat))
    st_base = startup(base_path, files, max(3, a.repeat)) if base_path else {}
    cpus = os.cpu_count()
    load = os.getloadavg()[0]
    print(f"machine: {cpus} cores, load average {load:.1f} at the start (shared: compare columns of one run);"
          f" best of {a.repeat}; 'cpu' = per core (CPU seconds), 'wall' = elapsed")
    col = f"{'':44s} {'now wall':>10s} {'now cpu':>9s} {'base wall':>10s} {'base cpu':>9s}   previous (README/issue)"
    print(col)

    def row(label, key, unit, src=now, bsrc=base, prev=None, fmt="{:10.1f}"):
        n = src.get(key)
        b = bsrc.get(key)
        cells = [fmt.format(n[0]) if n else f"{'-':>10s}", (fmt.format(n[1]) if n else "-").rjust(9),
                 fmt.format(b[0]) if b else f"{'-':>10s}", (fmt.format(b[1]) if b else "-").rjust(9)]
        print(f"{label + ' (' + unit + ')':44s} {cells[0]} {cells[1]} {cells[2]} {cells[3]}   {prev or ''}")
    p = files["pages"]
    print(f"PDF, a {p}-page ruled score sheet:")
    row("  chamdiem reader", "pdf_reader", "pages/s", prev=PREVIOUS["pdf_reader"])
    row("  chamdiem reader + extraction", "pdf_full", "pages/s", prev=PREVIOUS["pdf_full"])
    for key, label in (("pypdfium2_text", "pypdfium2 text only (floor)"),
                       ("pypdfium2_boxes", "pypdfium2 text + box per char"),
                       ("pdfplumber", "pdfplumber text + tables"),
                       ("pymupdf_text", "PyMuPDF text (reference only)"),
                       ("pymupdf_boxes", "PyMuPDF rawdict (reference only)")):
        row("  " + label, key, "pages/s", src=lib, bsrc={}, prev=PREVIOUS["pdfplumber"] if key == "pdfplumber" else None)
    if "pdfplumber" in lib:
        for k, what in ((0, "wall"), (1, "cpu")):
            r = now["pdf_reader"][k] / lib["pdfplumber"][k]
            rb = base["pdf_reader"][k] / lib["pdfplumber"][k] if base else None
            print(f"  reader / pdfplumber ({what}): {r:.1f}x" + (f" (base {rb:.1f}x)" if rb else "") + ", same run")
    print("Reports read and extracted, the full 10-criteria sheet:")
    for fmt in ("docx", "html", "txt"):
        row(f"  {fmt.upper()}, same report again", fmt, "reports/s", prev=PREVIOUS.get(fmt))
        row(f"  {fmt.upper()}, first sight (caches cleared)", fmt + "_cold", "reports/s")
    row(f"  TXT, {MIXED_REPORTS} different reports, each once", "txt_mix", "reports/s", prev=PREVIOUS["txt_mix"])
    row("  framework detection, first sight", "detect_ms", "ms/report")
    row("  citation registry, 3,000 mentions", "resolve_ms", "ms")
    row("  citation extraction", "citations_mb", "MB/s", prev=PREVIOUS["citations_mb"])
    print(f"Whole commands (best of {max(3, a.repeat)}):")
    for key, label in (("help", "chamdiem --help"), ("one_file", "ingest one new report, existing database"),
                       ("one_file_new_db", "ingest one report, new database"),
                       ("one_file_unchanged", "ingest one unchanged report again")):
        row("  " + label, key, "s", src=st_now, bsrc=st_base, prev=PREVIOUS.get(key), fmt="{:10.3f}")
    print("Quarter, re-run and database: make bench-quarter, bench/bench_db.py (they take minutes)")
    shutil.rmtree(tmp, ignore_errors=True)
    if base_path:
        shutil.rmtree(base_path, ignore_errors=True)


if __name__ == "__main__":
    main()
