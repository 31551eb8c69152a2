"""Writes a realistic quarter of received reports into a folder: about half DOCX, a third PDF of
5-30 pages, the rest text exports; many units; some reports re-sent with changed scores; a few
broken files. Deterministic for a given --seed.

    .venv/bin/python bench/make_quarter.py /tmp/quarter --reports 1000
"""
from __future__ import annotations

import argparse
import os
import pathlib
import random
import sys
from concurrent.futures import ProcessPoolExecutor

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from chamdiem.normalizers.framework_catalog import frameworks  # noqa: E402

PLACES = ["Tịnh Kỳ", "Nghĩa Dũng", "Đức Phổ", "Sơn Tịnh", "Bình Sơn", "Tư Nghĩa", "Mộ Đức", "Ba Tơ", "Minh Long",
          "Sơn Hà", "Trà Bồng", "Lý Sơn", "Nghĩa Hành", "Sơn Tây", "Nguyễn Nghiêm", "Trần Phú", "Lê Hồng Phong"]
KINDS = ["UBND xã", "UBND phường", "Phòng Nội vụ huyện", "Phòng Tư pháp huyện", "Trung tâm Y tế huyện",
         "Ban Quản lý dự án huyện", "Phòng Văn hóa và Thông tin huyện"]
NAMES = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Minh Châu", "Phạm Quốc Dũng", "Võ Thị Hạnh", "Đặng Văn Khoa"]
TYPES = [("Kế hoạch", "KH"), ("Quyết định", "QĐ"), ("Báo cáo", "BC"), ("Thông báo", "TB")]


def report_text(rng: random.Random, unit: str, year: int, evidence_sentences: int, bump: float = 0) -> str:
    """A dân vận report in the text-export shape: header, narrative, tab-separated sheet."""
    fw = frameworks()["dvcq"]
    T = "\t"
    code = "UBND" if unit.startswith("UBND") else "PNV"
    rows = [T.join(["TT", "NỘI DUNG TIÊU CHÍ", "ĐIỂM", "", "", "Tài liệu kiểm chứng"]),
            T.join(["", "", "Thang điểm", "Kết quả tự chấm điểm", "Kết quả chấm điểm của cơ quan có thẩm quyền", ""])]
    total = 0.0
    for k, tc in enumerate((i for i in fw.items.values() if i.depth == 1), 1):
        kids = [fw.items[c] for c in tc.children]
        vals = [max(0.0, c.max - rng.choice([0, 0, 0, 0.5, 1])) for c in kids]
        s = sum(vals) + (bump if k == 1 else 0)
        total += s
        rows.append(T.join([f"Tiêu chí {k}: {tc.text}", "", f"{tc.max:g}", f"{s:g}".replace(".", ","), "", ""]))
        for j, (c, v) in enumerate(zip(kids, vals), 1):
            ev = " ".join(
                f"{name} số {rng.randint(1, 999)}/{abbr}-{code} ngày {rng.randint(1, 28)}/{rng.randint(1, 12)}/{year} "
                f"về việc triển khai thực hiện nhiệm vụ năm {year} tại đơn vị."
                for name, abbr in (rng.choice(TYPES) for _ in range(evidence_sentences)))
            rows.append(T.join([f"Nội dung {j}", c.text, f"{c.max:g}", f"{v:g}".replace(".", ","), "", ev]))
    rows.append(T.join(["TỔNG ĐIỂM ĐẠT ĐƯỢC", "", "100", f"{total:g}".replace(".", ","), "", ""]))
    head = [f"Số: {rng.randint(10, 999)}/BC-{code}", "", f"Quảng Ngãi, ngày {rng.randint(1, 28)} tháng 11 năm {year}",
            "", "BÁO CÁO", f"Tự đánh giá, chấm điểm công tác dân vận chính quyền năm {year}", "",
            f"Thực hiện Công văn số {rng.randint(100, 999)}/SNV-XDCQ ngày 02/10/{year} của Sở Nội vụ, {unit} tự "
            f"đánh giá, chấm điểm công tác dân vận chính quyền năm {year}, kết quả đạt {total:g}/100 điểm.", "",
            "CHỦ TỊCH" if unit.startswith("UBND") else "TRƯỞNG PHÒNG", "", rng.choice(NAMES), "", "BẢNG CHẤM ĐIỂM", ""]
    return "\n".join(head + rows) + "\n"


def _write(job) -> str:
    from renditions import write_docx, write_pdf
    path, fmt, text = job
    if fmt == "pdf":
        write_pdf(text, path, font_size=9)
    elif fmt == "docx":
        write_docx(text, path)
    else:
        pathlib.Path(path).write_text(text, "utf-8")
    return path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder")
    ap.add_argument("--reports", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    out = pathlib.Path(a.folder)
    out.mkdir(parents=True, exist_ok=True)
    # one report per unit and year, as offices send them; re-sent ones are added below
    places = [f"{p}{side}" for p in PLACES for side in ("", " Đông", " Tây", " Nam")]
    unit_years = [(f"{k} {p}", y) for y in (2024, 2023, 2022) for k in KINDS for p in places]
    rng.shuffle(unit_years)
    jobs = []
    n_broken = max(3, a.reports // 100)
    n_resent = a.reports * 3 // 100
    for i in range(a.reports - n_broken - n_resent):
        unit, year = unit_years[i % len(unit_years)]
        r = rng.random()
        fmt = "docx" if r < 0.5 else "pdf" if r < 0.83 else "txt"
        # evidence length sets the page count of a PDF: about 5 to 30 pages
        ev = rng.randint(1, 4) if fmt != "pdf" else rng.randint(1, 14)
        jobs.append((str(out / f"{i:04d}_{fmt}.{fmt}"), fmt, report_text(rng, unit, year, ev)))
    for k in range(n_resent):  # the same unit and year again, scores changed
        unit, year = unit_years[rng.randrange(len(jobs)) % len(unit_years)]
        jobs.append((str(out / f"resent_{k:03d}.txt"), "txt", report_text(rng, unit, year, 2, bump=0.5)))
    with ProcessPoolExecutor(a.workers) as pool:
        for _ in pool.map(_write, jobs, chunksize=8):
            pass
    for k in range(n_broken):
        kind = k % 3
        if kind == 0:
            (out / f"broken_{k}.pdf").write_bytes(b"%PDF-1.7 truncated")
        elif kind == 1:
            (out / f"broken_{k}.docx").write_bytes(b"PK\x03\x04 not a zip")
        else:
            (out / f"broken_{k}.txt").write_bytes(b"")
    print(f"{len(jobs) + n_broken} files from {len({(u, y) for u, y in unit_years[:len(jobs)]})} unit-years in {out}: {sum(j[1] == 'docx' for j in jobs)} docx, "
          f"{sum(j[1] == 'pdf' for j in jobs)} pdf, {sum(j[1] == 'txt' for j in jobs)} txt "
          f"({n_resent} re-sent), {n_broken} broken")


if __name__ == "__main__":
    main()
