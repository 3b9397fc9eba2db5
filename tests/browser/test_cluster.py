"""The deployment of docs/DEPLOY.md on this machine: deploy/local-cluster.sh up 2 (PostgreSQL, two replicas, nginx,
the health watcher), then what visitors and an editor see — a publish on one replica shown by the other, a replica
killed with kill -9 while sessions are open — and `down` leaving no process behind.

On its own ports and database (mbt_cluster_test, emptied first), so it never touches a cluster a person runs.
"""
import asyncio
import os
import re
import signal
import time

import pytest
from playwright.sync_api import expect

from benchmarks.harness import Cluster
from benchmarks.stclient import Session
from tests.browser.test_data_update import SECRET, publish_form, upload

pytestmark = [pytest.mark.browser, pytest.mark.cluster]
MAP_DRAWN = "document.querySelectorAll('path.choroplethlocation').length > 150"
PAGE_FAILED = "This page could not be shown"


def shows(date_words: str) -> str:
    return ("[...document.querySelectorAll('.legendtitletext, .gtitle')]"
            f".some(e => e.textContent.includes('{date_words}'))")


def in_thread(coroutine):
    """Run a coroutine to the end (Playwright's sync API holds this thread's event loop)."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result(timeout=120)


@pytest.fixture(scope="module")
def cluster():
    c = Cluster(2, env={"MBT_EDITOR_SECRET": SECRET})
    try:
        assert f"the map at {c.url}" in c.up_said
        yield c
    finally:
        down = c.stop()
    assert down.returncode == 0, down.stderr[-2000:]
    assert c.left == [], f"still running after down: {c.left}"
    assert not list(c.folder.glob("*.pid")), list(c.folder.glob("*.pid"))


def test_up_serves_the_map_through_nginx_compressed(cluster, visit):
    status = cluster.script("status")
    assert status.returncode == 0, status.stdout
    assert status.stdout.count("healthy") == 2
    v = visit(width=1440, height=900)
    v.open(cluster.url + "/?date=2025-12-01")
    v.page.wait_for_function(MAP_DRAWN, timeout=60_000)
    v.page.wait_for_function(shows("1 December 2025"), timeout=30_000)
    # Streamlit's bundles come from nginx, precompressed and cached for a year
    plotly = v.page.evaluate("performance.getEntriesByType('resource').map(e => e.name)"
                             ".find(n => /PlotlyChart.*\\.js$/.test(n))")
    import urllib.request
    req = urllib.request.Request(plotly, headers={"Accept-Encoding": "br, gzip"})
    with urllib.request.urlopen(req, timeout=10) as r:
        assert r.headers["Content-Encoding"] == "br"
        assert "immutable" in r.headers["Cache-Control"]
    assert v.outside == [] and v.errors == []


def test_a_publish_on_one_replica_is_shown_by_the_other(cluster, visit):
    one, two = cluster.replicas

    async def impact_on(base):
        s = Session(base)
        await s.connect()
        try:
            await s.run()
            return " ".join((await s.run(page="impact")).texts)
        finally:
            await s.close()

    assert "recorded 6,279 casualties" in in_thread(impact_on(two))
    v = visit(width=1400, height=1000)
    page = v.open(f"{one}/data?dataset=casualties_global")  # the editor is on replica 1
    upload(page, "casualties_fixed.csv")
    expect(page.get_by_text("Valid: 26 row(s)")).to_be_visible(timeout=30_000)
    publish_form(page, "A. Analyst", "cluster test", SECRET)
    expect(page.get_by_text("Published casualties_global version 1")).to_be_visible(timeout=30_000)
    published = time.monotonic()
    seen = None
    while time.monotonic() - published < 15:  # replica 2 re-reads the versions every 2 s
        if "recorded 6,300 casualties" in in_thread(impact_on(two)):
            seen = time.monotonic() - published
            break
        time.sleep(0.2)
    assert seen is not None and seen < 5, f"replica 2 showed the publish after {seen} s"
    print(f"a publish on replica 1 was shown by replica 2 after {seen:.2f} s")
    fresh = visit(width=1200, height=900)  # and a visitor through nginx, whichever replica
    fresh.open(cluster.url + "/impact")
    expect(fresh.page.get_by_text("In 2024 the Landmine Monitor recorded")).to_contain_text("6,300", timeout=60_000)
    assert v.errors == [] and fresh.errors == [] and fresh.outside == []


def test_a_replica_killed_while_sessions_are_open(cluster, visit):
    one = cluster.replicas[0]
    sessions = []  # (visit, replica) until each replica holds at least two
    for _ in range(16):
        v = visit(width=1280, height=800)
        v.open(cluster.url + "/?date=2025-12-01")
        v.page.wait_for_function(MAP_DRAWN, timeout=60_000)
        route = next(c["value"] for c in v.context.cookies() if c["name"] == "mbt_route")
        sessions.append((v, cluster.replica_of(route)))
        on = [r for _, r in sessions]
        if min(on.count(r) for r in cluster.replicas) >= 2:
            break
    on = [r for _, r in sessions]
    assert min(on.count(r) for r in cluster.replicas) >= 2, on

    os.kill(cluster.pid("replica-1"), signal.SIGKILL)
    for v, replica in sessions:
        page = v.page
        # every session still works: a click needs a live session, on replica 2 for those replica 1 held
        page.get_by_role("button", name=re.compile(r"^Poland leaves")).click(timeout=60_000)
        page.wait_for_function(shows("20 February 2026"), timeout=60_000)
        v.wait_until_drawn()
        body = page.inner_text("body")
        assert PAGE_FAILED not in body and "Connection error" not in body, (replica, body[:500])
        assert page.get_by_test_id("stException").count() == 0
        assert v.failed == [] and v.outside == [], (replica, v.failed, v.outside)
    # new visitors never reach the dead replica
    for _ in range(4):
        v = visit(width=1280, height=800)
        v.open(cluster.url + "/")
        v.page.wait_for_function(MAP_DRAWN, timeout=60_000)
        assert v.errors == [] and v.outside == []
    status = cluster.script("status")
    assert status.returncode == 3 and "replica 1    not running" in status.stdout, status.stdout
    assert any(one.split("//")[1] in line and "failing" in line
               for line in (cluster.folder / "watch.log").read_text().splitlines())
