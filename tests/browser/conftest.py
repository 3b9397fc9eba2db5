"""Start the app on a free loopback port and drive Debian's Chromium with Playwright (no browser download)."""
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from urllib.parse import urlparse

import pytest

from tests.conftest import ROOT

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}
PROBE = re.compile(r"^/[^/]+(/[^/]+)*/_stcore/(health|host-config)$")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic", "--disable-dev-shm-usage"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(env: dict | None = None):
    """Run the app on a free loopback port until the generator is closed; yields its URL."""
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "serve.py", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ, **(env or {})})
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).read() == b"ok":
                break
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            pytest.fail(f"streamlit did not start: {proc.stderr.read().decode()[-2000:]}")
        time.sleep(0.3)
    try:
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=20)


@pytest.fixture(scope="session")
def app_url():
    yield from serve()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not shutil.which(CHROMIUM):
        pytest.fail(f"{CHROMIUM} not found: install Debian's chromium (the README's test command does)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


class Visit:
    """A page opened with every request recorded; anything not on loopback is recorded and refused."""

    def __init__(self, browser, width=1280, height=900, color_scheme="light"):
        self.context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=color_scheme)
        self.outside: list[str] = []
        self.console_errors: list[str] = []
        self.failed: list[str] = []  # responses >= 400, except Streamlit's base-path probes
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: m.type == "error" and self.console_errors.append(m.text))
        self.page.on("response", self._note_failure)
        self.page.on("pageerror", lambda e: self.console_errors.append(str(e)))
        self.page.on("websocket", lambda ws: self._check(ws.url))

    def _note_failure(self, response):
        # Opening a page's own URL (e.g. /over-time) makes Streamlit's frontend probe
        # /over-time/_stcore/health and /host-config before the root; those 404s are Streamlit's, expected.
        if response.status >= 400 and not PROBE.search(urlparse(response.url).path):
            self.failed.append(f"{response.status} {response.url}")

    @property
    def errors(self) -> list[str]:
        """Console errors and failed responses. A failed load is reported by its response (with its URL),
        so the console's anonymous 'Failed to load resource' lines are left out: each is in `failed`
        unless it was one of Streamlit's probes."""
        return [e for e in self.console_errors if not e.startswith("Failed to load resource")] + self.failed

    def _check(self, url: str) -> bool:
        u = urlparse(url)
        if u.scheme in {"data", "blob", "about"}:
            return True
        if u.hostname in LOOPBACK:
            return True
        self.outside.append(url)
        return False

    def _route(self, route):
        if self._check(route.request.url):
            route.continue_()
        else:
            route.abort()

    def open(self, url: str):
        self.page.goto(url)
        self.wait_until_drawn()
        return self.page

    def wait_until_drawn(self, timeout=60_000):
        self.page.wait_for_selector("[data-testid='stApp']", timeout=timeout)
        self.page.wait_for_selector("[data-test-script-state='notRunning']", state="attached", timeout=timeout)

    def close(self):
        self.context.close()


@pytest.fixture
def visit(browser):
    opened = []

    def _open(**kw):
        v = Visit(browser, **kw)
        opened.append(v)
        return v

    yield _open
    for v in opened:
        v.close()
