"""Pre-Unicode Vietnamese text (TCVN3 '.VnTime'/'.VnTimeH', VNI 'VNI-Times') in DOCX runs and
styles, HTML font faces and plain text, and Word's 'Web page' HTML in Windows-1258. Every
fixture is written here from Unicode text by tests/legacy_text.py; the reader must give the
Unicode back, the same scores and metadata, and say in v_documents which encoding it decoded."""
import unicodedata

from conftest import extract_file, query, scores_of
from legacy_text import cp1258, tcvn3, vni
from chamdiem.interfaces.cli import main

N = None
TNR = "Times New Roman"

# a small dvcq report of our own; the labels are the framework's item texts
HEAD = ["UBND HUYỆN MINH LONG", "PHÒNG TƯ PHÁP"]
NUMBER = "Số: 37/BC-PTP"
PLACE_DATE = "Minh Long, ngày 09 tháng 12 năm 2025"
TITLE = "BÁO CÁO"
SUBJECT = "Tự đánh giá, chấm điểm công tác dân vận chính quyền năm 2025"
OPENING_UNIT = "Phòng Tư pháp huyện"
OPENING_REST = " tự đánh giá, chấm điểm công tác dân vận chính quyền năm 2025, kết quả đạt 9/10 điểm."
HEADER = ["TT", "Nội dung tiêu chí", "Thang điểm", "Điểm tự chấm"]
ROWS = [
    ["", "Tiêu chí 9: Tổ chức thực hiện công tác tiếp công dân, công khai đối thoại với Nhân dân", "10", "9"],
    ["Nội dung 1", "Bố trí nơi tiếp công dân, ban hành nội quy và công khai lịch tiếp công dân", "5", "5"],
    ["Nội dung 2", "Phối hợp tổ chức triển khai, quán triệt thực hiện tốt công tác đối thoại", "5", "4"],
    ["", "Tổng cộng", "10", "9"],
]
SIGN_TITLE = "TRƯỞNG PHÒNG"
SIGNER = "Đinh Văn Khải"

SCORES = {"dvcq": (10, 9, N, N, N), "dvcq.tc9": (10, 9, N, N, N), "dvcq.tc9.nd1": (5, 5, N, N, N),
          "dvcq.tc9.nd2": (5, 4, N, N, N)}
METADATA = ("37/BC-PTP", "Phòng Tư pháp", "2025-12-09", 2025, "Đinh Văn Khải")


def _metadata(doc):
    md = doc.metadata
    return md.report_number, md.issuer, md.issued_on, md.assessment_year, md.signer


def _unicode_text():
    rows = ["\t".join(r) for r in [HEADER] + ROWS]
    return "\n\n".join(HEAD + [NUMBER, PLACE_DATE, TITLE, SUBJECT, OPENING_UNIT + OPENING_REST]) + "\n\n" + \
        "\n".join(rows) + "\n\n" + SIGN_TITLE + "\n\n" + SIGNER + "\n"


def _write_docx_tcvn3(path):
    """Body text in the Normal style's .VnTime, capitals in .VnTimeH runs, one run and the sheet's
    header in a Unicode font."""
    import docx
    d = docx.Document()
    d.styles["Normal"].font.name = ".VnTime"
    for line in HEAD:
        d.add_paragraph().add_run(tcvn3(line, capitals=True)).font.name = ".VnTimeH"
    d.add_paragraph(tcvn3(NUMBER))
    d.add_paragraph(tcvn3(PLACE_DATE))
    d.add_paragraph().add_run(tcvn3(TITLE, capitals=True)).font.name = ".VnTimeH"
    d.add_paragraph(tcvn3(SUBJECT))
    p = d.add_paragraph()
    p.add_run(OPENING_UNIT).font.name = TNR
    p.add_run(tcvn3(OPENING_REST))
    t = d.add_table(rows=len(ROWS) + 1, cols=4)
    for c, text in enumerate(HEADER):
        t.cell(0, c).paragraphs[0].add_run(text).font.name = TNR
    for r, row in enumerate(ROWS, start=1):
        for c, text in enumerate(row):
            t.cell(r, c).paragraphs[0].add_run(tcvn3(text))
    d.add_paragraph().add_run(tcvn3(SIGN_TITLE, capitals=True)).font.name = ".VnTimeH"
    d.add_paragraph(tcvn3(SIGNER))
    d.save(str(path))


def test_docx_in_tcvn3_fonts_reads_as_unicode(tmp_path):
    path = tmp_path / "docx_tcvn3_vntime_runs.docx"
    _write_docx_tcvn3(path)
    doc = extract_file(path)
    assert doc.model.legacy_encoding == "tcvn3"
    assert doc.model.text.startswith("UBND HUYỆN MINH LONG\nPHÒNG TƯ PHÁP\nSố: 37/BC-PTP\n")
    assert "Tiêu chí 9: Tổ chức thực hiện công tác tiếp công dân" in doc.model.text
    assert scores_of(doc) == SCORES
    assert _metadata(doc) == METADATA


def test_docx_vni_letter_split_over_two_runs_is_one_letter(tmp_path):
    import docx
    d = docx.Document()
    p = d.add_paragraph()
    encoded = vni("Quảng Ngãi, ngày 14 tháng 11 năm 2025")   # 'Quaûng Ngaõi, …'
    cut = encoded.index("û")
    for part in (encoded[:cut], encoded[cut:]):
        p.add_run(part).font.name = "VNI-Times"
    path = tmp_path / "docx_vni_mark_in_next_run.docx"
    d.save(str(path))
    doc = extract_file(path)
    assert doc.model.text == "Quảng Ngãi, ngày 14 tháng 11 năm 2025\n"
    assert doc.model.legacy_encoding == "vni"


def _html_vni(unicode_runs):
    """A page whose paragraphs and cells are in VNI-Times by a <style> rule, a <font face> and an
    inline style; one span in a Unicode font."""
    rows = "".join("<tr>" + "".join(f"<td>{vni(c)}</td>" for c in r) + "</tr>" for r in ROWS)
    header = "<tr>" + "".join(f"<td><span style=\"font-family:'{TNR}'\">{c}</span></td>" for c in HEADER) + "</tr>"
    return f"""<html><head><meta charset="utf-8"><style>
p.MsoNormal, li.MsoNormal {{font-size:13.0pt; font-family:"VNI-Times", serif;}}
td {{font-family:"VNI-Times"}}
</style></head><body>
<p class=MsoNormal><font face="VNI-Times">{vni(HEAD[0])}</font></p>
<p class=MsoNormal>{vni(HEAD[1])}</p>
<p class=MsoNormal>{vni(NUMBER)}</p>
<p style="mso-bidi-font-family:'{TNR}';font-family:'VNI-Times'">{vni(PLACE_DATE)}</p>
<p class=MsoNormal>{vni(TITLE)}</p>
<p class=MsoNormal>{vni(SUBJECT)}</p>
<p class=MsoNormal><span style="font-family:'{TNR}'">{unicode_runs}</span>{vni(OPENING_REST)}</p>
<table>{header}{rows}</table>
<p class=MsoNormal>{vni(SIGN_TITLE)}</p>
<p class=MsoNormal>{vni(SIGNER)}</p>
</body></html>"""


def test_html_font_faces_in_vni_read_as_unicode(tmp_path):
    path = tmp_path / "html_vni_font_faces.html"
    path.write_text(_html_vni(OPENING_UNIT), "utf-8")
    doc = extract_file(path)
    assert doc.model.legacy_encoding == "vni"
    assert "Phòng Tư pháp huyện tự đánh giá, chấm điểm" in doc.model.text
    assert scores_of(doc) == SCORES
    assert _metadata(doc) == METADATA


def test_plain_text_in_tcvn3_bytes_is_detected_and_stored(tmp_path, db):
    text = _unicode_text()
    legacy = tcvn3(text.replace(TITLE, "Báo cáo").replace(SIGN_TITLE, "Trưởng phòng").replace(
        HEAD[0], "Ubnd huyện Minh Long").replace(HEAD[1], "Phòng Tư pháp"))
    (tmp_path / "plain_tcvn3_bytes.txt").write_bytes(legacy.encode("cp1252"))
    (tmp_path / "plain_vni_bytes.txt").write_bytes(vni(text).encode("cp1252"))
    (tmp_path / "plain_unicode.txt").write_text(text, "utf-8")
    for name in ("plain_tcvn3_bytes.txt", "plain_vni_bytes.txt", "plain_unicode.txt"):
        doc = extract_file(tmp_path / name)
        assert scores_of(doc) == SCORES, name
        assert doc.model.text.count("Tiêu chí 9: Tổ chức thực hiện công tác tiếp công dân") == 1, name
    got = {}
    for k, name in enumerate(("plain_tcvn3_bytes.txt", "plain_vni_bytes.txt", "plain_unicode.txt")):
        one = f"{db}.{k}"   # one database each: the three are versions of one unit's report
        assert main(["ingest", str(tmp_path / name), "--db", one, "--quiet"]) == 0
        got.update({r["file_name"]: r["legacy_encoding"]
                    for r in query(one, "SELECT file_name, legacy_encoding FROM v_documents")})
    assert got == {"plain_tcvn3_bytes.txt": "tcvn3", "plain_vni_bytes.txt": "vni", "plain_unicode.txt": None}


def test_unicode_text_with_latin1_letters_is_not_taken_for_a_legacy_font(tmp_path):
    # Vietnamese in Unicode uses Latin-1 letters too ('á', 'ê', 'ô', 'ú'); it also has letters
    # beyond Latin-1, which no legacy-font text has
    path = tmp_path / "unicode_latin1_letters.txt"
    path.write_text("Tiêu chí 1 đạt 9 điểm. Hoà thuận, khuyên góp, tuổi trẻ, ý chí.\n", "utf-8")
    doc = extract_file(path)
    assert doc.model.legacy_encoding is None
    assert doc.model.text.startswith("Tiêu chí 1 đạt 9 điểm.")


WORD_HTML = """<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:w="urn:schemas-microsoft-com:office:word">
<head>
<meta http-equiv=Content-Type content="text/html; charset=windows-1258">
<meta name=Generator content="Microsoft Word 15">
<!--[if gte mso 9]><xml>
 <o:DocumentProperties><o:Author>Văn thư</o:Author></o:DocumentProperties>
</xml><![endif]-->
<style>
<!-- p.MsoNormal {margin:0cm; font-size:14.0pt; font-family:"Times New Roman",serif;} -->
</style>
</head>
<body lang=VI>
<div class=WordSection1>
<p class=MsoNormal>SỞ KHOA HỌC VÀ CÔNG NGHỆ<o:p></o:p></p>
<p class=MsoNormal>Số: 118/BC-SKHCN<o:p></o:p></p>
<p class=MsoNormal>Quảng Ngãi, ngày&nbsp;21 tháng 11 năm 2025<o:p></o:p></p>
<p class=MsoNormal><o:p>&nbsp;</o:p></p>
<p class=MsoNormal>BÁO CÁO<o:p></o:p></p>
<p class=MsoNormal>Kết quả tự chấm điểm công tác dân vận chính quyền năm 2025<o:p></o:p></p>
<p class=MsoNormal>Sở Khoa học và Công nghệ tự đánh giá, chấm điểm công tác dân vận chính quyền năm
2025, kết quả đạt 18/20&nbsp;điểm.<o:p></o:p></p>
<p class=MsoNormal><![if !supportLists]><span>1.<span>&nbsp;&nbsp;&nbsp; </span></span><![endif]>Tiêu chí 8: Thực hiện quy chế dân chủ ở cơ sở (9 điểm).<o:p></o:p></p>
<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0>
<tr><td><p class=MsoNormal>TT<o:p></o:p></p></td><td><p class=MsoNormal>Nội dung tiêu chí<o:p></o:p></p></td>
<td><p class=MsoNormal>Thang điểm<o:p></o:p></p></td><td><p class=MsoNormal>Điểm tự chấm<o:p></o:p></p></td></tr>
<tr><td><p class=MsoNormal><o:p>&nbsp;</o:p></p></td><td><p class=MsoNormal>Tiêu chí 8: Thực hiện quy chế dân chủ ở cơ sở<o:p></o:p></p></td>
<td><p class=MsoNormal>10<o:p></o:p></p></td><td><p class=MsoNormal>9<o:p></o:p></p></td></tr>
<tr><td><p class=MsoNormal>Tiêu chí 3<o:p></o:p></p></td><td><p class=MsoNormal>Thực hiện công tác cải cách hành chính<o:p></o:p></p></td>
<td><p class=MsoNormal>10<o:p></o:p></p></td><td><p class=MsoNormal>9<o:p></o:p></p></td></tr>
<tr><td></td><td><p class=MsoNormal>Tổng cộng<o:p></o:p></p></td><td>20</td><td>18</td></tr>
</table>
<p class=MsoNormal>GIÁM ĐỐC<o:p></o:p></p>
<p class=MsoNormal>Lương Thị Duyên<o:p></o:p></p>
</div>
</body>
</html>
"""


def test_word_web_page_in_windows_1258(tmp_path):
    data = cp1258(WORD_HTML)
    assert b"Qu\xe1ng" not in data and b"\xd2" in data  # tone marks written as combining characters
    path = tmp_path / "word_web_page_windows_1258.htm"
    path.write_bytes(data)
    doc = extract_file(path)
    text = doc.model.text
    assert text == unicodedata.normalize("NFC", text)
    assert "Văn thư" not in text and "mso" not in text and "\u00a0" not in text
    assert "Quảng Ngãi, ngày 21 tháng 11 năm 2025" in text
    assert doc.model.legacy_encoding is None
    assert scores_of(doc) == {"dvcq": (20, 18, N, N, N), "dvcq.tc3": (10, 9, N, N, N),
                              "dvcq.tc8": (10, 9, N, N, N)}
    md = doc.metadata
    assert (md.report_number, md.issuer, md.issued_on, md.assessment_year, md.signer) == (
        "118/BC-SKHCN", "Sở Khoa học và Công nghệ", "2025-11-21", 2025, "Lương Thị Duyên")
    tc8 = next(o for o in doc.observations if o.criterion_id == "dvcq.tc8" and o.source == "narrative")
    v = tc8.values["self_score"]
    assert (text[v.start:v.end], text[tc8.start:tc8.end].startswith("1. Tiêu chí 8")) == ("9", True)


def test_unicode_typed_over_a_legacy_default_font_is_kept(tmp_path):
    import docx
    d = docx.Document()
    d.styles["Normal"].font.name = ".VnTime"   # a template's font; the text was typed in Unicode
    d.add_paragraph("Tiêu chí 1 đạt 9 điểm.")
    d.add_paragraph(tcvn3("Tiêu chí 2 đạt 8 điểm."))
    path = tmp_path / "unicode_over_vntime_template.docx"
    d.save(str(path))
    doc = extract_file(path)
    assert doc.model.text == "Tiêu chí 1 đạt 9 điểm.\nTiêu chí 2 đạt 8 điểm.\n"
    assert doc.model.legacy_encoding == "tcvn3"


def test_latin1_symbols_without_vietnamese_are_not_tcvn3(tmp_path):
    path = tmp_path / "symbols_not_tcvn3.txt"
    path.write_bytes("Copyright © 2025 ® ® ® © © ©; ¶ 3, § 4, § 5.".encode("cp1252"))
    doc = extract_file(path)
    assert doc.model.legacy_encoding is None


def test_detection_by_character_counts_gives_the_per_position_answer():
    # the counts of distinct characters settle Unicode text; a few Unicode letters among many
    # legacy codes (under 5 %) leave it to the per-position reading, which still finds TCVN3
    from chamdiem.lexicon.legacy_fonts import detect
    body = tcvn3("Tiêu chí 9: Tổ chức thực hiện công tác tiếp công dân, công khai đối thoại với Nhân dân")
    twice = body + " " + body                       # 36 legacy codes
    assert detect(body) == "tcvn3"
    assert detect(twice + " ạ") == "tcvn3"          # 1 Unicode letter of 37: under 5 %
    assert detect(twice + " ạạ") is None            # 2 of 38: over 5 %, Unicode, not a legacy font
    assert detect(twice + " ư") == "tcvn3"          # the same with letters and marks that the UTF-8
    assert detect(twice + " ưư") is None            # byte counts see ('ư' U+01B0, U+0301)
    assert detect(twice + " \u0301") == "tcvn3"
    assert detect(twice + " \u0301\u0301") is None
    assert detect(vni("Phối hợp tổ chức triển khai, quán triệt thực hiện tốt công tác đối thoại")) == "vni"
    assert detect("Tiêu chí 1 đạt 9 điểm.") is None
    assert detect("a\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0b ¸ ®") is None   # no-break spaces are not counted: 2 < 5
    assert detect("plain ASCII text only") is None


def test_docx_legacy_font_named_in_styles_by_character_references(tmp_path):
    """A styles part spelling its legacy font with character references ('&#46;&#86;nTime') holds
    no 'vn' for the reader's look before parsing it: it is parsed, and the text converted."""
    import zipfile
    import docx
    d = docx.Document()
    d.styles["Normal"].font.name = ".VnTime"
    d.add_paragraph(tcvn3("Tiêu chí 2 đạt 8 điểm."))
    plain = tmp_path / "plain.docx"
    d.save(str(plain))
    path = tmp_path / "docx_styles_font_by_character_reference.docx"
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(path, "w") as out:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/styles.xml":
                data = data.replace(b'"Vn', b'"&#86;n').replace(b'".Vn', b'"&#46;&#86;n')
                assert b"vn" not in data.lower()
            out.writestr(item, data)
    doc = extract_file(path)
    assert doc.model.text == "Tiêu chí 2 đạt 8 điểm.\n"
    assert doc.model.legacy_encoding == "tcvn3"
