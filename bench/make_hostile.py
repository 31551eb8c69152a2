"""Writes a hostile corpus: files that mail, scanners and attackers send an office (zip bombs, XXE,
billion laughs, deep nesting, huge texts, damaged, encrypted and truncated PDFs, junk under a
report's name, odd file names, symlink loops, ...), one or more files per kind, and mutants of
good reports. Deterministic for a given seed.

    .venv/bin/python bench/make_hostile.py /tmp/hostile [--heavy] [--mutations 1000]

``--heavy`` writes the full-size kinds (a 15 MB pipe table, bigger bombs); without it every kind
is small enough for CI. Used by tests/test_hostile_corpus.py and bench/fuzz_ingest.py.
"""
from __future__ import annotations

import argparse
import io
import os
import pathlib
import random
import shutil
import sys
import zipfile

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

BASE_REPORT = ROOT / "tests" / "fixtures" / "tsv_sheet_short_rows_and_html_cells.txt"
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def base_text() -> str:
    return BASE_REPORT.read_text("utf-8")


# --- building blocks -------------------------------------------------------------------------

def good_docx() -> bytes:
    from renditions import write_docx
    path = pathlib.Path(os.environ.get("TMPDIR", "/tmp")) / f"hostile-{os.getpid()}.docx"
    write_docx(base_text(), path)
    data = path.read_bytes()
    path.unlink()
    return data


def good_html() -> bytes:
    from renditions import write_html
    path = pathlib.Path(os.environ.get("TMPDIR", "/tmp")) / f"hostile-{os.getpid()}.html"
    write_html(base_text(), path)
    data = path.read_bytes()
    path.unlink()
    return data


def good_pdf() -> bytes | None:
    if not os.path.exists(FONT):
        return None
    from renditions import write_pdf
    path = pathlib.Path(os.environ.get("TMPDIR", "/tmp")) / f"hostile-{os.getpid()}.pdf"
    write_pdf(base_text(), path)
    data = path.read_bytes()
    path.unlink()
    return data


def docx_with(document_xml: bytes, extra: dict[str, bytes] | None = None, compress=zipfile.ZIP_DEFLATED) -> bytes:
    """A minimal package around ``document_xml``."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compress) as zf:
        zf.writestr("[Content_Types].xml",
                    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                    'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-'
                    'package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
                    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
                    'officedocument.wordprocessingml.document.main+xml"/></Types>')
        zf.writestr("_rels/.rels",
                    '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                    'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
                    'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
                    '</Relationships>')
        zf.writestr("word/document.xml", document_xml)
        for name, data in (extra or {}).items():
            zf.writestr(name, data)
    return buf.getvalue()


def paragraph_xml(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def body(inner: str, doctype: str = "") -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8"?>{doctype}<w:document {W_NS}><w:body>{inner}</w:body>'
            f"</w:document>").encode()


REPORT_LINE = "Báo cáo kết quả tự chấm điểm công tác dân vận chính quyền năm 2024 của UBND xã Tịnh Kỳ"


def zip_bomb(uncompressed_mb: int) -> bytes:
    """A .docx whose document.xml inflates to ``uncompressed_mb`` MB of spaces (written in chunks)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        with zf.open("word/document.xml", "w", force_zip64=True) as fh:
            fh.write(f"<w:document {W_NS}><w:body>{paragraph_xml(REPORT_LINE)}<w:p><w:r><w:t>".encode())
            chunk = b" " * (1 << 20)
            for _ in range(uncompressed_mb):
                fh.write(chunk)
            fh.write(b"</w:t></w:r></w:p></w:body></w:document>")
    return buf.getvalue()


def pipe_table(target_bytes: int) -> bytes:
    lines = [REPORT_LINE, "", "| TT | Nội dung | Điểm chuẩn | Điểm tự chấm |", "|---|---|---|---|"]
    size, k = 0, 0
    while size < target_bytes:
        k += 1
        line = f"| {k % 10 + 1} | Tiêu chí số {k} về công tác dân vận, Quyết định số {k}/QĐ-UBND | 10 | {k % 10} |"
        lines.append(line)
        size += len(line.encode()) + 1
    return ("\n".join(lines) + "\n").encode()


def flip(data: bytes, rng: random.Random, n: int = 1) -> bytes:
    b = bytearray(data)
    for _ in range(n):
        i = rng.randrange(len(b))
        b[i] ^= 1 << rng.randrange(8)
    return bytes(b)


def mutate(data: bytes, rng: random.Random) -> bytes:
    """One of the mutations a damaged copy suffers: flipped bits, a cut, a hole, a repeat, junk."""
    if not data:
        return bytes(rng.randrange(256) for _ in range(64))
    how = rng.randrange(7)
    n = len(data)
    if how == 0:
        return flip(data, rng, rng.randint(1, 4))
    if how == 1:
        return data[:rng.randrange(n)]                                   # truncated
    if how == 2:
        i = rng.randrange(n)
        return data[:i] + data[i + rng.randint(1, 256):]                 # a hole
    if how == 3:
        i, j = sorted(rng.randrange(n) for _ in range(2))
        return data[:j] + data[i:j] * rng.randint(1, 4) + data[j:]      # a repeated run
    if how == 4:
        i = rng.randrange(n)
        return data[:i] + bytes(rng.randrange(256) for _ in range(rng.randint(1, 64))) + data[i:]
    if how == 5:
        b = bytearray(data)
        i = rng.randrange(n)
        b[i:i + 512] = bytes(min(512, n - i))                            # zeroed block
        return bytes(b)
    return flip(data, rng, max(1, n // 50))                              # heavy damage


# --- the kinds ---------------------------------------------------------------------------------

def kinds(heavy: bool, rng: random.Random) -> dict[str, list[tuple[str, bytes | None]]]:
    """kind -> [(file name, bytes)]; bytes None for kinds written specially (links, pipes)."""
    text = base_text().encode()
    docx = good_docx()
    html = good_html()
    pdf = good_pdf()
    k: dict[str, list[tuple[str, bytes | None]]] = {}

    def add(kind, name, data):
        k.setdefault(kind, []).append((name, data))

    # OOXML
    add("docx_zip_bomb_ratio", "bomb.docx", zip_bomb(400 if heavy else 60))
    add("docx_zip_bomb_total", "bomb_total.docx",
        docx_with(body(paragraph_xml(REPORT_LINE)), {f"word/media/x{i}.bin": os.urandom(1) * (3 << 20)
                                                      for i in range(80 if heavy else 70)}))
    add("docx_many_entries", "entries.docx", docx_with(body(paragraph_xml(REPORT_LINE)),
                                                        {f"x/{i}.xml": b"" for i in range(10050)}))
    add("docx_xxe", "xxe.docx", docx_with(body(paragraph_xml(REPORT_LINE + " &xxe;"),
                                               '<!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>')))
    laughs = '<!DOCTYPE d [<!ENTITY a "hahahahahahahahahaha">' + "".join(
        f'<!ENTITY {chr(98 + i)} "' + f"&{chr(97 + i)};" * 10 + '">' for i in range(9)) + "]>"
    add("docx_billion_laughs", "laughs.docx", docx_with(body(paragraph_xml(REPORT_LINE + " &j;"), laughs)))
    add("docx_deep_nesting", "deep.docx", docx_with(body("<w:sdt><w:sdtContent>" * 3000 + paragraph_xml(REPORT_LINE)
                                                         + "</w:sdtContent></w:sdt>" * 3000)))
    add("docx_truncated", "truncated.docx", docx[:len(docx) // 2])
    add("docx_random_bytes", "random.docx", os.urandom(20000))
    add("docx_empty_zip", "emptyzip.docx", _empty_zip())
    add("docx_no_document_part", "nodoc.docx", _zip({"[Content_Types].xml": b"<Types/>"}))
    add("docx_external_relationship", "extrel.docx", docx_with(body(paragraph_xml(REPORT_LINE)), {
        "word/_rels/document.xml.rels": b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats'
                                        b'.org/package/2006/relationships"><Relationship Id="rId9" Type="http://schem'
                                        b'as.openxmlformats.org/officeDocument/2006/relationships/image" Target="http'
                                        b'://127.0.0.1:9/x.png" TargetMode="External"/></Relationships>'}))
    add("docx_many_paragraphs", "paragraphs.docx",
        docx_with(body(paragraph_xml(REPORT_LINE) * (100000 if heavy else 20000))))
    add("docx_huge_paragraph", "bigpara.docx", docx_with(body(paragraph_xml(REPORT_LINE * (60000 if heavy else 20000)))))
    add("docx_invalid_xml", "badxml.docx", docx_with(b"<w:document><w:body><w:p>"))
    add("docx_stored_not_deflated", "stored.docx", docx_with(body(paragraph_xml(REPORT_LINE)), compress=zipfile.ZIP_STORED))
    add("docx_mutated", "mutated.docx", mutate(docx, rng))
    # HTML
    add("html_deep_nesting_100k", "deep.html", ("<html><body><p>" + REPORT_LINE + "</p>" + "<div>" * 100000
                                               + REPORT_LINE + "</div>" * 100000 + "</body></html>").encode())
    add("html_unclosed_nesting", "unclosed.html", ("<html><body>" + "<span>" * 50000 + REPORT_LINE).encode())
    add("html_xxe", "xxe.html", ('<!DOCTYPE html [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><html><body><p>'
                                 + REPORT_LINE + " &xxe;</p></body></html>").encode())
    add("html_billion_laughs", "laughs.html", (laughs.replace("<!DOCTYPE d", "<!DOCTYPE html")
                                               + f"<html><body><p>{REPORT_LINE} &j;</p></body></html>").encode())
    add("html_flipped_byte", "flipped.html", _flip_in_text(html, rng))
    add("html_bad_declared_charset", "charset.html", html.replace(b"<head>", b'<head><meta charset="x-nonsense">', 1))
    add("html_lying_charset_utf16", "utf16lie.html",
        b'<html><head><meta charset="utf-16"></head><body><p>' + REPORT_LINE.encode() + b"</p></body></html>")
    add("html_script_in_cells", "script.html", html.replace(b"<td>", b"<td><script>alert(1)</script><b>", 3))
    add("html_huge_table", "bigtable.html", ("<html><body><p>" + REPORT_LINE + "</p><table>" + (
        "<tr>" + "<td>5</td>" * 200 + "</tr>") * (2000 if heavy else 300) + "</table></body></html>").encode())
    add("html_rowspan_bomb", "rowspan.html", ("<html><body><p>" + REPORT_LINE + '</p><table><tr><td rowspan="99999999" '
                                              'colspan="99999">x</td></tr><tr><td>1</td></tr></table></body></html>').encode())
    add("html_null_bytes", "nul.html", html.replace(b"<p>", b"<p>\x00\x00", 5))
    add("html_empty", "empty.html", b"<html><body></body></html>")
    add("html_heavy_damage", "damaged.html", flip(html, rng, len(html) // 10))
    # text
    add("txt_flipped_byte", "flipped.txt", _flip_in_text(text, rng))
    add("txt_heavy_damage", "damaged.txt", flip(text, rng, len(text) // 8))
    add("txt_random_bytes", "random.txt", os.urandom(50000))
    add("txt_huge_pipe_table", "pipe_table.md", pipe_table(15_000_000 if heavy else 300_000))
    add("txt_single_huge_line", "oneline.txt", (REPORT_LINE + " ") .encode() * (150000 if heavy else 30000))
    add("txt_tab_flood", "tabs.txt", (REPORT_LINE + "\n" + "5\t" * (1_000_000 if heavy else 200_000)).encode())
    add("txt_page_break_flood", "formfeeds.txt", (REPORT_LINE + "\n").encode() + b"\f" * 1_000_000)
    add("txt_combining_flood", "combining.txt", (REPORT_LINE + "\na" + "\u0301" * 200_000).encode())
    add("txt_zero_width_flood", "zerowidth.txt", (REPORT_LINE + "\n" + "\u200b" * 300_000).encode())
    add("txt_bidi_controls", "bidi.txt", (REPORT_LINE + "\n\u202e" + REPORT_LINE + "\u202c\n").encode())
    add("txt_digit_run", "digits.txt", (REPORT_LINE + "\n| 1 | Tiêu chí | " + "9" * 100000 + " | 5 |\n").encode())
    add("txt_pipe_separator_run", "separator.md", (REPORT_LINE + "\n|" + "-|" * 200000 + "x\n").encode())
    add("txt_html_tag_flood", "tags.txt", (REPORT_LINE + "\n" + "<b" * 200000 + "\n").encode())
    add("txt_utf16_odd_length", "utf16odd.txt", "\ufeff".encode("utf-16-le") + REPORT_LINE.encode("utf-16-le") + b"\x00")
    add("txt_utf16_without_bom", "utf16nobom.txt", REPORT_LINE.encode("utf-16-le"))
    add("txt_nul_bytes", "nul.txt", text.replace(b"\n", b"\n\x00", 20))
    add("txt_only_whitespace", "blank.txt", b" \n\t\r\n" * 1000)
    add("txt_empty", "empty.txt", b"")
    add("txt_english", "english.txt", ("The annual report on the scoring of the criteria shows that the unit has "
                                       "completed its tasks with a total of 95 points.\n" * 20).encode())
    add("txt_cr_only", "cronly.txt", text.replace(b"\n", b"\r"))
    add("txt_cesu_surrogates", "surrogates.txt", text[:200] + b"\xed\xa0\x80\xed\xb0\x80" + text[200:])
    add("txt_gzip_named_txt", "gzip.txt", _gzip(text))
    add("txt_mutated", "mutated.txt", mutate(text, rng))
    # PDF
    if pdf is not None:
        add("pdf_truncated", "truncated.pdf", pdf[:len(pdf) // 2])
        add("pdf_encrypted", "encrypted.pdf", _encrypted_pdf())
        add("pdf_page_tree_damaged", "pages.pdf", pdf.replace(b"/Type /Pages", b"/Type /Pagez", 1)
            .replace(b"/Type/Pages", b"/Type/Pagez", 1))
        add("pdf_content_stream_damaged", "content.pdf", _damage_streams(pdf, rng))
        add("pdf_mutated", "mutated.pdf", mutate(pdf, rng))
        add("pdf_no_text", "notext.pdf", _blank_pdf(3))
        add("pdf_many_blank_pages", "blankpages.pdf", _blank_pdf(1000 if heavy else 200))
    add("pdf_header_then_junk", "junk.pdf", b"%PDF-1.7\n" + os.urandom(30000))
    add("pdf_empty", "empty.pdf", b"")
    # legacy Office and other formats
    add("doc_random_bytes", "random.doc", os.urandom(30000))
    add("doc_ole2_header_then_junk", "ole2junk.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + os.urandom(30000))
    add("xls_random_bytes", "random.xls", os.urandom(30000))
    add("xlsx_zip_bomb", "bomb.xlsx", zip_bomb(60))
    add("unknown_extension", "report.xyz", text)
    add("no_extension", "README", text)
    # names
    add("name_unicode", "Báo cáo 🙂 tự chấm điểm (bản cuối).txt", text)
    add("name_newline", "bao\ncao.txt", text.replace(b"27/30", b"26/30"))
    add("name_leading_dash", "-rf.txt", text.replace(b"27/30", b"25/30"))
    add("name_very_long", "x" * 240 + ".txt", text.replace(b"27/30", b"24/30"))
    add("name_uppercase_extension", "REPORT.TXT", text.replace(b"27/30", b"23/30"))
    add("name_spaces_only", "   .txt", text.replace(b"27/30", b"22/30"))
    add("name_latin1_bytes", "caf\udce9.txt", text.replace(b"27/30", b"21/30"))
    # the file system
    add("symlink_loop", "loop", None)
    add("symlink_dangling", "dangling.txt", None)
    add("fifo", "pipe.txt", None)
    add("directory_named_txt", "folder.txt", None)
    add("duplicate_content", "copy_a.txt", text.replace(b"27/30", b"20/30"))
    add("duplicate_content", "copy_b.txt", text.replace(b"27/30", b"20/30"))
    add("truncated_resubmission", "resubmitted.txt", _truncated_report(text))
    return k


def _zip(entries: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for n, d in entries.items():
            zf.writestr(n, d)
    return buf.getvalue()


def _empty_zip() -> bytes:
    return _zip({})


def _gzip(data: bytes) -> bytes:
    import gzip
    return gzip.compress(data)


def _flip_in_text(data: bytes, rng: random.Random) -> bytes:
    """One byte of a multi-byte UTF-8 letter made invalid, in the body of the file."""
    starts = [i for i in range(len(data) // 4, len(data)) if data[i] >= 0xC2 and data[i] < 0xF0]
    i = rng.choice(starts) if starts else len(data) // 2
    return data[:i + 1] + b"\xff" + data[i + 2:]


def _truncated_report(text: bytes) -> bytes:
    lines = text.split(b"\n")
    return b"\n".join(lines[:len(lines) * 2 // 3])


def _blank_pdf(pages: int) -> bytes:
    from fpdf import FPDF
    pdf = FPDF()
    for _ in range(pages):
        pdf.add_page()
        pdf.rect(20, 20, 50, 50)
    return bytes(pdf.output())


def _encrypted_pdf() -> bytes:
    from fpdf import FPDF
    pdf = FPDF()
    pdf.add_font("DejaVu", "", FONT)
    pdf.set_font("DejaVu", size=10)
    pdf.set_encryption(owner_password="owner", user_password="user")
    pdf.add_page()
    pdf.multi_cell(0, 5, REPORT_LINE)
    return bytes(pdf.output())


def _damage_streams(pdf: bytes, rng: random.Random) -> bytes:
    b = bytearray(pdf)
    pos = 0
    while True:
        i = pdf.find(b"stream\n", pos)
        if i < 0:
            break
        for j in range(i + 7, min(i + 200, len(b))):
            b[j] = rng.randrange(256)
        pos = i + 7
    return bytes(b)


def write_corpus(folder: str | os.PathLike, heavy: bool = False, seed: int = 14) -> dict[str, str]:
    """Writes every kind into ``folder``; returns {path: kind}. Every path must end in v_documents,
    v_document_versions or v_ingest_errors, except the symlink loop, which is walked past."""
    rng = random.Random(seed)
    folder = pathlib.Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written: dict[str, str] = {}
    for kind, files in kinds(heavy, rng).items():
        d = folder / kind
        d.mkdir(exist_ok=True)
        for name, data in files:
            path = d / name
            if kind == "symlink_loop":
                os.symlink(d, path)                # a folder that contains itself: walked past
                written[str(path)] = kind
                continue
            if kind == "symlink_dangling":
                os.symlink(d / "no-such-file.txt", path)
            elif kind == "fifo":
                os.mkfifo(path)
            elif kind == "directory_named_txt":
                path.mkdir()
                (path / "inside.txt").write_bytes(base_text().encode().replace(b"27/30", b"19/30"))
                written[str(path / "inside.txt")] = kind
                continue
            else:
                try:
                    path.write_bytes(data)
                except (OSError, UnicodeEncodeError):
                    path = d / (kind + os.path.splitext(name)[1])
                    path.write_bytes(data)
            written[str(path)] = kind
    return written


def write_mutants(folder: str | os.PathLike, n: int, seed: int = 14) -> dict[str, str]:
    """``n`` mutated copies of the good report as .txt, .html, .docx and .pdf, in turn."""
    rng = random.Random(seed)
    folder = pathlib.Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    goods = [("txt", base_text().encode()), ("html", good_html()), ("docx", good_docx())]
    pdf = good_pdf()
    if pdf is not None:
        goods.append(("pdf", pdf))
    written = {}
    for i in range(n):
        ext, data = goods[i % len(goods)]
        path = folder / f"mutant{i:05d}.{ext}"
        path.write_bytes(mutate(data, rng))
        written[str(path)] = f"mutant_{ext}"
    return written


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folder")
    ap.add_argument("--heavy", action="store_true", help="full-size kinds (15 MB text, bigger bombs)")
    ap.add_argument("--mutations", type=int, default=0, help="mutated copies of good reports to add")
    ap.add_argument("--seed", type=int, default=14)
    args = ap.parse_args()
    if os.path.exists(args.folder):
        shutil.rmtree(args.folder)
    files = write_corpus(os.path.join(args.folder, "kinds"), args.heavy, args.seed)
    if args.mutations:
        files.update(write_mutants(os.path.join(args.folder, "mutants"), args.mutations, args.seed))
    kinds_n = len({v for v in files.values() if not v.startswith("mutant_")})
    print(f"{len(files) - args.mutations} files of {kinds_n} hostile kinds and {args.mutations} mutants "
          f"in {args.folder}")


if __name__ == "__main__":
    main()
