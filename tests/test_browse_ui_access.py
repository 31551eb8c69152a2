"""`chamdiem serve` shows, and nothing more: arbitrary SQL refused unless --allow-sql (then under
Datasette's time limit), base tables refused, a foreign Host refused (DNS rebinding), anonymous
visitors sent to the login page, wrong logins throttled while a logged-in user's pages stay fast,
short passwords refused, TLS with --cert/--key, and a database name that stays a name. Real server
processes on 127.0.0.1, real HTTP, and Chromium where a page must be seen."""
import http.client
import json
import re
import shutil
import ssl
import subprocess
import threading
import time
from collections import Counter
from urllib.parse import urlencode

import pytest

from browser import CHROMEDRIVER, CHROMIUM, NO_BROWSER, Server, chromium
from chamdiem.interfaces.cli import main
from reports import dvcq_report

pytest.importorskip("datasette", reason="the browse UI needs Datasette: pip install 'chamdiem[web]'")
from chamdiem.interfaces.web.access import (FREE_TRIES, GLOBAL_TRIES, GLOBAL_WINDOW_S, LOCK_S,  # noqa: E402
                                            LoginGuard)

PASSWORD = "mật khẩu quý 4 năm 2024"
needs_browser = pytest.mark.skipif(not (CHROMIUM and CHROMEDRIVER), reason=NO_BROWSER)


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("reports")
    (folder / "tinh-ky.txt").write_text(dvcq_report("UBND xã Tịnh Kỳ", 2024, [9] * 10), "utf-8")
    (folder / "tran-phu.txt").write_text(dvcq_report("UBND phường Trần Phú", 2024, [8] * 10), "utf-8")
    path = str(tmp_path_factory.mktemp("served") / "quy-4.sqlite")   # a folder of its own: other modules use the name
    assert main(["ingest", str(folder), "--db", path, "--workers", "1", "--quiet"]) == 0
    return path


@pytest.fixture(scope="module")
def plain(db):
    server = Server(db)
    yield server
    server.stop()


def request(server, path, method="GET", host=None, cookies=None, body=None, timeout=30):
    """One request on a connection of its own: (status, headers, text)."""
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=timeout)
    headers = {"Host": host or f"127.0.0.1:{server.port}"}
    if cookies:
        headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        body = urlencode(body)
    try:
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        return response.status, response, response.read().decode("utf-8", "replace")
    finally:
        conn.close()


def set_cookies(response) -> dict:
    return {m.group(1): m.group(2) for h in response.headers.get_all("Set-Cookie") or []
            for m in [re.match(r"([^=]+)=([^;]*)", h)] if m}


def login_form(server) -> dict:
    """The CSRF cookie and token a login needs, as a browser gets them from the form."""
    status, response, page = request(server, "/-/login")
    assert status == 200
    token = re.search(r'name="csrftoken" value="([^"]+)"', page).group(1)
    return {"cookies": set_cookies(response), "token": token}


def log_in(server, form, password) -> tuple[int, object]:
    status, response, _ = request(server, "/-/login", "POST", cookies=form["cookies"],
                                  body={"username": "chamdiem", "password": password, "csrftoken": form["token"]})
    return status, response


def test_arbitrary_sql_and_base_tables_are_refused_and_canned_queries_answer(plain):
    assert request(plain, "/quy-4?sql=select+randomblob(900000000)")[0] == 403
    assert request(plain, "/quy-4.json?sql=select+1")[0] == 403
    for table in ("documents", "file_state", "citations", "sqlite_stat1"):
        assert request(plain, f"/quy-4/{table}.json")[0] == 403, table
    assert request(plain, "/-/databases.json")[0] == 404      # it names the file's path on the server
    status, _, text = request(plain, "/quy-4/xep_hang.json?_shape=array")
    assert status == 200 and [r["issuer"] for r in json.loads(text)] == [
        "UBND xã Tịnh Kỳ", "UBND phường Trần Phú"]
    status, _, text = request(plain, "/quy-4/van_ban_trich_dan_nhieu_nhat.json")   # reads base tables itself
    assert status == 200 and '"ok": true' in text


def test_allow_sql_runs_sql_under_the_time_limit(db):
    server = Server(db, args=("--allow-sql",))
    try:
        status, _, text = request(server, "/quy-4.json?_shape=array&sql=" + "select+count(*)+as+n+from+v_documents")
        assert (status, text) == (200, '[{"n": 2}]')
        forever = "with+recursive+c(x)+as+(select+1+union+all+select+x%2B1+from+c)+select+count(*)+from+c"
        started = time.monotonic()
        status, _, text = request(server, "/quy-4.json?sql=" + forever, timeout=60)
        assert status == 400 and "SQL query took too long" in text
        assert time.monotonic() - started < 30
    finally:
        server.stop()


def test_a_foreign_host_header_is_refused(plain):
    status, _, text = request(plain, "/", host=f"rebound.example:{plain.port}")
    assert (status, text) == (400, "chamdiem serve answers only for the host it was started for "
                                   "(start it with --allow-host NAME to add a name)")
    assert request(plain, "/quy-4/v_scores.json", host="attacker.example")[0] == 400
    for host in (f"127.0.0.1:{plain.port}", f"localhost:{plain.port}", "localhost", f"[::1]:{plain.port}"):
        assert request(plain, "/", host=host)[0] == 200, host


def test_a_host_named_with_allow_host_is_served(db):
    server = Server(db, args=("--allow-host", "scores.intranet"))
    try:
        assert request(server, "/", host=f"scores.intranet:{server.port}")[0] == 200
        assert request(server, "/", host=f"other.intranet:{server.port}")[0] == 400
    finally:
        server.stop()


@pytest.fixture
def guarded(db):
    server = Server(db, env={"CHAMDIEM_PASSWORD": PASSWORD})
    yield server
    server.stop()


def test_a_flood_of_wrong_logins_is_throttled_and_a_logged_in_user_waits_under_a_second(guarded):
    status, response = log_in(guarded, login_form(guarded), PASSWORD)
    assert status == 302 and response.headers["Location"] == "/"
    me = {"ds_actor": set_cookies(response)["ds_actor"]}
    threads, per_thread, deadline = 4, 40, time.monotonic() + 60    # bounded in count and in time
    answers: list[int] = []

    def flood():
        form = login_form(guarded)
        for k in range(per_thread):
            if time.monotonic() > deadline:
                return
            answers.append(log_in(guarded, form, f"sai mật khẩu {k}")[0])

    flooders = [threading.Thread(target=flood) for _ in range(threads)]
    for t in flooders:
        t.start()
    waits = []
    while any(t.is_alive() for t in flooders) or len(waits) < 20:
        started = time.perf_counter()
        status, _, text = request(guarded, "/quy-4/v_documents.json?_shape=array", cookies=me)
        waits.append(time.perf_counter() - started)
        assert status == 200 and "UBND xã Tịnh Kỳ" in [r["issuer"] for r in json.loads(text)]
    for t in flooders:
        t.join()
    assert Counter(answers) == {403: FREE_TRIES, 429: threads * per_thread - FREE_TRIES}
    assert max(waits) < 1.0, sorted(waits)[-5:]
    status, response = log_in(guarded, login_form(guarded), PASSWORD)     # this client waits, right password or not
    assert status == 429 and 0 < int(response.headers["Retry-After"]) <= LOCK_S


def test_after_login_only_a_page_of_this_site_is_next(guarded):
    for given, goes_to in (("/quy-4/v_findings?severity=error", "/quy-4/v_findings?severity=error"),
                           ("//evil.example/", "/"), ("/\t/evil.example/", "/"), ("https://evil.example/", "/")):
        form = login_form(guarded)
        status, response, _ = request(guarded, "/-/login", "POST", cookies=form["cookies"],
                                      body={"username": "chamdiem", "password": PASSWORD,
                                            "csrftoken": form["token"], "next": given})
        assert (status, response.headers["Location"]) == (302, goes_to), given


def test_failed_logins_are_throttled_over_all_clients_too():
    guard = LoginGuard()
    for k in range(GLOBAL_TRIES):
        assert guard.begin(f"10.0.{k // 250}.{k % 250}", now=100.0) == 0.0
        guard.failed(now=100.0)
    assert guard.begin("192.168.1.9", now=160.0) == GLOBAL_WINDOW_S - 60.0   # a client never seen waits too
    assert guard.begin("192.168.1.9", now=100.0 + GLOBAL_WINDOW_S) == 0.0
    for k in range(FREE_TRIES - 1):
        assert guard.begin("10.9.9.9", now=0.0) == 0.0
    assert guard.begin("10.9.9.9", now=0.0) == 0.0                           # the last free try, verified
    assert guard.begin("10.9.9.9", now=1.0) == LOCK_S - 1.0                  # then it waits
    assert guard.begin("10.9.9.9", now=LOCK_S) == 0.0
    assert guard.begin("10.9.9.9", now=LOCK_S + 1) == 2 * LOCK_S - 1         # twice as long after each
    guard.succeeded("10.9.9.9")
    assert guard.begin("10.9.9.9", now=LOCK_S + 2) == 0.0


@needs_browser
def test_anonymous_visitors_are_sent_to_the_login_page_and_then_to_their_page(guarded, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait
    driver = chromium(str(tmp_path / "profile"))
    try:
        driver.get(guarded.url + "/quy-4/v_scores?criterion_id=dvcq.tc1")
        assert driver.current_url == guarded.url + "/-/login?next=%2Fquy-4%2Fv_scores%3Fcriterion_id%3Ddvcq.tc1"
        assert driver.find_element(By.TAG_NAME, "h1").text == "Đăng nhập · Log in"
        assert "Forbidden" not in driver.page_source and "view-instance" not in driver.page_source
        driver.find_element(By.NAME, "username").send_keys("chamdiem")
        driver.find_element(By.NAME, "password").send_keys(PASSWORD)
        driver.find_element(By.NAME, "password").submit()
        WebDriverWait(driver, 20).until(lambda d: "/-/login" not in d.current_url)
        assert driver.current_url == guarded.url + "/quy-4/v_scores?criterion_id=dvcq.tc1"
        issuers = {td.text for td in driver.find_elements(By.CSS_SELECTOR, "td.col-issuer")}
        assert issuers == {"UBND xã Tịnh Kỳ", "UBND phường Trần Phú"}
    finally:
        driver.quit()


def test_a_password_shorter_than_12_characters_is_refused_at_start(db, monkeypatch, capsys):
    monkeypatch.setenv("CHAMDIEM_PASSWORD", "ngắn quá 1")
    assert main(["serve", "--db", db, "--port", "1"]) == 2
    assert capsys.readouterr().err == "chamdiem serve: CHAMDIEM_PASSWORD has 10 characters: use at least 12\n"


@pytest.mark.skipif(not shutil.which("openssl"), reason="openssl makes the test certificate")
def test_cert_and_key_serve_https(db, tmp_path, capsys):
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost",
                    "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True)
    assert main(["serve", "--db", db, "--cert", str(cert)]) == 2
    assert capsys.readouterr().err == "chamdiem serve: --cert and --key go together: the certificate and its private key\n"
    server = Server(db, env={"CHAMDIEM_PASSWORD": PASSWORD}, args=("--cert", str(cert), "--key", str(key)))
    try:
        trusted = ssl.create_default_context(cafile=str(cert))
        conn = http.client.HTTPSConnection("127.0.0.1", server.port, context=trusted, timeout=30)
        conn.request("GET", "/-/login")
        response = conn.getresponse()
        assert response.status == 200 and "Đăng nhập · Log in" in response.read().decode("utf-8")
        conn.close()
    finally:
        server.stop()


@needs_browser
def test_the_database_name_is_escaped_in_the_home_page_links(tmp_path):
    from selenium.webdriver.common.by import By
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(dvcq_report("UBND xã Tịnh Kỳ", 2024, [9] * 10), "utf-8")
    name = "q4\"><img src=x onerror=\"window.pwned=1\">"
    db = str(tmp_path / f"{name}.sqlite")
    assert main(["ingest", str(folder), "--db", db, "--workers", "1", "--quiet"]) == 0
    server = Server(db)
    driver = chromium(str(tmp_path / "profile"))
    try:
        driver.get(server.url + "/")
        assert driver.execute_script("return window.pwned === undefined")
        assert driver.find_elements(By.CSS_SELECTOR, ".metadata-description img") == []
        driver.find_element(By.LINK_TEXT, "Báo cáo và xếp loại").click()
        assert driver.find_element(By.TAG_NAME, "h1").text.startswith("Báo cáo · Reports")
        assert [td.text for td in driver.find_elements(By.CSS_SELECTOR, "td.col-issuer")] == ["UBND xã Tịnh Kỳ"]
    finally:
        driver.quit()
        server.stop()
