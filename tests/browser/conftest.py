"""Fixtures for the browser tests, on the dev harness (benchmarks/harness.py): the app on a free loopback port,
Debian's Chromium driven through Playwright (no browser download)."""
import shutil

import pytest

from benchmarks.harness import CHROMIUM, Server, Visit, launch_chromium


@pytest.fixture(scope="session")
def app_url():
    with Server("serve.py") as server:
        yield server.url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not shutil.which(CHROMIUM):
        pytest.fail(f"{CHROMIUM} not found: install Debian's chromium (the README's test command does)")
    with sync_playwright() as p:
        b = launch_chromium(p)
        yield b
        b.close()


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
