"""The browse UI as a person meets it: `chamdiem serve` started on a free loopback port, and a real
headless Chromium (Debian's chromium and chromium-driver, driven by Selenium; nothing downloaded)."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver") or ("/usr/lib/chromium/chromedriver"
                                                if os.path.exists("/usr/lib/chromium/chromedriver") else None)
NO_BROWSER = ("no Chromium here: install Debian's chromium and chromium-driver "
              "(apt-get install chromium chromium-driver; `bash .ci/run` does)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`chamdiem serve` in a child process; ready once it answers HTTP."""

    def __init__(self, db: str, host: str = "127.0.0.1", env: dict | None = None, args: tuple = ()):
        """``args``: further options of `chamdiem serve` (with --cert, the URL is https)."""
        import ssl
        self.port = free_port()
        self.url = f"{'https' if '--cert' in args else 'http'}://{host}:{self.port}"
        # only to see that it answers: the tests that need the certificate checked check it themselves
        probe = ssl._create_unverified_context() if "--cert" in args else None
        self.proc = subprocess.Popen([sys.executable, "-m", "chamdiem.interfaces.cli", "serve", "--db", db,
                                      "--port", str(self.port), "--host", host, *args],
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                     env={**os.environ, **(env or {})})
        deadline = time.monotonic() + 60
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"chamdiem serve exited: {self.proc.stderr.read()}")
            try:
                urllib.request.urlopen(self.url + "/-/versions.json", timeout=2, context=probe)
                return
            except urllib.error.HTTPError:
                return   # it answered (behind a password)
            except OSError:
                if time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError("chamdiem serve did not answer within 60 s")
                time.sleep(0.1)   # polling for the port to open, not guessing a duration

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def chromium(profile: str):
    """A headless Chromium with a fresh profile and nothing that reaches the network by itself."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    os.environ.setdefault("SE_OFFLINE", "true")   # Selenium Manager must not try to download anything
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--no-first-run", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                 f"--user-data-dir={profile}", "--window-size=1300,1000"):
        options.add_argument(flag)
    return webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
