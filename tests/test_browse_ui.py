"""`chamdiem serve` driven by a real headless Chromium: the home page, a facet, a canned query, a
search with and without tone marks, a trace page, and markup from a report that must not run."""
import pytest

from browser import CHROMEDRIVER, CHROMIUM, NO_BROWSER, Server, chromium
from chamdiem.interfaces.cli import main
from reports import dvcq_report

pytest.importorskip("datasette", reason="the browse UI needs Datasette: pip install 'chamdiem[web]'")
pytestmark = pytest.mark.skipif(not (CHROMIUM and CHROMEDRIVER), reason=NO_BROWSER)

INJECTED = ("Kế hoạch số 24/KH-UBND ngày 17/3/2024 <script>window.pwned = 1; document.title = 'PWNED'</script>"
            "<img src=x onerror=\"window.pwned = 2\">")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("reports")
    (folder / "tinh-ky.txt").write_text(dvcq_report(
        "UBND xã Tịnh Kỳ", 2024, [10, 9.5, 10, 10, 9, 10, 10, 10, 10, 8], [10, 9, 10, 10, 9, 10, 10, 10, 10, 8],
        classification="tot", evidence=INJECTED), "utf-8")
    (folder / "tran-phu.txt").write_text(dvcq_report(
        "UBND phường Trần Phú", 2024, [8, 8, 11, 8, 8, 8, 8, 8, 8, 8], evidence="Công tác dân vận khéo"), "utf-8")
    db = str(folder.parent / "quy-4.sqlite")
    assert main(["ingest", str(folder), "--db", db, "--workers", "1", "--quiet"]) == 0
    server = Server(db)
    driver = chromium(str(tmp_path_factory.mktemp("profile")))
    yield server.url, driver, db
    driver.quit()
    server.stop()


def rows(driver):
    from selenium.webdriver.common.by import By
    return [[td.text for td in tr.find_elements(By.TAG_NAME, "td")]
            for tr in driver.find_elements(By.CSS_SELECTOR, "table.rows-and-columns tbody tr")]


def not_pwned(driver):
    assert driver.execute_script("return window.pwned === undefined")
    assert driver.title != "PWNED"


def test_home_page_says_what_it_is_and_leads_to_the_matrix(site):
    from selenium.webdriver.common.by import By
    url, driver, _ = site
    driver.get(url + "/")
    assert driver.find_element(By.TAG_NAME, "h1").text == \
        "chamdiem · Kết quả tự đánh giá, chấm điểm · Self-assessment scores"
    driver.find_element(By.LINK_TEXT, "Bảng đơn vị × tiêu chí").click()
    driver.find_element(By.LINK_TEXT, "dvcq 2024").click()
    table = driver.find_element(By.CSS_SELECTOR, "table.matrix")
    lines = table.text.splitlines()
    assert "UBND phường Trần Phú 8 8 11 8 8 8 8 8 8 8 83" in lines
    assert "UBND xã Tịnh Kỳ 10 / 10 9,5 / 9 10 / 10 10 / 10 9 / 9 10 / 10 10 / 10 10 / 10 10 / 10 8 / 8 96,5 / 96" in lines
    cell = table.find_element(By.LINK_TEXT, "11").find_element(By.XPATH, "..")
    assert cell.get_attribute("class") == "f-error" and "vượt thang điểm 10" in cell.get_attribute("title")


def test_facet_on_severity_filters_the_findings(site):
    from selenium.webdriver.common.by import By
    url, driver, _ = site
    driver.get(url + "/quy-4/v_findings")
    assert driver.find_element(By.TAG_NAME, "h1").text.startswith("Phát hiện khi kiểm tra · Findings")
    facet = driver.find_element(By.ID, "facet-severity")
    facet.find_element(By.LINK_TEXT, "error").click()
    assert "severity=error" in driver.current_url
    found = rows(driver)
    assert len(found) == 1 and "self_exceeds_max" in found[0] and "UBND phường Trần Phú" in found[0]


def test_canned_query_ranks_units_by_total(site):
    from selenium.webdriver.common.by import By
    url, driver, _ = site
    driver.get(url + "/quy-4/xep_hang")
    assert driver.find_element(By.TAG_NAME, "h1").text == "Xếp hạng đơn vị theo tổng điểm · Units ranked by total"
    ranked = [(r[2], r[3]) for r in rows(driver)]
    assert ranked == [("1", "UBND xã Tịnh Kỳ"), ("2", "UBND phường Trần Phú")]


def test_search_finds_the_same_rows_with_or_without_tone_marks(site):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait
    url, driver, _ = site
    seen = {}
    for words in ("dân vận khéo", "dan van kheo", "DÂN VẬN KHÉO"):
        driver.get(url + "/quy-4/v_search")
        box = driver.find_element(By.ID, "_search")
        box.send_keys(words)
        box.submit()
        # the submit navigates: wait for the results page itself, not the form page it replaces
        WebDriverWait(driver, 20).until(lambda d: "_search=" in d.current_url
                                        and d.execute_script("return document.readyState") == "complete")
        seen[words] = sorted(r[8] for r in rows(driver))   # the text column, as written
    assert seen["dân vận khéo"] == seen["dan van kheo"] == seen["DÂN VẬN KHÉO"]
    assert "Công tác dân vận khéo" in seen["dan van kheo"]   # the evidence cell of a sheet row
    assert any("Dân vận khéo" in t for t in seen["dan van kheo"])   # the criterion's name, capitalised


def test_trace_page_labels_each_value_and_shows_report_markup_as_text(site):
    from selenium.webdriver.common.by import By
    url, driver, _ = site
    driver.get(url + "/quy-4/v_scores?file_name=tinh-ky.txt&criterion_id=dvcq.tc1")
    driver.find_element(By.LINK_TEXT, "dvcq.tc1").click()
    assert "/-/truy-vet/" in driver.current_url
    assert driver.find_element(By.TAG_NAME, "h1").text.startswith("dvcq.tc1: Công tác triển khai")
    marks = [(m.get_attribute("class"), m.text) for m in driver.find_elements(By.CSS_SELECTOR, ".source mark")]
    assert ("v-max", "10thang điểm · max") in marks
    assert ("v-self", "10tự chấm · self") in marks
    assert ("v-auth", "10thẩm quyền · authority") in marks
    assert ("cite", "Kế hoạch số 24/KH-UBND ngày 17/3/2024văn bản · cited") in marks
    source = driver.find_element(By.CSS_SELECTOR, ".source").text
    assert "<script>window.pwned = 1; document.title = 'PWNED'</script>" in source
    assert "dòng (line) 18" in driver.find_element(By.TAG_NAME, "body").text
    assert "Kế hoạch số 24/KH-UBND ngày 17/3/2024" in driver.find_element(By.TAG_NAME, "ul").text
    not_pwned(driver)


def test_report_markup_stays_text_in_datasette_pages_too(site):
    from selenium.webdriver.common.by import By
    url, driver, _ = site
    driver.get(url + "/quy-4/v_search?_search=pwned")
    texts = [r[8] for r in rows(driver)]
    assert any("<script>window.pwned = 1;" in t for t in texts)
    not_pwned(driver)
    assert driver.find_elements(By.CSS_SELECTOR, "table.rows-and-columns script") == []


def test_beyond_loopback_every_page_needs_the_password(site, tmp_path):
    """Any address but 127.0.0.1/localhost counts as "other computers" (127.0.0.2 keeps the test local)."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait
    db = str(tmp_path / "q.sqlite")
    (tmp_path / "a.txt").write_text(dvcq_report("UBND xã Tịnh Kỳ", 2024, [9] * 10), "utf-8")
    assert main(["ingest", str(tmp_path / "a.txt"), "--db", db, "--quiet"]) == 0
    server = Server(db, host="127.0.0.2", env={"CHAMDIEM_PASSWORD": "mật khẩu 2024"})
    _, driver, _ = site
    try:
        for page in ("/", "/q/v_scores", "/-/truy-vet/1/dvcq.tc1", "/-/ma-tran"):
            driver.get(server.url + page)
            assert "Tịnh Kỳ" not in driver.page_source and "dvcq.tc1:" not in driver.page_source, page
        driver.get(server.url + "/-/login")
        driver.find_element(By.NAME, "username").send_keys("chamdiem")
        driver.find_element(By.NAME, "password").send_keys("mật khẩu 2024")
        driver.find_element(By.NAME, "password").submit()
        # the login answers with the actor cookie: wait for it before asking for a page
        WebDriverWait(driver, 20).until(lambda d: d.get_cookie("ds_actor"))
        driver.get(server.url + "/-/truy-vet/1/dvcq.tc1")
        assert driver.find_element(By.TAG_NAME, "h1").text.startswith("dvcq.tc1: Công tác triển khai")
    finally:
        server.stop()


def test_trace_html_file_is_the_served_trace_page_without_its_links(site, tmp_path):
    import re
    import urllib.request
    url, _, db = site
    served = urllib.request.urlopen(url + "/-/truy-vet/1/dvcq.tc3").read().decode("utf-8")
    page = tmp_path / "tc3.html"
    assert main(["trace", "tinh-ky.txt", "dvcq.tc3", "--db", db, "--html", str(page)]) == 0
    assert re.sub(r"<nav>.*?</nav>\n", "", served, flags=re.S) == page.read_text("utf-8")
