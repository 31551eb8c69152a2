"""The auditor at work in a real headless Chromium: `chamdiem serve` behind its password, the
trace pages of a typed PDF, a scan (needs tesseract), an XLSX and a DOCX score. The crop image
loads and its boxes enclose the characters of each value; a verdict given through the form
reaches v_scores, and a post without the login or with a bad CSRF token is refused and changes
nothing."""
import io
import pathlib
import urllib.error
import urllib.parse
import urllib.request

import pytest

from audit_reports import chars_in, typed_pdf_of_scan, write_report
from browser import CHROMEDRIVER, CHROMIUM, NO_BROWSER, Server, chromium
from conftest import query
from chamdiem.interfaces.cli import main
from chamdiem.interfaces.trace_office import CACHE
from chamdiem.readers.doc import soffice
from chamdiem.readers.pdf.ocr import ocr_missing

pytest.importorskip("datasette", reason="the browse UI needs Datasette: pip install 'chamdiem[web]'")
pytest.importorskip("fpdf", reason="the PDF fixtures are written with fpdf2")
pytestmark = pytest.mark.skipif(not (CHROMIUM and CHROMEDRIVER), reason=NO_BROWSER)
PASSWORD = "mật khẩu kiểm tra"
KINDS = ["pdf", "docx", "xlsx"] + ([] if ocr_missing() else ["scan"])


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait
    folder = tmp_path_factory.mktemp("audit")
    files = {kind: write_report(kind, folder) for kind in KINDS}
    db = str(folder.parent / "kiem-tra.sqlite")
    assert main(["ingest", *map(str, files.values()), "--db", db, "--workers", "1", "--quiet"]) == 0
    server = Server(db, host="127.0.0.2", env={"CHAMDIEM_PASSWORD": PASSWORD})
    driver = chromium(str(tmp_path_factory.mktemp("profile")))
    driver.get(server.url + "/-/login")
    driver.find_element(By.NAME, "username").send_keys("chamdiem")
    driver.find_element(By.NAME, "password").send_keys(PASSWORD)
    driver.find_element(By.NAME, "password").submit()
    WebDriverWait(driver, 20).until(lambda d: d.get_cookie("ds_actor"))
    yield server.url, driver, db, files
    driver.quit()
    server.stop()


def _document(db, path):
    return query(db, "SELECT document_id FROM v_documents WHERE file_name = ?", path.name)[0]["document_id"]


def _open_trace(site, kind, criterion):
    url, driver, db, files = site
    driver.get(f"{url}/-/truy-vet/{_document(db, files[kind])}/{criterion}")
    return driver


def _crop_loaded(driver):
    from selenium.webdriver.support.ui import WebDriverWait
    WebDriverWait(driver, 30).until(lambda d: d.execute_script(
        "const i = document.getElementById('crop'); return i && i.complete"))
    return driver.execute_script("return document.getElementById('crop').naturalWidth")


def _drawn(driver):
    from selenium.webdriver.common.by import By
    return [(tr.get_attribute("data-kind"), tuple(map(float, tr.get_attribute("data-box").split(","))))
            for tr in driver.find_elements(By.CSS_SELECTOR, "table.boxes tr.box")]


def _png(site, driver):
    """The crop as the page shows it, fetched with the browser's login."""
    from PIL import Image
    url = site[0]
    src = driver.find_element("id", "crop").get_attribute("src")
    cookies = "; ".join(f"{c['name']}={c['value']}" for c in driver.get_cookies())
    with urllib.request.urlopen(urllib.request.Request(src, headers={"Cookie": cookies})) as answer:
        assert answer.headers["Content-Type"] == "image/png" and src.startswith(url)
        return Image.open(io.BytesIO(answer.read())).convert("RGB")


def _value(db, path, criterion, field):
    return query(db, "SELECT * FROM v_observations WHERE file_name = ? AND criterion_id = ? AND field = ?",
                 path.name, criterion, field)[0]


def _check_boxes_enclose(site, driver, kind, criterion, source_pdf, slack):
    _, _, db, files = site
    assert _crop_loaded(driver) > 100
    drawn = _drawn(driver)
    image = _png(site, driver)
    crop = driver.find_element("id", "crop")
    ox, oy, scale = (float(crop.get_attribute(a)) for a in ("data-x0", "data-y0", "data-scale"))
    for field in ("max_points", "self_score"):
        v = _value(db, files[kind], criterion, field)
        box = (v["x0"], v["y0"], v["x1"], v["y1"])
        assert (field, pytest.approx(box, abs=0.01)) in drawn
        # the characters the stored span came from stand inside the drawn box, and spell the value
        spelled, boxes = chars_in(source_pdf, v["page"], box, slack)
        assert spelled == v["raw"]
        for b in boxes:
            cx, cy = (b[0] + b[2]) / 2, (b[1] + b[3]) / 2
            assert box[0] - slack <= cx <= box[2] + slack and box[1] - slack <= cy <= box[3] + slack
        # and the image has the pen's colour where the box is drawn (1.5 points outside it)
        from chamdiem.interfaces.trace_image import BOX_STYLE
        pixel = image.getpixel((round((box[0] - 1.5 - ox) * scale), round(((box[1] + box[3]) / 2 - oy) * scale)))
        assert pixel == BOX_STYLE[field][1]


def test_pdf_trace_page_shows_the_row_cropped_with_its_values_boxed(site):
    driver = _open_trace(site, "pdf", "dvcq.tc1.nd2")
    _check_boxes_enclose(site, driver, "pdf", "dvcq.tc1.nd2", site[3]["pdf"], 0.0)
    assert [k for k, _ in _drawn(driver)].count("cited") == 2
    whole = driver.find_element("id", "whole-page").get_attribute("href")
    assert whole.endswith("/trang.png")


@pytest.mark.skipif("scan" not in KINDS, reason=f"OCR is needed: {ocr_missing()}")
def test_scan_trace_page_boxes_the_ink_the_values_were_read_from(site):
    driver = _open_trace(site, "scan", "dvcq.tc1.nd2")
    # the scan is the typed PDF rasterised: its characters stand where the scan's ink is (OCR boxes
    # are a pixel or two wider or narrower than the glyphs' boxes)
    _check_boxes_enclose(site, driver, "scan", "dvcq.tc1.nd2", typed_pdf_of_scan(site[3]["scan"].parent), 1.5)


def test_xlsx_trace_page_shows_the_cells_around_the_row(site):
    from selenium.webdriver.common.by import By
    _, _, db, files = site
    driver = _open_trace(site, "xlsx", "dvcq.tc1.nd2")
    hits = {td.get_attribute("data-cell"): td.text for td in driver.find_elements(By.CSS_SELECTOR, "table.grid td.hit")}
    refs = {_value(db, files["xlsx"], "dvcq.tc1.nd2", f)["cell_ref"].split("!")[1]: "3"
            for f in ("max_points", "self_score")}
    assert hits == refs
    assert len(driver.find_elements(By.CSS_SELECTOR, "table.grid tr")) == 1 + 7   # letters, then 3 + row + 3


def test_docx_trace_page_shows_the_row_as_cells_with_the_values_marked(site):
    from selenium.webdriver.common.by import By
    driver = _open_trace(site, "docx", "dvcq.tc1.nd2")
    cells = driver.find_elements(By.CSS_SELECTOR, "table.row td")
    assert [c.text for c in cells][:2] == ["Nội dung 2", "Tổ chức triển khai, thực hiện có hiệu quả Quyết định số "
                                           "396-QĐ/TU, ngày 19 tháng 10 năm 2021"]
    marks = [(m.get_attribute("class"), m.text) for m in driver.find_elements(By.CSS_SELECTOR, "table.row mark")]
    assert marks == [("v-max", "3max"), ("v-self", "3self")]


@pytest.mark.skipif(soffice() is None, reason="LibreOffice prints a Word report to its page image")
def test_docx_trace_page_shows_the_page_libreoffice_prints_with_the_values_boxed(site):
    _, _, db, files = site
    driver = _open_trace(site, "docx", "dvcq.tc1.nd2")
    assert _crop_loaded(driver) > 100
    sha = query(db, "SELECT sha256 FROM v_documents WHERE file_name = ?", files["docx"].name)[0]["sha256"]
    printed = pathlib.Path(CACHE, f"{sha}.pdf")   # printed once, kept by the file's bytes
    page = int(driver.find_element("id", "crop").get_attribute("data-page"))
    drawn = dict(_drawn(driver))
    for field in ("max_points", "self_score"):
        spelled, _ = chars_in(printed, page, drawn[field])
        assert spelled == "3"


def _reviews(db):
    return query(db, "SELECT criterion_id, verdict, value, note, reviewer FROM reviews ORDER BY id")


def test_a_verdict_through_the_form_reaches_v_scores(site):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait
    _, _, db, files = site
    before = _reviews(db)
    driver = _open_trace(site, "pdf", "dvcq.tc1.nd1")
    form = driver.find_element(By.CSS_SELECTOR, "form.review")
    form.find_element(By.CSS_SELECTOR, "input[value=corrected]").click()
    form.find_element(By.NAME, "value").send_keys("2,5")
    form.find_element(By.NAME, "note").send_keys("bản in ghi 2,5")
    form.find_element(By.NAME, "by").send_keys("Phạm Văn Hùng")
    form.find_element(By.TAG_NAME, "button").click()
    WebDriverWait(driver, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, "tr.review"))
    assert _reviews(db) == before + [dict(criterion_id="dvcq.tc1.nd1", verdict="corrected", value=2.5,
                                          note="bản in ghi 2,5", reviewer="Phạm Văn Hùng")]
    row = query(db, "SELECT reviewed_value, review_status FROM v_scores WHERE file_name = ? AND criterion_id = ?",
                files["pdf"].name, "dvcq.tc1.nd1")[0]
    assert row == dict(reviewed_value=2.5, review_status="corrected")
    assert driver.find_element(By.CSS_SELECTOR, "tr.review").get_attribute("data-verdict") == "corrected"


def test_a_post_with_a_bad_token_or_without_login_is_refused_and_changes_nothing(site):
    url, driver, db, files = site
    before = _reviews(db)
    target = f"{url}/-/truy-vet/{_document(db, files['pdf'])}/dvcq.tc1/kiem-tra"
    body = {"verdict": "confirmed", "field": "self_score", "by": "Kẻ Lạ"}
    # logged in (the browser's login and CSRF cookies), but the token is not the one the page gave
    # (the page's content security policy lets no script of its own post, so the post is made here)
    driver.get(f"{url}/-/truy-vet/{_document(db, files['pdf'])}/dvcq.tc1")
    assert driver.find_elements("css selector", "form.review")
    cookies = "; ".join(f"{c['name']}={c['value']}" for c in driver.get_cookies())
    assert "ds_actor=" in cookies and "ds_csrftoken=" in cookies
    for headers, token in (({"Cookie": cookies}, "not-the-token"), ({}, "x")):   # then no login at all
        data = urllib.parse.urlencode(dict(body, csrftoken=token)).encode()
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(urllib.request.Request(target, data=data, headers=headers))
        assert refused.value.code == 403
    assert _reviews(db) == before
