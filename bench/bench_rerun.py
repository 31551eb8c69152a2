"""An unchanged re-run over many files: how long an ingest takes when nothing changed, and that a
file rewritten under the same size and modification time is still read again.

Writes --files short text reports (distinct contents) into a folder, loads them, then runs the
ingest again over the unchanged folder and prints both times; then rewrites one report keeping
its size and putting its modification time back, and runs once more.

    .venv/bin/python bench/bench_rerun.py /tmp/rerun --files 10000 --workers 2
"""
from __future__ import annotations

import argparse
import os
import pathlib
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from chamdiem.pipeline.ingest import ingest  # noqa: E402

REPORT = """Số: {n}/BC-UBND
Quảng Ngãi, ngày {d} tháng 11 năm 2024
BÁO CÁO
Tự đánh giá, chấm điểm công tác dân vận chính quyền năm 2024 của UBND xã số {n}
Thực hiện Công văn số {c}/SNV-XDCQ ngày 02/10/2024 của Sở Nội vụ, UBND xã số {n} tự đánh giá, chấm điểm
công tác dân vận chính quyền năm 2024, kết quả đạt {s}/100 điểm.
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder")
    ap.add_argument("--files", type=int, default=10_000)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--db", default=None)
    a = ap.parse_args()
    out = pathlib.Path(a.folder)
    out.mkdir(parents=True, exist_ok=True)
    for n in range(a.files):
        p = out / f"bao_cao_{n:05d}.txt"
        if not p.exists():
            p.write_text(REPORT.format(n=n + 1, d=1 + n % 28, c=100 + n % 900, s=80 + n % 20), "utf-8")
    time.sleep(1.1)  # files a quarter brings are older than the second in which they are checked
    db = a.db or os.path.join(tempfile.mkdtemp(), "rerun.sqlite")
    t0 = time.perf_counter()
    first = ingest([str(out)], db, workers=a.workers, quiet=True)
    t1 = time.perf_counter()
    again = ingest([str(out)], db, workers=a.workers, quiet=True)
    t2 = time.perf_counter()
    print(f"{a.files:,} files: first run {t1 - t0:.1f} s (loaded {first.loaded}, failed {first.failed}); "
          f"unchanged re-run {t2 - t1:.2f} s (unchanged {again.unchanged}, read again "
          f"{again.loaded + again.replaced + again.failed})")
    victim = out / "bao_cao_00000.txt"
    st = os.stat(victim)
    data = victim.read_bytes()
    victim.write_bytes(data.replace(b"80/100", b"81/100"))
    os.utime(victim, ns=(st.st_atime_ns, st.st_mtime_ns))
    t3 = time.perf_counter()
    third = ingest([str(out)], db, workers=a.workers, quiet=True)
    t4 = time.perf_counter()
    print(f"one report rewritten under the same size and modification time: re-run {t4 - t3:.2f} s, "
          f"replaced {third.replaced}, loaded {third.loaded}, unchanged {third.unchanged}")
    victim.write_bytes(data)


if __name__ == "__main__":
    main()
