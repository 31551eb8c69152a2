"""Writes a benchmark corpus in the proportions units send, not one favourable sheet: text and
Markdown exports, DOCX with and without tracked changes, HTML, XLSX, PDFs with ruled and unruled
sheets written by a report generator (fpdf2), PDFs printed by LibreOffice from DOCX, long narrative
PDFs, and a few scans (page images of a PDF).

    .venv/bin/python bench/make_mix.py /tmp/chamdiem-mix [--units 12] [--seed 7]

Each report is a dân vận (dvcq) report of its own unit, with its own scores, dates and cited
documents, written from the text rendition the tests use (tests/reports.py, tests/renditions.py).
A manifest (mix.json) lists every file with its kind and format.
"""
from __future__ import annotations

import argparse
import json
import pathlib
import random
import shutil
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from renditions import write_docx, write_html, write_pdf, write_xlsx  # noqa: E402
from reports import dvcq_report  # noqa: E402

UNITS = ["UBND xã Tịnh Ấn Tây", "Sở Tư pháp", "UBND huyện Sơn Tịnh", "Sở Giáo dục và Đào tạo", "UBND phường Trần Phú",
         "Ban Quản lý Khu kinh tế Dung Quất", "UBND xã Bình Châu", "Sở Y tế", "UBND huyện Mộ Đức", "Sở Nội vụ",
         "UBND thị xã Đức Phổ", "Sở Kế hoạch và Đầu tư", "UBND xã Nghĩa Hà", "Thanh tra tỉnh"]
DOC_TYPES = [("Kế hoạch", "KH"), ("Công văn", "CV"), ("Quyết định", "QĐ"), ("Báo cáo", "BC"), ("Thông báo", "TB")]
TOPICS = ["tuyên truyền, phổ biến giáo dục pháp luật", "cải cách hành chính", "thực hiện quy chế dân chủ ở cơ sở",
          "phong trào thi đua “Dân vận khéo”", "tiếp công dân, giải quyết khiếu nại, tố cáo",
          "văn hóa công sở", "phối hợp với Mặt trận Tổ quốc và các đoàn thể", "chuyển đổi số"]

# kind -> how many of each in a corpus of --units units (roughly what a quarter's folder holds)
MIX = [("txt", 3), ("md", 1), ("docx", 2), ("docx_revisions", 1), ("html", 1), ("xlsx", 1),
       ("pdf_ruled", 2), ("pdf_unruled", 2), ("pdf_office", 1), ("pdf_narrative", 1), ("scan", 1)]
# kind -> paragraphs of running text before the sheet (at least, and up to that many more): an
# activity report of 10 to 30 pages is common, a bare score sheet too
LONG = {"pdf_narrative": (120, 60), "pdf_unruled": (0, 120), "pdf_office": (0, 60), "docx": (0, 40)}


def scores(rng: random.Random) -> list[float]:
    return [rng.choice([10, 10, 9.5, 9, 8.5, 8, 7]) for _ in range(10)]


def citation(rng: random.Random, code: str, year: int) -> str:
    kind, abbr = rng.choice(DOC_TYPES)
    return f"{kind} số {rng.randint(2, 480)}/{abbr}-{code} ngày {rng.randint(1, 28)}/{rng.randint(1, 12)}/{year}"


def narrative(rng: random.Random, unit: str, code: str, year: int, paragraphs: int) -> str:
    """Running text of an activity report: what was done, each sentence citing documents."""
    out = []
    for k in range(paragraphs):
        topic = rng.choice(TOPICS)
        sents = [f"{k + 1}. Về công tác {topic}: {unit} đã ban hành {citation(rng, code, year)} và "
                 f"{citation(rng, code, year)} để triển khai thực hiện; tổ chức {rng.randint(2, 40)} hội nghị "
                 f"với {rng.randint(50, 900)} lượt cán bộ, công chức, viên chức và Nhân dân tham gia."]
        for _ in range(rng.randint(2, 5)):
            sents.append(f"Kết quả, {rng.randint(60, 100)}% nhiệm vụ được hoàn thành đúng tiến độ theo "
                         f"{citation(rng, code, year)}; các tồn tại, hạn chế được chỉ ra và khắc phục kịp thời, "
                         f"không để phát sinh vụ việc phức tạp, kéo dài trên địa bàn.")
        out.append(" ".join(sents))
    return "\n\n".join(out)


def report(rng: random.Random, k: int, *, long_narrative: int = 0) -> str:
    unit = UNITS[k % len(UNITS)] + ("" if k < len(UNITS) else f" (đợt {k // len(UNITS) + 1})")
    year = rng.choice([2023, 2024, 2025])
    code = "UBND" if unit.startswith("UBND") else "S" + "".join(w[0] for w in unit.split()[1:3]).upper()
    text = dvcq_report(unit, year, scores(rng), number=rng.randint(10, 3000), day=rng.randint(1, 28),
                       evidence=citation(rng, code, year))
    head, sep, sheet = text.partition("BẢNG CHẤM ĐIỂM")
    body = narrative(rng, unit, code, year, long_narrative or rng.randint(2, 5))
    return head + "\n" + body + "\n\n" + sep + sheet


def add_revisions(path: pathlib.Path) -> None:
    """Tracks changes in a DOCX the way Word stores them: an inserted run and a deleted one in the
    first paragraphs that have text."""
    import docx
    from docx.oxml.ns import qn
    from lxml import etree
    d = docx.Document(str(path))
    paragraphs = [p for p in d.paragraphs if p.runs][:3]
    for n, p in enumerate(paragraphs):
        run = p.runs[0]._r
        wrap = etree.SubElement(p._p, qn("w:ins" if n % 2 == 0 else "w:del"))
        wrap.set(qn("w:id"), str(100 + n))
        wrap.set(qn("w:author"), "Chuyên viên")
        wrap.set(qn("w:date"), "2024-11-20T08:00:00Z")
        new_run = etree.SubElement(wrap, qn("w:r"))
        tag = "w:t" if n % 2 == 0 else "w:delText"
        t = etree.SubElement(new_run, qn(tag))
        t.text = " (đã bổ sung)" if n % 2 == 0 else " (bỏ)"
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        del run
    d.save(str(path))


def office_pdf(docx_path: pathlib.Path, out: pathlib.Path) -> bool:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        return False
    with tempfile.TemporaryDirectory() as profile, tempfile.TemporaryDirectory() as outdir:
        subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                        "--outdir", outdir, str(docx_path)], capture_output=True, timeout=180)
        made = pathlib.Path(outdir) / (docx_path.stem + ".pdf")
        if not made.exists():
            return False
        shutil.move(str(made), out)
    return True


def scan(pdf_path: pathlib.Path, out: pathlib.Path, dpi: int = 200) -> None:
    """The PDF's pages as one multi-page TIFF, as a scanner writes it."""
    import pypdfium2 as pdfium
    doc = pdfium.PdfDocument(str(pdf_path))
    images = [doc[i].render(scale=dpi / 72, grayscale=True).to_pil() for i in range(min(len(doc), 3))]
    images[0].save(str(out), save_all=True, append_images=images[1:], dpi=(dpi, dpi), compression="tiff_lzw")
    doc.close()


def make(folder: pathlib.Path, units: int, seed: int) -> list[dict]:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    scale = max(1, units // 12)
    k = 0
    for kind, count in MIX:
        for _ in range(count * scale):
            text = report(rng, k, long_narrative=LONG.get(kind, (0, 0))[0] + rng.randint(0, LONG.get(kind, (0, 0))[1]))
            stem = folder / f"{k:03d}_{kind}"
            if kind in ("txt", "md"):
                path = stem.with_suffix("." + kind)
                path.write_text(text, "utf-8")
            elif kind in ("docx", "docx_revisions"):
                path = stem.with_suffix(".docx")
                write_docx(text, path)
                if kind == "docx_revisions":
                    add_revisions(path)
            elif kind == "html":
                path = stem.with_suffix(".html")
                write_html(text, path)
            elif kind == "xlsx":
                path = stem.with_suffix(".xlsx")
                write_xlsx(text, path)
            elif kind in ("pdf_ruled", "pdf_unruled", "pdf_narrative"):
                path = stem.with_suffix(".pdf")
                write_pdf(text, path, ruled=kind != "pdf_unruled", font_size=rng.choice([8, 9, 10]))
            elif kind == "pdf_office":
                path = stem.with_suffix(".pdf")
                source = stem.with_suffix(".source.docx")
                write_docx(text, source)
                made = office_pdf(source, path)
                source.unlink()
                if not made:
                    write_pdf(text, path)
                    kind = "pdf_ruled"
            elif kind == "scan":
                path = stem.with_suffix(".tiff")
                pdf = stem.with_suffix(".source.pdf")
                write_pdf(text, pdf, font_size=10)
                scan(pdf, path)
                pdf.unlink()
            files.append({"path": str(path), "kind": kind, "format": path.suffix.lstrip(".")})
            k += 1
    (folder / "mix.json").write_text(json.dumps(files, ensure_ascii=False, indent=1), "utf-8")
    return files


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder")
    ap.add_argument("--units", type=int, default=16, help="about one file per unit; the mix repeats per 12")
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    files = make(pathlib.Path(a.folder), a.units, a.seed)
    kinds: dict[str, int] = {}
    for f in files:
        kinds[f["kind"]] = kinds.get(f["kind"], 0) + 1
    print(f"{len(files)} files in {a.folder}: " + ", ".join(f"{n} {kind}" for kind, n in kinds.items()))


if __name__ == "__main__":
    main()
