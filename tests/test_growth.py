"""Growth tests: four times the input takes at most five times the time. Each case is a slow path a
real document found, whose cost grew with the square (or worse) of its size: the ratio of two CPU
times in one process, the best of five runs at each size, the two sizes taking turns, so a slower or
busier machine does not matter.

Linear code takes four times the time, code that grows with the square sixteen. Load on the machine
only ever adds time, so the best run is the nearest to the code's own cost, and more runs bring it
nearer: when the first five leave the ratio above the bound (a busy machine measured linear cases
here at up to 5.2), five more are taken, up to three rounds. A square stays near sixteen however
many runs are taken.
"""
from __future__ import annotations

import gc
import time

import pytest

from chamdiem.pipeline.extract import extract_document
from chamdiem.readers.dispatch import read_checked

FONT_DIR = "/usr/share/fonts/truetype/dejavu"
GROWTH = 4
MAX_RATIO = 5.0


def _cpu_seconds(fn) -> float:
    """One run's CPU time, with the garbage collector paused: its full passes grow with the heap
    whatever the code does (a reading worker raises its thresholds, pipeline.workers.settle_collector),
    and these tests measure the code."""
    gc.collect()
    gc.disable()
    try:
        start = time.process_time()
        fn()
        return time.process_time() - start
    finally:
        gc.enable()


def _ratio(make, size: int, tmp_path, runs: int = 5, rounds: int = 3) -> float:
    """The best of ``runs`` at each size, for up to ``rounds`` rounds while the ratio is above the
    bound. Each run reads a document of its own (``make`` writes run ``k``'s with other words, and
    no two runs share a number): a worker remembers what it has read (labels ranked, texts folded),
    and a document read again would measure that memory, not the code."""
    sizes = (size, size * GROWTH)
    for count in sizes:   # imports and catalogs loaded before timing
        path = make(tmp_path / f"n{count}-warm", count, 0)
        read_checked(str(path), path.read_bytes(), "x")
    best = dict.fromkeys(sizes, float("inf"))
    for run in range(1, runs * rounds + 1):
        for turn, count in enumerate(sizes):
            path = make(tmp_path / f"n{count}-run{run}", count, 2 * run + turn)
            data = path.read_bytes()
            best[count] = min(best[count], _cpu_seconds(lambda: extract_document(read_checked(str(path), data, "x"))))
        if run % runs == 0 and best[sizes[1]] / best[sizes[0]] <= MAX_RATIO:
            break
    return best[sizes[1]] / best[sizes[0]]


def _tall_header_pdf(stem, lines: int, run: int = 0):
    """An unruled sheet whose header line has many lines above it standing in the header's
    columns, with no digits: the search for a vertically centred header walks up through all of
    them (each step re-stacked every line above before: cubic in the page's lines)."""
    pytest.importorskip("fpdf")
    from fpdf import FPDF
    words = ["công tác", "dân vận", "chính quyền", "văn hóa", "công sở", "đoàn thể", "Nhân dân", "cơ sở"]
    pdf = FPDF(format=(210, 40 + 2 * (lines + 12)))
    pdf.set_auto_page_break(False)
    pdf.add_font("DejaVu", "", f"{FONT_DIR}/DejaVuSans.ttf")
    pdf.set_font("DejaVu", size=4)
    pdf.add_page()
    pdf.set_y(5)

    def row(*cells):
        for width, text in zip((15, 100, 15, 15), cells):
            pdf.cell(width, 1.9, text)
        pdf.ln()
    for k in range(lines):
        row("mục", f"nội dung {words[(k + run) % 8]} và {words[(k + 3) % 8]}", "tiêu", "phần")
    row("TT", "Nội dung tiêu chí", "Thang điểm", "Tự chấm")
    for k in range(10):
        row(str(k + 1), f"Tiêu chí {words[k % 8]}", "10", "9,5")
    path = stem.with_suffix(".pdf")
    pdf.output(str(path))
    return path


def _pipe_table(stem, rows: int, run: int, marker) -> object:
    head = ["SỞ KHOA HỌC VÀ CÔNG NGHỆ", "BẢNG ĐIỂM THI ĐUA NĂM 2024", "",
            "| STT | Nội dung thi đua | Điểm chuẩn | Điểm tự chấm |", "|---|---|---|---|"]
    unit = ("trực thuộc", "cơ sở", "sự nghiệp", "hành chính")[run % 4]
    body = [f"| {marker(k)} | Hoạt động chuyên môn thứ {k} của đơn vị {unit} lần {run} | 2 | 1,5 |"
            for k in range(rows)]
    path = stem.with_suffix(".md")
    path.write_text("\n".join(head + body) + "\n", "utf-8")
    return path


@pytest.mark.skipif(not __import__("os").path.exists(f"{FONT_DIR}/DejaVuSans.ttf"), reason="needs fonts-dejavu-core")
def test_unruled_header_search_is_linear_in_the_lines_above_it(tmp_path):
    assert _ratio(_tall_header_pdf, 100, tmp_path) <= MAX_RATIO


def test_provisional_sheet_of_one_repeated_marker_is_linear(tmp_path):
    """Rows numbered '1' and 'a' over and over under an unknown framework: each new item's ID
    searched its free suffix from 2 up (sheet_framework)."""
    assert _ratio(lambda stem, n, run: _pipe_table(stem, n, run, lambda k: "a" if k % 2 else "1"), 1000,
                  tmp_path) <= MAX_RATIO


def test_one_logical_row_of_many_physical_rows_is_linear(tmp_path):
    """Rows with a bullet and no number continue one logical row: the citation reader took the
    largest of the row's starts again for every physical row."""
    assert _ratio(lambda stem, n, run: _pipe_table(stem, n, run, lambda k: "-"), 1000, tmp_path) <= MAX_RATIO


def _spaced_text(stem, lines: int, run: int, numbered: bool):
    """Lines cut into three columns by runs of spaces: without numbers (each line began a look for
    a space-aligned sheet that went to the last of them), or a sheet's rows each with its label
    going on under it."""
    words = ["công tác", "dân vận", "chính quyền", "văn hóa", "công sở", "đoàn thể", "Nhân dân", "cơ sở"]
    body = ["TT    Nội dung                                    Thang    Tự", " " * 50 + "điểm   chấm", "-" * 60]
    for k in range(lines):
        label = f"Nội dung {k + 1}: {words[(k + run) % 8]} và {words[(k + 3) % 8]} lần {run}".ljust(44)
        if numbered:
            body += [f"{k + 1:<6}{label}{2:>8}{1:>6}", f"      tiếp theo {words[k % 8]} của nội dung {k + 1}"]
        else:
            body.append(f"mục   {label}  phần {words[k % 8]}")
    path = stem.with_suffix(".txt")
    path.write_text("UBND XÃ TỊNH KỲ\nBÁO CÁO tự chấm điểm công tác dân vận năm 2024\n\n" + "\n".join(body) + "\n",
                    "utf-8")
    return path


@pytest.mark.parametrize("numbered, size", [(False, 1000), (True, 200)], ids=["no-numbers", "wrapped-rows"])
def test_space_aligned_lines_are_read_in_linear_time(tmp_path, numbered, size):
    assert _ratio(lambda stem, n, run: _spaced_text(stem, n, run, numbered), size, tmp_path) <= MAX_RATIO


def _quoted_paragraph(stem, lines: int, run: int):
    """One paragraph (no blank line) of statements, each beside a quotation: every token of every
    sentence was looked for in every quotation of the paragraph."""
    head = ["UBND XÃ TỊNH ẤN TÂY", "BÁO CÁO tự đánh giá công tác dân vận năm 2024", ""]
    body = [f"Về phong trào “Dân vận khéo” lần {run * 100000 + k}, đơn vị tự chấm nội dung {k % 9 + 1} được 8 điểm."
            for k in range(lines)]
    path = stem.with_suffix(".txt")
    path.write_text("\n".join(head + body) + "\n", "utf-8")
    return path


def test_a_paragraph_of_many_quotations_and_statements_is_linear(tmp_path):
    assert _ratio(_quoted_paragraph, 400, tmp_path) <= MAX_RATIO


def _cited_paragraph(stem, mentions: int, run: int):
    """One paragraph (no blank line) citing many documents: whole mentions, mentions without their
    date or symbol that resolve against the whole ones, lists sharing one 'cùng ngày', mentions read
    at once and piece by piece (far from the text's end); every mention scanned, read, placed and
    resolved once."""
    head = ["UBND XÃ TỊNH ẤN TÂY", "BÁO CÁO tự đánh giá công tác dân vận năm 2024", ""]
    shapes = ["Kế hoạch số {n}/KH-UBND ngày {d}/3/2024", "Kế hoạch số {n}/KH-UBND", "Kế hoạch số {n}",
              "Quyết định số {n}/QĐ-UBND và Quyết định số {m}/QĐ-UBND cùng ngày {d}/4/2024",
              "Công văn {n}/UBND-VP ngày {d} tháng 5 năm 2024"]
    body = []
    for k in range(mentions):
        n = run * 1000 + k // 3   # each number cited three times (five digits at most)
        body.append(shapes[k % len(shapes)].format(n=n, m=n + 50000, d=k % 28 + 1) + " về việc triển khai thực hiện")
    path = stem.with_suffix(".txt")
    path.write_text("\n".join(head + ["; ".join(body) + "."]) + "\n", "utf-8")
    return path


def test_a_paragraph_of_many_citations_is_linear(tmp_path):
    assert _ratio(_cited_paragraph, 300, tmp_path) <= MAX_RATIO
