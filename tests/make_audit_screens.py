"""Makes the README's auditor screenshots (docs/audit-crop.png, docs/audit-trace.png,
docs/audit-form.png): a typed PDF report ingested, served behind a password, its trace page and
verdict form captured in headless Chromium. Run: .venv/bin/python tests/make_audit_screens.py"""
import pathlib
import sys
import tempfile

sys.path.insert(0, str(pathlib.Path(__file__).parent))

from audit_reports import write_report  # noqa: E402
from browser import Server, chromium  # noqa: E402
from chamdiem.interfaces.cli import main  # noqa: E402

DOCS = pathlib.Path(__file__).parent.parent / "docs"
PASSWORD = "kiem tra"


def shoot() -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait
    with tempfile.TemporaryDirectory() as tmp:
        folder = pathlib.Path(tmp)
        pdf = write_report("pdf", folder)
        db = str(folder / "quy-4.sqlite")
        assert main(["ingest", str(pdf), "--db", db, "--quiet"]) == 0
        assert main(["trace", pdf.name, "dvcq.tc1.nd2", "--db", db, "--png", str(DOCS / "audit-crop.png")]) == 0
        server = Server(db, host="127.0.0.2", env={"CHAMDIEM_PASSWORD": PASSWORD})
        driver = chromium(str(folder / "profile"))
        try:
            driver.set_window_size(1100, 1500)
            driver.get(server.url + "/-/login")
            driver.find_element(By.NAME, "username").send_keys("chamdiem")
            driver.find_element(By.NAME, "password").send_keys(PASSWORD)
            driver.find_element(By.NAME, "password").submit()
            WebDriverWait(driver, 20).until(lambda d: d.get_cookie("ds_actor"))
            driver.get(server.url + "/-/truy-vet/1/dvcq.tc1.nd2")
            WebDriverWait(driver, 30).until(lambda d: d.execute_script(
                "const i = document.getElementById('crop'); return i && i.complete"))
            driver.save_screenshot(str(DOCS / "audit-trace.png"))
            form = driver.find_element(By.CSS_SELECTOR, "form.review")
            form.find_element(By.CSS_SELECTOR, "input[value=corrected]").click()
            form.find_element(By.NAME, "value").send_keys("2,5")
            form.find_element(By.NAME, "note").send_keys("bản in ghi 2,5")
            form.find_element(By.NAME, "by").send_keys("Phạm Văn Hùng")
            driver.execute_script("arguments[0].scrollIntoView()", form)
            form.screenshot(str(DOCS / "audit-form.png"))
        finally:
            driver.quit()
            server.stop()


if __name__ == "__main__":
    shoot()
